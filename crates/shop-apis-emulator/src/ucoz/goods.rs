//! Goods lines and money, written the shop's way.

use serde_json::{Map, Value, json};

use super::{Cents, State};

#[derive(Debug, Clone)]
pub(super) struct Product {
    pub(super) id: u64,
    pub(super) name: String,
    pub(super) price: Cents,
    pub(super) price_in: Cents,
    pub(super) cat: (u64, String),
    pub(super) art: String,
    pub(super) brand: String,
    /// The options a buyer chose, when the product has any: the text checkout
    /// shows (seed line 106, `"options":"Размер: L"`) and the object an order
    /// shows (`ORDER_GOODS_OPTIONS`, seed lines 570–590).
    pub(super) options: Option<(&'static str, Value)>,
    /// A digital product's kind (1 a file, 2 a code, 3 a service), data and
    /// file size (`ORDER_DIGITAL_GOODS_LIST`, seed lines 532–540).
    pub(super) digital: Option<(u8, &'static str, Option<u64>)>,
}

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) record: u64,
    pub(super) goods_id: u64,
    pub(super) cnt: u64,
    pub(super) price: Cents,
}

/// Cents as the shop displays them: `"51.00$"`.
pub(super) fn display(cents: Cents) -> String {
    format!("{}.{:02}$", cents / 100, (cents % 100).abs())
}

/// Cents as a raw part: a JSON number, whole or with a fraction.
pub(super) fn raw(cents: Cents) -> Value {
    if cents % 100 == 0 {
        Value::from(cents / 100)
    } else {
        Value::from(cents as f64 / 100.0)
    }
}

/// A money pair `{"x": "51.00$", "x_raw": 51}`.
pub(super) fn pair(name: &str, cents: Cents) -> Value {
    let mut pair = Map::new();
    pair.insert(name.to_owned(), display(cents).into());
    pair.insert(format!("{name}_raw"), raw(cents));
    Value::Object(pair)
}

/// Cents as a plain decimal, as the invoice list writes sums: `"51.00"`.
pub(super) fn decimal(cents: Cents) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A money pair that is `{"x": 0, "x_raw": 0}` when nothing, as the
/// document writes an absent tax or discount (seed lines 106, 720).
pub(super) fn pair_or_zero(name: &str, cents: Cents) -> Value {
    if cents == 0 {
        let mut pair = Map::new();
        pair.insert(name.to_owned(), 0.into());
        pair.insert(format!("{name}_raw"), 0.into());
        Value::Object(pair)
    } else {
        pair(name, cents)
    }
}

/// `{"topay": "51.00$", "topay_curr": "51.00$", "topay_raw": 51}`.
pub(super) fn topay(cents: Cents) -> Value {
    json!({"topay": display(cents), "topay_curr": display(cents), "topay_raw": raw(cents)})
}

/// The sums of an order: the goods, the delivery charge, the discount.
#[derive(Debug, Clone, Copy)]
pub(super) struct Totals {
    /// The goods' total (`order_amount`, seed line 82).
    pub(super) amount: Cents,
    /// The delivery charge (`order_tax`, seed line 83).
    pub(super) tax: Cents,
    /// The discount (`order_discount`, seed line 86).
    pub(super) discount: Cents,
}

impl Totals {
    /// The goods and the delivery (`order_total`, seed line 84).
    pub(super) fn total(self) -> Cents {
        self.amount + self.tax
    }

    /// What is to be paid, the discount taken off (`order_topay`, seed line 87).
    pub(super) fn topay(self) -> Cents {
        self.total() - self.discount
    }
}

/// The goods' total of `lines`.
pub(super) fn amount(lines: &[Line]) -> Cents {
    lines.iter().map(|l| l.price * l.cnt as i64).sum()
}

impl State {
    pub(super) fn product(&self, id: u64) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    pub(super) fn line_json(&self, line: &Line, in_order: bool) -> Value {
        let product = self.product(line.goods_id);
        let (name, cat, art, brand, price_in) = product.map_or(
            (
                String::new(),
                (0, String::new()),
                String::new(),
                String::new(),
                0,
            ),
            |p| {
                (
                    p.name.clone(),
                    p.cat.clone(),
                    p.art.clone(),
                    p.brand.clone(),
                    p.price_in,
                )
            },
        );
        let mut json = json!({
            "goods_id": line.goods_id.to_string(),
            "name": name,
            "price": pair("price", line.price),
            "cnt": line.cnt.to_string(),
            "sum": pair("sum", line.price * line.cnt as i64),
            "art": art,
            "brand": brand,
            "other1": "",
            "warning": "",
            "added_user": "Tom",
        });
        let options = product.and_then(|p| p.options.clone());
        if in_order {
            json["cat"] = Value::from(cat.1);
            json["price_in"] = pair("price", price_in);
            if let Some((_, object)) = options {
                json["options"] = object;
            }
        } else {
            json["cat"] = json!({"cat_id": cat.0.to_string(), "cat_name": cat.1});
            json["vat"] = Value::from(display(0));
            if let Some((text, _)) = options {
                json["options"] = Value::from(text);
            }
        }
        json
    }

    /// `ORDER_DIGITAL_GOODS` of `lines`: their digital products, by position
    /// from 1, or PHP's `[]` for none (seed lines 526–540).
    pub(super) fn digital_goods(&self, lines: &[Line]) -> Value {
        let goods: Map<String, Value> = lines
            .iter()
            .filter_map(|line| self.product(line.goods_id))
            .filter_map(|p| p.digital.map(|d| (p, d)))
            .enumerate()
            .map(|(i, (p, (kind, data, size)))| {
                let size = size.map_or(String::new(), |s| s.to_string());
                let item = json!({"id": p.id.to_string(), "name": p.name, "brand": p.brand, "art": p.art, "type": kind.to_string(), "data": data, "size": size});
                ((i + 1).to_string(), item)
            })
            .collect();
        let cnt = goods.len();
        let goods = if goods.is_empty() {
            json!([])
        } else {
            Value::Object(goods)
        };
        json!({"goods": goods, "cnt": cnt})
    }
}
