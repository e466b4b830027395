//! Abandoned baskets (`/shop/usersbasket/`): users' baskets never ordered.

use std::fmt;

use base64::Engine;
use http::{Method, Request, Response};
use shop_apis_core::wire::{IdMap, decimal, int, nullable_text, unix_time};
use shop_apis_core::{
    BuildError, BuildErrorKind, Decimal, Endpoint, Paged, ResponseError, Safety, Stamp,
    UnknownFields,
};
use time::OffsetDateTime;

use crate::api::Ucoz;
use crate::envelope;
use crate::goods::{GoodsId, RecordId};
use crate::invoices::{DateTimeBound, Range, paging};

shop_apis_core::keep_unknown! { unknown:
    /// A line of an abandoned basket.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct BasketItem {
        /// The product.
        pub goods_id: GoodsId,
        /// Its name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// The unit price with markup.
        #[serde(default, with = "decimal::option")]
        pub price: Option<Decimal>,
        /// How many.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub cnt: Option<u32>,
        /// Price times count.
        #[serde(default, with = "decimal::option")]
        pub sum: Option<Decimal>,
        /// Other fields the shop shows.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// A user's abandoned basket.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct UserBasket {
        /// The user.
        #[serde(deserialize_with = "int::deserialize")]
        pub user_id: u64,
        /// Their login.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub user_login: Option<String>,
        /// Their group.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub user_group_id: Option<u64>,
        /// The group's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub user_group_name: Option<String>,
        /// Their full name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub user_name: Option<String>,
        /// Their e-mail.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub user_email: Option<String>,
        /// Their phone.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub user_phone: Option<String>,
        /// When they were last on the site.
        #[serde(default, with = "unix_time::option")]
        pub user_last_activity: Option<OffsetDateTime>,
        /// From which IP.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub user_ip: Option<String>,
        /// The basket's total.
        #[serde(default, with = "decimal::option")]
        pub user_basket_amount: Option<Decimal>,
        /// How many goods.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub user_basket_items_cnt: Option<u32>,
        /// The lines, by basket record.
        #[serde(default)]
        pub user_basket_items: IdMap<RecordId, BasketItem>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`ListBaskets`]: a page of baskets, by user id.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Baskets {
        /// The baskets, by user id.
        #[serde(default)]
        pub users_baskets: IdMap<u64, UserBasket>,
        /// This page.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub paginator_page: Option<u32>,
        /// How many pages.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub paginator_pages_cnt: Option<u32>,
        /// How many baskets match.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub paginator_count: Option<u64>,
        /// Baskets a page.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub paginator_per_page: Option<u32>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// A condition on a number: its mode and operand(s) as one value, so a mode
/// cannot go without its operand (`f_price_mode` + `f_price`, U21).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Compare {
    /// `eq`: equal to.
    Eq(Decimal),
    /// `neq`: not equal to.
    Neq(Decimal),
    /// `gr`: greater than.
    Gr(Decimal),
    /// `greq`: greater than or equal to.
    Greq(Decimal),
    /// `les`: less than.
    Les(Decimal),
    /// `leq`: less than or equal to.
    Leq(Decimal),
    /// `btw`: from…to, both included.
    Between(Decimal, Decimal),
    /// `nin`: outside from…to, both excluded.
    Outside(Decimal, Decimal),
}

impl Compare {
    /// The mode and the operand as the wire takes them (`"btw"`, `"10 20"`).
    fn wire(self, field: &'static str) -> Result<(&'static str, String), BuildError> {
        let one = |mode, v: Decimal| Ok((mode, v.to_string()));
        match self {
            Compare::Eq(v) => one("eq", v),
            Compare::Neq(v) => one("neq", v),
            Compare::Gr(v) => one("gr", v),
            Compare::Greq(v) => one("greq", v),
            Compare::Les(v) => one("les", v),
            Compare::Leq(v) => one("leq", v),
            Compare::Between(a, b) | Compare::Outside(a, b) if a > b => Err(BuildError::new(
                field,
                BuildErrorKind::OutOfRange(format!("{a} is above {b}")),
            )),
            Compare::Between(a, b) => Ok(("btw", format!("{a} {b}"))),
            Compare::Outside(a, b) => Ok(("nin", format!("{a} {b}"))),
        }
    }
}

/// A login filter: an exact login or a mask with `*` and `?`, sent in
/// Base64 as the document asks (U22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginFilter(String);

impl LoginFilter {
    /// A login, or a mask (`tom*`, `?om`).
    ///
    /// ```
    /// use ucoz_proto::LoginFilter;
    /// assert_eq!(LoginFilter::new("tom")?.to_string(), "dG9t");
    /// assert!(LoginFilter::new("").is_err());
    /// # Ok::<(), shop_apis_core::BuildError>(())
    /// ```
    pub fn new(login: impl Into<String>) -> Result<Self, BuildError> {
        let login = login.into();
        shop_apis_core::validate::not_blank("f_user_login", &login)?;
        shop_apis_core::validate::no_control_characters("f_user_login", &login)?;
        Ok(LoginFilter(login))
    }
}

impl fmt::Display for LoginFilter {
    /// The Base64 the wire carries.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

/// `GET /shop/usersbasket/`: a page of abandoned baskets, filtered. Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, Compare, ListBaskets, LoginFilter, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let list = ListBaskets::default()
///     .user_login(LoginFilter::new("tom")?)
///     .price(Compare::Between(10.into(), 20.into()));
/// assert_eq!(list.build(&site, &stamp)?.uri().query(), Some("f_price=10%2020&f_price_mode=btw&f_user_login=dG9t"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListBaskets {
    /// Which page; the first when `None`.
    pub page: Option<u32>,
    /// Baskets a page, 1 to 20.
    pub per_page: Option<u32>,
    /// Only these users' baskets.
    pub user_ids: Vec<u64>,
    /// Only users whose login matches.
    pub user_login: Option<LoginFilter>,
    /// Only users of this group.
    pub user_group: Option<u64>,
    /// Only baskets holding these goods.
    pub goods_ids: Vec<GoodsId>,
    /// Only baskets whose goods count meets this.
    pub goods_count: Option<Compare>,
    /// Only baskets whose total meets this.
    pub price: Option<Compare>,
    /// Only users last on the site in this range.
    pub last_visit: Option<Range<DateTimeBound>>,
}

impl ListBaskets {
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

    /// Only these users.
    pub fn user_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.user_ids = ids.into_iter().collect();
        self
    }

    /// Only logins matching this.
    pub fn user_login(mut self, login: LoginFilter) -> Self {
        self.user_login = Some(login);
        self
    }

    /// Only this user group.
    pub fn user_group(mut self, group: u64) -> Self {
        self.user_group = Some(group);
        self
    }

    /// Only baskets with these goods.
    pub fn goods_ids(mut self, ids: impl IntoIterator<Item = GoodsId>) -> Self {
        self.goods_ids = ids.into_iter().collect();
        self
    }

    /// Only baskets whose goods count meets this.
    pub fn goods_count(mut self, condition: Compare) -> Self {
        self.goods_count = Some(condition);
        self
    }

    /// Only baskets whose total meets this.
    pub fn price(mut self, condition: Compare) -> Self {
        self.price = Some(condition);
        self
    }

    /// Only users last seen in this range.
    pub fn last_visit(mut self, range: Range<DateTimeBound>) -> Self {
        self.last_visit = Some(range);
        self
    }

    fn params(&self) -> Result<Vec<(String, String)>, BuildError> {
        let mut params = paging(self.page, self.per_page)?;
        let join = |ids: Vec<String>| ids.join(",");
        if !self.user_ids.is_empty() {
            params.push((
                "f_users_ids".into(),
                join(self.user_ids.iter().map(ToString::to_string).collect()),
            ));
        }
        if let Some(login) = &self.user_login {
            params.push(("f_user_login".into(), login.to_string()));
        }
        if let Some(group) = self.user_group {
            params.push(("f_user_group".into(), group.to_string()));
        }
        if !self.goods_ids.is_empty() {
            params.push((
                "f_goods_ids".into(),
                join(self.goods_ids.iter().map(ToString::to_string).collect()),
            ));
        }
        if let Some(condition) = self.goods_count {
            let (mode, operand) = condition.wire("f_goods_count")?;
            params.push(("f_goods_count_mode".into(), mode.into()));
            params.push(("f_goods_count".into(), operand));
        }
        if let Some(condition) = self.price {
            let (mode, operand) = condition.wire("f_price")?;
            params.push(("f_price_mode".into(), mode.into()));
            params.push(("f_price".into(), operand));
        }
        if let Some(Range { from, to }) = self.last_visit {
            params.push(("f_date".into(), format!("{from}|{to}")));
        }
        Ok(params)
    }
}

/// Walks the list page by page: see [`Paged`] and the adapters' `pages` and `items`.
impl Paged for ListBaskets {
    type Item = (u64, UserBasket);

    /// The same list's next page, or `None` after the last one, when the
    /// answer does not say how many pages there are, or when its
    /// `paginator_page` is not the page asked for, as from a server that
    /// ignores `page` ([`shop_apis_core::paging::next_page`]).
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use ucoz_proto::{Baskets, ListBaskets};
    /// let first: Baskets = serde_json::from_str(r#"{"paginator_page": 1, "paginator_pages_cnt": 3, "users_baskets": {}}"#)?;
    /// let second = ListBaskets::default().next_page(&first).unwrap();
    /// assert_eq!(second.page, Some(2));
    /// // Page 2 asked for, page 1 served: the walk ends.
    /// assert!(second.next_page(&first).is_none());
    /// let uncounted: Baskets = serde_json::from_str(r#"{"paginator_page": 1, "users_baskets": {}}"#)?;
    /// assert!(ListBaskets::default().next_page(&uncounted).is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn next_page(&self, answer: &Baskets) -> Option<Self> {
        let asked = self.page.unwrap_or(1);
        let next = shop_apis_core::paging::next_page(
            asked,
            answer.paginator_page,
            answer.paginator_pages_cnt,
        )?;
        Some(ListBaskets {
            page: Some(next),
            ..self.clone()
        })
    }

    /// The entries of one page.
    fn items(answer: Baskets) -> Vec<(u64, UserBasket)> {
        answer.users_baskets.into_vec()
    }

    /// The page count the answer gives.
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use ucoz_proto::{Baskets, ListBaskets};
    /// let answer: Baskets = serde_json::from_str(r#"{"paginator_page": 1, "paginator_pages_cnt": 3, "users_baskets": {}}"#)?;
    /// assert_eq!(ListBaskets::page_count(&answer), Some(3));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn page_count(answer: &Self::Output) -> Option<u32> {
        answer.paginator_pages_cnt
    }
}

impl Endpoint for ListBaskets {
    type Api = Ucoz;
    type Output = Baskets;
    const NAME: &'static str = "ucoz.ListBaskets";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.request(Method::GET, "/shop/usersbasket/", self.params()?, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Baskets, ResponseError> {
        envelope::success(response)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(BasketItem { unknown });
shop_apis_core::report_unknown!(UserBasket {
    unknown,
    user_basket_items
});
shop_apis_core::report_unknown!(Baskets {
    unknown,
    users_baskets
});
