//! Sends a uCoz shop's new orders to Qnits and moves each one to
//! "processing" once its Qnits order exists, through the blocking reqwest
//! client.
//!
//! With no environment, it starts the emulator in a background thread and
//! takes both APIs from it. For real services, set both `UCOZ_BASE_URL`
//! (with `UCOZ_CONSUMER_KEY`, `UCOZ_CONSUMER_SECRET`, `UCOZ_TOKEN`,
//! `UCOZ_TOKEN_SECRET`, or `UCOZ_BEARER`) and `QNITS_BASE_URL` (with
//! `QNITS_QNIT_ID`, `QNITS_TOKEN`); one without the other is refused, so a
//! real shop's orders are never moved on the word of an emulated Qnits, nor
//! real Qnits orders made from emulated invoices. `PER_PAGE` (1 to 20, 20 by
//! default) is how many invoices a page of the list holds.
//!
//! ```text
//! cargo run -p examples --bin order_sync [PER_PAGE]
//! ```
//!
//! Safe to run twice, or after an interrupted run: an invoice leaves "new"
//! only after Qnits has its order, and an order is always sent with the
//! external id its invoice gives, which Qnits creates once (Q15 in
//! `docs/quirks.md`). So a second run finds nothing new, and an invoice
//! whose order may or may not exist is sent again and answered with the
//! order made the first time.
//!
//! From a uCoz order to a Qnits order:
//! - external id: `ucoz-` and the invoice id ([`external_id`]);
//! - products: each goods line of the order (`GetOrder`; the list carries
//!   none) is the Qnits product whose article number is the uCoz goods id,
//!   with its count, its unit price and its name ([`products`]);
//! - customer: the name from the order form's field filled from the user
//!   card's full name, or else the buyer's login; the phone and e-mail from
//!   the form's `phone` and `email` fields; the address from its map field;
//!   the other fields the buyer filled in go to the comment ([`Form`]).
//!
//! An invoice that lacks what a Qnits order needs (a name, a phone, goods
//! with their counts) is skipped with a message and stays new, for the shop
//! to complete; nothing is made up for it.

use std::collections::HashSet;
use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use shop_apis::emulator::{Api, Emulator};
use shop_apis::qnits::{CreateOrder, ExternalId, OrderId, Product, ProductId, Qnits};
use shop_apis::reqwest::blocking::{Client, Shop};
use shop_apis::ucoz::{
    FieldId, FieldType, GetOrder, Invoice, ListInvoices, ListOrderFields, OrderDetails, OrderField,
    OrderStatus, OrderView, SetInvoicesStatus, SortField, Ucoz, UserField,
};
use shop_apis::wire::IdMap;
use shop_apis::{Config, RetryPolicy};

fn main() -> ExitCode {
    match run() {
        Ok(summary) => {
            summary.print();
            if summary.failed == 0 {
                ExitCode::SUCCESS
            } else {
                // Some invoices wait for the next run: a scheduler should see it.
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("error: {}", shop_apis::report(&*error));
            ExitCode::FAILURE
        }
    }
}

/// What one run did.
#[derive(Debug, Default)]
struct Summary {
    /// New invoices found.
    seen: usize,
    /// Qnits orders answered as created (a re-sent one counts: Qnits
    /// answers it with the order it made before).
    created: usize,
    /// Invoices moved to "processing".
    moved: usize,
    /// Invoices left new because they lack what a Qnits order needs.
    skipped: usize,
    /// Invoices left new after an error, for the next run.
    failed: usize,
}

impl Summary {
    fn print(&self) {
        println!("\ninvoices seen:   {}", self.seen);
        println!("orders created:  {}", self.created);
        println!("statuses moved:  {}", self.moved);
        println!("skipped:         {}", self.skipped);
        println!("failed:          {}", self.failed);
    }
}

fn run() -> Result<Summary, Box<dyn Error>> {
    let per_page = match std::env::args().nth(1) {
        Some(text) => text.parse().map_err(|e| format!("PER_PAGE: {e}"))?,
        None => 20,
    };
    // Kept alive until the end of `run` when used.
    let mut emulator = None;
    let ucoz_base = examples::base_url_from_env("UCOZ_BASE_URL", "UCOZ_ALLOW_PLAIN_HTTP")?;
    let qnits_base = examples::base_url_from_env("QNITS_BASE_URL", "QNITS_ALLOW_PLAIN_HTTP")?;
    let (site, storefront) = match (ucoz_base, qnits_base) {
        (Some(ucoz), Some(qnits)) => {
            println!("uCoz at {ucoz}, Qnits at {qnits}");
            (
                examples::ucoz_from_env(ucoz)?,
                examples::qnits_from_env(qnits)?,
            )
        }
        (None, None) => {
            let started = emulator.insert(Emulator::start_in_background()?);
            println!(
                "uCoz emulated at {}, Qnits at {} (set UCOZ_BASE_URL and QNITS_BASE_URL \
                 to use real services)",
                started.base_url(Api::Ucoz),
                started.base_url(Api::Qnits)
            );
            (
                examples::emulated_ucoz(started)?,
                examples::emulated_qnits(started)?,
            )
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(
                "set both UCOZ_BASE_URL and QNITS_BASE_URL, or neither (the emulator)".into(),
            );
        }
    };

    // Every call here may be repeated: the lists are reads, and a status or
    // a Qnits order with its external id is set, not added, by a repeat.
    let config = Config::new(shop_apis::reqwest::USER_AGENT)
        .retry(RetryPolicy::standard())
        .deadline(Duration::from_secs(60));
    let client = Client::with_config(config)?;
    let shop = client.bind(site);
    let storefront = client.bind(storefront);

    let form = Form::new(&shop.call(&ListOrderFields)?);
    // Every page first, then the changes: moving an invoice out of "new"
    // during the walk would shift the later pages of a list filtered by
    // "new", and invoices would slip past. Sorted by id, orders placed
    // meanwhile come last and move nothing. An error in the walk ends the
    // run before anything is changed.
    let list = ListInvoices::default()
        .status(OrderStatus::NEW)
        .sort(SortField::Id, false)
        .per_page(per_page);
    let mut ids = HashSet::new();
    let mut invoices = Vec::new();
    for invoice in shop.items(list) {
        let invoice = invoice?;
        // A page boundary that moved during the walk may show one twice.
        if ids.insert(invoice.id) {
            invoices.push(invoice);
        }
    }

    let mut summary = Summary {
        seen: invoices.len(),
        ..Summary::default()
    };
    println!("\n{} new invoice(s)", invoices.len());
    for invoice in &invoices {
        match sync(&shop, &storefront, &form, invoice) {
            Outcome::Moved => {
                summary.created += 1;
                summary.moved += 1;
            }
            Outcome::Skipped(why) => {
                println!("  #{:<6} skipped: {why}", invoice.id);
                summary.skipped += 1;
            }
            Outcome::Failed { created } => {
                summary.created += usize::from(created);
                summary.failed += 1;
            }
        }
    }
    Ok(summary)
}

/// What became of one invoice.
enum Outcome {
    /// Its Qnits order exists and it is in "processing".
    Moved,
    /// It lacks what a Qnits order needs, or is no longer new; it is left as it is.
    Skipped(String),
    /// An error left it new, for the next run; `created` when Qnits had
    /// answered with its order.
    Failed { created: bool },
}

/// Sends one invoice's order to Qnits, then moves the invoice to "processing".
fn sync(shop: &Shop<Ucoz>, storefront: &Shop<Qnits>, form: &Form, invoice: &Invoice) -> Outcome {
    let id = invoice.id;
    let failed = |what: &str, error: &shop_apis::Error, created| {
        eprintln!("  #{id:<6} {what}: {}", shop_apis::report(error));
        Outcome::Failed { created }
    };
    // The list has no goods lines: the order itself has them, and its
    // status as of now (staff may have cancelled it since the list was read).
    let details = match shop.call(&GetOrder::new(invoice.order_hash.clone())) {
        Ok(OrderView::Details(details)) => details,
        // The list's shape (U26), or a shape to come: no goods lines.
        Ok(_) => {
            return Outcome::Skipped("the shop answered the order without its goods".into());
        }
        Err(error) => return failed("not read", &error, false),
    };
    if let Some(status) = &details.order_data.order_status
        && status.code != OrderStatus::NEW
    {
        return Outcome::Skipped(format!("no longer new ({})", status.code));
    }
    let order = match qnits_order(form, invoice, &details) {
        Ok(order) => order,
        Err(why) => return Outcome::Skipped(why),
    };

    let created: OrderId = match storefront.call(&order) {
        Ok(created) => created.order_id,
        Err(error) if error.is_outcome_unknown() => {
            // The order may exist: the invoice stays new, and the next run
            // sends it again with the same external id, which Qnits answers
            // with this order rather than a second one.
            return failed(
                &format!(
                    "the Qnits order {} may exist; sent again on the next run",
                    order.external_id
                ),
                &error,
                false,
            );
        }
        // Not sent, or refused (a stricter Qnits may refuse a repeated
        // external id): no order exists; the message says why.
        Err(error) => return failed("no Qnits order made", &error, false),
    };

    // Only now: the Qnits order exists.
    match shop.call(&SetInvoicesStatus::new([id], OrderStatus::PROCESSING)) {
        Ok(_) => {
            println!(
                "  #{id:<6} Qnits order {created} ({}), moved to \"{}\"",
                order.external_id,
                OrderStatus::PROCESSING
            );
            Outcome::Moved
        }
        // Still new: the next run sends the order again, gets this one back,
        // and moves the invoice then.
        Err(error) => failed(
            &format!("Qnits order {created} made, status not moved"),
            &error,
            true,
        ),
    }
}

/// The Qnits external id of a uCoz invoice: `ucoz-` and its id.
///
/// The id is the shop's order number: it never changes and is never given
/// to another order, so every run derives the same external id and Qnits
/// makes one order of it however often it is sent. The order hash would do
/// as well, but it is an opaque token whose stability the document does
/// not promise. The prefix keeps the numbers apart from those of other
/// channels selling through the same storefront.
fn external_id(invoice: &Invoice) -> Result<ExternalId, String> {
    ExternalId::new(format!("ucoz-{}", invoice.id)).map_err(|e| e.to_string())
}

/// The Qnits order for `invoice`, or why there can be none.
fn qnits_order(
    form: &Form,
    invoice: &Invoice,
    details: &OrderDetails,
) -> Result<CreateOrder, String> {
    let value = |field: Option<FieldId>| {
        field
            .and_then(|field| invoice.fields.get(&field))
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
    };
    // A login is the one name every registered buyer has; a guest's order
    // without a name field has none, and a Qnits order needs one.
    let name = value(form.name)
        .or(invoice
            .user
            .as_deref()
            .filter(|login| !login.trim().is_empty()))
        .ok_or("no customer name (a guest's order, and no name in its form)")?;
    let phone = value(form.phone).ok_or("no phone number in its form")?;
    let mut order = CreateOrder::new(name, phone, external_id(invoice)?, products(details)?);
    if let Some(email) = value(form.email) {
        order = order.email(email);
    }
    if let Some(address) = invoice
        .map
        .as_ref()
        .and_then(|map| map.address.as_deref())
        .filter(|address| !address.trim().is_empty())
    {
        order = order.address(address);
    }
    Ok(order.comments(form.comment(invoice)))
}

/// The order's goods lines as Qnits products.
///
/// The mapping rule: the storefront sells each uCoz product under its uCoz
/// goods id as the Qnits article number (`ProductId`). uCoz's own `art`
/// cannot serve: it is free text, often empty. The unit price is the one
/// the buyer agreed to, in the shop's currency, taken to be the rouble Qnits
/// charges in; a price of 0 is left out (Qnits then charges its retail
/// price). A line without its count fails the whole order: a quantity is
/// never guessed.
fn products(details: &OrderDetails) -> Result<Vec<Product>, String> {
    let lines = &details.order_goods.goods;
    if lines.is_empty() {
        return Err("no goods lines".into());
    }
    lines
        .values()
        .map(|line| {
            let goods = line.goods_id;
            let quantity = line
                .cnt
                .filter(|&count| count > 0)
                .ok_or_else(|| format!("goods {goods} has no count"))?;
            let mut product = Product::new(ProductId::new(goods.get()), quantity);
            if let Some(price) = line.price.as_ref().map(|price| price.amount)
                && price.is_sign_positive()
                && !price.is_zero()
            {
                product = product.price(price);
            }
            if let Some(name) = line.name.as_deref().filter(|name| !name.trim().is_empty()) {
                product = product.name(name);
            }
            Ok(product)
        })
        .collect()
}

/// Where the shop's order form keeps the buyer's contacts.
///
/// Fields are found by what they are, not by number, since every shop
/// numbers its form as it likes: the name is the field filled from the
/// user card's full name; the phone and e-mail are the fields of those
/// types, or else the ones filled from the card's phone and e-mail; the
/// address is the map field's, which the list gives with each invoice.
#[derive(Debug)]
struct Form {
    name: Option<FieldId>,
    phone: Option<FieldId>,
    email: Option<FieldId>,
    /// Every field with its label, for the comment.
    labels: Vec<(FieldId, String)>,
}

impl Form {
    fn new(fields: &IdMap<FieldId, OrderField>) -> Form {
        let first = |matches: &dyn Fn(&OrderField) -> bool| {
            fields
                .iter()
                .find(|(_, field)| matches(field))
                .map(|(id, _)| *id)
        };
        let of_type = |kind: FieldType| first(&|field| field.kind.as_ref() == Some(&kind));
        let from_card = |card: UserField| first(&|field| field.afld.as_ref() == Some(&card));
        Form {
            name: from_card(UserField::FULL_NAME),
            phone: of_type(FieldType::PHONE).or_else(|| from_card(UserField::PHONE)),
            email: of_type(FieldType::EMAIL).or_else(|| from_card(UserField::EMAIL)),
            labels: fields
                .iter()
                .filter(|(_, field)| field.kind != Some(FieldType::GMAPS))
                .map(|(id, field)| {
                    let label = field.name.clone().unwrap_or_else(|| format!("Поле {id}"));
                    (*id, label)
                })
                .collect(),
        }
    }

    /// The comment on the Qnits order: the shop's order number, for the
    /// people who talk to the buyer, and every other field the buyer filled
    /// in (a delivery address in a text field, a wish), so nothing of the
    /// form is lost.
    fn comment(&self, invoice: &Invoice) -> String {
        let number = invoice
            .nom
            .clone()
            .unwrap_or_else(|| invoice.id.to_string());
        let mut comment = format!("Заказ №{number} в интернет-магазине");
        let used = [self.name, self.phone, self.email];
        for (id, label) in &self.labels {
            let value = invoice.fields.get(id).map(|value| value.trim());
            if let Some(value) = value.filter(|value| !value.is_empty())
                && !used.contains(&Some(*id))
            {
                comment.push_str(&format!("\n{label}: {value}"));
            }
        }
        comment
    }
}
