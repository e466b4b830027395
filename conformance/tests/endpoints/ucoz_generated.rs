//! uCoz, generated inputs through every adapter to the emulator, signed with
//! OAuth 1.0a or sent with the Bearer token (generated too): the emulator
//! verifies each signature over what it received; what it received is checked
//! here from the raw query or form (decoded independently, `oauth_*` set
//! aside), and what the client decoded against the raw reply.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;
use shop_apis_adapter::Error;
use shop_apis_core::{BaseUrl, Decimal, Endpoint};
use shop_apis_emulator::{Api, RecordedRequest};
use ucoz_proto::*;

use crate::generated::{check, form, last, name, path, query, reply, text_of};
use crate::harness::{Adapter, Harness};

/// One adapter, one way of authenticating, one fresh emulator.
struct Site<'a> {
    harness: &'a Harness,
    adapter: Adapter,
    api: Ucoz,
}

impl<'a> Site<'a> {
    fn of(harness: &'a Harness, adapter: Adapter, bearer: bool) -> Self {
        let api = if bearer {
            let base = BaseUrl::parse(&harness.emulator.base_url(Api::Ucoz)).unwrap();
            Ucoz::new(
                base,
                Auth::bearer(harness.emulator.ucoz().bearer()).unwrap(),
            )
        } else {
            crate::ucoz_e2e::oauth_site(harness)
        };
        Site {
            harness,
            adapter,
            api,
        }
    }

    fn call<E: Endpoint<Api = Ucoz>>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.harness.call(self.adapter, &self.api, endpoint)
    }

    fn ok<E: Endpoint<Api = Ucoz>>(&self, endpoint: &E) -> Result<E::Output, TestCaseError> {
        self.call(endpoint).map_err(|e| {
            TestCaseError::fail(format!(
                "{:?}: {}",
                self.adapter,
                shop_apis_core::report(&e)
            ))
        })
    }

    /// Calls and checks the verdict against the raw reply: `{"success": …}`
    /// decodes to `Ok`, `{"error": {"msg": …}}` to a refusal with that message.
    fn verdict<E>(&self, endpoint: &E) -> Result<Option<E::Output>, TestCaseError>
    where
        E: Endpoint<Api = Ucoz>,
        E::Output: std::fmt::Debug,
    {
        let result = self.call(endpoint);
        let (_, answer) = reply(&last(self.harness));
        match (&answer.get("success"), &answer.get("error"), result) {
            (Some(_), None, Ok(output)) => Ok(Some(output)),
            (None, Some(error), Err(refused)) if refused.refusal().is_some() => {
                let source = refused.refusal().unwrap();
                prop_assert_eq!(
                    source.message.as_deref(),
                    error.get("msg").and_then(Value::as_str)
                );
                Ok(None)
            }
            (_, _, result) => Err(TestCaseError::fail(format!(
                "{answer} decoded as {result:?}"
            ))),
        }
    }
}

/// The parameters the emulator received (query for GET, form otherwise),
/// without the `oauth_*` ones, sorted by key as PHP's array would hold them.
fn received(exchange: &RecordedRequest) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = match exchange.method.as_str() {
        "GET" | "DELETE" => query(exchange),
        _ => form(exchange),
    }
    .into_iter()
    .filter(|(key, _)| !key.starts_with("oauth_"))
    .collect();
    params.sort();
    params
}

/// What the user meant, in the same order as [`received`].
fn meant(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    params.sort();
    params
}

/// The method and path (below `/ucoz/uapi`, trailing slashes aside) received.
fn route(harness: &Harness) -> (String, String) {
    let exchange = last(harness);
    let path = path(&exchange)
        .strip_prefix("/ucoz/uapi")
        .unwrap()
        .trim_end_matches('/')
        .to_owned();
    (exchange.method, path)
}

fn success(harness: &Harness) -> Value {
    reply(&last(harness)).1["success"].clone()
}

fn hash1() -> OrderHash {
    OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo").unwrap()
}

/// A reference list of `getshopdata`: the page asked for, and every entry
/// of the raw reply decoded under its key with its name.
fn shop_data<E, K, V>(endpoint: E, page: &'static str, name_of: fn(&V) -> String)
where
    E: Endpoint<Api = Ucoz, Output = shop_apis_core::wire::IdMap<K, V>> + Clone,
    K: WireKey,
    V: std::fmt::Debug,
{
    check(any::<bool>(), move |harness, adapter, bearer| {
        let site = Site::of(harness, adapter, bearer);
        let list = site.ok(&endpoint)?;
        prop_assert_eq!(route(harness), ("GET".into(), "/shop/getshopdata".into()));
        prop_assert_eq!(
            received(&last(harness)),
            meant(&[("page", page.to_owned())])
        );
        let raw = success(harness);
        let raw = raw.as_object().unwrap();
        prop_assert_eq!(list.len(), raw.len());
        for (key, value) in list.iter() {
            let entry = &raw[&key.wire()];
            let raw_name = entry.get("name").map_or_else(|| text_of(entry), text_of);
            prop_assert_eq!(name_of(value), raw_name);
        }
        Ok(())
    });
}

/// A reference list's key as the raw reply spells it: an id or a name as
/// shown, an open set's code (its `Display` is the document's name).
trait WireKey {
    fn wire(&self) -> String;
}

macro_rules! wire_key {
    (shown: $($id:ty),*; code: $($set:ty),*) => {
        $(impl WireKey for $id {
            fn wire(&self) -> String {
                self.to_string()
            }
        })*
        $(impl WireKey for $set {
            fn wire(&self) -> String {
                self.code().to_string()
            }
        })*
    };
}
wire_key!(shown: DeliveryId, PaymentId, FieldId, String; code: OrderStatus, OrderGroup);

pub fn list_delivery_methods() {
    shop_data(
        ListDeliveryMethods,
        "deliverymethods",
        |m: &DeliveryMethod| m.name.clone().unwrap_or_default(),
    );
}

pub fn list_payment_methods() {
    shop_data(
        ListPaymentMethods,
        "paymentsmethods",
        |m: &PaymentMethod| m.name.clone().unwrap_or_default(),
    );
}

pub fn list_order_statuses() {
    shop_data(ListOrderStatuses, "order_status_list", String::clone);
}

pub fn list_order_groups() {
    shop_data(ListOrderGroups, "order_hide_list", String::clone);
}

pub fn list_order_fields() {
    shop_data(ListOrderFields, "order_fields_list", |f: &OrderField| {
        f.name.clone().unwrap_or_default()
    });
}

pub fn list_order_goods_fields() {
    shop_data(
        ListOrderGoodsFields,
        "order_goods_fields_list",
        String::clone,
    );
}

/// The checkout as decoded against the raw reply's totals and entries.
fn checkout_agrees(harness: &Harness, data: &CheckoutData) -> Result<(), TestCaseError> {
    let raw = success(harness);
    match data {
        CheckoutData::Empty { msg } => prop_assert_eq!(Some(msg.as_str()), raw["msg"].as_str()),
        CheckoutData::Order(checkout) => {
            prop_assert_eq!(
                checkout.num_entries.unwrap().to_string(),
                text_of(&raw["num_entries"])
            );
            let amount = &raw["order_data"]["order_amount"];
            let order_amount = checkout
                .order_data
                .as_ref()
                .and_then(|totals| totals.order_amount.as_ref())
                .unwrap();
            prop_assert_eq!(
                order_amount.amount.to_string(),
                text_of(&amount["amount_raw"])
            );
            prop_assert_eq!(
                order_amount.display.clone().unwrap_or_default(),
                text_of(&amount["amount"])
            );
        }
        other => return Err(TestCaseError::fail(format!("{other:?}"))),
    }
    Ok(())
}

pub fn get_checkout() {
    check(
        (any::<bool>(), 0u32..40),
        |harness, adapter, (bearer, count)| {
            let site = Site::of(harness, adapter, bearer);
            site.ok(&RecalcCheckout::default().count(RecordId::new(6), count))?;
            let data = site.ok(&GetCheckout::default())?;
            prop_assert_eq!(route(harness), ("GET".into(), "/shop/checkout".into()));
            prop_assert_eq!(received(&last(harness)), vec![]);
            checkout_agrees(harness, &data)?;
            prop_assert_eq!(matches!(data, CheckoutData::Empty { .. }), count == 0);
            Ok(())
        },
    );
}

pub fn recalc_checkout() {
    check(
        (any::<bool>(), 0u32..1000, any::<bool>()),
        |harness, adapter, (bearer, count, remove)| {
            let site = Site::of(harness, adapter, bearer);
            let recalc = if remove {
                RecalcCheckout::default().remove(RecordId::new(6))
            } else {
                RecalcCheckout::default().count(RecordId::new(6), count)
            };
            let data = site.ok(&recalc)?;
            prop_assert_eq!(route(harness), ("PUT".into(), "/shop/checkout".into()));
            let change = if remove {
                ("del_6", "1".to_owned())
            } else {
                ("cnt_6", count.to_string())
            };
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[("mode", "recalc".into()), change])
            );
            checkout_agrees(harness, &data)?;
            if let CheckoutData::Order(checkout) = &data {
                // 51.00 an item in the seeded basket.
                let totals = checkout.order_data.as_ref().unwrap();
                prop_assert_eq!(
                    totals.order_amount.as_ref().unwrap().amount,
                    Decimal::from(51 * count)
                );
            } else {
                prop_assert!(remove || count == 0);
            }
            Ok(())
        },
    );
}

pub fn change_checkout() {
    check(
        (any::<bool>(), 1u64..4, 1u64..5, name()),
        |harness, adapter, (bearer, payment, delivery, phone)| {
            let site = Site::of(harness, adapter, bearer);
            let choices = OrderChoices::default()
                .payment(PaymentId::new(payment))
                .delivery(DeliveryId::new(delivery))
                .field(FieldId::new(1), phone.clone());
            let verdict = site.verdict(&ChangeCheckout(choices))?;
            prop_assert_eq!(route(harness), ("PUT".into(), "/shop/checkout".into()));
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[
                    ("mode", "change".into()),
                    ("payment_id", payment.to_string()),
                    ("delivery_id", delivery.to_string()),
                    ("fld1", phone.clone())
                ])
            );
            if let Some(data) = verdict {
                checkout_agrees(harness, &data)?;
                let CheckoutData::Order(checkout) = data else {
                    return Err(TestCaseError::fail("an empty basket"));
                };
                prop_assert_eq!(checkout.current_payment_id, Some(PaymentId::new(payment)));
                prop_assert_eq!(
                    checkout.current_delivery_id,
                    Some(DeliveryId::new(delivery))
                );
                prop_assert_eq!(
                    checkout
                        .order_fields
                        .get(&FieldId::new(1))
                        .and_then(|f| f.sel_val.clone()),
                    Some(phone)
                );
            }
            Ok(())
        },
    );
}

pub fn place_order() {
    check(
        (any::<bool>(), name(), name(), any::<bool>()),
        |harness, adapter, (bearer, phone, address, register)| {
            let site = Site::of(harness, adapter, bearer);
            let choices = OrderChoices::default()
                .delivery(DeliveryId::new(3))
                .field(FieldId::new(1), phone.clone())
                .field(FieldId::new(2), address.clone());
            let placed = site.verdict(&PlaceOrder::new(choices).auto_register(register))?;
            prop_assert_eq!(route(harness), ("POST".into(), "/shop/checkout".into()));
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[
                    ("mode", "order".into()),
                    ("delivery_id", "3".into()),
                    ("fld1", phone.clone()),
                    ("fld2", address.clone()),
                    ("shop_autoreg", u8::from(register).to_string()),
                ])
            );
            let placed = placed.ok_or_else(|| TestCaseError::fail("refused"))?;
            prop_assert_eq!(
                placed.msg.clone(),
                success(harness)["msg"].as_str().map(str::to_owned)
            );
            let ids = harness.emulator.ucoz().invoice_ids();
            prop_assert_eq!(ids.len(), 5);
            let invoice = site
                .ok(&ListInvoices::default().ids([InvoiceId::new(ids[4])]))?
                .orders
                .remove(0);
            prop_assert_eq!(invoice.fields.get(&FieldId::new(1)), Some(&phone));
            prop_assert_eq!(invoice.fields.get(&FieldId::new(2)), Some(&address));
            Ok(())
        },
    );
}

fn invoices_agree(harness: &Harness, list: &Invoices) -> Result<(), TestCaseError> {
    let raw = success(harness);
    prop_assert_eq!(list.count.unwrap().to_string(), text_of(&raw["count"]));
    prop_assert_eq!(
        list.pages_cnt.unwrap().to_string(),
        text_of(&raw["pages_cnt"])
    );
    let orders = raw["orders"].as_array().unwrap();
    prop_assert_eq!(list.orders.len(), orders.len());
    for (invoice, raw) in list.orders.iter().zip(orders) {
        prop_assert_eq!(invoice.id.get().to_string(), text_of(&raw["id"]));
        prop_assert_eq!(
            invoice.amount,
            Some(text_of(&raw["amount"]).parse::<Decimal>().unwrap())
        );
        prop_assert_eq!(
            invoice.status.unwrap().code().to_string(),
            text_of(&raw["status"])
        );
        prop_assert_eq!(
            invoice.hide.unwrap().code().to_string(),
            text_of(&raw["hide"])
        );
    }
    Ok(())
}

pub fn list_invoices() {
    let filters = (
        any::<bool>(),
        prop::collection::vec(1u64..4, 0..3),
        proptest::option::of(1u32..3),
        proptest::option::of(any::<bool>()),
        proptest::option::of((0i64..600, 0i64..600)),
    );
    check(
        filters,
        |harness, adapter, (bearer, ids, per_page, descending, sum)| {
            let site = Site::of(harness, adapter, bearer);
            let mut list = ListInvoices::default().ids(ids.iter().copied().map(InvoiceId::new));
            let mut expected = Vec::new();
            if let Some(per_page) = per_page {
                list = list.per_page(per_page);
                expected.push(("per_page", per_page.to_string()));
            }
            if let Some(descending) = descending {
                list = list.sort(SortField::Amount, descending);
                expected.push(("sort", "amount".to_owned()));
                expected.push(("order", if descending { "desc" } else { "asc" }.to_owned()));
            }
            if let Some((from, to)) = sum {
                let (from, to) = (from.min(to), from.max(to));
                list = list.sum_between(Range {
                    from: from.into(),
                    to: to.into(),
                });
                expected.push(("inv_sum", format!("{from}|{to}")));
            }
            if !ids.is_empty() {
                expected.push((
                    "id",
                    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(","),
                ));
            }
            let invoices = site.ok(&list)?;
            prop_assert_eq!(route(harness), ("GET".into(), "/shop/invoices".into()));
            prop_assert_eq!(received(&last(harness)), meant(&expected));
            invoices_agree(harness, &invoices)?;
            for invoice in &invoices.orders {
                prop_assert!(ids.is_empty() || ids.contains(&invoice.id.get()));
            }
            Ok(())
        },
    );
}

fn ids_joined(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}

/// The invoices as listed now, by id.
fn invoice(site: &Site<'_>, id: u64) -> Result<Invoice, TestCaseError> {
    site.ok(&ListInvoices::default().ids([InvoiceId::new(id)]))?
        .orders
        .pop()
        .ok_or_else(|| TestCaseError::fail(format!("invoice {id} is gone")))
}

fn invoice_ids() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::btree_set(1u64..3, 1..3).prop_map(|ids| ids.into_iter().collect())
}

pub fn set_invoices_group() {
    let groups = prop::sample::select(vec![
        OrderGroup::ARCHIVE,
        OrderGroup::BIN,
        OrderGroup::from_code(0),
    ]);
    check(
        (any::<bool>(), invoice_ids(), groups),
        |harness, adapter, (bearer, ids, group)| {
            let site = Site::of(harness, adapter, bearer);
            let done = site.verdict(&SetInvoicesGroup::new(
                ids.iter().copied().map(InvoiceId::new),
                group,
            ))?;
            prop_assert_eq!(route(harness), ("PUT".into(), "/shop/invoices".into()));
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[
                    ("mode", "hide".into()),
                    ("ids", ids_joined(&ids)),
                    ("hide", group.code().to_string())
                ])
            );
            if done.is_some() {
                for id in &ids {
                    prop_assert_eq!(invoice(&site, *id)?.hide, Some(group));
                }
            }
            Ok(())
        },
    );
}

pub fn set_invoices_courier() {
    check(
        (any::<bool>(), invoice_ids(), name()),
        |harness, adapter, (bearer, ids, courier)| {
            let site = Site::of(harness, adapter, bearer);
            let set =
                SetInvoicesCourier::new(ids.iter().copied().map(InvoiceId::new), courier.clone());
            if courier == "0" {
                // Would read back as "no courier" (U16): refused, nothing sent.
                prop_assert!(site.call(&set).is_err());
                prop_assert!(harness.emulator.requests().is_empty());
                return Ok(());
            }
            let done = site.verdict(&SetInvoicesCourier::new(
                ids.iter().copied().map(InvoiceId::new),
                courier.clone(),
            ))?;
            prop_assert_eq!(route(harness), ("PUT".into(), "/shop/invoices".into()));
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[
                    ("mode", "setCourier".into()),
                    ("ids", ids_joined(&ids)),
                    ("group_courier", courier.clone())
                ])
            );
            let done = done.ok_or_else(|| TestCaseError::fail("refused"))?;
            prop_assert_eq!(
                done.msg.clone(),
                success(harness)["msg"].as_str().map(str::to_owned)
            );
            for id in &ids {
                prop_assert_eq!(invoice(&site, *id)?.delivery.courier, Some(courier.clone()));
            }
            Ok(())
        },
    );
}

pub fn set_invoices_status() {
    let statuses = prop::sample::select(vec![
        OrderStatus::READY,
        OrderStatus::from_code(10),
        OrderStatus::from_code(6),
    ]);
    check(
        (any::<bool>(), invoice_ids(), statuses),
        |harness, adapter, (bearer, ids, status)| {
            let site = Site::of(harness, adapter, bearer);
            let done = site.verdict(&SetInvoicesStatus::new(
                ids.iter().copied().map(InvoiceId::new),
                status,
            ))?;
            prop_assert_eq!(route(harness), ("PUT".into(), "/shop/invoices".into()));
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[
                    ("mode", "status".into()),
                    ("ids", ids_joined(&ids)),
                    ("status", status.code().to_string())
                ])
            );
            let done = done.ok_or_else(|| TestCaseError::fail("refused"))?;
            prop_assert_eq!(
                done.msg.clone(),
                success(harness)["msg"].as_str().map(str::to_owned)
            );
            for id in &ids {
                prop_assert_eq!(invoice(&site, *id)?.status, Some(status));
            }
            Ok(())
        },
    );
}

fn details_agree(harness: &Harness, details: &OrderDetails) -> Result<(), TestCaseError> {
    let raw = success(harness);
    prop_assert_eq!(
        details.order_id.get().to_string(),
        text_of(&raw["order_id"])
    );
    let amount = &raw["order_data"]["order_amount"];
    prop_assert_eq!(
        details
            .order_data
            .order_amount
            .as_ref()
            .unwrap()
            .amount
            .to_string(),
        text_of(&amount["amount_raw"])
    );
    let goods = raw["order_goods"]["goods"]
        .as_object()
        .map_or(0, |g| g.len());
    prop_assert_eq!(details.order_goods.goods.len(), goods);
    Ok(())
}

pub fn get_order() {
    let hashes = prop_oneof![Just(hash1().as_str().to_owned()), "[A-Za-z0-9%;]{1,40}"];
    check(
        (any::<bool>(), hashes),
        |harness, adapter, (bearer, hash)| {
            let site = Site::of(harness, adapter, bearer);
            let view = site.verdict(&GetOrder::new(OrderHash::new(hash.clone()).unwrap()))?;
            prop_assert_eq!(route(harness), ("GET".into(), "/shop/order".into()));
            prop_assert_eq!(received(&last(harness)), meant(&[("order", hash.clone())]));
            match view {
                Some(OrderView::Details(details)) => details_agree(harness, &details)?,
                Some(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
                None => prop_assert_ne!(hash, hash1().as_str().to_owned()),
            }
            Ok(())
        },
    );
}

pub fn add_goods() {
    check(
        (any::<bool>(), prop::sample::select(vec![3u64, 5, 10, 999])),
        |harness, adapter, (bearer, goods)| {
            let site = Site::of(harness, adapter, bearer);
            let details = site.verdict(&AddGoods::new(hash1(), GoodsId::new(goods)))?;
            prop_assert_eq!(route(harness), ("POST".into(), "/shop/order".into()));
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[
                    ("order", hash1().as_str().to_owned()),
                    ("id", goods.to_string())
                ])
            );
            if let Some(details) = details {
                details_agree(harness, &details)?;
            } else {
                prop_assert_eq!(goods, 999);
            }
            Ok(())
        },
    );
}

pub fn change_order_contents() {
    check(
        (
            any::<bool>(),
            1u32..100,
            proptest::option::of((1i64..100_000, 0u32..3)),
            any::<bool>(),
        ),
        |harness, adapter, (bearer, count, price, remove)| {
            let site = Site::of(harness, adapter, bearer);
            let record = *site
                .ok(&GetOrder::new(hash1()))
                .map(|view| match view {
                    OrderView::Details(details) => details.order_goods.goods.keys().next().copied(),
                    _ => None,
                })?
                .as_ref()
                .unwrap();
            let mut change = ChangeOrderContents::new(hash1());
            let mut expected = vec![("order", hash1().as_str().to_owned())];
            let key = |what: &str| format!("{what}_{record}");
            let (cnt, price_key, del) = (key("cnt"), key("price"), key("del"));
            if remove {
                change = change.remove(record);
                expected.push((del.as_str(), "1".into()));
            } else {
                change = change.count(record, count);
                expected.push((cnt.as_str(), count.to_string()));
                if let Some((units, scale)) = price {
                    let price = Decimal::new(units, scale);
                    change = change.price(record, price);
                    expected.push((price_key.as_str(), price.to_string()));
                }
            }
            let details = site.ok(&change)?;
            prop_assert_eq!(route(harness), ("PUT".into(), "/shop/order".into()));
            prop_assert_eq!(received(&last(harness)), meant(&expected));
            details_agree(harness, &details)?;
            match details.order_goods.goods.get(&record) {
                None => prop_assert!(remove),
                Some(line) => {
                    prop_assert_eq!(line.cnt, Some(count));
                    if let Some((units, scale)) = price {
                        prop_assert_eq!(
                            line.price.as_ref().unwrap().amount,
                            Decimal::new(units, scale)
                        );
                    }
                }
            }
            Ok(())
        },
    );
}

pub fn change_order_field() {
    check(
        (any::<bool>(), 1u32..4, name()),
        |harness, adapter, (bearer, field, text)| {
            let site = Site::of(harness, adapter, bearer);
            let details = site.verdict(&ChangeOrderField::new(
                hash1(),
                FieldId::new(field),
                FieldValue::Text(text.clone()),
            ))?;
            prop_assert_eq!(route(harness), ("PUT".into(), "/shop/invoices".into()));
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[
                    ("order", hash1().as_str().to_owned()),
                    ("mode", "inv_chfld_save".into()),
                    ("fid", field.to_string()),
                    ("fval", text.clone())
                ])
            );
            match details {
                Some(details) => {
                    details_agree(harness, &details)?;
                    prop_assert_eq!(
                        details
                            .order_data
                            .order_fields
                            .values
                            .get(&FieldId::new(field)),
                        Some(&text)
                    );
                }
                None => prop_assert_eq!(field, 3, "the seeded form has fields 1 and 2"),
            }
            Ok(())
        },
    );
}

pub fn list_baskets() {
    check(any::<bool>(), |harness, adapter, bearer| {
        let site = Site::of(harness, adapter, bearer);
        let baskets = site.ok(&ListBaskets::default())?;
        prop_assert_eq!(route(harness), ("GET".into(), "/shop/usersbasket".into()));
        let raw = success(harness);
        let users = raw["users_baskets"].as_object().unwrap();
        prop_assert_eq!(baskets.users_baskets.len(), users.len());
        for (id, basket) in baskets.users_baskets.iter() {
            let raw = &users[&id.to_string()];
            prop_assert_eq!(basket.user_id.to_string(), text_of(&raw["user_id"]));
            prop_assert_eq!(
                basket.user_basket_amount.unwrap().to_string(),
                text_of(&raw["user_basket_amount"])
            );
            prop_assert_eq!(
                basket.user_basket_items.len(),
                raw["user_basket_items"].as_object().map_or(0, |i| i.len())
            );
        }
        prop_assert_eq!(
            baskets.paginator_count.unwrap().to_string(),
            text_of(&raw["paginator_count"])
        );
        Ok(())
    });
}

pub fn save_invoice_note() {
    check(
        (any::<bool>(), 1u64..6, "\\PC{0,40}"),
        |harness, adapter, (bearer, id, note)| {
            let site = Site::of(harness, adapter, bearer);
            let done = site.verdict(&SaveInvoiceNote::new(InvoiceId::new(id), note.clone()))?;
            prop_assert_eq!(route(harness), ("PUT".into(), "/shop/checkout".into()));
            prop_assert_eq!(
                received(&last(harness)),
                meant(&[
                    ("mode", "inv_note_save".into()),
                    ("id", id.to_string()),
                    ("note", note.clone())
                ])
            );
            match done {
                Some(done) => {
                    prop_assert_eq!(
                        done.msg.clone(),
                        success(harness)["msg"].as_str().map(str::to_owned)
                    );
                    let now = invoice(&site, id)?.note;
                    prop_assert_eq!(now.unwrap_or_default(), note);
                }
                None => prop_assert_eq!(id, 5, "seeded: invoices 1 to 4"),
            }
            Ok(())
        },
    );
}
