//! W14: an "array of errors" as a JSON list, kept item by item, or as an
//! object of messages by field (`wire::ErrorList`).

use proptest::prelude::*;
use serde::Deserialize;
use shop_apis_core::ApiErrorDetail;
use shop_apis_core::wire::ErrorList;

#[derive(Debug, Deserialize)]
struct Body {
    v: ErrorList,
}

fn read(json: &str) -> Result<ErrorList, shop_apis_core::DecodeError> {
    super::field::<Body>(json).map(|body| body.v)
}

/// A field's messages: one text, or a list of texts.
fn messages() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        "\\PC{0,12}".prop_map(|m| vec![m]),
        prop::collection::vec("\\PC{0,12}", 0..3),
    ]
}

#[test]
fn empty_in_either_form() {
    for json in ["[]", "{}"] {
        assert_eq!(read(json).unwrap(), ErrorList::default(), "{json}");
    }
}

#[test]
fn anything_else_is_an_error() {
    for (json, path) in [
        ("\"\"", "$.v"),
        ("0", "$.v"),
        ("null", "$.v"),
        (r#"{"phone": 0}"#, "$.v.phone"),
        (r#"{"phone": null}"#, "$.v.phone"),
        (r#"{"phone": {}}"#, "$.v.phone"),
        (r#"{"phone": ["a", 1]}"#, "$.v.phone[1]"),
    ] {
        assert_eq!(read(json).unwrap_err().path, path, "{json}");
    }
}

proptest! {
    /// A list keeps every item, in order, as sent.
    #[test]
    fn a_list_keeps_its_items(items in prop::collection::vec(prop_oneof![
        "\\PC{0,12}".prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        Just(serde_json::json!({"field": "phone"})),
        Just(serde_json::Value::Null),
    ], 0..5)) {
        let list = read(&serde_json::to_string(&items).unwrap()).unwrap();
        let expected: Vec<ApiErrorDetail> = items
            .iter()
            .map(|item| serde_json::from_value(item.clone()).unwrap())
            .collect();
        prop_assert_eq!(list.details, expected);
        prop_assert!(list.fields.is_empty());
    }

    /// An object gives each message of each field, sorted by field, a
    /// field's own messages in the order sent.
    #[test]
    fn an_object_gives_messages_by_field(
        map in prop::collection::btree_map("[a-z_]{1,10}", messages(), 0..5),
    ) {
        let object: serde_json::Map<String, serde_json::Value> = map
            .iter()
            .map(|(field, messages)| {
                let value = match messages.as_slice() {
                    [one] => serde_json::Value::from(one.clone()),
                    many => serde_json::Value::from(many.to_vec()),
                };
                (field.clone(), value)
            })
            .collect();
        let list = read(&serde_json::to_string(&object).unwrap()).unwrap();
        let read: Vec<(String, String)> =
            list.fields.into_iter().map(|f| (f.field, f.message)).collect();
        let expected: Vec<(String, String)> = map
            .into_iter()
            .flat_map(|(field, messages)| messages.into_iter().map(move |m| (field.clone(), m)))
            .collect();
        prop_assert_eq!(read, expected);
        prop_assert!(list.details.is_empty());
    }
}
