//! W14: an API's "array of errors", which PHP writes as a JSON list or, when
//! the array is associative, as an object of messages by field.
//!
//! A list keeps each item as sent ([`ApiErrorDetail`]: a text, an object,
//! anything else). An object gives one [`FieldError`] per message: its value
//! is a text, or a list of texts for a field with several; a value of any
//! other kind is an error whose JSONPath names it (`$.errors.phone`).
//! `[]` and `{}` are both an empty list.
//!
//! ```
//! use shop_apis_core::wire::ErrorList;
//! let list: ErrorList = serde_json::from_str(r#"["no phone", {"field": "products"}]"#)?;
//! assert_eq!((list.details.len(), list.fields.len()), (2, 0));
//! let map: ErrorList = serde_json::from_str(r#"{"products": ["unknown", "too many"], "phone": "required"}"#)?;
//! let fields: Vec<_> = map.fields.iter().map(|f| (f.field.as_str(), f.message.as_str())).collect();
//! assert_eq!(fields, [("phone", "required"), ("products", "unknown"), ("products", "too many")]);
//! assert!(serde_json::from_str::<ErrorList>(r#"{"phone": 0}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{ApiErrorDetail, FieldError};

/// An API's list of errors: items kept as sent, or messages by field.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ErrorList {
    /// The items of a JSON list, in order.
    pub details: Vec<ApiErrorDetail>,
    /// The messages of an object, sorted by field name (a field's own
    /// messages in the order sent).
    pub fields: Vec<FieldError>,
}

impl<'de> Deserialize<'de> for ErrorList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListVisitor)
    }
}

struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = ErrorList;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of errors, or an object of messages by field")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ErrorList, A::Error> {
        let mut details = Vec::new();
        while let Some(item) = seq.next_element()? {
            details.push(item);
        }
        Ok(ErrorList {
            details,
            fields: Vec::new(),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorList, A::Error> {
        let mut fields = Vec::new();
        while let Some(field) = map.next_key::<String>()? {
            let Messages(messages) = map.next_value()?;
            fields.extend(
                messages
                    .into_iter()
                    .map(|message| FieldError::new(field.clone(), message)),
            );
        }
        // Stable: a field's messages keep their order.
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        Ok(ErrorList {
            details: Vec::new(),
            fields,
        })
    }
}

/// One field's messages: a text, or a list of texts.
struct Messages(Vec<String>);

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MessagesVisitor)
    }
}

struct MessagesVisitor;

impl<'de> Visitor<'de> for MessagesVisitor {
    type Value = Messages;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message about the field, or a list of messages")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Messages, E> {
        Ok(Messages(vec![v.to_owned()]))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Messages, E> {
        Ok(Messages(vec![v]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Messages, A::Error> {
        let mut messages = Vec::new();
        while let Some(message) = seq.next_element()? {
            messages.push(message);
        }
        Ok(Messages(messages))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_list_or_object() {
        for json in ["[]", "{}"] {
            assert_eq!(
                serde_json::from_str::<ErrorList>(json).unwrap(),
                ErrorList::default()
            );
        }
    }

    #[test]
    fn a_value_that_is_no_message_is_named() {
        for (json, path) in [
            (r#"{"errors": {"phone": null}}"#, "errors.phone"),
            (r#"{"errors": {"phone": {}}}"#, "errors.phone"),
            (r#"{"errors": {"phone": ["a", 1]}}"#, "errors.phone[1]"),
            (r#"{"errors": ""}"#, "errors"),
        ] {
            #[derive(Debug, Deserialize)]
            #[allow(dead_code)]
            struct Body {
                errors: ErrorList,
            }
            let mut de = serde_json::Deserializer::from_str(json);
            let error = serde_path_to_error::deserialize::<_, Body>(&mut de).unwrap_err();
            assert_eq!(error.path().to_string(), path, "{json}");
        }
    }

    #[test]
    fn a_value_of_another_kind_says_what_was_expected() {
        let error = serde_json::from_str::<ErrorList>("true").unwrap_err();
        let expected = "expected a list of errors, or an object of messages by field";
        assert!(error.to_string().contains(expected), "{error}");
        let error = serde_json::from_str::<ErrorList>(r#"{"phone": 0}"#).unwrap_err();
        let expected = "expected a message about the field, or a list of messages";
        assert!(error.to_string().contains(expected), "{error}");
    }
}
