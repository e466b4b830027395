//! U14, U30: a value a shop sends either as an object or as plain text: a
//! goods `cat` is `{"cat_id", "cat_name"}` in checkout and a name in an
//! order; goods `options` are a text ("Размер: L") or an object
//! (`selected_str`, `selected_data`, `all_options_data`).
//!
//! One pass: text goes to [`ObjectOrText::from_text`], an object is decoded
//! as [`ObjectOrText::Object`] (with the JSONPath of any error inside it),
//! and `null`, `""`, `[]` (PHP's empty array) and absence are `None`.
//!
//! ```
//! use shop_apis_core::wire::object_or_text::{self, ObjectOrText};
//! #[derive(Debug, PartialEq)]
//! enum Cat { Name(String), Object(Ids) }
//! #[derive(Debug, PartialEq, serde::Deserialize)]
//! struct Ids { cat_id: u32 }
//! impl ObjectOrText for Cat {
//!     type Object = Ids;
//!     fn from_text(text: String) -> Self { Cat::Name(text) }
//!     fn from_object(object: Ids) -> Self { Cat::Object(object) }
//! }
//! #[derive(serde::Deserialize)]
//! struct Line {
//!     #[serde(default, deserialize_with = "object_or_text::deserialize")]
//!     cat: Option<Cat>,
//! }
//! let cat = |json: &str| serde_json::from_str::<Line>(json).map(|line| line.cat);
//! assert_eq!(cat(r#"{"cat": "Чай"}"#)?, Some(Cat::Name("Чай".into())));
//! assert_eq!(cat(r#"{"cat": {"cat_id": 2}}"#)?, Some(Cat::Object(Ids { cat_id: 2 })));
//! assert_eq!(cat(r#"{"cat": ""}"#)?, None);
//! assert_eq!(cat(r#"{"cat": []}"#)?, None);
//! assert!(cat(r#"{"cat": 5}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// A type read from text or from an object.
pub trait ObjectOrText: Sized {
    /// The object form.
    type Object: for<'de> Deserialize<'de>;
    /// The value sent as (non-empty) text.
    fn from_text(text: String) -> Self;
    /// The value sent as an object.
    fn from_object(object: Self::Object) -> Self;
}

/// Decodes `T` from text or an object; `null`, `""` and `[]` are `None`.
pub fn deserialize<'de, D: Deserializer<'de>, T: ObjectOrText>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_any(ObjectOrTextVisitor(PhantomData))
}

struct ObjectOrTextVisitor<T>(PhantomData<T>);

impl<'de, T: ObjectOrText> Visitor<'de> for ObjectOrTextVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object, a text, \"\" or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        Ok((!v.is_empty()).then(|| T::from_text(v.to_owned())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        match seq.next_element::<de::IgnoredAny>()? {
            None => Ok(None),
            Some(_) => Err(de::Error::custom(
                "a non-empty list is neither an object nor a text",
            )),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        T::Object::deserialize(de::value::MapAccessDeserializer::new(map))
            .map(|object| Some(T::from_object(object)))
    }
}

#[cfg(test)]
mod tests {
    use super::ObjectOrText;

    #[derive(Debug, PartialEq)]
    enum Cat {
        Name(String),
        Ids(Ids),
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Ids {
        cat_id: u32,
    }

    impl ObjectOrText for Cat {
        type Object = Ids;
        fn from_text(text: String) -> Self {
            Cat::Name(text)
        }
        fn from_object(object: Ids) -> Self {
            Cat::Ids(object)
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Line {
        #[serde(default, deserialize_with = "super::deserialize")]
        cat: Option<Cat>,
    }

    fn cat(json: &str) -> Result<Option<Cat>, serde_json::Error> {
        serde_json::from_str::<Line>(&format!(r#"{{"cat": {json}}}"#)).map(|line| line.cat)
    }

    #[test]
    fn text_and_objects_are_read_and_empty_forms_are_none() {
        assert_eq!(cat(r#""Чай""#).unwrap(), Some(Cat::Name("Чай".into())));
        assert_eq!(
            cat(r#"{"cat_id": 2}"#).unwrap(),
            Some(Cat::Ids(Ids { cat_id: 2 }))
        );
        for none in [r#""""#, "[]", "null"] {
            assert_eq!(cat(none).unwrap(), None, "{none}");
        }
    }

    #[test]
    fn other_shapes_are_refused_saying_what_was_expected() {
        let error = cat("5").unwrap_err().to_string();
        assert!(
            error.contains(r#"expected an object, a text, "" or null"#),
            "{error}"
        );
        let error = cat(r#"["Чай"]"#).unwrap_err().to_string();
        assert!(
            error.contains("a non-empty list is neither an object nor a text"),
            "{error}"
        );
        let error = cat(r#"{"cat_id": "x"}"#).unwrap_err().to_string();
        assert!(error.contains("invalid type"), "{error}");
    }
}
