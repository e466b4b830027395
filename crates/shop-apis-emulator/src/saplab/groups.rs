//! Client groups (`/panel/client/group…`): listed, saved, removed while unused.

use serde_json::{Value, json};

use super::outcome::{bare_error, error, string, success, text_or_null};
use super::{Form, State};

#[derive(Debug, Clone)]
pub(super) struct Group {
    pub(super) id: u64,
    pub(super) name: String,
    pub(super) discount: i64,
    pub(super) comment: String,
}

impl State {
    pub(super) fn groups(&self) -> Value {
        let list: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                json!({"group_id": string(g.id), "name": g.name, "discount": string(g.discount), "comment": g.comment})
            })
            .collect();
        json!({ "groups": list })
    }

    pub(super) fn save_group(&mut self, id: Option<u64>, form: &Form) -> Value {
        let name = form.text("name");
        let discount = form.get("discount").and_then(|d| d.parse::<i64>().ok());
        let (Some(discount), false) = (discount, name.trim().is_empty()) else {
            return error("Недостаточно параметров.");
        };
        let comment = form.text("comment");
        match id {
            None => {
                let id = self.next_id();
                self.groups.push(Group {
                    id,
                    name,
                    discount,
                    comment,
                });
                success(Some("Группа клиентов успешно добавлена."))
            }
            Some(id) => match self.groups.iter_mut().find(|g| g.id == id) {
                Some(group) => {
                    *group = Group {
                        id,
                        name,
                        discount,
                        comment,
                    };
                    success(Some("Группа обновлена."))
                }
                None => error("Группа не найдена."),
            },
        }
    }

    pub(super) fn remove_group(&mut self, form: &Form) -> Value {
        let id = form.id("id");
        // The document shows no refusal for a group that does not exist;
        // the panel's other deletes answer a bare error (`001`:70–73,
        // `001`:163–166), and so does this one (S8).
        if !self.groups.iter().any(|g| g.id == id) {
            return bare_error();
        }
        if self.clients.iter().any(|c| c.group_id == id) {
            return error("Группа используется в настройках магазина, удаление невозможно.");
        }
        self.groups.retain(|g| g.id != id);
        success(Some("Группа успешно удалена."))
    }

    pub(super) fn group_name(&self, id: u64) -> Value {
        text_or_null(
            self.groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| g.name.as_str()),
        )
    }
}
