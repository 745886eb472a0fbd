//! `exposure-gate devices FILE`: threat and vulnerability management
//! readiness of a device list, CSV or JSON. A table for people, `--json` for
//! machines; a device that cannot be read is listed, and the others are still
//! judged.

use exposure_gate::prereq::{devices_from_csv_with_lines, devices_from_json, DeviceCode, FleetReport};

use crate::args::Args;
use crate::progress::Progress;
use crate::{output, CliResult, Outcome};

/// How many blocked device ids the table names per code, by default.
const SHOWN: usize = 5;

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let path = args.positional("FILE (a CSV or JSON device list)")?;
    let format = args.value("format")?;
    let as_json = args.switch("json")?;
    let shown = match args.value("show")? {
        None => SHOWN,
        Some(n) => n.parse().map_err(|_| format!("`--show` takes a number of device ids, not `{n}`"))?,
    };
    args.finish()?;

    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let progress = Progress::new(&path, size);
    let text = progress.read(&path)?;
    let csv = match format.as_deref() {
        Some("csv") => true,
        Some("json") => false,
        Some(other) => return Err(crate::args::unknown("format", other, &["csv", "json"])),
        None => is_csv(&path, &text),
    };
    progress.show(size, size, "parsing");
    let (entries, lines) = if csv {
        devices_from_csv_with_lines(&text).map_err(|e| format!("{path}: {e}"))?
    } else {
        (devices_from_json(&text).map_err(|e| format!("{path}: {e}"))?, Vec::new())
    };
    progress.show(size, size, "checking");
    let report = gate.fleet(&entries);
    progress.done();

    if as_json {
        output::json(&report)?;
    } else {
        print!("{}", table(&path, &report, &lines, shown));
    }
    Ok(Outcome::Done)
}

/// CSV unless the name says `.json` or the text starts like JSON.
fn is_csv(path: &str, text: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        return true;
    }
    if lower.ends_with(".json") {
        return false;
    }
    !text.trim_start_matches('\u{feff}').trim_start().starts_with(['[', '{'])
}

fn table(path: &str, r: &FleetReport<'_>, lines: &[usize], shown: usize) -> String {
    let mut out = format!(
        "{path}: {} devices: {} ready, {} not ready, {} invalid\n",
        r.total,
        r.ready,
        r.not_ready,
        r.invalid.len()
    );
    if r.not_ready > 0 {
        out.push_str(&format!("\n{:<20} {:>8}  fix\n", "missing", "devices"));
        for code in DeviceCode::ALL {
            let count = *r.by_missing.get(code);
            if count > 0 {
                out.push_str(&format!("{:<20} {count:>8}  {}\n", code.as_str(), code.fix()));
            }
        }
    }
    let counts = |map: &std::collections::BTreeMap<String, usize>| {
        map.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
    };
    if !r.by_os.is_empty() {
        out.push_str(&format!("\noperating systems:    {}\n", counts(&r.by_os)));
    }
    if !r.by_windows10_version.is_empty() {
        out.push_str(&format!("Windows 10 versions:  {}\n", counts(&r.by_windows10_version)));
    }
    if !r.missing_updates.is_empty() {
        out.push_str(&format!("missing updates:      {}\n", counts(&r.missing_updates)));
    }
    if r.not_ready > 0 && shown > 0 {
        out.push_str(&format!("\nblocked devices (at most {shown} per code; --json lists them all):\n"));
        for code in DeviceCode::ALL {
            let ids = r.blocked.get(code);
            if ids.is_empty() {
                continue;
            }
            let named: Vec<&str> = ids.iter().take(shown).copied().collect();
            let more = if ids.len() > shown { format!(" and {} more", ids.len() - shown) } else { String::new() };
            out.push_str(&format!("  {}: {}{more}\n", code.as_str(), named.join(", ")));
        }
    }
    if !r.invalid.is_empty() {
        out.push_str(&format!("\ninvalid devices ({}):\n", r.invalid.len()));
        for entry in &r.invalid {
            let message = &entry.error.message;
            let line = lines.get(entry.index);
            let bare = entry.error.pointer.as_ref().and_then(|p| message.strip_prefix(&format!("at `{p}`: ")));
            match (line, bare) {
                // CSV: say the line, unless the message already does.
                (Some(_), Some(bare)) if bare.starts_with("line ") => out.push_str(&format!("  {bare}\n")),
                (Some(line), Some(bare)) => out.push_str(&format!("  line {line}: {bare}\n")),
                _ => out.push_str(&format!("  {message}\n")),
            }
        }
    }
    out
}
