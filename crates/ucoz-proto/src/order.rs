//! One placed order (`/shop/order/`): read it, add goods, change its
//! contents, change one of its fields.

use http::{Method, Request, Response};
use serde::Deserialize;
use serde::de;
use shop_apis_core::wire::{
    FieldValues, IdMap, Money, int, money, nullable_text, optional_id, php_empty_object, unix_time,
};
use shop_apis_core::{
    BuildError, BuildErrorKind, Decimal, Endpoint, ResponseError, Safety, Stamp, UnknownFields,
};
use time::OffsetDateTime;

use crate::api::Ucoz;
use crate::checkout::MapAddress;
use crate::codes::{GoodsKind, OrderGroup, OrderStatus, code_option};
use crate::envelope;
use crate::goods::{GoodsId, GoodsLine, RecordId};
use crate::invoices::{Currency, InvoiceId, Invoices, OrderHash};
use crate::shop_data::{DeliveryId, FieldId, PaymentId};

shop_apis_core::keep_unknown! { unknown:
    /// An order's goods and the labels of their fields.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OrderGoods {
        /// The goods fields shown, by code, with their labels.
        #[serde(default)]
        pub goods_fields: IdMap<String, String>,
        /// The lines, by record id.
        #[serde(default)]
        pub goods: IdMap<RecordId, GoodsLine>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// Files, codes and services of an order (`ORDER_DIGITAL_GOODS`).
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct DigitalGoods {
        /// How many.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub cnt: Option<u32>,
        /// Each one, by its position in the list.
        #[serde(default)]
        pub goods: IdMap<u32, DigitalItem>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// One digital product of an order (`ORDER_DIGITAL_GOODS_LIST`, `002`:532–540).
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct DigitalItem {
        /// The product.
        pub id: GoodsId,
        /// Its name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Maker.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub brand: Option<String>,
        /// Article number.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub art: Option<String>,
        /// What it is: 1 a file, 2 an electronic code, 3 a service.
        #[serde(
            rename = "type",
            default,
            deserialize_with = "code_option::<_, i32, _>"
        )]
        pub kind: Option<GoodsKind>,
        /// Its data: the file's link or the code.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub data: Option<String>,
        /// The file's size (files only), as the shop writes it.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub size: Option<u64>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// An order's status with its name (`{"code": "0", "status": "Новый"}`).
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[non_exhaustive]
pub struct StatusName {
    /// The status (its id: a status object means nothing without it).
    pub code: OrderStatus,
    /// Its name in the site's language.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub status: Option<String>,
}

shop_apis_core::keep_unknown! { unknown:
    /// How an order is delivered.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub tax: Option<Money>,
        /// The courier's login; none when `null`, `0` or `""` (U16). The text
        /// names it `delivery_courier`, the examples `courier`: either is read (U33).
        #[serde(
            default,
            alias = "delivery_courier",
            deserialize_with = "nullable_text::zero_is_none"
        )]
        pub courier: Option<String>,
        /// The delivery date; none when `"0"` or `""` (W12). The text names it
        /// `delivery_time`, the examples `delivery_date`: either is read (U33).
        #[serde(default, alias = "delivery_time", with = "unix_time::option")]
        pub delivery_date: Option<OffsetDateTime>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// How an order is paid.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// The values of an order's additional fields, and their labels: the wire
/// mixes both in one object (`{"1": "…", "2": "…", "fields_descr": {…}}`,
/// U25), split here.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(from = "FieldValues<FieldId>", into = "FieldValues<FieldId>")]
#[non_exhaustive]
pub struct OrderFieldValues {
    /// The values, by field number.
    pub values: IdMap<FieldId, String>,
    /// The labels, by field number (`fields_descr`).
    pub labels: IdMap<FieldId, String>,
    /// Any other key that is not a field number.
    pub other: UnknownFields,
}

/// Serialised in the answer's own shape (values by field number,
/// `fields_descr`), which reads back as the same value.
impl From<OrderFieldValues> for FieldValues<FieldId> {
    fn from(fields: OrderFieldValues) -> Self {
        let mut wire = FieldValues::default();
        wire.values = fields.values;
        wire.labels = fields.labels;
        wire.other = fields.other;
        wire
    }
}

impl From<FieldValues<FieldId>> for OrderFieldValues {
    fn from(fields: FieldValues<FieldId>) -> Self {
        OrderFieldValues {
            values: fields.values,
            labels: fields.labels,
            other: fields.other,
        }
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// A placed order's data. Only `order_hash` is required: it names the
    /// order; every amount and every other part is optional (a shop shows VAT,
    /// profit and discount only with those settings on).
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OrderData {
        /// The hash that names it.
        pub order_hash: OrderHash,
        /// How many goods.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub order_cnt: Option<u32>,
        /// Total weight.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_weight: Option<Money>,
        /// The currency. The text names it `currency`, the examples
        /// `order_currency`: either is read (U33).
        #[serde(default, alias = "currency")]
        pub order_currency: Option<Currency>,
        /// The discount, with `promo_code` and `promo_group` in `other`.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_discount: Option<Money>,
        /// The goods' total.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_amount: Option<Money>,
        /// The turnover.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_total: Option<Money>,
        /// What is to be paid.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_topay: Option<Money>,
        /// VAT of what is to be paid.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_vat: Option<Money>,
        /// The profit.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_profit: Option<Money>,
        /// The status.
        #[serde(default, deserialize_with = "php_empty_object::option")]
        pub order_status: Option<StatusName>,
        /// The payment.
        #[serde(default, deserialize_with = "php_empty_object::option")]
        pub order_payment: Option<OrderPayment>,
        /// The delivery.
        #[serde(default, deserialize_with = "php_empty_object::option")]
        pub order_delivery: Option<OrderDelivery>,
        /// The additional fields' values and labels.
        #[serde(default)]
        pub order_fields: OrderFieldValues,
        /// When it was placed.
        #[serde(default, with = "unix_time::option")]
        pub order_add_date: Option<OffsetDateTime>,
        /// When it last changed.
        #[serde(default, with = "unix_time::option")]
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
        #[serde(default, deserialize_with = "code_option::<_, u32, _>")]
        pub order_hide: Option<OrderGroup>,
        /// Fields the document does not name (`order_group_name`, …).
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// A placed order as `/shop/order/` calls answer it (`ORDER_DATA` in the
    /// document).
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
        /// Its data (the order hash is in it).
        pub order_data: OrderData,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// What `GET /shop/order/` answers: the documented order data, or, as the
/// document's own example shows, the invoice list's shape (U26).
/// Serialised as `{"details": …}` or `{"listed": …}`, which reads back as
/// the same value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OrderView {
    /// The documented `ORDER_DATA` shape.
    Details(Box<OrderDetails>),
    /// The invoice list's shape, as the example answers.
    Listed(Box<Invoices>),
}

/// `GET /shop/order/?order=HASH`: one order. Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, GetOrder, OrderHash, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let get = GetOrder::new(OrderHash::new("Uq%3Boo")?);
/// assert_eq!(get.build(&site, &stamp)?.uri().query(), Some("order=Uq%253Boo"));
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

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.request(
            Method::GET,
            "/shop/order/",
            vec![("order".into(), self.order.as_str().to_owned())],
            stamp,
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

/// Whether `{"success": …}` has the invoice list's `orders` or `count`, and no `order_data`.
fn listed_shape(body: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Shape {
        orders: Option<de::IgnoredAny>,
        count: Option<de::IgnoredAny>,
        order_data: Option<de::IgnoredAny>,
    }
    #[derive(Deserialize)]
    struct Probe {
        success: Shape,
    }
    serde_json::from_slice::<Probe>(body).is_ok_and(|probe| {
        let shape = probe.success;
        (shape.orders.is_some() || shape.count.is_some()) && shape.order_data.is_none()
    })
}

/// `POST /shop/order/`: adds a product to a placed order. **Unsafe**: a
/// repeat adds it again, so it is never retried.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Safety, Stamp};
/// use ucoz_proto::{AddGoods, Auth, GoodsId, OrderHash, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let add = AddGoods::new(OrderHash::new("h")?, GoodsId::new(5));
/// assert_eq!(add.build(&site, &stamp)?.body(), b"id=5&order=h");
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

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let params = vec![
            ("order".to_owned(), self.order.as_str().to_owned()),
            ("id".to_owned(), self.goods_id.to_string()),
        ];
        api.request(Method::POST, "/shop/order/", params, stamp)
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
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, ChangeOrderContents, OrderHash, RecordId, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let change = ChangeOrderContents::new(OrderHash::new("h")?)
///     .count(RecordId::new(3), 10)
///     .price(RecordId::new(3), "99.90".parse()?)
///     .remove(RecordId::new(4));
/// assert_eq!(change.build(&site, &stamp)?.body(), b"cnt_3=10&del_4=1&order=h&price_3=99.90");
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

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
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
        api.request(Method::PUT, "/shop/order/", params, stamp)
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
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, ChangeOrderField, FieldId, FieldValue, OrderHash, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let change = ChangeOrderField::new(OrderHash::new("h")?, FieldId::new(2), FieldValue::Text("test_api_change".into()));
/// let request = change.build(&site, &stamp)?;
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

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
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
        api.request(Method::PUT, "/shop/invoices/", params, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<OrderDetails, ResponseError> {
        envelope::success(response)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(OrderGoods {
    unknown,
    goods_fields,
    goods
});
shop_apis_core::report_unknown!(OrderDelivery { unknown });
shop_apis_core::report_unknown!(OrderPayment { unknown });
shop_apis_core::report_unknown!(OrderFieldValues {
    other,
    values,
    labels
});
shop_apis_core::report_unknown!(OrderData {
    unknown,
    order_currency,
    order_payment,
    order_delivery,
    order_fields
});
shop_apis_core::report_unknown!(OrderDetails {
    unknown,
    order_goods,
    order_digital_goods,
    order_data
});

shop_apis_core::report_unknown!(DigitalGoods { unknown, goods });
shop_apis_core::report_unknown!(DigitalItem { unknown });

impl shop_apis_core::ReportUnknown for OrderView {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        match self {
            OrderView::Details(details) => details.unknown_fields(path, found),
            OrderView::Listed(list) => list.unknown_fields(path, found),
        }
    }
}
