//! The panel's state at start: the document's own examples (its shipping
//! types, statuses, groups, two clients, ten transactions, two positions).

use super::{Client, Group, HistoryEntry, Position, ShippingType, State, Status, Transaction};
use crate::Personal;

/// The state the document's examples show.
pub(super) fn seeded() -> State {
    let mut state = State {
        tick: 0,
        managers: super::managers::seeded(),
        shipping_types: vec![
            ShippingType {
                id: 1,
                name: "Доставка по городу".into(),
                min_price: 100,
            },
            ShippingType {
                id: 2,
                name: "Доставка до ТК ".into(),
                min_price: 200,
            },
        ],
        statuses: [
            (2, "В работе", "CBFFC9", false, false),
            (4, "Выдано (Отправлено)", "70FF83", false, true),
            (7, "Заказано", "FFFFFF", false, false),
            (3, "Оприходовано офисом", "EDFF78", false, true),
            (6, "Принято", "FAFFB3", false, true),
            (1, "Приостановлено", "BAF8FF", false, false),
            (5, "Снято", "FFBADA", false, true),
        ]
        .into_iter()
        .map(|(id, name, color, sms, email)| Status {
            id,
            name: name.into(),
            color: color.into(),
            sms,
            email,
        })
        .collect(),
        groups: vec![
            Group {
                id: 1,
                name: "Розница - 0%".into(),
                discount: 0,
                comment: String::new(),
            },
            Group {
                id: 2,
                name: "Мелкий опт".into(),
                discount: 5,
                comment: String::new(),
            },
            Group {
                id: 7,
                name: "Мелкий опт - 5% - 5%".into(),
                discount: 5,
                comment: String::new(),
            },
        ],
        clients: vec![
            Client {
                id: 1,
                phone: "1111111111".into(),
                name: "Пупкин Василий Петрович".into(),
                address: " г. Уфа, Бакалинская ул., 23".into(),
                email: "regular@example.com".into(),
                date_added: "2017-01-05 13:03:32.703139".into(),
                date_modified: "2017-01-15 17:28:24.919877".into(),
                legal: None,
                group_id: 1,
                manager_id: 0,
                point_id: 1,
                active: true,
                comment: "Плохой клиент".into(),
                shipping_id: 1,
                balance: 1400,
                debt: 921_100,
                limit: 0,
            },
            Client {
                id: 2,
                phone: "2222222222".into(),
                name: "Сергей Сергеевич".into(),
                address: "ул. Ленина, 48".into(),
                email: "wholesaler@example.com".into(),
                date_added: "2017-01-14 22:50:08.610461".into(),
                date_modified: "2017-01-15 17:31:21.560473".into(),
                legal: Some(
                    [
                        ("type", "ООО"),
                        ("org_name", "Рога и Копыта"),
                        ("inn", "12345678901234"),
                        ("kpp", "987654321"),
                        ("orgn", "456789052"),
                        ("address", "ул. Ленина, 48"),
                        ("bank", "Сбербанк"),
                        ("bik", "00000000000"),
                        ("account", "00000000000"),
                        ("bank_account", "00000000000"),
                    ]
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                ),
                group_id: 2,
                manager_id: 0,
                point_id: 1,
                active: true,
                comment: "Хороший клиент".into(),
                shipping_id: 0,
                balance: 0,
                debt: 0,
                limit: 1_000_000,
            },
        ],
        transactions: Vec::new(),
        positions: Vec::new(),
        next_id: 100,
        next_doc_id: 1,
    };
    for (date, amount, comment) in [
        (
            "2016-12-19 17:57:43.788968",
            -170_700,
            "Оплата позиции PATRON - PSA333222 (1 шт.)",
        ),
        (
            "2016-12-19 17:57:43.788968",
            -310_400,
            "Оплата позиции MONROE - G16768 (1 шт.)",
        ),
        (
            "2016-12-19 17:57:43.788968",
            -298_900,
            "Оплата позиции MONROE - G16768 (1 шт.)",
        ),
        (
            "2016-12-19 17:57:43.788968",
            -298_900,
            "Оплата позиции MONROE - G16287 (1 шт.)",
        ),
        (
            "2017-01-31 00:33:57.630052",
            -27_000,
            "Оплата позиции LYNX1 - PR48620 (1 шт.)",
        ),
        (
            "2017-01-31 00:34:19.715461",
            -27_000,
            "Оплата позиции LYNX - PR48620 (1 шт.)",
        ),
        (
            "2017-01-31 00:34:19.715461",
            -26_600,
            "Оплата позиции LYNX - PR48620 (1 шт.)",
        ),
        (
            "2017-01-31 01:39:46.254441",
            27_000,
            "Отмена оплаты позиции LYNX1 - PR48620 (1 шт.)",
        ),
        (
            "2017-01-31 01:39:50.091795",
            -27_000,
            "Оплата позиции LYNX1 - PR48620 (1 шт.)",
        ),
        (
            "2017-04-11 21:31:24.48985",
            -10_900,
            "Оплата позиции WEEN - 122-2412 (1 шт.)",
        ),
    ] {
        state.transactions.push(Transaction {
            client_id: 1,
            date: date.into(),
            amount,
            comment: comment.into(),
        });
    }
    let history = |entries: &[(&str, u64, &str)]| {
        entries
            .iter()
            .map(|(date, status_id, manager)| HistoryEntry {
                date: (*date).into(),
                status_id: *status_id,
                manager: (*manager).into(),
            })
            .collect()
    };
    state.positions = vec![
        Position {
            id: 19,
            invoice: "NZ-004".into(),
            client_id: 1,
            distributor_id: 3,
            distributor_name: "форум1".into(),
            brand: "UFI".into(),
            article: "30.896.00".into(),
            name: "Воздушный фильтр".into(),
            initial_price: 47_338,
            price: 47_400,
            quantity: 1,
            status_id: 6,
            shipping_id: 1,
            shipping_address: " г. Уфа, Бакалинская ул., 23".into(),
            doc_id: None,
            is_archived: false,
            is_denied: false,
            is_payed: false,
            date_added: "2017-01-15 21:59:28.043621".into(),
            date_modified: "2017-01-15 21:59:28.043621".into(),
            history: history(&[
                ("2017-01-15 18:59:28.000000", 1, "Автоматически"),
                ("2017-01-15 18:59:28.000000", 6, "Автоматически"),
            ]),
        },
        Position {
            id: 20,
            invoice: "NZ-005".into(),
            client_id: 2,
            distributor_id: 3,
            distributor_name: "форум1".into(),
            brand: "KILEN".into(),
            article: "12133".into(),
            name: "Пружина передняя".into(),
            initial_price: 395_807,
            price: 395_900,
            quantity: 1,
            status_id: 3,
            shipping_id: 0,
            shipping_address: String::new(),
            doc_id: None,
            is_archived: false,
            is_denied: false,
            is_payed: false,
            date_added: "2017-01-15 22:02:43.114625".into(),
            date_modified: "2017-01-15 22:02:43.114625".into(),
            history: history(&[
                ("2017-01-15 19:02:43.000000", 1, "Автоматически"),
                ("2017-01-15 19:02:43.000000", 6, "Автоматически"),
                ("2017-01-15 19:23:51.000000", 3, "Владелец Магазина"),
            ]),
        },
    ];
    state
}

/// Every field of `state` that can hold a person's data, empty ones too,
/// given a value from `make`.
pub(super) fn fill_personal(state: &mut State, make: &mut dyn FnMut(Personal) -> String) {
    let mut fill = |field: &mut String, kind| *field = make(kind);
    for client in &mut state.clients {
        fill(&mut client.phone, Personal::Phone);
        fill(&mut client.name, Personal::Name);
        fill(&mut client.address, Personal::Address);
        fill(&mut client.email, Personal::Email);
        fill(&mut client.comment, Personal::Note);
        for (key, value) in client.legal.iter_mut().flatten() {
            let kind = match key.as_str() {
                // The form of incorporation (ООО) is no one's data.
                "type" => continue,
                "org_name" | "bank" => Personal::Name,
                "address" => Personal::Address,
                "account" | "bank_account" => Personal::BankAccount,
                _ => Personal::TaxNumber,
            };
            fill(value, kind);
        }
    }
    for manager in &mut state.managers {
        for (key, kind) in [
            ("name", Personal::Name),
            ("phone", Personal::Phone),
            ("email", Personal::Email),
        ] {
            if let Some(serde_json::Value::String(value)) = manager.get_mut(key) {
                fill(value, kind);
            }
        }
    }
    for position in &mut state.positions {
        fill(&mut position.shipping_address, Personal::Address);
        for entry in &mut position.history {
            fill(&mut entry.manager, Personal::Name);
        }
    }
    for transaction in &mut state.transactions {
        fill(&mut transaction.comment, Personal::Note);
    }
}
