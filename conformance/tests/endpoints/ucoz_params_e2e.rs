//! uCoz end to end, by effect: the parameters whose effect the document
//! describes (promo code, custom delivery charge, map address,
//! auto-registration, the invoice list's filters and sorts, the basket
//! filters), each checked through every adapter. The emulator's readings are
//! in its modules (`crates/shop-apis-emulator/src/ucoz/`); the records named are its
//! seed's.

use shop_apis_core::Decimal;
use shop_apis_core::Paged;
use ucoz_proto::*;

use crate::ucoz_e2e::{Run, amount, hash1, order};

/// `scenario` through each adapter, bodies url-encoded.
fn each_adapter(scenario: impl Fn(&Run)) {
    crate::ucoz_e2e::each_adapter(BodyForm::UrlEncoded, scenario);
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn unplaced(data: CheckoutData) -> Box<Checkout> {
    match data {
        CheckoutData::Order(checkout) => checkout,
        other => panic!("an unplaced order, not {other:?}"),
    }
}

/// Goods, delivery charge, total, discount, to pay.
fn sums(checkout: &Checkout) -> [Decimal; 5] {
    let data = totals(checkout);
    [
        amount(&data.order_amount),
        // Absent when the delivery sets no charge (`002`:83): no charge here;
        // `get_checkout::end_to_end::no_delivery_charge_no_order_tax` checks it is absent.
        data.order_tax
            .as_ref()
            .map_or(Decimal::ZERO, |tax| tax.amount),
        amount(&data.order_total),
        amount(&data.order_discount),
        amount(&data.order_topay),
    ]
}

/// The unplaced order's totals, which the emulator always sends.
fn totals(checkout: &Checkout) -> &OrderTotals {
    checkout.order_data.as_ref().expect("totals")
}

/// A map address as the emulator writes it: its text, latitude, longitude.
fn map_of(invoice: &Invoice) -> (Option<String>, Option<Decimal>, Option<Decimal>) {
    let map = invoice.map.as_ref().expect("a map section");
    (map.address.clone(), map.latitude, map.longitude)
}

/// The fields every placed order needs.
fn required() -> OrderChoices {
    OrderChoices::default()
        .field(FieldId::new(1), "+7 900 000 00 05")
        .field(FieldId::new(2), "Москва, Тверская 5")
}

/// The ids of a list's orders, in its order.
fn listed(list: &Invoices) -> Vec<u64> {
    list.orders.iter().map(|i| i.id.get()).collect()
}

/// The invoices matching `list`, all on one page.
fn matching(run: &Run, list: ListInvoices) -> Vec<u64> {
    let answer = run.ok(&list);
    assert_eq!(
        answer.count,
        Some(answer.orders.len() as u64),
        "{:?}",
        run.adapter
    );
    listed(&answer)
}

/// `YYYY-MM-DD`.
fn date_of(text: &str) -> time::Date {
    let [y, m, d]: [u16; 3] = text
        .split('-')
        .map(|n| n.parse().unwrap())
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    let month = time::Month::try_from(m as u8).unwrap();
    time::Date::from_calendar_date(i32::from(y), month, d as u8).unwrap()
}

/// A whole day, `YYYY-MM-DD`.
fn day(text: &str) -> DateTimeBound {
    DateTimeBound::Day(date_of(text))
}

/// A moment, `YYYY-MM-DD HH:MI:SS`.
fn at(text: &str) -> DateTimeBound {
    let (date, clock) = text.split_once(' ').unwrap();
    let [h, m, s]: [u8; 3] = clock
        .split(':')
        .map(|n| n.parse().unwrap())
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    let clock = time::Time::from_hms(h, m, s).unwrap();
    DateTimeBound::At(time::PrimitiveDateTime::new(date_of(date), clock))
}

fn period(from: DateTimeBound, to: DateTimeBound) -> Range<DateTimeBound> {
    Range { from, to }
}

/// A promo code the shop knows takes 10 % off the goods until the order is
/// placed; an unknown one takes nothing off and says so.
pub fn promo_code_discounts_the_order() {
    each_adapter(|run| {
        let code = || GetCheckout::default().promo_code("EMULATOR10");
        let with_code = unplaced(run.ok(&code()));
        assert_eq!(
            sums(&with_code),
            ["51", "0", "51", "5.1", "45.9"].map(dec),
            "{:?}",
            run.adapter
        );
        assert_eq!(totals(&with_code).order_notice.notice_err, None);
        // Kept with the order, and worked out again as it changes.
        assert_eq!(
            sums(&unplaced(run.ok(&GetCheckout::default())))[3],
            dec("5.1")
        );
        let three = unplaced(run.ok(&RecalcCheckout::default().count(RecordId::new(6), 3)));
        assert_eq!(sums(&three), ["153", "0", "153", "15.3", "137.7"].map(dec));
        let unknown = unplaced(run.ok(&GetCheckout::default().promo_code("NOPE")));
        assert_eq!(sums(&unknown), ["153", "0", "153", "0", "153"].map(dec));
        assert_eq!(
            totals(&unknown).order_notice.notice_err.as_deref(),
            Some("Промокод не найден")
        );
        run.ok(&code());
        let removed = unplaced(run.ok(&GetCheckout::default().promo_code("")));
        assert_eq!(sums(&removed)[3..], ["0", "153"].map(dec));
        assert_eq!(totals(&removed).order_notice.notice_err, None);
    });
}

/// `custom_delivery_tax` on the checkout's GET is kept, and counted only
/// while the delivery method takes its charge from the external calculator
/// (method 4).
pub fn custom_delivery_tax_for_the_current_delivery() {
    each_adapter(|run| {
        let tax = |amount: &str| GetCheckout::default().custom_delivery_tax(dec(amount));
        // Method 1, the default, has no external calculator.
        let pickup = unplaced(run.ok(&tax("350")));
        assert_eq!(sums(&pickup), ["51", "0", "51", "0", "51"].map(dec));
        let courier = unplaced(run.ok(&ChangeCheckout(
            OrderChoices::default().delivery(DeliveryId::new(4)),
        )));
        assert_eq!(sums(&courier), ["51", "350", "401", "0", "401"].map(dec));
        assert_eq!(
            courier
                .delivery_list
                .get(&DeliveryId::new(4))
                .unwrap()
                .module
                .as_deref(),
            Some("external")
        );
        assert_eq!(
            sums(&unplaced(run.ok(&tax("120.5"))))[1..3],
            ["120.5", "171.5"].map(dec)
        );
    });
}

/// `custom_delivery_tax` with a change follows the delivery chosen: counted
/// for the external calculator's method, not for the others.
pub fn custom_delivery_tax_follows_the_delivery() {
    each_adapter(|run| {
        let change = |delivery: u64| {
            unplaced(
                run.ok(&ChangeCheckout(
                    OrderChoices::default()
                        .delivery(DeliveryId::new(delivery))
                        .custom_delivery_tax(dec("250")),
                )),
            )
        };
        assert_eq!(sums(&change(4)), ["51", "250", "301", "0", "301"].map(dec));
        assert_eq!(sums(&change(2)), ["51", "0", "51", "0", "51"].map(dec));
        let back = unplaced(run.ok(&ChangeCheckout(
            OrderChoices::default().delivery(DeliveryId::new(4)),
        )));
        assert_eq!(sums(&back)[1], dec("250"), "{:?}", run.adapter);
    });
}

/// `gmap_a`, `gmap_s`, `gmap_d` fill the form's `gmaps` field (7): its
/// `addr`, `lat`, `lng`, in place of a `sel_val`.
pub fn map_address_fills_the_gmaps_field() {
    each_adapter(|run| {
        let map_field = |checkout: &Checkout| {
            let field = checkout.order_fields.get(&FieldId::new(7)).unwrap().clone();
            assert_eq!(
                (field.kind.clone(), field.sel_val.clone()),
                (Some(FieldType::GMAPS), None)
            );
            (field.addr.clone(), field.lat, field.lng)
        };
        let seeded = unplaced(run.ok(&GetCheckout::default()));
        assert_eq!(map_field(&seeded), (None, None, None));
        let address = MapAddress::new("Москва, Тверская 1").at(dec("55.7575"), dec("37.6130"));
        let changed = unplaced(run.ok(&ChangeCheckout(OrderChoices::default().map(address))));
        assert_eq!(
            map_field(&changed),
            (
                Some("Москва, Тверская 1".to_owned()),
                Some(dec("55.7575")),
                Some(dec("37.6130"))
            ),
            "{:?}",
            run.adapter
        );
        // A new address without its point has none.
        let moved = unplaced(run.ok(&ChangeCheckout(
            OrderChoices::default().map(MapAddress::new("Казань")),
        )));
        assert_eq!(map_field(&moved), (Some("Казань".to_owned()), None, None));
    });
}

/// The promo code and the external delivery charge reach the placed
/// invoice: its discount, charge and amount to pay.
pub fn promo_code_and_delivery_tax_reach_the_invoice() {
    each_adapter(|run| {
        run.ok(&GetCheckout::default().promo_code("EMULATOR10"));
        let choices = required()
            .delivery(DeliveryId::new(4))
            .custom_delivery_tax(dec("350"));
        run.ok(&PlaceOrder::new(choices));
        let invoice = run.invoice(5);
        assert_eq!(invoice.amount, Some(dec("51")), "{:?}", run.adapter);
        assert_eq!(invoice.discount.sum, Some(dec("5.10")));
        assert_eq!(invoice.discount.promo_code.as_deref(), Some("EMULATOR10"));
        assert_eq!(invoice.discount.promo_group.as_deref(), Some("percent"));
        assert_eq!(invoice.delivery.tax, Some(dec("350")));
        let topay = invoice.payment.topay.as_ref().unwrap();
        assert_eq!(
            (topay.amount, topay.display.as_deref()),
            (dec("395.90"), Some("395.90$"))
        );
        let details = run.details(&invoice.order_hash);
        let data = &details.order_data;
        assert_eq!(
            [
                amount(&data.order_amount),
                amount(&data.order_delivery.as_ref().unwrap().tax),
                amount(&data.order_total),
                amount(&data.order_discount),
                amount(&data.order_topay),
            ],
            ["51", "350", "401", "5.1", "395.9"].map(dec)
        );
        assert_eq!(
            data.order_discount
                .as_ref()
                .unwrap()
                .other
                .value("promo_code")
                .unwrap(),
            "EMULATOR10"
        );
        // Placed, the order takes the code and the charge with it.
        assert!(matches!(order(run), CheckoutData::Empty { .. }));
        let seeded = run.invoice(2);
        assert_eq!(
            (seeded.discount.promo_code, seeded.delivery.tax),
            (None, Some(Decimal::ZERO))
        );
    });
}

/// The map address reaches the placed invoice: the `gmaps` field's value,
/// and the list's `map` section with its point.
pub fn map_address_reaches_the_invoice() {
    each_adapter(|run| {
        let (lat, lng) = (dec("55.7575"), dec("37.6130"));
        let choices = required().map(MapAddress::new("Москва, Тверская 1").at(lat, lng));
        run.ok(&PlaceOrder::new(choices));
        let invoice = run.invoice(5);
        assert_eq!(
            invoice.fields.get(&FieldId::new(7)).map(String::as_str),
            Some("Москва, Тверская 1"),
            "{:?}",
            run.adapter
        );
        assert_eq!(
            map_of(&invoice),
            (Some("Москва, Тверская 1".to_owned()), Some(lat), Some(lng))
        );
        assert_eq!(map_of(&run.invoice(1)), (None, None, None));
    });
}

/// `shop_autoreg=1` with an e-mail in the form's e-mail field (6) registers
/// the guest whose basket it is; without either, the order stays a guest's.
pub fn auto_register_registers_the_guest() {
    let place = |email: Option<&str>, register: Option<bool>| {
        let placed = std::cell::RefCell::new(Vec::new());
        each_adapter(|run| {
            let checkout = unplaced(run.ok(&GetCheckout::default()));
            assert_eq!(totals(&checkout).order_uid, Some(0), "a guest's basket");
            let field = checkout.order_fields.get(&FieldId::new(6)).unwrap();
            assert_eq!(field.kind, Some(FieldType::EMAIL));
            assert_eq!(
                (field.autoreg, field.autoreg_reject),
                (Some(true), Some(true))
            );
            let mut choices = required();
            if let Some(email) = email {
                choices = choices.field(FieldId::new(6), email);
            }
            let mut order = PlaceOrder::new(choices);
            order.auto_register = register;
            run.ok(&order);
            let invoice = run.invoice(5);
            placed
                .borrow_mut()
                .push((invoice.uid, invoice.user, invoice.rem.unwrap_or_default()));
        });
        let placed = placed.into_inner();
        let first = placed[0].clone();
        assert!(placed.iter().all(|p| *p == first), "{placed:?}");
        first
    };
    let (uid, user, log) = place(Some("buyer@example.com"), Some(true));
    assert_eq!((uid, user.as_deref()), (Some(12), Some("buyer")));
    assert!(log.contains("Пользователь buyer оформил заказ"), "{log}");
    // The address of a user the site has: that user.
    let known = place(Some("test@test.ru"), Some(true));
    assert_eq!((known.0, known.1.as_deref()), (Some(6), Some("testtest")));
    // A login taken by another address: the new id after it.
    let taken = place(Some("testtest@example.org"), Some(true));
    assert_eq!(
        (taken.0, taken.1.as_deref()),
        (Some(12), Some("testtest12"))
    );
    for (email, register) in [
        (Some("buyer@example.com"), Some(false)),
        (Some("buyer@example.com"), None),
        (None, Some(true)),
    ] {
        let (uid, user, log) = place(email, register);
        assert_eq!((uid, user), (Some(0), None), "{email:?} {register:?}");
        assert!(log.contains("Пользователь оформил заказ"), "{log}");
    }
}

/// `user` keeps one user's invoices, and `order_uids` names the users of
/// the selection.
pub fn user_filter() {
    each_adapter(|run| {
        let all = run.ok(&ListInvoices::default());
        assert_eq!(all.order_uids, [1, 6, 8], "{:?}", run.adapter);
        let eight = run.ok(&ListInvoices::default().user(8));
        assert_eq!((listed(&eight), eight.order_uids), (vec![3], vec![8]));
        assert_eq!(matching(run, ListInvoices::default().user(1)), [1, 2]);
        assert_eq!(matching(run, ListInvoices::default().user(6)), [4]);
        let nobody = run.ok(&ListInvoices::default().user(99));
        assert_eq!((nobody.count, nobody.order_uids.len()), (Some(0), 0));
    });
}

/// `date` keeps the invoices added in the period, read on the shop's clock
/// (UTC+3), a bare day spanning the whole day.
pub fn placed_between_filter() {
    each_adapter(|run| {
        let placed = |from, to| {
            matching(
                run,
                ListInvoices::default().placed_between(period(from, to)),
            )
        };
        // Invoice 1 was added at 01:05 on 21 March in the shop, 22:05 on the
        // 20th in UTC.
        assert_eq!(
            placed(day("2016-03-21"), day("2016-03-21")),
            [1],
            "{:?}",
            run.adapter
        );
        assert_eq!(
            placed(day("2016-03-20"), day("2016-03-20")),
            Vec::<u64>::new()
        );
        assert_eq!(placed(day("2016-03-22"), day("2016-03-22")), [3, 4]);
        assert_eq!(
            placed(at("2016-03-22 12:00:00"), at("2016-03-23 12:00:00")),
            [2, 4]
        );
        assert_eq!(
            placed(at("2016-03-21 01:05:35"), at("2016-03-21 01:05:35")),
            [1]
        );
        assert_eq!(placed(day("2016-01-01"), day("2016-12-31")), [1, 2, 3, 4]);
    });
}

/// `cdate` keeps the invoices whose delivery date is in the period; an
/// invoice without one (1, 2) never is.
pub fn delivered_between_filter() {
    each_adapter(|run| {
        let delivered = |from, to| {
            matching(
                run,
                ListInvoices::default().delivered_between(period(from, to)),
            )
        };
        assert_eq!(
            delivered(day("2016-04-01"), day("2016-04-10")),
            [3],
            "{:?}",
            run.adapter
        );
        assert_eq!(delivered(day("2016-04-01"), day("2016-04-30")), [3, 4]);
        assert_eq!(delivered(day("2016-04-12"), day("2016-04-12")), [4]);
        // 12:00 in the shop is 09:00 UTC.
        assert_eq!(
            delivered(at("2016-04-07 12:00:00"), at("2016-04-07 12:00:00")),
            [3]
        );
        assert_eq!(
            delivered(at("2016-04-12 18:00:01"), day("2016-12-31")),
            Vec::<u64>::new()
        );
        assert_eq!(delivered(day("2000-01-01"), day("2100-12-31")), [3, 4]);
        let date = run.invoice(3).delivery.delivery_date;
        assert_eq!(date, Some(time::macros::datetime!(2016-04-07 09:00 UTC)));
    });
}

/// Every sort field orders as asked, both ways, ties by id. Invoice 5 is
/// placed first, a guest's: no login, five goods, 255.00, methods 3 and 2.
pub fn sort_by_every_field_both_ways() {
    each_adapter(|run| {
        run.ok(&RecalcCheckout::default().count(RecordId::new(6), 5));
        run.ok(&PlaceOrder::new(
            required()
                .payment(PaymentId::new(3))
                .delivery(DeliveryId::new(2)),
        ));
        let cases: [(SortField, [u64; 5], [u64; 5]); 9] = [
            (SortField::Id, [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]),
            (SortField::User, [5, 1, 2, 4, 3], [3, 4, 1, 2, 5]),
            (SortField::Count, [1, 2, 4, 3, 5], [5, 3, 4, 1, 2]),
            (SortField::Amount, [2, 4, 5, 1, 3], [3, 1, 5, 4, 2]),
            (SortField::Status, [1, 2, 5, 4, 3], [3, 4, 1, 2, 5]),
            (SortField::Added, [1, 3, 4, 2, 5], [5, 2, 4, 3, 1]),
            (SortField::Modified, [1, 4, 2, 3, 5], [5, 3, 2, 4, 1]),
            (SortField::Payment, [2, 4, 1, 3, 5], [3, 5, 1, 2, 4]),
            (SortField::Delivery, [2, 4, 3, 5, 1], [1, 3, 5, 2, 4]),
        ];
        for (field, ascending, descending) in cases {
            for (desc, expected) in [(false, ascending), (true, descending)] {
                assert_eq!(
                    listed(&run.ok(&ListInvoices::default().sort(field, desc))),
                    expected,
                    "{:?}: {field:?}, descending {desc}",
                    run.adapter
                );
            }
        }
    });
}

/// `gmap_a`, `gmap_s`, `gmap_d` on the `gmaps` field of a placed invoice
/// set its `map` section; an address without its point clears the point.
pub fn map_point_of_the_gmaps_field() {
    each_adapter(|run| {
        let map = FieldValue::Map(MapAddress::new("Тверская 1").at(dec("55.75"), dec("37.61")));
        run.ok(&ChangeOrderField::new(hash1(), FieldId::new(7), map));
        assert_eq!(
            map_of(&run.invoice(1)),
            (
                Some("Тверская 1".to_owned()),
                Some(dec("55.75")),
                Some(dec("37.61"))
            ),
            "{:?}",
            run.adapter
        );
        let bare = FieldValue::Map(MapAddress::new("Арбат 2"));
        run.ok(&ChangeOrderField::new(hash1(), FieldId::new(7), bare));
        assert_eq!(
            map_of(&run.invoice(1)),
            (Some("Арбат 2".to_owned()), None, None)
        );
    });
}

/// The users whose baskets match `list`, ascending, all on one page.
fn baskets_of(run: &Run, list: ListBaskets) -> Vec<u64> {
    let answer = run.ok(&list);
    assert_eq!(
        answer.paginator_count,
        Some(answer.users_baskets.len() as u64),
        "{:?}",
        run.adapter
    );
    let mut users: Vec<u64> = answer.users_baskets.keys().copied().collect();
    users.sort_unstable();
    users
}

const NONE: [u64; 0] = [];

/// `f_users_ids`: these users' baskets.
pub fn user_ids_filter() {
    each_adapter(|run| {
        let of =
            |ids: &[u64]| baskets_of(run, ListBaskets::default().user_ids(ids.iter().copied()));
        assert_eq!(of(&[6, 11]), [6, 11], "{:?}", run.adapter);
        assert_eq!(of(&[8]), [8]);
        assert_eq!(of(&[1]), NONE);
    });
}

/// `f_user_login`: a login, in Base64, whole or as a mask (`*`, `?`), case
/// ignored.
pub fn user_login_exact_and_masks() {
    each_adapter(|run| {
        let of = |login: &str| {
            baskets_of(
                run,
                ListBaskets::default().user_login(LoginFilter::new(login).unwrap()),
            )
        };
        assert_eq!(of("ad*"), [11], "{:?}", run.adapter);
        assert_eq!(of("testtest"), [6]);
        assert_eq!(of("TESTTEST"), [6]);
        assert_eq!(of("test????"), [6]);
        assert_eq!(of("test???"), NONE);
        assert_eq!(of("*0222"), [8]);
        assert_eq!(of("ucozt022"), NONE);
        assert_eq!(of("*"), [6, 8, 11]);
    });
}

/// `f_user_group`: the baskets of one user group.
pub fn user_group_filter() {
    each_adapter(|run| {
        let of = |group| baskets_of(run, ListBaskets::default().user_group(group));
        assert_eq!(of(4), [6, 11], "{:?}", run.adapter);
        assert_eq!(of(1), [8]);
        assert_eq!(of(2), NONE);
    });
}

/// `f_goods_ids`: the baskets holding any of the goods.
pub fn goods_ids_filter() {
    each_adapter(|run| {
        let of = |ids: &[u64]| {
            baskets_of(
                run,
                ListBaskets::default().goods_ids(ids.iter().copied().map(GoodsId::new)),
            )
        };
        assert_eq!(of(&[7]), [8, 11], "{:?}", run.adapter);
        assert_eq!(of(&[9]), [6]);
        assert_eq!(of(&[9, 8]), [6, 8]);
        assert_eq!(of(&[999]), NONE);
    });
}

/// `f_goods_count_mode` and `f_goods_count`, every mode, on the sum of the
/// lines' counts (6 and 8: two goods, 11: four).
pub fn goods_count_every_mode() {
    each_adapter(|run| {
        let n = |v: i64| Decimal::from(v);
        let of = |condition| baskets_of(run, ListBaskets::default().goods_count(condition));
        let all = run.ok(&ListBaskets::default());
        assert_eq!(
            all.users_baskets.get(&11).unwrap().user_basket_items_cnt,
            Some(4)
        );
        let cases: [(Compare, &[u64]); 12] = [
            (Compare::Eq(n(2)), &[6, 8]),
            (Compare::Neq(n(2)), &[11]),
            (Compare::Gr(n(2)), &[11]),
            (Compare::Greq(n(2)), &[6, 8, 11]),
            (Compare::Greq(n(4)), &[11]),
            (Compare::Les(n(4)), &[6, 8]),
            (Compare::Leq(n(2)), &[6, 8]),
            (Compare::Leq(n(1)), &[]),
            (Compare::Between(n(2), n(3)), &[6, 8]),
            (Compare::Between(n(3), n(4)), &[11]),
            (Compare::Outside(n(2), n(3)), &[11]),
            (Compare::Outside(n(1), n(4)), &[]),
        ];
        for (condition, expected) in cases {
            assert_eq!(of(condition), expected, "{:?}: {condition:?}", run.adapter);
        }
    });
}

/// `f_price_mode` and `f_price`, every mode, on the basket's total (6:
/// 52.00, 8: 210.00, 11: 253.00).
pub fn price_every_mode() {
    each_adapter(|run| {
        let of = |condition| baskets_of(run, ListBaskets::default().price(condition));
        let cases: [(Compare, &[u64]); 11] = [
            (Compare::Eq(dec("52")), &[6]),
            (Compare::Neq(dec("52")), &[8, 11]),
            (Compare::Gr(dec("210")), &[11]),
            (Compare::Greq(dec("210")), &[8, 11]),
            (Compare::Les(dec("210")), &[6]),
            (Compare::Leq(dec("210")), &[6, 8]),
            (Compare::Leq(dec("51.99")), &[]),
            (Compare::Between(dec("52"), dec("210")), &[6, 8]),
            (Compare::Between(dec("52.01"), dec("252.99")), &[8]),
            (Compare::Outside(dec("52"), dec("210")), &[11]),
            (Compare::Outside(dec("51.99"), dec("253")), &[]),
        ];
        for (condition, expected) in cases {
            assert_eq!(of(condition), expected, "{:?}: {condition:?}", run.adapter);
        }
    });
}

/// `f_date`: the users last on the site in the period, on the shop's clock
/// (UTC+3): user 8 came at 01:26 on 10 September there, 22:26 on the 9th in
/// UTC.
pub fn last_visit_in_the_shop_s_days() {
    each_adapter(|run| {
        let of = |from, to| baskets_of(run, ListBaskets::default().last_visit(period(from, to)));
        assert_eq!(
            of(day("2020-09-10"), day("2020-09-30")),
            [8],
            "{:?}",
            run.adapter
        );
        assert_eq!(of(day("2020-08-01"), day("2020-09-09")), [11]);
        assert_eq!(of(day("2020-10-01"), day("2020-10-01")), [6]);
        assert_eq!(of(at("2020-10-01 13:47:58"), day("2020-12-31")), NONE);
        assert_eq!(of(day("2020-01-01"), day("2020-12-31")), [6, 8, 11]);
    });
}

/// `page` and `per_page`: the baskets by descending user id, a page at a
/// time, with the filters applied first.
pub fn pages_of_baskets() {
    each_adapter(|run| {
        let first = run.ok(&ListBaskets::default().per_page(1));
        assert_eq!(
            (
                first.paginator_count,
                first.paginator_pages_cnt,
                first.paginator_per_page
            ),
            (Some(3), Some(3), Some(1)),
            "{:?}",
            run.adapter
        );
        let mut seen = Vec::new();
        let mut list = Some(ListBaskets::default().per_page(1));
        while let Some(page) = list {
            let answer = run.ok(&page);
            seen.extend(answer.users_baskets.keys().copied());
            list = page.next_page(&answer);
        }
        assert_eq!(seen, [11, 8, 6]);
        let second = run.ok(&ListBaskets::default().per_page(2).page(2));
        assert_eq!(
            (
                second.paginator_page,
                second.users_baskets.keys().copied().collect::<Vec<_>>()
            ),
            (Some(2), vec![6])
        );
        let admins = run.ok(&ListBaskets::default().user_group(4).per_page(1));
        assert_eq!(
            (admins.paginator_count, admins.paginator_pages_cnt),
            (Some(2), Some(2))
        );
    });
}
