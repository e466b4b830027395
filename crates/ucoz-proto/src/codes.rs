//! The shop's open sets of codes: order statuses, order groups and order
//! field types. Each has the values the document lists and `Other`, which
//! keeps any other code as sent (the document's own status list omits 6 and
//! 10, which its examples show).

use std::fmt;

use proto_core::wire::IdKey;
use serde::Deserialize;
use serde::de::{self, Deserializer, Unexpected, Visitor};

/// Declares an open set of integer codes.
macro_rules! open_codes {
    (
        $(#[$doc:meta])*
        $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal,)* }
    ) => {
        $(#[$doc])*
        ///
        /// Values compare, order and hash by their code, so `Other` holding a
        /// listed code is the listed value.
        #[derive(Debug, Clone, Copy)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A code the document does not list, kept as sent.
            Other(u32),
        }

        impl $name {
            /// The value for `code`.
            pub fn from_code(code: u32) -> Self {
                match code {
                    $($code => $name::$variant,)*
                    other => $name::Other(other),
                }
            }

            /// The code sent on the wire.
            pub fn code(self) -> u32 {
                match self {
                    $($name::$variant => $code,)*
                    $name::Other(code) => code,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.code())
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.code() == other.code()
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.code().hash(state);
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.code().cmp(&other.code())
            }
        }

        impl IdKey for $name {
            fn from_wire_key(key: &str) -> Option<Self> {
                u32::from_wire_key(key).map($name::from_code)
            }
            fn from_index(index: usize) -> Option<Self> {
                u32::try_from(index).ok().map($name::from_code)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code: u32 = proto_core::wire::int::deserialize(deserializer)?;
                Ok($name::from_code(code))
            }
        }
    };
}

open_codes! {
    /// An order's status (`status`, `order_status.code`).
    ///
    /// ```
    /// use ucoz_proto::OrderStatus;
    /// assert_eq!(OrderStatus::from_code(4), OrderStatus::Ready);
    /// assert_eq!(OrderStatus::from_code(10), OrderStatus::Other(10));
    /// assert_eq!(OrderStatus::Other(6).code(), 6);
    /// // Compared by code: an `Other` of a listed code is that value.
    /// assert_eq!(OrderStatus::Other(4), OrderStatus::Ready);
    /// ```
    OrderStatus {
        /// 0, "Новый".
        New = 0,
        /// 1, "Оплачивается".
        AwaitingPayment = 1,
        /// 2, "Оплачен".
        Paid = 2,
        /// 3, "В обработке".
        Processing = 3,
        /// 4, "Готов".
        Ready = 4,
        /// 5, "Доставляется".
        Delivering = 5,
        /// 7, "Доставлен".
        Delivered = 7,
        /// 8, "Завершён".
        Completed = 8,
        /// 9, "Отменён".
        Cancelled = 9,
    }
}

open_codes! {
    /// An order's group (`hide`): where it is filed.
    ///
    /// ```
    /// use ucoz_proto::OrderGroup;
    /// assert_eq!(OrderGroup::from_code(1), OrderGroup::Archive);
    /// ```
    OrderGroup {
        /// 0, "В работе".
        InWork = 0,
        /// 1, "В архиве".
        Archive = 1,
        /// 2, "В корзине" (the bin).
        Bin = 2,
    }
}

/// An order field's type: the document's list, and any other kept as sent.
///
/// ```
/// use ucoz_proto::FieldType;
/// let kind: FieldType = serde_json::from_str(r#""gmaps""#).unwrap();
/// assert_eq!(kind, FieldType::Gmaps);
/// let other: FieldType = serde_json::from_str(r#""date""#).unwrap();
/// assert_eq!(other, FieldType::Other("date".into()));
/// assert_eq!(other.as_str(), "date");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldType {
    /// `text`.
    Text,
    /// `textarea`.
    Textarea,
    /// `checkbox`.
    Checkbox,
    /// `file`: cannot be changed through the API.
    File,
    /// `email`.
    Email,
    /// `phone`.
    Phone,
    /// `promo`: a promotional code.
    Promo,
    /// `select`, with its `values`.
    Select,
    /// `radio`, with its `values`.
    Radio,
    /// `gmaps`: an address on a map.
    Gmaps,
    /// A type the document does not list, as sent.
    Other(String),
}

impl FieldType {
    const KNOWN: [(&'static str, FieldType); 10] = [
        ("text", FieldType::Text),
        ("textarea", FieldType::Textarea),
        ("checkbox", FieldType::Checkbox),
        ("file", FieldType::File),
        ("email", FieldType::Email),
        ("phone", FieldType::Phone),
        ("promo", FieldType::Promo),
        ("select", FieldType::Select),
        ("radio", FieldType::Radio),
        ("gmaps", FieldType::Gmaps),
    ];

    /// The type as the wire spells it.
    pub fn as_str(&self) -> &str {
        match self {
            FieldType::Other(other) => other,
            known => Self::KNOWN
                .iter()
                .find(|(_, k)| k == known)
                .map_or("", |(name, _)| name),
        }
    }
}

impl<'de> Deserialize<'de> for FieldType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypeVisitor;
        impl Visitor<'_> for TypeVisitor {
            type Value = FieldType;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field type")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldType, E> {
                if v.is_empty() {
                    return Err(E::invalid_value(Unexpected::Str(v), &self));
                }
                Ok(FieldType::KNOWN
                    .iter()
                    .find(|(name, _)| *name == v)
                    .map_or_else(|| FieldType::Other(v.to_owned()), |(_, k)| k.clone()))
            }
        }
        deserializer.deserialize_str(TypeVisitor)
    }
}
