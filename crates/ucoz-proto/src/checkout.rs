//! Checkout (`/shop/checkout/`): the unplaced order of the user the token
//! belongs to, recalculated, changed, and placed.

use http::{Method, Request, Response};
use serde::Deserialize;
use shop_apis_core::wire::{IdMap, Money, int, money, nullable_text};
use shop_apis_core::{
    BuildError, BuildErrorKind, Decimal, Endpoint, ResponseError, Safety, Stamp, UnknownFields,
};

use crate::api::Ucoz;
use crate::envelope;
use crate::goods::{GoodsLine, RecordId};
use crate::shop_data::{DeliveryId, DeliveryMethod, FieldId, OrderField, PaymentId, PaymentMethod};

/// A goods field's label in the order table.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[non_exhaustive]
pub struct GoodsFieldLabel {
    /// The label.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub name: Option<String>,
    /// Its column.
    #[serde(default, deserialize_with = "int::option::deserialize")]
    pub pos: Option<i64>,
}

shop_apis_core::keep_unknown! { unknown:
    /// The goods of the unplaced order and how to label them.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OrderContent {
        /// The lines, by basket record id.
        #[serde(default)]
        pub order_goods: IdMap<RecordId, GoodsLine>,
        /// The goods fields shown, by code, with their labels.
        #[serde(default)]
        pub order_goods_fields: IdMap<String, GoodsFieldLabel>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// Suggestions and warnings about the order.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
#[non_exhaustive]
pub struct OrderNotice {
    /// Suggestions.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub notice: Option<String>,
    /// Warnings.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub notice_err: Option<String>,
}

shop_apis_core::keep_unknown! { unknown:
    /// The unplaced order's totals, each an amount with the shop's display of
    /// it. Every total is optional: a shop shows tax, VAT and discount only with
    /// those settings on (`002`:83–87).
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OrderTotals {
        /// Additional information.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub order_info: Option<String>,
        /// Suggestions and warnings.
        #[serde(default)]
        pub order_notice: OrderNotice,
        /// The user placing the order.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub order_uid: Option<u64>,
        /// Total weight.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_weight: Option<Money>,
        /// The goods' total.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_amount: Option<Money>,
        /// The delivery charge, when the delivery method sets one.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_tax: Option<Money>,
        /// The goods and the delivery.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_total: Option<Money>,
        /// VAT of the amount to pay, when VAT is on.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_vat: Option<Money>,
        /// The discount, when the discount system is on.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_discount: Option<Money>,
        /// What is to be paid.
        #[serde(default, deserialize_with = "money::optional::deserialize")]
        pub order_topay: Option<Money>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The unplaced order when the basket holds goods.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Checkout {
        /// How many goods lines.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub num_entries: Option<u32>,
        /// The goods.
        #[serde(default)]
        pub order_content: Option<OrderContent>,
        /// The order form's additional fields, by number.
        #[serde(default)]
        pub order_fields: IdMap<FieldId, OrderField>,
        /// The totals.
        #[serde(default)]
        pub order_data: Option<OrderTotals>,
        /// The payment methods to choose from.
        #[serde(default)]
        pub payment_list: IdMap<PaymentId, PaymentMethod>,
        /// The payment method chosen.
        #[serde(
            default,
            deserialize_with = "shop_apis_core::wire::optional_id::deserialize"
        )]
        pub current_payment_id: Option<PaymentId>,
        /// The delivery methods to choose from.
        #[serde(default)]
        pub delivery_list: IdMap<DeliveryId, DeliveryMethod>,
        /// The delivery method chosen.
        #[serde(
            default,
            deserialize_with = "shop_apis_core::wire::optional_id::deserialize"
        )]
        pub current_delivery_id: Option<DeliveryId>,
        /// The shop's message, which alone means the basket is empty (U11).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub msg: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// What checkout answers: the order, or a message when the basket is empty
/// (`{"msg": "Ваша корзина пуста"}`, U11). Decoded in one pass as a
/// [`Checkout`]; an answer with a `msg` and no goods, totals or choices is
/// the empty basket.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(from = "Checkout")]
// Serialised as the answer's own shape, `{"msg"}` or the checkout, which
// reads back through `From<Checkout>` as the same value.
#[serde(untagged)]
#[non_exhaustive]
pub enum CheckoutData {
    /// The basket is empty; the shop's message.
    Empty {
        /// "Ваша корзина пуста".
        msg: String,
    },
    /// The unplaced order.
    Order(Box<Checkout>),
}

impl From<Checkout> for CheckoutData {
    fn from(checkout: Checkout) -> Self {
        let only_msg = checkout.order_content.is_none()
            && checkout.order_data.is_none()
            && checkout.num_entries.is_none()
            && checkout.order_fields.is_empty()
            && checkout.payment_list.is_empty()
            && checkout.delivery_list.is_empty()
            && checkout.unknown.is_empty();
        match checkout.msg {
            Some(msg) if only_msg => CheckoutData::Empty { msg },
            _ => CheckoutData::Order(Box::new(checkout)),
        }
    }
}

/// A `gmaps` field's address: the text and, if known, the point on the map
/// (`gmap_a`, and `gmap_s` with `gmap_d`, U12).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MapAddress {
    /// The address as text.
    pub address: String,
    /// Latitude and longitude, together or not at all.
    pub coordinates: Option<(Decimal, Decimal)>,
}

impl MapAddress {
    /// An address without coordinates.
    pub fn new(address: impl Into<String>) -> Self {
        MapAddress {
            address: address.into(),
            coordinates: None,
        }
    }

    /// With its latitude and longitude.
    pub fn at(mut self, latitude: Decimal, longitude: Decimal) -> Self {
        self.coordinates = Some((latitude, longitude));
        self
    }

    fn push_to(&self, params: &mut Vec<(String, String)>) {
        params.push(("gmap_a".into(), self.address.clone()));
        if let Some((lat, lng)) = self.coordinates {
            params.push(("gmap_s".into(), lat.to_string()));
            params.push(("gmap_d".into(), lng.to_string()));
        }
    }
}

/// The choices of an order: payment, delivery, the form's fields, the map
/// address, a delivery charge from an external calculator.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OrderChoices {
    /// The payment method.
    pub payment_id: Option<PaymentId>,
    /// The delivery method.
    pub delivery_id: Option<DeliveryId>,
    /// Values of the form's additional fields (`fldN`), by number.
    pub fields: Vec<(FieldId, String)>,
    /// The address of a `gmaps` field.
    pub map: Option<MapAddress>,
    /// A delivery charge, used when the delivery method takes it from an
    /// external calculator.
    pub custom_delivery_tax: Option<Decimal>,
}

impl OrderChoices {
    /// Pay this way.
    pub fn payment(mut self, id: PaymentId) -> Self {
        self.payment_id = Some(id);
        self
    }

    /// Deliver this way.
    pub fn delivery(mut self, id: DeliveryId) -> Self {
        self.delivery_id = Some(id);
        self
    }

    /// Field number `id` of the form is `value` (sent as `fld{id}`).
    pub fn field(mut self, id: FieldId, value: impl Into<String>) -> Self {
        self.fields.push((id, value.into()));
        self
    }

    /// The address of the `gmaps` field.
    pub fn map(mut self, address: MapAddress) -> Self {
        self.map = Some(address);
        self
    }

    /// A delivery charge from an external calculator.
    pub fn custom_delivery_tax(mut self, tax: Decimal) -> Self {
        self.custom_delivery_tax = Some(tax);
        self
    }

    fn params(&self, mode: &str) -> Result<Vec<(String, String)>, BuildError> {
        let mut params = vec![("mode".to_owned(), mode.to_owned())];
        if let Some(id) = self.payment_id {
            params.push(("payment_id".into(), id.to_string()));
        }
        if let Some(id) = self.delivery_id {
            params.push(("delivery_id".into(), id.to_string()));
        }
        for (id, value) in &self.fields {
            if self.fields.iter().filter(|(other, _)| other == id).count() > 1 {
                return Err(BuildError::new(
                    format!("fld{id}"),
                    BuildErrorKind::Invalid("given twice".into()),
                ));
            }
            params.push((format!("fld{id}"), value.clone()));
        }
        if let Some(map) = &self.map {
            map.push_to(&mut params);
        }
        if let Some(tax) = self.custom_delivery_tax {
            if tax.is_sign_negative() && !tax.is_zero() {
                return Err(BuildError::new(
                    "custom_delivery_tax",
                    BuildErrorKind::Negative,
                ));
            }
            params.push(("custom_delivery_tax".into(), tax.to_string()));
        }
        Ok(params)
    }
}

/// `GET /shop/checkout/`: the unplaced order, or the empty-basket message.
/// Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, CheckoutData, GetCheckout, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let request = GetCheckout::default().promo_code("SALE").build(&site, &stamp)?;
/// assert_eq!(request.uri(), "https://yoursite.ucoz.ru/uapi/shop/checkout/?promo_code=SALE");
/// let empty = http::Response::new(&br#"{"success":{"msg":"Basket is empty"}}"#[..]);
/// assert!(matches!(GetCheckout::default().parse(empty)?, CheckoutData::Empty { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetCheckout {
    /// A promotional code to apply.
    pub promo_code: Option<String>,
    /// A delivery charge from an external calculator.
    pub custom_delivery_tax: Option<Decimal>,
}

impl GetCheckout {
    /// Apply this promotional code.
    pub fn promo_code(mut self, code: impl Into<String>) -> Self {
        self.promo_code = Some(code.into());
        self
    }

    /// Use this delivery charge.
    pub fn custom_delivery_tax(mut self, tax: Decimal) -> Self {
        self.custom_delivery_tax = Some(tax);
        self
    }
}

impl Endpoint for GetCheckout {
    type Api = Ucoz;
    type Output = CheckoutData;
    const NAME: &'static str = "ucoz.GetCheckout";

    /// Safe: reads the unplaced order.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut params = Vec::new();
        if let Some(code) = &self.promo_code {
            params.push(("promo_code".into(), code.clone()));
        }
        if let Some(tax) = self.custom_delivery_tax {
            params.push(("custom_delivery_tax".into(), tax.to_string()));
        }
        api.request(Method::GET, "/shop/checkout/", params, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<CheckoutData, ResponseError> {
        envelope::success(response)
    }
}

/// `PUT /shop/checkout/` with `mode=recalc`: sets goods counts
/// (`cnt_{record}`) and removes lines (`del_{record}=1`) of the unplaced
/// order. Idempotent: it sets counts, it does not add to them.
///
/// The document heads it PUT and its PHP example calls `put`, while the line
/// above the example says `POSTSHOP` (U13); it is sent as PUT.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, RecalcCheckout, RecordId, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let recalc = RecalcCheckout::default().count(RecordId::new(6), 2).remove(RecordId::new(7));
/// let request = recalc.build(&site, &stamp)?;
/// assert_eq!(request.method(), "PUT");
/// assert_eq!(request.body(), b"cnt_6=2&del_7=1&mode=recalc");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecalcCheckout {
    /// New counts, by basket record.
    pub counts: Vec<(RecordId, u32)>,
    /// Records to remove.
    pub removals: Vec<RecordId>,
}

impl RecalcCheckout {
    /// Record `record` now holds `count` units.
    pub fn count(mut self, record: RecordId, count: u32) -> Self {
        self.counts.push((record, count));
        self
    }

    /// Remove record `record`.
    pub fn remove(mut self, record: RecordId) -> Self {
        self.removals.push(record);
        self
    }
}

impl Endpoint for RecalcCheckout {
    type Api = Ucoz;
    type Output = CheckoutData;
    const NAME: &'static str = "ucoz.RecalcCheckout";

    /// Idempotent: counts are set, not added.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut params = vec![("mode".to_owned(), "recalc".to_owned())];
        for (record, count) in &self.counts {
            if self.removals.contains(record) {
                return Err(BuildError::new(
                    format!("cnt_{record}"),
                    BuildErrorKind::Invalid("the same record is counted and removed".into()),
                ));
            }
            params.push((format!("cnt_{record}"), count.to_string()));
        }
        for record in &self.removals {
            params.push((format!("del_{record}"), "1".into()));
        }
        api.request(Method::PUT, "/shop/checkout/", params, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<CheckoutData, ResponseError> {
        envelope::success(response)
    }
}

/// `PUT /shop/checkout/` with `mode=change`: sets the unplaced order's
/// payment, delivery, form fields and address. Idempotent. Sent as PUT (U13).
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, ChangeCheckout, DeliveryId, FieldId, OrderChoices, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let change = ChangeCheckout(OrderChoices::default().delivery(DeliveryId::new(3)).field(FieldId::new(1), "+7 900"));
/// assert_eq!(change.build(&site, &stamp)?.body(), b"delivery_id=3&fld1=%2B7%20900&mode=change");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeCheckout(pub OrderChoices);

impl Endpoint for ChangeCheckout {
    type Api = Ucoz;
    type Output = CheckoutData;
    const NAME: &'static str = "ucoz.ChangeCheckout";

    /// Idempotent: it sets the choices.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.request(
            Method::PUT,
            "/shop/checkout/",
            self.0.params("change")?,
            stamp,
        )
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<CheckoutData, ResponseError> {
        envelope::success(response)
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The message an order placement answers with.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Placed {
        /// "Ваш заказ успешно оформлен".
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub msg: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `POST /shop/checkout/` with `mode=order`: places the unplaced order.
/// **Unsafe**: a repeat may place a second order, so it is never retried.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Safety, Stamp};
/// use ucoz_proto::{Auth, FieldId, OrderChoices, PaymentId, PlaceOrder, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let place = PlaceOrder::new(OrderChoices::default().payment(PaymentId::new(1)).field(FieldId::new(2), "Moscow"))
///     .auto_register(true);
/// assert_eq!(place.safety(), Safety::Unsafe);
/// assert_eq!(place.build(&site, &stamp)?.body(), b"fld2=Moscow&mode=order&payment_id=1&shop_autoreg=1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlaceOrder {
    /// The choices of the order.
    pub choices: OrderChoices,
    /// Register a guest who gave an e-mail (`shop_autoreg`).
    pub auto_register: Option<bool>,
}

impl PlaceOrder {
    /// Place the order with these choices.
    pub fn new(choices: OrderChoices) -> Self {
        PlaceOrder {
            choices,
            auto_register: None,
        }
    }

    /// Register the guest, or not.
    pub fn auto_register(mut self, register: bool) -> Self {
        self.auto_register = Some(register);
        self
    }
}

impl Endpoint for PlaceOrder {
    type Api = Ucoz;
    type Output = Placed;
    const NAME: &'static str = "ucoz.PlaceOrder";

    /// Unsafe: a repeat may place a second order.
    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut params = self.choices.params("order")?;
        if let Some(register) = self.auto_register {
            params.push(("shop_autoreg".into(), u8::from(register).to_string()));
        }
        api.request(Method::POST, "/shop/checkout/", params, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Placed, ResponseError> {
        envelope::success(response)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(OrderContent {
    unknown,
    order_goods
});
shop_apis_core::report_unknown!(OrderTotals { unknown });
shop_apis_core::report_unknown!(Checkout {
    unknown,
    order_content,
    order_fields,
    order_data,
    payment_list,
    delivery_list
});
shop_apis_core::report_unknown!(Placed { unknown });

impl shop_apis_core::ReportUnknown for CheckoutData {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        if let CheckoutData::Order(checkout) = self {
            checkout.unknown_fields(path, found);
        }
    }
}
