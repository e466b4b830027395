//! The site's state at start, from the document's examples.

use std::collections::BTreeMap;

use serde_json::json;

use super::baskets::{AbandonedBasket, BasketItem};
use super::checkout::Point;
use super::shop_data::{EMAIL_FIELD, MAP_FIELD};
use super::{Basket, Invoice, Line, Product, State, User};
use crate::Personal;

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
            // The document's checkout line (106) and its options table (570–590).
            options: Some((
                "Размер: L",
                json!({
                    "selected_str": "3-1:",
                    "selected_data": {"3": {"name": "Размер", "indx": "1", "over": "4%&2.00"}},
                    "all_options_data": {"3": {
                        "name": "Размер",
                        "values": {"0": {"label": "S", "val": "0"}, "1": {"label": "L", "val": "2.00", "percent": "4"}},
                        "use_images": "0", "as_checkbox": "0", "as_radio": "1", "check_first": "1", "pos": "1"
                    }}
                }),
            )),
            digital: None,
        },
        Product {
            id: 5,
            name: "Новые очки от Recon Transcend".into(),
            price: 50_000,
            price_in: 32_000,
            cat: (2, "Спорт".into()),
            art: "32165468-6898".into(),
            brand: "Transcend".into(),
            options: None,
            digital: None,
        },
        Product {
            id: 3,
            name: "Влагоотделитель, 1/4\" MATRIX 57008".into(),
            price: 18_350,
            price_in: 18_350,
            cat: (7, "Инструмент".into()),
            art: "57008".into(),
            brand: "MATRIX".into(),
            options: None,
            digital: None,
        },
        // Digital goods, in no seeded order: added to one, they show in its
        // `order_digital_goods` (seed lines 526–540).
        Product {
            id: 21,
            name: "Электронная книга".into(),
            price: 500,
            price_in: 0,
            cat: (9, "Книги".into()),
            art: "EB-21".into(),
            brand: String::new(),
            options: None,
            digital: Some((1, "http://127.0.0.1/shop/dl/21", Some(1_048_576))),
        },
        Product {
            id: 22,
            name: "Код активации".into(),
            price: 1_000,
            price_in: 0,
            cat: (9, "Книги".into()),
            art: String::new(),
            brand: "Soft".into(),
            options: None,
            digital: Some((2, "XXXX-YYYY-ZZZZ", None)),
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
        point: Point::default(),
        hide: 0,
        status: 0,
        courier: String::new(),
        add_date: date,
        mod_date: date,
        delivery_date: 0,
        tax: 0,
        discount: 0,
        promo: None,
        note: String::new(),
        journal: "Пользователь Dmitry_DM оформил заказ\n\n".into(),
        ip: "127.0.0.1".into(),
        vat_and_profit: true,
    };
    // The document's two invoices, and two of the users whose baskets it
    // shows, so that every filter and sort field of the list tells them
    // apart: other users, counts, statuses, methods, a later change, dates
    // of delivery (the times below are the shop's, UTC+3).
    let first = invoice(
        1,
        "UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo",
        5,
        50_000,
        2,
        3,
        1_458_511_535,
        ["312312312", "312312312"],
    );
    let second = invoice(
        2,
        "UqTzDXQDXQMV3yE2cfI5peQa9AhNPEPHG8hDy%3Boo",
        10,
        5_100,
        1,
        1,
        1_458_687_828,
        ["1111111", "5555222"],
    );
    let third = Invoice {
        uid: 8,
        user: "ucozt0222".into(),
        lines: vec![Line {
            record: 13,
            goods_id: 3,
            cnt: 3,
            price: 18_350,
        }],
        status: 4,
        // 2016-03-22 10:00, changed 2016-04-20 15:30, delivered 2016-04-07 12:00.
        add_date: 1_458_630_000,
        mod_date: 1_461_155_400,
        delivery_date: 1_460_019_600,
        journal: "Пользователь ucozt0222 оформил заказ\n".into(),
        vat_and_profit: false,
        ..invoice(
            3,
            "UqSeEdEdInVoIcEtHrEe00003%3Boo",
            3,
            18_350,
            3,
            2,
            0,
            ["+7 900 000-00-03", "Казань, ул. Баумана, 3"],
        )
    };
    let fourth = Invoice {
        uid: 6,
        user: "testtest".into(),
        lines: vec![Line {
            record: 14,
            goods_id: 10,
            cnt: 2,
            price: 5_100,
        }],
        status: 2,
        // 2016-03-22 20:00, delivered 2016-04-12 18:00.
        add_date: 1_458_666_000,
        mod_date: 1_458_666_000,
        delivery_date: 1_460_473_200,
        journal: "Пользователь testtest оформил заказ\n".into(),
        vat_and_profit: false,
        ..invoice(
            4,
            "UqSeEdEdInVoIcEfOuR00004%3Boo",
            10,
            5_100,
            1,
            1,
            0,
            ["+7 900 000-00-04", "Москва, ул. Красноармейская, 4"],
        )
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
            ..Basket::default()
        },
        invoices: vec![first, second, third, fourth],
        baskets: abandoned_baskets(),
        users: vec![
            user(1, "Dmitry_DM", ""),
            user(6, "testtest", "test@test.ru"),
            user(8, "ucozt0222", "ucozt02222@gmail.com"),
            user(11, "admin007", "admin007@example.com"),
        ],
        next_record: 100,
        tick: 0,
    }
}

fn user(id: u64, login: &str, email: &str) -> User {
    User {
        id,
        login: login.into(),
        email: email.into(),
    }
}

/// The document's two abandoned baskets (seed line 1110), and a third whose
/// goods count, total, group and last visit differ from both, so that each
/// filter has something to keep and something to drop.
fn abandoned_baskets() -> Vec<AbandonedBasket> {
    let item = |record, goods_id, name, price, cnt| BasketItem {
        record,
        goods_id,
        name,
        price,
        cnt,
    };
    vec![
        AbandonedBasket {
            user_id: 8,
            login: "ucozt0222".into(),
            group: (1, "Пользователи1"),
            name: "test ucoz".into(),
            email: "ucozt02222@gmail.com".into(),
            phone: "".into(),
            last_activity: 1_599_690_384,
            ip: "193.109.246.211".into(),
            items: vec![
                item(60, 8, "Akai LTA-32N680HCP", 11_000, 1),
                item(61, 7, "LCD телевизор LG 19LG3060", 10_000, 1),
            ],
        },
        AbandonedBasket {
            user_id: 6,
            login: "testtest".into(),
            group: (4, "Администраторы"),
            name: "тест".into(),
            email: "test@test.ru".into(),
            phone: "".into(),
            last_activity: 1_601_549_277,
            ip: "109.122.62.126".into(),
            items: vec![
                item(245, 11, "Евгений Онегин", 100, 1),
                item(
                    244,
                    9,
                    "Леггинсы с принтом мышечного строения тела (Размер: L)",
                    5_100,
                    1,
                ),
            ],
        },
        AbandonedBasket {
            user_id: 11,
            login: "admin007".into(),
            group: (4, "Администраторы"),
            name: "Админ Тестов".into(),
            email: "admin007@example.com".into(),
            phone: "+79000000011".into(),
            // 2020-08-15 12:00.
            last_activity: 1_597_482_000,
            ip: "127.0.0.1".into(),
            items: vec![
                item(300, 10, "Футболка New Torso", 5_100, 3),
                item(301, 7, "LCD телевизор LG 19LG3060", 10_000, 1),
            ],
        },
    ]
}

/// Every field of `state` that can hold a person's data, empty ones too,
/// given a value from `make`; every invoice and the checkout basket get
/// every field of the order form, the map's point among them.
pub(super) fn fill_personal(state: &mut State, make: &mut dyn FnMut(Personal) -> String) {
    let mut form = |fields: &mut BTreeMap<u64, String>, point: &mut Point| {
        for (n, kind) in [
            (1, Personal::Phone),
            (2, Personal::Address),
            (EMAIL_FIELD, Personal::Email),
            (MAP_FIELD, Personal::Address),
        ] {
            fields.insert(n, make(kind));
        }
        point.lat = make(Personal::Coordinate);
        point.lng = make(Personal::Coordinate);
    };
    form(&mut state.basket.fields, &mut state.basket.point);
    for invoice in &mut state.invoices {
        form(&mut invoice.fields, &mut invoice.point);
    }
    for invoice in &mut state.invoices {
        invoice.user = make(Personal::Login);
        invoice.courier = make(Personal::Name);
        invoice.note = make(Personal::Note);
        invoice.journal = make(Personal::Note);
        invoice.ip = make(Personal::Ip);
    }
    for user in &mut state.users {
        user.login = make(Personal::Login);
        user.email = make(Personal::Email);
    }
    for basket in &mut state.baskets {
        basket.login = make(Personal::Login);
        basket.name = make(Personal::Name);
        basket.email = make(Personal::Email);
        basket.phone = make(Personal::Phone);
        basket.ip = make(Personal::Ip);
    }
}
