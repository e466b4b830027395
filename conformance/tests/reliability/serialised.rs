//! Every answer serialises to clean JSON that reads back as the same value.
//!
//! Each response fixture of the three APIs, and each of its dropout mutants
//! (every field left out, or sent as `null`, `""`, `[]`, `{}` or `0`), is
//! decoded, serialised with `serde_json`, and decoded again from that JSON
//! with the output type's own `Deserialize`: the value must be the same. A
//! second test reads one answer of each kind and checks the JSON's shape:
//! numbers as numbers, money as exact text, dates in ISO 8601, open codes as
//! code and name, unknown fields kept.

use serde_json::{Value, json};

use crate::dropout::{empties, keys, mutated};
use crate::hostile::samples;

/// Round-trips every fixture of `api` and its mutants; returns how many.
fn round_trips(api: &str) -> usize {
    let mut tried = 0;
    let mut failures = Vec::new();
    for sample in samples(api) {
        let mut bodies = vec![("as sent".to_owned(), sample.value.clone())];
        for (path, steps) in keys(&sample.value) {
            bodies.push((
                format!("{path} removed"),
                mutated(&sample.value, &steps, None),
            ));
            for empty in empties() {
                let body = mutated(&sample.value, &steps, Some(&empty));
                bodies.push((format!("{path} as {empty}"), body));
            }
        }
        for (what, body) in bodies {
            tried += 1;
            let bytes = serde_json::to_vec(&body).unwrap();
            if let Err(problem) = (sample.decoder.round_trip)(sample.status, &bytes) {
                failures.push(format!("{} ({what}): {problem}", sample.file));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {tried} {api} answers do not read back from their JSON:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n\n")
    );
    tried
}

#[test]
fn every_qnits_answer_reads_back_from_its_json() {
    assert!(round_trips("qnits") > 0);
}

#[test]
fn every_saplab_answer_reads_back_from_its_json() {
    assert!(round_trips("saplab") > 0);
}

#[test]
fn every_ucoz_answer_reads_back_from_its_json() {
    assert!(round_trips("ucoz") > 0);
}

/// Parses `body` with `endpoint` and serialises the answer.
fn serialised<E: shop_apis_core::Endpoint>(body: &[u8], endpoint: E) -> Value
where
    E::Output: serde::Serialize,
{
    let response = http::Response::builder().status(200).body(body).unwrap();
    serde_json::to_value(endpoint.parse(response).unwrap()).unwrap()
}

/// The JSON a program exporting to 1C or a database reads: numbers as
/// numbers, flags as booleans, money as its exact text, dates in ISO 8601,
/// open codes as code and name, and what the documents do not name kept.
#[test]
fn answers_serialise_to_clean_json() {
    let mut answer: Value = serde_json::from_slice(
        &conformance::Manifest::load("saplab").read("list_clients.200.json"),
    )
    .unwrap();
    answer["clients"][0]["loyalty_level"] = json!("gold");
    let clients = serialised(
        &serde_json::to_vec(&answer).unwrap(),
        saplab_proto::ListClients::default(),
    );
    let client = &clients["clients"][0];
    assert_eq!(client["id"], json!(2));
    assert_eq!(client["group_id"], json!(2));
    assert_eq!(client["limit"], json!("10000"), "money as its exact text");
    assert_eq!(client["is_wholesaler"], json!(true));
    assert_eq!(client["date_added"], json!("2017-01-14T22:50:08.610461"));
    assert_eq!(client["manager_id"], Value::Null, "left out stays visible");
    assert_eq!(
        client["loyalty_level"],
        json!("gold"),
        "an unknown field is kept"
    );

    let invoices = serialised(
        &conformance::Manifest::load("ucoz").read("list_invoices.200.constructed.json"),
        ucoz_proto::ListInvoices::default(),
    );
    let invoice = &invoices["orders"][0];
    assert_eq!(invoice["id"], json!(9));
    assert_eq!(invoice["cnt"], json!(1));
    assert_eq!(invoice["amount"], json!("51.00"));
    assert_eq!(invoice["add_date"], json!("2016-03-22T23:03:48Z"));
    assert_eq!(invoice["status"], json!({"code": 0, "name": "Новый"}));
    assert_eq!(invoice["hide"], json!({"code": 0, "name": "В работе"}));
    assert_eq!(
        invoice["payment"]["topay"],
        json!({"amount": "51.00", "display": "51.00$"})
    );
}
