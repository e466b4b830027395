//! One placed order (`/shop/order/`): read it, add goods, change its
//! contents, change one of its fields.

use std::fmt;

use http::{Method, Request, Response};
use proto_core::wire::{IdMap, Money, int, nullable_text, optional_id, unix_time};
use proto_core::{
    BuildError, BuildErrorKind, Decimal, Endpoint, ResponseError, Safety, UnknownFields,
};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use time::OffsetDateTime;

use crate::api::Ucoz;
use crate::checkout::MapAddress;
use crate::codes::{OrderGroup, OrderStatus};
use crate::envelope;
use crate::goods::{GoodsId, GoodsLine, RecordId};
use crate::invoices::{Currency, InvoiceId, Invoices, OrderHash, courier};
use crate::shop_data::{DeliveryId, FieldId, PaymentId};

/// An order's goods and the labels of their fields.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrderGoods {
    /// The goods fields shown, by code, with their labels.
    #[serde(default)]
    pub goods_fields: IdMap<String, String>,
    /// The lines, by record id.
    #[serde(default)]
    pub goods: IdMap<RecordId, GoodsLine>,
    /// Fields the document does not name.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// Files, codes and services of an order.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct DigitalGoods {
    /// How many.
    #[serde(default, deserialize_with = "int::option::deserialize")]
    pub cnt: Option<u32>,
    /// Each one's data (`id`, `name`, `type`, `data`, `size`), kept as sent.
    #[serde(default)]
    pub goods: IdMap<u32, UnknownFields>,
}

/// An order's status with its name (`{"code": "0", "status": "Новый"}`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct StatusName {
    /// The status.
    pub code: OrderStatus,
    /// Its name in the site's language.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub status: Option<String>,
}

/// How an order is delivered.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrderDelivery {
    /// The delivery method.
    #[serde(default, deserialize_with = "optional_id::deserialize")]
    pub id: Option<DeliveryId>,
    /// Its name.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub name: Option<String>,
    /// Its description.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub descr: Option<String>,
    /// The delivery charge.
    pub tax: Money,
    /// The courier's login; none when `null`, `0` or `""` (U16).
    #[serde(default, deserialize_with = "courier")]
    pub courier: Option<String>,
    /// The delivery date; none when `"0"` or `""` (W12).
    #[serde(default, deserialize_with = "unix_time::option::deserialize")]
    pub delivery_date: Option<OffsetDateTime>,
    /// Fields the document does not name.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// How an order is paid.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrderPayment {
    /// The payment method.
    #[serde(default, deserialize_with = "optional_id::deserialize")]
    pub id: Option<PaymentId>,
    /// Its name.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub name: Option<String>,
    /// Its description.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub descr: Option<String>,
    /// Fields the document does not name.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// The values of an order's additional fields, and their labels: the wire
/// mixes both in one object (`{"1": "…", "2": "…", "fields_descr": {…}}`,
/// U25), split here.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct OrderFieldValues {
    /// The values, by field number.
    pub values: IdMap<FieldId, String>,
    /// The labels, by field number (`fields_descr`).
    pub labels: IdMap<FieldId, String>,
    /// Any other key that is not a field number.
    pub other: UnknownFields,
}

impl<'de> Deserialize<'de> for OrderFieldValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = OrderFieldValues;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("field values by number, with fields_descr")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.is_empty() {
                    Ok(OrderFieldValues::default())
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OrderFieldValues::default())
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                match seq.next_element::<de::IgnoredAny>()? {
                    None => Ok(OrderFieldValues::default()),
                    Some(_) => Err(de::Error::custom("field values as a non-empty list")),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::new();
                let mut labels = IdMap::new();
                let mut other = UnknownFields::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "fields_descr" {
                        labels = map.next_value()?;
                    } else if let Ok(number) = key.parse::<u32>() {
                        let value = match map.next_value::<Value>()? {
                            Value::String(text) => text,
                            Value::Null => String::new(),
                            other => other.to_string(),
                        };
                        values.push((FieldId::new(number), value));
                    } else {
                        other.insert(key, map.next_value()?);
                    }
                }
                let values = IdMap::from_entries(values)
                    .map_err(|id| de::Error::custom(format_args!("field {id} occurs twice")))?;
                Ok(OrderFieldValues {
                    values,
                    labels,
                    other,
                })
            }
        }
        deserializer.deserialize_any(FieldsVisitor)
    }
}

/// A placed order's data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrderData {
    /// The hash that names it.
    pub order_hash: OrderHash,
    /// How many goods.
    #[serde(deserialize_with = "int::deserialize")]
    pub order_cnt: u32,
    /// Total weight.
    pub order_weight: Money,
    /// The currency.
    #[serde(default)]
    pub order_currency: Currency,
    /// The discount, with `promo_code` and `promo_group` in `other`.
    pub order_discount: Money,
    /// The goods' total.
    pub order_amount: Money,
    /// The turnover.
    pub order_total: Money,
    /// What is to be paid.
    pub order_topay: Money,
    /// VAT of what is to be paid.
    pub order_vat: Money,
    /// The profit.
    pub order_profit: Money,
    /// The status.
    pub order_status: StatusName,
    /// The payment.
    pub order_payment: OrderPayment,
    /// The delivery.
    pub order_delivery: OrderDelivery,
    /// The additional fields' values and labels.
    #[serde(default)]
    pub order_fields: OrderFieldValues,
    /// When it was placed.
    #[serde(deserialize_with = "unix_time::deserialize")]
    pub order_add_date: OffsetDateTime,
    /// When it last changed.
    #[serde(default, deserialize_with = "unix_time::option::deserialize")]
    pub order_mod_date: Option<OffsetDateTime>,
    /// The IP it was placed from.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub order_ip: Option<String>,
    /// The buyer's login (empty for a guest).
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub order_user: Option<String>,
    /// The buyer (none for a guest, `"0"`).
    #[serde(default, deserialize_with = "optional_id::deserialize")]
    pub order_uid: Option<u64>,
    /// The buyer's user group.
    #[serde(default, deserialize_with = "int::option::deserialize")]
    pub order_group_uid: Option<u64>,
    /// The auth key of the link to the order's page.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub order_auth: Option<String>,
    /// The key to build such a link.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub order_akey: Option<String>,
    /// The order's log.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub order_journal: Option<String>,
    /// The note.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub order_note: Option<String>,
    /// Its group.
    pub order_hide: OrderGroup,
    /// Fields the document does not name (`order_group_name`, …).
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// A placed order as `/shop/order/` calls answer it (`ORDER_DATA` in the
/// document).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrderDetails {
    /// Its id.
    pub order_id: InvoiceId,
    /// Its number as the shop formats it.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub order_nom: Option<String>,
    /// Its goods.
    #[serde(default)]
    pub order_goods: OrderGoods,
    /// Its digital goods.
    #[serde(default)]
    pub order_digital_goods: DigitalGoods,
    /// Its data.
    pub order_data: OrderData,
    /// Fields the document does not name.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// What `GET /shop/order/` answers: the documented order data, or, as the
/// document's own example shows, the invoice list's shape (U26).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum OrderView {
    /// The documented `ORDER_DATA` shape.
    Details(Box<OrderDetails>),
    /// The invoice list's shape, as the example answers.
    Listed(Box<Invoices>),
}

impl<'de> Deserialize<'de> for OrderView {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if value.get("orders").is_some() && value.get("order_data").is_none() {
            return Invoices::deserialize(value)
                .map(|list| OrderView::Listed(Box::new(list)))
                .map_err(de::Error::custom);
        }
        OrderDetails::deserialize(value)
            .map(|details| OrderView::Details(Box::new(details)))
            .map_err(de::Error::custom)
    }
}

/// `GET /shop/order/?order=HASH`: one order. Safe.
///
/// ```
/// use proto_core::{BaseUrl, Endpoint};
/// use ucoz_proto::{Auth, GetOrder, OrderHash, Ucoz};
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let get = GetOrder::new(OrderHash::new("Uq%3Boo")?);
/// assert_eq!(get.build(&site)?.uri().query(), Some("order=Uq%253Boo"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetOrder {
    /// The order.
    pub order: OrderHash,
}

impl GetOrder {
    /// The order named by `order`.
    pub fn new(order: OrderHash) -> Self {
        GetOrder { order }
    }
}

impl Endpoint for GetOrder {
    type Api = Ucoz;
    type Output = OrderView;
    const NAME: &'static str = "ucoz.GetOrder";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &Ucoz) -> Result<Request<Vec<u8>>, BuildError> {
        api.request(
            Method::GET,
            "/shop/order/",
            vec![("order".into(), self.order.as_str().to_owned())],
        )
    }

    /// Decodes the documented shape in one pass; only when that fails and the
    /// answer has the list's shape (U26) is it decoded again as a list. So
    /// the usual answer is never buffered, and an error names its field.
    fn parse(&self, response: Response<&[u8]>) -> Result<OrderView, ResponseError> {
        let status = response.status();
        let body = *response.body();
        let again = || {
            let mut response = Response::new(body);
            *response.status_mut() = status;
            response
        };
        match envelope::success::<OrderDetails>(again()) {
            Ok(details) => Ok(OrderView::Details(Box::new(details))),
            // The list's own error, if it fails too: the answer has its shape.
            Err(ResponseError::Decode(_)) if listed_shape(body) => {
                envelope::success::<Invoices>(again()).map(|list| OrderView::Listed(Box::new(list)))
            }
            Err(error) => Err(error),
        }
    }
}

/// Whether `{"success": …}` has the invoice list's `orders` and no `order_data`.
fn listed_shape(body: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Shape {
        orders: Option<de::IgnoredAny>,
        order_data: Option<de::IgnoredAny>,
    }
    #[derive(Deserialize)]
    struct Probe {
        success: Shape,
    }
    serde_json::from_slice::<Probe>(body)
        .is_ok_and(|probe| probe.success.orders.is_some() && probe.success.order_data.is_none())
}

/// `POST /shop/order/`: adds a product to a placed order. **Unsafe**: a
/// repeat adds it again, so it is never retried.
///
/// ```
/// use proto_core::{BaseUrl, Endpoint, Safety};
/// use ucoz_proto::{AddGoods, Auth, GoodsId, OrderHash, Ucoz};
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let add = AddGoods::new(OrderHash::new("h")?, GoodsId::new(5));
/// assert_eq!(add.build(&site)?.body(), b"id=5&order=h");
/// assert_eq!(add.safety(), Safety::Unsafe);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AddGoods {
    /// The order.
    pub order: OrderHash,
    /// The product to add.
    pub goods_id: GoodsId,
}

impl AddGoods {
    /// Adds product `goods_id` to `order`.
    pub fn new(order: OrderHash, goods_id: GoodsId) -> Self {
        AddGoods { order, goods_id }
    }
}

impl Endpoint for AddGoods {
    type Api = Ucoz;
    type Output = OrderDetails;
    const NAME: &'static str = "ucoz.AddGoods";

    /// Unsafe: a repeat adds the product again.
    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, api: &Ucoz) -> Result<Request<Vec<u8>>, BuildError> {
        let params = vec![
            ("order".to_owned(), self.order.as_str().to_owned()),
            ("id".to_owned(), self.goods_id.to_string()),
        ];
        api.request(Method::POST, "/shop/order/", params)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<OrderDetails, ResponseError> {
        envelope::success(response)
    }
}

/// `PUT /shop/order/`: changes a placed order's lines: counts
/// (`cnt_{record}`), prices (`price_{record}`) and removals
/// (`del_{record}=1`). Idempotent: it sets values.
///
/// ```
/// use proto_core::{BaseUrl, Endpoint};
/// use ucoz_proto::{Auth, ChangeOrderContents, OrderHash, RecordId, Ucoz};
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let change = ChangeOrderContents::new(OrderHash::new("h")?)
///     .count(RecordId::new(3), 10)
///     .price(RecordId::new(3), "99.90".parse()?)
///     .remove(RecordId::new(4));
/// assert_eq!(change.build(&site)?.body(), b"cnt_3=10&del_4=1&order=h&price_3=99.90");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChangeOrderContents {
    /// The order.
    pub order: OrderHash,
    /// New counts, by record.
    pub counts: Vec<(RecordId, u32)>,
    /// New unit prices, by record.
    pub prices: Vec<(RecordId, Decimal)>,
    /// Records to remove.
    pub removals: Vec<RecordId>,
}

impl ChangeOrderContents {
    /// A change of `order` (add lines with the builder methods).
    pub fn new(order: OrderHash) -> Self {
        ChangeOrderContents {
            order,
            counts: Vec::new(),
            prices: Vec::new(),
            removals: Vec::new(),
        }
    }

    /// Record `record` now holds `count` units.
    pub fn count(mut self, record: RecordId, count: u32) -> Self {
        self.counts.push((record, count));
        self
    }

    /// Record `record` now costs `price` a unit.
    pub fn price(mut self, record: RecordId, price: Decimal) -> Self {
        self.prices.push((record, price));
        self
    }

    /// Remove record `record`.
    pub fn remove(mut self, record: RecordId) -> Self {
        self.removals.push(record);
        self
    }
}

impl Endpoint for ChangeOrderContents {
    type Api = Ucoz;
    type Output = OrderDetails;
    const NAME: &'static str = "ucoz.ChangeOrderContents";

    /// Idempotent: counts and prices are set, not added.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &Ucoz) -> Result<Request<Vec<u8>>, BuildError> {
        if self.counts.is_empty() && self.prices.is_empty() && self.removals.is_empty() {
            return Err(BuildError::new(
                "order",
                BuildErrorKind::Invalid("no change given".into()),
            ));
        }
        let mut params = vec![("order".to_owned(), self.order.as_str().to_owned())];
        for (record, count) in &self.counts {
            params.push((format!("cnt_{record}"), count.to_string()));
        }
        for (record, price) in &self.prices {
            if price.is_sign_negative() && !price.is_zero() {
                return Err(BuildError::new(
                    format!("price_{record}"),
                    BuildErrorKind::Negative,
                ));
            }
            params.push((format!("price_{record}"), price.to_string()));
        }
        for record in &self.removals {
            if self.counts.iter().any(|(r, _)| r == record)
                || self.prices.iter().any(|(r, _)| r == record)
            {
                return Err(BuildError::new(
                    format!("del_{record}"),
                    BuildErrorKind::Invalid("the same record is changed and removed".into()),
                ));
            }
            params.push((format!("del_{record}"), "1".into()));
        }
        let mut keys: Vec<&String> = params.iter().map(|(k, _)| k).collect();
        keys.sort();
        if let Some(pair) = keys.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(BuildError::new(
                pair[0].clone(),
                BuildErrorKind::Invalid("given twice".into()),
            ));
        }
        api.request(Method::PUT, "/shop/order/", params)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<OrderDetails, ResponseError> {
        envelope::success(response)
    }
}

/// The new value of an order field: text, or for a `gmaps` field an address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldValue {
    /// `fval`.
    Text(String),
    /// `gmap_a` and, if given, `gmap_s` and `gmap_d`.
    Map(MapAddress),
}

/// `PUT /shop/invoices/` with `mode=inv_chfld_save`: changes one additional
/// field of a placed order. Idempotent. Fields of type `file` cannot be
/// changed this way.
///
/// The section is headed `/shop/checkout/` and its URL line says so
/// (`002`:986); its PHP example calls `put('/shop/invoices/', …)`, which is
/// followed (U27).
///
/// ```
/// use proto_core::{BaseUrl, Endpoint};
/// use ucoz_proto::{Auth, ChangeOrderField, FieldId, FieldValue, OrderHash, Ucoz};
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let change = ChangeOrderField::new(OrderHash::new("h")?, FieldId::new(2), FieldValue::Text("test_api_change".into()));
/// let request = change.build(&site)?;
/// assert_eq!(request.uri().path(), "/uapi/shop/invoices//");
/// assert_eq!(request.body(), b"fid=2&fval=test_api_change&mode=inv_chfld_save&order=h");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChangeOrderField {
    /// The order.
    pub order: OrderHash,
    /// The field's number.
    pub field: FieldId,
    /// Its new value.
    pub value: FieldValue,
}

impl ChangeOrderField {
    /// Sets field `field` of `order` to `value`.
    pub fn new(order: OrderHash, field: FieldId, value: FieldValue) -> Self {
        ChangeOrderField {
            order,
            field,
            value,
        }
    }
}

impl Endpoint for ChangeOrderField {
    type Api = Ucoz;
    type Output = OrderDetails;
    const NAME: &'static str = "ucoz.ChangeOrderField";

    /// Idempotent: it sets the value.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &Ucoz) -> Result<Request<Vec<u8>>, BuildError> {
        let mut params = vec![
            ("order".to_owned(), self.order.as_str().to_owned()),
            ("mode".to_owned(), "inv_chfld_save".to_owned()),
            ("fid".to_owned(), self.field.to_string()),
        ];
        match &self.value {
            FieldValue::Text(text) => params.push(("fval".into(), text.clone())),
            FieldValue::Map(address) => {
                params.push(("gmap_a".into(), address.address.clone()));
                if let Some((lat, lng)) = address.coordinates {
                    params.push(("gmap_s".into(), lat.to_string()));
                    params.push(("gmap_d".into(), lng.to_string()));
                }
            }
        }
        api.request(Method::PUT, "/shop/invoices/", params)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<OrderDetails, ResponseError> {
        envelope::success(response)
    }
}

// Where each answer keeps fields the document does not name.
proto_core::report_unknown!(OrderGoods {
    unknown,
    goods_fields,
    goods
});
proto_core::report_unknown!(OrderDelivery { unknown });
proto_core::report_unknown!(OrderPayment { unknown });
proto_core::report_unknown!(OrderFieldValues {
    other,
    values,
    labels
});
proto_core::report_unknown!(OrderData {
    unknown,
    order_currency,
    order_payment,
    order_delivery,
    order_fields
});
proto_core::report_unknown!(OrderDetails {
    unknown,
    order_goods,
    order_digital_goods,
    order_data
});

impl proto_core::ReportUnknown for DigitalGoods {
    /// The document does not describe digital goods: every field of theirs is unknown.
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        self.goods
            .unknown_fields(&proto_core::unknown::member(path, "goods"), found);
    }
}

impl proto_core::ReportUnknown for OrderView {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        match self {
            OrderView::Details(details) => details.unknown_fields(path, found),
            OrderView::Listed(list) => list.unknown_fields(path, found),
        }
    }
}
