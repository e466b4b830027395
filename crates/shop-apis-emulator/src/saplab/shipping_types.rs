//! Shipping types (`/panel/order/shipping_type`): listed, saved, removed.

use serde_json::{Value, json};

use super::outcome::{bare_error, error, money, string, success};
use super::{Form, Kopecks, State};

#[derive(Debug, Clone)]
pub(super) struct ShippingType {
    pub(super) id: u64,
    pub(super) name: String,
    pub(super) min_price: Kopecks,
}

impl State {
    pub(super) fn shipping_types(&self) -> Value {
        let list: Vec<Value> = self
            .shipping_types
            .iter()
            .map(|s| json!({"id": string(s.id), "name": s.name, "min_price": money(s.min_price)}))
            .collect();
        json!({ "shipping_types": list })
    }

    pub(super) fn save_shipping_type(&mut self, id: Option<u64>, form: &Form) -> Value {
        let name = form.text("name");
        let Some(min_price) = form.get("min_price").and_then(crate::amounts::parse_cents) else {
            return error("Недостаточно параметров.");
        };
        if name.trim().is_empty() {
            return error("Недостаточно параметров.");
        }
        match id {
            None => {
                let id = self.next_id();
                self.shipping_types.push(ShippingType {
                    id,
                    name,
                    min_price,
                });
            }
            Some(id) => match self.shipping_types.iter_mut().find(|s| s.id == id) {
                Some(shipping) => {
                    shipping.name = name;
                    shipping.min_price = min_price;
                }
                None => return bare_error(),
            },
        }
        success(None)
    }

    pub(super) fn remove_shipping_type(&mut self, form: &Form) -> Value {
        let id = form.id("id");
        let before = self.shipping_types.len();
        self.shipping_types.retain(|s| s.id != id);
        if self.shipping_types.len() == before {
            return bare_error();
        }
        success(None)
    }
}
