//! uCoz end to end, the answers' variations: what the emulator sends beyond
//! the documents' examples, as real shops configured otherwise do (totals a
//! setting hides, goods options as the documented object, digital goods),
//! read through every adapter into the typed fields.

use shop_apis_core::Decimal;
use ucoz_proto::*;

use crate::harness::{self, Harness};
use crate::ucoz_e2e::{Run, hash1, order};

/// `scenario` through each adapter, bodies url-encoded.
fn each_adapter(scenario: impl Fn(&Run)) {
    crate::ucoz_e2e::each_adapter(BodyForm::UrlEncoded, scenario);
}

fn checkout(run: &Run) -> Box<Checkout> {
    match order(run) {
        CheckoutData::Order(checkout) => checkout,
        other => panic!("{:?}: a basket, not {other:?}", run.adapter),
    }
}

/// The emulator's own orders come from a shop with VAT and profit off: their
/// details leave both out, and the client reads `None`, while the
/// document's example order still has them.
pub fn details_leave_out_vat_and_profit() {
    each_adapter(|run| {
        let third = run.details(&run.invoice(3).order_hash);
        let data = &third.order_data;
        assert_eq!(
            (data.order_vat.as_ref(), data.order_profit.as_ref()),
            (None, None),
            "{:?}",
            run.adapter
        );
        assert!(data.order_amount.is_some() && data.order_topay.is_some());
        let example = run.details(&hash1());
        assert!(
            example.order_data.order_vat.is_some() && example.order_data.order_profit.is_some()
        );
    });
}

/// Goods options: the shop's text in checkout, the documented object in an
/// order, each into its variant.
pub fn options_text_in_checkout_object_in_order() {
    each_adapter(|run| {
        let basket = checkout(run);
        let line = basket
            .order_content
            .as_ref()
            .unwrap()
            .order_goods
            .get(&RecordId::new(6))
            .unwrap();
        assert_eq!(
            line.options,
            Some(GoodsOptions::Text("Размер: L".into())),
            "{:?}",
            run.adapter
        );
        let fourth = run.details(&run.invoice(4).order_hash);
        let shirt = fourth
            .order_goods
            .goods
            .values()
            .find(|l| l.goods_id == GoodsId::new(10))
            .unwrap();
        let Some(GoodsOptions::Chosen(chosen)) = &shirt.options else {
            panic!(
                "{:?}: the options object, not {:?}",
                run.adapter, shirt.options
            )
        };
        assert_eq!(chosen.selected_str.as_deref(), Some("3-1:"));
        let over = chosen.selected_data.get(&3).unwrap().over.unwrap();
        assert_eq!(
            (over.percent, over.amount),
            (Some(Decimal::from(4)), "2.00".parse().unwrap())
        );
        let values = &chosen.all_options_data.get(&3).unwrap().values;
        assert_eq!(values.get(&1).and_then(|v| v.label.as_deref()), Some("L"));
    });
}

/// Digital goods added to an order show in its `order_digital_goods`, each
/// with its kind, data and size.
pub fn digital_goods_added_show() {
    each_adapter(|run| {
        let before = run.details(&hash1());
        assert_eq!(
            (
                before.order_digital_goods.cnt,
                before.order_digital_goods.goods.len()
            ),
            (Some(0), 0)
        );
        run.ok(&AddGoods::new(hash1(), GoodsId::new(21)));
        let after = run.ok(&AddGoods::new(hash1(), GoodsId::new(22)));
        let digital = &after.order_digital_goods;
        assert_eq!(digital.cnt, Some(2), "{:?}", run.adapter);
        let book = digital.goods.get(&1).unwrap();
        assert_eq!(
            (book.id, book.kind, book.size, book.data.as_deref()),
            (
                GoodsId::new(21),
                Some(GoodsKind::FILE),
                Some(1_048_576),
                Some("http://127.0.0.1/shop/dl/21")
            )
        );
        let code = digital.goods.get(&2).unwrap();
        assert_eq!(
            (code.id, code.kind, code.size),
            (GoodsId::new(22), Some(GoodsKind::CODE), None)
        );
        assert_eq!(code.brand.as_deref(), Some("Soft"));
    });
}

/// Checkout leaves `order_tax` out while the delivery sets no charge, and
/// sends it once one does.
pub fn no_delivery_charge_no_order_tax() {
    each_adapter(|run| {
        let seeded = checkout(run);
        let totals = seeded.order_data.as_ref().unwrap();
        assert_eq!(totals.order_tax, None, "{:?}", run.adapter);
        assert!(totals.order_total.is_some());
        let charged = run.ok(&ChangeCheckout(
            OrderChoices::default()
                .delivery(DeliveryId::new(4))
                .custom_delivery_tax("350".parse().unwrap()),
        ));
        let CheckoutData::Order(charged) = charged else {
            panic!("a basket")
        };
        let tax = charged
            .order_data
            .as_ref()
            .unwrap()
            .order_tax
            .as_ref()
            .unwrap();
        assert_eq!(tax.amount, Decimal::from(350));
    });
}

/// A site that moved answers a redirect: not followed, and neither secret,
/// nor the signature the query carried, is shown.
pub fn redirect_not_followed() {
    let harness = Harness::with_config(harness::config().retry(harness::retrying()));
    let site = crate::ucoz_e2e::oauth_site(&harness);
    let ucoz = harness.emulator.ucoz();
    harness::redirect_is_not_followed(
        &harness,
        &site,
        &ListInvoices::default(),
        "/ucoz/uapi/shop/invoices",
        &[ucoz.consumer_secret(), ucoz.token_secret()],
    );
}
