//! A deterministic fleet for the fleet tests and `benches/fleet.rs` (which
//! includes this file by path): a tiny linear congruential generator picks
//! each field, so every run sees the same devices, a mix of operating systems
//! and spellings, Windows 10 versions given as versions and as builds, and
//! each prerequisite missing on some devices. `bench/fleet.mjs` makes the same
//! draws in JS for the wasm figure: change both together.

use super::{Device, Kb};

/// `n` devices, the same ones on every call.
pub(crate) fn generated(n: usize) -> Vec<Device> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |range: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % range
    };
    let oses = ["Windows 10", "Windows10", "Windows 11", "WindowsServer2019", "macOS", "Linux", "Windows 8.1", "Android"];
    let versions = ["1709", "10.0.17134", "1809", "10.0.18362.1", "21H2", "22H2"];
    let kbs = [4493441, 4516071, 4493464, 4516045, 4516077, 4512941];
    (0..n)
        .map(|i| {
            let os = oses.get(next(oses.len() as u64) as usize).copied().unwrap_or("Windows 10");
            let os_version = (os == "Windows 10" || os == "Windows10")
                .then(|| versions.get(next(versions.len() as u64) as usize).copied().unwrap_or("1809").to_owned());
            Device {
                id: format!("dev-{i:06}"),
                onboarded: next(20) != 0,
                os: os.to_owned(),
                os_version,
                installed_kbs: kbs.iter().filter(|_| next(4) != 0).map(|&n| Kb::new(n)).collect(),
                intune: next(3) != 0,
                config_mgr: next(3) == 0,
                security_recommendations: next(5) as u32,
                tags: if next(2) == 0 { vec!["tier-1".to_owned()] } else { Vec::new() },
                co_managed: next(4) == 0,
            }
        })
        .collect()
}
