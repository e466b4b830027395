//! The request's parameters, and the `{"success": …}` / `{"error": …}`
//! envelope every answer travels in.

use serde_json::{Value, json};

use crate::server::{ApiRequest, Reply};

/// The request's parameters: the query of a GET or DELETE, the form body
/// otherwise.
///
/// A POST or PUT body is url-encoded, or multipart as helper 2.3 sends it;
/// a multipart body that does not parse is the error.
pub(super) fn params(request: &ApiRequest<'_>) -> Result<Vec<(String, String)>, String> {
    let raw = match *request.method {
        http::Method::GET | http::Method::DELETE => request.query.unwrap_or_default().as_bytes(),
        _ => match crate::multipart::fields(request.headers, request.body) {
            Some(fields) => return fields,
            None => request.body,
        },
    };
    Ok(form_urlencoded::parse(raw).into_owned().collect())
}

/// The first value of `key` among the request's parameters.
pub(super) fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// An answer in its envelope: `{"success": data}`, or a refusal as
/// `{"error": {"code": "400", "msg": …}}` with status 200.
pub(super) fn answer(answer: Result<Value, String>) -> Reply {
    match answer {
        Ok(data) => Reply::json(200, &json!({ "success": data })),
        Err(message) => Reply::json(200, &json!({"error": {"code": "400", "msg": message}})),
    }
}

/// A refusal with its status in the envelope (`{"error": {"code": "401", …}}`).
pub(super) fn refused(status: u16, why: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": {"code": status.to_string(), "msg": why}}),
    )
}
