//! A line of goods in a basket or an order.

use std::fmt;

use proto_core::UnknownFields;
use proto_core::wire::{Money, int, money, nullable_text};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

proto_core::id_type! {
    /// A goods line's record id in a basket or an order (`REC_ID`, the key
    /// of `order_goods`, the `N` of `cnt_N`).
    pub struct RecordId(u64);
}

proto_core::id_type! {
    /// A product's id in the shop.
    pub struct GoodsId(u64);
}

/// A product's category: an object `{"cat_id", "cat_name"}` in checkout, its
/// name alone in an order (U14).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Category {
    /// The category's id, when sent.
    pub id: Option<u64>,
    /// Its name.
    pub name: Option<String>,
}

impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CategoryVisitor;
        impl<'de> Visitor<'de> for CategoryVisitor {
            type Value = Category;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a category: an object or its name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Category, E> {
                Ok(Category {
                    id: None,
                    name: (!v.is_empty()).then(|| v.to_owned()),
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Category, E> {
                Ok(Category::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Category, A::Error> {
                #[derive(Deserialize)]
                struct Object {
                    #[serde(default, deserialize_with = "int::option::deserialize")]
                    cat_id: Option<u64>,
                    #[serde(default, deserialize_with = "nullable_text::deserialize")]
                    cat_name: Option<String>,
                }
                let object = Object::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Category {
                    id: object.cat_id,
                    name: object.cat_name,
                })
            }
        }
        deserializer.deserialize_any(CategoryVisitor)
    }
}

/// A product's default picture.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// The icon's URL.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub small: Option<String>,
    /// The full picture's URL.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub photo: Option<String>,
}

/// One line of goods. Which fields come depends on the shop's settings;
/// `goods_id`, `price`, `cnt`, `sum` and `warning` always do. The up to nine
/// `otherN` fields and anything else are kept in `unknown`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GoodsLine {
    /// The product.
    pub goods_id: GoodsId,
    /// Its name.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub name: Option<String>,
    /// The unit price.
    pub price: Money,
    /// The purchase price (orders only).
    #[serde(default, deserialize_with = "money::optional::deserialize")]
    pub price_in: Option<Money>,
    /// How many.
    #[serde(deserialize_with = "int::deserialize")]
    pub cnt: u32,
    /// Price times count.
    pub sum: Money,
    /// The price with VAT, as the shop displays it, when VAT is on.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub vat: Option<String>,
    /// A warning, such as "out of stock".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub warning: Option<String>,
    /// The category.
    #[serde(default)]
    pub cat: Category,
    /// The picture.
    #[serde(default)]
    pub img: Option<Image>,
    /// Article number.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub art: Option<String>,
    /// Maker.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub brand: Option<String>,
    /// Warranty.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub warr: Option<String>,
    /// Weight: empty, bare, or a pair with its display.
    #[serde(default, deserialize_with = "money::optional::deserialize")]
    pub weight: Option<Money>,
    /// Unit.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub unit: Option<String>,
    /// The options chosen ("Размер: L").
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub options: Option<String>,
    /// The login of who added it.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub added_user: Option<String>,
    /// `otherN` and any field the document does not name.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

// Where each answer keeps fields the document does not name.
proto_core::report_unknown!(GoodsLine { unknown });
