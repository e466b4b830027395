//! uCoz end to end: each endpoint built, signed with the adapter's time and
//! nonce, sent through every adapter to the emulator (which verifies the
//! signature as uCoz's helper computes it), and parsed. One scenario per
//! endpoint, then one case per parameter whose effect the document
//! describes, each adapter on a fresh emulator.

use shop_apis_adapter::{CountingNonce, Error, FixedClock};
use shop_apis_core::Paged;
use shop_apis_core::{ApiError, BaseUrl, Decimal, Endpoint};
use shop_apis_emulator::Api;
use ucoz_proto::*;

use crate::harness::{self, Adapter, Harness};

/// The exact amount of a money field the emulator always sends.
pub(crate) fn amount(money: &Option<shop_apis_core::wire::Money>) -> Decimal {
    money.as_ref().expect("an amount").amount
}

/// `scenario` through each adapter on a fresh emulator, POST and PUT bodies
/// in `form` (U7). A multipart run checks what arrived: every POST and PUT
/// a multipart body, POST to `…//?` and PUT to `…//` as helper 2.3 requests.
pub(crate) fn each_adapter(form: BodyForm, scenario: impl Fn(&Run)) {
    for adapter in Adapter::ALL {
        let harness = Harness::start();
        let site = oauth_site(&harness).body_form(form);
        let run = Run {
            harness,
            adapter,
            site,
        };
        scenario(&run);
        if form == BodyForm::Multipart {
            let bodies: Vec<_> = run
                .harness
                .emulator
                .requests()
                .into_iter()
                .filter(|r| r.method == "POST" || r.method == "PUT")
                .collect();
            assert!(!bodies.is_empty(), "{adapter:?}: no POST or PUT was sent");
            for request in bodies {
                let content_type = request.header("content-type").unwrap_or_default();
                assert!(
                    content_type.starts_with("multipart/form-data; boundary="),
                    "{adapter:?} {} {}: {content_type}",
                    request.method,
                    request.path_and_query
                );
                let ending = if request.method == "POST" {
                    "//?"
                } else {
                    "//"
                };
                assert!(
                    request.path_and_query.ends_with(ending),
                    "{adapter:?}: {} {}",
                    request.method,
                    request.path_and_query
                );
            }
        }
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

pub(crate) struct Run {
    pub(crate) harness: Harness,
    pub(crate) adapter: Adapter,
    pub(crate) site: Ucoz,
}

impl Run {
    pub(crate) fn call<E: Endpoint<Api = Ucoz>>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.harness.call(self.adapter, &self.site, endpoint)
    }

    pub(crate) fn ok<E: Endpoint<Api = Ucoz>>(&self, endpoint: &E) -> E::Output {
        self.call(endpoint)
            .unwrap_or_else(|e| panic!("{:?}: {}", self.adapter, shop_apis_core::report(&e)))
    }

    pub(crate) fn refused<E>(&self, endpoint: &E) -> ApiError
    where
        E: Endpoint<Api = Ucoz>,
        E::Output: std::fmt::Debug,
    {
        match self.call(endpoint) {
            Err(error) if error.refusal().is_some() => error.refusal().unwrap().clone(),
            other => panic!("{:?}: expected a refusal, got {other:?}", self.adapter),
        }
    }

    pub(crate) fn invoice(&self, id: u64) -> Invoice {
        let list = self.ok(&ListInvoices::default().ids([InvoiceId::new(id)]));
        list.orders.into_iter().next().expect("the invoice exists")
    }

    pub(crate) fn details(&self, hash: &OrderHash) -> Box<OrderDetails> {
        match self.ok(&GetOrder::new(hash.clone())) {
            OrderView::Details(details) => details,
            other => panic!("{other:?}"),
        }
    }
}

pub(crate) fn hash1() -> OrderHash {
    OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo").unwrap()
}

pub(crate) fn order(run: &Run) -> CheckoutData {
    run.ok(&GetCheckout::default())
}

pub fn get_checkout(form: BodyForm) {
    each_adapter(form, |run| {
        let CheckoutData::Order(checkout) = order(run) else {
            panic!("a basket")
        };
        assert_eq!(checkout.num_entries, Some(1));
        let line = checkout
            .order_content
            .as_ref()
            .unwrap()
            .order_goods
            .get(&RecordId::new(6))
            .unwrap();
        assert_eq!(
            (line.goods_id, amount(&line.price)),
            (GoodsId::new(10), 51.into())
        );
        assert_eq!(line.cat.as_ref().unwrap().name.as_deref(), Some("Одежда"));
        assert_eq!(
            amount(&checkout.order_data.as_ref().unwrap().order_topay),
            51.into()
        );
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
            Some(shop_apis_core::Error::Api { source, .. }) => source.clone(),
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
        shop_apis_adapter::RandomNonce::default,
    );
    let site = oauth_site(&stale);
    for adapter in Adapter::ALL {
        let error = stale
            .call(adapter, &site, &ListDeliveryMethods)
            .unwrap_err();
        assert!(
            shop_apis_core::report(&error).contains("Stale timestamp"),
            "{adapter:?}: {error}"
        );
    }
    // Every client counts its nonces from n-1: the second client's first
    // nonce repeats the first client's.
    let replay = Harness::with_stamps(
        config,
        || shop_apis_adapter::SystemClock,
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
        shop_apis_core::report(&error).contains("Nonce already used"),
        "{error}"
    );
}

pub fn recalc_checkout(form: BodyForm) {
    each_adapter(form, |run| {
        // A wrong signature is refused in either body form.
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
        )
        .body_form(form);
        let recalc = RecalcCheckout::default().count(RecordId::new(6), 3);
        let refusal = match run.harness.call(run.adapter, &wrong, &recalc) {
            Err(error) if error.refusal().is_some() => error.refusal().unwrap().clone(),
            other => panic!("{:?}: {other:?}", run.adapter),
        };
        assert_eq!(
            (refusal.status.as_u16(), refusal.message.as_deref()),
            (401, Some("Invalid signature"))
        );
        let CheckoutData::Order(checkout) =
            run.ok(&RecalcCheckout::default().count(RecordId::new(6), 3))
        else {
            panic!()
        };
        assert_eq!(
            amount(&checkout.order_data.as_ref().unwrap().order_amount),
            153.into()
        );
        let empty = run.ok(&RecalcCheckout::default().remove(RecordId::new(6)));
        assert_eq!(
            empty,
            CheckoutData::Empty {
                msg: "Ваша корзина пуста".into()
            }
        );
    });
}

pub fn change_checkout(form: BodyForm) {
    each_adapter(form, |run| {
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
pub fn place_order(form: BodyForm) {
    each_adapter(form, |run| {
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
            (Some(2), Some("102.00".parse().unwrap()))
        );
        assert_eq!(
            invoice.fields.get(&FieldId::new(2)).map(String::as_str),
            Some("Москва, Тверская 1 & ~кв. 5")
        );
        assert!(matches!(order(run), CheckoutData::Empty { .. }));
    });
}

pub fn list_invoices(form: BodyForm) {
    each_adapter(form, |run| {
        let all = run.ok(&ListInvoices::default());
        assert_eq!(
            (all.count, all.pages_cnt, all.orders.len()),
            (Some(4), Some(1), 4)
        );
        assert_eq!(
            all.order_status
                .get(&OrderStatus::from_code(10))
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
        assert_eq!(paged.pages_cnt, Some(4));
        let second = ListInvoices::default()
            .per_page(1)
            .next_page(&paged)
            .unwrap();
        assert_eq!(run.ok(&second).orders[0].id, InvoiceId::new(2));
        assert_eq!(all.orders[0].order_hash, hash1());
    });
}

pub fn set_invoices_group(form: BodyForm) {
    each_adapter(form, |run| {
        run.ok(&SetInvoicesGroup::new(
            [InvoiceId::new(1)],
            OrderGroup::ARCHIVE,
        ));
        assert_eq!(run.invoice(1).hide, Some(OrderGroup::ARCHIVE));
        let archived = run.ok(&ListInvoices::default().hide(OrderGroup::ARCHIVE));
        assert_eq!(archived.count, Some(1));
        assert!(
            run.call(&SetInvoicesGroup::new(
                [InvoiceId::new(99)],
                OrderGroup::BIN
            ))
            .is_err()
        );
    });
}

pub fn set_invoices_courier(form: BodyForm) {
    each_adapter(form, |run| {
        let done = run.ok(&SetInvoicesCourier::new(
            [1, 2].map(InvoiceId::new),
            "Tom".into(),
        ));
        assert!(done.msg.unwrap().contains("Tom"));
        assert_eq!(run.invoice(2).delivery.courier.as_deref(), Some("Tom"));
        assert_eq!(
            run.ok(&ListInvoices::default().courier("Tom")).count,
            Some(2)
        );
    });
}

pub fn set_invoices_status(form: BodyForm) {
    each_adapter(form, |run| {
        let done = run.ok(&SetInvoicesStatus::new(
            [1, 2].map(InvoiceId::new),
            OrderStatus::READY,
        ));
        assert_eq!(
            done.msg.as_deref(),
            Some("Для заказа(ов) 1, 2 статус установлен")
        );
        assert_eq!(run.invoice(1).status, Some(OrderStatus::READY));
        run.ok(&SetInvoicesStatus::new(
            [InvoiceId::new(2)],
            OrderStatus::from_code(10),
        ));
        assert_eq!(run.invoice(2).status, Some(OrderStatus::from_code(10)));
    });
}

pub fn get_order(form: BodyForm) {
    each_adapter(form, |run| {
        let details = run.details(&hash1());
        assert_eq!(details.order_id, InvoiceId::new(1));
        assert_eq!(amount(&details.order_data.order_amount), 500.into());
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
        assert_eq!(line.cat.as_ref().unwrap().name.as_deref(), Some("Спорт"));
        assert_eq!(line.price_in.as_ref().unwrap().amount, 320.into());
        let missing = run.refused(&GetOrder::new(OrderHash::new("nope").unwrap()));
        assert_eq!(missing.message.as_deref(), Some("Заказ не найден"));
    });
}

pub fn add_goods(form: BodyForm) {
    each_adapter(form, |run| {
        let details = run.ok(&AddGoods::new(hash1(), GoodsId::new(3)));
        assert_eq!(details.order_goods.goods.len(), 2);
        assert_eq!(
            amount(&details.order_data.order_amount),
            "683.5".parse().unwrap()
        );
        assert!(
            run.call(&AddGoods::new(hash1(), GoodsId::new(999)))
                .is_err()
        );
    });
}

pub fn change_order_contents(form: BodyForm) {
    each_adapter(form, |run| {
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
        assert_eq!(
            (line.cnt, amount(&line.price)),
            (Some(3), "450.5".parse().unwrap())
        );
        assert_eq!(
            amount(&details.order_data.order_total),
            "1351.5".parse().unwrap()
        );
        let emptied = run.ok(&ChangeOrderContents::new(hash1()).remove(record));
        assert!(emptied.order_goods.goods.is_empty());
    });
}

pub fn change_order_field(form: BodyForm) {
    each_adapter(form, |run| {
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

pub fn list_baskets(form: BodyForm) {
    each_adapter(form, |run| {
        let baskets = run.ok(&ListBaskets::default());
        assert_eq!(
            baskets.users_baskets.keys().copied().collect::<Vec<_>>(),
            [6, 8, 11]
        );
        let user = baskets.users_baskets.get(&8).unwrap();
        assert_eq!(
            (user.user_basket_amount, user.user_basket_items.len()),
            (Some("210.00".parse().unwrap()), 2)
        );
    });
}

pub fn save_invoice_note(form: BodyForm) {
    each_adapter(form, |run| {
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

pub fn list_delivery_methods(form: BodyForm) {
    each_adapter(form, |run| {
        let methods = run.ok(&ListDeliveryMethods);
        assert_eq!(methods.len(), 4);
        assert_eq!(methods.get(&DeliveryId::new(1)).unwrap().courier, None);
        assert_eq!(
            methods.get(&DeliveryId::new(2)).unwrap().courier,
            Some(false)
        );
    });
}

pub fn list_payment_methods(form: BodyForm) {
    each_adapter(form, |run| {
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

pub fn list_order_statuses(form: BodyForm) {
    each_adapter(form, |run| {
        let statuses = run.ok(&ListOrderStatuses);
        assert_eq!(statuses.len(), 11);
        assert_eq!(
            statuses.get(&OrderStatus::from_code(6)).map(String::as_str),
            Some("Доставлен в пункт самовывоза")
        );
    });
}

pub fn list_order_groups(form: BodyForm) {
    each_adapter(form, |run| {
        assert_eq!(
            run.ok(&ListOrderGroups)
                .get(&OrderGroup::BIN)
                .map(String::as_str),
            Some("В корзине")
        );
    });
}

pub fn list_order_fields(form: BodyForm) {
    each_adapter(form, |run| {
        let fields = run.ok(&ListOrderFields);
        assert_eq!(
            fields.get(&FieldId::new(1)).unwrap().kind,
            Some(FieldType::PHONE)
        );
        assert_eq!(fields.get(&FieldId::new(2)).unwrap().required, Some(true));
    });
}

pub fn list_order_goods_fields(form: BodyForm) {
    each_adapter(form, |run| {
        let fields = run.ok(&ListOrderGoodsFields);
        assert_eq!(
            fields.get(&"price_in".to_owned()).map(String::as_str),
            Some("Входящая")
        );
    });
}

// The parameters whose effect the document describes: `ucoz_params_e2e.rs`.
pub use crate::ucoz_params_e2e::*;
// What the emulator sends beyond the examples: `ucoz_variations_e2e.rs`.
pub use crate::ucoz_variations_e2e::*;
// Walks against a site that ignores `page`: `paging_e2e.rs`.
pub use crate::paging_e2e::ucoz::*;
