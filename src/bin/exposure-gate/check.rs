//! `exposure-gate check`: one decision for one subject and action.

use exposure_gate::{DeviceGroups, Subject};

use crate::args::Args;
use crate::{output, CliResult};

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let roles = args.list("roles")?;
    let action = args.value("action")?.ok_or("missing `--action ACTION`")?;
    let groups = args.value("groups")?;
    let tvm_permissions = args.list("tvm-permissions")?;
    let tvm_roles = args.list("tvm-roles")?;
    let as_json = args.switch("json")?;
    args.finish()?;
    let device_groups = match groups {
        None => DeviceGroups::All,
        Some(g) if g == "all" => DeviceGroups::All,
        Some(g) => DeviceGroups::Only(g.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()),
    };
    let subject = Subject { roles, device_groups, tvm_permissions, tvm_roles };
    let decision = gate.check(&subject, &action).map_err(|e| e.to_string())?;
    output::decision(&decision, as_json)
}
