//! Orders: the `CreateOrder` method, the order it sends and the answer.

use std::fmt;

use http::{Request, Response, header};
use serde::{Deserialize, Serialize};
use shop_apis_core::wire::{ErrorList, decimal, nullable_text};
use shop_apis_core::{
    ApiError, BodyExcerpt, BuildError, BuildErrorKind, Decimal, DecodeError, Endpoint,
    ResponseError, Safety, Stamp, UnexpectedStatus, UnknownFields, json, validate,
};

use crate::api::{QnitId, Qnits};

shop_apis_core::id_type! {
    /// A product's article number in the Qnits catalogue ("Артикул товара").
    pub struct ProductId(u64);
}

shop_apis_core::id_type! {
    /// The number Qnits gives a created order.
    pub struct OrderId(u64);
}

/// The storefront's own identifier of an order, Qnits' guard against duplicates.
///
/// Qnits creates one order per `external_id`: sending the same order again
/// with the same `external_id` does not create a second one. That makes
/// [`CreateOrder`] safe to retry, as long as the id is derived from the
/// storefront's own order, never from the clock. (The document suggests the
/// current date and time for storefronts that keep no orders; a retry would then
/// carry a new time and create the order twice.)
///
/// ```
/// use qnits_proto::ExternalId;
/// assert_eq!(ExternalId::from_order_id(2643).unwrap().as_str(), "2643");
/// assert_eq!(ExternalId::new("web-2643").unwrap().as_str(), "web-2643");
/// assert!(ExternalId::new("  ").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExternalId(String);

impl ExternalId {
    const FIELD: &'static str = "params.external_id";

    /// An external id from any text that is not blank.
    pub fn new(text: impl Into<String>) -> Result<Self, BuildError> {
        let text = text.into();
        validate::not_blank(Self::FIELD, &text)?;
        Ok(ExternalId(text))
    }

    /// The external id of the storefront's order `order_id`: the same order
    /// always gives the same external id, so retries cannot duplicate it.
    pub fn from_order_id(order_id: impl fmt::Display) -> Result<Self, BuildError> {
        Self::new(order_id.to_string())
    }

    /// The text sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ExternalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One line of an order: a catalogue product, how many, and optionally the
/// storefront's price and name for it.
///
/// Without a price, Qnits charges the platform's current retail price plus the
/// storefront's markup. The document says a price of 0 or an empty one means
/// the same; here that case is `None` only, so a 0 computed by mistake cannot
/// silently become "retail price": [`CreateOrder`] refuses `Some(0)`.
///
/// ```
/// use qnits_proto::{Product, ProductId};
/// let line = Product::new(ProductId::new(3044), 2).price("1499.90".parse().unwrap()).name("Чехол");
/// assert_eq!(line.quantity, 2);
/// assert_eq!(line.price.unwrap().to_string(), "1499.90");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Product {
    /// The product's article number.
    pub id: ProductId,
    /// How many; at least 1.
    pub quantity: u32,
    /// The price wanted per item; `None` for the retail price plus markup.
    pub price: Option<Decimal>,
    /// The product's name in the storefront.
    pub name: Option<String>,
}

impl Product {
    /// `quantity` items of product `id`, at the retail price.
    pub fn new(id: ProductId, quantity: u32) -> Self {
        Product {
            id,
            quantity,
            price: None,
            name: None,
        }
    }

    /// Asks for this price per item, higher or lower than retail (the partner's
    /// bonus grows or shrinks with it; Qnits will not go below a zero bonus).
    pub fn price(mut self, price: Decimal) -> Self {
        self.price = Some(price);
        self
    }

    /// The product's name in the storefront.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// `CreateOrder`: passes an order from the storefront to Qnits.
///
/// `POST {base}/api` with `{"token", "qnit_id", "method": "CreateOrder", "params": {…}}`.
/// Idempotent through [`ExternalId`]: sending it again creates no second order.
///
/// Checked before building (each a [`BuildError`] naming the field): `name`,
/// `phone` not blank; at least one product; no quantity 0; no price below or
/// equal to 0. Optional texts that are empty or blank are left out of the request.
///
/// ```
/// use shop_apis_core::{BuildErrorKind, Endpoint, Stamp};
/// use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId, Qnits};
/// let stamp = Stamp::new(1_700_000_000, "n");
///
/// let qnits = Qnits::public(Credentials::new(1, "t0ken")?);
/// let order = CreateOrder::new("Иванов Иван", "79123211232", ExternalId::new("2643")?, vec![
///     Product::new(ProductId::new(1000587), 0),
/// ])
/// .email("ivanov@example.com");
/// let error = order.build(&qnits, &stamp).unwrap_err();
/// assert_eq!(error.field(), "params.products[0].quantity");
/// assert_eq!(error.kind(), &BuildErrorKind::Zero);
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreateOrder {
    /// The customer's name, free form.
    pub name: String,
    /// The customer's phone number, free form.
    pub phone: String,
    /// The storefront's id of this order; see [`ExternalId`].
    pub external_id: ExternalId,
    /// What is ordered; at least one line.
    pub products: Vec<Product>,
    /// The customer's address, free form.
    pub address: Option<String>,
    /// Another phone, for when the first does not answer (`secondaryPhone`).
    pub secondary_phone: Option<String>,
    /// The customer's e-mail (`email`; the document's table lost the key's name).
    pub email: Option<String>,
    /// A comment, shown to the customer.
    pub comments: Option<String>,
}

impl CreateOrder {
    /// An order with the required fields; add optional ones with the other methods.
    pub fn new(
        name: impl Into<String>,
        phone: impl Into<String>,
        external_id: ExternalId,
        products: Vec<Product>,
    ) -> Self {
        CreateOrder {
            name: name.into(),
            phone: phone.into(),
            external_id,
            products,
            address: None,
            secondary_phone: None,
            email: None,
            comments: None,
        }
    }

    /// The customer's address.
    pub fn address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }

    /// Another phone number.
    pub fn secondary_phone(mut self, phone: impl Into<String>) -> Self {
        self.secondary_phone = Some(phone.into());
        self
    }

    /// The customer's e-mail.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// A comment, shown to the customer.
    pub fn comments(mut self, comments: impl Into<String>) -> Self {
        self.comments = Some(comments.into());
        self
    }

    fn validate(&self) -> Result<(), BuildError> {
        validate::not_blank("params.name", &self.name)?;
        validate::not_blank("params.phone", &self.phone)?;
        if self.products.is_empty() {
            return Err(BuildError::new("params.products", BuildErrorKind::Empty));
        }
        for (i, product) in self.products.iter().enumerate() {
            if product.quantity == 0 {
                let field = format!("params.products[{i}].quantity");
                return Err(BuildError::new(field, BuildErrorKind::Zero));
            }
            match product.price {
                Some(price) if price.is_sign_negative() && !price.is_zero() => {
                    let field = format!("params.products[{i}].price");
                    return Err(BuildError::new(field, BuildErrorKind::Negative));
                }
                Some(price) if price.is_zero() => {
                    let field = format!("params.products[{i}].price");
                    let why = "is 0, which Qnits reads as \"no price\"; leave it out (None) for the retail price";
                    return Err(BuildError::new(field, BuildErrorKind::Invalid(why.into())));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The request body, in the document's key order.
#[derive(Serialize)]
struct Body<'a> {
    token: &'a str,
    qnit_id: QnitId,
    method: &'static str,
    params: Params<'a>,
}

#[derive(Serialize)]
struct Params<'a> {
    name: &'a str,
    phone: &'a str,
    external_id: &'a str,
    products: Vec<ProductLine<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    #[serde(rename = "secondaryPhone", skip_serializing_if = "Option::is_none")]
    secondary_phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<&'a str>,
}

#[derive(Serialize)]
struct ProductLine<'a> {
    id: ProductId,
    quantity: u32,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "price_as_number"
    )]
    price: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

fn price_as_number<S: serde::Serializer>(price: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match price {
        Some(price) => decimal::serialize(price, s),
        None => s.serialize_none(),
    }
}

/// An optional text worth sending: `None` when absent, empty or blank.
fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|t| !t.trim().is_empty())
}

shop_apis_core::keep_unknown! { unknown:
    /// What Qnits answers with 201: the order's number and its page.
    ///
    /// `order_id` is read whether it comes as a number or a string; it is the
    /// one field required, the answer's point. `order_url` and `status` are
    /// `None` when absent (Q16); `status` is kept as sent and not relied on: the
    /// document shows a Cyrillic "Ок". Fields not named here are kept in
    /// `unknown`.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OrderCreated {
        /// The number of the created order.
        pub order_id: OrderId,
        /// The order's page on the platform's storefront, where the customer can
        /// choose how to pay; `None` when absent, `null` or `""`.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub order_url: Option<String>,
        /// The status text sent ("Ок"), if any.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub status: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// The body of a refusal: `{"status": "ERROR", "errors": …}`, the errors a
/// list or an object of messages by field (W14).
#[derive(Deserialize)]
struct Refusal {
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    status: Option<String>,
    #[serde(default)]
    errors: Option<ErrorList>,
}

impl Refusal {
    /// Reads `body` as a refusal, if it is one: `Ok` with its details, or
    /// the error naming the place in an `errors` that cannot be read.
    fn read(status: http::StatusCode, body: &[u8]) -> Option<Result<ApiError, DecodeError>> {
        let refusal = match json::decode::<Refusal>(status, body) {
            Ok(refusal) => refusal,
            // `errors` is there, so the body is a refusal, but not one that
            // can be shown; anything else is not a refusal at all.
            Err(error)
                if error.path == "$.errors"
                    || error.path.starts_with("$.errors.")
                    || error.path.starts_with("$.errors[") =>
            {
                return Some(Err(error));
            }
            Err(_) => return None,
        };
        let says_error = refusal
            .status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("error"));
        if !says_error && refusal.errors.is_none() {
            return None;
        }
        let errors = refusal.errors.unwrap_or_default();
        let mut error = ApiError::new(status)
            .with_details(errors.details)
            .with_fields(errors.fields);
        if let Some(code) = refusal.status {
            error = error.with_code(code);
        }
        Some(Ok(error))
    }
}

impl Endpoint for CreateOrder {
    type Api = Qnits;
    type Output = OrderCreated;
    const NAME: &'static str = "qnits.CreateOrder";

    /// Idempotent: Qnits de-duplicates by `external_id`.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &Qnits, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        self.validate()?;
        let body = Body {
            token: api.credentials().token().expose(),
            qnit_id: api.credentials().qnit_id(),
            method: "CreateOrder",
            params: Params {
                name: &self.name,
                phone: &self.phone,
                external_id: self.external_id.as_str(),
                products: self
                    .products
                    .iter()
                    .map(|p| ProductLine {
                        id: p.id,
                        quantity: p.quantity,
                        price: p.price,
                        name: given(&p.name),
                    })
                    .collect(),
                address: given(&self.address),
                secondary_phone: given(&self.secondary_phone),
                email: given(&self.email),
                comments: given(&self.comments),
            },
        };
        let body = serde_json::to_vec(&body)
            .map_err(|e| BuildError::new("params", BuildErrorKind::Invalid(e.to_string())))?;
        Request::post(api.base_url().join("/api")?)
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
            .header(header::ACCEPT, "application/json")
            .body(body)
            .map_err(|e| BuildError::new("request", BuildErrorKind::Invalid(e.to_string())))
    }

    /// 2xx with `order_id` → [`OrderCreated`]; a `{"status": "ERROR", "errors": …}`
    /// body under any status → [`ResponseError::Api`], its `errors` a list
    /// (`details`) or an object of messages by field (`fields`); an `errors`
    /// that is neither → [`ResponseError::Decode`] naming the place; any other
    /// non-2xx → [`ResponseError::Status`]; a 2xx that is not an order →
    /// [`ResponseError::Decode`].
    fn parse(&self, response: Response<&[u8]>) -> Result<OrderCreated, ResponseError> {
        let status = response.status();
        let body = *response.body();
        if status.is_success() {
            json::decode::<OrderCreated>(status, body).map_err(|decode| {
                match Refusal::read(status, body) {
                    Some(Ok(refusal)) => refusal.into(),
                    Some(Err(unreadable)) => unreadable.into(),
                    None => decode.into(),
                }
            })
        } else {
            Err(match Refusal::read(status, body) {
                Some(Ok(refusal)) => refusal.into(),
                Some(Err(unreadable)) => unreadable.into(),
                None => UnexpectedStatus::new(status, BodyExcerpt::of(body)).into(),
            })
        }
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(OrderCreated { unknown });
