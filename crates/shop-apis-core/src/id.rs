/// Declares an id newtype: a number that is never mixed up with another kind
/// of id, decoded from a JSON number or string ([W1](crate::wire::int)),
/// usable as an [`IdMap`](crate::wire::IdMap) key, and printed as the bare number.
///
/// ```
/// shop_apis_core::id_type! {
///     /// The number of an order.
///     pub struct OrderId(u64);
/// }
/// let id: OrderId = serde_json::from_str(r#""715""#).unwrap();
/// assert_eq!(id, OrderId::new(715));
/// assert_eq!(id.to_string(), "715");
/// assert_eq!(format!("{id:?}"), "OrderId(715)");
/// assert_eq!(serde_json::to_string(&id).unwrap(), "715");
/// assert_eq!("715".parse::<OrderId>().unwrap().get(), 715);
/// ```
#[macro_export]
macro_rules! id_type {
    ($(#[$meta:meta])* $vis:vis struct $name:ident($inner:ty);) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis struct $name($inner);

        impl $name {
            /// Wraps a raw id.
            pub const fn new(id: $inner) -> Self {
                $name(id)
            }

            /// The raw id.
            pub const fn get(self) -> $inner {
                self.0
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::core::convert::From<$inner> for $name {
            fn from(id: $inner) -> Self {
                $name(id)
            }
        }

        impl ::core::convert::From<$name> for $inner {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::num::ParseIntError;
            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                text.parse().map($name)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::wire::int::deserialize(deserializer).map($name)
            }
        }

        impl $crate::wire::IdKey for $name {
            fn from_wire_key(key: &str) -> ::core::option::Option<Self> {
                <$inner as $crate::wire::IdKey>::from_wire_key(key).map($name)
            }
            fn from_index(index: usize) -> ::core::option::Option<Self> {
                <$inner as $crate::wire::IdKey>::from_index(index).map($name)
            }
        }
    };
}
