//! W5: a list sent as an object keyed by id.

use std::fmt;
use std::marker::PhantomData;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::UnknownFields;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

/// A key of an [`IdMap`]: something with a text spelling in JSON object keys.
///
/// Implemented for the integer types, `String`, and the id newtypes made with
/// [`id_type!`](crate::id_type).
pub trait IdKey: Ord + fmt::Display + Sized {
    /// Reads a JSON object key (`"6"`); `None` if it is not an id.
    ///
    /// ```
    /// use shop_apis_core::wire::IdKey;
    /// assert_eq!(u64::from_wire_key("6"), Some(6));
    /// assert_eq!(u64::from_wire_key("six"), None);
    /// ```
    fn from_wire_key(key: &str) -> Option<Self>;

    /// The key of the `index`-th element when PHP sent the map as a JSON list
    /// (it does so when the keys are exactly 0, 1, 2, …).
    ///
    /// ```
    /// use shop_apis_core::wire::IdKey;
    /// assert_eq!(u64::from_index(0), Some(0));
    /// ```
    fn from_index(index: usize) -> Option<Self>;

    /// The key as the wire spells it (`"6"`): what a serialised map is keyed by.
    ///
    /// ```
    /// use shop_apis_core::wire::IdKey;
    /// assert_eq!(6u32.to_wire_key(), "6");
    /// assert_eq!(u32::from_wire_key(&6u32.to_wire_key()), Some(6));
    /// ```
    fn to_wire_key(&self) -> String {
        self.to_string()
    }
}

macro_rules! integer_keys {
    ($($t:ty),*) => {$(
        impl IdKey for $t {
            fn from_wire_key(key: &str) -> Option<Self> {
                crate::wire::int::parse(key)
            }
            fn from_index(index: usize) -> Option<Self> {
                Self::try_from(index).ok()
            }
        }
    )*};
}
integer_keys!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl IdKey for String {
    fn from_wire_key(key: &str) -> Option<Self> {
        Some(key.to_owned())
    }
    fn from_index(index: usize) -> Option<Self> {
        Some(index.to_string())
    }
}

/// A list that the wire sends as an object keyed by id, in id order.
///
/// uCoz sends `{"delivery_list": {"1": {…}, "3": {…}, "2": {…}}}`: the keys are
/// ids, their order means nothing, an empty list is PHP's `[]` (or `""`, or
/// `null`), and a list whose keys happen to be 0, 1, 2… arrives as a JSON array. All of these decode to
/// the same `IdMap`: entries sorted by id, looked up in `O(log n)`. Two entries
/// with one id are an error. A key that is not an id (a `"total"` mixed in
/// among the ids) is split off, value as sent, into [`IdMap::others`], so
/// nothing is lost and the ids stay typed. Decoding is one pass with no
/// buffering; keys are parsed without allocating.
///
/// ```
/// use shop_apis_core::wire::IdMap;
/// let map: IdMap<u32, String> = serde_json::from_str(r#"{"3": "c", "1": "a", "2": "b"}"#).unwrap();
/// assert_eq!(map.keys().copied().collect::<Vec<_>>(), [1, 2, 3]);
/// assert_eq!(map.get(&2).map(String::as_str), Some("b"));
///
/// let as_list: IdMap<u32, String> = serde_json::from_str(r#"["a", "b", "c"]"#).unwrap();
/// assert_eq!(as_list.get(&0).map(String::as_str), Some("a"));
/// for empty in ["[]", "{}", r#""""#, "null"] {
///     assert!(serde_json::from_str::<IdMap<u32, String>>(empty).unwrap().is_empty());
/// }
/// assert!(serde_json::from_str::<IdMap<u32, String>>(r#""x""#).is_err());
///
/// let mixed: IdMap<u32, String> = serde_json::from_str(r#"{"2": "b", "total": 2, "1": "a"}"#).unwrap();
/// assert_eq!(mixed.values().collect::<Vec<_>>(), ["a", "b"]);
/// assert_eq!(mixed.others().value("total").unwrap(), 2);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct IdMap<K, V> {
    entries: Vec<(K, V)>,
    others: UnknownFields,
}

impl<K, V> IdMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        IdMap {
            entries: Vec::new(),
            others: UnknownFields::new(),
        }
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in id order.
    pub fn iter(&self) -> std::slice::Iter<'_, (K, V)> {
        self.entries.iter()
    }

    /// The ids, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in id order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The entries as a slice, in id order.
    pub fn as_slice(&self) -> &[(K, V)] {
        &self.entries
    }

    /// The entries as a vector, in id order (the [`others`](IdMap::others) are dropped).
    pub fn into_vec(self) -> Vec<(K, V)> {
        self.entries
    }

    /// The keys that are not ids, with their values as sent; usually empty.
    pub fn others(&self) -> &UnknownFields {
        &self.others
    }
}

impl<K: Ord, V> IdMap<K, V> {
    /// The value with this id.
    pub fn get(&self, id: &K) -> Option<&V> {
        self.entries
            .binary_search_by(|(k, _)| k.cmp(id))
            .ok()
            .map(|i| &self.entries[i].1)
    }

    /// A map of these entries; `Err` with the first id that occurs twice.
    ///
    /// ```
    /// use shop_apis_core::wire::IdMap;
    /// let map = IdMap::from_entries(vec![(2u32, "b"), (1, "a")]).unwrap();
    /// assert_eq!(map.get(&1), Some(&"a"));
    /// assert_eq!(IdMap::from_entries(vec![(1u32, "a"), (1, "b")]).unwrap_err(), 1);
    /// ```
    pub fn from_entries(mut entries: Vec<(K, V)>) -> Result<Self, K> {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        match entries.windows(2).position(|pair| pair[0].0 == pair[1].0) {
            None => Ok(IdMap {
                entries,
                others: UnknownFields::new(),
            }),
            Some(i) => Err(entries.swap_remove(i).0),
        }
    }
}

impl<K, V> Default for IdMap<K, V> {
    fn default() -> Self {
        IdMap::new()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for IdMap<K, V> {
    /// As a map of the entries; the others, if any, follow under their keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        map.entries(self.entries.iter().map(|(k, v)| (k, v)));
        map.entries(self.others.to_map());
        map.finish()
    }
}

impl<'a, K, V> IntoIterator for &'a IdMap<K, V> {
    type Item = &'a (K, V);
    type IntoIter = std::slice::Iter<'a, (K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl<K, V> IntoIterator for IdMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// An object keyed by id, as the wire sends it, then the others under their keys.
///
/// ```
/// use shop_apis_core::wire::IdMap;
/// let map: IdMap<u32, bool> = serde_json::from_str(r#"{"3": true, "1": false, "total": 2}"#).unwrap();
/// assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"1":false,"3":true,"total":2}"#);
/// ```
impl<K: IdKey, V: Serialize> Serialize for IdMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len() + self.others.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(&key.to_wire_key(), value)?;
        }
        for (key, value) in self.others.parsed() {
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

impl<'de, K: IdKey, V: Deserialize<'de>> Deserialize<'de> for IdMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdMapVisitor(PhantomData))
    }
}

struct IdMapVisitor<K, V>(PhantomData<(K, V)>);

/// Caps what a size hint from the input may reserve up front.
const MAX_PREALLOCATED: usize = 1024;

impl<'de, K: IdKey, V: Deserialize<'de>> Visitor<'de> for IdMapVisitor<K, V> {
    type Value = IdMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object keyed by id, or a list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let hint = map.size_hint().unwrap_or(0).min(MAX_PREALLOCATED);
        let mut entries = Vec::with_capacity(hint);
        let mut others = UnknownFields::new();
        while let Some(key) = map.next_key_seed(KeySeed::<K>(PhantomData))? {
            match key {
                Key::Id(id) => push(&mut entries, (id, map.next_value()?)),
                Key::Other(name) => {
                    others.insert(name, map.next_value()?);
                }
            }
        }
        finish(entries, others)
    }

    /// uCoz writes an empty collection as `""` in places (`"delivery_assoc": ""`).
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            Ok(IdMap::new())
        } else {
            Err(E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    /// And as `null`.
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(IdMap::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let hint = seq.size_hint().unwrap_or(0).min(MAX_PREALLOCATED);
        let mut entries = Vec::with_capacity(hint);
        while let Some(value) = seq.next_element()? {
            let key = K::from_index(entries.len()).ok_or_else(|| {
                de::Error::custom("more list elements than the id type can number")
            })?;
            push(&mut entries, (key, value));
        }
        Ok(IdMap {
            entries,
            others: UnknownFields::new(),
        })
    }
}

/// Pushes an entry, growing the vector by a quarter when it is full rather
/// than doubling it: the wire gives no count, entries are large (a uCoz
/// invoice is ~900 bytes before its text), and a doubled vector left up to
/// half of itself empty, as much memory as the body again. The copies this
/// costs are a few per cent of a page's decode.
fn push<T>(entries: &mut Vec<T>, entry: T) {
    if entries.len() == entries.capacity() {
        entries.reserve_exact((entries.len() / 4).max(4));
    }
    entries.push(entry);
}

fn finish<K: IdKey, V, E: de::Error>(
    mut entries: Vec<(K, V)>,
    others: UnknownFields,
) -> Result<IdMap<K, V>, E> {
    if !entries.is_sorted_by(|a, b| a.0 < b.0) {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(pair) = entries.windows(2).find(|pair| pair[0].0 == pair[1].0) {
            return Err(E::custom(format_args!("the id {} occurs twice", pair[0].0)));
        }
    }
    Ok(IdMap { entries, others })
}

/// A key of the wire object: an id, or a name to split off.
enum Key<K> {
    Id(K),
    Other(String),
}

struct KeySeed<K>(PhantomData<K>);

impl<'de, K: IdKey> DeserializeSeed<'de> for KeySeed<K> {
    type Value = Key<K>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<K>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<K: IdKey> Visitor<'_> for KeySeed<K> {
    type Value = Key<K>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<K>, E> {
        // Allocates only for the rare key that is not an id.
        Ok(match K::from_wire_key(v) {
            Some(id) => Key::Id(id),
            None => Key::Other(v.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::IdMap;

    #[test]
    fn text_ids_of_a_list_are_its_positions() {
        let map: IdMap<String, u32> = serde_json::from_str("[5, 6]").unwrap();
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        assert_eq!(keys, ["0", "1"]);
    }

    #[test]
    fn the_entries_read_as_a_slice_and_by_reference_in_id_order() {
        let map: IdMap<u32, bool> = serde_json::from_str(r#"{"3": true, "1": false}"#).unwrap();
        assert_eq!(map.as_slice(), &[(1, false), (3, true)]);
        let by_reference: Vec<_> = (&map).into_iter().collect();
        assert_eq!(by_reference, [&(1, false), &(3, true)]);
    }

    /// CBOR writes a map's length before its entries, from the length the
    /// map gives: the ids and the others together.
    #[test]
    fn a_format_that_writes_lengths_first_gets_the_ids_and_the_others() {
        let map: IdMap<u32, u32> =
            serde_json::from_str(r#"{"1": 10, "total": 2, "count": 3}"#).unwrap();
        assert_eq!((map.len(), map.others().len()), (1, 2));
        let mut cbor = Vec::new();
        ciborium::into_writer(&map, &mut cbor).unwrap();
        let read: std::collections::BTreeMap<String, u32> =
            ciborium::from_reader(cbor.as_slice()).unwrap();
        let expected = [("1", 10), ("count", 3), ("total", 2)].map(|(k, v)| (k.to_owned(), v));
        assert_eq!(read, expected.into_iter().collect());
    }

    #[test]
    fn a_value_of_another_kind_says_what_was_expected() {
        let error = serde_json::from_str::<IdMap<u32, u32>>("true").unwrap_err();
        let expected = "expected an object keyed by id, or a list";
        assert!(error.to_string().contains(expected), "{error}");
        for empty in [r#""""#, "null", "[]", "{}"] {
            let map: IdMap<u32, u32> = serde_json::from_str(empty).unwrap();
            assert!(map.is_empty() && map.others().is_empty(), "{empty}");
        }
        let error = serde_json::from_str::<IdMap<u32, u32>>(r#""7""#).unwrap_err();
        assert!(
            error.to_string().contains(r#"invalid value: string "7""#),
            "{error}"
        );
    }

    #[test]
    fn a_key_that_is_not_text_is_refused_as_not_an_object_key() {
        use serde::Deserialize as _;
        let entries = vec![(true, 1_u32)];
        let map = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
            entries.into_iter(),
        );
        let error = IdMap::<u32, u32>::deserialize(map).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: boolean `true`, expected an object key"
        );
    }
}
