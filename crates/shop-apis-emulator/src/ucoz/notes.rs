//! An invoice's note (`PUT /shop/checkout/` with `mode=inv_note_save`).

use serde_json::{Value, json};

use super::State;
use super::envelope::param;

impl State {
    pub(super) fn note(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        let get = |key: &str| param(params, key).map(str::to_owned);
        let id: u64 = get("id")
            .and_then(|i| i.parse().ok())
            .ok_or("id: не указан заказ")?;
        let invoice = self
            .invoices
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or("Заказ не найден")?;
        invoice.note = get("note").unwrap_or_default();
        Ok(json!({"msg": "Комментарий успешно изменен"}))
    }
}
