//! Order statuses ("Статусы заказов"): list, create, update, delete.

use http::{Request, Response};
use shop_apis_core::encode::Form;
use shop_apis_core::wire::{flag, nullable_text};
use shop_apis_core::{
    ApiError, BuildError, Endpoint, RefusalKind, ResponseError, Safety, Stamp, UnknownFields,
};

use crate::api::SapLab;
use crate::input;
use crate::outcome::{self, Done};

shop_apis_core::id_type! {
    /// An order status's id.
    pub struct StatusId(u64);
}

shop_apis_core::keep_unknown! { unknown:
    /// A status an order position can be in.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OrderStatus {
        /// Its id.
        pub id: StatusId,
        /// Its name ("В работе").
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Its colour in the panel, six hexadecimal digits (`CBFFC9`).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub color: Option<String>,
        /// Whether the client gets an SMS when a position is set to it.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub sms: Option<bool>,
        /// Whether the client gets an e-mail when a position is set to it.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub email: Option<bool>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`ListStatuses`].
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OrderStatuses {
        /// Every status, in the panel's order (not by id).
        pub statuses: Vec<OrderStatus>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `GET /panel/order/status`: the shop's order statuses. Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, ListStatuses, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// assert_eq!(ListStatuses.build(&shop, &stamp)?.uri(), "https://shop.example/panel/order/status");
/// let answer = http::Response::new(&br#"{"statuses":[{"id":"2","name":"x","color":"CBFFC9","sms":"0","email":"1"}]}"#[..]);
/// let list = ListStatuses.parse(answer)?;
/// assert_eq!((list.statuses[0].email, list.statuses[0].sms), (Some(true), Some(false)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListStatuses;

impl Endpoint for ListStatuses {
    type Api = SapLab;
    type Output = OrderStatuses;
    const NAME: &'static str = "saplab.ListStatuses";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.get("/panel/order/status")
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<OrderStatuses, ResponseError> {
        outcome::data(response)
    }
}

/// A status's fields, as create and update send them.
///
/// The booleans go as `1`/`0`, as the document's examples send them
/// (`sms=1&email=0`); see S4 in `docs/quirks.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusFields {
    /// Its name; not blank.
    pub name: String,
    /// Its colour: six hexadecimal digits, with or without a leading `#`.
    pub color: String,
    /// Send an SMS when a position is set to it.
    pub sms: bool,
    /// Send an e-mail when a position is set to it.
    pub email: bool,
}

impl StatusFields {
    /// A status with no notifications.
    pub fn new(name: impl Into<String>, color: impl Into<String>) -> Self {
        StatusFields {
            name: name.into(),
            color: color.into(),
            sms: false,
            email: false,
        }
    }

    /// Sets whether an SMS is sent.
    pub fn sms(mut self, sms: bool) -> Self {
        self.sms = sms;
        self
    }

    /// Sets whether an e-mail is sent.
    pub fn email(mut self, email: bool) -> Self {
        self.email = email;
        self
    }

    fn form(&self) -> Result<Form, BuildError> {
        let mut form = Form::new();
        form.push("name", input::required("name", &self.name)?)
            .push("color", input::color("color", &self.color)?)
            .push("sms", flag::form_value(self.sms))
            .push("email", flag::form_value(self.email));
        Ok(form)
    }
}

/// `POST /panel/order/status`: adds a status. **Unsafe**: each call adds
/// another, so it is never retried.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{CreateStatus, Credentials, SapLab, StatusFields};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let create = CreateStatus(StatusFields::new("Новый статус", "ababab").sms(true));
/// assert!(create.build(&shop, &stamp)?.body().ends_with(b"&color=ABABAB&sms=1&email=0"));
/// assert!(CreateStatus(StatusFields::new("x", "red")).build(&shop, &stamp).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateStatus(pub StatusFields);

impl Endpoint for CreateStatus {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.CreateStatus";

    /// Unsafe: a repeat adds a second status.
    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.post("/panel/order/status", &self.0.form()?)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

/// `POST /panel/order/status/{id}`: replaces a status's fields. Idempotent.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, SapLab, StatusFields, StatusId, UpdateStatus};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let update = UpdateStatus::new(StatusId::new(1), StatusFields::new("Принято", "FAFFB3"));
/// assert_eq!(update.build(&shop, &stamp)?.uri(), "https://shop.example/panel/order/status/1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UpdateStatus {
    /// Which status.
    pub id: StatusId,
    /// Its new fields.
    pub fields: StatusFields,
}

impl UpdateStatus {
    /// Sets status `id` to `fields`.
    pub fn new(id: StatusId, fields: StatusFields) -> Self {
        UpdateStatus { id, fields }
    }
}

impl Endpoint for UpdateStatus {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.UpdateStatus";

    /// Idempotent: it sets every field to a given value.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.post(
            &format!("/panel/order/status/{}", self.id),
            &self.fields.form()?,
        )
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

/// `POST /panel/order/remove_status`: deletes a status. Idempotent. The panel
/// refuses with a text when the status is used in the shop's settings.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, RemoveStatus, SapLab, StatusId};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// assert_eq!(RemoveStatus::new(StatusId::new(3)).build(&shop, &stamp)?.body(), b"id=3");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RemoveStatus {
    /// Which status.
    pub id: StatusId,
}

impl RemoveStatus {
    /// Deletes status `id`.
    pub fn new(id: StatusId) -> Self {
        RemoveStatus { id }
    }
}

impl Endpoint for RemoveStatus {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.RemoveStatus";

    /// Idempotent: deleting twice leaves it deleted.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut form = Form::new();
        form.push("id", self.id.to_string());
        api.post("/panel/order/remove_status", &form)
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
shop_apis_core::report_unknown!(OrderStatus { unknown });
shop_apis_core::report_unknown!(OrderStatuses { unknown, statuses });
