//! Order positions (`/panel/order…`): the filtered list, status changes,
//! denial, payment from the balance, archiving, documents.

use serde_json::{Value, json};

use super::clients::wholesaler_info;
use super::outcome::{error, flag, money, string, success, text_or_null};
use super::paging::{Filters, page_of};
use super::{Form, Kopecks, State, id_of};

#[derive(Debug, Clone)]
pub(super) struct HistoryEntry {
    pub(super) date: String,
    pub(super) status_id: u64,
    pub(super) manager: String,
}

#[derive(Debug, Clone)]
pub(super) struct Position {
    pub(super) id: u64,
    pub(super) invoice: String,
    pub(super) client_id: u64,
    pub(super) distributor_id: u64,
    pub(super) distributor_name: String,
    pub(super) brand: String,
    pub(super) article: String,
    pub(super) name: String,
    pub(super) initial_price: Kopecks,
    pub(super) price: Kopecks,
    pub(super) quantity: i64,
    pub(super) status_id: u64,
    pub(super) shipping_id: u64,
    pub(super) shipping_address: String,
    pub(super) doc_id: Option<u64>,
    pub(super) is_archived: bool,
    pub(super) is_denied: bool,
    pub(super) is_payed: bool,
    pub(super) date_added: String,
    pub(super) date_modified: String,
    pub(super) history: Vec<HistoryEntry>,
}

impl Position {
    pub(super) fn total(&self) -> Kopecks {
        self.price * self.quantity
    }

    /// How the panel names a position in balance comments.
    pub(super) fn label(&self) -> String {
        format!("{} - {} ({} шт.)", self.brand, self.article, self.quantity)
    }
}

impl State {
    pub(super) fn position_json(&self, position: &Position) -> Value {
        let client = self.client(position.client_id);
        let status = self.statuses.iter().find(|s| s.id == position.status_id);
        let shipping = self
            .shipping_types
            .iter()
            .find(|s| s.id == position.shipping_id);
        let history: Vec<Value> = position
            .history
            .iter()
            .map(|h| {
                let status = self.statuses.iter().find(|s| s.id == h.status_id);
                json!({
                    "date": h.date,
                    "color": text_or_null(status.map(|s| s.color.as_str())),
                    "status": text_or_null(status.map(|s| s.name.as_str())),
                    "manager": h.manager,
                })
            })
            .collect();
        json!({
            "id": string(position.id),
            "client_id": string(position.client_id),
            "client_name": text_or_null(client.map(|c| c.name.as_str())),
            "wholesaler_info": client.map_or_else(String::new, wholesaler_info),
            "is_wholesaler": flag(client.is_some_and(|c| c.legal.is_some())),
            "date_added": position.date_added,
            "date_modified": position.date_modified,
            "distributor_id": string(position.distributor_id),
            "distributor_name": position.distributor_name,
            "invoice": position.invoice,
            "brand": position.brand,
            "article": position.article,
            "comment": {"client_comment": ""},
            "name": position.name,
            "status_name": text_or_null(status.map(|s| s.name.as_str())),
            "deny_request": "0",
            "status_color": text_or_null(status.map(|s| s.color.as_str())),
            "shipping_id": string(position.shipping_id),
            "shipping_address": position.shipping_address,
            "shipping_name": text_or_null(shipping.map(|s| s.name.as_str())),
            "deliverytime_max": "0",
            "deliverytime_min": "0",
            "initial_price": money(position.initial_price),
            "price": money(position.price),
            "doc_id": position.doc_id.map_or(Value::Null, string),
            "total": money(position.total()),
            "quantity": string(position.quantity),
            "is_archived": flag(position.is_archived),
            "status_id": string(position.status_id),
            "is_payed": flag(position.is_payed),
            "history": history,
            "is_denied": flag(position.is_denied),
        })
    }

    pub(super) fn positions(&self, filters: &Filters) -> Value {
        let (page, per_page) = match filters.paging() {
            Ok(paging) => paging,
            Err(answer) => return answer,
        };
        let ids = filters.ids("order_ids");
        let client = |p: &Position| self.client(p.client_id);
        let mut matching: Vec<&Position> = self
            .positions
            .iter()
            .filter(|p| ids.as_ref().is_none_or(|ids| ids.contains(&p.id)))
            .filter(|p| filters.equals("invoice", &p.invoice))
            .filter(|p| filters.equals("article", &p.article))
            .filter(|p| filters.contains("name", &p.name))
            .filter(|p| {
                filters
                    .id("manager_id")
                    .is_none_or(|m| client(p).is_some_and(|c| c.manager_id == m))
            })
            .filter(|p| filters.id("shipping_id").is_none_or(|s| s == p.shipping_id))
            .filter(|p| {
                filters
                    .id("point_id")
                    .is_none_or(|o| client(p).is_some_and(|c| c.point_id == o))
            })
            .filter(|p| {
                filters
                    .id("distributor_id")
                    .is_none_or(|d| d == p.distributor_id)
            })
            .filter(|p| filters.id("order_status").is_none_or(|s| s == p.status_id))
            .filter(|p| {
                filters
                    .flag("is_payed")
                    .is_none_or(|paid| paid == p.is_payed)
            })
            .filter(|p| filters.flag("unignore_archived") == Some(true) || !p.is_archived)
            .filter(|p| filters.equals("brand", &p.brand))
            .filter(|p| {
                let client = client(p);
                filters.contains("client_name", client.map_or("", |c| &c.name))
                    || client.is_some_and(|c| filters.contains("client_name", &wholesaler_info(c)))
            })
            .filter(|p| {
                filters
                    .id("client_group")
                    .is_none_or(|g| client(p).is_some_and(|c| c.group_id == g))
            })
            .filter(|p| filters.in_dates(&p.date_added))
            .collect();
        matching.sort_by_key(|item| std::cmp::Reverse(item.id));
        let (shown, pages) = page_of(&matching, page, per_page);
        let orders: Vec<Value> = shown.into_iter().map(|p| self.position_json(p)).collect();
        json!({"orders": orders, "filters": filters.echo(per_page), "pages": pages})
    }

    pub(super) fn position_index(&self, id: u64) -> Option<usize> {
        self.positions.iter().position(|p| p.id == id)
    }

    pub(super) fn change_status(&mut self, index: usize, status_id: u64) {
        let now = self.now();
        let position = &mut self.positions[index];
        position.status_id = status_id;
        position.date_modified = now.clone();
        position.history.push(HistoryEntry {
            date: now,
            status_id,
            manager: "Сотрудник API".into(),
        });
    }

    pub(super) fn set_status(&mut self, id: u64, form: &Form) -> Value {
        let status_id = form.id("status_id");
        if !self.statuses.iter().any(|s| s.id == status_id) {
            return error("Недостаточно параметров.");
        }
        let Some(index) = self.position_index(id) else {
            return error("Нет подходящих заказов.");
        };
        self.change_status(index, status_id);
        success(Some("Статус установлен успешно."))
    }

    pub(super) fn deny(&mut self, id: u64) -> Value {
        let Some(index) = self.position_index(id) else {
            return error("Нет подходящих заказов.");
        };
        self.positions[index].is_denied = true;
        if self.statuses.iter().any(|s| s.id == 5) {
            self.change_status(index, 5);
        }
        success(Some("Позиция снята"))
    }

    pub(super) fn pay(&mut self, id: u64) -> Value {
        let Some(index) = self.position_index(id) else {
            return error("Нет подходящих заказов.");
        };
        let position = self.positions[index].clone();
        let Some(client) = self.client(position.client_id).cloned() else {
            return error("Нет подходящих заказов.");
        };
        let who = Some(wholesaler_info(&client))
            .filter(|info| !info.is_empty())
            .unwrap_or_else(|| client.name.clone());
        let total = position.total();
        if position.is_payed {
            self.record(
                client.id,
                total,
                format!("Отмена оплаты позиции {}", position.label()),
            );
            self.positions[index].is_payed = false;
            let shown = money(total);
            return success(Some(&format!(
                "На счёт клиента {who} отправлено {}₽ ",
                shown.as_str().unwrap_or_default()
            )));
        }
        if client.balance < total {
            let shown = money(total - client.balance);
            return error(&format!(
                "Недостаточно средств на балансе клиента {who} , необходимо пополнить баланс на {}₽",
                shown.as_str().unwrap_or_default()
            ));
        }
        self.record(
            client.id,
            -total,
            format!("Оплата позиции {}", position.label()),
        );
        self.positions[index].is_payed = true;
        success(Some(&format!("Выбранные позиции клиента {who} оплачены.")))
    }

    pub(super) fn archive(&mut self, id: u64, archived: bool) -> Value {
        let index = self
            .position_index(id)
            .filter(|&i| self.positions[i].is_archived != archived);
        match (index, archived) {
            (Some(index), true) => {
                self.positions[index].is_archived = true;
                success(Some("1 заказов отправлено в архив."))
            }
            (Some(index), false) => {
                self.positions[index].is_archived = false;
                success(Some(
                    "Заказ разархивирован и появился в основном списке заказов.",
                ))
            }
            (None, true) => error("Не удалось отправить заказы в архив."),
            (None, false) => error("Не найдено подходящих заказов."),
        }
    }

    pub(super) fn documents(&mut self, ids: &str) -> Value {
        let ids: Vec<u64> = ids.split(',').map(id_of).collect();
        let indexes: Option<Vec<usize>> = ids.iter().map(|&id| self.position_index(id)).collect();
        let Some(indexes) = indexes.filter(|i| !i.is_empty()) else {
            return error("Нет подходящих заказов.");
        };
        let doc_id = self.next_doc_id;
        self.next_doc_id += 1;
        for index in indexes {
            self.positions[index].doc_id = Some(doc_id);
        }
        success(Some("Документы сгенерированы."))
    }
}
