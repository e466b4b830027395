//! Build → emulator → parse with generated inputs: the runner the
//! `generated` check of every endpoint shares.
//!
//! Each case gets a fresh emulator (so its seed data is known) and one of the
//! adapters; the case checks the emulator's side from the raw request it
//! recorded (decoded here, independently of the encoders), and the client's
//! side against the raw reply the emulator recorded.

use std::cell::RefCell;
use std::fmt::Debug;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;
use shop_apis_emulator::RecordedRequest;

use crate::harness::{Adapter, Harness};

/// Cases per endpoint; `CONFORMANCE_CASES` raises it for a deeper run.
fn cases() -> u32 {
    std::env::var("CONFORMANCE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16)
}

/// Runs `case` for generated values of `strategy`, each on a fresh emulator
/// through a generated adapter; panics with the minimal failing input.
pub fn check<S>(
    strategy: S,
    case: impl Fn(&Harness, Adapter, S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let harness = RefCell::new(Harness::start());
    let adapters = prop::sample::select(Adapter::ALL.to_vec());
    let result = runner.run(&(strategy, adapters), |(value, adapter)| {
        harness.borrow_mut().restart_emulator();
        case(&harness.borrow(), adapter, value)
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}

/// The last exchange the emulator recorded.
pub fn last(harness: &Harness) -> RecordedRequest {
    harness
        .emulator
        .requests()
        .pop()
        .expect("the emulator received the request")
}

/// The path of a recorded request, without its query.
pub fn path(request: &RecordedRequest) -> &str {
    request
        .path_and_query
        .split_once('?')
        .map_or(request.path_and_query.as_str(), |(path, _)| path)
}

/// The decoded query of a recorded request.
pub fn query(request: &RecordedRequest) -> Vec<(String, String)> {
    let query = request
        .path_and_query
        .split_once('?')
        .map_or("", |(_, query)| query);
    conformance::decode_form(query.as_bytes())
}

/// The decoded form body of a recorded request.
pub fn form(request: &RecordedRequest) -> Vec<(String, String)> {
    conformance::decode_form(&request.body)
}

/// The value of the one field `key` of `fields`.
pub fn field<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    let mut matching = fields.iter().filter(|(k, _)| k == key);
    let value = matching.next().map(|(_, v)| v.as_str());
    assert!(matching.next().is_none(), "{key} sent twice in {fields:?}");
    value
}

/// The JSON the emulator answered with, and its status.
pub fn reply(request: &RecordedRequest) -> (u16, Value) {
    let reply = request.reply.as_ref().expect("the emulator answered");
    let json = serde_json::from_slice(&reply.body)
        .unwrap_or_else(|e| panic!("the emulator's reply is not JSON ({e})"));
    (reply.status, json)
}

/// A JSON value read as the texts servers send numbers in: `"12"` and `12` alike.
pub fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Texts users type: Cyrillic, punctuation that forms and paths must escape,
/// never blank (the builders refuse blank required texts before sending).
pub fn name() -> impl Strategy<Value = String> {
    "[А-Яа-яЁёA-Za-z0-9№/&%+=.,#?-][А-Яа-яЁёA-Za-z0-9 №/&%+=.,#?\"'()-]{0,20}"
        .prop_map(|text| text.trim_end().to_owned())
}
