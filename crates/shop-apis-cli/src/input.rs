//! Request bodies too rich for flags, read from a JSON file (`--json`):
//! a Qnits order and a SapLab client's card. Each names the builder's
//! fields and is made through the builder, so it is checked as the library
//! checks it; an unknown field is refused rather than dropped.

use std::path::Path;

use serde::Deserialize;
use shop_apis::Decimal;

use crate::fail::Fail;

/// The JSON in `path` (`-` for stdin) as a `T`.
pub(crate) fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Fail> {
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    }
    .map_err(|error| Fail::Setup(format!("--json {}: {error}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|error| Fail::Setup(format!("--json {}: {error}", path.display())))
}

/// A Qnits order, as `qnits create-order --json` reads it:
///
/// ```json
/// {"name": "Иванов Иван", "phone": "+7 900 000-00-00", "external_id": "A-1",
///  "products": [{"id": 1, "quantity": 2, "price": "1499.90", "name": "Чайник"}],
///  "address": "…", "secondary_phone": "…", "email": "…", "comments": "…"}
/// ```
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Order {
    name: String,
    phone: String,
    external_id: String,
    products: Vec<Product>,
    address: Option<String>,
    secondary_phone: Option<String>,
    email: Option<String>,
    comments: Option<String>,
}

/// One line of an [`Order`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Product {
    id: shop_apis::qnits::ProductId,
    quantity: u32,
    // Exact, from a number or a string.
    #[serde(
        default,
        deserialize_with = "shop_apis::wire::decimal::option::deserialize"
    )]
    price: Option<Decimal>,
    name: Option<String>,
}

impl Order {
    pub(crate) fn into_endpoint(self) -> Result<shop_apis::qnits::CreateOrder, Fail> {
        use shop_apis::qnits::{CreateOrder, ExternalId};
        let products = self
            .products
            .into_iter()
            .map(|line| {
                let mut product = shop_apis::qnits::Product::new(line.id, line.quantity);
                if let Some(price) = line.price {
                    product = product.price(price);
                }
                if let Some(name) = line.name {
                    product = product.name(name);
                }
                product
            })
            .collect();
        let order = CreateOrder::new(
            self.name,
            self.phone,
            ExternalId::new(self.external_id)?,
            products,
        );
        Ok(with_details(
            order,
            [
                self.address,
                self.secondary_phone,
                self.email,
                self.comments,
            ],
        ))
    }
}

/// `order` with the optional details given: address, second phone,
/// e-mail and comments, in that order; what the JSON file and the flags
/// both set.
pub(crate) fn with_details(
    mut order: shop_apis::qnits::CreateOrder,
    [address, secondary_phone, email, comments]: [Option<String>; 4],
) -> shop_apis::qnits::CreateOrder {
    if let Some(address) = address {
        order = order.address(address);
    }
    if let Some(phone) = secondary_phone {
        order = order.secondary_phone(phone);
    }
    if let Some(email) = email {
        order = order.email(email);
    }
    if let Some(comments) = comments {
        order = order.comments(comments);
    }
    order
}

/// A SapLab client's card, as `saplab create-client --json` and
/// `update-client --json` read it: every field the panel's form has. The
/// panel replaces the whole card, so an update sends every field: start
/// from `saplab get-client`.
///
/// ```json
/// {"name": "Пупкин Василий", "phone": "71111111111", "email": "…", "password": "…",
///  "address": "…", "point_id": 1, "manager_id": 2, "group_id": 8, "shipping_id": 1,
///  "limit": "0", "comment": "…", "active": true,
///  "legal_entity": {"type": "…", "org_name": "…", "inn": "…"}}
/// ```
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Client {
    name: String,
    phone: String,
    email: Option<String>,
    password: Option<String>,
    address: Option<String>,
    point_id: Option<shop_apis::saplab::PointId>,
    manager_id: Option<shop_apis::saplab::ManagerId>,
    group_id: Option<shop_apis::saplab::GroupId>,
    shipping_id: Option<shop_apis::saplab::ShippingTypeId>,
    // Exact, from a number or a string.
    #[serde(
        default,
        deserialize_with = "shop_apis::wire::decimal::option::deserialize"
    )]
    limit: Option<Decimal>,
    comment: Option<String>,
    active: Option<bool>,
    /// With the panel's own keys (`type`, `org_name`, `inn`, `kpp`, `orgn`, …).
    #[serde(default, deserialize_with = "legal_entity")]
    legal_entity: Option<shop_apis::saplab::LegalEntity>,
}

/// A legal entity's details, refused where a key is not one of the panel's
/// (the library's type reads answers, so it skips keys it does not know;
/// here a misspelt `ogrn` would be lost).
fn legal_entity<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<shop_apis::saplab::LegalEntity>, D::Error> {
    use serde::de::Error as _;
    let Some(details) =
        Option::<serde_json::Map<String, shop_apis::Value>>::deserialize(deserializer)?
    else {
        return Ok(None);
    };
    // The keys the library writes are the keys it reads.
    let known = serde_json::to_value(shop_apis::saplab::LegalEntity::default())
        .map_err(D::Error::custom)?;
    let known: Vec<&String> = known
        .as_object()
        .map(|keys| keys.keys().collect())
        .unwrap_or_default();
    if let Some(unknown) = details.keys().find(|key| !known.contains(key)) {
        let known: Vec<&str> = known.iter().map(|key| key.as_str()).collect();
        return Err(D::Error::custom(format_args!(
            "unknown field `{unknown}` in legal_entity, expected one of {}",
            known.join(", ")
        )));
    }
    serde_json::from_value(shop_apis::Value::Object(details))
        .map(Some)
        .map_err(D::Error::custom)
}

impl Client {
    pub(crate) fn into_fields(self) -> shop_apis::saplab::ClientFields {
        let mut fields = shop_apis::saplab::ClientFields::new(self.name, self.phone);
        fields.email = self.email;
        fields.password = self.password.map(shop_apis::Secret::new);
        fields.address = self.address;
        fields.point_id = self.point_id;
        fields.manager_id = self.manager_id;
        fields.group_id = self.group_id;
        fields.shipping_id = self.shipping_id;
        if let Some(limit) = self.limit {
            fields.limit = limit;
        }
        fields.comment = self.comment;
        if let Some(active) = self.active {
            fields.active = active;
        }
        fields.legal_entity = self.legal_entity;
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_is_read_through_the_builder() {
        let order: Order = serde_json::from_str(
            r#"{"name": "Иван", "phone": "+7 900", "external_id": "A-1",
                "products": [{"id": 1, "quantity": 2, "price": "1499.90"}], "email": "a@b.c"}"#,
        )
        .unwrap();
        let order = order.into_endpoint().unwrap();
        assert_eq!(order.external_id.as_str(), "A-1");
        assert_eq!(order.products[0].price, Some("1499.90".parse().unwrap()));
        assert_eq!(order.email.as_deref(), Some("a@b.c"));
    }

    #[test]
    fn an_unknown_field_or_a_blank_external_id_is_refused() {
        let unknown =
            r#"{"name": "И", "phone": "1", "external_id": "A", "products": [], "emial": "x"}"#;
        assert!(serde_json::from_str::<Order>(unknown).is_err());
        let blank: Order = serde_json::from_str(
            r#"{"name": "И", "phone": "1", "external_id": " ", "products": []}"#,
        )
        .unwrap();
        assert!(blank.into_endpoint().is_err());
    }

    #[test]
    fn a_client_keeps_what_it_does_not_name_at_the_form_defaults() {
        let client: Client =
            serde_json::from_str(r#"{"name": "Пупкин", "phone": "7111", "group_id": "8"}"#)
                .unwrap();
        let fields = client.into_fields();
        let defaults = shop_apis::saplab::ClientFields::new("Пупкин", "7111");
        assert_eq!(fields.group_id, Some(shop_apis::saplab::GroupId::new(8)));
        assert_eq!(
            (fields.limit, fields.active),
            (defaults.limit, defaults.active)
        );
    }

    #[test]
    fn a_legal_entity_takes_the_panels_keys_and_refuses_others() {
        let card = r#"{"name": "ООО", "phone": "7111", "legal_entity": {"type": "ООО", "orgn": "1027700132195"}}"#;
        let client: Client = serde_json::from_str(card).unwrap();
        let entity = client.into_fields().legal_entity.unwrap();
        assert_eq!(entity.ogrn.as_deref(), Some("1027700132195"));
        let misspelt =
            r#"{"name": "ООО", "phone": "7111", "legal_entity": {"ogrn": "1027700132195"}}"#;
        let error = serde_json::from_str::<Client>(misspelt).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("unknown field `ogrn` in legal_entity"),
            "{error}"
        );
    }
}
