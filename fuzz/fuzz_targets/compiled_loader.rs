//! Any bytes as a compiled policy: loads or is an `invalid-policy` error,
//! never a panic or a reservation the bytes do not back; a loaded policy
//! answers every view consistently, compiles back to bytes that load as the
//! same policy, and is the policy its document gives as JSON.
#![no_main]

use exposure_gate::{ErrorCode, Gate};
use exposure_gate_fuzz::assert_checks_match_the_matrix;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match Gate::from_compiled(data) {
        Err(err) => assert_eq!(err.code(), ErrorCode::InvalidPolicy),
        Ok(gate) => {
            assert_checks_match_the_matrix(&gate);
            let bytes = gate.to_compiled().expect("a compiled policy has no tables of its own");
            let again = Gate::from_compiled(&bytes).expect("round-trips");
            assert_eq!(again.document(), gate.document());
            let json = Gate::from_json(&serde_json::to_string(gate.document()).expect("serializes")).expect("as JSON too");
            assert_eq!(json.matrix(), gate.matrix());
        }
    }
});
