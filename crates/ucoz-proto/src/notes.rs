//! An order's note.

use http::{Method, Request, Response};
use shop_apis_core::{BuildError, Endpoint, ResponseError, Safety, Stamp};

use crate::api::Ucoz;
use crate::envelope;
use crate::invoices::{InvoiceId, Message};

/// `PUT /shop/checkout/` with `mode=inv_note_save`: replaces an order's note.
/// Idempotent.
///
/// The document heads the section `/shop/getshopdata/` and writes its URL
/// with `¬e=` where `&note=` was mangled into an HTML entity; its PHP
/// example calls `put('/shop/checkout/', …)`, which is followed (U23).
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use ucoz_proto::{Auth, InvoiceId, SaveInvoiceNote, Ucoz};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
/// let note = SaveInvoiceNote::new(InvoiceId::new(180), "Позвонить после 18:00");
/// let request = note.build(&site, &stamp)?;
/// assert_eq!(request.uri().path(), "/uapi/shop/checkout//");
/// assert!(request.body().starts_with(b"id=180&mode=inv_note_save&note="));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SaveInvoiceNote {
    /// The order.
    pub id: InvoiceId,
    /// The note's new text; empty clears it.
    pub note: String,
}

impl SaveInvoiceNote {
    /// Sets order `id`'s note to `note`.
    pub fn new(id: InvoiceId, note: impl Into<String>) -> Self {
        SaveInvoiceNote {
            id,
            note: note.into(),
        }
    }
}

impl Endpoint for SaveInvoiceNote {
    type Api = Ucoz;
    type Output = Message;
    const NAME: &'static str = "ucoz.SaveInvoiceNote";

    /// Idempotent: it sets the text.
    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let params = vec![
            ("mode".to_owned(), "inv_note_save".to_owned()),
            ("id".to_owned(), self.id.to_string()),
            ("note".to_owned(), self.note.clone()),
        ];
        api.request(Method::PUT, "/shop/checkout/", params, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Message, ResponseError> {
        envelope::success(response)
    }
}
