//! W10: a reference to another record where `0`, `"0"`, `""` or `null` means
//! "none" (`"manager_id": "0"` with `"manager": null`: no manager assigned).
//!
//! An id is never 0 in these APIs, so 0 is read as absence rather than as a
//! record that cannot exist. Any other value decodes as [W1](super::int).
//!
//! ```
//! shop_apis_core::id_type! {
//!     /// An employee.
//!     pub struct ManagerId(u64);
//! }
//! #[derive(serde::Deserialize)]
//! struct Client {
//!     #[serde(default, deserialize_with = "shop_apis_core::wire::optional_id::deserialize")]
//!     manager_id: Option<ManagerId>,
//! }
//! for (json, expected) in [(r#""0""#, None), ("null", None), (r#""""#, None), (r#""7""#, Some(ManagerId::new(7))), ("7", Some(ManagerId::new(7)))] {
//!     let client: Client = serde_json::from_str(&format!(r#"{{"manager_id": {json}}}"#)).unwrap();
//!     assert_eq!(client.manager_id, expected, "{json}");
//! }
//! assert!(serde_json::from_str::<Client>(r#"{"manager_id": "-1"}"#).is_err());
//! ```

use serde::Deserializer;

/// Decodes an optional reference: `0`, `""` and `null` are `None`.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<u64>,
{
    let id: Option<u64> = super::int::option::deserialize(deserializer)?;
    Ok(id.filter(|id| *id != 0).map(T::from))
}

#[cfg(test)]
mod tests {
    #[derive(Debug, serde::Deserialize)]
    struct Client {
        #[serde(default, deserialize_with = "super::deserialize")]
        manager_id: Option<u64>,
    }

    fn manager_id(json: &str) -> Result<Option<u64>, serde_json::Error> {
        serde_json::from_str::<Client>(&format!(r#"{{"manager_id": {json}}}"#))
            .map(|client| client.manager_id)
    }

    #[test]
    fn zero_empty_and_null_are_no_reference_and_any_other_id_is_one() {
        for none in ["0", r#""0""#, r#""""#, "null"] {
            assert_eq!(manager_id(none).unwrap(), None, "{none}");
        }
        for (json, id) in [("7", 7), (r#""7""#, 7), (r#""007""#, 7)] {
            assert_eq!(manager_id(json).unwrap(), Some(id), "{json}");
        }
        assert!(manager_id(r#""-1""#).is_err());
        assert!(manager_id("[]").is_err());
    }
}
