//! Any bytes as "subject JSON \n action id": a decision or a typed error,
//! never a panic; an unknown id or malformed subject is never allowed.
#![no_main]

use exposure_gate::{ErrorCode, Subject};
use exposure_gate_fuzz::gate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (subject, action) = text.split_once('\n').unwrap_or((text, "view-metrics"));
    let gate = gate();
    let known_action = gate.actions().iter().any(|a| a.id == action);
    match Subject::from_json(subject) {
        Err(err) => assert_eq!(err.code(), ErrorCode::InvalidSubject),
        Ok(s) => match gate.check(&s, action) {
            Ok(d) => {
                assert!(known_action);
                assert_eq!(d.allowed, !d.granted_by.is_empty());
                let me = gate.resolve(&s).expect("resolved once, resolves again");
                assert_eq!(me.can(action).expect("known"), d.allowed);
            }
            Err(err) => {
                assert!(matches!(err.code(), ErrorCode::UnknownAction | ErrorCode::UnknownRole | ErrorCode::InvalidSubject));
                assert!(!known_action || gate.resolve(&s).is_err());
            }
        },
    }
});
