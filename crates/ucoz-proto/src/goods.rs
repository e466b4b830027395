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
/// `goods_id`, `price`, `cnt`, `sum` and `warning` always do. The shop's
/// additional fields `other1`…`other9` are named (the document allows at most
/// nine, U29); anything else is kept in `unknown`.
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
    /// The value of the shop's "Дополнительное поле 1".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other1: Option<String>,
    /// The value of the shop's "Дополнительное поле 2".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other2: Option<String>,
    /// The value of the shop's "Дополнительное поле 3".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other3: Option<String>,
    /// The value of the shop's "Дополнительное поле 4".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other4: Option<String>,
    /// The value of the shop's "Дополнительное поле 5".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other5: Option<String>,
    /// The value of the shop's "Дополнительное поле 6".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other6: Option<String>,
    /// The value of the shop's "Дополнительное поле 7".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other7: Option<String>,
    /// The value of the shop's "Дополнительное поле 8".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other8: Option<String>,
    /// The value of the shop's "Дополнительное поле 9".
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub other9: Option<String>,
    /// Any field the document does not name.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

impl GoodsLine {
    /// The value of additional field `n` (`other1`…`other9`), if the shop sent one.
    ///
    /// ```
    /// let line: ucoz_proto::GoodsLine = serde_json::from_str(
    ///     r#"{"goods_id": "5", "price": {"price": "1$", "price_raw": 1}, "cnt": "1",
    ///         "sum": {"sum": "1$", "sum_raw": 1}, "other2": "Не бьются", "other3": ""}"#,
    /// )?;
    /// assert_eq!(line.other(2), Some("Не бьются"));
    /// assert_eq!(line.other(3), None);
    /// assert_eq!(line.other(10), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn other(&self, n: usize) -> Option<&str> {
        let field = match n {
            1 => &self.other1,
            2 => &self.other2,
            3 => &self.other3,
            4 => &self.other4,
            5 => &self.other5,
            6 => &self.other6,
            7 => &self.other7,
            8 => &self.other8,
            9 => &self.other9,
            _ => return None,
        };
        field.as_deref()
    }
}

// Where each answer keeps fields the document does not name.
proto_core::report_unknown!(GoodsLine { unknown });
