//! `shop-apis qnits …`: the Qnits endpoint.

use std::path::PathBuf;

use shop_apis::qnits::{CreateOrder, ExternalId, Product, ProductId, Qnits};

use crate::commands::commands;
use crate::fail::Fail;

commands! {
    enum Command for Qnits;

    /// Send an order (Qnits keeps one order per external id: a repeat is answered, not doubled).
    one CreateOrder(CreateOrder) {
        /// The whole order as JSON (`-` for stdin): name, phone, external_id, products, and the optional fields.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["name", "phone", "external_id", "product"])]
        json: Option<PathBuf>,
        /// The buyer's name.
        #[arg(long, required_unless_present = "json")]
        name: Option<String>,
        /// The buyer's phone.
        #[arg(long, required_unless_present = "json")]
        phone: Option<String>,
        /// The order's id in the storefront, which makes a repeat harmless.
        #[arg(long, required_unless_present = "json")]
        external_id: Option<String>,
        /// A product: `ID:QUANTITY`, or `ID:QUANTITY:PRICE`; one flag per product.
        #[arg(long, value_name = "ID:QUANTITY[:PRICE]", value_parser = product, required_unless_present = "json")]
        product: Vec<Product>,
        /// The delivery address.
        #[arg(long)]
        address: Option<String>,
        /// A second phone.
        #[arg(long)]
        secondary_phone: Option<String>,
        /// The buyer's e-mail.
        #[arg(long)]
        email: Option<String>,
        /// A comment, shown to the customer.
        #[arg(long)]
        comments: Option<String>,
    } => |args| order(args)?;
}

/// The order the arguments describe: the JSON file, or the flags.
fn order(args: arguments::CreateOrder) -> Result<CreateOrder, Fail> {
    let order = match args.json {
        Some(path) => crate::input::read::<crate::input::Order>(&path)?.into_endpoint()?,
        None => CreateOrder::new(
            args.name.unwrap_or_default(),
            args.phone.unwrap_or_default(),
            ExternalId::new(args.external_id.unwrap_or_default())?,
            args.product,
        ),
    };
    // Flags given beside --json set these over the file's.
    Ok(crate::input::with_details(
        order,
        [
            args.address,
            args.secondary_phone,
            args.email,
            args.comments,
        ],
    ))
}

/// `ID:QUANTITY[:PRICE]`.
fn product(text: &str) -> Result<Product, String> {
    let wrong = || format!("`{text}` is no product: give ID:QUANTITY or ID:QUANTITY:PRICE");
    let mut parts = text.split(':');
    let (Some(id), Some(quantity)) = (parts.next(), parts.next()) else {
        return Err(wrong());
    };
    let id: ProductId = id.parse().map_err(|_| wrong())?;
    let quantity: u32 = quantity.parse().map_err(|_| wrong())?;
    let mut product = Product::new(id, quantity);
    if let Some(price) = parts.next() {
        product = product.price(crate::args::amount(price)?);
    }
    if parts.next().is_some() {
        return Err(wrong());
    }
    Ok(product)
}
