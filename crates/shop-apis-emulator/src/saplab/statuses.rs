//! Order statuses (`/panel/order/status`): listed, saved, removed while unused.

use serde_json::{Value, json};

use super::outcome::{bare_error, error, flag, string, success};
use super::{Form, State};

#[derive(Debug, Clone)]
pub(super) struct Status {
    pub(super) id: u64,
    pub(super) name: String,
    pub(super) color: String,
    pub(super) sms: bool,
    pub(super) email: bool,
}

impl State {
    pub(super) fn statuses(&self) -> Value {
        let list: Vec<Value> = self
            .statuses
            .iter()
            .map(|s| {
                json!({"id": string(s.id), "name": s.name, "color": s.color, "sms": flag(s.sms), "email": flag(s.email)})
            })
            .collect();
        json!({ "statuses": list })
    }

    pub(super) fn save_status(&mut self, id: Option<u64>, form: &Form) -> Value {
        let name = form.text("name");
        let color = form.text("color");
        if name.trim().is_empty() || color.len() != 6 {
            return error("Недостаточно параметров.");
        }
        let (sms, email) = (form.checked("sms"), form.checked("email"));
        match id {
            None => {
                let id = self.next_id();
                self.statuses.push(Status {
                    id,
                    name,
                    color,
                    sms,
                    email,
                });
            }
            Some(id) => match self.statuses.iter_mut().find(|s| s.id == id) {
                Some(status) => {
                    *status = Status {
                        id,
                        name,
                        color,
                        sms,
                        email,
                    }
                }
                None => return bare_error(),
            },
        }
        success(None)
    }

    pub(super) fn remove_status(&mut self, form: &Form) -> Value {
        let id = form.id("id");
        if !self.statuses.iter().any(|s| s.id == id) {
            return bare_error();
        }
        if self.positions.iter().any(|p| p.status_id == id) {
            return error("Статус используется в настройках магазина.");
        }
        self.statuses.retain(|s| s.id != id);
        success(None)
    }
}
