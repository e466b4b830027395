//! W16: an open set's value as the wire sends it (a code, or a name) or as
//! it serialises, `{"code": 3, "name": "В обработке"}`, and nothing that
//! only looks like the serialised form (`wire::open_code`).

use proptest::prelude::*;
use serde::Deserialize;
use shop_apis_core::wire::open_code::{Coded, Named, OptionalCoded, OptionalNamed};

#[derive(Debug, Deserialize)]
struct Code {
    v: Coded<u32>,
}

#[derive(Debug, Deserialize)]
struct MaybeCode {
    v: OptionalCoded<u32>,
}

#[derive(Debug, Deserialize)]
struct Name {
    v: Named,
}

#[derive(Debug, Deserialize)]
struct MaybeName {
    v: OptionalNamed,
}

fn code(json: &str) -> Result<u32, shop_apis_core::DecodeError> {
    super::field::<Code>(json).map(|c| c.v.0)
}

proptest! {
    /// A code as a number, as digits, or serialised with any name or none.
    #[test]
    fn every_spelling_of_a_code(v in any::<u32>(), name in proptest::option::of("\\PC{0,12}")) {
        let serialised = serde_json::json!({"code": v, "name": name}).to_string();
        for json in [v.to_string(), format!("\"{v}\""), serialised] {
            prop_assert_eq!(code(&json).unwrap(), v, "{}", json);
            prop_assert_eq!(super::field::<MaybeCode>(&json).unwrap().v.0, Some(v), "{}", json);
        }
    }

    /// A name as sent, or serialised; an empty one is none where it is optional.
    #[test]
    fn every_spelling_of_a_name(v in "\\PC{0,12}") {
        let serialised = serde_json::json!({"code": v, "name": null}).to_string();
        for json in [serde_json::to_string(&v).unwrap(), serialised] {
            prop_assert_eq!(&super::field::<Name>(&json).unwrap().v.0, &v);
            prop_assert_eq!(super::field::<MaybeName>(&json).unwrap().v.0, Some(v.clone()).filter(|v| !v.is_empty()));
        }
    }
}

/// Only the serialised form itself is taken: a code nested in a code, a key
/// of another name, a second `code`, or a name that is no text is an error
/// naming the place, never a guess.
#[test]
fn look_alikes_are_refused() {
    for json in [
        r#"{"code": {"code": 3}}"#,
        r#"{"code": 3, "status": "paid"}"#,
        r#"{"code": 3, "code": 4}"#,
        r#"{"code": 3, "name": 5}"#,
        r#"{"name": "Готов"}"#,
        r#"{"code": "3.5"}"#,
        r#"{"code": ""}"#,
    ] {
        assert!(code(json).is_err(), "{json}");
        assert!(super::field::<MaybeCode>(json).is_err(), "{json}");
    }
    for json in [r#"{"code": {"code": "a"}}"#, r#"{"code": "a", "x": 1}"#] {
        assert!(super::field::<Name>(json).is_err(), "{json}");
        assert!(super::field::<MaybeName>(json).is_err(), "{json}");
    }
    let error = code(r#"{"code": 3, "status": "paid"}"#).unwrap_err();
    assert!(error.to_string().contains("status"), "{error}");
}

/// Where the code is optional, `null`, `""` and absence are none.
#[test]
fn none_where_optional() {
    for json in ["null", r#""""#] {
        assert_eq!(super::field::<MaybeCode>(json).unwrap().v.0, None, "{json}");
        assert_eq!(super::field::<MaybeName>(json).unwrap().v.0, None, "{json}");
    }
    assert_eq!(
        super::field::<MaybeName>(r#"{"code": "", "name": null}"#)
            .unwrap()
            .v
            .0,
        None
    );
}
