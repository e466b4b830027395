//! Client groups ("Скидочные группы"): list, create, update, delete.

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
    /// A client group's id.
    pub struct GroupId(u64);
}

shop_apis_core::keep_unknown! { unknown:
    /// A discount group clients belong to.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct ClientGroup {
        /// Its id. The document's table calls it `id`, its example `group_id`;
        /// either is read (S9).
        #[serde(alias = "group_id")]
        pub id: GroupId,
        /// Its name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// The discount, in percent.
        #[serde(default, with = "decimal::option")]
        pub discount: Option<Decimal>,
        /// The managers' comment; `None` when empty.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub comment: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`ListGroups`].
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct ClientGroups {
        /// Every group.
        pub groups: Vec<ClientGroup>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `GET /panel/client/group`: the shop's client groups. Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, GroupId, ListGroups, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// assert_eq!(ListGroups.build(&shop, &stamp)?.uri(), "https://shop.example/panel/client/group");
/// let answer = http::Response::new(&br#"{"groups":[{"group_id":"7","name":"Opt","discount":"5","comment":""}]}"#[..]);
/// let groups = ListGroups.parse(answer)?.groups;
/// assert_eq!((groups[0].id, groups[0].discount, groups[0].comment.clone()), (GroupId::new(7), Some(5.into()), None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListGroups;

impl Endpoint for ListGroups {
    type Api = SapLab;
    type Output = ClientGroups;
    const NAME: &'static str = "saplab.ListGroups";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.get("/panel/client/group")
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<ClientGroups, ResponseError> {
        outcome::data(response)
    }
}

/// A group's fields, as create and update send them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GroupFields {
    /// Its name; not blank.
    pub name: String,
    /// The discount in whole percent, 0 to 100 (the document types it `int`).
    pub discount: Decimal,
    /// A comment; sent empty when `None`.
    pub comment: Option<String>,
}

impl GroupFields {
    /// A group with a name and a discount.
    pub fn new(name: impl Into<String>, discount: Decimal) -> Self {
        GroupFields {
            name: name.into(),
            discount,
            comment: None,
        }
    }

    /// Sets the comment.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    fn form(&self) -> Result<Form, BuildError> {
        let discount = input::whole_amount("discount", self.discount)?;
        if self.discount > Decimal::ONE_HUNDRED {
            return Err(BuildError::new(
                "discount",
                shop_apis_core::BuildErrorKind::OutOfRange(format!(
                    "{} is over 100 percent",
                    self.discount
                )),
            ));
        }
        let mut form = Form::new();
        form.push("name", input::required("name", &self.name)?)
            .push("discount", discount)
            .push("comment", self.comment.clone().unwrap_or_default());
        Ok(form)
    }
}

/// `POST /panel/client/group_form`: adds a group. **Unsafe**: each call adds
/// another, so it is never retried.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{CreateGroup, Credentials, GroupFields, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let create = CreateGroup(GroupFields::new("Web", 1.into()).comment("Интернет-клиенты"));
/// assert_eq!(create.build(&shop, &stamp)?.uri().path(), "/panel/client/group_form");
/// assert!(CreateGroup(GroupFields::new("Web", 101.into())).build(&shop, &stamp).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateGroup(pub GroupFields);

impl Endpoint for CreateGroup {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.CreateGroup";

    /// Unsafe: a repeat adds a second group.
    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.post("/panel/client/group_form", &self.0.form()?)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

/// `POST /panel/client/group_form/{id}`: replaces a group's fields.
/// Idempotent.
///
/// The document's example sends this to `/panel/order/group_form/8`; the
/// path here is `/panel/client/group_form/{id}`, beside the list and create
/// (S10).
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, GroupFields, GroupId, SapLab, UpdateGroup};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let update = UpdateGroup::new(GroupId::new(8), GroupFields::new("Web", 2.into()));
/// assert_eq!(update.build(&shop, &stamp)?.uri().path(), "/panel/client/group_form/8");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UpdateGroup {
    /// Which group.
    pub id: GroupId,
    /// Its new fields.
    pub fields: GroupFields,
}

impl UpdateGroup {
    /// Sets group `id` to `fields`.
    pub fn new(id: GroupId, fields: GroupFields) -> Self {
        UpdateGroup { id, fields }
    }
}

impl Endpoint for UpdateGroup {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.UpdateGroup";

    /// Idempotent: it sets every field to a given value.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.post(
            &format!("/panel/client/group_form/{}", self.id),
            &self.fields.form()?,
        )
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

/// `POST /panel/client/remove_group`: deletes a group. Idempotent. The panel
/// refuses with a text when the group is used in the shop's settings.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, GroupId, RemoveGroup, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// assert_eq!(RemoveGroup::new(GroupId::new(3)).build(&shop, &stamp)?.body(), b"id=3");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RemoveGroup {
    /// Which group.
    pub id: GroupId,
}

impl RemoveGroup {
    /// Deletes group `id`.
    pub fn new(id: GroupId) -> Self {
        RemoveGroup { id }
    }
}

impl Endpoint for RemoveGroup {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.RemoveGroup";

    /// Idempotent: deleting twice leaves it deleted.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut form = Form::new();
        form.push("id", self.id.to_string());
        api.post("/panel/client/remove_group", &form)
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
shop_apis_core::report_unknown!(ClientGroup { unknown });
shop_apis_core::report_unknown!(ClientGroups { unknown, groups });
