//! [`UnknownFields`]: what an answer holds that its type does not name, kept
//! as sent.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Fields of a JSON object that the response types do not name.
///
/// Shops are configured differently and the APIs add fields over time; every
/// response type keeps what it did not expect here instead of dropping it.
/// Each field is kept as its JSON text, in the order sent: one small
/// allocation per field rather than a tree of values, since most programs
/// never look at them. The response types (declared with
/// [`keep_unknown!`](crate::keep_unknown)) keep the text exactly as sent;
/// a set deserialized on its own (say, `#[serde(flatten)]` in a struct of
/// yours) is read through a `Value` and written compactly.
/// [`value`](UnknownFields::value) parses a field when asked. Two sets are
/// equal when they hold the same keys with equal values, in any order, as
/// serde_json reads them (`"\/"` equals `"/"`; `1.0` does not equal `1`).
/// The raw text comes from serde_json (or a `serde_json::Value`): the
/// response types read JSON, not other formats.
///
/// ```
/// shop_apis_core::keep_unknown! { unknown:
///     /// A goods line.
///     #[derive(Debug, serde::Serialize)]
///     pub struct Line {
///         /// Its name.
///         pub name: String,
///         /// The rest.
///         #[serde(flatten, skip_deserializing)]
///         pub unknown: shop_apis_core::UnknownFields,
///     }
/// }
/// let line: Line = serde_json::from_str(r#"{"name": "a", "sku": "A\/1", "tags": [1, 2]}"#)?;
/// assert_eq!(line.unknown.get("sku").map(|raw| raw.get()), Some(r#""A\/1""#));
/// assert_eq!(line.unknown.value("sku"), Some(serde_json::json!("A/1")));
/// assert_eq!(line.unknown.keys().collect::<Vec<_>>(), ["sku", "tags"]);
/// // Serialised as clean JSON.
/// assert_eq!(serde_json::to_string(&line)?, r#"{"name":"a","sku":"A/1","tags":[1,2]}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct UnknownFields {
    fields: Vec<(String, Box<RawValue>)>,
}

impl UnknownFields {
    /// No fields.
    ///
    /// ```
    /// assert!(shop_apis_core::UnknownFields::new().is_empty());
    /// ```
    pub const fn new() -> Self {
        UnknownFields { fields: Vec::new() }
    }

    /// How many fields.
    ///
    /// ```
    /// let fields: shop_apis_core::UnknownFields = serde_json::from_str(r#"{"a": 1}"#).unwrap();
    /// assert_eq!(fields.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// let fields: shop_apis_core::UnknownFields = serde_json::from_str("{}").unwrap();
    /// assert!(fields.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Whether a field of this name was sent.
    ///
    /// ```
    /// let fields: shop_apis_core::UnknownFields = serde_json::from_str(r#"{"a": null}"#).unwrap();
    /// assert!(fields.contains_key("a") && !fields.contains_key("b"));
    /// ```
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The field's JSON text.
    ///
    /// ```
    /// let fields: shop_apis_core::UnknownFields = serde_json::from_str(r#"{"a": [1, 2]}"#).unwrap();
    /// assert_eq!(fields.get("a").unwrap().get(), "[1,2]");
    /// ```
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.fields
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, raw)| &**raw)
    }

    /// The field, parsed; `None` when absent, or when its text is JSON that
    /// a `Value` cannot hold (a number beyond `f64`, a lone surrogate,
    /// nesting past 128 levels), which [`get`](UnknownFields::get) still
    /// has exactly as sent.
    ///
    /// ```
    /// let fields: shop_apis_core::UnknownFields = serde_json::from_str(r#"{"total": "7"}"#).unwrap();
    /// assert_eq!(fields.value("total"), Some(serde_json::json!("7")));
    /// assert_eq!(fields.value("other"), None);
    /// ```
    pub fn value(&self, key: &str) -> Option<Value> {
        self.get(key).and_then(parse)
    }

    /// The names, in the order sent.
    ///
    /// ```
    /// let fields: shop_apis_core::UnknownFields = serde_json::from_str(r#"{"b": 1, "a": 2}"#).unwrap();
    /// assert_eq!(fields.keys().collect::<Vec<_>>(), ["b", "a"]);
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(name, _)| name.as_str())
    }

    /// The names and JSON texts, in the order sent.
    ///
    /// ```
    /// let fields: shop_apis_core::UnknownFields = serde_json::from_str(r#"{"a": true}"#).unwrap();
    /// let (name, raw) = fields.iter().next().unwrap();
    /// assert_eq!((name, raw.get()), ("a", "true"));
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.fields
            .iter()
            .map(|(name, raw)| (name.as_str(), &**raw))
    }

    /// Sets a field to a JSON text; a field of the same name is replaced
    /// (the last one sent wins, as in a JSON object) and returned.
    ///
    /// ```
    /// let mut fields = shop_apis_core::UnknownFields::new();
    /// fields.insert("a".into(), serde_json::value::RawValue::from_string("1".into()).unwrap());
    /// assert_eq!(fields.value("a"), Some(serde_json::json!(1)));
    /// ```
    pub fn insert(&mut self, key: String, raw: Box<RawValue>) -> Option<Box<RawValue>> {
        match self.fields.iter_mut().find(|(name, _)| *name == key) {
            Some((_, old)) => Some(std::mem::replace(old, raw)),
            None => {
                self.fields.push((key, raw));
                None
            }
        }
    }

    /// Sets a field to a value (written as its JSON text).
    ///
    /// ```
    /// let mut fields = shop_apis_core::UnknownFields::new();
    /// fields.insert_value("a".into(), &serde_json::json!({"b": [1]}));
    /// assert_eq!(fields.get("a").unwrap().get(), r#"{"b":[1]}"#);
    /// ```
    pub fn insert_value(&mut self, key: String, value: &Value) {
        self.insert(key, to_raw(value));
    }

    /// Takes a field out.
    ///
    /// ```
    /// let mut fields: shop_apis_core::UnknownFields = serde_json::from_str(r#"{"a": 1}"#).unwrap();
    /// assert_eq!(fields.remove("a").unwrap().get(), "1");
    /// assert!(fields.is_empty());
    /// ```
    pub fn remove(&mut self, key: &str) -> Option<Box<RawValue>> {
        let at = self.fields.iter().position(|(name, _)| name == key)?;
        Some(self.fields.remove(at).1)
    }

    /// The names and parsed values, in the order sent (`None` for a text a
    /// `Value` cannot hold).
    pub(crate) fn parsed(&self) -> impl Iterator<Item = (&str, Option<Value>)> {
        self.iter().map(|(name, raw)| (name, parse(raw)))
    }

    /// Every field a `Value` can hold, parsed, as a JSON object (sorted by
    /// key, as `serde_json::Map` is); see [`value`](UnknownFields::value)
    /// for the others.
    ///
    /// ```
    /// let fields: shop_apis_core::UnknownFields = serde_json::from_str(r#"{"a": 1}"#).unwrap();
    /// assert_eq!(fields.to_map()["a"], 1);
    /// ```
    pub fn to_map(&self) -> Map<String, Value> {
        self.parsed()
            .filter_map(|(name, value)| Some((name.to_owned(), value?)))
            .collect()
    }
}

/// A kept text is JSON (serde_json read or wrote it), but serde_json skips
/// an unknown value without checking what a `Value` cannot hold: `1e400`, a
/// lone `\ud800`, nesting past 128 levels. Those are `None`, never a guess.
fn parse(raw: &RawValue) -> Option<Value> {
    serde_json::from_str(raw.get()).ok()
}

/// A value's JSON text; writing a `Value` cannot fail.
fn to_raw(value: &Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

/// The same keys with equal values, in any order; a text a `Value` cannot
/// hold equals only the same text.
impl PartialEq for UnknownFields {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.iter().all(|(name, raw)| {
                other
                    .get(name)
                    .is_some_and(|theirs| match (parse(raw), parse(theirs)) {
                        (Some(ours), Some(theirs)) => ours == theirs,
                        _ => raw.get() == theirs.get(),
                    })
            })
    }
}

impl Eq for UnknownFields {}

/// As the fields' object, parsed and sorted by key, as `serde_json::Map`
/// prints: `{"sku": String("A-1")}`; a text a `Value` cannot hold shows as
/// its `RawValue`.
impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.parsed().all(|(_, value)| value.is_some()) {
            return fmt::Debug::fmt(&self.to_map(), f);
        }
        let mut sorted: Vec<(&str, &RawValue)> = self.iter().collect();
        sorted.sort_by_key(|(name, _)| *name);
        f.debug_map().entries(sorted).finish()
    }
}

/// Builds the set from parsed values (in their order).
///
/// ```
/// use shop_apis_core::UnknownFields;
/// let fields: UnknownFields = [("a".to_owned(), serde_json::json!(1))].into_iter().collect();
/// assert_eq!(fields.value("a"), Some(serde_json::json!(1)));
/// ```
impl FromIterator<(String, Value)> for UnknownFields {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut fields = UnknownFields::new();
        for (key, value) in iter {
            fields.insert_value(key, &value);
        }
        fields
    }
}

/// From a JSON object.
///
/// ```
/// let map = serde_json::json!({"a": 1}).as_object().unwrap().clone();
/// assert_eq!(shop_apis_core::UnknownFields::from(map).value("a"), Some(serde_json::json!(1)));
/// ```
impl From<Map<String, Value>> for UnknownFields {
    fn from(map: Map<String, Value>) -> Self {
        map.into_iter().collect()
    }
}

/// As a JSON object of the parsed values: clean JSON in any format. A text
/// a `Value` cannot hold is an error naming its key, never written as
/// something else.
impl Serialize for UnknownFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (name, value) in self.parsed() {
            let value = value.ok_or_else(|| {
                serde::ser::Error::custom(format_args!(
                    "unknown field `{name}` holds JSON that serde_json's Value cannot hold"
                ))
            })?;
            map.serialize_entry(name, &value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for UnknownFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = UnknownFields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    /// Through a `Value`, so that any deserializer serves, serde's buffered
    /// content too (a struct of your own with `#[serde(flatten)]`); the
    /// response types catch theirs as raw text ([`RawSeed`]).
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UnknownFields, A::Error> {
        let mut fields = UnknownFields::new();
        while let Some(key) = map.next_key::<String>()? {
            fields.insert_value(key, &map.next_value::<Value>()?);
        }
        Ok(fields)
    }
}

/// One field's JSON text: serde_json hands its raw text over directly (one
/// copy of the bytes), a `serde_json::Value` writes itself out. Those are
/// the deserializers answers are read with (the path-tracking pass of
/// `json::decode` wraps serde_json); serde's own buffering (an untagged
/// enum, `flatten`) has no raw text, so a response type declared with
/// `keep_unknown!` is never read from inside one.
pub(crate) struct RawSeed;

impl<'de> de::DeserializeSeed<'de> for RawSeed {
    type Value = Box<RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Box<RawValue>, D::Error> {
        Box::<RawValue>::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;
    use serde_json::value::RawValue;

    use super::UnknownFields;

    fn fields(json: &str) -> UnknownFields {
        serde_json::from_str(json).unwrap()
    }

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    #[test]
    fn lookups_find_each_field_by_its_name_and_only_it() {
        let set = fields(r#"{"b": [1, 2], "a": null, "c": "x"}"#);
        assert_eq!((set.len(), set.is_empty()), (3, false));
        assert!(set.contains_key("a") && set.contains_key("c") && !set.contains_key("d"));
        assert_eq!(set.get("b").map(RawValue::get), Some("[1,2]"));
        assert_eq!(set.get("c").map(RawValue::get), Some(r#""x""#));
        assert!(set.get("d").is_none());
        assert_eq!(set.value("b"), Some(json!([1, 2])));
        assert_eq!(set.value("a"), Some(json!(null)));
        assert_eq!(set.value("d"), None);
        assert_eq!(set.keys().collect::<Vec<_>>(), ["b", "a", "c"]);
        let pairs: Vec<(&str, &str)> = set.iter().map(|(name, raw)| (name, raw.get())).collect();
        assert_eq!(pairs, [("b", "[1,2]"), ("a", "null"), ("c", r#""x""#)]);
        let empty = fields("{}");
        assert_eq!((empty.len(), empty.is_empty()), (0, true));
        assert_eq!((empty.keys().count(), empty.iter().count()), (0, 0));
    }

    #[test]
    fn insert_replaces_a_field_of_the_same_name_and_returns_the_old_text() {
        let mut set = UnknownFields::new();
        assert!(set.insert("a".into(), raw("1")).is_none());
        assert!(set.insert("b".into(), raw("2")).is_none());
        let old = set.insert("a".into(), raw("3"));
        assert_eq!(old.as_deref().map(RawValue::get), Some("1"));
        assert_eq!(set.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(set.value("a"), Some(json!(3)));
        set.insert_value("c".into(), &json!({"d": [true]}));
        assert_eq!(set.get("c").map(RawValue::get), Some(r#"{"d":[true]}"#));
        assert_eq!(set.len(), 3);
    }

    #[test]
    fn remove_takes_out_the_named_field_alone() {
        let mut set = fields(r#"{"a": 1, "b": 2, "c": 3}"#);
        assert_eq!(set.remove("b").as_deref().map(RawValue::get), Some("2"));
        assert!(set.remove("b").is_none());
        assert!(set.remove("z").is_none());
        assert_eq!(set.keys().collect::<Vec<_>>(), ["a", "c"]);
    }

    #[test]
    fn a_text_a_value_cannot_hold_is_kept_but_never_parsed_into_a_guess() {
        let mut set = UnknownFields::new();
        set.insert("huge".into(), raw("1e400"));
        set.insert("n".into(), raw("7"));
        assert_eq!(set.value("huge"), None);
        assert_eq!(set.get("huge").map(RawValue::get), Some("1e400"));
        let parsed: Vec<_> = set.parsed().collect();
        assert_eq!(parsed, [("huge", None), ("n", Some(json!(7)))]);
        let map = set.to_map();
        assert_eq!((map.len(), &map["n"]), (1, &json!(7)));
    }

    #[test]
    fn equal_sets_hold_the_same_keys_with_equal_values_in_any_order() {
        let set = fields(r#"{"a": "\/", "b": 1}"#);
        assert_eq!(set, fields(r#"{"b": 1, "a": "/"}"#));
        assert_ne!(set, fields(r#"{"a": "/", "b": 2}"#), "a value differs");
        assert_ne!(set, fields(r#"{"a": "/", "c": 1}"#), "a key differs");
        assert_ne!(set, fields(r#"{"a": "/"}"#), "one field fewer");
        assert_ne!(fields(r#"{"a": "/"}"#), set, "one field more");
        assert_ne!(fields(r#"{"a": 1.0}"#), fields(r#"{"a": 1}"#));
        let holding = |text: &str| {
            let mut set = UnknownFields::new();
            set.insert("a".into(), raw(text));
            set
        };
        // Texts that spell one value differently are equal...
        assert_eq!(holding(r#""\/""#), holding(r#""/""#));
        assert_eq!(holding("[1, 2]"), holding("[1,2]"));
        // ...and a text a `Value` cannot hold equals only itself.
        assert_eq!(holding("1e400"), holding("1e400"));
        assert_ne!(holding("1e400"), holding("2e400"));
        assert_ne!(holding("1e400"), holding("1"));
    }

    #[test]
    fn it_shows_and_serializes_as_the_object_of_its_values() {
        let set: UnknownFields = [("b".to_owned(), json!(1)), ("a".to_owned(), json!("x"))]
            .into_iter()
            .collect();
        assert_eq!(set.keys().collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(format!("{set:?}"), r#"{"a": String("x"), "b": Number(1)}"#);
        assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"b":1,"a":"x"}"#);
        let from_map = UnknownFields::from(json!({"a": "x", "b": 1}).as_object().unwrap().clone());
        assert_eq!(from_map, set);
        let mut odd = UnknownFields::new();
        odd.insert("huge".into(), raw("1e400"));
        assert_eq!(format!("{odd:?}"), r#"{"huge": RawValue(1e400)}"#);
        let error = serde_json::to_string(&odd).unwrap_err().to_string();
        assert!(error.contains("unknown field `huge`"), "{error}");
    }

    #[test]
    fn anything_but_an_object_is_refused_saying_an_object_was_expected() {
        let error = serde_json::from_str::<UnknownFields>("[1]")
            .unwrap_err()
            .to_string();
        assert!(error.contains("expected an object"), "{error}");
        let from_value = UnknownFields::deserialize(json!({"a": [1]})).unwrap();
        assert_eq!(from_value.get("a").map(RawValue::get), Some("[1]"));
    }

    #[test]
    fn the_raw_seed_keeps_a_text_exactly_as_sent() {
        use serde::de::DeserializeSeed;
        let mut deserializer = serde_json::Deserializer::from_str(r#"{"a" : [1,  2]}"#);
        let raw = super::RawSeed.deserialize(&mut deserializer).unwrap();
        assert_eq!(raw.get(), r#"{"a" : [1,  2]}"#);
    }
}
