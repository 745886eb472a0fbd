//! Printing shared by the subcommands: JSON for machines, and a decision in
//! words for people.

use exposure_gate::Decision;
use serde::Serialize;

use crate::{CliResult, Outcome};

/// Print `value` as pretty JSON.
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

/// Print a decision (as JSON with `--json`) and exit 1 when it is a denial.
pub(crate) fn decision(d: &Decision, as_json: bool) -> CliResult {
    if as_json {
        json(d)?;
    } else {
        println!("{}: {}", if d.allowed { "allowed" } else { "denied" }, d.reason.message);
        if !d.allowed && !d.least_privileged_roles.is_empty() {
            println!("least privileged role: {}", d.least_privileged_roles.join(" or "));
        }
    }
    Ok(if d.allowed { Outcome::Done } else { Outcome::Denied })
}
