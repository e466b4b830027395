//! The shop's open sets of codes: order statuses, order groups and order
//! field types. Each has the values the document lists and `Other`, which
//! keeps any other code as sent (the document's own status list omits 6 and
//! 10, which its examples show).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Unexpected};
use shop_apis_core::wire::IdKey;

/// Declares an open set of integer codes.
macro_rules! open_codes {
    (
        $(#[$doc:meta])*
        $name:ident: $repr:ty { $($(#[$vdoc:meta])* $variant:ident = $code:literal,)* }
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
            Other($repr),
        }

        impl $name {
            /// The value for `code`.
            pub fn from_code(code: $repr) -> Self {
                match code {
                    $($code => $name::$variant,)*
                    other => $name::Other(other),
                }
            }

            /// The code sent on the wire.
            pub fn code(self) -> $repr {
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

        impl From<$repr> for $name {
            fn from(code: $repr) -> Self {
                $name::from_code(code)
            }
        }

        impl IdKey for $name {
            fn from_wire_key(key: &str) -> Option<Self> {
                <$repr>::from_wire_key(key).map($name::from_code)
            }
            fn from_index(index: usize) -> Option<Self> {
                <$repr>::try_from(index).ok().map($name::from_code)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code: $repr = shop_apis_core::wire::int::deserialize(deserializer)?;
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
    OrderStatus: u32 {
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
    OrderGroup: u32 {
        /// 0, "В работе".
        InWork = 0,
        /// 1, "В архиве".
        Archive = 1,
        /// 2, "В корзине" (the bin).
        Bin = 2,
    }
}

/// Declares an open set of names: the listed ones as variants, any other
/// kept as sent in `Other`.
macro_rules! open_names {
    (
        $(#[$doc:meta])*
        $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A name the document does not list, as sent.
            Other(String),
        }

        impl $name {
            /// The value the wire spells `text`.
            pub fn from_name(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// The name as the wire spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Other(other) => other,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name::from_name(text)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            /// Any text but `""`, which names nothing (an absent value is `None`
            /// in the field that holds it).
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                if text.is_empty() {
                    return Err(de::Error::invalid_value(Unexpected::Str(&text), &stringify!($name)));
                }
                Ok($name::from_name(&text))
            }
        }
    };
}

open_names! {
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
    FieldType {
        /// `text`.
        Text = "text",
        /// `textarea`.
        Textarea = "textarea",
        /// `checkbox`.
        Checkbox = "checkbox",
        /// `file`: cannot be changed through the API.
        File = "file",
        /// `email`.
        Email = "email",
        /// `phone`.
        Phone = "phone",
        /// `promo`: a promotional code.
        Promo = "promo",
        /// `select`, with its `values`.
        Select = "select",
        /// `radio`, with its `values`.
        Radio = "radio",
        /// `gmaps`: an address on a map.
        Gmaps = "gmaps",
    }
}

open_names! {
    /// Which field of the user's card an order field is filled from
    /// (`afld`, `002`:1236–1249); `""` (no association) is `None` where it is held.
    ///
    /// ```
    /// use ucoz_proto::UserField;
    /// assert_eq!(UserField::from_name("city"), UserField::City);
    /// assert_eq!(UserField::from_name("skype").as_str(), "skype");
    /// ```
    UserField {
        /// `full_name`, "Имя".
        FullName = "full_name",
        /// `phone`, "Телефон".
        Phone = "phone",
        /// `email`, "E-mail".
        Email = "email",
        /// `gender`, "Пол".
        Gender = "gender",
        /// `state`, "Штат".
        State = "state",
        /// `city`, "Город".
        City = "city",
        /// `msn`.
        Msn = "msn",
        /// `aol`.
        Aol = "aol",
        /// `icq`.
        Icq = "icq",
        /// `yahoo`.
        Yahoo = "yahoo",
        /// `signature`, "Подпись".
        Signature = "signature",
        /// `birthday`, "Дата рождения".
        Birthday = "birthday",
    }
}

open_names! {
    /// Whether a payment method can be chosen (`status`, "доступен/недоступен",
    /// `002`:94); the examples send `"active"`, the other spelling is not shown.
    ///
    /// ```
    /// use ucoz_proto::PaymentStatus;
    /// assert_eq!(PaymentStatus::from_name("active"), PaymentStatus::Active);
    /// assert_eq!(PaymentStatus::from_name("inactive"), PaymentStatus::Other("inactive".into()));
    /// ```
    PaymentStatus {
        /// `active`: available.
        Active = "active",
    }
}

open_codes! {
    /// A kind of goods: what an order field is shown for (`dig`,
    /// `002`:1230–1235) and what a digital product is (`type`, `002`:531).
    ///
    /// ```
    /// use ucoz_proto::GoodsKind;
    /// assert_eq!(GoodsKind::from_code(-1), GoodsKind::Any);
    /// assert_eq!(GoodsKind::from_code(2), GoodsKind::Code);
    /// assert_eq!(GoodsKind::from_code(7), GoodsKind::Other(7));
    /// ```
    GoodsKind: i32 {
        /// -1, "любого типа" (fields only).
        Any = -1,
        /// 0, "Материальный товар".
        Material = 0,
        /// 1, "Товар является файлом".
        File = 1,
        /// 2, "Товар - электронный код".
        Code = 2,
        /// 3, "Услуга".
        Service = 3,
    }
}

/// An optional code of an open set, by the W1 decoder (`""` and `null` are none).
pub(crate) fn code_option<'de, D, R, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    R: shop_apis_core::wire::int::Integer,
    T: From<R>,
{
    Ok(shop_apis_core::wire::int::option::deserialize::<D, R>(deserializer)?.map(T::from))
}
