//! A line of goods in a basket or an order.

use serde::Deserialize;
use shop_apis_core::wire::object_or_text::{self, ObjectOrText};
use shop_apis_core::wire::{
    IdMap, Markup, Money, decimal, flag, int, markup, money, nullable_text,
};
use shop_apis_core::{Decimal, UnknownFields};

shop_apis_core::id_type! {
    /// A goods line's record id in a basket or an order (`REC_ID`, the key
    /// of `order_goods`, the `N` of `cnt_N`).
    pub struct RecordId(u64);
}

shop_apis_core::id_type! {
    /// A product's id in the shop.
    pub struct GoodsId(u64);
}

/// A product's category: an object `{"cat_id", "cat_name"}` in checkout, its
/// name alone in an order (U14). Serialised as `{"id", "name"}`, which
/// reads back as the same value.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Category {
    /// The category's id, when sent.
    pub id: Option<u64>,
    /// Its name.
    pub name: Option<String>,
}

/// A category's object form.
#[derive(Debug, Deserialize)]
#[doc(hidden)]
pub struct CategoryObject {
    #[serde(default, alias = "id", deserialize_with = "int::option::deserialize")]
    cat_id: Option<u64>,
    #[serde(
        default,
        alias = "name",
        deserialize_with = "nullable_text::deserialize"
    )]
    cat_name: Option<String>,
}

impl ObjectOrText for Category {
    type Object = CategoryObject;
    fn from_text(text: String) -> Self {
        Category {
            id: None,
            name: Some(text),
        }
    }
    fn from_object(object: CategoryObject) -> Self {
        Category {
            id: object.cat_id,
            name: object.cat_name,
        }
    }
}

/// The options chosen for a goods line: the shop's text ("Размер: L"), or
/// the documented object (`ORDER_GOODS_OPTIONS`, `002`:570–590, U30).
/// Serialised as that text or that object.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum GoodsOptions {
    /// The options as one text.
    Text(String),
    /// The options as the document describes them.
    Chosen(Box<ChosenOptions>),
}

impl ObjectOrText for GoodsOptions {
    type Object = ChosenOptions;
    fn from_text(text: String) -> Self {
        GoodsOptions::Text(text)
    }
    fn from_object(object: ChosenOptions) -> Self {
        GoodsOptions::Chosen(Box::new(object))
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// `ORDER_GOODS_OPTIONS`: the options chosen, and every option the product has.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct ChosenOptions {
        /// The choice as `<OPTION_ID>-<VALUE_ID>-<VALUE_ID>:<OPTION_ID>-<VALUE_ID>:…`.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub selected_str: Option<String>,
        /// The options chosen, by option id.
        #[serde(default)]
        pub selected_data: IdMap<u64, SelectedOption>,
        /// Every option of the product, by option id.
        #[serde(default)]
        pub all_options_data: IdMap<u64, GoodsOption>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// An option chosen (`SELECTED_OPTIONS_DATA`).
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct SelectedOption {
        /// The option's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Which of the option's values (its position in `all_options_data`'s `values`).
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub indx: Option<u32>,
        /// The markup: an amount, or a percentage with the amount it came to
        /// (`"4%&2.00"`).
        #[serde(default, deserialize_with = "markup::deserialize")]
        pub over: Option<Markup>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// Every option of a product (`OPTIONS_DATA`).
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct GoodsOption {
        /// The option's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Its values, in the shop's order.
        #[serde(default)]
        pub values: IdMap<u32, OptionValue>,
        /// "Использовать изображения".
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub use_images: Option<bool>,
        /// "Выводить в виде чекбокса".
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub as_checkbox: Option<bool>,
        /// "Выводить в виде radio buttons".
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub as_radio: Option<bool>,
        /// "Выделять первое значение".
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub check_first: Option<bool>,
        /// Its position among the product's options.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub pos: Option<i64>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// One value of an option.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OptionValue {
        /// Its label.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub label: Option<String>,
        /// The markup it adds (computed, when given as a percentage).
        #[serde(default, with = "decimal::option")]
        pub val: Option<Decimal>,
        /// The markup's percentage, when given as one.
        #[serde(default, with = "decimal::option")]
        pub percent: Option<Decimal>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// A product's default picture.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[non_exhaustive]
pub struct Image {
    /// The icon's URL.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub small: Option<String>,
    /// The full picture's URL.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub photo: Option<String>,
}

shop_apis_core::keep_unknown! { unknown:
    /// One line of goods. Which fields come depends on the shop's settings; the
    /// document says `goods_id`, `price`, `cnt`, `sum` and `warning` always do,
    /// yet only `goods_id` is required here: a line means nothing without its
    /// product, and a shop that leaves out a price still sends the rest. The shop's
    /// additional fields `other1`…`other9` are named (the document allows at most
    /// nine, U29); anything else is kept in `unknown`.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct GoodsLine {
        /// The product.
        pub goods_id: GoodsId,
        /// Its name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// The unit price.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub price: Option<Money>,
        /// The purchase price (orders only).
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub price_in: Option<Money>,
        /// How many.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub cnt: Option<u32>,
        /// Price times count.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub sum: Option<Money>,
        /// The price with VAT, when VAT is on (`"0.00$"`: its amount and the
        /// shop's display, U32).
        #[serde(default, deserialize_with = "money::displayed::deserialize")]
        pub vat: Option<Money>,
        /// A warning, such as "out of stock".
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub warning: Option<String>,
        /// The category.
        #[serde(default, deserialize_with = "object_or_text::deserialize")]
        pub cat: Option<Category>,
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
        /// The options chosen: a text ("Размер: L") or the documented object.
        #[serde(default, deserialize_with = "object_or_text::deserialize")]
        pub options: Option<GoodsOptions>,
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
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
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
shop_apis_core::report_unknown!(GoodsLine { unknown, options });
shop_apis_core::report_unknown!(ChosenOptions {
    unknown,
    selected_data,
    all_options_data
});
shop_apis_core::report_unknown!(SelectedOption { unknown });
shop_apis_core::report_unknown!(GoodsOption { unknown, values });
shop_apis_core::report_unknown!(OptionValue { unknown });

impl shop_apis_core::ReportUnknown for GoodsOptions {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        if let GoodsOptions::Chosen(chosen) = self {
            chosen.unknown_fields(path, found);
        }
    }
}
