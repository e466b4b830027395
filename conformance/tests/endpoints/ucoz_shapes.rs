// The structures the uCoz document describes beyond its examples, each a
// typed field: goods options in both forms, digital goods, the invoice's
// map and referrer, an order field's auto-registration and map address,
// amounts sent as their display, the text's and the examples' field names,
// and the reference values given as lists (U30–U35).

use shop_apis_core::wire::Money;
use shop_apis_core::{Decimal, Endpoint, ReportUnknown};
use ucoz_proto::*;

use super::support;

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn amount(money: &Option<Money>) -> Option<Decimal> {
    money.as_ref().map(|money| money.amount)
}

fn line(json: &str) -> GoodsLine {
    serde_json::from_str(json).unwrap()
}

/// The documented order shape, from its field tables.
fn constructed_order() -> Box<OrderDetails> {
    let body = support::manifest().read("get_order.200.constructed.json");
    let hash = OrderHash::new("Ab12Cd34%3Bqq").unwrap();
    match GetOrder::new(hash).parse(support::response(200, &body)).unwrap() {
        OrderView::Details(details) => details,
        other => panic!("the documented shape: {other:?}"),
    }
}

/// U30: options as the shop's text, or as the documented object.
#[test]
fn goods_options_text_or_object() {
    let text = line(r#"{"goods_id": "10", "options": "Размер: L"}"#);
    assert_eq!(text.options, Some(GoodsOptions::Text("Размер: L".into())));
    assert_eq!(line(r#"{"goods_id": "10", "options": ""}"#).options, None);

    let order = constructed_order();
    let shirt = order.order_goods.goods.get(&RecordId::new(12)).unwrap();
    let Some(GoodsOptions::Chosen(chosen)) = &shirt.options else {
        panic!("the options object: {:?}", shirt.options)
    };
    assert_eq!(chosen.selected_str.as_deref(), Some("3-1:"));
    let size = chosen.selected_data.get(&3).unwrap();
    assert_eq!((size.name.as_deref(), size.indx), (Some("Размер"), Some(1)));
    let over = size.over.unwrap();
    assert_eq!((over.percent, over.amount), (Some(decimal("4")), decimal("2.00")));
    let all = chosen.all_options_data.get(&3).unwrap();
    let large = all.values.get(&1).unwrap();
    assert_eq!(
        (large.label.as_deref(), large.val, large.percent),
        (Some("L"), Some(decimal("2.00")), Some(decimal("4")))
    );
    assert_eq!(
        (all.use_images, all.as_checkbox, all.as_radio, all.check_first, all.pos),
        (Some(false), Some(false), Some(true), Some(true), Some(1))
    );
    assert!(order.unknown_field_paths().is_empty(), "{:?}", order.unknown_field_paths());
}

/// Digital goods: each product typed, its kind an open set (U35).
#[test]
fn digital_goods_typed() {
    let order = constructed_order();
    let digital = &order.order_digital_goods;
    assert_eq!(digital.cnt, Some(2));
    let book = digital.goods.get(&1).unwrap();
    assert_eq!(
        (book.id, book.kind, book.size, book.art.as_deref()),
        (GoodsId::new(21), Some(GoodsKind::FILE), Some(1_048_576), Some("EB-21"))
    );
    assert_eq!(book.data.as_deref(), Some("http://yoursite.ucoz.ru/shop/dl/21"));
    let code = digital.goods.get(&2).unwrap();
    assert_eq!((code.kind, code.size, code.brand.as_deref()), (Some(GoodsKind::CODE), None, Some("Soft")));
}

/// U31: `delivery_assoc` as flags by id with an `all` switch, or `""`.
#[test]
fn delivery_assoc_flags() {
    let method = |assoc: &str| -> PaymentMethod {
        serde_json::from_str(&format!(r#"{{"name": "Картой", "delivery_assoc": {assoc}}}"#)).unwrap()
    };
    let some = method(r#"{"all": "0", "1": 1, "3": "0"}"#).delivery_assoc;
    assert!(!some.all);
    assert_eq!(some.deliveries.get(&DeliveryId::new(1)), Some(&true));
    assert_eq!(some.deliveries.get(&DeliveryId::new(3)), Some(&false));
    assert!(method(r#"{"all": 1}"#).delivery_assoc.all);
    assert_eq!(method(r#""""#).delivery_assoc, DeliveryAssoc::default());
    let odd = serde_json::from_str::<PaymentMethod>(r#"{"delivery_assoc": {"x": 1}}"#);
    assert!(odd.is_err());
}

/// U32: amounts sent as their display: an invoice's `topay`, a line's `vat`.
#[test]
fn amounts_from_their_display() {
    let body = support::manifest().read("list_invoices.200.repaired.json");
    let list = ListInvoices::default().parse(support::response(200, &body)).unwrap();
    let topay = list.orders[0].payment.topay.as_ref().unwrap();
    assert_eq!((topay.amount, topay.display.as_deref()), (decimal("500.00"), Some("500.00$")));

    let body = support::manifest().read("get_checkout.200.json");
    let CheckoutData::Order(checkout) = GetCheckout::default().parse(support::response(200, &body)).unwrap() else {
        panic!("a basket")
    };
    let goods = &checkout.order_content.as_ref().unwrap().order_goods;
    let vat = goods.get(&RecordId::new(6)).unwrap().vat.as_ref().unwrap();
    assert_eq!((vat.amount, vat.display.as_deref()), (decimal("0.00"), Some("0.00$")));
    assert_eq!(amount(&line(r#"{"goods_id": "1", "vat": "2445.00 руб."}"#).vat), Some(decimal("2445.00")));
    assert!(serde_json::from_str::<GoodsLine>(r#"{"goods_id": "1", "vat": "1.5 за 2"}"#).is_err());
    // A minus after the number may be a negative written the accountants' way.
    assert!(serde_json::from_str::<GoodsLine>(r#"{"goods_id": "1", "vat": "5.00-"}"#).is_err());
}

/// U33: the text's field names and the examples' are both read.
#[test]
fn text_and_example_field_names() {
    let order = constructed_order();
    let data = &order.order_data;
    assert_eq!(data.order_currency.as_ref().unwrap().id, Some(1));
    let delivery = data.order_delivery.as_ref().unwrap();
    assert_eq!((delivery.courier.as_deref(), delivery.delivery_date), (Some("Tom"), None));
    let body = support::manifest().read("add_goods.200.repaired.json");
    let add = AddGoods::new(OrderHash::new("h").unwrap(), GoodsId::new(5));
    let example = add.parse(support::response(200, &body)).unwrap();
    assert_eq!(example.order_data.order_currency.as_ref().unwrap().id, Some(1));
    // A total the shop does not send is absent, not zero (U34).
    assert_eq!((data.order_vat.as_ref(), data.order_discount.as_ref()), (None, None));
    assert_eq!(amount(&data.order_topay), Some(decimal("58")));
}

/// The invoice's map, referrer, and an order field's auto-registration and
/// map address.
#[test]
fn invoice_map_and_field_extras() {
    let body = support::manifest().read("list_invoices.200.constructed.json");
    let list = ListInvoices::default().parse(support::response(200, &body)).unwrap();
    let invoice = &list.orders[0];
    let map = invoice.map.as_ref().unwrap();
    assert_eq!(
        (map.address.as_deref(), map.latitude, map.longitude),
        (Some("Казань, ул. Баумана, 1"), Some(decimal("55.7887")), Some(decimal("49.1221")))
    );
    assert_eq!(invoice.refhost.as_deref(), Some("yandex.ru"));
    assert!(invoice.referer.as_deref().unwrap().starts_with("https://yandex.ru/"));
    assert_eq!(invoice.delivery.courier, None);
    let email = list.order_fields.get(&FieldId::new(2)).unwrap();
    assert_eq!((email.autoreg, email.autoreg_reject), (Some(true), Some(false)));
    let place = list.order_fields.get(&FieldId::new(3)).unwrap();
    assert_eq!(
        (place.kind.clone(), place.addr.as_deref(), place.lat, place.lng),
        (Some(FieldType::GMAPS), Some("Казань, ул. Баумана, 1"), Some(decimal("55.7887")), Some(decimal("49.1221")))
    );
    assert!(list.unknown_field_paths().is_empty(), "{:?}", list.unknown_field_paths());
}

/// U35: `dig`, `afld` and a payment method's `status` as open sets.
#[test]
fn reference_values_typed() {
    let body = support::manifest().read("list_order_fields.200.json");
    let fields = ListOrderFields.parse(support::response(200, &body)).unwrap();
    let phone = fields.get(&FieldId::new(1)).unwrap();
    assert_eq!((phone.dig, phone.afld.clone()), (Some(GoodsKind::ANY), None));
    let address = fields.get(&FieldId::new(2)).unwrap();
    assert_eq!(address.dig, Some(GoodsKind::MATERIAL));
    let linked: OrderField = serde_json::from_str(r#"{"afld": "city", "dig": "3"}"#).unwrap();
    assert_eq!((linked.afld, linked.dig), (Some(UserField::CITY), Some(GoodsKind::SERVICE)));
    let other: OrderField = serde_json::from_str(r#"{"afld": "skype"}"#).unwrap();
    assert_eq!(other.afld, Some(UserField::from_name("skype")));

    let body = support::manifest().read("get_checkout.200.json");
    let CheckoutData::Order(checkout) = GetCheckout::default()
        .parse(support::response(200, &body))
        .unwrap()
    else {
        panic!("a basket")
    };
    assert!(!checkout.payment_list.is_empty());
    assert!(
        checkout
            .payment_list
            .values()
            .all(|m| m.status == Some(PaymentStatus::ACTIVE))
    );
    let body = support::manifest().read("list_payment_methods.200.json");
    let methods = ListPaymentMethods.parse(support::response(200, &body)).unwrap();
    assert!(methods.values().all(|m| m.status.is_none() && m.delivery_assoc.all));
}
