//! `exposure-gate explain ACTION`: everything the policy says of an action.

use serde::Serialize;

use crate::args::Args;
use crate::{output, CliResult, Outcome};

/// The explanation, as printed with `--json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Explanation<'a> {
    action: &'a exposure_gate::policy::ActionDef,
    who_can: Vec<&'a str>,
    least_privileged_roles: Vec<&'a str>,
    held_by_tvm_roles: Vec<&'a str>,
}

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let id = args.positional("ACTION")?;
    let as_json = args.switch("json")?;
    args.finish()?;
    let who_can = gate.who_can(&id).map_err(|e| e.to_string())?;
    let least = gate.least_privileged_roles(&id).map_err(|e| e.to_string())?;
    let Some(action) = gate.actions().iter().find(|a| a.id == id) else {
        return Err(format!("unknown action `{id}`"));
    };
    let held_by_tvm_roles: Vec<&str> = match &action.tvm_permission {
        None => Vec::new(),
        Some(p) => gate.tvm_roles().iter().filter(|r| r.permissions.contains(p)).map(|r| r.id.as_str()).collect(),
    };
    let explanation = Explanation { action, who_can, least_privileged_roles: least, held_by_tvm_roles };
    if as_json {
        output::json(&explanation)?;
        return Ok(Outcome::Done);
    }
    let e = &explanation;
    println!("{} ({})", e.action.label, e.action.id);
    println!("  kind:            {}", e.action.kind.as_str());
    println!("  granted by:      {}", if e.who_can.is_empty() { "no role".to_owned() } else { e.who_can.join(", ") });
    if !e.least_privileged_roles.is_empty() {
        println!("  least privilege: {}", e.least_privileged_roles.join(" or "));
    }
    if let Some(p) = &e.action.tvm_permission {
        println!("  TVM permission:  {p} (held by TVM roles: {})", e.held_by_tvm_roles.join(", "));
    }
    if e.action.scoped {
        println!("  device scope:    denied to users scoped to some device groups");
    }
    if !e.action.source.is_empty() {
        println!("  source:          {}", e.action.source);
    }
    Ok(Outcome::Done)
}
