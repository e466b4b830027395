//! What a manager does to a position besides setting its status: deny,
//! pay, archive, unarchive, make documents. Each but the documents is a
//! `GET /panel/order/{action}/{id}` that changes state (S25).

use http::{Request, Response};
use shop_apis_core::wire::amount_in_text;
use shop_apis_core::{
    ApiError, BuildError, BuildErrorKind, Decimal, Endpoint, RefusalKind, ResponseError, Safety,
    Stamp, UnknownFields,
};

use crate::api::SapLab;
use crate::orders::PositionId;
use crate::outcome::{self, Done};

shop_apis_core::keep_unknown! { unknown:
    /// What [`PayPosition`] did, read from the panel's words (S31).
    ///
    /// ```
    /// use shop_apis_core::Endpoint;
    /// use saplab_proto::{PayPosition, PaymentEffect, PositionId};
    /// let pay = PayPosition::new(PositionId::new(20));
    /// let paid = br#"{"status": "success", "text": "\u0412\u044b\u0431\u0440\u0430\u043d\u043d\u044b\u0435 \u043f\u043e\u0437\u0438\u0446\u0438\u0438 \u043a\u043b\u0438\u0435\u043d\u0442\u0430 \u041e\u041e\u041e \u043e\u043f\u043b\u0430\u0447\u0435\u043d\u044b."}"#;
    /// assert_eq!(pay.parse(http::Response::new(&paid[..]))?.effect, PaymentEffect::Paid);
    /// let back = r#"{"status": "success", "text": "На счёт клиента ООО отправлено 3959₽ "}"#;
    /// assert_eq!(
    ///     pay.parse(http::Response::new(back.as_bytes()))?.effect,
    ///     PaymentEffect::Refunded { amount: Some(3959.into()) },
    /// );
    /// # Ok::<(), shop_apis_core::ResponseError>(())
    /// ```
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Payment {
        /// Paid, or the payment taken back.
        pub effect: PaymentEffect,
        /// The panel's message, if any.
        #[serde(default)]
        pub text: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// Which way [`PayPosition`] toggled the position.
///
/// ```
/// use saplab_proto::PaymentEffect;
/// assert_ne!(PaymentEffect::Paid, PaymentEffect::Refunded { amount: None });
/// let refunded = PaymentEffect::Refunded { amount: Some("120.50".parse().unwrap()) };
/// let json = serde_json::to_string(&refunded).unwrap();
/// assert_eq!(json, r#"{"kind":"refunded","amount":"120.50"}"#);
/// assert_eq!(serde_json::from_str::<PaymentEffect>(&json).unwrap(), refunded);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PaymentEffect {
    /// The position was unpaid and is now paid from the client's account.
    Paid,
    /// The position was paid; the payment went back to the client's account.
    Refunded {
        /// What went back, when the panel says.
        amount: Option<Decimal>,
    },
    /// A success in words the document does not show (or none): read the
    /// position again to know its state.
    Unrecognized,
}

impl Payment {
    fn read(response: Response<&[u8]>) -> Result<Payment, ResponseError> {
        let done = outcome::done(response)?;
        let effect = match done.text.as_deref().map(str::trim) {
            Some(text) if text.starts_with("Выбранные позиции") && text.ends_with("оплачены.") => {
                PaymentEffect::Paid
            }
            Some(text) if text.starts_with("На счёт клиента") && text.contains("отправлено") => {
                PaymentEffect::Refunded {
                    amount: amount_in_text::roubles(text),
                }
            }
            _ => PaymentEffect::Unrecognized,
        };
        Ok(Payment {
            effect,
            text: done.text,
            unknown: done.unknown,
        })
    }
}

/// Declares an action on one position, sent as `GET /panel/order/{action}/{id}`.
macro_rules! position_action {
    (
        $(#[$doc:meta])*
        $name:ident, $action:literal, $safety:ident, $why:literal,
        $output:ty, $parse:path $(, already done when $kind:expr)?
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct $name {
            /// Which position.
            pub id: PositionId,
        }

        impl $name {
            /// The action on position `id`.
            pub fn new(id: PositionId) -> Self {
                $name { id }
            }
        }

        impl Endpoint for $name {
            type Api = SapLab;
            type Output = $output;
            const NAME: &'static str = concat!("saplab.", stringify!($name));

            #[doc = $why]
            fn safety(&self) -> Safety {
                Safety::$safety
            }

            fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
                api.get(&format!(concat!("/panel/order/", $action, "/{}"), self.id))
            }

            fn parse(&self, response: Response<&[u8]>) -> Result<$output, ResponseError> {
                $parse(response)
            }

            $(
            /// After an attempt that may have done it, this refusal means
            /// the position was already as asked (S27).
            fn already_done(&self, refusal: &ApiError) -> Option<$output> {
                Done::already(refusal, &$kind)
            }
            )?
        }
    };
}

position_action! {
    /// `GET /panel/order/deny/{id}`: takes a position off its order. A GET
    /// that changes state; idempotent: denied twice is denied.
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint, Safety, Stamp};
    /// use saplab_proto::{Credentials, DenyPosition, PositionId, SapLab};
    /// let stamp = Stamp::new(1_700_000_000, "n");
    /// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
    /// let deny = DenyPosition::new(PositionId::new(20));
    /// assert_eq!(deny.build(&shop, &stamp)?.uri().path(), "/panel/order/deny/20");
    /// assert_eq!(deny.safety(), Safety::Idempotent);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    DenyPosition, "deny", Idempotent, "Idempotent: a denied position stays denied.",
    Done, outcome::done
}

position_action! {
    /// `GET /panel/order/pay/{id}`: pays a position from the client's
    /// account, or, **if it is already paid, takes the payment back** to the
    /// account (S31). A GET that toggles: **unsafe**, never retried, because
    /// a repeat undoes the first call. The answer says which happened
    /// ([`Payment::effect`]); a short balance is a refusal of kind
    /// [`RefusalKind::InsufficientFunds`].
    ///
    /// To pay a position only if it is unpaid, read it first (its
    /// `is_payed`) and call this only when it is `Some(false)`; a short
    /// balance says by how much:
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use shop_apis_core::{BaseUrl, RefusalKind};
    /// use saplab_proto::*;
    ///
    /// let emulator = shop_apis_emulator::Emulator::start().await?;
    /// let shop = SapLab::new(
    ///     BaseUrl::parse(&emulator.base_url(shop_apis_emulator::Api::SapLab))?,
    ///     Credentials::new(emulator.saplab().login(), emulator.saplab().password())?,
    /// );
    /// let client = shop_apis_reqwest::Client::new()?;
    /// let id = PositionId::new(20);
    ///
    /// let read = ListOrders::default().position_ids([id]).include_archived(true);
    /// let position = client.call(&shop, &read).await?.orders.remove(0);
    /// if position.is_payed == Some(false) {
    ///     let top_up = match client.call(&shop, &PayPosition::new(id)).await {
    ///         Ok(payment) => panic!("the seeded client cannot afford it: {payment:?}"),
    ///         Err(error) => match error.refusal().map(|refusal| &refusal.kind) {
    ///             Some(RefusalKind::InsufficientFunds { top_up: Some(top_up) }) => *top_up,
    ///             _ => return Err(error.into()),
    ///         },
    ///     };
    ///     assert_eq!(top_up, 3959.into());
    ///     let client_id = position.client_id.expect("a position names its client");
    ///     client.call(&shop, &AddTransaction::new(client_id, top_up, "Пополнение")).await?;
    ///     let payment = client.call(&shop, &PayPosition::new(id)).await?;
    ///     assert_eq!(payment.effect, PaymentEffect::Paid);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    PayPosition, "pay", Unsafe, "Unsafe: a second call takes the payment back.",
    Payment, Payment::read
}

position_action! {
    /// `GET /panel/order/archive/{id}`: moves a position to the archive. A GET
    /// that changes state; idempotent.
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
    /// use saplab_proto::{ArchivePosition, Credentials, PositionId, SapLab};
    /// let stamp = Stamp::new(1_700_000_000, "n");
    /// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
    /// assert_eq!(ArchivePosition::new(PositionId::new(20)).build(&shop, &stamp)?.uri().path(), "/panel/order/archive/20");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ArchivePosition, "archive", Idempotent, "Idempotent: an archived position stays archived.",
    Done, outcome::done, already done when RefusalKind::CouldNotArchive
}

position_action! {
    /// `GET /panel/order/unarchive/{id}`: brings a position back from the
    /// archive. A GET that changes state; idempotent. (The document's example
    /// calls `/deny/20` here; the path is the heading's, S23.)
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
    /// use saplab_proto::{Credentials, PositionId, SapLab, UnarchivePosition};
    /// let stamp = Stamp::new(1_700_000_000, "n");
    /// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
    /// assert_eq!(UnarchivePosition::new(PositionId::new(20)).build(&shop, &stamp)?.uri().path(), "/panel/order/unarchive/20");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    UnarchivePosition, "unarchive", Idempotent, "Idempotent: a position out of the archive stays out.",
    Done, outcome::done, already done when RefusalKind::NotFound
}

/// `GET /panel/order/documents/{ids}`: generates documents for several
/// positions, the ids comma-joined in the path. A GET that creates:
/// **unsafe**, never retried, since a repeat may make a second set.
///
/// The heading spells it `documentds` and says the ids go in the query
/// string; the example (and this) uses `documents` and a path segment (S24).
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{CreateDocuments, Credentials, PositionId, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// let documents = CreateDocuments::new([19, 20, 21].map(PositionId::new));
/// assert_eq!(documents.build(&shop, &stamp)?.uri().path(), "/panel/order/documents/19,20,21");
/// assert!(CreateDocuments::new([]).build(&shop, &stamp).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreateDocuments {
    /// The positions; at least one.
    pub ids: Vec<PositionId>,
}

impl CreateDocuments {
    /// Documents for these positions.
    pub fn new(ids: impl IntoIterator<Item = PositionId>) -> Self {
        CreateDocuments {
            ids: ids.into_iter().collect(),
        }
    }
}

impl Endpoint for CreateDocuments {
    type Api = SapLab;
    type Output = Done;
    const NAME: &'static str = "saplab.CreateDocuments";

    /// Unsafe: a repeat may generate the documents again.
    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        if self.ids.is_empty() {
            return Err(BuildError::new("ids", BuildErrorKind::Empty));
        }
        let ids: Vec<String> = self.ids.iter().map(ToString::to_string).collect();
        api.get(&format!("/panel/order/documents/{}", ids.join(",")))
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Done, ResponseError> {
        outcome::done(response)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(Payment { unknown });
