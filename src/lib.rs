//! # exposure-gate
//!
//! What a user of Microsoft Security Exposure Management may do, what their
//! device-group scope hides from them, and why: one core in plain Rust, with
//! thin skins for WebAssembly (`src/wasm/`), the command line
//! (`src/bin/exposure-gate/`) and, later, the server.
//!
//! ```
//! use exposure_gate::{Gate, Subject};
//!
//! let gate = Gate::builtin()?;
//! let reader = Subject::with_roles(["security-reader"]);
//! let decision = gate.check(&reader, "manage-recommendations")?;
//! assert!(!decision.allowed);
//! assert_eq!(decision.least_privileged_roles, ["security-admin"]);
//! # Ok::<(), exposure_gate::Error>(())
//! ```
//!
//! Layout: [`policy`] holds the document types, the embedded built-in policy,
//! validation and lint; [`Gate`] evaluates; [`Subject`] is the question's
//! "who", resolved once into a [`ResolvedSubject`] for fast repeated checks;
//! [`Decision`] is the answer with its reason; [`Error`] is the one error type.

mod bitset;
mod decision;
mod error;
mod gate;
mod json;
pub mod policy;
mod subject;
mod suggest;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use decision::{Decision, Matrix, Reason, ReasonCode};
pub use error::{Error, ErrorCode, Result};
pub use gate::Gate;
pub use subject::{DeviceGroups, ResolvedSubject, Subject};
