//! TEMPORARY lib.rs for branch `prereq` only (phase 1 of issue 4).
//!
//! The core (`Gate`, `policy` compile, `wasm`) is being written on `main`;
//! until it lands, this minimal root exports only what the prerequisite
//! checks need so that `cargo test --lib prereq` builds. On integration,
//! main's `lib.rs` wins and gains `pub mod prereq;`.

mod error;
/// The policy document types (only the document part, until main's `policy`
/// module lands).
pub mod policy {
    pub mod document;
}
pub mod prereq;
mod suggest;

pub use error::{Error, ErrorCode, Result};
