//! W12: a moment sent as Unix seconds in a string (`"add_date": "1458511535"`),
//! with `"0"`, `""` or `null` for "not set" where a date is optional
//! (`"delivery_date": "0"`).

use serde::Deserializer;
use serde::de::Error as _;
use time::OffsetDateTime;

/// Decodes Unix seconds (a number or a string of digits) into a UTC moment.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Order {
///     #[serde(deserialize_with = "shop_apis_core::wire::unix_time::deserialize")]
///     add_date: time::OffsetDateTime,
/// }
/// let order: Order = serde_json::from_str(r#"{"add_date": "1458511535"}"#).unwrap();
/// assert_eq!(order.add_date.unix_timestamp(), 1_458_511_535);
/// assert!(serde_json::from_str::<Order>(r#"{"add_date": "yesterday"}"#).is_err());
/// ```
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
    let seconds: i64 = super::int::deserialize(deserializer)?;
    OffsetDateTime::from_unix_timestamp(seconds).map_err(D::Error::custom)
}

/// For optional moments: `0`, `"0"`, `""` and `null` are `None`.
pub mod option {
    use super::*;

    /// Decodes optional Unix seconds.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct Delivery {
    ///     #[serde(default, deserialize_with = "shop_apis_core::wire::unix_time::option::deserialize")]
    ///     delivery_date: Option<time::OffsetDateTime>,
    /// }
    /// for json in [r#""0""#, r#""""#, "null", "0"] {
    ///     let d: Delivery = serde_json::from_str(&format!(r#"{{"delivery_date": {json}}}"#)).unwrap();
    ///     assert_eq!(d.delivery_date, None, "{json}");
    /// }
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        let seconds: Option<i64> = super::super::int::option::deserialize(deserializer)?;
        seconds
            .filter(|s| *s != 0)
            .map(|s| OffsetDateTime::from_unix_timestamp(s).map_err(D::Error::custom))
            .transpose()
    }
}
