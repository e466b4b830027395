//! The three shapes of a SapLab answer besides the data itself: success,
//! error, and the field-validation map. They are read by
//! [`PanelAnswer`](shop_apis_core::wire::PanelAnswer) (W13); this module decides
//! which counts under which HTTP status (S2).

use http::Response;
use serde::de::DeserializeOwned;
use shop_apis_core::wire::{PanelAnswer, amount_in_text};
use shop_apis_core::{
    ApiError, BodyExcerpt, RefusalKind, ResponseError, UnexpectedStatus, UnknownFields, json,
};

shop_apis_core::keep_unknown! { unknown:
    /// What a write answers when it worked: `{"status": "success", "text": …}`.
    ///
    /// `text` is the panel's message ("Клиент успешно добавлен."), when it sends
    /// one; fields besides `status` and `text` are kept in `unknown`.
    ///
    /// `already_done` is true when the call was retried after an attempt whose
    /// outcome was unknown and the panel then refused because the target was
    /// already as asked (a delete of what is gone, an archive of an archived
    /// position): that earlier attempt did it, and `text` is the refusal's.
    ///
    /// ```
    /// use saplab_proto::Done;
    /// let done = Done::default();
    /// assert_eq!((done.text, done.already_done), (None, false));
    /// ```
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Done {
        /// The panel's message, if any.
        #[serde(default)]
        pub text: Option<String>,
        /// Whether an earlier attempt of a retried call did it (see above).
        #[serde(default)]
        pub already_done: bool,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

impl Done {
    /// `Done`, marked as already done, when `refusal` is of `kind`: what an
    /// idempotent endpoint's [`already_done`](shop_apis_core::Endpoint::already_done)
    /// answers.
    pub(crate) fn already(refusal: &ApiError, kind: &RefusalKind) -> Option<Done> {
        (refusal.kind == *kind).then(|| Done {
            text: refusal.message.clone(),
            already_done: true,
            unknown: UnknownFields::default(),
        })
    }
}

/// What a refusal's words mean (S30): the panel's texts the document shows,
/// matched on the part that does not name the client. A refusal with no
/// text means `bare`, which the endpoint decides: "does not exist" for the
/// deletes (S8), nothing known elsewhere.
fn refusal_kind(text: Option<&str>, bare: RefusalKind) -> RefusalKind {
    let Some(text) = text else {
        return bare;
    };
    let text = text.trim();
    if text.contains("используется в настройках магазина") {
        RefusalKind::InUse
    } else if text.starts_with("Недостаточно средств") {
        RefusalKind::InsufficientFunds {
            top_up: amount_in_text::roubles(text),
        }
    } else if text.starts_with("Недостаточно параметров") {
        RefusalKind::NotEnoughParameters
    } else if text == "Нет подходящих заказов." || text == "Не найдено подходящих заказов."
    {
        RefusalKind::NotFound
    } else if text.starts_with("Не удалось отправить заказы в архив")
    {
        RefusalKind::CouldNotArchive
    } else {
        RefusalKind::Other
    }
}

/// Reads the answer to a write.
///
/// A refusal's [`kind`](ApiError::kind) says what its words mean (S30).
///
/// - `{"status": "success", …}` with a 2xx status is [`Done`];
/// - `{"status": "error", "text"?: …}` under any status is an [`ApiError`]
///   with code `error` and the text as its message;
/// - an object with no `status` whose values are all texts is the panel's
///   validation map (`{"email": "…", "phone": "…"}`), an [`ApiError`] whose
///   `fields` list each field and message;
/// - an HTML page, an empty body or any other status is [`UnexpectedStatus`];
///   JSON of another shape under a 2xx status is a
///   [`DecodeError`](shop_apis_core::DecodeError) naming the place.
pub(crate) fn done(response: Response<&[u8]>) -> Result<Done, ResponseError> {
    done_or(response, RefusalKind::Other)
}

/// [`done`] for a delete, whose bare `{"status": "error"}` means the target
/// does not exist (S8).
pub(crate) fn removed(response: Response<&[u8]>) -> Result<Done, ResponseError> {
    done_or(response, RefusalKind::NotFound)
}

fn done_or(response: Response<&[u8]>, bare: RefusalKind) -> Result<Done, ResponseError> {
    let status = response.status();
    let body = *response.body();
    if !looks_like_json(body) {
        return Err(unexpected(status, body));
    }
    match PanelAnswer::decode(status, body) {
        Ok(PanelAnswer::Success { text, unknown }) if status.is_success() => Ok(Done {
            text,
            already_done: false,
            unknown,
        }),
        Ok(PanelAnswer::Success { .. }) => Err(unexpected(status, body)),
        Ok(PanelAnswer::Refusal { code, text }) => Err(refused(status, code, text, bare).into()),
        Ok(PanelAnswer::Invalid(fields)) => Err(ApiError::new(status).with_fields(fields).into()),
        Err(decode) if status.is_success() => Err(decode.into()),
        Err(_) => Err(unexpected(status, body)),
    }
}

/// Reads the answer to a read into `T`, or the refusal it is instead.
///
/// A body that holds a key of the answer but cannot be read
/// (`{"statuses": ""}`) is the answer, broken: its error names the key, and
/// only `{"status": "error"}` makes it a refusal. A body the answer's keys
/// are missing from may be either refusal, the validation map included.
pub(crate) fn data<T: DeserializeOwned>(response: Response<&[u8]>) -> Result<T, ResponseError> {
    let status = response.status();
    let body = *response.body();
    if !looks_like_json(body) {
        return Err(unexpected(status, body));
    }
    if !status.is_success() {
        return Err(match PanelAnswer::decode(status, body) {
            Ok(PanelAnswer::Refusal { code, text }) => {
                refused(status, code, text, RefusalKind::Other).into()
            }
            Ok(PanelAnswer::Invalid(fields)) => ApiError::new(status).with_fields(fields).into(),
            Ok(PanelAnswer::Success { .. }) | Err(_) => unexpected(status, body),
        });
    }
    let decode = match json::decode::<T>(status, body) {
        Ok(data) => return Ok(data),
        Err(decode) => decode,
    };
    Err(match PanelAnswer::decode(status, body) {
        Ok(PanelAnswer::Refusal { code, text }) => {
            refused(status, code, text, RefusalKind::Other).into()
        }
        Ok(PanelAnswer::Invalid(fields)) if decode.path == "$" => {
            ApiError::new(status).with_fields(fields).into()
        }
        _ => decode.into(),
    })
}

/// `{"status": "error", "text"?: …}` as an [`ApiError`] of its kind.
fn refused(
    status: http::StatusCode,
    code: String,
    text: Option<String>,
    bare: RefusalKind,
) -> ApiError {
    let kind = refusal_kind(text.as_deref(), bare);
    let error = ApiError::new(status).with_code(code).with_kind(kind);
    match text {
        Some(text) => error.with_message(text),
        None => error,
    }
}

/// Whether the body starts like JSON: a refusal or data, not a page or nothing.
fn looks_like_json(body: &[u8]) -> bool {
    matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

fn unexpected(status: http::StatusCode, body: &[u8]) -> ResponseError {
    UnexpectedStatus::new(status, BodyExcerpt::of(body)).into()
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(Done { unknown });
