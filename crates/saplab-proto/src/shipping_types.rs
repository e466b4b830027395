//! Shipping types ("Способы доставки"): list, create, update, delete.

use http::{Request, Response};
use shop_apis_core::encode::Form;
use shop_apis_core::wire::{decimal, nullable_text};
use shop_apis_core::{
    ApiError, BuildError, Decimal, Endpoint, RefusalKind, ResponseError, Safety, Stamp,
    UnknownFields,
};

use crate::api::SapLab;
use crate::input;
use crate::outcome::{self, Done};

shop_apis_core::id_type! {
    /// A shipping type's id.
    pub struct ShippingTypeId(u64);
}

shop_apis_core::keep_unknown! { unknown:
    /// One way the shop ships orders.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct ShippingType {
        /// Its id.
        pub id: ShippingTypeId,
        /// Its name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// The smallest order total from which it can be chosen.
        #[serde(default, with = "decimal::option")]
        pub min_price: Option<Decimal>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`ListShippingTypes`].
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct ShippingTypes {
        /// Every shipping type, in the panel's order.
        pub shipping_types: Vec<ShippingType>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `GET /panel/order/shipping_type`: the shop's shipping types. Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, ListShippingTypes, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let request = ListShippingTypes.build(&shop, &stamp)?;
/// assert_eq!(request.uri(), "https://shop.example/panel/order/shipping_type");
/// let answer = http::Response::new(&br#"{"shipping_types":[{"id":"1","name":"Courier","min_price":"1"}]}"#[..]);
/// let list = ListShippingTypes.parse(answer)?;
/// assert_eq!(list.shipping_types[0].min_price, Some(1.into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListShippingTypes;

impl Endpoint for ListShippingTypes {
    type Api = SapLab;
    type Output = ShippingTypes;
    const NAME: &'static str = "saplab.ListShippingTypes";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.get("/panel/order/shipping_type")
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<ShippingTypes, ResponseError> {
        outcome::data(response)
    }
}

/// A shipping type's fields, as create and update send them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShippingTypeFields {
    /// Its name; not blank.
    pub name: String,
    /// The smallest order total from which it can be chosen: whole and not
    /// negative (the document types it `int`).
    pub min_price: Decimal,
}

impl ShippingTypeFields {
    /// A name and a minimum total.
    pub fn new(name: impl Into<String>, min_price: Decimal) -> Self {
        ShippingTypeFields {
            name: name.into(),
            min_price,
        }
    }

    fn form(&self) -> Result<Form, BuildError> {
        let mut form = Form::new();
        form.push("name", input::required("name", &self.name)?)
            .push(
                "min_price",
                input::whole_amount("min_price", self.min_price)?,
            );
        Ok(form)
    }
}

/// `POST /panel/order/shipping_type`: adds a shipping type. **Unsafe**: each
/// call adds another, so it is never retried.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{CreateShippingType, Credentials, SapLab, ShippingTypeFields};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let create = CreateShippingType(ShippingTypeFields::new("Новый способ", 1000.into()));
/// let request = create.build(&shop, &stamp)?;
/// assert_eq!(request.body(), b"name=%D0%9D%D0%BE%D0%B2%D1%8B%D0%B9+%D1%81%D0%BF%D0%BE%D1%81%D0%BE%D0%B1&min_price=1000");
/// assert!(CreateShippingType(ShippingTypeFields::new("x", "9.5".parse()?)).build(&shop, &stamp).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateShippingType(pub ShippingTypeFields);

impl Endpoint for CreateShippingType {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.CreateShippingType";

    /// Unsafe: a repeat adds a second shipping type.
    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.post("/panel/order/shipping_type", &self.0.form()?)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

/// `POST /panel/order/shipping_type/{id}`: replaces a shipping type's name and
/// minimum total. Idempotent: the same fields twice leave the same state.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, SapLab, ShippingTypeFields, ShippingTypeId, UpdateShippingType};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let update = UpdateShippingType::new(ShippingTypeId::new(1), ShippingTypeFields::new("Курьер", 1000.into()));
/// assert_eq!(update.build(&shop, &stamp)?.uri(), "https://shop.example/panel/order/shipping_type/1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UpdateShippingType {
    /// Which shipping type.
    pub id: ShippingTypeId,
    /// Its new fields.
    pub fields: ShippingTypeFields,
}

impl UpdateShippingType {
    /// Sets shipping type `id` to `fields`.
    pub fn new(id: ShippingTypeId, fields: ShippingTypeFields) -> Self {
        UpdateShippingType { id, fields }
    }
}

impl Endpoint for UpdateShippingType {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.UpdateShippingType";

    /// Idempotent: it sets every field to a given value.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.post(
            &format!("/panel/order/shipping_type/{}", self.id),
            &self.fields.form()?,
        )
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

/// `POST /panel/order/remove_shipping_type`: deletes a shipping type.
/// Idempotent: a second call finds nothing to delete and answers with an
/// error, and the state is the same.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, RemoveShippingType, SapLab, ShippingTypeId};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let request = RemoveShippingType::new(ShippingTypeId::new(3)).build(&shop, &stamp)?;
/// assert_eq!(request.body(), b"id=3");
/// let gone = http::Response::new(&br#"{"status": "error"}"#[..]);
/// assert!(RemoveShippingType::new(ShippingTypeId::new(3)).parse(gone).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RemoveShippingType {
    /// Which shipping type.
    pub id: ShippingTypeId,
}

impl RemoveShippingType {
    /// Deletes shipping type `id`.
    pub fn new(id: ShippingTypeId) -> Self {
        RemoveShippingType { id }
    }
}

impl Endpoint for RemoveShippingType {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.RemoveShippingType";

    /// Idempotent: deleting twice leaves it deleted.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut form = Form::new();
        form.push("id", self.id.to_string());
        api.post("/panel/order/remove_shipping_type", &form)
    }

    /// A bare refusal means it does not exist (S8).
    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::removed(response)
    }

    /// After an attempt that may have deleted it, "does not exist" means
    /// that attempt did.
    fn already_done(&self, refusal: &ApiError) -> Option<Done> {
        Done::already(refusal, &RefusalKind::NotFound)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(ShippingType { unknown });
shop_apis_core::report_unknown!(ShippingTypes {
    unknown,
    shipping_types
});
