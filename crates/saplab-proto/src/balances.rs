//! Balances ("Лицевой счёт"): a client's transactions, and adding one.

use http::{Request, Response};
use shop_apis_core::encode::Form;
use shop_apis_core::wire::{datetime, decimal, int, nullable_text};
use shop_apis_core::{
    BuildError, BuildErrorKind, Decimal, Endpoint, Paged, ResponseError, Safety, Stamp,
    UnknownFields, validate,
};
use time::PrimitiveDateTime;

use crate::api::SapLab;
use crate::clients::ClientId;
use crate::outcome::{self, Done};
use crate::paging::{Page, PathFilters};

shop_apis_core::keep_unknown! { unknown:
    /// One movement on a client's account.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Transaction {
        /// When it happened (the shop's time).
        #[serde(default, with = "datetime::option")]
        pub date: Option<PrimitiveDateTime>,
        /// The amount: negative for a debit (`"-109"`).
        #[serde(default, with = "decimal::option")]
        pub amount: Option<Decimal>,
        /// What it was for.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub comment: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`GetBalance`]: a page of transactions, newest first.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Balance {
        /// The transactions on this page. The document's table calls the
        /// collection `groups`, its example `transactions`; either is read (S17).
        #[serde(alias = "groups")]
        pub transactions: Vec<Transaction>,
        /// How many pages there are; `None` when the panel does not say.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub pages: Option<u32>,
        /// Which page this is; `None` when the panel does not say.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub page: Option<u32>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `GET /panel/client/balance/{id}`: a page of a client's transactions. Safe.
///
/// The document shows no way to ask for a later page; this sends
/// `/filter/page/{n}` after the path, as the other lists take it (S18).
/// Every page, as a stream, with `shop_apis::Shop::items`; one step by hand
/// with [`GetBalance::next_page`].
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{ClientId, Credentials, GetBalance, Page, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// assert_eq!(GetBalance::new(ClientId::new(1)).build(&shop, &stamp)?.uri().path(), "/panel/client/balance/1");
/// let second = GetBalance::new(ClientId::new(1)).page(Page::new(2)?);
/// assert_eq!(second.build(&shop, &stamp)?.uri().path(), "/panel/client/balance/1/filter/page/2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetBalance {
    /// Whose account.
    pub client_id: ClientId,
    /// Which page; the first when `None`.
    pub page: Option<Page>,
}

impl GetBalance {
    /// The first page of client `client_id`'s transactions.
    pub fn new(client_id: ClientId) -> Self {
        GetBalance {
            client_id,
            page: None,
        }
    }

    /// This page.
    pub fn page(mut self, page: Page) -> Self {
        self.page = Some(page);
        self
    }
}

/// Walks the list page by page: see [`Paged`] and the adapters' `pages` and `items`.
impl Paged for GetBalance {
    type Item = Transaction;

    /// The next page, or `None` after the last one, when the answer does
    /// not say how many pages there are, or when it says it is another page
    /// than the one asked for ([`shop_apis_core::paging::next_page`]). The page
    /// path is a guess (S18): a panel that does not take it answers page 1
    /// to every request, and the walk ends at the second answer instead of
    /// asking for page after page. That second answer repeats page 1.
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use saplab_proto::{Balance, ClientId, GetBalance, Page};
    /// let first = GetBalance::new(ClientId::new(1));
    /// let answer: Balance = serde_json::from_str(r#"{"pages": 26, "transactions": [], "page": 1}"#)?;
    /// let second = first.next_page(&answer).unwrap();
    /// assert_eq!(second.page, Some(Page::new(2).unwrap()));
    /// // Page 2 asked for, page 1 served: the page parameter was ignored.
    /// assert!(second.next_page(&answer).is_none());
    /// let unnamed: Balance = serde_json::from_str(r#"{"pages": 26, "transactions": []}"#)?;
    /// assert_eq!(second.next_page(&unnamed).unwrap().page, Some(Page::new(3).unwrap()));
    /// let uncounted: Balance = serde_json::from_str(r#"{"transactions": [], "page": 1}"#)?;
    /// assert!(first.next_page(&uncounted).is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn next_page(&self, answer: &Balance) -> Option<Self> {
        let asked = self.page.unwrap_or(Page::FIRST);
        Some(GetBalance {
            page: Some(asked.next(answer.page, answer.pages)?),
            ..*self
        })
    }

    /// The transactions of one page.
    fn items(answer: Balance) -> Vec<Transaction> {
        answer.transactions
    }

    /// The page count the answer gives.
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// use saplab_proto::{Balance, GetBalance};
    /// let answer: Balance = serde_json::from_str(r#"{"pages": 26, "transactions": [], "page": 1}"#)?;
    /// assert_eq!(GetBalance::page_count(&answer), Some(26));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn page_count(answer: &Self::Output) -> Option<u32> {
        answer.pages
    }
}

impl Endpoint for GetBalance {
    type Api = SapLab;
    type Output = Balance;
    const NAME: &'static str = "saplab.GetBalance";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut path = PathFilters::new(&format!("/panel/client/balance/{}", self.client_id));
        path.page(self.page, None);
        api.get(&path.finish())
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Balance, ResponseError> {
        outcome::data(response)
    }
}

/// `POST /panel/client/add_transaction/{id}`: credits (positive) or debits
/// (negative) a client's account. **Unsafe**: each call moves money again,
/// so it is never retried.
///
/// The document heads it `GET` but sends `--data`, which curl POSTs; this
/// sends a POST form (S19). No answer is shown; [`Done`] is expected.
///
/// An amount of zero moves nothing and a blank description says nothing of
/// why money moved; both are refused before anything is built, the error
/// naming the field (`amount`, `description`).
///
/// ```
/// use shop_apis_core::{BaseUrl, BuildErrorKind, Decimal, Endpoint, Stamp};
/// use saplab_proto::{AddTransaction, ClientId, Credentials, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let debit = AddTransaction::new(ClientId::new(1), "-100.50".parse()?, "API списание");
/// let request = debit.build(&shop, &stamp)?;
/// assert_eq!(request.method(), "POST");
/// assert!(request.body().starts_with(b"amount=-100.5&description="));
///
/// let nothing = AddTransaction::new(ClientId::new(1), "0.00".parse()?, "API списание");
/// let error = nothing.build(&shop, &stamp).unwrap_err();
/// assert_eq!((error.field(), error.kind()), ("amount", &BuildErrorKind::Zero));
/// let unexplained = AddTransaction::new(ClientId::new(1), Decimal::ONE, " ");
/// let error = unexplained.build(&shop, &stamp).unwrap_err();
/// assert_eq!((error.field(), error.kind()), ("description", &BuildErrorKind::Blank));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AddTransaction {
    /// Whose account.
    pub client_id: ClientId,
    /// The amount: positive to credit, negative to debit; sent exactly.
    pub amount: Decimal,
    /// What it is for.
    pub description: String,
}

impl AddTransaction {
    /// Moves `amount` on client `client_id`'s account, saying why.
    pub fn new(client_id: ClientId, amount: Decimal, description: impl Into<String>) -> Self {
        AddTransaction {
            client_id,
            amount,
            description: description.into(),
        }
    }
}

impl Endpoint for AddTransaction {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.AddTransaction";

    /// Unsafe: a repeat moves the money twice.
    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        if self.amount.is_zero() {
            return Err(BuildError::new("amount", BuildErrorKind::Zero));
        }
        validate::not_blank("description", &self.description)?;
        let mut form = Form::new();
        form.push("amount", self.amount.normalize().to_string())
            .push("description", self.description.clone());
        api.post(
            &format!("/panel/client/add_transaction/{}", self.client_id),
            &form,
        )
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(Transaction { unknown });
shop_apis_core::report_unknown!(Balance {
    unknown,
    transactions
});
