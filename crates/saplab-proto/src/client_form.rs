//! The client form ("Создать клиента", "Изменить клиента"): the fields
//! create and update send, every one every time, and the two endpoints.

use http::{Request, Response};
use shop_apis_core::encode::Form;
use shop_apis_core::{
    BuildError, BuildErrorKind, Decimal, Endpoint, ResponseError, Safety, Secret, Stamp,
};

use crate::api::SapLab;
use crate::clients::{ClientDetails, ClientId, LegalEntity};
use crate::groups::GroupId;
use crate::input;
use crate::managers::{ManagerId, PointId};
use crate::outcome::{self, Done};
use crate::shipping_types::ShippingTypeId;

impl LegalEntity {
    /// The form fields, in the document's order.
    fn push_to(&self, form: &mut Form) {
        let fields = [
            ("wholesalers[type]", &self.kind),
            ("wholesalers[org_name]", &self.org_name),
            ("wholesalers[inn]", &self.inn),
            ("wholesalers[kpp]", &self.kpp),
            ("wholesalers[orgn]", &self.ogrn),
            ("wholesalers[address]", &self.address),
            ("wholesalers[bank]", &self.bank),
            ("wholesalers[bik]", &self.bik),
            ("wholesalers[account]", &self.account),
            ("wholesalers[bank_account]", &self.bank_account),
        ];
        for (key, value) in fields {
            form.push(key, value.clone().unwrap_or_default());
        }
    }
}

/// A client's fields, as create and update send them: the panel's client
/// form, every field every time.
///
/// Booleans go the way the panel's HTML form sends a checkbox: `status=on`
/// when active and nothing when not; `is_wholesaler=on` with the
/// `wholesalers[…]` block for a legal entity, nothing for a private person.
/// An update therefore always says what the client is: there is no
/// "unchanged" (S13). Take the current values from [`GetClient`](crate::GetClient) with
/// [`ClientFields::from_details`] to change one field.
///
/// Unset references go as `0` and an unset password as empty, as the
/// document's examples send them; the phone is sent as given, never
/// normalised (S15).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ClientFields {
    /// Name; not blank.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone, also the login; not blank.
    pub phone: String,
    /// A new password; `None` sends it empty.
    pub password: Option<Secret>,
    /// Delivery address.
    pub address: Option<String>,
    /// Office.
    pub point_id: Option<PointId>,
    /// Assigned employee.
    pub manager_id: Option<ManagerId>,
    /// Discount group.
    pub group_id: Option<GroupId>,
    /// Default shipping type.
    pub shipping_id: Option<ShippingTypeId>,
    /// Credit limit: whole and not negative (`int`).
    pub limit: Decimal,
    /// The managers' comment.
    pub comment: Option<String>,
    /// Whether the client is active.
    pub active: bool,
    /// The legal entity's details; `None` for a private person.
    pub legal_entity: Option<LegalEntity>,
}

impl ClientFields {
    /// An active private client with a name and a phone, nothing else set.
    ///
    /// ```
    /// use saplab_proto::ClientFields;
    /// let fields = ClientFields::new("Пупкин Василий Петрович", "1111111111");
    /// assert!(fields.active && fields.legal_entity.is_none());
    /// ```
    pub fn new(name: impl Into<String>, phone: impl Into<String>) -> Self {
        ClientFields {
            name: name.into(),
            email: None,
            phone: phone.into(),
            password: None,
            address: None,
            point_id: None,
            manager_id: None,
            group_id: None,
            shipping_id: None,
            limit: Decimal::ZERO,
            comment: None,
            active: true,
            legal_entity: None,
        }
    }

    /// The fields of a client as [`GetClient`](crate::GetClient) shows it, to change some and
    /// send back with [`UpdateClient`]. The password is left unset.
    ///
    /// The form sends every field (S13), so one the answer left out cannot
    /// be sent back unchanged: an answer without `status`, `is_wholesaler`
    /// or `limit` is an error naming the field, where a guess would change
    /// the client (S29).
    ///
    /// ```
    /// use saplab_proto::{ClientAnswer, ClientFields};
    /// let answer: ClientAnswer = serde_json::from_str(r#"{"client": {"id": "1", "phone": "1111111111",
    ///   "name": "Pupkin", "status": "1", "group_id": "1", "discount": "0", "is_wholesaler": "0",
    ///   "balance": "14", "debt": "0", "blocked_debt": "0", "limit": "0",
    ///   "date_added": "2017-01-05 13:03:32.703139"}}"#)?;
    /// let mut fields = ClientFields::from_details(&answer.client)?;
    /// fields.active = false;
    /// assert_eq!(fields.name, "Pupkin");
    /// let silent: ClientAnswer = serde_json::from_str(r#"{"client": {"id": "1", "status": "1", "is_wholesaler": "0"}}"#)?;
    /// assert_eq!(ClientFields::from_details(&silent.client).unwrap_err().field(), "limit");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_details(client: &ClientDetails) -> Result<Self, BuildError> {
        fn given<T: Copy>(field: &'static str, value: Option<T>) -> Result<T, BuildError> {
            value.ok_or_else(|| {
                BuildError::new(
                    field,
                    BuildErrorKind::Invalid(
                        "not in GetClient's answer; the form sends it, so set it explicitly"
                            .to_owned(),
                    ),
                )
            })
        }
        let active = given("status", client.status)?;
        let is_wholesaler = given("is_wholesaler", client.is_wholesaler)?;
        let limit = given("limit", client.limit)?;
        Ok(ClientFields {
            name: client.name.clone().unwrap_or_default(),
            email: client.email.clone(),
            phone: client.phone.clone().unwrap_or_default(),
            password: None,
            address: client.address.clone(),
            point_id: client.point_id,
            manager_id: client.manager_id,
            group_id: client.group_id,
            shipping_id: client.shipping_id,
            limit,
            comment: client.comment.clone(),
            active,
            legal_entity: is_wholesaler.then(|| client.wholesaler_data.clone().unwrap_or_default()),
        })
    }

    fn form(&self) -> Result<Form, BuildError> {
        fn id(value: Option<impl std::fmt::Display>) -> String {
            value.map_or_else(|| "0".to_owned(), |id| id.to_string())
        }
        let mut form = Form::new();
        form.push("name", input::required("name", &self.name)?)
            .push("email", self.email.clone().unwrap_or_default())
            .push("phone", input::required("phone", &self.phone)?)
            .push(
                "password",
                self.password
                    .as_ref()
                    .map(|p| p.expose().to_owned())
                    .unwrap_or_default(),
            )
            .push("address", self.address.clone().unwrap_or_default())
            .push("point_id", id(self.point_id))
            .push("manager_id", id(self.manager_id))
            .push("group_id", id(self.group_id))
            .push("shipping_id", id(self.shipping_id))
            .push("limit", input::whole_amount("limit", self.limit)?)
            .push("comment", self.comment.clone().unwrap_or_default());
        if self.active {
            form.push("status", "on");
        }
        if let Some(entity) = &self.legal_entity {
            form.push("is_wholesaler", "on");
            entity.push_to(&mut form);
        }
        Ok(form)
    }
}

/// `POST /panel/client/form`: adds a client. **Unsafe**: a repeat may add a
/// second client (or be refused as a duplicate), so it is never retried.
///
/// A refusal of single fields (`{"email": "…must be unique"}`) is an
/// [`ApiError`](shop_apis_core::ApiError) whose `fields` list them.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{ClientFields, CreateClient, Credentials, LegalEntity, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let mut fields = ClientFields::new("Сергей Сергеевич", "2222222222");
/// fields.legal_entity = Some(LegalEntity { inn: Some("12345678901234".into()), ..LegalEntity::default() });
/// let body = String::from_utf8(CreateClient(fields).build(&shop, &stamp)?.into_body())?;
/// assert!(body.contains("&status=on&is_wholesaler=on&wholesalers%5Btype%5D=&"));
/// assert!(body.contains("&wholesalers%5Binn%5D=12345678901234&"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct CreateClient(pub ClientFields);

impl Endpoint for CreateClient {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.CreateClient";

    /// Unsafe: a repeat may add a second client.
    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.post("/panel/client/form", &self.0.form()?)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

/// `POST /panel/client/form/{id}`: replaces a client's fields. Idempotent:
/// it sets every field to a given value.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{ClientFields, ClientId, Credentials, SapLab, UpdateClient};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let mut fields = ClientFields::new("Пупкин Василий Петрович", "71111111111");
/// fields.active = false;
/// let request = UpdateClient::new(ClientId::new(1), fields).build(&shop, &stamp)?;
/// assert_eq!(request.uri().path(), "/panel/client/form/1");
/// assert!(!String::from_utf8_lossy(request.body()).contains("status="));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UpdateClient {
    /// Which client.
    pub id: ClientId,
    /// Its new fields.
    pub fields: ClientFields,
}

impl UpdateClient {
    /// Sets client `id` to `fields`.
    pub fn new(id: ClientId, fields: ClientFields) -> Self {
        UpdateClient { id, fields }
    }
}

impl Endpoint for UpdateClient {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.UpdateClient";

    /// Idempotent: it sets every field to a given value.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.post(
            &format!("/panel/client/form/{}", self.id),
            &self.fields.form()?,
        )
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}
