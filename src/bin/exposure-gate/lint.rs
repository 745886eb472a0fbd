//! `exposure-gate lint`: what the policy says that is legal but probably not meant.

use crate::args::Args;
use crate::{output, CliResult, Outcome};

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let as_json = args.switch("json")?;
    args.finish()?;
    let findings = gate.lint();
    if as_json {
        output::json(&findings)?;
    } else {
        for f in &findings {
            println!("{} {}: {}", f.pointer, f.code, f.message);
        }
        println!("{} finding(s)", findings.len());
    }
    Ok(Outcome::Done)
}
