//! What the fuzz targets share: the built-in gate, loaded once per process
//! (loading the policy on every input would cost more than the checks that
//! the targets are there to exercise).

use std::sync::OnceLock;

use exposure_gate::{Gate, Subject};

/// The built-in gate, built on first use.
pub fn gate() -> &'static Gate {
    static GATE: OnceLock<Gate> = OnceLock::new();
    GATE.get_or_init(|| Gate::builtin().expect("built-in policy"))
}

/// Asserts that a loaded gate's every check of one role agrees with its
/// matrix, and that an allowed decision names what grants it.
pub fn assert_checks_match_the_matrix(gate: &Gate) {
    let matrix = gate.matrix();
    for (a, action) in matrix.actions.iter().enumerate() {
        for (r, role) in matrix.roles.iter().enumerate() {
            let d = gate.check(&Subject::with_roles([role.as_str()]), action).expect("known ids");
            assert_eq!(d.allowed, matrix.allowed[a][r]);
            assert_eq!(d.allowed, !d.granted_by.is_empty());
        }
    }
}
