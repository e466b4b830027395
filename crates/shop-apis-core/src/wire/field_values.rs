//! U25: an order's additional fields, values and labels in one object:
//! `{"1": "Иван", "2": "Казань", "fields_descr": {"1": "Имя", "2": "Город"}}`.
//!
//! The values are split from the labels: each numeric key's value (text, or
//! a number kept as its digits) is a value; `fields_descr` holds the labels;
//! any other key is kept in `other` as sent. `{}`, `[]`, `""` and `null` are
//! empty. One pass; an error names its key.
//!
//! ```
//! use shop_apis_core::wire::FieldValues;
//! let fields: FieldValues<u32> = serde_json::from_str(
//!     r#"{"2": "Казань", "1": 5, "fields_descr": {"1": "Дом", "2": "Город"}, "x": true}"#,
//! )?;
//! assert_eq!(fields.values.get(&1).map(String::as_str), Some("5"));
//! assert_eq!(fields.labels.get(&2).map(String::as_str), Some("Город"));
//! assert_eq!(fields.other.value("x").unwrap(), true);
//! assert!(serde_json::from_str::<FieldValues<u32>>("[]")?.values.is_empty());
//! assert!(serde_json::from_str::<FieldValues<u32>>(r#"{"1": {"a": 1}}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{IdKey, IdMap};
use crate::UnknownFields;

/// Field values and their labels, by field number.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FieldValues<K> {
    /// The values, by field number (`null` is no value and is left out).
    pub values: IdMap<K, String>,
    /// The labels, by field number (`fields_descr`).
    pub labels: IdMap<K, String>,
    /// Any other key that is not a field number.
    pub other: UnknownFields,
}

impl<K> Default for FieldValues<K> {
    fn default() -> Self {
        FieldValues {
            values: IdMap::new(),
            labels: IdMap::new(),
            other: UnknownFields::new(),
        }
    }
}

/// As the wire sends it: the values by field number, `fields_descr` with
/// the labels, and the others under their keys.
///
/// ```
/// use shop_apis_core::wire::FieldValues;
/// let fields: FieldValues<u32> = serde_json::from_str(r#"{"1": "Иван", "fields_descr": {"1": "Имя"}}"#).unwrap();
/// let json = serde_json::to_string(&fields).unwrap();
/// assert_eq!(json, r#"{"1":"Иван","fields_descr":{"1":"Имя"}}"#);
/// assert_eq!(serde_json::from_str::<FieldValues<u32>>(&json).unwrap(), fields);
/// ```
impl<K: IdKey> serde::Serialize for FieldValues<K> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (number, value) in self.values.iter() {
            map.serialize_entry(&number.to_wire_key(), value)?;
        }
        map.serialize_entry("fields_descr", &self.labels)?;
        for (key, value) in self.other.parsed() {
            let value = value.ok_or_else(|| {
                serde::ser::Error::custom(format_args!(
                    "field `{key}` holds JSON that serde_json's Value cannot hold"
                ))
            })?;
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

impl<'de, K: IdKey> Deserialize<'de> for FieldValues<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldsVisitor(PhantomData))
    }
}

struct FieldsVisitor<K>(PhantomData<K>);

/// A value: text as sent, a number as its digits, `null` as none.
struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for ValueSeed {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field's value: a text, a number or null")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(if v { "1" } else { "0" }.to_owned()))
    }
}

impl<'de, K: IdKey> Visitor<'de> for FieldsVisitor<K> {
    type Value = FieldValues<K>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field values by number, with fields_descr")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            Ok(FieldValues::default())
        } else {
            Err(E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(FieldValues::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        match seq.next_element::<de::IgnoredAny>()? {
            None => Ok(FieldValues::default()),
            Some(_) => Err(de::Error::custom("field values as a non-empty list")),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = FieldValues::default();
        let mut values = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "fields_descr" {
                fields.labels = map.next_value()?;
            } else if let Some(number) = K::from_wire_key(&key) {
                if let Some(value) = map.next_value_seed(ValueSeed)? {
                    values.push((number, value));
                }
            } else {
                fields.other.insert(key, map.next_value()?);
            }
        }
        fields.values = IdMap::from_entries(values)
            .map_err(|id| de::Error::custom(format_args!("field {id} occurs twice")))?;
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::FieldValues;

    #[test]
    fn numbers_and_flags_are_kept_as_their_text_and_null_as_no_value() {
        let fields: FieldValues<u32> = serde_json::from_str(
            r#"{"1": 5, "2": -3, "3": 2.5, "4": true, "5": false, "6": null, "7": "x"}"#,
        )
        .unwrap();
        let value = |number: u32| fields.values.get(&number).map(String::as_str);
        assert_eq!(
            [1, 2, 3, 4, 5, 6, 7].map(value),
            [
                Some("5"),
                Some("-3"),
                Some("2.5"),
                Some("1"),
                Some("0"),
                None,
                Some("x")
            ]
        );
    }

    #[test]
    fn empty_forms_are_no_fields_and_other_forms_are_refused_saying_what_was_expected() {
        for empty in ["{}", "[]", r#""""#, "null"] {
            let fields: FieldValues<u32> = serde_json::from_str(empty).unwrap();
            assert_eq!(fields, FieldValues::default(), "{empty}");
        }
        let error = serde_json::from_str::<FieldValues<u32>>(r#""Иван""#).unwrap_err();
        let expected = "expected field values by number, with fields_descr";
        assert!(error.to_string().contains(expected), "{error}");
        let error = serde_json::from_str::<FieldValues<u32>>(r#"["Иван"]"#).unwrap_err();
        assert!(error.to_string().contains("non-empty list"), "{error}");
        let error = serde_json::from_str::<FieldValues<u32>>(r#"{"1": {"a": 1}}"#).unwrap_err();
        let expected = "expected a field's value: a text, a number or null";
        assert!(error.to_string().contains(expected), "{error}");
    }
}
