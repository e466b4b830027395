//! Invoices (`/shop/invoices/`): the filtered, sorted list of orders, and
//! what is done to several orders at once: move them to a group, assign a
//! courier, set a status.

use std::fmt;

use http::{Method, Request, Response};
use serde::Deserialize;
use serde::de::Deserializer;
use shop_apis_core::wire::{
    IdMap, Money, decimal, int, money, nullable_text, optional_id, php_empty_object, unix_time,
};
use shop_apis_core::{
    BuildError, BuildErrorKind, Decimal, Endpoint, Paged, ResponseError, Safety, Stamp,
    UnknownFields,
};
use time::OffsetDateTime;

use crate::api::Ucoz;
use crate::codes::{OrderGroup, OrderStatus, code_option};
use crate::envelope;
use crate::shop_data::{DeliveryId, FieldId, OrderField, PaymentId};

shop_apis_core::id_type! {
    /// An order's id (its number).
    pub struct InvoiceId(u64);
}

/// The hash that names an order in `/shop/order/` calls, opaque: it is sent
/// back exactly as the server gave it, `%3B` and all, and encoded on the
/// wire like any value (U15).
///
/// ```
/// use ucoz_proto::OrderHash;
/// let hash = OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo")?;
/// assert_eq!(hash.as_str(), "UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo");
/// assert!(OrderHash::new(" ").is_err());
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(transparent)]
pub struct OrderHash(String);

impl OrderHash {
    /// A hash as the server gave it; not blank.
    pub fn new(hash: impl Into<String>) -> Result<Self, BuildError> {
        let hash = hash.into();
        shop_apis_core::validate::not_blank("order", &hash)?;
        shop_apis_core::validate::no_control_characters("order", &hash)?;
        Ok(OrderHash(hash))
    }

    /// The hash as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrderHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The discount of an order.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Discount {
        /// Its amount.
        #[serde(default, with = "shop_apis_core::wire::decimal::option")]
        pub sum: Option<Decimal>,
        /// The promotional code applied.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub promo_code: Option<String>,
        /// The code's kind.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub promo_group: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The currency an order was placed in.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Currency {
        /// The currency's id.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub id: Option<u64>,
        /// Its rate when the order was placed.
        #[serde(default, with = "shop_apis_core::wire::decimal::option")]
        pub rate: Option<Decimal>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// How an order is paid.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct InvoicePayment {
        /// The payment method.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub id: Option<PaymentId>,
        /// What is to be paid: its amount and the shop's display (`"500.00$"`, U32).
        #[serde(default, deserialize_with = "money::displayed::deserialize")]
        pub topay: Option<Money>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// How an order is delivered.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct InvoiceDelivery {
        /// The delivery method.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub id: Option<DeliveryId>,
        /// The delivery charge.
        #[serde(default, with = "shop_apis_core::wire::decimal::option")]
        pub tax: Option<Decimal>,
        /// The courier's login; `null`, `0` and `""` are none (U16).
        #[serde(default, deserialize_with = "nullable_text::zero_is_none")]
        pub courier: Option<String>,
        /// The delivery date; `"0"` and `""` are none (W12).
        #[serde(default, with = "unix_time::option")]
        pub delivery_date: Option<OffsetDateTime>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The address a `gmaps` field gave (`map`, `002`:443): `address`,
    /// `latitude`, `longitude`.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct InvoiceMap {
        /// The address as text.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub address: Option<String>,
        /// Its latitude.
        #[serde(default, with = "decimal::option")]
        pub latitude: Option<Decimal>,
        /// Its longitude.
        #[serde(default, with = "decimal::option")]
        pub longitude: Option<Decimal>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// An order as the list shows it.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Invoice {
        /// Its id.
        pub id: InvoiceId,
        /// Its number as the shop formats it (`"00001"`).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub nom: Option<String>,
        /// The hash that names it in order calls.
        pub order_hash: OrderHash,
        /// The user who placed it.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub uid: Option<u64>,
        /// Their login.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub user: Option<String>,
        /// The key for an auth link to the order's page.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub akey: Option<String>,
        /// How many goods.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub cnt: Option<u32>,
        /// The goods' total.
        #[serde(default, with = "decimal::option")]
        pub amount: Option<Decimal>,
        /// The profit.
        #[serde(default, with = "shop_apis_core::wire::decimal::option")]
        pub profit: Option<Decimal>,
        /// The discount.
        #[serde(default)]
        pub discount: Discount,
        /// The currency.
        #[serde(default)]
        pub currency: Currency,
        /// The payment.
        #[serde(default)]
        pub payment: InvoicePayment,
        /// The delivery.
        #[serde(default)]
        pub delivery: InvoiceDelivery,
        /// The total weight, when sent.
        #[serde(default, with = "shop_apis_core::wire::decimal::option")]
        pub weight: Option<Decimal>,
        /// The values of the order's additional fields, by number.
        #[serde(default)]
        pub fields: IdMap<FieldId, String>,
        /// The address of the order form's map field, when it has one.
        #[serde(default, deserialize_with = "php_empty_object::option")]
        pub map: Option<InvoiceMap>,
        /// Its group.
        #[serde(default, deserialize_with = "code_option::<_, u32, _>")]
        pub hide: Option<OrderGroup>,
        /// Its status.
        #[serde(default, deserialize_with = "code_option::<_, u32, _>")]
        pub status: Option<OrderStatus>,
        /// When it was placed.
        #[serde(default, with = "unix_time::option")]
        pub add_date: Option<OffsetDateTime>,
        /// When it last changed.
        #[serde(default, with = "unix_time::option")]
        pub mod_date: Option<OffsetDateTime>,
        /// The order's log.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub rem: Option<String>,
        /// The note on it.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub note: Option<String>,
        /// The IP it was placed from.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub ip: Option<String>,
        /// The host of the referring link the buyer came by.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub refhost: Option<String>,
        /// The URL of the referring link.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub referer: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`ListInvoices`]: a page of orders and the shop's lists.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Invoices {
        /// The orders on this page. The document calls the section keyed; it is
        /// a JSON list (U17), and a keyed object is read too.
        #[serde(deserialize_with = "orders")]
        pub orders: Vec<Invoice>,
        /// How many orders match.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub count: Option<u64>,
        /// This page.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub page: Option<u32>,
        /// How many pages.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub pages_cnt: Option<u32>,
        /// Orders a page.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub per_page: Option<u32>,
        /// The matching orders' turnover.
        #[serde(default, with = "shop_apis_core::wire::decimal::option")]
        pub total: Option<Decimal>,
        /// Their profit.
        #[serde(default, with = "shop_apis_core::wire::decimal::option")]
        pub profit: Option<Decimal>,
        /// Every status, with its name.
        #[serde(default)]
        pub order_status: IdMap<OrderStatus, String>,
        /// Every group, with its name.
        #[serde(default)]
        pub order_hide: IdMap<OrderGroup, String>,
        /// The order form's additional fields.
        #[serde(default)]
        pub order_fields: IdMap<FieldId, OrderField>,
        /// The users whose orders are on the page.
        #[serde(default, deserialize_with = "uids")]
        pub order_uids: Vec<u64>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

fn orders<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Invoice>, D::Error> {
    let keyed: IdMap<u64, Invoice> = IdMap::deserialize(deserializer)?;
    Ok(keyed.into_iter().map(|(_, invoice)| invoice).collect())
}

fn uids<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u64>, D::Error> {
    #[derive(Deserialize)]
    struct Uid(#[serde(deserialize_with = "int::deserialize")] u64);
    let keyed: IdMap<u64, Uid> = IdMap::deserialize(deserializer)?;
    Ok(keyed.into_iter().map(|(_, uid)| uid.0).collect())
}

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SortField {
    /// `id` (the server's default).
    Id,
    /// `user`.
    User,
    /// `cnt`.
    Count,
    /// `amount`.
    Amount,
    /// `status`.
    Status,
    /// `add_date`.
    Added,
    /// `mod_time`.
    Modified,
    /// `payment_id`.
    Payment,
    /// `delivery_id`.
    Delivery,
}

impl SortField {
    fn as_str(self) -> &'static str {
        match self {
            SortField::Id => "id",
            SortField::User => "user",
            SortField::Count => "cnt",
            SortField::Amount => "amount",
            SortField::Status => "status",
            SortField::Added => "add_date",
            SortField::Modified => "mod_time",
            SortField::Payment => "payment_id",
            SortField::Delivery => "delivery_id",
        }
    }
}

/// A range, both ends included: `"from|to"` on the wire (U18).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range<T> {
    /// The lower end.
    pub from: T,
    /// The upper end.
    pub to: T,
}

/// A moment in a date filter: a day, or a day and a time (`YYYY-MM-DD
/// HH:MI:SS`), as the document allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateTimeBound {
    /// A whole day.
    Day(time::Date),
    /// A day and a time.
    At(time::PrimitiveDateTime),
}

impl fmt::Display for DateTimeBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateTimeBound::Day(date) => {
                f.write_str(&shop_apis_core::wire::datetime::format_date(*date))
            }
            DateTimeBound::At(at) => write!(
                f,
                "{} {:02}:{:02}:{:02}",
                shop_apis_core::wire::datetime::format_date(at.date()),
                at.hour(),
                at.minute(),
                at.second()
            ),
        }
    }
}

/// `GET /shop/invoices/`: a page of orders, filtered and sorted. Safe.
///
/// Every documented filter is a field; sort field and direction are one
/// value, and ranges (`inv_sum`, `date`, `cdate`) one [`Range`], so half of
/// a pair cannot be sent. `per_page` is at most 20.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, ListInvoices, OrderStatus, Range, SortField, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let list = ListInvoices::default()
///     .status(OrderStatus::NEW)
///     .sum_between(Range { from: 10.into(), to: 500.into() })
///     .sort(SortField::Added, true);
/// let request = list.build(&site, &stamp)?;
/// assert_eq!(request.uri().query(), Some("inv_sum=10%7C500&order=desc&sort=add_date&status=0"));
/// assert!(ListInvoices::default().per_page(21).build(&site, &stamp).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListInvoices {
    /// Which page; the first when `None`.
    pub page: Option<u32>,
    /// Orders a page, 1 to 20.
    pub per_page: Option<u32>,
    /// Sort field and whether descending.
    pub sort: Option<(SortField, bool)>,
    /// Only this user's orders (for administrators).
    pub user: Option<u64>,
    /// Only this group.
    pub hide: Option<OrderGroup>,
    /// Only this status.
    pub status: Option<OrderStatus>,
    /// Only orders whose sum is in this range.
    pub sum: Option<Range<Decimal>>,
    /// Only orders of this courier.
    pub courier: Option<String>,
    /// Only orders whose delivery falls in this range (`cdate`).
    pub delivery_dates: Option<Range<DateTimeBound>>,
    /// Only orders paid this way.
    pub payment: Option<PaymentId>,
    /// Only orders delivered this way.
    pub delivery: Option<DeliveryId>,
    /// Only these orders.
    pub ids: Vec<InvoiceId>,
    /// Only orders placed in this range (`date`).
    pub dates: Option<Range<DateTimeBound>>,
}

impl ListInvoices {
    /// This page.
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// This many a page (1 to 20).
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.per_page = Some(per_page);
        self
    }

    /// Sort by `field`, descending or not.
    pub fn sort(mut self, field: SortField, descending: bool) -> Self {
        self.sort = Some((field, descending));
        self
    }

    /// Only this user's orders.
    pub fn user(mut self, user: u64) -> Self {
        self.user = Some(user);
        self
    }

    /// Only this group.
    pub fn hide(mut self, group: OrderGroup) -> Self {
        self.hide = Some(group);
        self
    }

    /// Only this status.
    pub fn status(mut self, status: OrderStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Only sums in this range.
    pub fn sum_between(mut self, range: Range<Decimal>) -> Self {
        self.sum = Some(range);
        self
    }

    /// Only this courier's orders.
    pub fn courier(mut self, login: impl Into<String>) -> Self {
        self.courier = Some(login.into());
        self
    }

    /// Only deliveries in this range.
    pub fn delivered_between(mut self, range: Range<DateTimeBound>) -> Self {
        self.delivery_dates = Some(range);
        self
    }

    /// Only this payment method.
    pub fn payment(mut self, payment: PaymentId) -> Self {
        self.payment = Some(payment);
        self
    }

    /// Only this delivery method.
    pub fn delivery(mut self, delivery: DeliveryId) -> Self {
        self.delivery = Some(delivery);
        self
    }

    /// Only these orders.
    pub fn ids(mut self, ids: impl IntoIterator<Item = InvoiceId>) -> Self {
        self.ids = ids.into_iter().collect();
        self
    }

    /// Only orders placed in this range.
    pub fn placed_between(mut self, range: Range<DateTimeBound>) -> Self {
        self.dates = Some(range);
        self
    }

    fn params(&self) -> Result<Vec<(String, String)>, BuildError> {
        let mut params = paging(self.page, self.per_page)?;
        let mut push = |key: &str, value: String| params.push((key.to_owned(), value));
        if let Some((field, descending)) = self.sort {
            push("sort", field.as_str().to_owned());
            push("order", if descending { "desc" } else { "asc" }.to_owned());
        }
        if let Some(user) = self.user {
            push("user", user.to_string());
        }
        if let Some(group) = self.hide {
            push("hide", group.code().to_string());
        }
        if let Some(status) = self.status {
            push("status", status.code().to_string());
        }
        if let Some(Range { from, to }) = self.sum {
            push("inv_sum", format!("{from}|{to}"));
        }
        if let Some(courier) = &self.courier {
            shop_apis_core::validate::not_blank("courier", courier)?;
            push("courier", courier.clone());
        }
        if let Some(Range { from, to }) = self.delivery_dates {
            push("cdate", format!("{from}|{to}"));
        }
        if let Some(payment) = self.payment {
            push("payment", payment.to_string());
        }
        if let Some(delivery) = self.delivery {
            push("delivery", delivery.to_string());
        }
        if !self.ids.is_empty() {
            push("id", join(&self.ids));
        }
        if let Some(Range { from, to }) = self.dates {
            push("date", format!("{from}|{to}"));
        }
        Ok(params)
    }
}

/// `page` (from 1) and `per_page` (1 to 20, the most these lists serve).
pub(crate) fn paging(
    page: Option<u32>,
    per_page: Option<u32>,
) -> Result<Vec<(String, String)>, BuildError> {
    let mut params = Vec::new();
    if let Some(page) = page {
        if page == 0 {
            return Err(BuildError::new("page", BuildErrorKind::Zero));
        }
        params.push(("page".to_owned(), page.to_string()));
    }
    if let Some(per_page) = per_page {
        if !(1..=20).contains(&per_page) {
            return Err(BuildError::new(
                "per_page",
                BuildErrorKind::OutOfRange(format!("{per_page} is not 1 to 20")),
            ));
        }
        params.push(("per_page".to_owned(), per_page.to_string()));
    }
    Ok(params)
}

/// Ids comma-joined, without spaces (U19).
pub(crate) fn join(ids: &[InvoiceId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Walks the list page by page: see [`Paged`] and the adapters' `pages` and `items`.
impl Paged for ListInvoices {
    type Item = Invoice;

    /// The same list's next page, or `None` after the last one, when the
    /// answer does not say how many pages there are, or when its `page` is
    /// not the page asked for, as from a server that ignores `page`
    /// ([`shop_apis_core::paging::next_page`]).
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use ucoz_proto::{Invoices, ListInvoices};
    /// let answer: Invoices = serde_json::from_str(r#"{"orders":[],"count":"30","page":1,"pages_cnt":2,"per_page":"20"}"#)?;
    /// let second = ListInvoices::default().next_page(&answer).unwrap();
    /// assert_eq!(second.page, Some(2));
    /// // Page 2 asked for, page 1 served: the walk ends.
    /// assert!(second.next_page(&answer).is_none());
    /// let uncounted: Invoices = serde_json::from_str(r#"{"orders":[],"page":1}"#)?;
    /// assert!(ListInvoices::default().next_page(&uncounted).is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn next_page(&self, answer: &Invoices) -> Option<Self> {
        let asked = self.page.unwrap_or(1);
        let next = shop_apis_core::paging::next_page(asked, answer.page, answer.pages_cnt)?;
        Some(ListInvoices {
            page: Some(next),
            ..self.clone()
        })
    }

    /// The invoices of one page.
    fn items(answer: Invoices) -> Vec<Invoice> {
        answer.orders
    }

    /// The page count the answer gives.
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use ucoz_proto::{Invoices, ListInvoices};
    /// let answer: Invoices = serde_json::from_str(r#"{"orders":[],"page":1,"pages_cnt":2}"#)?;
    /// assert_eq!(ListInvoices::page_count(&answer), Some(2));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn page_count(answer: &Self::Output) -> Option<u32> {
        answer.pages_cnt
    }
}

impl Endpoint for ListInvoices {
    type Api = Ucoz;
    type Output = Invoices;
    const NAME: &'static str = "ucoz.ListInvoices";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.request(Method::GET, "/shop/invoices/", self.params()?, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Invoices, ResponseError> {
        envelope::success(response)
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The message a change of several orders answers with.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Message {
        /// The shop's message ("Заказ(ы) перенесены ...").
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub msg: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// Declares a change of several orders: `PUT /shop/invoices/` with `mode`,
/// `ids` and one more typed parameter.
macro_rules! invoices_action {
    (
        $(#[$doc:meta])*
        $name:ident, $mode:literal, $field:ident: $ty:ty, $key:literal, $value:expr
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct $name {
            /// The orders; at least one.
            pub ids: Vec<InvoiceId>,
            #[allow(missing_docs)]
            pub $field: $ty,
        }

        impl $name {
            /// The change for these orders.
            pub fn new(ids: impl IntoIterator<Item = InvoiceId>, $field: $ty) -> Self {
                $name { ids: ids.into_iter().collect(), $field }
            }
        }

        impl Endpoint for $name {
            type Api = Ucoz;
            type Output = Message;
            const NAME: &'static str = concat!("ucoz.", stringify!($name));

            /// Idempotent: it sets a value on the orders.
            fn safety(&self) -> Safety {
                Safety::Idempotent
            }

            fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
                if self.ids.is_empty() {
                    return Err(BuildError::new("ids", BuildErrorKind::Empty));
                }
                let value: Result<String, BuildError> = ($value)(&self.$field);
                let params = vec![
                    ("mode".to_owned(), $mode.to_owned()),
                    ("ids".to_owned(), join(&self.ids)),
                    ($key.to_owned(), value?),
                ];
                api.request(Method::PUT, "/shop/invoices/", params, stamp)
            }

            fn parse(&self, response: Response<&[u8]>) -> Result<Message, ResponseError> {
                envelope::success(response)
            }
        }
    };
}

invoices_action! {
    /// `PUT /shop/invoices/` with `mode=hide`: moves orders to a group
    /// (in work, the archive, the bin). Idempotent.
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
    /// use ucoz_proto::{Auth, InvoiceId, OrderGroup, SetInvoicesGroup, Ucoz};
    /// let stamp = Stamp::new(1_700_000_000, "n");
    /// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
    /// let archive = SetInvoicesGroup::new([1, 2, 4].map(InvoiceId::new), OrderGroup::ARCHIVE);
    /// assert_eq!(archive.build(&site, &stamp)?.body(), b"hide=1&ids=1%2C2%2C4&mode=hide");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    SetInvoicesGroup, "hide", group: OrderGroup, "hide",
    |group: &OrderGroup| Ok(group.code().to_string())
}

invoices_action! {
    /// `PUT /shop/invoices/` with `mode=setCourier`: assigns a courier (a
    /// user's login) to orders. Idempotent.
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
    /// use ucoz_proto::{Auth, InvoiceId, SetInvoicesCourier, Ucoz};
    /// let stamp = Stamp::new(1_700_000_000, "n");
    /// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
    /// let courier = SetInvoicesCourier::new([InvoiceId::new(1)], "Tom".to_owned());
    /// assert_eq!(courier.build(&site, &stamp)?.body(), b"group_courier=Tom&ids=1&mode=setCourier");
    /// // Not blank, and not "0", which the shop sends for "no courier" (U16).
    /// assert!(SetInvoicesCourier::new([InvoiceId::new(1)], "0".to_owned()).build(&site, &stamp).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    SetInvoicesCourier, "setCourier", courier: String, "group_courier",
    |courier: &String| {
        shop_apis_core::validate::not_blank("group_courier", courier)?;
        // The shop writes "no courier" as 0 (U16): a login "0" would read back as none.
        if courier.trim() == "0" {
            let why = "0 is how the shop writes \"no courier\"";
            return Err(BuildError::new("group_courier", BuildErrorKind::Invalid(why.into())));
        }
        Ok(courier.clone())
    }
}

invoices_action! {
    /// `PUT /shop/invoices/` with `mode=status`: sets orders' status.
    /// Idempotent.
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
    /// use ucoz_proto::{Auth, InvoiceId, OrderStatus, SetInvoicesStatus, Ucoz};
    /// let stamp = Stamp::new(1_700_000_000, "n");
    /// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
    /// let ready = SetInvoicesStatus::new([1, 2, 4].map(InvoiceId::new), OrderStatus::READY);
    /// assert_eq!(ready.build(&site, &stamp)?.body(), b"ids=1%2C2%2C4&mode=status&status=4");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    SetInvoicesStatus, "status", status: OrderStatus, "status",
    |status: &OrderStatus| Ok(status.code().to_string())
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(Discount { unknown });
shop_apis_core::report_unknown!(Currency { unknown });
shop_apis_core::report_unknown!(InvoicePayment { unknown });
shop_apis_core::report_unknown!(InvoiceDelivery { unknown });
shop_apis_core::report_unknown!(InvoiceMap { unknown });
shop_apis_core::report_unknown!(Invoice {
    unknown,
    map,
    discount,
    currency,
    payment,
    delivery,
    fields
});
shop_apis_core::report_unknown!(Invoices {
    unknown,
    orders,
    order_status,
    order_hide,
    order_fields
});
shop_apis_core::report_unknown!(Message { unknown });
