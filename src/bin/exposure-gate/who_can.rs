//! `exposure-gate who-can ACTION`: the roles that grant an action.

use crate::args::Args;
use crate::{output, CliResult, Outcome};

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let action = args.positional("ACTION")?;
    let as_json = args.switch("json")?;
    args.finish()?;
    let roles = gate.who_can(&action).map_err(|e| e.to_string())?;
    if as_json {
        output::json(&roles)?;
    } else {
        for role in roles {
            println!("{role}");
        }
    }
    Ok(Outcome::Done)
}
