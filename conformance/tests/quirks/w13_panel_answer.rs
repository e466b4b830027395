//! W13: SapLab's success, refusal and validation-map answers
//! (`wire::PanelAnswer`), and how reads and writes judge them (S2).

use std::collections::BTreeMap;

use http::StatusCode;
use proptest::prelude::*;
use saplab_proto::{ClientFields, ClientId, CreateClient, GetClient, ListStatuses};
use shop_apis_core::wire::PanelAnswer;
use shop_apis_core::{Endpoint, ResponseError};

fn decode(body: &str) -> Result<PanelAnswer, shop_apis_core::DecodeError> {
    PanelAnswer::decode(StatusCode::OK, body.as_bytes())
}

fn response(status: u16, body: &[u8]) -> http::Response<&[u8]> {
    let mut response = http::Response::new(body);
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    response
}

/// Field names of a validation map: never the envelope's own keys.
fn field_name() -> impl Strategy<Value = String> {
    "[a-z_]{1,10}".prop_filter("an envelope key", |k| k != "status" && k != "text")
}

/// The status words in any case, `text` read as W4, other fields kept.
#[test]
fn words_in_any_case_and_text_as_w4() {
    for (body, success, text) in [
        (r#"{"status": "success"}"#, true, None),
        (r#"{"status": "Success", "text": ""}"#, true, None),
        (r#"{"status": "error", "text": null}"#, false, None),
        (r#"{"text": "нет", "status": "ERROR"}"#, false, Some("нет")),
    ] {
        match decode(body).unwrap() {
            PanelAnswer::Success { text: t, .. } if success => assert_eq!(t.as_deref(), text),
            PanelAnswer::Refusal { text: t, .. } if !success => assert_eq!(t.as_deref(), text),
            other => panic!("{body}: {other:?}"),
        }
    }
    let PanelAnswer::Refusal { code, .. } = decode(r#"{"status": "ERROR"}"#).unwrap() else {
        panic!("not a refusal")
    };
    assert_eq!(code, "ERROR", "the word as sent");
}

/// A read whose body holds the answer's key is the answer, broken: its
/// error names the key, whatever the value, and is never a validation map.
#[test]
fn a_broken_answer_is_no_refusal() {
    for value in [r#""""#, r#""x""#, "0", "{}", "null"] {
        let body = format!(r#"{{"statuses": {value}}}"#);
        match ListStatuses.parse(response(200, body.as_bytes())) {
            Err(ResponseError::Decode(error)) => assert_eq!(error.path, "$.statuses", "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
    let body = br#"{"client": ""}"#;
    match GetClient::new(ClientId::new(2)).parse(response(200, body)) {
        Err(ResponseError::Decode(error)) => assert_eq!(error.path, "$.client"),
        other => panic!("{other:?}"),
    }
    // Without the answer's keys, either refusal is one.
    for body in [&br#"{"email": "taken"}"#[..], br#"{"status": "error"}"#] {
        assert!(matches!(
            ListStatuses.parse(response(200, body)),
            Err(ResponseError::Api(_))
        ));
    }
}

/// A write's answer that is none of the three shapes is a decode error at
/// the place that says so.
#[test]
fn a_write_names_what_it_cannot_read() {
    let create = CreateClient(ClientFields::new("Пупкин", "1111111111"));
    for (body, path) in [
        ("{}", "$"),
        (r#"{"text": "Клиент добавлен."}"#, "$.status"),
        (r#"{"status": "ok"}"#, "$.status"),
        (r#"{"status": "success", "text": 1}"#, "$.text"),
        (r#"{"email": "taken", "phone": null}"#, "$.phone"),
    ] {
        match create.parse(response(200, body.as_bytes())) {
            Err(ResponseError::Decode(error)) => assert_eq!(error.path, path, "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

proptest! {
    /// Any object of texts without `status` or `text` is a validation map,
    /// one message per field, sorted by field.
    #[test]
    fn any_map_of_texts_is_a_validation_map(
        map in prop::collection::btree_map(field_name(), "\\PC{0,12}", 1..6),
    ) {
        let body = serde_json::to_string(&map).unwrap();
        let PanelAnswer::Invalid(fields) = decode(&body).unwrap() else {
            return Err(TestCaseError::fail("not a validation map"));
        };
        let read: BTreeMap<String, String> =
            fields.into_iter().map(|f| (f.field, f.message)).collect();
        prop_assert_eq!(read, map);
    }

    /// A value that is not text in a validation map is an error naming it.
    #[test]
    fn a_message_that_is_no_text_is_named(
        map in prop::collection::btree_map(field_name(), "\\PC{0,12}", 0..4),
        key in field_name(),
        value in prop_oneof![
            Just(serde_json::Value::Null),
            any::<i64>().prop_map(serde_json::Value::from),
            Just(serde_json::json!([])),
            Just(serde_json::json!({"a": "b"})),
        ],
    ) {
        let mut object: serde_json::Map<String, serde_json::Value> =
            map.into_iter().map(|(k, v)| (k, v.into())).collect();
        object.insert(key.clone(), value);
        let body = serde_json::to_string(&object).unwrap();
        prop_assert_eq!(decode(&body).unwrap_err().path, format!("$.{key}"));
    }

    /// A success keeps every other field as sent.
    #[test]
    fn a_success_keeps_its_other_fields(
        map in prop::collection::btree_map(field_name(), any::<i32>(), 0..5),
    ) {
        let mut object: serde_json::Map<String, serde_json::Value> =
            map.iter().map(|(k, v)| (k.clone(), (*v).into())).collect();
        object.insert("status".into(), "success".into());
        let body = serde_json::to_string(&object).unwrap();
        let PanelAnswer::Success { unknown, .. } = decode(&body).unwrap() else {
            return Err(TestCaseError::fail("not a success"));
        };
        object.remove("status");
        prop_assert_eq!(unknown.to_map(), object);
    }
}
