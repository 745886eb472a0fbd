//! What the fuzz targets share: the built-in gate, loaded once per process
//! (loading the policy on every input would cost more than the checks that
//! the targets are there to exercise).

use std::sync::OnceLock;

use exposure_gate::Gate;

/// The built-in gate, built on first use.
pub fn gate() -> &'static Gate {
    static GATE: OnceLock<Gate> = OnceLock::new();
    GATE.get_or_init(|| Gate::builtin().expect("built-in policy"))
}
