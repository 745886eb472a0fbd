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

#[path = "../src/prereq/generated_fleet.rs"]
mod generated_fleet;
use generated_fleet::generated;

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
