#![doc = include_str!("../README.md")]
//!
//! ## Where things are
//!
//! [`policy`] holds the document types, the embedded built-in policy, the
//! compiled form of a policy, validation and lint; [`Gate`] evaluates; [`Subject`] is the question's
//! "who", resolved once into a [`ResolvedSubject`] for fast repeated checks;
//! [`Decision`] is the answer with its reason; [`Error`] is the one error type.
//! [`limits`] lists every size limit in one place. [`prereq`] checks the prerequisites (licensing, workspace, browser, TVM
//! device and fleet readiness) against the policy's prerequisite tables.
//! The skins (`wasm`, the CLI, the server) only translate.
// The gate-only and runtime wasm modules leave out the prerequisite calls
// (and the runtime one, policy documents), so the core's readers and
// packers that only those use are unused there; the full build is where
// unused code is caught.
#![cfg_attr(
    all(target_arch = "wasm32", not(all(feature = "wasm-prerequisites", feature = "wasm-policy-documents"))),
    allow(dead_code, unused_imports)
)]

mod bitset;
mod decision;
mod error;
mod fold;
mod gate;
mod id_map;
mod json;
pub mod limits;
pub mod policy;
pub mod prereq;
mod prose;
mod sorted;
mod subject;
mod suggest;
mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub mod server;

pub use decision::{Decision, Matrix, Reason, ReasonCode};
pub use error::{Error, ErrorCode, Result};
pub use gate::Gate;
pub use subject::{DeviceGroups, ResolvedSubject, Subject};
