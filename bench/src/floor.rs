//! The floor: plain serde derives over the pages' native form
//! (`NAME.native.json`), where numbers are JSON numbers, booleans JSON
//! booleans and id-keyed objects arrays. No quirk is decoded and unknown
//! fields are skipped, not kept: the least any typed decode of the same data
//! can cost with serde_json.
#![allow(missing_docs, dead_code)]

use serde::Deserialize;

/// SapLab's order page.
#[derive(Debug, Deserialize)]
pub struct Orders {
    pub orders: Vec<Position>,
    pub filters: Filters,
    pub pages: u32,
}

#[derive(Debug, Deserialize)]
pub struct Filters {
    pub per_page: Option<u32>,
}

#[derive(Debug, Deserialize)]
pub struct Position {
    pub id: u64,
    pub invoice: Option<String>,
    pub client_id: u64,
    pub client_name: Option<String>,
    pub is_wholesaler: bool,
    pub wholesaler_info: Option<String>,
    pub distributor_id: Option<u64>,
    pub distributor_name: Option<String>,
    pub brand: Option<String>,
    pub article: Option<String>,
    pub name: Option<String>,
    pub deliverytime_min: u32,
    pub deliverytime_max: u32,
    pub initial_price: f64,
    pub price: f64,
    pub quantity: u32,
    pub total: f64,
    pub status_id: u64,
    pub status_name: Option<String>,
    pub status_color: Option<String>,
    pub shipping_id: Option<u64>,
    pub shipping_name: Option<String>,
    pub shipping_address: Option<String>,
    pub doc_id: Option<u64>,
    pub comment: Comment,
    pub deny_request: bool,
    pub is_archived: bool,
    pub is_denied: bool,
    pub is_payed: bool,
    pub date_added: String,
    pub date_modified: Option<String>,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Deserialize)]
pub struct Comment {
    pub client_comment: Option<String>,
    pub manager_comment: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct HistoryEntry {
    pub date: String,
    pub color: Option<String>,
    pub status: Option<String>,
    pub manager: Option<String>,
}

/// SapLab's client page.
#[derive(Debug, Deserialize)]
pub struct Clients {
    pub clients: Vec<Client>,
    pub filters: Filters,
    pub pages: u32,
}

#[derive(Debug, Deserialize)]
pub struct Client {
    pub id: u64,
    pub phone: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub date_added: String,
    pub date_modified: Option<String>,
    pub is_wholesaler: bool,
    pub wholesaler_info: Option<String>,
    pub group_id: Option<u64>,
    pub group: Option<String>,
    pub manager_id: Option<u64>,
    pub manager: Option<String>,
    pub point_id: Option<u64>,
    pub point: Option<String>,
    pub status: bool,
    pub comment: Option<String>,
    pub shipping_id: Option<u64>,
    pub balance: f64,
    pub debt: f64,
    pub blocked_debt: f64,
    pub limit: f64,
}

/// uCoz's `{"success": …}`.
#[derive(Debug, Deserialize)]
pub struct Success<T> {
    pub success: T,
}

/// A value under an id (`{"id": 1, "value": "…"}`).
#[derive(Debug, Deserialize)]
pub struct Keyed<T> {
    pub id: u64,
    pub value: T,
}

/// uCoz's invoice page.
#[derive(Debug, Deserialize)]
pub struct Invoices {
    pub orders: Vec<Invoice>,
    pub count: u64,
    pub page: u32,
    pub pages_cnt: u32,
    pub per_page: u32,
    pub total: Option<f64>,
    pub profit: Option<f64>,
    pub order_status: Vec<Keyed<String>>,
    pub order_hide: Vec<Keyed<String>>,
    pub order_fields: Vec<OrderField>,
    pub order_uids: Vec<u64>,
}

#[derive(Debug, Deserialize)]
pub struct OrderField {
    pub id: u64,
    pub required: u8,
    pub expand: u8,
    pub name: String,
    pub dig: u8,
    pub pos: u32,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Deserialize)]
pub struct Invoice {
    pub id: u64,
    pub nom: Option<String>,
    pub order_hash: String,
    pub uid: Option<u64>,
    pub user: Option<String>,
    pub akey: Option<String>,
    pub cnt: u32,
    pub amount: f64,
    pub profit: Option<f64>,
    pub discount: Discount,
    pub currency: Currency,
    pub payment: Payment,
    pub delivery: Delivery,
    pub weight: Option<f64>,
    pub fields: Vec<Keyed<String>>,
    pub hide: u8,
    pub status: u8,
    pub add_date: i64,
    pub mod_date: Option<i64>,
    pub rem: Option<String>,
    pub note: Option<String>,
    pub ip: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Discount {
    pub sum: Option<f64>,
}

#[derive(Debug, Deserialize)]
pub struct Currency {
    pub id: Option<u64>,
    pub rate: Option<f64>,
}

#[derive(Debug, Deserialize)]
pub struct Payment {
    pub id: Option<u64>,
    pub topay: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Delivery {
    pub id: Option<u64>,
    pub tax: Option<f64>,
}

/// uCoz's `ORDER_DATA`.
#[derive(Debug, Deserialize)]
pub struct OrderDetails {
    pub order_id: u64,
    pub order_nom: Option<String>,
    pub order_goods: OrderGoods,
    pub order_digital_goods: DigitalGoods,
    pub order_data: OrderData,
}

#[derive(Debug, Deserialize)]
pub struct OrderGoods {
    pub goods_fields: Vec<GoodsField>,
    pub goods: Vec<GoodsLine>,
}

#[derive(Debug, Deserialize)]
pub struct GoodsField {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
pub struct DigitalGoods {
    pub cnt: Option<u32>,
    pub goods: Vec<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
pub struct GoodsLine {
    pub id: u64,
    pub goods_id: u64,
    pub name: Option<String>,
    pub price: Money,
    pub price_in: Option<Money>,
    pub cnt: u32,
    pub sum: Money,
    pub vat: Option<String>,
    pub warning: Option<String>,
    pub cat: Option<String>,
    pub img: Option<Image>,
    pub art: Option<String>,
    pub brand: Option<String>,
    pub warr: Option<String>,
    pub weight: Option<Money>,
    pub unit: Option<String>,
    pub options: Option<String>,
    pub added_user: Option<String>,
    pub other1: Option<String>,
    pub other2: Option<String>,
    pub other3: Option<String>,
    pub other4: Option<String>,
    pub other5: Option<String>,
    pub other6: Option<String>,
    pub other7: Option<String>,
    pub other8: Option<String>,
    pub other9: Option<String>,
}

/// An amount with the shop's display of it.
#[derive(Debug, Deserialize)]
pub struct Money {
    pub raw: f64,
    pub display: String,
}

#[derive(Debug, Deserialize)]
pub struct Image {
    pub small: Option<String>,
    pub photo: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct OrderData {
    pub order_hash: String,
    pub order_cnt: u32,
    pub order_weight: Money,
    pub order_currency: Currency,
    pub order_discount: Money,
    pub order_amount: Money,
    pub order_total: Money,
    pub order_topay: Money,
    pub order_vat: Money,
    pub order_profit: Money,
    pub order_status: StatusName,
    pub order_payment: OrderPayment,
    pub order_delivery: OrderDelivery,
    pub order_fields: OrderFieldValues,
    pub order_add_date: i64,
    pub order_mod_date: Option<i64>,
    pub order_ip: Option<String>,
    pub order_user: Option<String>,
    pub order_uid: Option<u64>,
    pub order_group_uid: Option<u64>,
    pub order_auth: Option<String>,
    pub order_akey: Option<String>,
    pub order_journal: Option<String>,
    pub order_note: Option<String>,
    pub order_hide: u8,
}

#[derive(Debug, Deserialize)]
pub struct StatusName {
    pub code: u8,
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct OrderPayment {
    pub id: Option<u64>,
    pub name: Option<String>,
    pub descr: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct OrderDelivery {
    pub id: Option<u64>,
    pub name: Option<String>,
    pub descr: Option<String>,
    pub tax: Money,
    pub courier: Option<String>,
    pub delivery_date: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct OrderFieldValues {
    pub values: Vec<Keyed<String>>,
    pub labels: Vec<Keyed<String>>,
}

/// uCoz's abandoned baskets.
#[derive(Debug, Deserialize)]
pub struct Baskets {
    pub users_baskets: Vec<UserBasket>,
    pub paginator_page: u32,
    pub paginator_pages_cnt: u32,
    pub paginator_count: u64,
    pub paginator_per_page: u32,
}

#[derive(Debug, Deserialize)]
pub struct UserBasket {
    pub id: u64,
    pub user_id: u64,
    pub user_login: Option<String>,
    pub user_group_id: Option<u64>,
    pub user_group_name: Option<String>,
    pub user_name: Option<String>,
    pub user_email: Option<String>,
    pub user_phone: Option<String>,
    pub user_last_activity: Option<i64>,
    pub user_ip: Option<String>,
    pub user_basket_amount: f64,
    pub user_basket_items_cnt: u32,
    pub user_basket_items: Vec<BasketItem>,
}

#[derive(Debug, Deserialize)]
pub struct BasketItem {
    pub id: u64,
    pub goods_id: u64,
    pub name: Option<String>,
    pub price: f64,
    pub cnt: u32,
    pub sum: f64,
}
