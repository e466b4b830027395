//! W6: PHP's `[]` standing for an empty object.
//!
//! PHP's `json_encode` cannot tell an empty map from an empty list and writes
//! `[]` for both, so a field that is an object when it has content arrives as
//! `[]` when it has none. This decoder reads `[]` as the type's default and any
//! object as the type itself; a non-empty list is an error.
//!
//! ```
//! #[derive(Debug, Default, PartialEq, serde::Deserialize)]
//! struct Filters {
//!     per_page: Option<u32>,
//! }
//! #[derive(serde::Deserialize)]
//! struct Page {
//!     #[serde(deserialize_with = "shop_apis_core::wire::php_empty_object::deserialize")]
//!     filters: Filters,
//! }
//! let empty: Page = serde_json::from_str(r#"{"filters": []}"#).unwrap();
//! assert_eq!(empty.filters, Filters::default());
//! let full: Page = serde_json::from_str(r#"{"filters": {"per_page": 20}}"#).unwrap();
//! assert_eq!(full.filters.per_page, Some(20));
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};

/// Decodes an object, or `[]` as `T::default()`.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    deserializer.deserialize_any(ObjectOrEmptyList(PhantomData))
}

struct ObjectOrEmptyList<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for ObjectOrEmptyList<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object, or [] for an empty one")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        match seq.next_element::<IgnoredAny>()? {
            None => Ok(T::default()),
            Some(_) => Err(de::Error::invalid_value(Unexpected::Seq, &self)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

/// An optional object: `null`, `""`, `[]` and absence are `None` (what PHP
/// writes for an unset section), an object is decoded as `T`.
///
/// ```
/// #[derive(Debug, PartialEq, serde::Deserialize)]
/// struct Map { address: String }
/// #[derive(serde::Deserialize)]
/// struct Invoice {
///     #[serde(default, deserialize_with = "shop_apis_core::wire::php_empty_object::option")]
///     map: Option<Map>,
/// }
/// let map = |json: &str| serde_json::from_str::<Invoice>(json).map(|i| i.map);
/// for empty in [r#"{"map": []}"#, r#"{"map": ""}"#, r#"{"map": null}"#, "{}"] {
///     assert_eq!(map(empty)?, None);
/// }
/// assert_eq!(map(r#"{"map": {"address": "Казань"}}"#)?, Some(Map { address: "Казань".into() }));
/// assert!(map(r#"{"map": "Казань"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn option<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_any(OptionalObject(PhantomData))
}

struct OptionalObject<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionalObject<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object, or [], \"\" or null for none")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if v.is_empty() {
            Ok(None)
        } else {
            Err(E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        match seq.next_element::<IgnoredAny>()? {
            None => Ok(None),
            Some(_) => Err(de::Error::invalid_value(Unexpected::Seq, &self)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
    }
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    struct Filters {
        per_page: Option<u32>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Page {
        #[serde(default, deserialize_with = "super::deserialize")]
        filters: Filters,
        #[serde(default, deserialize_with = "super::option")]
        map: Option<Filters>,
    }

    fn page(json: &str) -> Result<Page, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn an_empty_list_is_the_empty_object_and_an_object_itself() {
        let some = Filters { per_page: Some(20) };
        assert_eq!(
            page(r#"{"filters": []}"#).unwrap().filters,
            Filters::default()
        );
        assert_eq!(
            page(r#"{"filters": {"per_page": 20}}"#).unwrap().filters,
            some
        );
        let error = page(r#"{"filters": [1]}"#).unwrap_err().to_string();
        assert!(
            error.contains("expected an object, or [] for an empty one"),
            "{error}"
        );
        assert!(page(r#"{"filters": ""}"#).is_err());
    }

    #[test]
    fn an_optional_object_is_none_in_each_of_php_s_empty_forms() {
        for none in [r#"{"map": []}"#, r#"{"map": ""}"#, r#"{"map": null}"#, "{}"] {
            assert_eq!(page(none).unwrap().map, None, "{none}");
        }
        let map = page(r#"{"map": {"per_page": 20}}"#).unwrap().map;
        assert_eq!(map, Some(Filters { per_page: Some(20) }));
        for refused in [r#"{"map": [1]}"#, r#"{"map": "x"}"#, r#"{"map": 5}"#] {
            let error = page(refused).unwrap_err().to_string();
            assert!(
                error.contains(r#"expected an object, or [], "" or null for none"#),
                "{error}"
            );
        }
    }
}
