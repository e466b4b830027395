//! Clients (`/panel/client…`): the filtered list, one client's form, saving.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::outcome::{error, flag, money, string, success};
use super::paging::{Filters, page_of};
use super::{Form, Kopecks, State};

#[derive(Debug, Clone)]
pub(super) struct Client {
    pub(super) id: u64,
    pub(super) phone: String,
    pub(super) name: String,
    pub(super) address: String,
    pub(super) email: String,
    pub(super) date_added: String,
    pub(super) date_modified: String,
    pub(super) legal: Option<BTreeMap<String, String>>,
    pub(super) group_id: u64,
    pub(super) manager_id: u64,
    pub(super) point_id: u64,
    pub(super) active: bool,
    pub(super) comment: String,
    pub(super) shipping_id: u64,
    pub(super) balance: Kopecks,
    pub(super) debt: Kopecks,
    pub(super) limit: Kopecks,
}

impl State {
    pub(super) fn client_json(&self, client: &Client) -> Value {
        json!({
            "id": string(client.id),
            "phone": client.phone,
            "name": client.name,
            "address": client.address,
            "email": client.email,
            "date_added": client.date_added,
            "is_wholesaler": flag(client.legal.is_some()),
            "wholesaler_info": wholesaler_info(client),
            "date_modified": client.date_modified,
            "group": self.group_name(client.group_id),
            "group_id": string(client.group_id),
            "manager": Value::Null,
            "manager_id": string(client.manager_id),
            "point": "Москва: ул. Красноармейцев, 49",
            "point_id": string(client.point_id),
            "status": flag(client.active),
            "comment": client.comment,
            "shipping_id": string(client.shipping_id),
            "balance": money(client.balance),
            "debt": money(client.debt),
            "blocked_debt": "0",
            "limit": money(client.limit),
        })
    }

    pub(super) fn clients(&self, filters: &Filters) -> Value {
        let (page, per_page) = match filters.paging() {
            Ok(paging) => paging,
            Err(answer) => return answer,
        };
        let ids = filters.ids("client_id");
        let mut matching: Vec<&Client> = self
            .clients
            .iter()
            .filter(|c| ids.as_ref().is_none_or(|ids| ids.contains(&c.id)))
            .filter(|c| {
                filters.contains("client_name", &c.name)
                    || filters.contains("client_name", &wholesaler_info(c))
            })
            .filter(|c| {
                filters
                    .get("phone")
                    .is_none_or(|p| digits(&c.phone).contains(&digits(p)))
            })
            .filter(|c| filters.equals("email", &c.email))
            .filter(|c| {
                filters
                    .flag("is_wholesaler")
                    .is_none_or(|w| w == c.legal.is_some())
            })
            .filter(|c| filters.id("client_group").is_none_or(|g| g == c.group_id))
            .filter(|c| filters.id("manager_id").is_none_or(|m| m == c.manager_id))
            .filter(|c| filters.in_dates(&c.date_added))
            .collect();
        matching.sort_by_key(|item| std::cmp::Reverse(item.id));
        let (shown, pages) = page_of(&matching, page, per_page);
        let clients: Vec<Value> = shown.into_iter().map(|c| self.client_json(c)).collect();
        json!({"clients": clients, "filters": filters.echo(per_page), "pages": pages})
    }

    pub(super) fn client_form(&self, id: u64) -> Value {
        let Some(client) = self.client(id) else {
            return error("Клиент не найден.");
        };
        let discount = self
            .groups
            .iter()
            .find(|g| g.id == client.group_id)
            .map_or(0, |g| g.discount);
        let mut details = json!({
            "id": string(client.id),
            "phone": client.phone,
            "name": client.name,
            "address": client.address,
            "email": client.email,
            "status": flag(client.active),
            "group_id": string(client.group_id),
            "group": self.group_name(client.group_id),
            "discount": string(discount),
            "shipping_id": string(client.shipping_id),
            "manager_id": string(client.manager_id),
            "is_wholesaler": flag(client.legal.is_some()),
            "wholesaler_info": wholesaler_info(client),
            "comment": client.comment,
            "point_id": string(client.point_id),
            "balance": money(client.balance),
            "debt": money(client.debt),
            "blocked_debt": "0",
            "limit": money(client.limit),
            "date_added": client.date_added,
            "date_modified": client.date_modified,
        });
        if let Some(legal) = &client.legal {
            details["wholesaler_data"] = json!(legal);
        }
        json!({ "client": details })
    }

    pub(super) fn save_client(&mut self, id: Option<u64>, form: &Form) -> Value {
        if let Some(id) = id
            && self.client(id).is_none()
        {
            return error("Клиент не найден.");
        }
        let (name, phone, email) = (form.text("name"), form.text("phone"), form.text("email"));
        let mut invalid = Map::new();
        if name.trim().is_empty() {
            invalid.insert("name".into(), "Поле Имя обязательно для заполнения.".into());
        }
        if phone.trim().is_empty() {
            invalid.insert(
                "phone".into(),
                "Поле Телефон обязательно для заполнения.".into(),
            );
        }
        let others = || self.clients.iter().filter(|c| Some(c.id) != id);
        if !email.is_empty() && others().any(|c| c.email.eq_ignore_ascii_case(&email)) {
            invalid.insert("email".into(), "Поле Email должно быть уникальным.".into());
        }
        if !phone.is_empty() && others().any(|c| c.phone == phone) {
            invalid.insert(
                "phone".into(),
                "Поле Телефон должно быть уникальным.".into(),
            );
        }
        let Some(limit) = form
            .get("limit")
            .map_or(Some(0), crate::amounts::parse_cents)
        else {
            invalid.insert("limit".into(), "Поле Лимит должно быть числом.".into());
            return Value::Object(invalid);
        };
        if !invalid.is_empty() {
            return Value::Object(invalid);
        }
        let now = self.now();
        let legal = form
            .checked("is_wholesaler")
            .then(|| form.nested("wholesalers"));
        let fields = |client: &mut Client| {
            client.name = name.clone();
            client.phone = phone.clone();
            client.email = email.clone();
            client.address = form.text("address");
            client.point_id = form.id("point_id");
            client.manager_id = form.id("manager_id");
            client.group_id = form.id("group_id");
            client.shipping_id = form.id("shipping_id");
            client.limit = limit;
            client.comment = form.text("comment");
            client.active = form.checked("status");
            client.legal = legal.clone();
            client.date_modified = now.clone();
        };
        match id {
            Some(id) => {
                let client = self
                    .clients
                    .iter_mut()
                    .find(|c| c.id == id)
                    .expect("checked above");
                fields(client);
                success(Some("Данные клиента обновлены."))
            }
            None => {
                let mut client = Client {
                    id: self.next_id(),
                    phone: String::new(),
                    name: String::new(),
                    address: String::new(),
                    email: String::new(),
                    date_added: now.clone(),
                    date_modified: now.clone(),
                    legal: None,
                    group_id: 0,
                    manager_id: 0,
                    point_id: 0,
                    active: false,
                    comment: String::new(),
                    shipping_id: 0,
                    balance: 0,
                    debt: 0,
                    limit: 0,
                };
                fields(&mut client);
                self.clients.push(client);
                success(Some("Клиент успешно добавлен."))
            }
        }
    }
}

/// `ООО "Рога и Копыта"` for a legal entity, `""` otherwise.
pub(super) fn wholesaler_info(client: &Client) -> String {
    client.legal.as_ref().map_or_else(String::new, |legal| {
        format!(
            "{} \"{}\"",
            legal.get("type").map_or("", String::as_str),
            legal.get("org_name").map_or("", String::as_str)
        )
    })
}

pub(super) fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}
