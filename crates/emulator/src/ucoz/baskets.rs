//! Abandoned baskets (`/shop/usersbasket/`).

use serde_json::{Value, json};

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
