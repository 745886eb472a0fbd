//! `exposure-gate`: the command-line skin over the library.
//!
//! `main` only dispatches: each subcommand lives in its own file, reads its
//! flags with [`args::Args`], and returns an [`Outcome`]. Exit status: 0 when
//! allowed (or for reports), 1 when denied, 2 for bad input, with a one-line
//! error on stderr.

mod args;
mod check;
mod compile;
mod devices;
mod explain;
mod licensing;
mod lint;
mod matrix;
mod output;
mod progress;
#[cfg(feature = "server")]
mod serve;
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
  exposure-gate compile --out FILE   (the policy in compiled form, for exposure-gate/runtime)
  exposure-gate licensing [--licenses L[,L]] [--workloads W[,W]] [--defender-cspm] [--json]
  exposure-gate devices FILE [--format csv|json] [--show N] [--json]
  exposure-gate serve [--addr 127.0.0.1:8080] [--db PATH] [--jwks FILE --issuer ISS --audience AUD]
                      [--groups-claim NAME] [--tvm-roles-claim NAME] [--tvm-permissions-claim NAME]
                      [--www DIR] [--pkg DIR]   (built with --features server; dev mode without --jwks)

Every command takes --policy FILE (a policy document; default: the built-in one).
Roles are role ids (security-reader) or Entra role template IDs, any case.
Licences are catalogue ids (m365-e5) or Graph SKU part numbers (SPE_E5).
FILE is a device list: CSV with a header (id,onboarded,os,osVersion,installedKbs,
intune,configMgr,securityRecommendations,tags,coManaged) or JSON (a list of devices).
Exit status: 0 allowed (and for reports), 1 denied, 2 bad input.";

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
        "compile" => compile::run(args),
        "licensing" => licensing::run(args),
        "devices" => devices::run(args),
        #[cfg(feature = "server")]
        "serve" => serve::run(args),
        #[cfg(not(feature = "server"))]
        "serve" => Err("this build has no server: build it with `cargo build --features server`".into()),
        other => Err(args::unknown(
            "command",
            other,
            &["check", "matrix", "who-can", "explain", "lint", "compile", "licensing", "devices", "serve"],
        )),
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
