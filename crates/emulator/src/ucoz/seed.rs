//! The site's state at start, from the document's examples.

use std::collections::BTreeMap;

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
