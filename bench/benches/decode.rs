//! Decoding: each page typed, naive and at the floor; and the typed decode of
//! pages of 10 to 10,000 items.
//!
//! `cargo bench -p bench --bench decode`; `cargo xtask bench` reads the
//! results from `target/criterion/`.

use std::hint::black_box;

use bench::{Kind, check, fixture};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// The pages of the scaling table.
pub const SCALING: [Kind; 2] = [Kind::SaplabOrders, Kind::UcozBaskets];
/// Items a page in the scaling table.
pub const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

fn decode(c: &mut Criterion) {
    for kind in Kind::ALL {
        let page = fixture(kind).expect("fixtures/bench/ is there");
        check(kind, &page.wire, &page.native, page.items).expect("the page decodes");
        let mut group = c.benchmark_group(format!("decode/{}", kind.fixture_name()));
        group.throughput(Throughput::Bytes(page.wire.len() as u64));
        group.bench_function("typed", |b| b.iter(|| kind.typed(black_box(&page.wire))));
        group.bench_function("naive", |b| b.iter(|| kind.naive(black_box(&page.wire))));
        group.bench_function("floor", |b| b.iter(|| kind.floor(black_box(&page.native))));
        group.finish();
    }
}

fn scaling(c: &mut Criterion) {
    for kind in SCALING {
        let mut group = c.benchmark_group(format!("scaling/{kind:?}"));
        for items in SIZES {
            let page = kind.generate(items);
            check(kind, page.wire.as_bytes(), page.native.as_bytes(), items)
                .expect("the page decodes");
            group.throughput(Throughput::Elements(items as u64));
            group.bench_with_input(BenchmarkId::from_parameter(items), &page, |b, page| {
                b.iter(|| kind.typed(black_box(page.wire.as_bytes())))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, decode, scaling);
criterion_main!(benches);
