//! Building and signing: OAuth 1.0a over a ten-parameter uCoz PUT against the
//! bare HMAC-SHA1 of the same base string; building SapLab requests.

use std::hint::black_box;

use bench::signing::{SignedPut, bare_hmac};
use criterion::{Criterion, criterion_group, criterion_main};

fn sign(c: &mut Criterion) {
    let put = SignedPut::new();
    let base = put.base_string();
    assert_eq!(
        ucoz_proto::oauth::hmac_sha1(&put.key, &base),
        put.sign(),
        "the floor signs the same base string"
    );
    let mut group = c.benchmark_group("sign/ucoz_put_10");
    group.bench_function("signature", |b| b.iter(|| black_box(&put).sign()));
    group.bench_function("bare_hmac", |b| {
        b.iter(|| bare_hmac(black_box(put.key.as_bytes()), black_box(base.as_bytes())))
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    for (name, build) in bench::building::ALL {
        group.bench_function(*name, |b| b.iter(build));
    }
    group.finish();
}

criterion_group!(benches, sign, build);
criterion_main!(benches);
