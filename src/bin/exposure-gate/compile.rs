//! `exposure-gate compile`: write the policy in compiled form, the bytes
//! that `Gate.fromCompiled` of the npm entry `exposure-gate/runtime` loads.

use crate::args::Args;
use crate::{CliResult, Outcome};

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let out = args.value("out")?.ok_or("`compile` needs `--out FILE` (the compiled form is binary)")?;
    args.finish()?;
    let bytes = gate.to_compiled().map_err(|e| e.to_string())?;
    std::fs::write(&out, &bytes).map_err(|e| format!("cannot write `{out}`: {e}"))?;
    println!("{out}: {} bytes", bytes.len());
    Ok(Outcome::Done)
}
