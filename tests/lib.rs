//! Native integration tests, one binary with a module per area of `src/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod cli;
mod core;
mod properties;
#[cfg(feature = "server")]
mod server;
