//! Order positions ("Заказы"): the filtered list, and setting a position's
//! status; the other actions on positions are in `position_actions.rs`.
//!
//! The panel calls them orders; each is one position (an article in some
//! quantity) of a client's order, which the `invoice` label groups.

use http::{Request, Response};
use shop_apis_core::encode::Form;
use shop_apis_core::wire::{
    datetime, decimal, flag, int, nullable_text, optional_id, php_empty_object,
};
use shop_apis_core::{
    BuildError, Decimal, Endpoint, Paged, ResponseError, Safety, Stamp, UnknownFields,
};
use time::{Date, PrimitiveDateTime};

use crate::api::SapLab;
use crate::clients::ClientId;
use crate::groups::GroupId;
use crate::managers::{ManagerId, PointId};
use crate::outcome::{self, Done};
use crate::paging::{AppliedFilters, Page, PathFilters, PerPage};
use crate::shipping_types::ShippingTypeId;
use crate::statuses::StatusId;

shop_apis_core::id_type! {
    /// An order position's id.
    pub struct PositionId(u64);
}

shop_apis_core::id_type! {
    /// A supplier's id.
    pub struct DistributorId(u64);
}

shop_apis_core::id_type! {
    /// A generated document's id.
    pub struct DocumentId(u64);
}

shop_apis_core::keep_unknown! { unknown:
    /// The comments on a position. The document's table types `comment` as an
    /// array; the example sends an object (S21). `[]` reads as no comments.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct PositionComment {
        /// The client's comment.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub client_comment: Option<String>,
        /// The manager's comment, if any.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub manager_comment: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// One change of a position's status.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct HistoryEntry {
        /// When.
        #[serde(default, with = "datetime::option")]
        pub date: Option<PrimitiveDateTime>,
        /// The status's colour.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub color: Option<String>,
        /// The status's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub status: Option<String>,
        /// Who changed it ("Автоматически" for the system).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub manager: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// A position of a client's order.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Position {
        /// Its id.
        pub id: PositionId,
        /// The order's label, grouping its positions ("NZ-005").
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub invoice: Option<String>,
        /// The client.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub client_id: Option<ClientId>,
        /// The client's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub client_name: Option<String>,
        /// Whether the client is a legal entity.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub is_wholesaler: Option<bool>,
        /// The organisation's name, for a legal entity.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub wholesaler_info: Option<String>,
        /// The supplier.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub distributor_id: Option<DistributorId>,
        /// The supplier's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub distributor_name: Option<String>,
        /// The brand.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub brand: Option<String>,
        /// The article number, as text (`"30.896.00"`).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub article: Option<String>,
        /// The product's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Delivery time from, in days. The table spells it `delivarytime_min`,
        /// the example `deliverytime_min`; either is read (S20).
        #[serde(
            default,
            alias = "delivarytime_min",
            deserialize_with = "int::option::deserialize"
        )]
        pub deliverytime_min: Option<u32>,
        /// Delivery time up to, in days (`delivarytime_max` is read too).
        #[serde(
            default,
            alias = "delivarytime_max",
            deserialize_with = "int::option::deserialize"
        )]
        pub deliverytime_max: Option<u32>,
        /// The purchase price.
        #[serde(default, with = "decimal::option")]
        pub initial_price: Option<Decimal>,
        /// The price.
        #[serde(default, with = "decimal::option")]
        pub price: Option<Decimal>,
        /// How many.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub quantity: Option<u32>,
        /// The total.
        #[serde(default, with = "decimal::option")]
        pub total: Option<Decimal>,
        /// The status.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub status_id: Option<StatusId>,
        /// The status's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub status_name: Option<String>,
        /// The status's colour.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub status_color: Option<String>,
        /// The shipping type; `None` when not chosen (`"0"`).
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub shipping_id: Option<ShippingTypeId>,
        /// The shipping type's name (`null` when none).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub shipping_name: Option<String>,
        /// The delivery address.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub shipping_address: Option<String>,
        /// The generated document; `None` until one is made.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub doc_id: Option<DocumentId>,
        /// The comments.
        #[serde(default, deserialize_with = "php_empty_object::deserialize")]
        pub comment: PositionComment,
        /// Whether the client asked to take it off the order.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub deny_request: Option<bool>,
        /// Whether it is archived.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub is_archived: Option<bool>,
        /// Whether it was denied (taken off the order).
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub is_denied: Option<bool>,
        /// Whether it is paid.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub is_payed: Option<bool>,
        /// When it was ordered.
        #[serde(default, with = "datetime::option")]
        pub date_added: Option<PrimitiveDateTime>,
        /// When it last changed.
        #[serde(default, with = "datetime::option")]
        pub date_modified: Option<PrimitiveDateTime>,
        /// Its status changes, oldest first; `None` when the panel sent no
        /// `history`, which is not the same as `[]`, no changes (S28).
        #[serde(default)]
        pub history: Option<Vec<HistoryEntry>>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`ListOrders`]: a page of positions.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Orders {
        /// The positions on this page.
        pub orders: Vec<Position>,
        /// The filters the panel applied.
        #[serde(default, deserialize_with = "php_empty_object::deserialize")]
        pub filters: AppliedFilters,
        /// How many pages the list has; `None` when the panel does not say.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub pages: Option<u32>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `GET /panel/order[/filter/…]`: a page of order positions, filtered. Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, ListOrders, PositionId, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let list = ListOrders::default().position_ids([PositionId::new(19), PositionId::new(20)]).is_payed(false);
/// assert_eq!(list.build(&shop, &stamp)?.uri().path(), "/panel/order/filter/order_ids/19,20/is_payed/0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListOrders {
    /// Only these positions (`order_ids/1,2,3`).
    pub position_ids: Vec<PositionId>,
    /// The order's label.
    pub invoice: Option<String>,
    /// The article number.
    pub article: Option<String>,
    /// A part of the product's name.
    pub name: Option<String>,
    /// Only positions of this employee.
    pub manager_id: Option<ManagerId>,
    /// Only positions with this shipping type.
    pub shipping_id: Option<ShippingTypeId>,
    /// Only positions of this office.
    pub point_id: Option<PointId>,
    /// Only positions from this supplier.
    pub distributor_id: Option<DistributorId>,
    /// Only positions in this status (`order_status`).
    pub status: Option<StatusId>,
    /// Paid (`true`) or unpaid (`false`) positions only.
    pub is_payed: Option<bool>,
    /// Include archived positions (`unignore_archived`).
    pub include_archived: Option<bool>,
    /// The brand.
    pub brand: Option<String>,
    /// A part of the client's or the organisation's name.
    pub client_name: Option<String>,
    /// Only clients of this discount group.
    pub client_group: Option<GroupId>,
    /// Ordered on or after this date.
    pub date_from: Option<Date>,
    /// Ordered up to this date.
    pub date_to: Option<Date>,
    /// Which page; the first when `None`.
    pub page: Option<Page>,
    /// How many a page; the panel's default (20) when `None`.
    pub per_page: Option<PerPage>,
}

impl ListOrders {
    /// Only these positions.
    pub fn position_ids(mut self, ids: impl IntoIterator<Item = PositionId>) -> Self {
        self.position_ids = ids.into_iter().collect();
        self
    }

    /// Positions of this order label.
    pub fn invoice(mut self, invoice: impl Into<String>) -> Self {
        self.invoice = Some(invoice.into());
        self
    }

    /// Positions of this article number.
    pub fn article(mut self, article: impl Into<String>) -> Self {
        self.article = Some(article.into());
        self
    }

    /// Positions whose product name contains `part`.
    pub fn name(mut self, part: impl Into<String>) -> Self {
        self.name = Some(part.into());
        self
    }

    /// Positions of this employee.
    pub fn manager_id(mut self, manager: ManagerId) -> Self {
        self.manager_id = Some(manager);
        self
    }

    /// Positions with this shipping type.
    pub fn shipping_id(mut self, shipping: ShippingTypeId) -> Self {
        self.shipping_id = Some(shipping);
        self
    }

    /// Positions of this office.
    pub fn point_id(mut self, point: PointId) -> Self {
        self.point_id = Some(point);
        self
    }

    /// Positions from this supplier.
    pub fn distributor_id(mut self, distributor: DistributorId) -> Self {
        self.distributor_id = Some(distributor);
        self
    }

    /// Positions in this status.
    pub fn status(mut self, status: StatusId) -> Self {
        self.status = Some(status);
        self
    }

    /// Paid or unpaid positions only.
    pub fn is_payed(mut self, paid: bool) -> Self {
        self.is_payed = Some(paid);
        self
    }

    /// Include archived positions.
    pub fn include_archived(mut self, include: bool) -> Self {
        self.include_archived = Some(include);
        self
    }

    /// Positions of this brand.
    pub fn brand(mut self, brand: impl Into<String>) -> Self {
        self.brand = Some(brand.into());
        self
    }

    /// Positions of clients whose name contains `part`.
    pub fn client_name(mut self, part: impl Into<String>) -> Self {
        self.client_name = Some(part.into());
        self
    }

    /// Positions of clients of this group.
    pub fn client_group(mut self, group: GroupId) -> Self {
        self.client_group = Some(group);
        self
    }

    /// Ordered between these dates, both included.
    pub fn ordered(mut self, from: Option<Date>, to: Option<Date>) -> Self {
        self.date_from = from;
        self.date_to = to;
        self
    }

    /// This page.
    pub fn page(mut self, page: Page) -> Self {
        self.page = Some(page);
        self
    }

    /// This many a page.
    pub fn per_page(mut self, per_page: PerPage) -> Self {
        self.per_page = Some(per_page);
        self
    }

    fn path(&self) -> Result<String, BuildError> {
        let mut filters = PathFilters::new("/panel/order");
        filters.ids("order_ids", &self.position_ids);
        filters.text("invoice", self.invoice.as_deref())?;
        filters.text("article", self.article.as_deref())?;
        filters.text("name", self.name.as_deref())?;
        filters.value("manager_id", self.manager_id);
        filters.value("shipping_id", self.shipping_id);
        filters.value("point_id", self.point_id);
        filters.value("distributor_id", self.distributor_id);
        filters.value("order_status", self.status);
        filters.flag("is_payed", self.is_payed);
        filters.flag("unignore_archived", self.include_archived);
        filters.text("brand", self.brand.as_deref())?;
        filters.text("client_name", self.client_name.as_deref())?;
        filters.value("client_group", self.client_group);
        filters.date("date_from", self.date_from);
        filters.date("date_to", self.date_to);
        filters.page(self.page, self.per_page);
        Ok(filters.finish())
    }
}

/// Walks the list page by page: see [`Paged`] and the adapters' `pages` and `items`.
impl Paged for ListOrders {
    type Item = Position;

    /// The same list's next page, or `None` after the last one or when the
    /// answer does not say how many pages there are
    /// ([`shop_apis_core::paging::next_page`]). The answer names no page of its
    /// own, so a walk of a panel that ignores the page asked for ends after
    /// `pages` requests, as [`ListClients::next_page`](crate::ListClients::next_page) says.
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use saplab_proto::{ListOrders, Orders, Page};
    /// let answer: Orders = serde_json::from_str(r#"{"orders": [], "filters": {"per_page": 20}, "pages": 3}"#)?;
    /// let second = ListOrders::default().next_page(&answer).unwrap();
    /// assert_eq!(second.page, Some(Page::new(2).unwrap()));
    /// assert!(second.page(Page::new(3).unwrap()).next_page(&answer).is_none(), "the last page");
    /// let silent: Orders = serde_json::from_str(r#"{"orders": []}"#)?;
    /// assert!(ListOrders::default().next_page(&silent).is_none(), "no page count");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn next_page(&self, answer: &Orders) -> Option<Self> {
        let next = self.page.unwrap_or(Page::FIRST).next(None, answer.pages)?;
        Some(ListOrders {
            page: Some(next),
            ..self.clone()
        })
    }

    /// The positions of one page.
    fn items(answer: Orders) -> Vec<Position> {
        answer.orders
    }

    /// The page count the answer gives.
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use saplab_proto::{ListOrders, Orders};
    /// let answer: Orders = serde_json::from_str(r#"{"orders": [], "pages": 3}"#)?;
    /// assert_eq!(ListOrders::page_count(&answer), Some(3));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn page_count(answer: &Self::Output) -> Option<u32> {
        answer.pages
    }
}

impl Endpoint for ListOrders {
    type Api = SapLab;
    type Output = Orders;
    const NAME: &'static str = "saplab.ListOrders";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.get(&self.path()?)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Orders, ResponseError> {
        outcome::data(response)
    }
}

/// `POST /panel/order/set_status/{id}`: moves a position to a status.
///
/// Idempotent by its effect on the position: the same status twice leaves it
/// in that status. A status set to notify by SMS or e-mail may notify the
/// client again on a repeat (S22).
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, PositionId, SapLab, SetPositionStatus, StatusId};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let request = SetPositionStatus::new(PositionId::new(20), StatusId::new(5)).build(&shop, &stamp)?;
/// assert_eq!((request.uri().path(), request.body().as_slice()), ("/panel/order/set_status/20", &b"status_id=5"[..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SetPositionStatus {
    /// Which position.
    pub id: PositionId,
    /// Its new status.
    pub status_id: StatusId,
}

impl SetPositionStatus {
    /// Moves position `id` to status `status_id`.
    pub fn new(id: PositionId, status_id: StatusId) -> Self {
        SetPositionStatus { id, status_id }
    }
}

impl Endpoint for SetPositionStatus {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.SetPositionStatus";

    /// Idempotent: the position ends in the given status however often it is sent.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut form = Form::new();
        form.push("status_id", self.status_id.to_string());
        api.post(&format!("/panel/order/set_status/{}", self.id), &form)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(PositionComment { unknown });
shop_apis_core::report_unknown!(HistoryEntry { unknown });
shop_apis_core::report_unknown!(Position {
    unknown,
    comment,
    history
});
shop_apis_core::report_unknown!(Orders { unknown, orders });
