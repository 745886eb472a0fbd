//! The fleet summary on 100,000 devices (goal: at most 50 ms natively).
//!
//! `cargo bench --bench fleet`. The fleet is generated deterministically by a
//! tiny linear congruential generator, so every run judges the same devices:
//! a mix of operating systems and spellings, Windows 10 versions given as
//! versions and as builds, and each prerequisite missing on some devices.
//!
//! - `fleet/evaluate`: [`prereq::fleet`] over devices already in memory (what
//!   the Gate does for a caller that holds typed devices);
//! - `fleet/json`: reading the same fleet from JSON text and summarising it
//!   (what `exposure-gate devices FILE.json` does);
//! - `fleet/csv`: the same from CSV text.

// A benchmark harness, not library code: a broken setup should stop the run,
// and criterion_group! generates an undocumented pub fn.
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use exposure_gate::prereq::{self, Device, Kb, Prerequisites};

const DEVICES: usize = 100_000;

fn generated(n: usize) -> Vec<Device> {
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
            let os = oses[next(oses.len() as u64) as usize];
            let os_version = (os == "Windows 10" || os == "Windows10")
                .then(|| versions[next(versions.len() as u64) as usize].to_owned());
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

fn to_csv(devices: &[Device]) -> String {
    let mut out =
        String::from("id,onboarded,os,osVersion,installedKbs,intune,configMgr,securityRecommendations,tags,coManaged\n");
    for d in devices {
        let kbs: Vec<String> = d.installed_kbs.iter().map(Kb::to_string).collect();
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            d.id,
            d.onboarded,
            d.os,
            d.os_version.as_deref().unwrap_or(""),
            kbs.join(";"),
            d.intune,
            d.config_mgr,
            d.security_recommendations,
            d.tags.join(";"),
            d.co_managed
        ));
    }
    out
}

fn bench(c: &mut Criterion) {
    let p = Prerequisites::builtin().unwrap();
    let devices = generated(DEVICES);
    let json = serde_json::to_string(&devices).unwrap();
    let csv = to_csv(&devices);

    let report = prereq::fleet(&p, &devices);
    assert_eq!(report.total, DEVICES);
    assert!(report.invalid.is_empty());
    assert_eq!(prereq::fleet(&p, &prereq::devices_from_json(&json).unwrap()), report);
    assert_eq!(prereq::fleet(&p, &prereq::devices_from_csv(&csv).unwrap()).ready, report.ready);
    eprintln!(
        "fleet of {DEVICES}: {} ready, {} not ready; by missing: {}",
        report.ready,
        report.not_ready,
        serde_json::to_string(&report.by_missing).unwrap()
    );

    let mut group = c.benchmark_group("fleet");
    group.sample_size(20);
    group.bench_function("evaluate", |b| b.iter(|| prereq::fleet(&p, black_box(&devices)).ready));
    group.bench_function("json", |b| {
        b.iter(|| {
            let entries = prereq::devices_from_json(black_box(&json)).unwrap();
            prereq::fleet(&p, &entries).ready
        })
    });
    group.bench_function("csv", |b| {
        b.iter(|| {
            let entries = prereq::devices_from_csv(black_box(&csv)).unwrap();
            prereq::fleet(&p, &entries).ready
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
