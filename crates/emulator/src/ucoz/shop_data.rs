//! The shop's reference data (`/shop/getshopdata/`), from the document's
//! examples.

use serde_json::{Map, Value, json};

/// The order form's fields: number, name, type.
pub(super) fn order_fields() -> Vec<(u64, &'static str, &'static str)> {
    vec![
        (1, "Контактный телефон", "phone"),
        (2, "Адрес доставки", "textarea"),
    ]
}

pub(super) fn deliveries() -> Map<String, Value> {
    json!({
        "1": {"name": "Самовывоз", "dscr": "Товар вы можете получить по прибытию в наш офис", "courier": null, "pos": 1, "module": ""},
        "2": {"name": "Способ доставки № 2", "dscr": "Описание способа доставки", "courier": 0, "pos": 2, "module": ""},
        "3": {"name": "Способ доставки № 3", "dscr": "Описание способа доставки", "courier": 0, "pos": 3, "module": ""},
    })
    .as_object()
    .cloned()
    .unwrap_or_default()
}

pub(super) fn payments() -> Map<String, Value> {
    json!({
        "1": {"name": "Наличными при получении", "dscr": "Рассчитаться можно с курьером наличными при получении товара", "pos": 1, "status": "active", "module": "", "delivery_assoc": {"all": 1}},
        "2": {"name": "Способ оплаты № 2", "dscr": "Описание способа оплаты", "pos": 2, "status": "active", "module": "", "delivery_assoc": ""},
        "3": {"name": "Способ оплаты № 3", "dscr": "Описание способа оплаты", "pos": 3, "status": "active", "module": "", "delivery_assoc": {"all": 0, "1": 1, "3": 0}},
    })
    .as_object()
    .cloned()
    .unwrap_or_default()
}

pub(super) fn statuses() -> Map<String, Value> {
    json!({
        "2": "Оплачен", "8": "Завершён", "1": "Оплачивается", "10": "Обработка оплаты", "0": "Новый",
        "3": "В обработке", "6": "Доставлен в пункт самовывоза", "9": "Отменён", "4": "Готов",
        "5": "Доставляется", "7": "Доставлен",
    })
    .as_object()
    .cloned()
    .unwrap_or_default()
}

pub(super) fn groups() -> Map<String, Value> {
    json!({"0": "В работе", "1": "В архиве", "2": "В корзине"})
        .as_object()
        .cloned()
        .unwrap_or_default()
}

/// `GET /shop/getshopdata/?page=…`.
pub(super) fn shop_data(page: &str) -> Result<Value, String> {
    Ok(match page {
        "deliverymethods" => Value::Object(deliveries()),
        "paymentsmethods" => Value::Object(payments()),
        "order_status_list" => Value::Object(statuses()),
        "order_hide_list" => Value::Object(groups()),
        "order_fields_list" => {
            let fields: Map<String, Value> = order_fields()
                .into_iter()
                .map(|(n, name, kind)| {
                    (n.to_string(), json!({"name": name, "type": kind, "required": 1, "pos": n, "dig": -1, "afld": "", "expand": 1}))
                })
                .collect();
            Value::Object(fields)
        }
        "order_goods_fields_list" => {
            json!({"name": "Наименование", "price_in": "Входящая", "price": "Цена", "sum": "Сумма", "cnt": "Кол-во"})
        }
        other => return Err(format!("Неизвестная страница: {other}")),
    })
}
