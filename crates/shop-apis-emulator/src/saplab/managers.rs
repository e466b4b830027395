//! Managers (`/panel/manager`): the shop's employees, as the document lists them.

use serde_json::{Value, json};

use super::State;

/// The document's two employees, as the panel lists them.
pub(super) fn seeded() -> Vec<Value> {
    match json!([
            {
                "id": "1", "phone": "79000000001", "name": "Владелец Магазина", "seat": "Директор",
                "email": "owner@example.com", "point_id": "1",
                "point_name": "Москва: ул. Красноармейцев, 49", "point_address": "ул. Красноармейцев, 49",
                "manager_group_id": "1", "manager_group_name": "Администраторы",
                "client_count": "0", "status": "1", "client_use": "1", "contact_show": "1", "backup": null
            },
            {
                "id": "2", "phone": "79000000002", "name": "Сотрудник Saplab 2", "seat": "",
                "email": "", "point_id": "0", "point_name": null, "point_address": null,
                "manager_group_id": "2", "manager_group_name": "Менеджеры",
                "client_count": "0", "status": "0", "client_use": "0", "contact_show": "0", "backup": "[]"
            }
    ]) {
        Value::Array(managers) => managers,
        _ => unreachable!("a JSON array"),
    }
}

impl State {
    pub(super) fn managers(&self) -> Value {
        json!({ "managers": self.managers })
    }
}
