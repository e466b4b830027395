//! The shop's reference data (`/shop/getshopdata/`), from the document's
//! examples.

use serde_json::{Map, Value, json};

/// One field of the order form.
#[derive(Debug, Clone, Copy)]
pub(super) struct OrderField {
    /// Its number, the `N` of `fldN`.
    pub(super) n: u64,
    pub(super) name: &'static str,
    /// `text`, `textarea`, `phone`, `email`, `gmaps`, … (seed line 65).
    pub(super) kind: &'static str,
    pub(super) required: bool,
}

/// The number of the form's e-mail field, which a guest's registration
/// reads (`autoreg`, seed line 69).
pub(super) const EMAIL_FIELD: u64 = 6;
/// The number of the form's `gmaps` field, which `gmap_a`, `gmap_s` and
/// `gmap_d` fill (seed lines 232-234).
pub(super) const MAP_FIELD: u64 = 7;

/// The order form's fields: the document's first two (seed line 1252),
/// required, and an e-mail and a map address, optional, so that
/// registration and the `gmap_*` parameters have a field to act on.
pub(super) fn order_fields() -> Vec<OrderField> {
    let field = |n, name, kind, required| OrderField {
        n,
        name,
        kind,
        required,
    };
    vec![
        field(1, "Контактный телефон", "phone", true),
        field(2, "Адрес доставки", "textarea", true),
        field(EMAIL_FIELD, "E-mail", "email", false),
        field(MAP_FIELD, "Адрес на карте", "gmaps", false),
    ]
}

/// The `module` of a delivery method whose charge comes from an external
/// calculator, the only kind that takes `custom_delivery_tax` (seed lines
/// 20, 102). The document does not say how the module is named; this is the
/// emulator's name.
pub(super) const EXTERNAL_CALCULATOR: &str = "external";

/// Whether delivery method `id` takes its charge from `custom_delivery_tax`.
pub(super) fn external_calculator(id: u64) -> bool {
    deliveries()
        .get(&id.to_string())
        .is_some_and(|d| d["module"] == EXTERNAL_CALCULATOR)
}

/// The promo codes the emulated shop knows: code, percent off the goods,
/// the code's kind (`promo_group`, seed line 437). The document names the
/// parameter and where the discount shows, not what a code is worth.
pub(super) const PROMO_CODES: [(&str, i64, &str); 1] = [("EMULATOR10", 10, "percent")];

/// The delivery methods: the document's three (seed line 106) and one whose
/// charge an external calculator gives.
pub(super) fn deliveries() -> Map<String, Value> {
    json!({
        "1": {"name": "Самовывоз", "dscr": "Товар вы можете получить по прибытию в наш офис", "courier": null, "pos": 1, "module": ""},
        "2": {"name": "Способ доставки № 2", "dscr": "Описание способа доставки", "courier": 0, "pos": 2, "module": ""},
        "3": {"name": "Способ доставки № 3", "dscr": "Описание способа доставки", "courier": 0, "pos": 3, "module": ""},
        "4": {"name": "Курьерская служба", "dscr": "Стоимость доставки рассчитывает внешний калькулятор", "courier": 0, "pos": 4, "module": EXTERNAL_CALCULATOR},
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
                .map(|f| {
                    (f.n.to_string(), json!({"name": f.name, "type": f.kind, "required": u8::from(f.required), "pos": f.n, "dig": -1, "afld": "", "expand": 1}))
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
