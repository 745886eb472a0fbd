//! Writes the decision vectors to stdout:
//! `cargo run --example vectors > tests/vectors/decisions.json`.
//! The generator itself is `tests/vectors/generate.rs`, shared with the
//! native test that keeps the committed file in step with it.

#![allow(clippy::indexing_slicing)]

#[path = "../tests/vectors/generate.rs"]
mod generate;

use std::process::ExitCode;

fn main() -> ExitCode {
    match exposure_gate::Gate::builtin().map_err(|e| e.to_string()).and_then(|gate| generate::generate(&gate)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("vectors: {err}");
            ExitCode::FAILURE
        }
    }
}
