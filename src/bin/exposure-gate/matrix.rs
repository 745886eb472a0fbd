//! `exposure-gate matrix`: the role-by-action table as Markdown, CSV or JSON.

use exposure_gate::Matrix;

use crate::args::Args;
use crate::{output, CliResult, Outcome};

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let format = args.value("format")?.unwrap_or_else(|| "md".to_owned());
    args.finish()?;
    let m = gate.matrix();
    match format.as_str() {
        "json" => output::json(&m)?,
        "md" => print!("{}", markdown(&m)),
        "csv" => print!("{}", csv(&m)),
        other => return Err(crate::args::unknown("format", other, &["md", "csv", "json"])),
    }
    Ok(Outcome::Done)
}

fn markdown(m: &Matrix) -> String {
    let mut out = format!("| Action | {} |\n", m.role_names.join(" | "));
    out.push_str(&format!("|---|{}\n", "---|".repeat(m.roles.len())));
    for (label, row) in m.action_labels.iter().zip(&m.allowed) {
        let cells: Vec<&str> = row.iter().map(|&a| if a { "✔" } else { "-" }).collect();
        out.push_str(&format!("| {label} | {} |\n", cells.join(" | ")));
    }
    out
}

fn csv(m: &Matrix) -> String {
    let mut out = format!("action,{}\n", m.roles.join(","));
    for (id, row) in m.actions.iter().zip(&m.allowed) {
        let cells: Vec<&str> = row.iter().map(|&a| if a { "1" } else { "0" }).collect();
        out.push_str(&format!("{id},{}\n", cells.join(",")));
    }
    out
}
