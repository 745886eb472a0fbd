//! `exposure-gate`: the command-line skin over the library.
//!
//! `main` only dispatches: each subcommand lives in its own file, reads its
//! flags with [`args::Args`], and returns an [`Outcome`]. Exit status: 0 when
//! allowed (or for reports), 1 when denied, 2 for bad input, with a one-line
//! error on stderr.

mod args;
mod check;
mod explain;
mod lint;
mod matrix;
mod output;
mod who_can;

use std::process::ExitCode;

use args::Args;

const USAGE: &str = "\
exposure-gate: what a Security Exposure Management user may do, and why

Usage:
  exposure-gate check --roles ROLE[,ROLE] --action ACTION [--groups G[,G]]
                      [--tvm-permissions P[,P]] [--tvm-roles R[,R]] [--json]
  exposure-gate matrix [--format md|csv|json]
  exposure-gate who-can ACTION [--json]
  exposure-gate explain ACTION [--json]
  exposure-gate lint [--json]

Every command takes --policy FILE (a policy document; default: the built-in one).
Roles are role ids (security-reader) or Entra role template IDs, any case.
Exit status: 0 allowed, 1 denied, 2 bad input.";

/// What a subcommand ends with.
pub(crate) enum Outcome {
    /// A report, or an allowed decision: exit 0.
    Done,
    /// A denied decision: exit 1.
    Denied,
}

/// Why a command could not answer: a one-line message, exit 2.
pub(crate) type CliResult = Result<Outcome, String>;

fn main() -> ExitCode {
    let mut raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.is_empty() || matches!(raw.first().map(String::as_str), Some("-h" | "--help" | "help")) {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if matches!(raw.first().map(String::as_str), Some("-V" | "--version")) {
        println!("exposure-gate {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let command = raw.remove(0);
    let result = Args::parse(raw).and_then(|args| match command.as_str() {
        "check" => check::run(args),
        "matrix" => matrix::run(args),
        "who-can" => who_can::run(args),
        "explain" => explain::run(args),
        "lint" => lint::run(args),
        other => Err(args::unknown("command", other, &["check", "matrix", "who-can", "explain", "lint"])),
    });
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Denied) => ExitCode::from(1),
        Err(message) => {
            eprintln!("exposure-gate: error: {message}");
            ExitCode::from(2)
        }
    }
}
