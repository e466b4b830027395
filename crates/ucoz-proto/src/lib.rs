//! A Sans-IO client for the uCoz uAPI "Internet shop" module: checkout,
//! invoices, order contents, abandoned baskets and the shop's reference data.
//!
//! **What it does.** Each endpoint is a value implementing
//! [`Endpoint`](shop_apis_core::Endpoint), whose `build` signs the request
//! while making it, with OAuth 1.0a exactly as uCoz's own helper
//! `uAPImodule.php` does (the time and nonce are the [`Stamp`](shop_apis_core::Stamp) handed in),
//! or adds a Bearer token; what is signed is exactly what is built.
//!
//! **What it does not do.** No sockets, runtime, clock, randomness or
//! environment. Send requests with an adapter of this workspace
//! (`shop-apis-reqwest`, `shop-apis-hyper`), which supply the time and nonces, or any
//! HTTP stack.
//!
//! **Key types.** [`Ucoz`] (the site and how to authenticate), [`Auth`],
//! [`OAuthCredentials`], [`BodyForm`] (url-encoded or multipart POST and
//! PUT bodies, [`multipart`]), and the [`oauth`] signer.
//!
//! ```
//! use shop_apis_core::{BaseUrl, Endpoint, Stamp};
//! use ucoz_proto::{Auth, GetCheckout, OAuthCredentials, Ucoz};
//!
//! let site = Ucoz::new(
//!     BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?,
//!     Auth::OAuth1(OAuthCredentials::new("ck", "cs", "tk", "ts")?),
//! );
//! let stamp = Stamp::new(1_700_000_000, "n1");
//! let request = GetCheckout::default().build(&site, &stamp)?;
//! let query = request.uri().query().unwrap_or_default();
//! assert!(query.contains("oauth_nonce=n1") && query.contains("oauth_signature="));
//! // The same parameters and stamp, the same bytes.
//! assert_eq!(GetCheckout::default().build(&site, &stamp)?.uri(), request.uri());
//! # Ok::<(), shop_apis_core::BuildError>(())
//! ```
#![forbid(unsafe_code)]

mod api;
mod baskets;
mod checkout;
mod codes;
mod envelope;
mod goods;
mod invoices;
pub mod multipart;
mod notes;
pub mod oauth;
mod order;
mod shop_data;

pub use api::{Auth, BodyForm, Ucoz};
pub use baskets::{BasketItem, Baskets, Compare, ListBaskets, LoginFilter, UserBasket};
pub use checkout::{
    ChangeCheckout, Checkout, CheckoutData, GetCheckout, GoodsFieldLabel, MapAddress, OrderChoices,
    OrderContent, OrderNotice, OrderTotals, PlaceOrder, Placed, RecalcCheckout,
};
pub use codes::{FieldType, GoodsKind, OrderGroup, OrderStatus, PaymentStatus, UserField};
pub use goods::{
    Category, ChosenOptions, GoodsId, GoodsLine, GoodsOption, GoodsOptions, Image, OptionValue,
    RecordId, SelectedOption,
};
pub use invoices::{
    Currency, DateTimeBound, Discount, Invoice, InvoiceDelivery, InvoiceId, InvoiceMap,
    InvoicePayment, Invoices, ListInvoices, Message, OrderHash, Range, SetInvoicesCourier,
    SetInvoicesGroup, SetInvoicesStatus, SortField,
};
pub use notes::SaveInvoiceNote;
pub use oauth::OAuthCredentials;
pub use order::{
    AddGoods, ChangeOrderContents, ChangeOrderField, DigitalGoods, DigitalItem, FieldValue,
    GetOrder, OrderData, OrderDelivery, OrderDetails, OrderFieldValues, OrderGoods, OrderPayment,
    OrderView, StatusName,
};
pub use shop_data::{
    DeliveryAssoc, DeliveryId, DeliveryMethod, FieldId, ListDeliveryMethods, ListOrderFields,
    ListOrderGoodsFields, ListOrderGroups, ListOrderStatuses, ListPaymentMethods, OrderField,
    PaymentId, PaymentMethod,
};
