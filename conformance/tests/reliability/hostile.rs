//! Hostile bytes into every response decoder: arbitrary JSON, mutated
//! fixtures, nesting a hundred thousand deep, strings of 10 MB, numbers of
//! 10,000 digits, ids beyond `u64`. Each must give `Ok` or a typed error, never
//! a panic, and an error whose text stays small whatever the body's size.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use conformance::{CATALOGUE, Expect, Manifest, Role};
use proptest::prelude::*;
use serde_json::Value;

use crate::decoders::{self, Decoder};

/// An error's text may quote the body, but only an excerpt of it.
const MAX_ERROR_TEXT: usize = 4 * 1024;

/// Far beyond any decode of these inputs (milliseconds each): a hang guard,
/// not a speed check.
const HANG_GUARD: Duration = Duration::from_secs(30);

const STATUSES: [u16; 6] = [200, 201, 400, 401, 404, 500];

/// Parses, turning a panic into a test failure that names the input.
fn feed(decoder: &Decoder, status: u16, body: &[u8], what: &str) {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| (decoder.parse)(status, body)));
    let elapsed = started.elapsed();
    let result = outcome.unwrap_or_else(|_| panic!("{decoder:?} panicked on {what} ({status})"));
    assert!(
        elapsed < HANG_GUARD,
        "{decoder:?} took {elapsed:?} on {what} ({status})"
    );
    if let Err(error) = result {
        let text = shop_apis_core::report(&error);
        assert!(
            text.len() <= MAX_ERROR_TEXT,
            "{decoder:?} on {what} ({status}): an error of {} bytes",
            text.len()
        );
    }
}

fn of_api(api: &str) -> Vec<Decoder> {
    decoders::all()
        .into_iter()
        .filter(|d| d.api() == api)
        .collect()
}

/// Every endpoint in the conformance catalogue has its decoder in the list
/// the hostile tests and the fuzz targets use, and nothing else is there.
#[test]
fn every_endpoint_has_a_decoder() {
    let listed: BTreeSet<(String, String)> = decoders::all()
        .iter()
        .map(|d| (d.api().to_owned(), d.endpoint().to_owned()))
        .collect();
    let catalogue: BTreeSet<(String, String)> = CATALOGUE
        .iter()
        .map(|e| {
            let name = e.title.split(' ').next().unwrap();
            (e.api.to_owned(), name.to_owned())
        })
        .collect();
    assert_eq!(listed, catalogue);
    assert_eq!(decoders::all().len(), CATALOGUE.len(), "no decoder twice");
}

fn nested(depth: usize, open: &str, close: &str, inner: &str) -> Vec<u8> {
    let mut body = open.repeat(depth);
    body.push_str(inner);
    body.push_str(&close.repeat(depth));
    body.into_bytes()
}

fn huge_string() -> String {
    "Ж".repeat(5 * 1024 * 1024) // 10 MB of UTF-8
}

fn huge_number() -> String {
    let mut digits = String::from("9");
    digits.push_str(&"0".repeat(9_999));
    digits
}

/// Bodies no server should send, in the shapes the decoders look for.
fn hostile_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let huge = huge_string();
    // In an envelope every field gets a string: 1 MB each keeps the body near 10 MB.
    let large = "Ж".repeat(512 * 1024);
    let escaped = "\\u0416".repeat(170 * 1024); // 1 MB of escapes each
    let number = huge_number();
    let beyond = "18446744073709551616";
    let envelope = |inner: &str| {
        format!(
            r#"{{"status":"success","success":true,"error":{inner},"data":{inner},"response":{inner},"order_id":{inner},"id":{inner},"balance":{inner},"items":{inner},"text":{inner}}}"#
        )
        .into_bytes()
    };
    vec![
        ("arrays nested 100,000 deep", nested(100_000, "[", "]", "")),
        (
            "objects nested 100,000 deep",
            nested(100_000, r#"{"a":"#, "}", "1"),
        ),
        (
            "an envelope around arrays nested 100,000 deep",
            envelope(&String::from_utf8(nested(100_000, "[", "]", "")).unwrap()),
        ),
        ("a 10 MB string", format!("\"{huge}\"").into_bytes()),
        (
            "an envelope of 1 MB strings",
            envelope(&format!("\"{large}\"")),
        ),
        ("a 10 MB key", format!("{{\"{huge}\":1}}").into_bytes()),
        (
            "an envelope of 1 MB of \\u escapes",
            envelope(&format!("\"{escaped}\"")),
        ),
        ("a 10,000-digit number", number.clone().into_bytes()),
        ("an envelope of 10,000-digit numbers", envelope(&number)),
        (
            "an envelope of 10,000-digit numbers as text",
            envelope(&format!("\"{number}\"")),
        ),
        (
            "an envelope of 10,000-digit fractions",
            envelope(&format!("\"0.{number}\"")),
        ),
        ("an envelope of exponents", envelope("1e999999999")),
        ("an envelope of ids beyond u64", envelope(beyond)),
        (
            "an envelope of ids beyond u64 as text",
            envelope(&format!("\"{beyond}\"")),
        ),
        (
            "an id-keyed map with keys beyond u64",
            envelope(&format!(r#"{{"{beyond}":{{"id":"{beyond}"}}}}"#)),
        ),
        ("10 MB of NUL bytes", vec![0; 10 * 1024 * 1024]),
        ("10 MB of spaces", vec![b' '; 10 * 1024 * 1024]),
        ("an unterminated string", b"{\"status\":\"succ".to_vec()),
        ("invalid UTF-8", b"{\"status\":\"\xff\xfe\"}".to_vec()),
        ("a lone surrogate", br#"{"status":"\ud800"}"#.to_vec()),
    ]
}

fn hostile_bodies_into(api: &str) {
    let bodies = hostile_bodies();
    for decoder in of_api(api) {
        for (what, body) in &bodies {
            for status in STATUSES {
                feed(&decoder, status, body, what);
            }
        }
    }
}

#[test]
fn hostile_bodies_into_qnits() {
    hostile_bodies_into("qnits");
}

#[test]
fn hostile_bodies_into_saplab() {
    hostile_bodies_into("saplab");
}

#[test]
fn hostile_bodies_into_ucoz() {
    hostile_bodies_into("ucoz");
}

/// A response fixture of one API that parses as JSON, with its decoder.
pub(crate) struct Sample {
    pub(crate) file: String,
    pub(crate) status: u16,
    pub(crate) value: Value,
    pub(crate) decoder: Decoder,
}

pub(crate) fn samples(api: &str) -> Vec<Sample> {
    let manifest = Manifest::load(api);
    let decoders = of_api(api);
    manifest
        .fixtures
        .iter()
        .filter(|f| f.role == Role::Response && f.expect.is_some())
        .filter_map(|f| {
            let value = serde_json::from_slice(&manifest.read(&f.file)).ok()?;
            let decoder = *decoders
                .iter()
                .find(|d| d.endpoint() == f.endpoint)
                .unwrap_or_else(|| panic!("{}: no decoder for {}", f.file, f.endpoint));
            Some(Sample {
                file: f.file.clone(),
                status: f.status.unwrap_or(200),
                value,
                decoder,
            })
        })
        .collect()
}

/// Replaces every leaf for which `edit` gives a value.
fn map_leaves(value: &Value, edit: &dyn Fn(&Value) -> Option<Value>) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(|v| map_leaves(v, edit)).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), map_leaves(v, edit)))
                .collect(),
        ),
        leaf => edit(leaf).unwrap_or_else(|| leaf.clone()),
    }
}

fn is_integer_text(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Each numeric leaf (a number, or a text of digits as the APIs send ids)
/// replaced by `text`, in the same representation.
fn numbers_as(value: &Value, text: &str) -> Vec<u8> {
    // A number leaf becomes a marker text first: serde_json cannot hold
    // these numbers, so they are written into the text afterwards.
    let mutated = map_leaves(value, &|leaf| match leaf {
        Value::Number(_) => Some(Value::String("\u{0}".to_owned())),
        Value::String(s) if is_integer_text(s) => Some(Value::String(text.to_owned())),
        _ => None,
    });
    serde_json::to_string(&mutated)
        .unwrap()
        .replace("\"\\u0000\"", text)
        .into_bytes()
}

/// The first text leaf of the fixture replaced by a 10 MB string.
fn first_text_huge(value: &Value) -> Vec<u8> {
    let done = std::cell::Cell::new(false);
    let huge = huge_string();
    let mutated = map_leaves(value, &|leaf| match leaf {
        Value::String(_) if !done.get() => {
            done.set(true);
            Some(Value::String(huge.clone()))
        }
        _ => None,
    });
    serde_json::to_vec(&mutated).unwrap()
}

fn mutated_fixtures_into(api: &str) {
    let beyond = "18446744073709551616";
    let number = huge_number();
    for sample in samples(api) {
        let mutants = [
            ("ids beyond u64", numbers_as(&sample.value, beyond)),
            ("10,000-digit numbers", numbers_as(&sample.value, &number)),
            ("negative numbers", numbers_as(&sample.value, "-1")),
            ("a 10 MB text", first_text_huge(&sample.value)),
        ];
        for (what, body) in mutants {
            let what = format!("{} with {what}", sample.file);
            feed(&sample.decoder, sample.status, &body, &what);
        }
    }
}

/// The mutation keeps the representation: a number stays a bare number, a
/// text of digits stays a text.
#[test]
fn numbers_keep_their_representation() {
    let value = serde_json::json!({"id": 5, "price": "10", "name": "Иван", "list": [1, "2"]});
    let body = String::from_utf8(numbers_as(&value, "18446744073709551616")).unwrap();
    assert_eq!(
        body,
        r#"{"id":18446744073709551616,"list":[18446744073709551616,"18446744073709551616"],"name":"Иван","price":"18446744073709551616"}"#
    );
}

#[test]
fn mutated_fixtures_into_qnits() {
    mutated_fixtures_into("qnits");
}

#[test]
fn mutated_fixtures_into_saplab() {
    mutated_fixtures_into("saplab");
}

#[test]
fn mutated_fixtures_into_ucoz() {
    mutated_fixtures_into("ucoz");
}

/// Every object key any fixture of the API uses: arbitrary JSON built from
/// them reaches past the decoders' first checks.
fn vocabulary(api: &str) -> Vec<String> {
    fn keys(value: &Value, into: &mut BTreeSet<String>) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| keys(v, into)),
            Value::Object(fields) => fields.iter().for_each(|(k, v)| {
                into.insert(k.clone());
                keys(v, into);
            }),
            _ => {}
        }
    }
    let mut found = BTreeSet::new();
    for sample in samples(api) {
        keys(&sample.value, &mut found);
    }
    found.into_iter().collect()
}

fn any_json(vocabulary: Vec<String>) -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        4 => proptest::sample::select(vocabulary),
        1 => "[0-9]{1,3}|[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "-?[0-9]{1,25}(\\.[0-9]{1,30})?".prop_map(Value::from),
        prop_oneof![
            Just("success"),
            Just("error"),
            Just(""),
            Just("[]"),
            Just("0"),
            Just("1"),
            Just("on")
        ]
        .prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

fn arbitrary_json_into(api: &'static str) {
    let decoders = of_api(api);
    let config = ProptestConfig {
        cases: 192,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(value in any_json(vocabulary(api)), status in proptest::sample::select(&STATUSES[..]))| {
        let body = serde_json::to_vec(&value).unwrap();
        for decoder in &decoders {
            feed(decoder, status, &body, "arbitrary JSON");
        }
    });
}

#[test]
fn arbitrary_json_into_qnits() {
    arbitrary_json_into("qnits");
}

#[test]
fn arbitrary_json_into_saplab() {
    arbitrary_json_into("saplab");
}

#[test]
fn arbitrary_json_into_ucoz() {
    arbitrary_json_into("ucoz");
}

fn mutated_bytes_into(api: &'static str) {
    let samples: Vec<(Vec<u8>, u16, Decoder)> = samples(api)
        .into_iter()
        .map(|s| (serde_json::to_vec(&s.value).unwrap(), s.status, s.decoder))
        .collect();
    let count = samples.len();
    let config = ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(index in 0..count, edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8))| {
        let (body, status, decoder) = &samples[index];
        let mut body = body.clone();
        for (at, byte, how) in edits {
            let at = at.index(body.len() + 1);
            match how {
                0 if at < body.len() => body[at] = byte,
                1 => body.insert(at, byte),
                _ if at < body.len() => { body.remove(at); }
                _ => body.push(byte),
            }
        }
        feed(decoder, *status, &body, "a fixture with bytes changed");
    });
}

#[test]
fn mutated_bytes_into_qnits() {
    mutated_bytes_into("qnits");
}

#[test]
fn mutated_bytes_into_saplab() {
    mutated_bytes_into("saplab");
}

#[test]
fn mutated_bytes_into_ucoz() {
    mutated_bytes_into("ucoz");
}

/// The fixtures each decoder is fed are the ones the conformance run checks:
/// the samples are not empty and the expected ones still parse.
#[test]
fn samples_are_the_fixtures() {
    for api in ["qnits", "saplab", "ucoz"] {
        let samples = samples(api);
        assert!(!samples.is_empty(), "{api}");
        let manifest = Manifest::load(api);
        for sample in &samples {
            let fixture = manifest
                .fixtures
                .iter()
                .find(|f| f.file == sample.file)
                .unwrap();
            let body = manifest.read(&sample.file);
            let parsed = (sample.decoder.parse)(sample.status, &body);
            if fixture.expect == Some(Expect::Ok) {
                assert!(parsed.is_ok(), "{}: {parsed:?}", sample.file);
            } else {
                assert!(parsed.is_err(), "{}", sample.file);
            }
        }
    }
}
