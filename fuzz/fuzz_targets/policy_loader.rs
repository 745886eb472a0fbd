//! Any bytes as a policy document: loads or is an `invalid-policy` error,
//! never a panic; a loaded policy answers every view consistently.
#![no_main]

use exposure_gate::{ErrorCode, Gate, Subject};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Gate::from_json(text) {
        Err(err) => assert_eq!(err.code(), ErrorCode::InvalidPolicy),
        Ok(gate) => {
            let matrix = gate.matrix();
            for (a, action) in matrix.actions.iter().enumerate() {
                for (r, role) in matrix.roles.iter().enumerate() {
                    let d = gate.check(&Subject::with_roles([role.as_str()]), action).expect("known ids");
                    assert_eq!(d.allowed, matrix.allowed[a][r]);
                    assert_eq!(d.allowed, !d.granted_by.is_empty());
                }
            }
            let again = Gate::from_json(&serde_json::to_string(gate.document()).expect("serializes")).expect("round-trips");
            assert_eq!(again.matrix(), matrix);
            let _ = gate.lint();
        }
    }
});
