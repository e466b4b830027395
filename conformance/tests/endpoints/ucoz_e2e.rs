//! uCoz end to end: each endpoint built, signed with the adapter's time and
//! nonce, sent through every adapter to the emulator (which verifies the
//! signature as uCoz's helper computes it), and parsed. One scenario per
//! endpoint, then one case per parameter whose effect the document
//! describes, each adapter on a fresh emulator.

use adapter_core::{CountingNonce, Error, FixedClock};
use emulator::Api;
use proto_core::{ApiError, BaseUrl, Decimal, Endpoint};
use ucoz_proto::*;

use crate::harness::{self, Adapter, Harness};

fn each_adapter(scenario: impl Fn(&Run)) {
    for adapter in Adapter::ALL {
        let harness = Harness::start();
        let site = oauth_site(&harness);
        scenario(&Run {
            harness,
            adapter,
            site,
        });
    }
}

/// The emulator's site, signed with its OAuth credentials.
pub fn oauth_site(harness: &Harness) -> Ucoz {
    let ucoz = harness.emulator.ucoz();
    Ucoz::new(
        BaseUrl::parse(&harness.emulator.base_url(Api::Ucoz)).unwrap(),
        Auth::OAuth1(
            OAuthCredentials::new(
                ucoz.consumer_key(),
                ucoz.consumer_secret(),
                ucoz.token(),
                ucoz.token_secret(),
            )
            .unwrap(),
        ),
    )
}

struct Run {
    harness: Harness,
    adapter: Adapter,
    site: Ucoz,
}

impl Run {
    fn call<E: Endpoint<Api = Ucoz>>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.harness.call(self.adapter, &self.site, endpoint)
    }

    fn ok<E: Endpoint<Api = Ucoz>>(&self, endpoint: &E) -> E::Output {
        self.call(endpoint)
            .unwrap_or_else(|e| panic!("{:?}: {}", self.adapter, proto_core::report(&e)))
    }

    fn refused<E>(&self, endpoint: &E) -> ApiError
    where
        E: Endpoint<Api = Ucoz>,
        E::Output: std::fmt::Debug,
    {
        match self.call(endpoint) {
            Err(Error::Protocol(proto_core::Error::Api { source, .. })) => source,
            other => panic!("{:?}: expected a refusal, got {other:?}", self.adapter),
        }
    }

    fn invoice(&self, id: u64) -> Invoice {
        let list = self.ok(&ListInvoices::default().ids([InvoiceId::new(id)]));
        list.orders.into_iter().next().expect("the invoice exists")
    }

    fn details(&self, hash: &OrderHash) -> Box<OrderDetails> {
        match self.ok(&GetOrder::new(hash.clone())) {
            OrderView::Details(details) => details,
            other => panic!("{other:?}"),
        }
    }
}

fn hash1() -> OrderHash {
    OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo").unwrap()
}

fn order(run: &Run) -> CheckoutData {
    run.ok(&GetCheckout::default())
}

pub fn get_checkout() {
    each_adapter(|run| {
        let CheckoutData::Order(checkout) = order(run) else {
            panic!("a basket")
        };
        assert_eq!(checkout.num_entries, 1);
        let line = checkout
            .order_content
            .order_goods
            .get(&RecordId::new(6))
            .unwrap();
        assert_eq!(
            (line.goods_id, line.price.amount),
            (GoodsId::new(10), 51.into())
        );
        assert_eq!(line.cat.name.as_deref(), Some("Одежда"));
        assert_eq!(checkout.order_data.order_topay.amount, 51.into());
        assert_eq!(checkout.delivery_list.len(), 4);
        assert!(
            checkout
                .payment_list
                .get(&PaymentId::new(3))
                .unwrap()
                .delivery_assoc
                .deliveries
                .get(&DeliveryId::new(1))
                .copied()
                .unwrap()
        );

        // Authentication, as the emulator verifies it.
        let ucoz = run.harness.emulator.ucoz();
        let wrong = Ucoz::new(
            run.site.base_url().clone(),
            Auth::OAuth1(
                OAuthCredentials::new(
                    ucoz.consumer_key(),
                    "not-the-secret",
                    ucoz.token(),
                    ucoz.token_secret(),
                )
                .unwrap(),
            ),
        );
        let error = run
            .harness
            .call(run.adapter, &wrong, &GetCheckout::default())
            .unwrap_err();
        let refusal = match error.protocol() {
            Some(proto_core::Error::Api { source, .. }) => source.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            (refusal.status.as_u16(), refusal.message.as_deref()),
            (401, Some("Invalid signature"))
        );
        let bearer = Ucoz::new(
            run.site.base_url().clone(),
            Auth::bearer(ucoz.bearer()).unwrap(),
        );
        assert!(
            run.harness
                .call(run.adapter, &bearer, &GetCheckout::default())
                .is_ok()
        );
    });
}

/// A stale timestamp and a reused nonce are refused, whatever the adapter.
pub fn stale_and_replayed_requests_are_refused() {
    let config = harness::config();
    let stale = Harness::with_stamps(
        config.clone(),
        || FixedClock::at_unix(1_000_000_000),
        adapter_core::RandomNonce::default,
    );
    let site = oauth_site(&stale);
    for adapter in Adapter::ALL {
        let error = stale
            .call(adapter, &site, &ListDeliveryMethods)
            .unwrap_err();
        assert!(
            proto_core::report(&error).contains("Stale timestamp"),
            "{adapter:?}: {error}"
        );
    }
    // Every client counts its nonces from n-1: the second client's first
    // nonce repeats the first client's.
    let replay = Harness::with_stamps(
        config,
        || adapter_core::SystemClock,
        || CountingNonce::new("n"),
    );
    let site = oauth_site(&replay);
    assert!(
        replay
            .call(Adapter::Reqwest, &site, &ListDeliveryMethods)
            .is_ok()
    );
    let error = replay
        .call(Adapter::Hyper, &site, &ListDeliveryMethods)
        .unwrap_err();
    assert!(
        proto_core::report(&error).contains("Nonce already used"),
        "{error}"
    );
}

pub fn recalc_checkout() {
    each_adapter(|run| {
        let CheckoutData::Order(checkout) =
            run.ok(&RecalcCheckout::default().count(RecordId::new(6), 3))
        else {
            panic!()
        };
        assert_eq!(checkout.order_data.order_amount.amount, 153.into());
        let empty = run.ok(&RecalcCheckout::default().remove(RecordId::new(6)));
        assert_eq!(
            empty,
            CheckoutData::Empty {
                msg: "Ваша корзина пуста".into()
            }
        );
    });
}

pub fn change_checkout() {
    each_adapter(|run| {
        let choices = OrderChoices::default()
            .payment(PaymentId::new(2))
            .delivery(DeliveryId::new(3))
            .field(FieldId::new(1), "+7 (900) 000-00-01");
        let CheckoutData::Order(checkout) = run.ok(&ChangeCheckout(choices)) else {
            panic!()
        };
        assert_eq!(checkout.current_payment_id, Some(PaymentId::new(2)));
        assert_eq!(checkout.current_delivery_id, Some(DeliveryId::new(3)));
        assert_eq!(
            checkout
                .order_fields
                .get(&FieldId::new(1))
                .unwrap()
                .sel_val
                .as_deref(),
            Some("+7 (900) 000-00-01")
        );
        let bad = run.refused(&ChangeCheckout(
            OrderChoices::default().payment(PaymentId::new(99)),
        ));
        assert_eq!(bad.message.as_deref(), Some("Неизвестный способ оплаты"));
    });
}

/// Checkout walks the basket through recalc and change into a new invoice.
pub fn place_order() {
    each_adapter(|run| {
        run.ok(&RecalcCheckout::default().count(RecordId::new(6), 2));
        let missing = run.refused(&PlaceOrder::new(OrderChoices::default()));
        assert!(missing.message.unwrap().contains("Контактный телефон"));
        let choices = OrderChoices::default()
            .delivery(DeliveryId::new(3))
            .field(FieldId::new(1), "+7 900 000 00 01")
            .field(FieldId::new(2), "Москва, Тверская 1 & ~кв. 5");
        let placed = run.ok(&PlaceOrder::new(choices).auto_register(false));
        assert_eq!(placed.msg.as_deref(), Some("Ваш заказ успешно оформлен"));
        assert_eq!(run.harness.emulator.ucoz().invoice_ids(), [1, 2, 3, 4, 5]);
        let invoice = run.invoice(5);
        assert_eq!(
            (invoice.cnt, invoice.amount),
            (2, "102.00".parse().unwrap())
        );
        assert_eq!(
            invoice.fields.get(&FieldId::new(2)).map(String::as_str),
            Some("Москва, Тверская 1 & ~кв. 5")
        );
        assert!(matches!(order(run), CheckoutData::Empty { .. }));
    });
}

pub fn list_invoices() {
    each_adapter(|run| {
        let all = run.ok(&ListInvoices::default());
        assert_eq!((all.count, all.pages_cnt, all.orders.len()), (4, 1, 4));
        assert_eq!(
            all.order_status
                .get(&OrderStatus::Other(10))
                .map(String::as_str),
            Some("Обработка оплаты")
        );
        let sorted = run.ok(&ListInvoices::default().sort(SortField::Amount, true));
        assert_eq!(
            sorted.orders.iter().map(|i| i.id.get()).collect::<Vec<_>>(),
            [3, 1, 4, 2]
        );
        let cheap = run.ok(&ListInvoices::default().sum_between(Range {
            from: Decimal::ZERO,
            to: 100.into(),
        }));
        assert_eq!(
            cheap.orders.iter().map(|i| i.id.get()).collect::<Vec<_>>(),
            [2]
        );
        let paged = run.ok(&ListInvoices::default().per_page(1));
        assert_eq!(paged.pages_cnt, 4);
        let second = ListInvoices::default()
            .per_page(1)
            .next_page(&paged)
            .unwrap();
        assert_eq!(run.ok(&second).orders[0].id, InvoiceId::new(2));
        assert_eq!(all.orders[0].order_hash, hash1());
    });
}

pub fn set_invoices_group() {
    each_adapter(|run| {
        run.ok(&SetInvoicesGroup::new(
            [InvoiceId::new(1)],
            OrderGroup::Archive,
        ));
        assert_eq!(run.invoice(1).hide, OrderGroup::Archive);
        let archived = run.ok(&ListInvoices::default().hide(OrderGroup::Archive));
        assert_eq!(archived.count, 1);
        assert!(
            run.call(&SetInvoicesGroup::new(
                [InvoiceId::new(99)],
                OrderGroup::Bin
            ))
            .is_err()
        );
    });
}

pub fn set_invoices_courier() {
    each_adapter(|run| {
        let done = run.ok(&SetInvoicesCourier::new(
            [1, 2].map(InvoiceId::new),
            "Tom".into(),
        ));
        assert!(done.msg.unwrap().contains("Tom"));
        assert_eq!(run.invoice(2).delivery.courier.as_deref(), Some("Tom"));
        assert_eq!(run.ok(&ListInvoices::default().courier("Tom")).count, 2);
    });
}

pub fn set_invoices_status() {
    each_adapter(|run| {
        let done = run.ok(&SetInvoicesStatus::new(
            [1, 2].map(InvoiceId::new),
            OrderStatus::Ready,
        ));
        assert_eq!(
            done.msg.as_deref(),
            Some("Для заказа(ов) 1, 2 статус установлен")
        );
        assert_eq!(run.invoice(1).status, OrderStatus::Ready);
        run.ok(&SetInvoicesStatus::new(
            [InvoiceId::new(2)],
            OrderStatus::Other(10),
        ));
        assert_eq!(run.invoice(2).status, OrderStatus::Other(10));
    });
}

pub fn get_order() {
    each_adapter(|run| {
        let details = run.details(&hash1());
        assert_eq!(details.order_id, InvoiceId::new(1));
        assert_eq!(details.order_data.order_amount.amount, 500.into());
        assert_eq!(
            details
                .order_data
                .order_fields
                .labels
                .get(&FieldId::new(1))
                .map(String::as_str),
            Some("Контактный телефон")
        );
        let line = details.order_goods.goods.values().next().unwrap();
        assert_eq!(line.cat.name.as_deref(), Some("Спорт"));
        assert_eq!(line.price_in.as_ref().unwrap().amount, 320.into());
        let missing = run.refused(&GetOrder::new(OrderHash::new("nope").unwrap()));
        assert_eq!(missing.message.as_deref(), Some("Заказ не найден"));
    });
}

pub fn add_goods() {
    each_adapter(|run| {
        let details = run.ok(&AddGoods::new(hash1(), GoodsId::new(3)));
        assert_eq!(details.order_goods.goods.len(), 2);
        assert_eq!(
            details.order_data.order_amount.amount,
            "683.5".parse().unwrap()
        );
        assert!(
            run.call(&AddGoods::new(hash1(), GoodsId::new(999)))
                .is_err()
        );
    });
}

pub fn change_order_contents() {
    each_adapter(|run| {
        let record = *run
            .details(&hash1())
            .order_goods
            .goods
            .keys()
            .next()
            .unwrap();
        let details = run.ok(&ChangeOrderContents::new(hash1())
            .count(record, 3)
            .price(record, "450.50".parse().unwrap()));
        let line = details.order_goods.goods.get(&record).unwrap();
        assert_eq!((line.cnt, line.price.amount), (3, "450.5".parse().unwrap()));
        assert_eq!(
            details.order_data.order_total.amount,
            "1351.5".parse().unwrap()
        );
        let emptied = run.ok(&ChangeOrderContents::new(hash1()).remove(record));
        assert!(emptied.order_goods.goods.is_empty());
    });
}

pub fn change_order_field() {
    each_adapter(|run| {
        let details = run.ok(&ChangeOrderField::new(
            hash1(),
            FieldId::new(2),
            FieldValue::Text("test_api_change".into()),
        ));
        assert_eq!(
            details
                .order_data
                .order_fields
                .values
                .get(&FieldId::new(2))
                .map(String::as_str),
            Some("test_api_change")
        );
        let map = FieldValue::Map(
            MapAddress::new("Тверская 1").at("55.75".parse().unwrap(), "37.61".parse().unwrap()),
        );
        let details = run.ok(&ChangeOrderField::new(hash1(), FieldId::new(1), map));
        assert_eq!(
            details
                .order_data
                .order_fields
                .values
                .get(&FieldId::new(1))
                .map(String::as_str),
            Some("Тверская 1")
        );
        assert!(
            run.call(&ChangeOrderField::new(
                hash1(),
                FieldId::new(9),
                FieldValue::Text("x".into())
            ))
            .is_err()
        );
    });
}

pub fn list_baskets() {
    each_adapter(|run| {
        let baskets = run.ok(&ListBaskets::default());
        assert_eq!(
            baskets.users_baskets.keys().copied().collect::<Vec<_>>(),
            [6, 8, 11]
        );
        let user = baskets.users_baskets.get(&8).unwrap();
        assert_eq!(
            (user.user_basket_amount, user.user_basket_items.len()),
            ("210.00".parse().unwrap(), 2)
        );
    });
}

pub fn save_invoice_note() {
    each_adapter(|run| {
        let done = run.ok(&SaveInvoiceNote::new(
            InvoiceId::new(2),
            "Позвонить после 18:00 + взять сдачу",
        ));
        assert_eq!(done.msg.as_deref(), Some("Комментарий успешно изменен"));
        assert_eq!(
            run.invoice(2).note.as_deref(),
            Some("Позвонить после 18:00 + взять сдачу")
        );
    });
}

pub fn list_delivery_methods() {
    each_adapter(|run| {
        let methods = run.ok(&ListDeliveryMethods);
        assert_eq!(methods.len(), 4);
        assert_eq!(methods.get(&DeliveryId::new(1)).unwrap().courier, None);
        assert_eq!(
            methods.get(&DeliveryId::new(2)).unwrap().courier,
            Some(false)
        );
    });
}

pub fn list_payment_methods() {
    each_adapter(|run| {
        let methods = run.ok(&ListPaymentMethods);
        assert!(methods.get(&PaymentId::new(1)).unwrap().delivery_assoc.all);
        assert!(
            methods
                .get(&PaymentId::new(2))
                .unwrap()
                .delivery_assoc
                .deliveries
                .is_empty()
        );
    });
}

pub fn list_order_statuses() {
    each_adapter(|run| {
        let statuses = run.ok(&ListOrderStatuses);
        assert_eq!(statuses.len(), 11);
        assert_eq!(
            statuses.get(&OrderStatus::Other(6)).map(String::as_str),
            Some("Доставлен в пункт самовывоза")
        );
    });
}

pub fn list_order_groups() {
    each_adapter(|run| {
        assert_eq!(
            run.ok(&ListOrderGroups)
                .get(&OrderGroup::Bin)
                .map(String::as_str),
            Some("В корзине")
        );
    });
}

pub fn list_order_fields() {
    each_adapter(|run| {
        let fields = run.ok(&ListOrderFields);
        assert_eq!(fields.get(&FieldId::new(1)).unwrap().kind, FieldType::Phone);
        assert_eq!(fields.get(&FieldId::new(2)).unwrap().required, Some(true));
    });
}

pub fn list_order_goods_fields() {
    each_adapter(|run| {
        let fields = run.ok(&ListOrderGoodsFields);
        assert_eq!(
            fields.get(&"price_in".to_owned()).map(String::as_str),
            Some("Входящая")
        );
    });
}

// The parameters whose effect the document describes, each checked by its
// effect through every adapter. The emulator's readings are in its modules
// (`crates/emulator/src/ucoz/`); the records named are its seed's.

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
    let data = &checkout.order_data;
    [
        data.order_amount.amount,
        data.order_tax.amount,
        data.order_total.amount,
        data.order_discount.amount,
        data.order_topay.amount,
    ]
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
        answer.orders.len() as u64,
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
        assert_eq!(with_code.order_data.order_notice.notice_err, None);
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
            unknown.order_data.order_notice.notice_err.as_deref(),
            Some("Промокод не найден")
        );
        run.ok(&code());
        let removed = unplaced(run.ok(&GetCheckout::default().promo_code("")));
        assert_eq!(sums(&removed)[3..], ["0", "153"].map(dec));
        assert_eq!(removed.order_data.order_notice.notice_err, None);
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
                (field.kind, field.sel_val.clone()),
                (FieldType::Gmaps, None)
            );
            ["addr", "lat", "lng"].map(|part| field.unknown[part].clone())
        };
        let seeded = unplaced(run.ok(&GetCheckout::default()));
        assert_eq!(
            map_field(&seeded),
            ["", "", ""].map(serde_json::Value::from)
        );
        let address = MapAddress::new("Москва, Тверская 1").at(dec("55.7575"), dec("37.6130"));
        let changed = unplaced(run.ok(&ChangeCheckout(OrderChoices::default().map(address))));
        assert_eq!(
            map_field(&changed),
            ["Москва, Тверская 1", "55.7575", "37.6130"].map(serde_json::Value::from),
            "{:?}",
            run.adapter
        );
        // A new address without its point has none.
        let moved = unplaced(run.ok(&ChangeCheckout(
            OrderChoices::default().map(MapAddress::new("Казань")),
        )));
        assert_eq!(
            map_field(&moved),
            ["Казань", "", ""].map(serde_json::Value::from)
        );
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
        assert_eq!(invoice.amount, dec("51"), "{:?}", run.adapter);
        assert_eq!(invoice.discount.sum, Some(dec("5.10")));
        assert_eq!(invoice.discount.promo_code.as_deref(), Some("EMULATOR10"));
        assert_eq!(invoice.discount.promo_group.as_deref(), Some("percent"));
        assert_eq!(invoice.delivery.tax, Some(dec("350")));
        assert_eq!(invoice.payment.topay.as_deref(), Some("395.90$"));
        let details = run.details(&invoice.order_hash);
        let data = &details.order_data;
        assert_eq!(
            [
                data.order_amount.amount,
                data.order_delivery.tax.amount,
                data.order_total.amount,
                data.order_discount.amount,
                data.order_topay.amount,
            ],
            ["51", "350", "401", "5.1", "395.9"].map(dec)
        );
        assert_eq!(data.order_discount.other["promo_code"], "EMULATOR10");
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
            invoice.unknown["map"],
            serde_json::json!({"address": "Москва, Тверская 1", "latitude": lat.to_string(), "longitude": lng.to_string()})
        );
        assert_eq!(
            run.invoice(1).unknown["map"],
            serde_json::json!({"address": "", "latitude": "", "longitude": ""})
        );
    });
}

/// `shop_autoreg=1` with an e-mail in the form's e-mail field (6) registers
/// the guest whose basket it is; without either, the order stays a guest's.
pub fn auto_register_registers_the_guest() {
    let place = |email: Option<&str>, register: Option<bool>| {
        let placed = std::cell::RefCell::new(Vec::new());
        each_adapter(|run| {
            let checkout = unplaced(run.ok(&GetCheckout::default()));
            assert_eq!(checkout.order_data.order_uid, Some(0), "a guest's basket");
            let field = checkout.order_fields.get(&FieldId::new(6)).unwrap();
            assert_eq!(field.kind, FieldType::Email);
            assert_eq!(
                (&field.unknown["autoreg"], &field.unknown["autoreg_reject"]),
                (&serde_json::json!(1), &serde_json::json!(1))
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
        assert_eq!((nobody.count, nobody.order_uids.len()), (0, 0));
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
            run.invoice(1).unknown["map"],
            serde_json::json!({"address": "Тверская 1", "latitude": "55.75", "longitude": "37.61"}),
            "{:?}",
            run.adapter
        );
        let bare = FieldValue::Map(MapAddress::new("Арбат 2"));
        run.ok(&ChangeOrderField::new(hash1(), FieldId::new(7), bare));
        assert_eq!(
            run.invoice(1).unknown["map"],
            serde_json::json!({"address": "Арбат 2", "latitude": "", "longitude": ""})
        );
    });
}

/// The users whose baskets match `list`, ascending, all on one page.
fn baskets_of(run: &Run, list: ListBaskets) -> Vec<u64> {
    let answer = run.ok(&list);
    assert_eq!(
        answer.paginator_count,
        answer.users_baskets.len() as u64,
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
        assert_eq!(all.users_baskets.get(&11).unwrap().user_basket_items_cnt, 4);
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
            (3, 3, 1),
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
            (2, vec![6])
        );
        let admins = run.ok(&ListBaskets::default().user_group(4).per_page(1));
        assert_eq!((admins.paginator_count, admins.paginator_pages_cnt), (2, 2));
    });
}
