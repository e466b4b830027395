//! W13: SapLab's answers besides data. A write answers
//! `{"status": "success"}` or `{"status": "error"}`, each with an optional
//! `text`; a form the panel refuses field by field answers a validation map,
//! an object of messages by field with no `status` at all
//! (`{"email": "Поле Email должно быть уникальным."}`).
//!
//! [`PanelAnswer::decode`] reads the body once, keeping the JSONPath of what
//! it cannot read: a `status` that is neither word (`$.status`), a `text`
//! that is not text (`$.text`), a message that is not text (`$.email`).
//! Which shape counts under which HTTP status is the caller's decision.
//!
//! ```
//! use http::StatusCode;
//! use shop_apis_core::wire::PanelAnswer;
//! let ok = StatusCode::OK;
//! let done = PanelAnswer::decode(ok, br#"{"status": "success", "text": "\u0413\u043e\u0442\u043e\u0432\u043e"}"#)?;
//! assert!(matches!(done, PanelAnswer::Success { text: Some(t), .. } if t == "Готово"));
//! let no = PanelAnswer::decode(ok, br#"{"status": "error"}"#)?;
//! assert!(matches!(no, PanelAnswer::Refusal { text: None, .. }));
//! let map = PanelAnswer::decode(ok, br#"{"phone": "taken", "email": "taken"}"#)?;
//! assert!(matches!(&map, PanelAnswer::Invalid(fields) if fields[0].field == "email"));
//! assert_eq!(PanelAnswer::decode(ok, br#"{"email": 0}"#).unwrap_err().path, "$.email");
//! assert_eq!(PanelAnswer::decode(ok, br#"{"status": "ok"}"#).unwrap_err().path, "$.status");
//! # Ok::<(), shop_apis_core::DecodeError>(())
//! ```

use std::fmt;

use http::StatusCode;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Unexpected, Visitor};
use serde_json::Value;

use crate::error::{DecodeError, FieldError};
use crate::{UnknownFields, json, unknown};

/// What a body in the panel's answer format says.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelAnswer {
    /// `{"status": "success", "text"?: …}`.
    Success {
        /// The panel's message; `None` when absent, `null` or `""` (W4).
        text: Option<String>,
        /// The other fields, as sent.
        unknown: UnknownFields,
    },
    /// `{"status": "error", "text"?: …}`.
    Refusal {
        /// The status word as sent (`"error"`).
        code: String,
        /// The panel's message; `None` when absent, `null` or `""` (W4).
        text: Option<String>,
    },
    /// The validation map: one message per field, sorted by field name.
    Invalid(Vec<FieldError>),
}

impl PanelAnswer {
    /// Reads `body` as one of the panel's answers.
    ///
    /// A body that is no JSON object, a `status` other than `success` or
    /// `error`, a `text` beside no `status`, an empty object, or a message
    /// that is not text is a [`DecodeError`] naming the place.
    pub fn decode(status: StatusCode, body: &[u8]) -> Result<PanelAnswer, DecodeError> {
        let raw: Raw = json::decode(status, body)?;
        match raw.status {
            Some(Word::Success) => Ok(PanelAnswer::Success {
                text: raw.text.flatten(),
                unknown: raw.rest.into_iter().collect(),
            }),
            Some(Word::Error(code)) => Ok(PanelAnswer::Refusal {
                code,
                text: raw.text.flatten(),
            }),
            None if raw.text.is_some() => Err(DecodeError::new(
                status,
                "$.status",
                "a `text` with no `status`: expected \"success\" or \"error\"",
                body,
            )),
            None if raw.rest.is_empty() => Err(DecodeError::new(
                status,
                "$",
                "expected a `status`, or messages about fields",
                body,
            )),
            None => {
                let mut fields = Vec::with_capacity(raw.rest.len());
                for (field, message) in raw.rest {
                    match message {
                        Value::String(message) => fields.push(FieldError::new(field, message)),
                        _ => {
                            return Err(DecodeError::new(
                                status,
                                unknown::member("$", &field),
                                "expected a message about the field (a text)",
                                body,
                            ));
                        }
                    }
                }
                fields.sort_by(|a, b| a.field.cmp(&b.field));
                Ok(PanelAnswer::Invalid(fields))
            }
        }
    }
}

/// The body as read, before its shape is judged.
struct Raw {
    status: Option<Word>,
    /// `Some` when the key is present, holding its text (W4).
    text: Option<Option<String>>,
    rest: Vec<(String, Value)>,
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut raw = Raw {
            status: None,
            text: None,
            rest: Vec::new(),
        };
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "status" if raw.status.is_some() => {
                    return Err(de::Error::duplicate_field("status"));
                }
                "status" => raw.status = Some(map.next_value()?),
                "text" if raw.text.is_some() => return Err(de::Error::duplicate_field("text")),
                "text" => raw.text = Some(map.next_value_seed(Text)?),
                _ => {
                    let value = map.next_value()?;
                    raw.rest.push((key, value));
                }
            }
        }
        Ok(raw)
    }
}

/// The `status` word: `success` or `error`, in any case.
enum Word {
    Success,
    Error(String),
}

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WordVisitor)
    }
}

struct WordVisitor;

impl Visitor<'_> for WordVisitor {
    type Value = Word;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"success\" or \"error\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Word, E> {
        if v.eq_ignore_ascii_case("success") {
            Ok(Word::Success)
        } else if v.eq_ignore_ascii_case("error") {
            Ok(Word::Error(v.to_owned()))
        } else {
            Err(E::invalid_value(Unexpected::Str(v), &self))
        }
    }
}

/// `text`, read as W4.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        super::nullable_text::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(body: &str) -> Result<PanelAnswer, DecodeError> {
        PanelAnswer::decode(StatusCode::OK, body.as_bytes())
    }

    #[test]
    fn success_keeps_its_other_fields() {
        let PanelAnswer::Success { text, unknown } =
            decode(r#"{"id": 9, "status": "SUCCESS", "text": ""}"#).unwrap()
        else {
            panic!("not a success")
        };
        assert_eq!(text, None);
        assert_eq!(unknown.value("id"), Some(serde_json::json!(9)));
    }

    #[test]
    fn shapes_that_say_nothing_name_their_place() {
        for (body, path) in [
            ("{}", "$"),
            ("[]", "$"),
            (r#"{"text": "x"}"#, "$.status"),
            (r#"{"status": null}"#, "$.status"),
            (r#"{"status": "error", "text": 5}"#, "$.text"),
            (r#"{"status": "error", "status": "success"}"#, "$"),
            (r#"{"email": "x", "phone": []}"#, "$.phone"),
            (r#"{"x y": null}"#, r#"$["x y"]"#),
        ] {
            assert_eq!(decode(body).unwrap_err().path, path, "{body}");
        }
    }

    #[test]
    fn a_refused_shape_says_what_was_expected() {
        for (body, expected) in [
            ("[]", "expected an object"),
            (r#"{"status": 5}"#, r#"expected "success" or "error""#),
            (r#"{"status": "ok"}"#, r#"expected "success" or "error""#),
            (
                r#"{"status": "error", "text": "a", "text": "b"}"#,
                "duplicate field `text`",
            ),
        ] {
            let error = decode(body).unwrap_err().message;
            assert!(error.contains(expected), "{body}: {error}");
        }
    }
}
