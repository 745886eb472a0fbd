//! Any bytes as one device in JSON: a report or an `invalid-input` error,
//! never a panic. A report is ready exactly when nothing is missing, names
//! the device, and agrees with the fleet of that one device.
#![no_main]

use exposure_gate::prereq::Device;
use exposure_gate::ErrorCode;
use exposure_gate_fuzz::gate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let device = match Device::from_json(text) {
        Ok(device) => device,
        Err(err) => return assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}"),
    };
    let gate = gate();
    let fleet = gate.fleet(std::slice::from_ref(&device));
    assert_eq!(fleet.total, 1);
    match gate.device(&device) {
        Err(err) => {
            assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
            assert_eq!(fleet.invalid.len(), 1, "the fleet refuses what the device check refuses");
        }
        Ok(report) => {
            assert_eq!(report.id, device.id);
            assert_eq!(report.ready, report.missing.is_empty());
            assert!(report.missing.iter().all(|m| !m.code.is_empty() && !m.message.is_empty() && !m.fix.is_empty()));
            assert_eq!((fleet.ready, fleet.not_ready), if report.ready { (1, 0) } else { (0, 1) });
            assert!(report.options.intune_security_task == device.intune);
        }
    }
});
