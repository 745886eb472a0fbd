//! Any bytes as a policy document: loads or is an `invalid-policy` error,
//! never a panic; a loaded policy answers every view consistently.
#![no_main]

use exposure_gate::{ErrorCode, Gate};
use exposure_gate_fuzz::assert_checks_match_the_matrix;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Gate::from_json(text) {
        Err(err) => assert_eq!(err.code(), ErrorCode::InvalidPolicy),
        Ok(gate) => {
            assert_checks_match_the_matrix(&gate);
            let matrix = gate.matrix();
            let again = Gate::from_json(&serde_json::to_string(gate.document()).expect("serializes")).expect("round-trips");
            assert_eq!(again.matrix(), matrix);
            let _ = gate.lint();
        }
    }
});
