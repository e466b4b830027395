//! The committed benchmark pages are the generator's output, and every page
//! decodes all three ways to the same number of items.

use bench::{Kind, check, fixture, generator};

#[test]
fn committed_pages_are_what_the_generator_writes() {
    for page in generator::fixtures() {
        let kind = Kind::ALL
            .into_iter()
            .find(|kind| kind.fixture_name() == page.name)
            .unwrap_or_else(|| panic!("{} is not a benchmark page", page.name));
        let committed =
            fixture(kind).expect("run `cargo run -p bench --bin generate-bench-fixtures`");
        assert!(
            committed.wire == page.wire.as_bytes() && committed.native == page.native.as_bytes(),
            "fixtures/bench/{}.json differs from the generator's output",
            page.name
        );
    }
}

#[test]
fn every_page_decodes_three_ways_to_all_its_items() {
    for kind in Kind::ALL {
        let page = fixture(kind).unwrap();
        check(kind, &page.wire, &page.native, page.items).unwrap();
    }
}

#[test]
fn scaling_pages_decode_too() {
    for kind in [Kind::SaplabOrders, Kind::UcozBaskets] {
        for items in [10, 1_000] {
            let page = kind.generate(items);
            check(kind, page.wire.as_bytes(), page.native.as_bytes(), items).unwrap();
        }
    }
}

#[test]
fn wire_text_is_escaped_as_the_servers_escape_it() {
    let page = fixture(Kind::SaplabOrders).unwrap();
    let wire = String::from_utf8(page.wire).unwrap();
    assert!(wire.is_ascii(), "non-ASCII left unescaped");
    assert!(wire.contains(r"\u041f"), "no escaped Cyrillic");
    assert!(
        !wire.contains("\":true") && !wire.contains("\":false"),
        "native booleans on the wire"
    );
}
