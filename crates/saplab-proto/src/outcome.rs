//! The three shapes of a SapLab answer besides the data itself: success,
//! error, and the field-validation map. They are read by
//! [`PanelAnswer`](proto_core::wire::PanelAnswer) (W13); this module decides
//! which counts under which HTTP status (S2).

use http::Response;
use proto_core::wire::PanelAnswer;
use proto_core::{ApiError, BodyExcerpt, ResponseError, UnexpectedStatus, UnknownFields, json};
use serde::de::DeserializeOwned;

/// What a write answers when it worked: `{"status": "success", "text": …}`.
///
/// `text` is the panel's message ("Клиент успешно добавлен."), when it sends
/// one; fields besides `status` and `text` are kept in `unknown`.
///
/// ```
/// use saplab_proto::Done;
/// let done = Done::default();
/// assert_eq!(done.text, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Done {
    /// The panel's message, if any.
    pub text: Option<String>,
    /// Fields the document does not name.
    pub unknown: UnknownFields,
}

/// Reads the answer to a write.
///
/// - `{"status": "success", …}` with a 2xx status is [`Done`];
/// - `{"status": "error", "text"?: …}` under any status is an [`ApiError`]
///   with code `error` and the text as its message;
/// - an object with no `status` whose values are all texts is the panel's
///   validation map (`{"email": "…", "phone": "…"}`), an [`ApiError`] whose
///   `fields` list each field and message;
/// - an HTML page, an empty body or any other status is [`UnexpectedStatus`];
///   JSON of another shape under a 2xx status is a
///   [`DecodeError`](proto_core::DecodeError) naming the place.
pub(crate) fn done(response: Response<&[u8]>) -> Result<Done, ResponseError> {
    let status = response.status();
    let body = *response.body();
    if !looks_like_json(body) {
        return Err(unexpected(status, body));
    }
    match PanelAnswer::decode(status, body) {
        Ok(PanelAnswer::Success { text, unknown }) if status.is_success() => {
            Ok(Done { text, unknown })
        }
        Ok(PanelAnswer::Success { .. }) => Err(unexpected(status, body)),
        Ok(PanelAnswer::Refusal { code, text }) => Err(refused(status, code, text).into()),
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
            Ok(PanelAnswer::Refusal { code, text }) => refused(status, code, text).into(),
            Ok(PanelAnswer::Invalid(fields)) => ApiError::new(status).with_fields(fields).into(),
            Ok(PanelAnswer::Success { .. }) | Err(_) => unexpected(status, body),
        });
    }
    let decode = match json::decode::<T>(status, body) {
        Ok(data) => return Ok(data),
        Err(decode) => decode,
    };
    Err(match PanelAnswer::decode(status, body) {
        Ok(PanelAnswer::Refusal { code, text }) => refused(status, code, text).into(),
        Ok(PanelAnswer::Invalid(fields)) if decode.path == "$" => {
            ApiError::new(status).with_fields(fields).into()
        }
        _ => decode.into(),
    })
}

/// `{"status": "error", "text"?: …}` as an [`ApiError`].
fn refused(status: http::StatusCode, code: String, text: Option<String>) -> ApiError {
    let error = ApiError::new(status).with_code(code);
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
proto_core::report_unknown!(Done { unknown });
