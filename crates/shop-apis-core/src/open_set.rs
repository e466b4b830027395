//! Open sets: the one shape of every set of codes or names an API documents
//! but may extend (order statuses, field types), after `http::StatusCode`.
//!
//! A value is a code (or a name) behind a private field, with an associated
//! constant for each value the document lists. Any code the server sends is
//! kept; a listed one is always its constant, so `==`, `match`, hashing and
//! ordering agree: there is no `Other(4)` beside `READY` to skip a `match`
//! arm. `Display` shows the document's Russian name where it gives one, and
//! the code or name as sent otherwise.

/// The inside of a name-valued open set; not part of the public API (its
/// variants are reached only through the set's constants and `from_name`).
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Name {
    /// A listed name.
    Listed(&'static str),
    /// Any other name, as sent; never a listed one.
    Unlisted(Box<str>),
}

impl Name {
    /// The name as the wire spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Name::Listed(name) => name,
            Name::Unlisted(name) => name,
        }
    }
}

/// A text naming no value of an open set: neither a code nor a listed
/// value's constant.
///
/// ```
/// use shop_apis_core::open_set::parse_code;
/// let error = parse_code::<u32>("soon", "Status", &[("NEW", 0)]).unwrap_err();
/// assert_eq!(error.to_string(), "`soon` is no Status: give a code or one of new");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    text: String,
    set: &'static str,
    names: Vec<String>,
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is no {}: give a code or one of {}",
            self.text,
            self.set,
            self.names.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// The code `text` names in the open set `set`, whose listed values are
/// `listed` (constant, code): the code in digits, or a constant in any case
/// with `-` for `_`. Behind every numeric open set's `FromStr`.
///
/// ```
/// use shop_apis_core::open_set::parse_code;
/// let listed = [("NEW", 0), ("AWAITING_PAYMENT", 1)];
/// assert_eq!(parse_code::<u32>("awaiting-payment", "Status", &listed), Ok(1));
/// assert_eq!(parse_code::<u32>("NEW", "Status", &listed), Ok(0));
/// assert_eq!(parse_code::<u32>("17", "Status", &listed), Ok(17));
/// assert_eq!(parse_code::<i32>("-1", "Kind", &[]), Ok(-1));
/// assert!(parse_code::<u32>("", "Status", &listed).is_err());
/// ```
pub fn parse_code<R: Copy + std::str::FromStr>(
    text: &str,
    set: &'static str,
    listed: &[(&'static str, R)],
) -> Result<R, UnknownName> {
    if let Ok(code) = text.parse::<R>() {
        return Ok(code);
    }
    let wanted = text.replace('-', "_");
    listed
        .iter()
        .find(|(constant, _)| constant.eq_ignore_ascii_case(&wanted))
        .map(|&(_, code)| code)
        .ok_or_else(|| UnknownName {
            text: text.to_owned(),
            set,
            names: listed
                .iter()
                .map(|(constant, _)| constant.to_ascii_lowercase().replace('_', "-"))
                .collect(),
        })
}

/// Declares an open set: an integer code or a name, with a constant per
/// listed value and, optionally, the document's Russian name for it.
///
/// ```
/// shop_apis_core::open_set! {
///     /// An order's status.
///     pub struct Status(u32) {
///         /// 0.
///         NEW = 0 => "Новый",
///         /// 4.
///         READY = 4 => "Готов",
///     }
/// }
/// let ready: Status = serde_json::from_str(r#""4""#).unwrap();
/// assert_eq!(ready, Status::READY);
/// assert_eq!(Status::from_code(4), Status::READY);
/// assert_eq!(ready.to_string(), "Готов");
/// assert_eq!(format!("{ready:?}"), "Status::READY");
/// let unlisted = Status::from_code(10);
/// assert_eq!((unlisted.code(), unlisted.name()), (10, None));
/// assert_eq!(unlisted.to_string(), "10");
/// assert_eq!(format!("{unlisted:?}"), "Status(10)");
/// assert_eq!("ready".parse::<Status>(), Ok(Status::READY));
/// assert_eq!("10".parse::<Status>(), Ok(unlisted));
/// let error = "done".parse::<Status>().unwrap_err();
/// assert_eq!(error.to_string(), "`done` is no Status: give a code or one of new, ready");
/// match ready {
///     Status::NEW => unreachable!(),
///     Status::READY => {}
///     _ => unreachable!("a listed code is always its constant"),
/// }
///
/// shop_apis_core::open_set! {
///     /// A field's type.
///     pub struct Kind(str) {
///         /// `text`.
///         TEXT = "text",
///         /// `city`.
///         CITY = "city" => "Город",
///     }
/// }
/// let city: Kind = serde_json::from_str(r#""city""#).unwrap();
/// assert_eq!(city, Kind::CITY);
/// assert_eq!((city.as_str(), city.to_string()), ("city", "Город".to_owned()));
/// let date = Kind::from_name("date");
/// assert_eq!((date.as_str(), date.to_string(), date.is_listed()), ("date", "date".to_owned(), false));
/// assert_eq!(format!("{date:?}"), r#"Kind("date")"#);
/// assert!(serde_json::from_str::<Kind>(r#""""#).is_err(), "an empty name names nothing");
/// ```
#[macro_export]
macro_rules! open_set {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident(str) {
            $($(#[$vmeta:meta])* $constant:ident = $text:literal $(=> $label:literal)?,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        $vis struct $name($crate::open_set::Name);

        impl $name {
            $($(#[$vmeta])* pub const $constant: $name = $name($crate::open_set::Name::Listed($text));)*

            /// The value the wire spells `text`: its constant when listed.
            pub fn from_name(text: &str) -> Self {
                match text {
                    $($text => $name::$constant,)*
                    other => $name($crate::open_set::Name::Unlisted(other.into())),
                }
            }

            /// The name as the wire spells it.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The document's Russian name for this value, where it gives one.
            pub fn name(&self) -> ::core::option::Option<&'static str> {
                match self.as_str() {
                    $($text => $crate::__open_set_label!($($label)?),)*
                    _ => ::core::option::Option::None,
                }
            }

            /// Whether the document lists this value.
            pub fn is_listed(&self) -> bool {
                matches!(self.0, $crate::open_set::Name::Listed(_))
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.as_str() {
                    $($text => f.write_str(concat!(stringify!($name), "::", stringify!($constant))),)*
                    other => write!(f, "{}({other:?})", stringify!($name)),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.name().unwrap_or(self.as_str()))
            }
        }

        impl ::core::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
            }
        }

        /// By the name as sent.
        impl ::core::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                $name::from_name(text)
            }
        }

        /// `{"code": "city", "name": "Город"}`; `name` is `null` where the
        /// document gives none.
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::wire::open_code::serialize(self.as_str(), self.name(), serializer)
            }
        }

        /// Any text but `""`, which names nothing (an absent value is `None`
        /// in the field that holds it), or the `{"code", "name"}` this type
        /// serialises to.
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let named = $crate::wire::open_code::Named::deserialize(deserializer)?;
                if named.0.is_empty() {
                    return ::core::result::Result::Err($crate::__private::serde::de::Error::invalid_value(
                        $crate::__private::serde::de::Unexpected::Str(""),
                        &stringify!($name),
                    ));
                }
                ::core::result::Result::Ok($name::from_name(&named.0))
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident($repr:ty) {
            $($(#[$vmeta:meta])* $constant:ident = $code:literal $(=> $label:literal)?,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis struct $name($repr);

        impl $name {
            $($(#[$vmeta])* pub const $constant: $name = $name($code);)*

            /// The value of `code`: its constant when listed.
            pub const fn from_code(code: $repr) -> Self {
                $name(code)
            }

            /// The code sent on the wire.
            pub const fn code(self) -> $repr {
                self.0
            }

            /// The document's Russian name for this value, where it gives one.
            pub fn name(self) -> ::core::option::Option<&'static str> {
                match self.0 {
                    $($code => $crate::__open_set_label!($($label)?),)*
                    _ => ::core::option::Option::None,
                }
            }

            /// Whether the document lists this value.
            pub fn is_listed(self) -> bool {
                matches!(self.0, $($code)|*)
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.0 {
                    $($code => f.write_str(concat!(stringify!($name), "::", stringify!($constant))),)*
                    other => write!(f, "{}({other})", stringify!($name)),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.name() {
                    ::core::option::Option::Some(label) => f.write_str(label),
                    ::core::option::Option::None => ::core::fmt::Display::fmt(&self.0, f),
                }
            }
        }

        /// The code in digits (`"4"`, any code, listed or not), or a listed
        /// value's constant in any case, `-` standing for `_` (`"ready"`,
        /// `"awaiting-payment"`): what a command line or a config file says.
        impl ::core::str::FromStr for $name {
            type Err = $crate::open_set::UnknownName;

            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                $crate::open_set::parse_code(
                    text,
                    stringify!($name),
                    &[$((stringify!($constant), $code)),*],
                )
                .map($name)
            }
        }

        impl ::core::convert::From<$repr> for $name {
            fn from(code: $repr) -> Self {
                $name(code)
            }
        }

        impl ::core::convert::From<$name> for $repr {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl $crate::wire::IdKey for $name {
            fn from_wire_key(key: &str) -> ::core::option::Option<Self> {
                <$repr as $crate::wire::IdKey>::from_wire_key(key).map($name)
            }
            fn from_index(index: usize) -> ::core::option::Option<Self> {
                <$repr as $crate::wire::IdKey>::from_index(index).map($name)
            }

            fn to_wire_key(&self) -> ::std::string::String {
                self.0.to_string()
            }
        }

        /// `{"code": 3, "name": "В обработке"}`; `name` is `null` for a code
        /// the document does not list.
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::wire::open_code::serialize(&self.0, self.name(), serializer)
            }
        }

        /// The code as the wire sends it (a number or a string of digits),
        /// or the `{"code", "name"}` this type serialises to.
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::wire::open_code::Coded::<$repr>::deserialize(deserializer).map(|coded| $name(coded.0))
            }
        }
    };
}

/// The label of one listed value: `Some(label)`, or `None` when none is given.
#[doc(hidden)]
#[macro_export]
macro_rules! __open_set_label {
    () => {
        ::core::option::Option::None
    };
    ($label:literal) => {
        ::core::option::Option::Some($label)
    };
}
