//! Decodes one page one way, `N` times: a target for `valgrind --tool=callgrind`.
//!
//! `bench-profile KIND WAY [N]`, KIND one of `saplab_orders_150`, …; WAY one
//! of `typed`, `naive`, `floor`, `none` (reads the page only, for the baseline).
//!
//! `bench-profile scale KIND ITEMS WAY` decodes a generated page of ITEMS
//! items once (WAY `typed` or `none`, which only generates it), for the
//! scaling table's instruction counts; KIND as in `Kind`'s `Debug`
//! (`SaplabOrders`).
//!
//! `bench-profile KIND time` instead times the typed decode as the peers'
//! scripts time theirs (`bench/peers/`): rounds of about 50 ms, the best of
//! seven, printed in nanoseconds per decode.

use std::hint::black_box;

use bench::{Kind, fixture};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(name), Some(way)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: bench-profile KIND typed|naive|floor|none [N]");
        std::process::exit(2);
    };
    let times: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(1);
    if name == "scale" {
        let (Some(kind), Some(items), Some(way)) = (
            Kind::ALL
                .into_iter()
                .find(|k| Some(format!("{k:?}")) == args.get(2).cloned()),
            args.get(3).and_then(|n| n.parse::<usize>().ok()),
            args.get(4),
        ) else {
            eprintln!("usage: bench-profile scale KIND ITEMS typed|none");
            std::process::exit(2);
        };
        let page = kind.generate(items);
        if way == "typed" {
            assert_eq!(
                kind.typed(black_box(page.wire.as_bytes())).ok(),
                Some(items)
            );
        }
        return;
    }
    if name == "sign" {
        let put = bench::signing::SignedPut::new();
        let (key, base) = (put.key.clone(), put.base_string());
        for _ in 0..times {
            match way.as_str() {
                "typed" => drop(black_box(put.sign())),
                "floor" => drop(black_box(bench::signing::bare_hmac(
                    key.as_bytes(),
                    base.as_bytes(),
                ))),
                _ => {}
            }
        }
        return;
    }
    let Some(kind) = Kind::ALL.into_iter().find(|k| &k.fixture_name() == name) else {
        eprintln!("no page named {name}");
        std::process::exit(2);
    };
    let page = fixture(kind).expect("fixtures/bench/ is there");
    if way == "time" {
        println!(
            "{}",
            best_of_rounds(|| kind.typed(black_box(&page.wire)).is_ok())
        );
        return;
    }
    for _ in 0..times {
        let items = match way.as_str() {
            "typed" => kind.typed(black_box(&page.wire)).map_err(|e| e.to_string()),
            "naive" => kind.naive(black_box(&page.wire)).map_err(|e| e.to_string()),
            "floor" => kind
                .floor(black_box(&page.native))
                .map_err(|e| e.to_string()),
            _ => Ok(black_box(page.items)),
        };
        assert_eq!(items, Ok(page.items));
    }
}

/// Nanoseconds per call of `decode`, best of seven rounds of about 50 ms.
fn best_of_rounds(mut decode: impl FnMut() -> bool) -> u128 {
    use std::time::Instant;
    let start = Instant::now();
    assert!(decode(), "the page decodes");
    let one = start.elapsed().as_nanos().max(1);
    let calls = (50_000_000 / one).max(1);
    (0..7)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                black_box(decode());
            }
            start.elapsed().as_nanos() / calls
        })
        .min()
        .unwrap_or(0)
}
