//! Any bytes as a fleet: the first byte picks the reader (even: JSON, odd:
//! CSV), the rest is the document. A malformed document is one
//! `invalid-input` error; otherwise every entry is judged or listed as
//! invalid, and the counts add up: `total = ready + notReady + invalid`,
//! each code's count is its blocked list's length and at most `notReady`,
//! the OS counts sum to the judged devices, and the per-device check agrees.
#![no_main]

use exposure_gate::prereq::{devices_from_csv, devices_from_json, DeviceCode, DeviceEntry};
use exposure_gate::ErrorCode;
use exposure_gate_fuzz::gate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let read = if pick % 2 == 0 { devices_from_json(text) } else { devices_from_csv(text) };
    let entries = match read {
        Ok(entries) => entries,
        Err(err) => return assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}"),
    };
    let gate = gate();
    let r = gate.fleet(&entries);
    assert_eq!(r.total, entries.len());
    assert_eq!(r.total, r.ready + r.not_ready + r.invalid.len());
    for code in DeviceCode::ALL {
        assert_eq!(*r.by_missing.get(code), r.blocked.get(code).len());
        assert!(*r.by_missing.get(code) <= r.not_ready);
    }
    assert_eq!(r.by_os.values().sum::<usize>(), r.ready + r.not_ready);
    assert!(r.invalid.windows(2).all(|w| w[0].index < w[1].index));
    assert!(r.invalid.iter().all(|e| e.index < r.total && e.error.code == "invalid-input"));
    let mut ready = 0;
    for (i, entry) in entries.iter().enumerate() {
        let listed = r.invalid.iter().any(|e| e.index == i);
        match entry {
            DeviceEntry::Invalid(bad) => {
                assert!(listed);
                assert_eq!(bad.error.code(), ErrorCode::InvalidInput);
            }
            DeviceEntry::Valid(d) => match gate.device(d) {
                Ok(report) => {
                    assert!(!listed);
                    ready += usize::from(report.ready);
                }
                Err(err) => {
                    assert!(listed);
                    assert_eq!(err.code(), ErrorCode::InvalidInput);
                }
            },
        }
    }
    assert_eq!(ready, r.ready);
});
