//! Clients ("Клиенты"): the filtered list, one client's details, create and
//! update, for retail clients and for legal entities.

use http::{Request, Response};
use serde::Deserialize;
use shop_apis_core::wire::{datetime, decimal, flag, nullable_text, optional_id, php_empty_object};
use shop_apis_core::{
    BuildError, Decimal, Endpoint, Paged, ResponseError, Safety, Stamp, UnknownFields,
};
use time::{Date, PrimitiveDateTime};

use crate::api::SapLab;
use crate::groups::GroupId;
use crate::managers::{ManagerId, PointId};
use crate::outcome;
use crate::paging::{AppliedFilters, Page, PathFilters, PerPage};
use crate::shipping_types::ShippingTypeId;

shop_apis_core::id_type! {
    /// A client's id.
    pub struct ClientId(u64);
}

shop_apis_core::keep_unknown! { unknown:
    /// A client as the list shows it.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Client {
        /// Its id.
        pub id: ClientId,
        /// Phone, which is also the login.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub phone: Option<String>,
        /// Name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Delivery address.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub address: Option<String>,
        /// E-mail.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub email: Option<String>,
        /// When the client registered (the shop's time).
        #[serde(default, with = "datetime::option")]
        pub date_added: Option<PrimitiveDateTime>,
        /// When the client was last changed.
        #[serde(default, with = "datetime::option")]
        pub date_modified: Option<PrimitiveDateTime>,
        /// Whether the client is a legal entity.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub is_wholesaler: Option<bool>,
        /// The organisation's name, for a legal entity.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub wholesaler_info: Option<String>,
        /// The client's discount group.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub group_id: Option<GroupId>,
        /// The group's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub group: Option<String>,
        /// The assigned employee; `None` when there is none (`"0"`).
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub manager_id: Option<ManagerId>,
        /// The assigned employee's name (`null` when none).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub manager: Option<String>,
        /// The client's office.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub point_id: Option<PointId>,
        /// The office's full name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub point: Option<String>,
        /// Whether the client is active.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub status: Option<bool>,
        /// The managers' comment, for managers.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub comment: Option<String>,
        /// The default shipping type; `None` when there is none (`"0"`).
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub shipping_id: Option<ShippingTypeId>,
        /// The client's account balance.
        #[serde(default, with = "decimal::option")]
        pub balance: Option<Decimal>,
        /// What the client owes.
        #[serde(default, with = "decimal::option")]
        pub debt: Option<Decimal>,
        /// What the client owes on suspended orders.
        #[serde(default, with = "decimal::option")]
        pub blocked_debt: Option<Decimal>,
        /// The credit limit.
        #[serde(default, with = "decimal::option")]
        pub limit: Option<Decimal>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`ListClients`]: a page of clients.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Clients {
        /// The clients on this page.
        pub clients: Vec<Client>,
        /// The filters the panel applied.
        #[serde(default, deserialize_with = "php_empty_object::deserialize")]
        pub filters: AppliedFilters,
        /// How many pages the list has; `None` when the panel does not say.
        #[serde(
            default,
            deserialize_with = "shop_apis_core::wire::int::option::deserialize"
        )]
        pub pages: Option<u32>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `GET /panel/client[/filter/…]`: a page of clients, filtered. Safe.
///
/// Every documented filter is a field; unset ones are left out of the path.
/// Every page, as a stream, with `shop_apis::Shop::items`; one step by hand
/// with [`ListClients::next_page`].
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{ClientId, Credentials, ListClients, PerPage, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let list = ListClients::default()
///     .client_ids([ClientId::new(1), ClientId::new(2)])
///     .phone("+7(123)456-78-90")
///     .per_page(PerPage::new(50)?);
/// assert_eq!(
///     list.build(&shop, &stamp)?.uri().path(),
///     "/panel/client/filter/client_id/1,2/phone/%2B7%28123%29456-78-90/per_page/50"
/// );
/// assert_eq!(ListClients::default().build(&shop, &stamp)?.uri().path(), "/panel/client");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListClients {
    /// Only these clients (`client_id/1,2,3`).
    pub client_ids: Vec<ClientId>,
    /// A part of the client's or the organisation's name.
    pub client_name: Option<String>,
    /// The phone.
    pub phone: Option<String>,
    /// The e-mail.
    pub email: Option<String>,
    /// Legal entities only (`true`) or private persons only (`false`).
    pub is_wholesaler: Option<bool>,
    /// Only clients of this discount group.
    pub client_group: Option<GroupId>,
    /// Registered on or after this date.
    pub date_from: Option<Date>,
    /// Registered up to this date.
    pub date_to: Option<Date>,
    /// Only clients of this employee.
    pub manager_id: Option<ManagerId>,
    /// Which page; the first when `None`.
    pub page: Option<Page>,
    /// How many a page; the panel's default (20) when `None`.
    pub per_page: Option<PerPage>,
}

impl ListClients {
    /// Only these clients.
    pub fn client_ids(mut self, ids: impl IntoIterator<Item = ClientId>) -> Self {
        self.client_ids = ids.into_iter().collect();
        self
    }

    /// Names containing `part`.
    pub fn client_name(mut self, part: impl Into<String>) -> Self {
        self.client_name = Some(part.into());
        self
    }

    /// This phone, as the panel stores it.
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// This e-mail.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Legal entities (`true`) or private persons (`false`) only.
    pub fn is_wholesaler(mut self, wholesaler: bool) -> Self {
        self.is_wholesaler = Some(wholesaler);
        self
    }

    /// Clients of this group only.
    pub fn client_group(mut self, group: GroupId) -> Self {
        self.client_group = Some(group);
        self
    }

    /// Registered between these dates, both included.
    pub fn registered(mut self, from: Option<Date>, to: Option<Date>) -> Self {
        self.date_from = from;
        self.date_to = to;
        self
    }

    /// Clients of this employee only.
    pub fn manager_id(mut self, manager: ManagerId) -> Self {
        self.manager_id = Some(manager);
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
        let mut filters = PathFilters::new("/panel/client");
        filters.ids("client_id", &self.client_ids);
        filters.text("client_name", self.client_name.as_deref())?;
        filters.text("phone", self.phone.as_deref())?;
        filters.text("email", self.email.as_deref())?;
        filters.flag("is_wholesaler", self.is_wholesaler);
        filters.value("client_group", self.client_group);
        filters.date("date_from", self.date_from);
        filters.date("date_to", self.date_to);
        filters.value("manager_id", self.manager_id);
        filters.page(self.page, self.per_page);
        Ok(filters.finish())
    }
}

/// Walks the list page by page: see [`Paged`] and the adapters' `pages` and `items`.
impl Paged for ListClients {
    type Item = Client;

    /// The same list's next page, or `None` after the last one (or when the
    /// answer does not say how many pages there are): how to walk every
    /// page without this crate doing I/O. The rule is
    /// [`shop_apis_core::paging::next_page`]'s; the list's answer names no page
    /// of its own (`001`:237 names only `pages`), so a panel that ignored
    /// the page asked for cannot be told from one that did not, and such a
    /// walk ends after `pages` requests (S18).
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use saplab_proto::{Clients, ListClients};
    /// let answer: Clients = serde_json::from_str(r#"{"clients": [], "filters": [], "pages": 2}"#)?;
    /// let second = ListClients::default().next_page(&answer).unwrap();
    /// assert_eq!(second.page.unwrap().get(), 2);
    /// assert!(second.next_page(&answer).is_none());
    /// let silent: Clients = serde_json::from_str(r#"{"clients": []}"#)?;
    /// assert!(ListClients::default().next_page(&silent).is_none(), "no page count");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn next_page(&self, answer: &Clients) -> Option<Self> {
        let next = self.page.unwrap_or(Page::FIRST).next(None, answer.pages)?;
        Some(ListClients {
            page: Some(next),
            ..self.clone()
        })
    }

    /// The clients of one page.
    fn items(answer: Clients) -> Vec<Client> {
        answer.clients
    }

    /// The page count the answer gives.
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use saplab_proto::{Clients, ListClients};
    /// let answer: Clients = serde_json::from_str(r#"{"clients": [], "filters": [], "pages": 2}"#)?;
    /// assert_eq!(ListClients::page_count(&answer), Some(2));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn page_count(answer: &Self::Output) -> Option<u32> {
        answer.pages
    }
}

impl Endpoint for ListClients {
    type Api = SapLab;
    type Output = Clients;
    const NAME: &'static str = "saplab.ListClients";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.get(&self.path()?)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Clients, ResponseError> {
        outcome::data(response)
    }
}

/// A legal entity's details ("Данные юр. лица"), sent as `wholesalers[…]`
/// and read back as `wholesaler_data`.
///
/// ```
/// use saplab_proto::LegalEntity;
/// let entity = LegalEntity { kind: Some("ООО".into()), inn: Some("12345678901234".into()), ..LegalEntity::default() };
/// assert_eq!(entity.org_name, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct LegalEntity {
    /// The form of the entity (ООО, ПАО, ЗАО, ИП, …); the wire's `type`.
    #[serde(rename = "type", deserialize_with = "nullable_text::deserialize")]
    pub kind: Option<String>,
    /// The entity's name.
    #[serde(deserialize_with = "nullable_text::deserialize")]
    pub org_name: Option<String>,
    /// Taxpayer number (ИНН).
    #[serde(deserialize_with = "nullable_text::deserialize")]
    pub inn: Option<String>,
    /// Registration reason code (КПП).
    #[serde(deserialize_with = "nullable_text::deserialize")]
    pub kpp: Option<String>,
    /// State registration number (ОГРН); the wire's key is misspelt `orgn` (S16).
    #[serde(rename = "orgn", deserialize_with = "nullable_text::deserialize")]
    pub ogrn: Option<String>,
    /// Legal address.
    #[serde(deserialize_with = "nullable_text::deserialize")]
    pub address: Option<String>,
    /// The bank's name.
    #[serde(deserialize_with = "nullable_text::deserialize")]
    pub bank: Option<String>,
    /// The bank's identifier (БИК).
    #[serde(deserialize_with = "nullable_text::deserialize")]
    pub bik: Option<String>,
    /// Settlement account (Р/С).
    #[serde(deserialize_with = "nullable_text::deserialize")]
    pub account: Option<String>,
    /// Correspondent account (К/С).
    #[serde(deserialize_with = "nullable_text::deserialize")]
    pub bank_account: Option<String>,
}

shop_apis_core::keep_unknown! { unknown:
    /// One client's details, as `GET /panel/client/form/{id}` shows them.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct ClientDetails {
        /// Its id.
        pub id: ClientId,
        /// Phone, which is also the login.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub phone: Option<String>,
        /// Name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Delivery address.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub address: Option<String>,
        /// E-mail.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub email: Option<String>,
        /// Whether the client is active.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub status: Option<bool>,
        /// The client's discount group.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub group_id: Option<GroupId>,
        /// The group's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub group: Option<String>,
        /// The client's discount in percent, from its group.
        #[serde(default, with = "decimal::option")]
        pub discount: Option<Decimal>,
        /// The default shipping type; `None` when there is none.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub shipping_id: Option<ShippingTypeId>,
        /// The assigned employee; `None` when there is none.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub manager_id: Option<ManagerId>,
        /// Whether the client is a legal entity.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub is_wholesaler: Option<bool>,
        /// The organisation's name, for a legal entity.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub wholesaler_info: Option<String>,
        /// The legal entity's details; absent for a private person.
        #[serde(default, deserialize_with = "legal_entity")]
        pub wholesaler_data: Option<LegalEntity>,
        /// The managers' comment, for managers.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub comment: Option<String>,
        /// The client's office.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub point_id: Option<PointId>,
        /// The client's account balance.
        #[serde(default, with = "decimal::option")]
        pub balance: Option<Decimal>,
        /// What the client owes.
        #[serde(default, with = "decimal::option")]
        pub debt: Option<Decimal>,
        /// What the client owes on suspended orders.
        #[serde(default, with = "decimal::option")]
        pub blocked_debt: Option<Decimal>,
        /// The credit limit.
        #[serde(default, with = "decimal::option")]
        pub limit: Option<Decimal>,
        /// When the client registered.
        #[serde(default, with = "datetime::option")]
        pub date_added: Option<PrimitiveDateTime>,
        /// When the client was last changed.
        #[serde(default, with = "datetime::option")]
        pub date_modified: Option<PrimitiveDateTime>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `wholesaler_data`: an object, or `null` or PHP's `[]` (W6) for none.
fn legal_entity<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<LegalEntity>, D::Error> {
    #[derive(Deserialize)]
    struct Entity(#[serde(deserialize_with = "php_empty_object::deserialize")] LegalEntity);
    let entity = Option::<Entity>::deserialize(deserializer)?.map(|entity| entity.0);
    Ok(entity.filter(|entity| *entity != LegalEntity::default()))
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`GetClient`].
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct ClientAnswer {
        /// The client.
        pub client: ClientDetails,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `GET /panel/client/form/{id}`: one client's details. Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{ClientId, Credentials, GetClient, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// assert_eq!(GetClient::new(ClientId::new(2)).build(&shop, &stamp)?.uri().path(), "/panel/client/form/2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetClient {
    /// Which client.
    pub id: ClientId,
}

impl GetClient {
    /// Client `id`'s details.
    pub fn new(id: ClientId) -> Self {
        GetClient { id }
    }
}

impl Endpoint for GetClient {
    type Api = SapLab;
    type Output = ClientAnswer;
    const NAME: &'static str = "saplab.GetClient";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.get(&format!("/panel/client/form/{}", self.id))
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<ClientAnswer, ResponseError> {
        outcome::data(response)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(Client { unknown });
shop_apis_core::report_unknown!(Clients { unknown, clients });
shop_apis_core::report_unknown!(ClientDetails { unknown });
shop_apis_core::report_unknown!(ClientAnswer { unknown, client });
