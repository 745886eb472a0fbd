//! The native hot paths (goal: one check through a resolved subject in at
//! most 20 ns).
//!
//! `cargo bench --bench check`. The subject is a Security Operator scoped to
//! one device group, so that grants and the scope rule both take part; each
//! iteration asks about the 18 actions of the permission table in turn.
//!
//! - `check/resolved_can`: [`ResolvedSubject::can`], per action: an id lookup
//!   and a bit test (what the servers and the CLI do per question);
//! - `check/gate_check`: [`Gate::check`], per action: resolving the subject
//!   and building the full [`Decision`](exposure_gate::Decision) with its sentence;
//! - `check/check_all`: [`ResolvedSubject::check_all`], every action's Decision;
//! - `check/resolve`: [`Gate::resolve`], the subject resolved once;
//! - `check/builtin`: [`Gate::builtin`], the embedded policy parsed, validated
//!   and indexed (the native part of a cold start).

// A benchmark harness, not library code: a broken setup should stop the run,
// and criterion_group! generates an undocumented pub fn.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use exposure_gate::{Gate, Subject};

fn bench(c: &mut Criterion) {
    let gate = Gate::builtin().unwrap();
    let table: Vec<&str> = gate.actions().iter().take(18).map(|a| a.id.as_str()).collect();
    let subject = Subject::with_roles(["security-operator"]).scoped_to(["Finance"]);
    let me = gate.resolve(&subject).unwrap();
    assert!(me.can("toggle-criticality-rule").unwrap() && !me.can("query-exposure-graph").unwrap());

    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(table.len() as u64));
    group.bench_function("resolved_can", |b| {
        b.iter(|| table.iter().filter(|a| me.can(black_box(a)).unwrap_or(false)).count())
    });
    group.sample_size(30);
    group.bench_function("gate_check", |b| {
        b.iter(|| table.iter().filter(|a| gate.check(black_box(&subject), a).is_ok_and(|d| d.allowed)).count())
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("check_all", |b| b.iter(|| black_box(&me).check_all().len()));
    group.bench_function("resolve", |b| b.iter(|| gate.resolve(black_box(&subject)).is_ok()));
    group.bench_function("builtin", |b| b.iter(|| Gate::builtin().is_ok()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
