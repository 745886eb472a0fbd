//! `exposure-gate licensing`: a tenant's licensing level for Exposure
//! Management, whether Defender for Cloud recommendations flow in, and what
//! is missing.

use exposure_gate::prereq::LicensingInput;

use crate::args::Args;
use crate::{output, CliResult, Outcome};

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let licenses = args.list("licenses")?;
    let workloads = args.list("workloads")?;
    let defender_cspm = args.switch("defender-cspm")?;
    let as_json = args.switch("json")?;
    args.finish()?;
    let report = gate.licensing(&LicensingInput { licenses, workloads, defender_cspm });
    if as_json {
        output::json(&report)?;
        return Ok(Outcome::Done);
    }
    println!("level: {}", report.level.as_str());
    println!("{}", report.message);
    if !report.workloads.is_empty() {
        println!("workloads: {}", report.workloads.join(", "));
    }
    println!(
        "Defender for Cloud recommendations: {}",
        if report.defender_for_cloud_recommendations { "yes" } else { "no (they need the Defender CSPM plan)" }
    );
    output::missing(&report.missing);
    Ok(Outcome::Done)
}
