//! A Sans-IO client for the SapLab shop panel API: shipping types, order
//! statuses, client groups, clients, balances and order positions, as a shop
//! employee sees them.
//!
//! **What it does.** Each endpoint is a value implementing
//! [`Endpoint`](shop_apis_core::Endpoint): it builds an [`http::Request`] (HTTP
//! Basic authentication in the header, filters as encoded path segments, forms
//! as `application/x-www-form-urlencoded`) and parses the answer into honest
//! types: ids and counts are integers, money is [`Decimal`](shop_apis_core::Decimal),
//! `"0"`/`"1"` are `bool`, timestamps are date-times, `null` is `None`. The
//! panel's refusals (`{"status": "error"}`, and the validation map
//! `{"email": "…"}`) are typed errors.
//!
//! **What it does not do.** No sockets, runtime, clock, randomness or
//! environment. Send requests with an adapter of this workspace
//! (`shop-apis-reqwest`, `shop-apis-hyper`) or any HTTP stack.
//!
//! **Safety by effect.** Every endpoint states whether repeating it is
//! harmless by what it does, not by its HTTP method: several GETs of this API
//! change state, and paying a position twice takes the payment back.
//!
//! **Key types.** [`SapLab`] (the shop and the employee), one module per
//! resource with its endpoints beside their types, and [`Done`] for writes.
//!
//! ```
//! use shop_apis_core::{BaseUrl, Endpoint, Stamp};
//! use saplab_proto::{Credentials, ListShippingTypes, SapLab};
//!
//! let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
//! // SapLab sends its credentials in a header: the stamp plays no part.
//! let stamp = Stamp::new(1_700_000_000, "n");
//! let request = ListShippingTypes.build(&shop, &stamp)?;
//! assert_eq!(request.uri(), "https://shop.example/panel/order/shipping_type");
//! assert!(request.headers()["authorization"].is_sensitive());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod api;
mod balances;
mod client_form;
mod clients;
mod groups;
mod input;
mod managers;
mod orders;
mod outcome;
mod paging;
mod position_actions;
mod shipping_types;
mod statuses;

pub use api::{Credentials, SapLab};
pub use balances::{AddTransaction, Balance, GetBalance, Transaction};
pub use client_form::{ClientFields, CreateClient, UpdateClient};
pub use clients::{
    Client, ClientAnswer, ClientDetails, ClientId, Clients, GetClient, LegalEntity, ListClients,
};
pub use groups::{
    ClientGroup, ClientGroups, CreateGroup, GroupFields, GroupId, ListGroups, RemoveGroup,
    UpdateGroup,
};
pub use managers::{ListManagers, Manager, ManagerGroupId, ManagerId, Managers, PointId};
pub use orders::{
    DistributorId, DocumentId, HistoryEntry, ListOrders, Orders, Position, PositionComment,
    PositionId, SetPositionStatus,
};
pub use outcome::Done;
pub use paging::{AppliedFilters, Page, PerPage};
pub use position_actions::{
    ArchivePosition, CreateDocuments, DenyPosition, PayPosition, Payment, PaymentEffect,
    UnarchivePosition,
};
pub use shipping_types::{
    CreateShippingType, ListShippingTypes, RemoveShippingType, ShippingType, ShippingTypeFields,
    ShippingTypeId, ShippingTypes, UpdateShippingType,
};
pub use statuses::{
    CreateStatus, ListStatuses, OrderStatus, OrderStatuses, RemoveStatus, StatusFields, StatusId,
    UpdateStatus,
};
