//! One invoice (`/shop/order/`, and `inv_chfld_save`): its details, goods
//! added, contents and fields changed.

use serde_json::{Map, Value, json};

use super::checkout::{Point, promo_terms};
use super::envelope::param;
use super::goods::{Line, display, pair, pair_or_zero, topay};
use super::invoices::Invoice;
use super::shop_data::MAP_FIELD;
use super::{State, seed, shop_data};

impl State {
    pub(super) fn invoice_mut(&mut self, hash: &str) -> Result<&mut Invoice, String> {
        self.invoices
            .iter_mut()
            .find(|i| i.hash == hash)
            .ok_or_else(|| "Заказ не найден".to_owned())
    }

    pub(super) fn details(&self, hash: &str) -> Result<Value, String> {
        let invoice = self
            .invoices
            .iter()
            .find(|i| i.hash == hash)
            .ok_or("Заказ не найден")?;
        let totals = invoice.totals();
        let goods: Map<String, Value> = invoice
            .lines
            .iter()
            .map(|l| (l.record.to_string(), self.line_json(l, true)))
            .collect();
        let mut fields: Map<String, Value> = invoice
            .fields
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(v.clone())))
            .collect();
        fields.insert(
            "fields_descr".into(),
            shop_data::order_fields()
                .into_iter()
                .map(|f| (f.n.to_string(), Value::from(f.name)))
                .collect::<Map<_, _>>()
                .into(),
        );
        let statuses = shop_data::statuses();
        let mut discount = pair_or_zero("discount", totals.discount);
        discount["promo_code"] = invoice.promo.unwrap_or_default().into();
        discount["promo_group"] = invoice
            .promo
            .and_then(promo_terms)
            .map_or("", |(_, group)| group)
            .into();
        let delivery_date = match invoice.delivery_date {
            0 => String::new(),
            date => date.to_string(),
        };
        let mut answer = json!({
            "order_id": invoice.id.to_string(),
            "order_nom": format!("{:05}", invoice.id),
            "order_goods": {"goods_fields": {"name": "Наименование", "price": "Цена", "cnt": "Кол-во", "sum": "Сумма"}, "goods": goods},
            "order_digital_goods": self.digital_goods(&invoice.lines),
            "order_data": {
                "order_hash": invoice.hash,
                "order_cnt": invoice.lines.iter().map(|l| l.cnt).sum::<u64>().to_string(),
                "order_weight": {"weight": "0.00", "weight_raw": 0},
                "order_currency": {"id": "1", "rate": "1"},
                "order_discount": discount,
                "order_amount": pair("amount", totals.amount),
                "order_total": pair("total", totals.total()),
                "order_topay": topay(totals.topay()),
                "order_vat": {"vat": 0, "vat_raw": 0, "vat_type": "0"},
                "order_profit": {"profit": display(0), "profit_raw": "0.00"},
                "order_status": {"code": invoice.status.to_string(), "status": statuses.get(&invoice.status.to_string()).cloned().unwrap_or(Value::from(""))},
                "order_payment": {"id": invoice.payment_id.to_string(), "name": "Наличными при получении", "descr": ""},
                "order_delivery": {"id": invoice.delivery_id.to_string(), "name": "Самовывоз", "descr": "", "tax": pair_or_zero("tax", totals.tax), "courier": invoice.courier, "delivery_date": delivery_date},
                "order_fields": fields,
                "order_add_date": invoice.add_date.to_string(),
                "order_mod_date": invoice.mod_date.to_string(),
                "order_ip": invoice.ip,
                "order_user": invoice.user,
                "order_uid": invoice.uid.to_string(),
                "order_group_uid": "4",
                "order_auth": "",
                "order_akey": format!("{:032x}", invoice.id),
                "order_journal": invoice.journal,
                "order_note": invoice.note,
                "order_hide": invoice.hide.to_string(),
            },
        });
        if !invoice.vat_and_profit {
            // A shop with VAT and profit switched off sends neither.
            let data = &mut answer["order_data"];
            for total in ["order_vat", "order_profit"] {
                data.as_object_mut().map(|d| d.remove(total));
            }
        }
        Ok(answer)
    }

    pub(super) fn add_goods(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        let get = |key: &str| param(params, key).map(str::to_owned);
        let hash = get("order").unwrap_or_default();
        let goods_id: u64 = get("id")
            .and_then(|i| i.parse().ok())
            .ok_or("id: не указан товар")?;
        let price = self.product(goods_id).ok_or("Товар не найден")?.price;
        self.next_record += 1;
        let record = self.next_record;
        self.tick += 1;
        let now = seed::NOW + self.tick;
        let invoice = self.invoice_mut(&hash)?;
        invoice.lines.push(Line {
            record,
            goods_id,
            cnt: 1,
            price,
        });
        invoice.mod_date = now;
        self.details(&hash)
    }

    pub(super) fn change_contents(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        let hash = params
            .iter()
            .find(|(k, _)| k == "order")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        self.tick += 1;
        let now = seed::NOW + self.tick;
        let invoice = self.invoice_mut(&hash)?;
        for (key, value) in params {
            let (kind, record) = match key.split_once('_') {
                Some((kind, record)) => match record.parse::<u64>() {
                    Ok(record) => (kind, record),
                    Err(_) => continue,
                },
                None => continue,
            };
            let line = invoice.lines.iter_mut().find(|l| l.record == record);
            match (kind, line) {
                ("cnt", Some(line)) => {
                    line.cnt = value.parse().map_err(|_| format!("{key}: не число"))?
                }
                ("price", Some(line)) => {
                    line.price =
                        crate::amounts::parse_cents(value).ok_or(format!("{key}: не цена"))?
                }
                ("del", Some(_)) => invoice.lines.retain(|l| l.record != record),
                ("cnt" | "price" | "del", None) => return Err(format!("{key}: нет такой позиции")),
                _ => {}
            }
        }
        invoice.mod_date = now;
        self.details(&hash)
    }

    pub(super) fn change_field(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        let get = |key: &str| param(params, key).map(str::to_owned);
        let hash = get("order").unwrap_or_default();
        let field: u64 = get("fid")
            .and_then(|f| f.parse().ok())
            .ok_or("fid: не указано поле")?;
        if !shop_data::order_fields().iter().any(|f| f.n == field) {
            return Err("Поле не найдено".into());
        }
        let value = get("fval").or_else(|| get("gmap_a")).unwrap_or_default();
        self.tick += 1;
        let now = seed::NOW + self.tick;
        let invoice = self.invoice_mut(&hash)?;
        invoice.fields.insert(field, value);
        // The point of the `gmaps` field, with its address (seed lines
        // 896-898); an address without one has none.
        if field == MAP_FIELD && get("gmap_a").is_some() {
            invoice.point = Point {
                lat: get("gmap_s").unwrap_or_default(),
                lng: get("gmap_d").unwrap_or_default(),
            };
        }
        invoice.mod_date = now;
        self.details(&hash)
    }
}
