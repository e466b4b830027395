//! Every response decoder of the three APIs, as a plain function of a status
//! and bytes: what the hostile-input tests and the fuzz targets feed.
//!
//! Shared by `conformance/tests/reliability.rs` and `fuzz/` (through
//! `#[path]`), so that both cover the same list; a test checks it against the
//! conformance catalogue, so a new endpoint cannot be left out.

use shop_apis_core::{Endpoint, ResponseError};

/// One endpoint's `parse`, typed away.
#[derive(Clone, Copy)]
pub struct Decoder {
    /// `api.Endpoint`, the endpoint's `NAME`.
    pub name: &'static str,
    /// Parses a response of this status and body, keeping only whether it was
    /// accepted and the error's text.
    pub parse: fn(u16, &[u8]) -> Result<(), ResponseError>,
    /// The same, keeping the output as its pretty `Debug` text (what the
    /// dropout test compares).
    pub show: fn(u16, &[u8]) -> Result<String, ResponseError>,
    /// Parses, serialises the output to JSON and reads that back: `Ok` when
    /// it reads back as the same value (or the answer does not decode),
    /// else what went wrong.
    pub round_trip: fn(u16, &[u8]) -> Result<(), String>,
}

impl std::fmt::Debug for Decoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Decoder {
    /// The API's name (`"saplab"`).
    pub fn api(&self) -> &'static str {
        self.name.split('.').next().unwrap_or(self.name)
    }

    /// The endpoint as the document names it (`"ListOrders"`).
    pub fn endpoint(&self) -> &'static str {
        self.name.split('.').nth(1).unwrap_or(self.name)
    }
}

/// A JSON response with `status` (an invalid status becomes 500) and `body`.
pub fn response(status: u16, body: &[u8]) -> http::Response<&[u8]> {
    let status =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

fn run<E: Endpoint>(endpoint: &E, status: u16, body: &[u8]) -> Result<(), ResponseError> {
    endpoint.parse(response(status, body)).map(drop)
}

fn show<E: Endpoint>(endpoint: &E, status: u16, body: &[u8]) -> Result<String, ResponseError>
where
    E::Output: std::fmt::Debug,
{
    endpoint
        .parse(response(status, body))
        .map(|output| format!("{output:#?}"))
}

fn round_trip<E: Endpoint>(endpoint: &E, status: u16, body: &[u8]) -> Result<(), String>
where
    E::Output: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let Ok(output) = endpoint.parse(response(status, body)) else {
        return Ok(());
    };
    let json = serde_json::to_value(&output).map_err(|e| format!("does not serialise: {e}"))?;
    let again: E::Output = serde_json::from_value(json.clone())
        .map_err(|e| format!("{json} does not read back: {e}"))?;
    if again == output {
        Ok(())
    } else {
        Err(format!(
            "{json} reads back as another value:\n{output:#?}\n{again:#?}"
        ))
    }
}

/// Calls `$callback!` with every endpoint of the three APIs, each as
/// `Type => value;`: the one list behind [`all`] and the secrets test.
macro_rules! every_endpoint {
    ($callback:ident) => {
        $callback![
        ::qnits_proto::CreateOrder => ::qnits_proto::CreateOrder::new(
            "Иванов Иван",
            "+7 900 000-00-00",
            ::qnits_proto::ExternalId::new("A-1").unwrap(),
            vec![::qnits_proto::Product::new(::qnits_proto::ProductId::new(1), 1)],
        );

        ::saplab_proto::ListManagers => ::saplab_proto::ListManagers;
        ::saplab_proto::ListShippingTypes => ::saplab_proto::ListShippingTypes;
        ::saplab_proto::CreateShippingType => ::saplab_proto::CreateShippingType(::saplab_proto::ShippingTypeFields::new("Способ", 1000.into()));
        ::saplab_proto::UpdateShippingType => ::saplab_proto::UpdateShippingType::new(::saplab_proto::ShippingTypeId::new(1), ::saplab_proto::ShippingTypeFields::new("Способ", 1000.into()));
        ::saplab_proto::RemoveShippingType => ::saplab_proto::RemoveShippingType::new(::saplab_proto::ShippingTypeId::new(3));
        ::saplab_proto::ListStatuses => ::saplab_proto::ListStatuses;
        ::saplab_proto::CreateStatus => ::saplab_proto::CreateStatus(::saplab_proto::StatusFields::new("Статус", "ABABAB"));
        ::saplab_proto::UpdateStatus => ::saplab_proto::UpdateStatus::new(::saplab_proto::StatusId::new(1), ::saplab_proto::StatusFields::new("Статус", "ABABAB"));
        ::saplab_proto::RemoveStatus => ::saplab_proto::RemoveStatus::new(::saplab_proto::StatusId::new(3));
        ::saplab_proto::ListGroups => ::saplab_proto::ListGroups;
        ::saplab_proto::CreateGroup => ::saplab_proto::CreateGroup(::saplab_proto::GroupFields::new("Web", 1.into()));
        ::saplab_proto::UpdateGroup => ::saplab_proto::UpdateGroup::new(::saplab_proto::GroupId::new(8), ::saplab_proto::GroupFields::new("Web", 2.into()));
        ::saplab_proto::RemoveGroup => ::saplab_proto::RemoveGroup::new(::saplab_proto::GroupId::new(3));
        ::saplab_proto::ListClients => ::saplab_proto::ListClients::default();
        ::saplab_proto::GetClient => ::saplab_proto::GetClient::new(::saplab_proto::ClientId::new(2));
        ::saplab_proto::CreateClient => ::saplab_proto::CreateClient(crate::decoders::client_fields());
        ::saplab_proto::UpdateClient => ::saplab_proto::UpdateClient::new(::saplab_proto::ClientId::new(1), crate::decoders::client_fields());
        ::saplab_proto::GetBalance => ::saplab_proto::GetBalance::new(::saplab_proto::ClientId::new(1));
        ::saplab_proto::AddTransaction => ::saplab_proto::AddTransaction::new(::saplab_proto::ClientId::new(1), (-100).into(), "списание");
        ::saplab_proto::ListOrders => ::saplab_proto::ListOrders::default();
        ::saplab_proto::SetPositionStatus => ::saplab_proto::SetPositionStatus::new(::saplab_proto::PositionId::new(20), ::saplab_proto::StatusId::new(5));
        ::saplab_proto::DenyPosition => ::saplab_proto::DenyPosition::new(::saplab_proto::PositionId::new(20));
        ::saplab_proto::PayPosition => ::saplab_proto::PayPosition::new(::saplab_proto::PositionId::new(20));
        ::saplab_proto::ArchivePosition => ::saplab_proto::ArchivePosition::new(::saplab_proto::PositionId::new(20));
        ::saplab_proto::UnarchivePosition => ::saplab_proto::UnarchivePosition::new(::saplab_proto::PositionId::new(20));
        ::saplab_proto::CreateDocuments => ::saplab_proto::CreateDocuments::new([19, 20, 21].map(::saplab_proto::PositionId::new));

        ::ucoz_proto::ListDeliveryMethods => ::ucoz_proto::ListDeliveryMethods;
        ::ucoz_proto::ListPaymentMethods => ::ucoz_proto::ListPaymentMethods;
        ::ucoz_proto::ListOrderStatuses => ::ucoz_proto::ListOrderStatuses;
        ::ucoz_proto::ListOrderGroups => ::ucoz_proto::ListOrderGroups;
        ::ucoz_proto::ListOrderFields => ::ucoz_proto::ListOrderFields;
        ::ucoz_proto::ListOrderGoodsFields => ::ucoz_proto::ListOrderGoodsFields;
        ::ucoz_proto::GetCheckout => ::ucoz_proto::GetCheckout::default();
        ::ucoz_proto::RecalcCheckout => ::ucoz_proto::RecalcCheckout::default();
        ::ucoz_proto::ChangeCheckout => ::ucoz_proto::ChangeCheckout(::ucoz_proto::OrderChoices::default());
        ::ucoz_proto::PlaceOrder => ::ucoz_proto::PlaceOrder::new(::ucoz_proto::OrderChoices::default());
        ::ucoz_proto::ListInvoices => ::ucoz_proto::ListInvoices::default();
        ::ucoz_proto::SetInvoicesGroup => ::ucoz_proto::SetInvoicesGroup::new([::ucoz_proto::InvoiceId::new(1)], ::ucoz_proto::OrderGroup::IN_WORK);
        ::ucoz_proto::SetInvoicesCourier => ::ucoz_proto::SetInvoicesCourier::new([::ucoz_proto::InvoiceId::new(1)], "Tom".to_owned());
        ::ucoz_proto::SetInvoicesStatus => ::ucoz_proto::SetInvoicesStatus::new([::ucoz_proto::InvoiceId::new(1)], ::ucoz_proto::OrderStatus::READY);
        ::ucoz_proto::ListBaskets => ::ucoz_proto::ListBaskets::default();
        ::ucoz_proto::SaveInvoiceNote => ::ucoz_proto::SaveInvoiceNote::new(::ucoz_proto::InvoiceId::new(180), "примечание");
        ::ucoz_proto::GetOrder => ::ucoz_proto::GetOrder::new(crate::decoders::order_hash());
        ::ucoz_proto::AddGoods => ::ucoz_proto::AddGoods::new(crate::decoders::order_hash(), ::ucoz_proto::GoodsId::new(5));
        ::ucoz_proto::ChangeOrderContents => ::ucoz_proto::ChangeOrderContents::new(crate::decoders::order_hash()).count(::ucoz_proto::RecordId::new(3), 10);
        ::ucoz_proto::ChangeOrderField => ::ucoz_proto::ChangeOrderField::new(crate::decoders::order_hash(), ::ucoz_proto::FieldId::new(2), ::ucoz_proto::FieldValue::Text("x".into()));
        ]
    };
}

/// An order hash for the endpoints that take one.
pub fn order_hash() -> ::ucoz_proto::OrderHash {
    ::ucoz_proto::OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo").unwrap()
}

/// A client's fields for the endpoints that take them.
pub fn client_fields() -> ::saplab_proto::ClientFields {
    ::saplab_proto::ClientFields::new("Пупкин Василий Петрович", "71111111111")
}

macro_rules! decoders {
    ($($endpoint:ty => $value:expr;)*) => {
        vec![$(Decoder {
            name: <$endpoint as Endpoint>::NAME,
            parse: |status, body| run(&$value, status, body),
            show: |status, body| show(&$value, status, body),
            round_trip: |status, body| round_trip(&$value, status, body),
        },)*]
    };
}

/// Every response decoder.
pub fn all() -> Vec<Decoder> {
    every_endpoint!(decoders)
}
