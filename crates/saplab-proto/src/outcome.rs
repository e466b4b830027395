//! The three shapes of a SapLab answer besides the data itself: success,
//! error, and the field-validation map.

use http::Response;
use proto_core::{
    ApiError, BodyExcerpt, DecodeError, FieldError, ResponseError, UnexpectedStatus, UnknownFields,
    json,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

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
///   JSON of another shape under a 2xx status is a [`DecodeError`].
pub(crate) fn done(response: Response<&[u8]>) -> Result<Done, ResponseError> {
    let status = response.status();
    let body = *response.body();
    if !looks_like_json(body) {
        return Err(unexpected(status, body));
    }
    let mut object = match json::decode::<UnknownFields>(status, body) {
        Ok(object) => object,
        Err(decode) if status.is_success() => return Err(decode.into()),
        Err(_) => return Err(unexpected(status, body)),
    };
    if let Some(error) = refusal(status, &object) {
        return Err(error.into());
    }
    let said_success = object
        .get("status")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("success"));
    if !status.is_success() {
        return Err(unexpected(status, body));
    }
    if !said_success {
        return Err(DecodeError::new(
            status,
            "$.status",
            "expected \"success\", \"error\" or a map of field messages",
            body,
        )
        .into());
    }
    object.remove("status");
    let text = match object.remove("text") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) if text.is_empty() => None,
        Some(Value::String(text)) => Some(text),
        Some(_) => {
            return Err(DecodeError::new(status, "$.text", "expected a text or null", body).into());
        }
    };
    Ok(Done {
        text,
        unknown: object,
    })
}

/// Reads the answer to a read into `T`, or the refusal it is instead.
pub(crate) fn data<T: DeserializeOwned>(response: Response<&[u8]>) -> Result<T, ResponseError> {
    let status = response.status();
    let body = *response.body();
    if status.is_success() {
        match json::decode::<T>(status, body) {
            Ok(data) => return Ok(data),
            Err(decode) => {
                return Err(match json_object(body) {
                    Some(object) => match refusal(status, &object) {
                        Some(error) => error.into(),
                        None => decode.into(),
                    },
                    None if looks_like_json(body) => decode.into(),
                    None => unexpected(status, body),
                });
            }
        }
    }
    match json_object(body).and_then(|object| refusal(status, &object)) {
        Some(error) => Err(error.into()),
        None => Err(unexpected(status, body)),
    }
}

/// The panel's "no": `status: error`, or a validation map.
fn refusal(status: http::StatusCode, object: &UnknownFields) -> Option<ApiError> {
    match object.get("status") {
        Some(Value::String(code)) if code.eq_ignore_ascii_case("error") => {
            let mut error = ApiError::new(status).with_code(code.clone());
            if let Some(text) = object.get("text").and_then(Value::as_str) {
                error = error.with_message(text);
            }
            Some(error)
        }
        Some(_) => None,
        None => {
            let fields: Option<Vec<FieldError>> = object
                .iter()
                .map(|(field, message)| Some(FieldError::new(field, message.as_str()?)))
                .collect();
            fields
                .filter(|fields| !fields.is_empty())
                .map(|fields| ApiError::new(status).with_fields(fields))
        }
    }
}

/// The body as a JSON object, if it is one.
fn json_object(body: &[u8]) -> Option<UnknownFields> {
    if !looks_like_json(body) {
        return None;
    }
    serde_json::from_slice(body).ok()
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
