//! SapLab, generated inputs through every adapter to the emulator: what the
//! panel receives is checked from the raw request (path segments and form
//! fields decoded here), what the client decodes against the raw reply.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use saplab_proto::*;
use serde_json::Value;
use shop_apis_adapter::Error;
use shop_apis_core::{BaseUrl, Decimal, Endpoint};
use shop_apis_emulator::Api;

use crate::generated::{check, field, form, last, name, path, reply, text_of};

/// An optional decoded value as `text_of` shows the raw one (`""` for none).
fn shown<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}
use crate::harness::{Adapter, Harness};

const BASE: &str = "/saplab";

/// One adapter against one fresh emulator.
struct Panel<'a> {
    harness: &'a Harness,
    adapter: Adapter,
    api: SapLab,
}

impl<'a> Panel<'a> {
    fn of(harness: &'a Harness, adapter: Adapter) -> Self {
        let emulator = &harness.emulator;
        let api = SapLab::new(
            BaseUrl::parse(&emulator.base_url(Api::SapLab)).unwrap(),
            Credentials::new(emulator.saplab().login(), emulator.saplab().password()).unwrap(),
        );
        Panel {
            harness,
            adapter,
            api,
        }
    }

    fn call<E: Endpoint<Api = SapLab>>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.harness.call(self.adapter, &self.api, endpoint)
    }

    fn ok<E: Endpoint<Api = SapLab>>(&self, endpoint: &E) -> Result<E::Output, TestCaseError> {
        self.call(endpoint).map_err(|e| {
            TestCaseError::fail(format!(
                "{:?}: {}",
                self.adapter,
                shop_apis_core::report(&e)
            ))
        })
    }

    /// Sends a write and checks that the client decoded the panel's verdict:
    /// `Done` with its text for `"success"`, a refusal with its text for
    /// `"error"`. Returns whether it was done, and the form the panel read.
    fn write<E>(&self, endpoint: &E) -> Result<(bool, Vec<(String, String)>), TestCaseError>
    where
        E: Endpoint<Api = SapLab, Output: Said>,
    {
        let result = self.call(endpoint);
        let exchange = last(self.harness);
        let (_, answer) = reply(&exchange);
        let text = answer.get("text").and_then(Value::as_str);
        let done = match (answer["status"].as_str(), &result) {
            (Some("success"), Ok(done)) => {
                prop_assert_eq!(done.text(), text);
                true
            }
            (Some("error"), Err(error)) if error.refusal().is_some() => {
                let source = error.refusal().unwrap();
                prop_assert_eq!(source.message.as_deref(), text);
                false
            }
            _ => {
                return Err(TestCaseError::fail(format!(
                    "{answer} decoded as {result:?}"
                )));
            }
        };
        Ok((done, form(&exchange)))
    }
}

/// What the panel answered to the last request, as JSON.
fn answer(harness: &Harness) -> Value {
    reply(&last(harness)).1
}

/// The last request's method and path below the API's prefix.
fn route(harness: &Harness) -> (String, String) {
    let exchange = last(harness);
    let path = path(&exchange).strip_prefix(BASE).unwrap().to_owned();
    (exchange.method, path)
}

fn whole_amount() -> impl Strategy<Value = Decimal> {
    (0i64..10_000_000).prop_map(Decimal::from)
}

fn fields_of(form: &[(String, String)], keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| field(form, k).unwrap_or_default().to_owned())
        .collect()
}

pub fn list_managers() {
    check(Just(()), |harness, adapter, ()| {
        let panel = Panel::of(harness, adapter);
        let managers = panel.ok(&ListManagers)?.managers;
        prop_assert_eq!(route(harness), ("GET".into(), "/panel/manager".into()));
        let raw = answer(harness)["managers"].as_array().unwrap().clone();
        prop_assert_eq!(managers.len(), raw.len());
        for (manager, raw) in managers.iter().zip(&raw) {
            prop_assert_eq!(manager.id.get().to_string(), text_of(&raw["id"]));
            prop_assert_eq!(manager.name.as_deref(), raw["name"].as_str());
            prop_assert_eq!(manager.status, Some(raw["status"] == "1"));
            prop_assert_eq!(shown(&manager.client_count), text_of(&raw["client_count"]));
        }
        Ok(())
    });
}

fn shipping_fields() -> impl Strategy<Value = ShippingTypeFields> {
    (name(), whole_amount()).prop_map(|(name, price)| ShippingTypeFields::new(name, price))
}

fn shipping_types_agree(harness: &Harness, list: &[ShippingType]) -> Result<(), TestCaseError> {
    let raw = answer(harness)["shipping_types"]
        .as_array()
        .unwrap()
        .clone();
    prop_assert_eq!(list.len(), raw.len());
    for (item, raw) in list.iter().zip(&raw) {
        prop_assert_eq!(item.id.get().to_string(), text_of(&raw["id"]));
        prop_assert_eq!(item.name.clone().unwrap_or_default(), text_of(&raw["name"]));
        prop_assert_eq!(
            item.min_price,
            Some(text_of(&raw["min_price"]).parse::<Decimal>().unwrap())
        );
    }
    Ok(())
}

pub fn list_shipping_types() {
    check(
        prop::collection::vec(shipping_fields(), 0..4),
        |harness, adapter, created| {
            let panel = Panel::of(harness, adapter);
            for fields in &created {
                panel.ok(&CreateShippingType(fields.clone()))?;
            }
            let list = panel.ok(&ListShippingTypes)?.shipping_types;
            prop_assert_eq!(
                route(harness),
                ("GET".into(), "/panel/order/shipping_type".into())
            );
            shipping_types_agree(harness, &list)?;
            let tail: Vec<(Option<String>, Option<Decimal>)> = list[2..]
                .iter()
                .map(|s| (s.name.clone(), s.min_price))
                .collect();
            let meant: Vec<(Option<String>, Option<Decimal>)> = created
                .into_iter()
                .map(|f| (Some(f.name), Some(f.min_price)))
                .collect();
            prop_assert_eq!(tail, meant);
            Ok(())
        },
    );
}

pub fn create_shipping_type() {
    check(shipping_fields(), |harness, adapter, fields| {
        let panel = Panel::of(harness, adapter);
        let (done, form) = panel.write(&CreateShippingType(fields.clone()))?;
        prop_assert!(done);
        prop_assert_eq!(
            route(harness),
            ("POST".into(), "/panel/order/shipping_type".into())
        );
        prop_assert_eq!(
            fields_of(&form, &["name", "min_price"]),
            [fields.name.clone(), fields.min_price.to_string()]
        );
        let list = panel.ok(&ListShippingTypes)?.shipping_types;
        let created = list.last().unwrap();
        prop_assert_eq!(
            (created.name.as_deref(), created.min_price),
            (Some(fields.name.as_str()), Some(fields.min_price))
        );
        Ok(())
    });
}

pub fn update_shipping_type() {
    check(
        (1u64..4, shipping_fields()),
        |harness, adapter, (id, fields)| {
            let panel = Panel::of(harness, adapter);
            let (done, form) = panel.write(&UpdateShippingType::new(
                ShippingTypeId::new(id),
                fields.clone(),
            ))?;
            prop_assert_eq!(
                route(harness),
                ("POST".into(), format!("/panel/order/shipping_type/{id}"))
            );
            prop_assert_eq!(
                fields_of(&form, &["name", "min_price"]),
                [fields.name.clone(), fields.min_price.to_string()]
            );
            prop_assert_eq!(done, id <= 2, "seeded: 1 and 2");
            let list = panel.ok(&ListShippingTypes)?.shipping_types;
            if done {
                let updated = list.iter().find(|s| s.id.get() == id).unwrap();
                prop_assert_eq!(
                    (updated.name.as_deref(), updated.min_price),
                    (Some(fields.name.as_str()), Some(fields.min_price))
                );
            }
            Ok(())
        },
    );
}

pub fn remove_shipping_type() {
    check(1u64..4, |harness, adapter, id| {
        let panel = Panel::of(harness, adapter);
        let (done, form) = panel.write(&RemoveShippingType::new(ShippingTypeId::new(id)))?;
        prop_assert_eq!(
            route(harness),
            ("POST".into(), "/panel/order/remove_shipping_type".into())
        );
        prop_assert_eq!(field(&form, "id").map(str::to_owned), Some(id.to_string()));
        prop_assert_eq!(done, id <= 2);
        let list = panel.ok(&ListShippingTypes)?.shipping_types;
        prop_assert!(list.iter().all(|s| s.id.get() != id));
        Ok(())
    });
}

fn status_fields() -> impl Strategy<Value = StatusFields> {
    (name(), "#?[0-9a-fA-F]{6}", any::<bool>(), any::<bool>())
        .prop_map(|(name, color, sms, email)| StatusFields::new(name, color).sms(sms).email(email))
}

/// The colour as the panel stores it: six hex digits, upper case, no `#`.
fn stored_color(color: &str) -> String {
    color.trim_start_matches('#').to_uppercase()
}

/// The form fields a status sends, as the panel reads them.
fn status_form(form: &[(String, String)]) -> (String, String, bool, bool) {
    let checked = |key| matches!(field(form, key), Some("1" | "on"));
    (
        field(form, "name").unwrap_or_default().to_owned(),
        field(form, "color").unwrap_or_default().to_owned(),
        checked("sms"),
        checked("email"),
    )
}

fn statuses_agree(
    harness: &Harness,
    list: &[saplab_proto::OrderStatus],
) -> Result<(), TestCaseError> {
    let raw = answer(harness)["statuses"].as_array().unwrap().clone();
    prop_assert_eq!(list.len(), raw.len());
    for (item, raw) in list.iter().zip(&raw) {
        prop_assert_eq!(item.id.get().to_string(), text_of(&raw["id"]));
        prop_assert_eq!(item.name.clone().unwrap_or_default(), text_of(&raw["name"]));
        prop_assert_eq!(
            item.color.clone().unwrap_or_default(),
            text_of(&raw["color"])
        );
        prop_assert_eq!(
            (item.sms, item.email),
            (Some(raw["sms"] == "1"), Some(raw["email"] == "1"))
        );
    }
    Ok(())
}

/// A listed status: name, colour, SMS, e-mail.
type Listed = (Option<String>, Option<String>, Option<bool>, Option<bool>);

fn status_now(status: &saplab_proto::OrderStatus) -> Listed {
    (
        status.name.clone(),
        status.color.clone(),
        status.sms,
        status.email,
    )
}

/// What a status sent as `meant` lists as.
fn listed(meant: &(String, String, bool, bool)) -> Listed {
    (
        Some(meant.0.clone()),
        Some(meant.1.clone()),
        Some(meant.2),
        Some(meant.3),
    )
}

pub fn list_statuses() {
    check(
        prop::collection::vec(status_fields(), 0..4),
        |harness, adapter, created| {
            let panel = Panel::of(harness, adapter);
            for fields in &created {
                panel.ok(&CreateStatus(fields.clone()))?;
            }
            let list = panel.ok(&ListStatuses)?.statuses;
            prop_assert_eq!(route(harness), ("GET".into(), "/panel/order/status".into()));
            statuses_agree(harness, &list)?;
            let tail: Vec<_> = list[list.len() - created.len()..]
                .iter()
                .map(status_now)
                .collect();
            let meant: Vec<_> = created
                .into_iter()
                .map(|f| listed(&(f.name, stored_color(&f.color), f.sms, f.email)))
                .collect();
            prop_assert_eq!(tail, meant);
            Ok(())
        },
    );
}

pub fn create_status() {
    check(status_fields(), |harness, adapter, fields| {
        let panel = Panel::of(harness, adapter);
        let (done, form) = panel.write(&CreateStatus(fields.clone()))?;
        prop_assert!(done);
        prop_assert_eq!(
            route(harness),
            ("POST".into(), "/panel/order/status".into())
        );
        let meant = (
            fields.name.clone(),
            stored_color(&fields.color),
            fields.sms,
            fields.email,
        );
        prop_assert_eq!(status_form(&form), meant.clone());
        let list = panel.ok(&ListStatuses)?.statuses;
        prop_assert_eq!(status_now(list.last().unwrap()), listed(&meant));
        Ok(())
    });
}

pub fn update_status() {
    check(
        (prop::sample::select(vec![1u64, 3, 7, 8]), status_fields()),
        |harness, adapter, (id, fields)| {
            let panel = Panel::of(harness, adapter);
            let (done, form) =
                panel.write(&UpdateStatus::new(StatusId::new(id), fields.clone()))?;
            prop_assert_eq!(
                route(harness),
                ("POST".into(), format!("/panel/order/status/{id}"))
            );
            let meant = (
                fields.name.clone(),
                stored_color(&fields.color),
                fields.sms,
                fields.email,
            );
            prop_assert_eq!(status_form(&form), meant.clone());
            prop_assert_eq!(done, id <= 7, "seeded: 1 to 7");
            let list = panel.ok(&ListStatuses)?.statuses;
            if let Some(updated) = list.iter().find(|s| s.id.get() == id) {
                prop_assert_eq!(status_now(updated), listed(&meant));
            }
            Ok(())
        },
    );
}

pub fn remove_status() {
    check(1u64..9, |harness, adapter, id| {
        let panel = Panel::of(harness, adapter);
        let before = panel.ok(&ListStatuses)?.statuses;
        let (done, form) = panel.write(&RemoveStatus::new(StatusId::new(id)))?;
        prop_assert_eq!(
            route(harness),
            ("POST".into(), "/panel/order/remove_status".into())
        );
        prop_assert_eq!(field(&form, "id").map(str::to_owned), Some(id.to_string()));
        let after = panel.ok(&ListStatuses)?.statuses;
        prop_assert_eq!(
            after.iter().any(|s| s.id.get() == id),
            !done && before.iter().any(|s| s.id.get() == id)
        );
        prop_assert_eq!(after.len() + usize::from(done), before.len());
        Ok(())
    });
}

fn group_fields() -> impl Strategy<Value = GroupFields> {
    (name(), 0i64..100, proptest::option::of(name())).prop_map(|(name, discount, comment)| {
        let fields = GroupFields::new(name, discount.into());
        match comment {
            Some(comment) => fields.comment(comment),
            None => fields,
        }
    })
}

fn group_meant(fields: &GroupFields) -> Vec<String> {
    vec![
        fields.name.clone(),
        fields.discount.to_string(),
        fields.comment.clone().unwrap_or_default(),
    ]
}

fn groups_agree(harness: &Harness, list: &[ClientGroup]) -> Result<(), TestCaseError> {
    let raw = answer(harness)["groups"].as_array().unwrap().clone();
    prop_assert_eq!(list.len(), raw.len());
    for (item, raw) in list.iter().zip(&raw) {
        prop_assert_eq!(item.id.get().to_string(), text_of(&raw["group_id"]));
        prop_assert_eq!(item.name.clone().unwrap_or_default(), text_of(&raw["name"]));
        prop_assert_eq!(shown(&item.discount), text_of(&raw["discount"]));
        prop_assert_eq!(
            item.comment.clone().unwrap_or_default(),
            text_of(&raw["comment"])
        );
    }
    Ok(())
}

fn group_now(group: &ClientGroup) -> Vec<String> {
    vec![
        group.name.clone().unwrap_or_default(),
        shown(&group.discount),
        group.comment.clone().unwrap_or_default(),
    ]
}

pub fn list_groups() {
    check(
        prop::collection::vec(group_fields(), 0..4),
        |harness, adapter, created| {
            let panel = Panel::of(harness, adapter);
            for fields in &created {
                panel.ok(&CreateGroup(fields.clone()))?;
            }
            let list = panel.ok(&ListGroups)?.groups;
            prop_assert_eq!(route(harness), ("GET".into(), "/panel/client/group".into()));
            groups_agree(harness, &list)?;
            let tail: Vec<Vec<String>> = list[list.len() - created.len()..]
                .iter()
                .map(group_now)
                .collect();
            let meant: Vec<Vec<String>> = created.iter().map(group_meant).collect();
            prop_assert_eq!(tail, meant);
            Ok(())
        },
    );
}

pub fn create_group() {
    check(group_fields(), |harness, adapter, fields| {
        let panel = Panel::of(harness, adapter);
        let (done, form) = panel.write(&CreateGroup(fields.clone()))?;
        prop_assert!(done);
        prop_assert_eq!(
            route(harness),
            ("POST".into(), "/panel/client/group_form".into())
        );
        prop_assert_eq!(
            fields_of(&form, &["name", "discount", "comment"]),
            group_meant(&fields)
        );
        let list = panel.ok(&ListGroups)?.groups;
        prop_assert_eq!(group_now(list.last().unwrap()), group_meant(&fields));
        Ok(())
    });
}

pub fn update_group() {
    check(
        (1u64..4, group_fields()),
        |harness, adapter, (id, fields)| {
            let panel = Panel::of(harness, adapter);
            let (done, form) = panel.write(&UpdateGroup::new(GroupId::new(id), fields.clone()))?;
            prop_assert_eq!(
                route(harness),
                ("POST".into(), format!("/panel/client/group_form/{id}"))
            );
            prop_assert_eq!(
                fields_of(&form, &["name", "discount", "comment"]),
                group_meant(&fields)
            );
            let list = panel.ok(&ListGroups)?.groups;
            prop_assert_eq!(done, list.iter().any(|g| g.id.get() == id));
            if let Some(updated) = list.iter().find(|g| g.id.get() == id) {
                prop_assert_eq!(group_now(updated), group_meant(&fields));
            }
            Ok(())
        },
    );
}

pub fn remove_group() {
    check((1u64..4, any::<bool>()), |harness, adapter, (id, fresh)| {
        let panel = Panel::of(harness, adapter);
        // A group no client uses can go; a used or unknown one cannot.
        let id = if fresh {
            panel.ok(&CreateGroup(GroupFields::new("Пустая", 0.into())))?;
            panel.ok(&ListGroups)?.groups.last().unwrap().id.get()
        } else {
            id
        };
        let before = panel.ok(&ListGroups)?.groups;
        let (done, form) = panel.write(&RemoveGroup::new(GroupId::new(id)))?;
        prop_assert_eq!(
            route(harness),
            ("POST".into(), "/panel/client/remove_group".into())
        );
        prop_assert_eq!(field(&form, "id").map(str::to_owned), Some(id.to_string()));
        prop_assert_eq!(done, fresh);
        let after = panel.ok(&ListGroups)?.groups;
        prop_assert_eq!(after.len() + usize::from(done), before.len());
        Ok(())
    });
}

fn clients_agree(harness: &Harness, list: &[Client]) -> Result<(), TestCaseError> {
    let raw = answer(harness)["clients"].as_array().unwrap().clone();
    prop_assert_eq!(list.len(), raw.len());
    for (client, raw) in list.iter().zip(&raw) {
        prop_assert_eq!(client.id.get().to_string(), text_of(&raw["id"]));
        prop_assert_eq!(
            client.name.clone().unwrap_or_default(),
            text_of(&raw["name"])
        );
        prop_assert_eq!(
            client.phone.clone().unwrap_or_default(),
            text_of(&raw["phone"])
        );
        prop_assert_eq!(client.is_wholesaler, Some(raw["is_wholesaler"] == "1"));
    }
    Ok(())
}

/// A private or legal client with generated texts.
fn client_fields() -> impl Strategy<Value = ClientFields> {
    (
        name(),
        "[0-9]{10,11}",
        proptest::option::of("[a-z0-9.]{1,8}@[a-z]{1,8}\\.ru"),
        proptest::option::of(name()),
        proptest::option::of(name()),
        0i64..1_000_000,
        any::<bool>(),
        proptest::option::of((name(), "[0-9]{10,12}")),
    )
        .prop_map(
            |(name, phone, email, address, comment, limit, active, legal)| {
                let mut fields = ClientFields::new(name, phone);
                fields.email = email;
                fields.address = address;
                fields.comment = comment;
                fields.limit = limit.into();
                fields.active = active;
                fields.legal_entity = legal.map(|(org, inn)| LegalEntity {
                    org_name: Some(org),
                    inn: Some(inn),
                    ..LegalEntity::default()
                });
                fields
            },
        )
}

/// The client's fields as the panel reads them from the form.
fn client_form_meant(fields: &ClientFields) -> Vec<(String, String)> {
    let mut meant = vec![
        ("name".to_owned(), fields.name.clone()),
        ("email".to_owned(), fields.email.clone().unwrap_or_default()),
        ("phone".to_owned(), fields.phone.clone()),
        (
            "address".to_owned(),
            fields.address.clone().unwrap_or_default(),
        ),
        ("limit".to_owned(), fields.limit.to_string()),
        (
            "comment".to_owned(),
            fields.comment.clone().unwrap_or_default(),
        ),
        (
            "status".to_owned(),
            if fields.active { "on" } else { "" }.to_owned(),
        ),
        (
            "is_wholesaler".to_owned(),
            if fields.legal_entity.is_some() {
                "on"
            } else {
                ""
            }
            .to_owned(),
        ),
    ];
    if let Some(entity) = &fields.legal_entity {
        meant.push((
            "wholesalers[org_name]".into(),
            entity.org_name.clone().unwrap_or_default(),
        ));
        meant.push((
            "wholesalers[inn]".into(),
            entity.inn.clone().unwrap_or_default(),
        ));
    }
    meant
}

fn client_form_sent(
    form: &[(String, String)],
    meant: &[(String, String)],
) -> Vec<(String, String)> {
    meant
        .iter()
        .map(|(key, _)| (key.clone(), field(form, key).unwrap_or_default().to_owned()))
        .collect()
}

/// A client's name, phone, e-mail, address and whether it is active.
type Details = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<bool>,
);

fn details_meant(fields: &ClientFields) -> Details {
    let given = |t: &Option<String>| t.clone().filter(|t| !t.is_empty());
    (
        Some(fields.name.clone()),
        Some(fields.phone.clone()),
        given(&fields.email),
        given(&fields.address),
        Some(fields.active),
    )
}

fn details_now(client: &ClientDetails) -> Details {
    (
        client.name.clone(),
        client.phone.clone(),
        client.email.clone(),
        client.address.clone(),
        client.status,
    )
}

pub fn list_clients() {
    let filters = (
        prop::collection::vec(1u64..4, 0..3),
        proptest::option::of(prop::sample::select(vec![
            "Пупкин",
            "сергей",
            "ООО",
            "нет такого",
            "a/b",
        ])),
        proptest::option::of(any::<bool>()),
        proptest::option::of(1u32..3),
        proptest::option::of(1u32..3),
    );
    check(
        filters,
        |harness, adapter, (ids, name_part, wholesaler, page, per_page)| {
            let panel = Panel::of(harness, adapter);
            let mut list =
                ListClients::default().client_ids(ids.iter().copied().map(ClientId::new));
            list.client_name = name_part.map(str::to_owned);
            list.is_wholesaler = wholesaler;
            list.page = page.map(|p| Page::new(p).unwrap());
            list.per_page = per_page.map(|p| PerPage::new(p).unwrap());
            let clients = panel.ok(&list)?;
            let exchange = last(harness);
            let mut meant = Vec::new();
            if !ids.is_empty() {
                meant.push((
                    "client_id".to_owned(),
                    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(","),
                ));
            }
            meant.extend(name_part.map(|n| ("client_name".to_owned(), n.to_owned())));
            meant.extend(wholesaler.map(|w| {
                (
                    "is_wholesaler".to_owned(),
                    if w { "1" } else { "0" }.to_owned(),
                )
            }));
            meant.extend(page.map(|p| ("page".to_owned(), p.to_string())));
            meant.extend(per_page.map(|p| ("per_page".to_owned(), p.to_string())));
            let received = conformance::path_filters(path(&exchange), "/saplab/panel/client");
            prop_assert_eq!(received, Some(meant));
            clients_agree(harness, &clients.clients)?;
            prop_assert_eq!(shown(&clients.pages), text_of(&answer(harness)["pages"]));
            for client in &clients.clients {
                prop_assert!(ids.is_empty() || ids.contains(&client.id.get()));
                prop_assert!(wholesaler.is_none_or(|w| Some(w) == client.is_wholesaler));
            }
            Ok(())
        },
    );
}

pub fn get_client() {
    check(1u64..4, |harness, adapter, id| {
        let panel = Panel::of(harness, adapter);
        let result = panel.call(&GetClient::new(ClientId::new(id)));
        prop_assert_eq!(
            route(harness),
            ("GET".into(), format!("/panel/client/form/{id}"))
        );
        let raw = answer(harness);
        match result {
            Ok(answer) => {
                let client = answer.client;
                prop_assert_eq!(client.id.get().to_string(), text_of(&raw["client"]["id"]));
                prop_assert_eq!(
                    client.name.unwrap_or_default(),
                    text_of(&raw["client"]["name"])
                );
                prop_assert_eq!(shown(&client.discount), text_of(&raw["client"]["discount"]));
            }
            Err(error) => {
                prop_assert!(
                    id > 2,
                    "seeded: 1 and 2; {}",
                    shop_apis_core::report(&error)
                );
                prop_assert_eq!(&raw["status"], "error");
            }
        }
        Ok(())
    });
}

pub fn create_client() {
    check(client_fields(), |harness, adapter, fields| {
        let panel = Panel::of(harness, adapter);
        let (done, form) = panel.write(&CreateClient(fields.clone()))?;
        prop_assert!(done);
        prop_assert_eq!(route(harness), ("POST".into(), "/panel/client/form".into()));
        let meant = client_form_meant(&fields);
        prop_assert_eq!(client_form_sent(&form, &meant), meant);
        let newest = panel
            .ok(&ListClients::default().per_page(PerPage::new(PerPage::MAX).unwrap()))?
            .clients;
        let id = newest.iter().map(|c| c.id).max().unwrap();
        let client = panel.ok(&GetClient::new(id))?.client;
        prop_assert_eq!(details_now(&client), details_meant(&fields));
        Ok(())
    });
}

pub fn update_client() {
    check(
        (1u64..3, client_fields()),
        |harness, adapter, (id, fields)| {
            let panel = Panel::of(harness, adapter);
            let (done, form) =
                panel.write(&UpdateClient::new(ClientId::new(id), fields.clone()))?;
            prop_assert!(done);
            prop_assert_eq!(
                route(harness),
                ("POST".into(), format!("/panel/client/form/{id}"))
            );
            let meant = client_form_meant(&fields);
            prop_assert_eq!(client_form_sent(&form, &meant), meant);
            let client = panel.ok(&GetClient::new(ClientId::new(id)))?.client;
            prop_assert_eq!(details_now(&client), details_meant(&fields));
            Ok(())
        },
    );
}

fn amount() -> impl Strategy<Value = Decimal> {
    (-1_000_000i64..1_000_000, 0u32..3)
        .prop_filter("not zero", |(units, _)| *units != 0)
        .prop_map(|(units, scale)| Decimal::new(units, scale))
}

pub fn add_transaction() {
    check(
        (1u64..3, amount(), name()),
        |harness, adapter, (id, amount, description)| {
            let panel = Panel::of(harness, adapter);
            let before = harness.emulator.saplab().balance(id).unwrap();
            let (done, form) = panel.write(&AddTransaction::new(
                ClientId::new(id),
                amount,
                description.clone(),
            ))?;
            prop_assert!(done);
            prop_assert_eq!(
                route(harness),
                ("POST".into(), format!("/panel/client/add_transaction/{id}"))
            );
            let sent: Decimal = field(&form, "amount").unwrap().parse().unwrap();
            prop_assert_eq!(sent, amount);
            prop_assert_eq!(field(&form, "description"), Some(description.as_str()));
            // The emulator keeps kopecks.
            let after = harness.emulator.saplab().balance(id).unwrap();
            prop_assert_eq!(Decimal::from(after - before), amount * Decimal::from(100));
            Ok(())
        },
    );
}

pub fn get_balance() {
    check(
        (
            1u64..3,
            prop::collection::vec(amount(), 0..25),
            proptest::option::of(1u32..3),
        ),
        |harness, adapter, (id, amounts, page)| {
            let panel = Panel::of(harness, adapter);
            for amount in &amounts {
                panel.ok(&AddTransaction::new(ClientId::new(id), *amount, "тест"))?;
            }
            let mut request = GetBalance::new(ClientId::new(id));
            if let Some(page) = page {
                request = request.page(Page::new(page).unwrap());
            }
            let balance = panel.ok(&request)?;
            let exchange = last(harness);
            let mut meant = Vec::new();
            meant.extend(page.map(|p| ("page".to_owned(), p.to_string())));
            prop_assert_eq!(
                conformance::path_filters(
                    path(&exchange),
                    &format!("/saplab/panel/client/balance/{id}")
                ),
                Some(meant)
            );
            let raw = answer(harness);
            let rows = raw["transactions"].as_array().unwrap();
            prop_assert_eq!(balance.transactions.len(), rows.len());
            for (transaction, row) in balance.transactions.iter().zip(rows) {
                prop_assert_eq!(
                    transaction.amount,
                    Some(text_of(&row["amount"]).parse::<Decimal>().unwrap())
                );
                prop_assert_eq!(
                    transaction.comment.clone().unwrap_or_default(),
                    text_of(&row["comment"])
                );
            }
            prop_assert_eq!(shown(&balance.pages), text_of(&raw["pages"]));
            Ok(())
        },
    );
}

fn positions_agree(harness: &Harness, list: &[Position]) -> Result<(), TestCaseError> {
    let raw = answer(harness)["orders"].as_array().unwrap().clone();
    prop_assert_eq!(list.len(), raw.len());
    for (position, raw) in list.iter().zip(&raw) {
        prop_assert_eq!(position.id.get().to_string(), text_of(&raw["id"]));
        prop_assert_eq!(shown(&position.status_id), text_of(&raw["status_id"]));
        prop_assert_eq!(
            position.price,
            Some(text_of(&raw["price"]).parse::<Decimal>().unwrap())
        );
        prop_assert_eq!(
            (position.is_payed, position.is_archived),
            (
                Some(raw["is_payed"] == "1"),
                Some(raw["is_archived"] == "1")
            )
        );
        prop_assert_eq!(
            position.history.as_ref().map(Vec::len),
            raw["history"].as_array().map(Vec::len)
        );
    }
    Ok(())
}

pub fn list_orders() {
    let filters = (
        prop::collection::vec(18u64..22, 0..3),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(1u64..8),
        proptest::option::of(1u32..3),
    );
    check(
        filters,
        |harness, adapter, (ids, paid, archived, status, per_page)| {
            let panel = Panel::of(harness, adapter);
            let mut list =
                ListOrders::default().position_ids(ids.iter().copied().map(PositionId::new));
            list.is_payed = paid;
            list.include_archived = archived;
            list.status = status.map(StatusId::new);
            list.per_page = per_page.map(|p| PerPage::new(p).unwrap());
            let orders = panel.ok(&list)?;
            let exchange = last(harness);
            let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
            let mut meant = Vec::new();
            if !ids.is_empty() {
                meant.push((
                    "order_ids".to_owned(),
                    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(","),
                ));
            }
            meant.extend(status.map(|s| ("order_status".to_owned(), s.to_string())));
            meant.extend(paid.map(|p| ("is_payed".to_owned(), flag(p))));
            meant.extend(archived.map(|a| ("unignore_archived".to_owned(), flag(a))));
            meant.extend(per_page.map(|p| ("per_page".to_owned(), p.to_string())));
            prop_assert_eq!(
                conformance::path_filters(path(&exchange), "/saplab/panel/order"),
                Some(meant)
            );
            positions_agree(harness, &orders.orders)?;
            for position in &orders.orders {
                prop_assert!(ids.is_empty() || ids.contains(&position.id.get()));
                prop_assert!(paid.is_none_or(|p| Some(p) == position.is_payed));
                prop_assert!(status.is_none_or(|s| Some(StatusId::new(s)) == position.status_id));
            }
            Ok(())
        },
    );
}

/// The position as the panel now lists it.
fn position(panel: &Panel<'_>, id: u64) -> Result<Option<Position>, TestCaseError> {
    let list = ListOrders::default()
        .position_ids([PositionId::new(id)])
        .include_archived(true);
    Ok(panel.ok(&list)?.orders.pop())
}

pub fn set_position_status() {
    check((18u64..22, 1u64..9), |harness, adapter, (id, status)| {
        let panel = Panel::of(harness, adapter);
        let (done, form) = panel.write(&SetPositionStatus::new(
            PositionId::new(id),
            StatusId::new(status),
        ))?;
        prop_assert_eq!(route(harness).1, format!("/panel/order/set_status/{id}"));
        prop_assert_eq!(
            field(&form, "status_id").map(str::to_owned),
            Some(status.to_string())
        );
        let now = position(&panel, id)?;
        prop_assert_eq!(
            done,
            now.is_some() && status <= 7,
            "positions 19 and 20, statuses 1 to 7"
        );
        if done {
            prop_assert_eq!(now.unwrap().status_id, Some(StatusId::new(status)));
        }
        Ok(())
    });
}

/// What a write's success said.
trait Said: std::fmt::Debug {
    fn text(&self) -> Option<&str>;
}

impl Said for Done {
    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

impl Said for Payment {
    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

/// One of the position actions, sent to a generated position.
#[derive(Debug, Clone, Copy)]
enum Action {
    Deny,
    Pay,
    Archive,
    Unarchive,
}

fn act(panel: &Panel<'_>, action: Action, id: u64) -> Result<bool, TestCaseError> {
    let position = PositionId::new(id);
    let (done, form) = match action {
        Action::Deny => panel.write(&DenyPosition::new(position))?,
        Action::Pay => panel.write(&PayPosition::new(position))?,
        Action::Archive => panel.write(&ArchivePosition::new(position))?,
        Action::Unarchive => panel.write(&UnarchivePosition::new(position))?,
    };
    let verb = format!("{action:?}").to_lowercase();
    prop_assert_eq!(
        route(panel.harness),
        ("GET".into(), format!("/panel/order/{verb}/{id}"))
    );
    prop_assert!(form.is_empty());
    Ok(done)
}

/// `action` on a generated position after generated others: the client's
/// verdict is the panel's, and the position's state follows it.
fn position_action(action: Action, state_of: fn(&Position) -> bool) {
    let before = prop::collection::vec(
        (
            prop::sample::select(vec![
                Action::Deny,
                Action::Pay,
                Action::Archive,
                Action::Unarchive,
            ]),
            19u64..21,
        ),
        0..3,
    );
    check(
        (before, 18u64..22),
        move |harness, adapter, (before, id)| {
            let panel = Panel::of(harness, adapter);
            for (other, at) in before {
                act(&panel, other, at)?;
            }
            let was = position(&panel, id)?;
            let done = act(&panel, action, id)?;
            let now = position(&panel, id)?;
            prop_assert_eq!(was.is_some(), now.is_some());
            if done {
                prop_assert!(
                    now.as_ref().is_some_and(state_of),
                    "{:?} reported done: {:?}",
                    action,
                    now
                );
            } else {
                prop_assert_eq!(was.as_ref().map(state_of), now.as_ref().map(state_of));
            }
            Ok(())
        },
    );
}

pub fn deny_position() {
    position_action(Action::Deny, |p| p.is_denied == Some(true));
}

pub fn pay_position() {
    position_action(Action::Pay, |p| p.is_payed == Some(true));
}

pub fn archive_position() {
    position_action(Action::Archive, |p| p.is_archived == Some(true));
}

pub fn unarchive_position() {
    position_action(Action::Unarchive, |p| p.is_archived == Some(false));
}

pub fn create_documents() {
    check(
        prop::collection::btree_set(18u64..22, 1..4),
        |harness, adapter, ids| {
            let panel = Panel::of(harness, adapter);
            let ids: Vec<u64> = ids.into_iter().collect();
            let (done, form) = panel.write(&CreateDocuments::new(
                ids.iter().copied().map(PositionId::new),
            ))?;
            let joined = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
            prop_assert_eq!(
                route(harness),
                ("GET".into(), format!("/panel/order/documents/{joined}"))
            );
            prop_assert!(form.is_empty());
            // Seeded: 19 and 20; one unknown position refuses the whole batch.
            let known: Vec<u64> = ids
                .iter()
                .copied()
                .filter(|id| (19..=20).contains(id))
                .collect();
            prop_assert_eq!(done, known.len() == ids.len());
            for id in known {
                let now = position(&panel, id)?.unwrap();
                prop_assert_eq!(now.doc_id.is_some(), done);
            }
            Ok(())
        },
    );
}
