//! The site's state at start and its reference data, from the document's
//! examples.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Basket, Invoice, Line, Product, State};

/// The moment the logical clock starts from (Unix seconds).
pub(super) const NOW: u64 = 1_601_551_769;

pub(super) fn seeded() -> State {
    let products = vec![
        Product {
            id: 10,
            name: "Футболка New Torso".into(),
            price: 5_100,
            price_in: 3_000,
            cat: (4, "Одежда".into()),
            art: String::new(),
            brand: String::new(),
        },
        Product {
            id: 5,
            name: "Новые очки от Recon Transcend".into(),
            price: 50_000,
            price_in: 32_000,
            cat: (2, "Спорт".into()),
            art: "32165468-6898".into(),
            brand: "Transcend".into(),
        },
        Product {
            id: 3,
            name: "Влагоотделитель, 1/4\" MATRIX 57008".into(),
            price: 18_350,
            price_in: 18_350,
            cat: (7, "Инструмент".into()),
            art: "57008".into(),
            brand: "MATRIX".into(),
        },
    ];
    let invoice = |id: u64,
                   hash: &str,
                   goods_id: u64,
                   price,
                   payment_id,
                   delivery_id,
                   date: u64,
                   fields: [&str; 2]| Invoice {
        id,
        hash: hash.into(),
        uid: 1,
        user: "Dmitry_DM".into(),
        lines: vec![Line {
            record: id + 10,
            goods_id,
            cnt: 1,
            price,
        }],
        payment_id,
        delivery_id,
        fields: BTreeMap::from([(1, fields[0].into()), (2, fields[1].into())]),
        hide: 0,
        status: 0,
        courier: String::new(),
        add_date: date,
        mod_date: date,
        note: String::new(),
        journal: "Пользователь Dmitry_DM оформил заказ\n\n".into(),
    };
    State {
        products,
        basket: Basket {
            lines: vec![Line {
                record: 6,
                goods_id: 10,
                cnt: 1,
                price: 5_100,
            }],
            payment_id: 1,
            delivery_id: 1,
            fields: BTreeMap::new(),
        },
        invoices: vec![
            invoice(
                1,
                "UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo",
                5,
                50_000,
                2,
                3,
                1_458_511_535,
                ["312312312", "312312312"],
            ),
            invoice(
                2,
                "UqTzDXQDXQMV3yE2cfI5peQa9AhNPEPHG8hDy%3Boo",
                10,
                5_100,
                1,
                1,
                1_458_687_828,
                ["1111111", "5555222"],
            ),
        ],
        next_record: 100,
        tick: 0,
    }
}

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

/// `GET /shop/usersbasket/`: the document's two abandoned baskets.
pub(super) fn abandoned_baskets() -> Value {
    json!({
        "paginator_page": 1,
        "paginator_pages_cnt": 1,
        "paginator_per_page": 20,
        "paginator_count": 2,
        "users_baskets": {
            "8": {
                "user_id": "8", "user_login": "ucozt0222", "user_group_id": "1", "user_group_name": "Пользователи1",
                "user_name": "test ucoz", "user_email": "ucozt02222@gmail.com", "user_phone": "",
                "user_last_activity": "1599690384", "user_ip": "193.109.246.211",
                "user_basket_amount": "210.00", "user_basket_items_cnt": 2,
                "user_basket_items": {
                    "60": {"goods_id": "8", "name": "Akai LTA-32N680HCP", "price": "110.00", "cnt": "1", "sum": "110.00"},
                    "61": {"goods_id": "7", "name": "LCD телевизор LG 19LG3060", "price": "100.00", "cnt": "1", "sum": "100.00"},
                },
            },
            "6": {
                "user_id": "6", "user_login": "testtest", "user_group_id": "4", "user_group_name": "Администраторы",
                "user_name": "тест", "user_email": "test@test.ru", "user_phone": "",
                "user_last_activity": "1601549277", "user_ip": "109.122.62.126",
                "user_basket_amount": "52.00", "user_basket_items_cnt": 2,
                "user_basket_items": {
                    "245": {"goods_id": "11", "name": "Евгений Онегин", "price": "1.00", "cnt": "1", "sum": "1.00"},
                    "244": {"goods_id": "9", "name": "Леггинсы с принтом мышечного строения тела (Размер: L)", "price": "51.00", "cnt": "1", "sum": "51.00"},
                },
            },
        },
    })
}
