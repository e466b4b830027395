//! U31: on/off flags keyed by id with an `all` switch beside them:
//! `{"all": 1}`, `{"all": 0, "1": 1, "3": 0}`, or `""` for none stated (a
//! payment method's `delivery_assoc`, `002`:106).
//!
//! ```
//! use shop_apis_core::wire::FlagsById;
//! let assoc: FlagsById<u32> = serde_json::from_str(r#"{"all": "0", "1": 1, "3": "0"}"#)?;
//! assert_eq!(assoc.all, Some(false));
//! assert_eq!(assoc.by_id.get(&1), Some(&true));
//! assert_eq!(assoc.by_id.get(&3), Some(&false));
//! let none: FlagsById<u32> = serde_json::from_str(r#""""#)?;
//! assert_eq!((none.all, none.by_id.len()), (None, 0));
//! assert!(serde_json::from_str::<FlagsById<u32>>(r#"{"x": 1}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{IdKey, IdMap};

/// Flags by id, and the `all` switch when sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FlagsById<K> {
    /// `all`, when sent: on for every id.
    pub all: Option<bool>,
    /// Each id's flag (W3), sorted by id.
    pub by_id: IdMap<K, bool>,
}

impl<K> Default for FlagsById<K> {
    fn default() -> Self {
        FlagsById {
            all: None,
            by_id: IdMap::new(),
        }
    }
}

/// As the wire sends it, with JSON booleans: `{"all": true, "1": false}`.
///
/// ```
/// use shop_apis_core::wire::FlagsById;
/// let flags: FlagsById<u32> = serde_json::from_str(r#"{"2": "1", "1": "0", "all": "0"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&flags).unwrap(), r#"{"all":false,"1":false,"2":true}"#);
/// ```
impl<K: IdKey> serde::Serialize for FlagsById<K> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        if let Some(all) = self.all {
            map.serialize_entry("all", &all)?;
        }
        for (id, flag) in self.by_id.iter() {
            map.serialize_entry(&id.to_wire_key(), flag)?;
        }
        map.end()
    }
}

impl<'de, K: IdKey> Deserialize<'de> for FlagsById<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FlagsVisitor(PhantomData))
    }
}

struct FlagsVisitor<K>(PhantomData<K>);

/// One flag, by the W3 decoder.
struct FlagSeed;

impl<'de> DeserializeSeed<'de> for FlagSeed {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        super::flag::deserialize(deserializer)
    }
}

impl<'de, K: IdKey> Visitor<'de> for FlagsVisitor<K> {
    type Value = FlagsById<K>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of flags by id and \"all\", or \"\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            Ok(FlagsById::default())
        } else {
            Err(E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(FlagsById::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        match seq.next_element::<de::IgnoredAny>()? {
            None => Ok(FlagsById::default()),
            Some(_) => Err(de::Error::custom("a non-empty list is not a set of flags")),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut all = None;
        let mut by_id = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "all" {
                all = Some(map.next_value_seed(FlagSeed)?);
                continue;
            }
            let id = K::from_wire_key(&key)
                .ok_or_else(|| de::Error::custom(format_args!("{key:?} is not an id")))?;
            by_id.push((id, map.next_value_seed(FlagSeed)?));
        }
        let by_id = IdMap::from_entries(by_id)
            .map_err(|id| de::Error::custom(format_args!("the id {id} occurs twice")))?;
        Ok(FlagsById { all, by_id })
    }
}

#[cfg(test)]
mod tests {
    use super::FlagsById;

    #[test]
    fn empty_forms_are_no_flags_and_other_forms_are_refused_saying_what_was_expected() {
        for empty in ["{}", "[]", r#""""#, "null"] {
            let flags: FlagsById<u32> = serde_json::from_str(empty).unwrap();
            assert_eq!(flags, FlagsById::default(), "{empty}");
        }
        let error = serde_json::from_str::<FlagsById<u32>>(r#""all""#).unwrap_err();
        let expected = r#"expected an object of flags by id and "all", or """#;
        assert!(error.to_string().contains(expected), "{error}");
        let error = serde_json::from_str::<FlagsById<u32>>("[1]").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("a non-empty list is not a set of flags"),
            "{error}"
        );
    }
}
