//! `shop-apis ucoz …`: the uAPI "Internet shop" endpoints.

use shop_apis::Decimal;
use shop_apis::ucoz::*;

use crate::args::{Sort, amount, amounts, compare, coordinates, moments, pair};
use crate::commands::commands;

commands! {
    enum Command for Ucoz;

    /// List the delivery methods.
    one ListDeliveryMethods(ListDeliveryMethods) {} => |args| ListDeliveryMethods;
    /// List the payment methods.
    one ListPaymentMethods(ListPaymentMethods) {} => |args| ListPaymentMethods;
    /// List the order statuses.
    one ListOrderStatuses(ListOrderStatuses) {} => |args| ListOrderStatuses;
    /// List the order groups (in work, archive, bin).
    one ListOrderGroups(ListOrderGroups) {} => |args| ListOrderGroups;
    /// List the checkout form's fields.
    one ListOrderFields(ListOrderFields) {} => |args| ListOrderFields;
    /// List the goods' order fields.
    one ListOrderGoodsFields(ListOrderGoodsFields) {} => |args| ListOrderGoodsFields;
    /// The basket at checkout.
    one GetCheckout(GetCheckout) {
        /// A promo code to apply.
        #[arg(long)]
        promo_code: Option<String>,
        /// A delivery charge from an external calculator, used when the delivery method takes one.
        #[arg(long, value_parser = amount)]
        custom_delivery_tax: Option<Decimal>,
    } => |args| {
        let mut checkout = GetCheckout::default();
        if let Some(code) = args.promo_code { checkout = checkout.promo_code(code); }
        if let Some(tax) = args.custom_delivery_tax { checkout = checkout.custom_delivery_tax(tax); }
        checkout
    };
    /// Change the counts in the basket, or remove goods from it.
    one RecalcCheckout(RecalcCheckout) {
        /// A new count: `RECORD=COUNT`; one flag per record.
        #[arg(long, value_name = "RECORD=COUNT", value_parser = pair::<RecordId, u32>)]
        count: Vec<(RecordId, u32)>,
        /// A record to remove.
        #[arg(long, value_name = "RECORD")]
        remove: Vec<RecordId>,
    } => |args| {
        let mut recalc = RecalcCheckout::default();
        for (record, count) in args.count { recalc = recalc.count(record, count); }
        for record in args.remove { recalc = recalc.remove(record); }
        recalc
    };
    /// Choose payment, delivery and the form's fields at checkout.
    one ChangeCheckout(ChangeCheckout) {
        #[command(flatten)]
        choices: Choices,
    } => |args| ChangeCheckout(args.choices.into());
    /// Place the order in the basket (unsafe: a repeat places another).
    one PlaceOrder(PlaceOrder) {
        #[command(flatten)]
        choices: Choices,
        /// Register the guest as a user (true) or not (false).
        #[arg(long, value_name = "BOOL")]
        auto_register: Option<bool>,
    } => |args| {
        let order = PlaceOrder::new(args.choices.into());
        match args.auto_register {
            Some(register) => order.auto_register(register),
            None => order,
        }
    };
    /// List invoices: one page, or every one with --all-pages.
    paged ListInvoices(ListInvoices) {
        /// The page (from 1).
        #[arg(long)]
        page: Option<u32>,
        /// Invoices per page (1 to 20).
        #[arg(long)]
        per_page: Option<u32>,
        /// Sort by this.
        #[arg(long, value_enum)]
        sort: Option<Sort>,
        /// With --sort: the largest first.
        #[arg(long, requires = "sort")]
        descending: bool,
        /// Invoices of this user.
        #[arg(long)]
        user: Option<u64>,
        /// Invoices in this group: in-work, archive, bin, or its code (uCoz's `hide`).
        #[arg(long, alias = "hide")]
        group: Option<OrderGroup>,
        /// Invoices in this status: new, awaiting-payment, paid, processing, ready,
        /// delivering, delivered, completed, cancelled, or its code.
        #[arg(long)]
        status: Option<OrderStatus>,
        /// Invoices whose sum is in `FROM..TO`.
        #[arg(long, value_name = "FROM..TO", value_parser = amounts)]
        sum: Option<Range<Decimal>>,
        /// Invoices of this courier.
        #[arg(long)]
        courier: Option<String>,
        /// Invoices delivered in `FROM..TO` (days, or moments YYYY-MM-DDTHH:MM).
        #[arg(long, value_name = "FROM..TO", value_parser = moments)]
        delivered: Option<Range<DateTimeBound>>,
        /// Invoices paid this way.
        #[arg(long)]
        payment: Option<PaymentId>,
        /// Invoices delivered this way.
        #[arg(long)]
        delivery: Option<DeliveryId>,
        /// Only these invoices.
        #[arg(long = "id", value_name = "ID")]
        ids: Vec<InvoiceId>,
        /// Invoices placed in `FROM..TO` (days, or moments YYYY-MM-DDTHH:MM).
        #[arg(long, value_name = "FROM..TO", value_parser = moments)]
        placed: Option<Range<DateTimeBound>>,
    } => |args| {
        let mut list = ListInvoices::default().ids(args.ids);
        if let Some(page) = args.page { list = list.page(page); }
        if let Some(per_page) = args.per_page { list = list.per_page(per_page); }
        if let Some(sort) = args.sort { list = list.sort(sort.into(), args.descending); }
        if let Some(user) = args.user { list = list.user(user); }
        if let Some(group) = args.group { list = list.hide(group); }
        if let Some(status) = args.status { list = list.status(status); }
        if let Some(sum) = args.sum { list = list.sum_between(sum); }
        if let Some(courier) = args.courier { list = list.courier(courier); }
        if let Some(range) = args.delivered { list = list.delivered_between(range); }
        if let Some(payment) = args.payment { list = list.payment(payment); }
        if let Some(delivery) = args.delivery { list = list.delivery(delivery); }
        if let Some(range) = args.placed { list = list.placed_between(range); }
        list
    };
    /// Move invoices to a group: in-work, archive, bin, or its code.
    one SetInvoicesGroup(SetInvoicesGroup) {
        /// The invoices' ids.
        #[arg(required = true)]
        ids: Vec<InvoiceId>,
        /// The group.
        #[arg(long)]
        group: OrderGroup,
    } => |args| SetInvoicesGroup::new(args.ids, args.group);
    /// Give invoices to a courier.
    one SetInvoicesCourier(SetInvoicesCourier) {
        /// The invoices' ids.
        #[arg(required = true)]
        ids: Vec<InvoiceId>,
        /// The courier's login.
        #[arg(long)]
        courier: String,
    } => |args| SetInvoicesCourier::new(args.ids, args.courier);
    /// Set invoices' status: new, awaiting-payment, paid, processing, ready,
    /// delivering, delivered, completed, cancelled, or its code.
    one SetInvoicesStatus(SetInvoicesStatus) {
        /// The invoices' ids.
        #[arg(required = true)]
        ids: Vec<InvoiceId>,
        /// The status.
        #[arg(long)]
        status: OrderStatus,
    } => |args| SetInvoicesStatus::new(args.ids, args.status);
    /// List users' baskets: one page, or every one with --all-pages.
    paged ListBaskets(ListBaskets) {
        /// The page (from 1).
        #[arg(long)]
        page: Option<u32>,
        /// Baskets per page (1 to 20).
        #[arg(long)]
        per_page: Option<u32>,
        /// Only these users' baskets.
        #[arg(long = "user", value_name = "ID")]
        users: Vec<u64>,
        /// Users whose login matches this (`*` and `?` masks).
        #[arg(long)]
        login: Option<String>,
        /// Users of this group.
        #[arg(long)]
        user_group: Option<u64>,
        /// Baskets holding these goods.
        #[arg(long = "goods", value_name = "ID")]
        goods: Vec<GoodsId>,
        /// Baskets whose count of goods compares so: `gr:2`, `btw:1..5` (eq, neq, gr, greq, les, leq, btw, nin).
        #[arg(long, value_name = "OP:N", value_parser = compare)]
        goods_count: Option<Compare>,
        /// Baskets whose price compares so: `greq:1000`, `btw:100..500`.
        #[arg(long, value_name = "OP:N", value_parser = compare)]
        price: Option<Compare>,
        /// Users last seen in `FROM..TO` (days, or moments YYYY-MM-DDTHH:MM).
        #[arg(long, value_name = "FROM..TO", value_parser = moments)]
        last_visit: Option<Range<DateTimeBound>>,
    } => |args| {
        let mut list = ListBaskets::default().user_ids(args.users).goods_ids(args.goods);
        if let Some(page) = args.page { list = list.page(page); }
        if let Some(per_page) = args.per_page { list = list.per_page(per_page); }
        if let Some(login) = args.login { list = list.user_login(LoginFilter::new(login)?); }
        if let Some(group) = args.user_group { list = list.user_group(group); }
        if let Some(count) = args.goods_count { list = list.goods_count(count); }
        if let Some(price) = args.price { list = list.price(price); }
        if let Some(range) = args.last_visit { list = list.last_visit(range); }
        list
    };
    /// Save an invoice's note (an empty note clears it).
    one SaveInvoiceNote(SaveInvoiceNote) {
        /// The invoice's id.
        id: InvoiceId,
        /// The note.
        #[arg(long)]
        note: String,
    } => |args| SaveInvoiceNote::new(args.id, args.note);
    /// An order, by its hash.
    one GetOrder(GetOrder) {
        /// The order's hash.
        order: String,
    } => |args| GetOrder::new(OrderHash::new(args.order)?);
    /// Add goods to an order (unsafe: a repeat adds them again).
    one AddGoods(AddGoods) {
        /// The order's hash.
        order: String,
        /// The goods' id.
        #[arg(long)]
        goods: GoodsId,
    } => |args| AddGoods::new(OrderHash::new(args.order)?, args.goods);
    /// Change an order's counts and prices, or remove goods from it.
    one ChangeOrderContents(ChangeOrderContents) {
        /// The order's hash.
        order: String,
        /// A new count: `RECORD=COUNT`; one flag per record.
        #[arg(long, value_name = "RECORD=COUNT", value_parser = pair::<RecordId, u32>)]
        count: Vec<(RecordId, u32)>,
        /// A new price: `RECORD=PRICE`; one flag per record.
        #[arg(long, value_name = "RECORD=PRICE", value_parser = pair::<RecordId, Decimal>)]
        price: Vec<(RecordId, Decimal)>,
        /// A record to remove.
        #[arg(long, value_name = "RECORD")]
        remove: Vec<RecordId>,
    } => |args| {
        let mut change = ChangeOrderContents::new(OrderHash::new(args.order)?);
        for (record, count) in args.count { change = change.count(record, count); }
        for (record, price) in args.price { change = change.price(record, price); }
        for record in args.remove { change = change.remove(record); }
        change
    };
    /// Change one field of an order: a text, or a map address.
    one ChangeOrderField(ChangeOrderField) {
        /// The order's hash.
        order: String,
        /// The field's id.
        #[arg(long)]
        field: FieldId,
        /// The field's new text.
        #[arg(long, required_unless_present = "map_address", conflicts_with = "map_address")]
        text: Option<String>,
        /// A map field's new address.
        #[arg(long)]
        map_address: Option<String>,
        /// With --map-address: its place, `LATITUDE,LONGITUDE`.
        #[arg(long, value_name = "LAT,LNG", value_parser = coordinates, requires = "map_address")]
        map_at: Option<(Decimal, Decimal)>,
    } => |args| {
        let value = match (args.text, args.map_address) {
            (Some(text), _) => FieldValue::Text(text),
            (None, address) => FieldValue::Map(map(address.unwrap_or_default(), args.map_at)),
        };
        ChangeOrderField::new(OrderHash::new(args.order)?, args.field, value)
    };
}

/// A map address, at its place when given.
fn map(address: String, at: Option<(Decimal, Decimal)>) -> MapAddress {
    let address = MapAddress::new(address);
    match at {
        Some((latitude, longitude)) => address.at(latitude, longitude),
        None => address,
    }
}

/// The choices of a checkout: payment, delivery, the form's fields.
#[derive(Debug, clap::Args)]
pub(crate) struct Choices {
    /// The payment method's id.
    #[arg(long)]
    payment: Option<PaymentId>,
    /// The delivery method's id.
    #[arg(long)]
    delivery: Option<DeliveryId>,
    /// A form field's value: `FIELD=VALUE`; one flag per field.
    #[arg(long, value_name = "FIELD=VALUE", value_parser = pair::<FieldId, String>)]
    field: Vec<(FieldId, String)>,
    /// The delivery address on the map.
    #[arg(long)]
    map_address: Option<String>,
    /// With --map-address: its place, `LATITUDE,LONGITUDE`.
    #[arg(long, value_name = "LAT,LNG", value_parser = coordinates, requires = "map_address")]
    map_at: Option<(Decimal, Decimal)>,
    /// A delivery charge from an external calculator, used when the delivery method takes one.
    #[arg(long, value_parser = amount)]
    custom_delivery_tax: Option<Decimal>,
}

impl From<Choices> for OrderChoices {
    fn from(args: Choices) -> Self {
        let mut choices = OrderChoices::default();
        if let Some(payment) = args.payment {
            choices = choices.payment(payment);
        }
        if let Some(delivery) = args.delivery {
            choices = choices.delivery(delivery);
        }
        for (field, value) in args.field {
            choices = choices.field(field, value);
        }
        if let Some(address) = args.map_address {
            choices = choices.map(map(address, args.map_at));
        }
        if let Some(tax) = args.custom_delivery_tax {
            choices = choices.custom_delivery_tax(tax);
        }
        choices
    }
}
