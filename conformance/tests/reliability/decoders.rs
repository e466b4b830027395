//! Every response decoder of the three APIs, as a plain function of a status
//! and bytes: what the hostile-input tests and the fuzz targets feed.
//!
//! Shared by `conformance/tests/reliability.rs` and `fuzz/` (through
//! `#[path]`), so that both cover the same list; a test checks it against the
//! conformance catalogue, so a new endpoint cannot be left out.

use proto_core::{Endpoint, ResponseError};

/// One endpoint's `parse`, typed away.
#[derive(Clone, Copy)]
pub struct Decoder {
    /// `api.Endpoint`, the endpoint's `NAME`.
    pub name: &'static str,
    /// Parses a response of this status and body, keeping only whether it was
    /// accepted and the error's text.
    pub parse: fn(u16, &[u8]) -> Result<(), ResponseError>,
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

macro_rules! decoders {
    ($($endpoint:ty => $value:expr;)*) => {
        vec![$(Decoder {
            name: <$endpoint as Endpoint>::NAME,
            parse: |status, body| run(&$value, status, body),
        },)*]
    };
}

/// Every response decoder.
pub fn all() -> Vec<Decoder> {
    use qnits_proto as qn;
    use saplab_proto as sl;
    use ucoz_proto as uc;

    fn hash() -> uc::OrderHash {
        uc::OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo").unwrap()
    }
    fn client() -> sl::ClientFields {
        sl::ClientFields::new("Пупкин Василий Петрович", "71111111111")
    }
    decoders![
        qn::CreateOrder => qn::CreateOrder::new(
            "Иванов Иван",
            "+7 900 000-00-00",
            qn::ExternalId::new("A-1").unwrap(),
            vec![qn::Product::new(qn::ProductId::new(1), 1)],
        );

        sl::ListManagers => sl::ListManagers;
        sl::ListShippingTypes => sl::ListShippingTypes;
        sl::CreateShippingType => sl::CreateShippingType(sl::ShippingTypeFields::new("Способ", 1000.into()));
        sl::UpdateShippingType => sl::UpdateShippingType::new(sl::ShippingTypeId::new(1), sl::ShippingTypeFields::new("Способ", 1000.into()));
        sl::RemoveShippingType => sl::RemoveShippingType::new(sl::ShippingTypeId::new(3));
        sl::ListStatuses => sl::ListStatuses;
        sl::CreateStatus => sl::CreateStatus(sl::StatusFields::new("Статус", "ABABAB"));
        sl::UpdateStatus => sl::UpdateStatus::new(sl::StatusId::new(1), sl::StatusFields::new("Статус", "ABABAB"));
        sl::RemoveStatus => sl::RemoveStatus::new(sl::StatusId::new(3));
        sl::ListGroups => sl::ListGroups;
        sl::CreateGroup => sl::CreateGroup(sl::GroupFields::new("Web", 1.into()));
        sl::UpdateGroup => sl::UpdateGroup::new(sl::GroupId::new(8), sl::GroupFields::new("Web", 2.into()));
        sl::RemoveGroup => sl::RemoveGroup::new(sl::GroupId::new(3));
        sl::ListClients => sl::ListClients::default();
        sl::GetClient => sl::GetClient::new(sl::ClientId::new(2));
        sl::CreateClient => sl::CreateClient(client());
        sl::UpdateClient => sl::UpdateClient::new(sl::ClientId::new(1), client());
        sl::GetBalance => sl::GetBalance::new(sl::ClientId::new(1));
        sl::AddTransaction => sl::AddTransaction::new(sl::ClientId::new(1), (-100).into(), "списание");
        sl::ListOrders => sl::ListOrders::default();
        sl::SetPositionStatus => sl::SetPositionStatus::new(sl::PositionId::new(20), sl::StatusId::new(5));
        sl::DenyPosition => sl::DenyPosition::new(sl::PositionId::new(20));
        sl::PayPosition => sl::PayPosition::new(sl::PositionId::new(20));
        sl::ArchivePosition => sl::ArchivePosition::new(sl::PositionId::new(20));
        sl::UnarchivePosition => sl::UnarchivePosition::new(sl::PositionId::new(20));
        sl::CreateDocuments => sl::CreateDocuments::new([19, 20, 21].map(sl::PositionId::new));

        uc::ListDeliveryMethods => uc::ListDeliveryMethods;
        uc::ListPaymentMethods => uc::ListPaymentMethods;
        uc::ListOrderStatuses => uc::ListOrderStatuses;
        uc::ListOrderGroups => uc::ListOrderGroups;
        uc::ListOrderFields => uc::ListOrderFields;
        uc::ListOrderGoodsFields => uc::ListOrderGoodsFields;
        uc::GetCheckout => uc::GetCheckout::default();
        uc::RecalcCheckout => uc::RecalcCheckout::default();
        uc::ChangeCheckout => uc::ChangeCheckout(uc::OrderChoices::default());
        uc::PlaceOrder => uc::PlaceOrder::new(uc::OrderChoices::default());
        uc::ListInvoices => uc::ListInvoices::default();
        uc::SetInvoicesGroup => uc::SetInvoicesGroup::new([uc::InvoiceId::new(1)], uc::OrderGroup::InWork);
        uc::SetInvoicesCourier => uc::SetInvoicesCourier::new([uc::InvoiceId::new(1)], "Tom".to_owned());
        uc::SetInvoicesStatus => uc::SetInvoicesStatus::new([uc::InvoiceId::new(1)], uc::OrderStatus::Ready);
        uc::ListBaskets => uc::ListBaskets::default();
        uc::SaveInvoiceNote => uc::SaveInvoiceNote::new(uc::InvoiceId::new(180), "примечание");
        uc::GetOrder => uc::GetOrder::new(hash());
        uc::AddGoods => uc::AddGoods::new(hash(), uc::GoodsId::new(5));
        uc::ChangeOrderContents => uc::ChangeOrderContents::new(hash()).count(uc::RecordId::new(3), 10);
        uc::ChangeOrderField => uc::ChangeOrderField::new(hash(), uc::FieldId::new(2), uc::FieldValue::Text("x".into()));
    ]
}
