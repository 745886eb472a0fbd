//! Native integration tests, one binary with a module per area of `src/`.

mod core;
