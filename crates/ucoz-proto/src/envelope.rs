//! uCoz's answer envelope: `{"success": …}` or `{"error": …}`.

use http::Response;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shop_apis_core::{
    ApiError, ApiErrorDetail, BodyExcerpt, DecodeError, ResponseError, UnexpectedStatus, json,
};

/// The envelope, with the success part decoded as `T` only when present.
#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(default = "Option::default")]
    success: Option<T>,
    #[serde(default)]
    error: Option<Value>,
}

/// Reads `{"success": T}` as `T`, and `{"error": X}` under any status as an
/// [`ApiError`] that keeps `X` as sent (its `code` and `msg`, when it has
/// them, also typed). An answer that is not JSON, or any other status, is
/// [`UnexpectedStatus`]; JSON of another shape under 2xx is a
/// [`DecodeError`] with its path.
pub(crate) fn success<T: DeserializeOwned>(response: Response<&[u8]>) -> Result<T, ResponseError> {
    let status = response.status();
    let body = *response.body();
    let starts_like_json = matches!(body.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{'));
    if !starts_like_json {
        return Err(UnexpectedStatus::new(status, BodyExcerpt::of(body)).into());
    }
    let envelope = match json::decode::<Envelope<T>>(status, body) {
        Ok(envelope) => envelope,
        Err(decode) => {
            // A refusal whose success part would not decode is still a refusal.
            if let Some(error) = refusal_only(status, body) {
                return Err(error.into());
            }
            return Err(if status.is_success() {
                decode.into()
            } else {
                UnexpectedStatus::new(status, BodyExcerpt::of(body)).into()
            });
        }
    };
    if let Some(error) = envelope.error {
        return Err(api_error(status, error).into());
    }
    match envelope.success {
        Some(data) if status.is_success() => Ok(data),
        Some(_) => Err(UnexpectedStatus::new(status, BodyExcerpt::of(body)).into()),
        None if status.is_success() => Err(DecodeError::new(
            status,
            "$",
            "expected {\"success\": …} or {\"error\": …}",
            body,
        )
        .into()),
        None => Err(UnexpectedStatus::new(status, BodyExcerpt::of(body)).into()),
    }
}

fn refusal_only(status: http::StatusCode, body: &[u8]) -> Option<ApiError> {
    #[derive(Deserialize)]
    struct Refusal {
        error: Value,
    }
    let refusal: Refusal = serde_json::from_slice(body).ok()?;
    Some(api_error(status, refusal.error))
}

/// The error part, kept whole in `details` and read for a code and a message.
fn api_error(status: http::StatusCode, error: Value) -> ApiError {
    let text = |value: Option<&Value>| match value {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let (code, message) = match &error {
        Value::Object(fields) => (
            text(fields.get("code")),
            text(
                fields
                    .get("msg")
                    .or(fields.get("message"))
                    .or(fields.get("text")),
            ),
        ),
        Value::String(message) => (None, Some(message.clone())),
        _ => (None, None),
    };
    let mut api = ApiError::new(status).with_details(vec![match error {
        Value::String(text) => ApiErrorDetail::Text(text),
        Value::Object(fields) => ApiErrorDetail::Object(fields),
        other => ApiErrorDetail::Other(other),
    }]);
    if let Some(code) = code {
        api = api.with_code(code);
    }
    if let Some(message) = message {
        api = api.with_message(message);
    }
    api
}
