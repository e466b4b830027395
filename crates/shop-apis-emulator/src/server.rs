//! The accept loop, request routing and fault application.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::Value;

use crate::body::ReplyBody;
use crate::faults::Fault;
use crate::{Api, Shared, php};

/// The largest request body read; a larger one is answered 413.
const MAX_REQUEST_BODY: usize = 4 << 20;

/// A request as the emulator received it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method.
    pub method: String,
    /// The path and query, as sent.
    pub path_and_query: String,
    /// The headers, in order, values lossily decoded.
    pub headers: Vec<(String, String)>,
    /// The body (empty when the connection was closed before reading it).
    pub body: Vec<u8>,
    /// What the emulator answered, before any fault cut or slowed it; `None`
    /// when a fault dropped the connection before the request was handled.
    pub reply: Option<RecordedReply>,
}

/// An answer as the emulator meant it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedReply {
    /// The status.
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl RecordedRequest {
    fn replied(mut self, reply: &Reply) -> Self {
        self.reply = Some(RecordedReply {
            status: reply.status.as_u16(),
            body: reply.body.clone(),
        });
        self
    }
}

/// The last requests received.
#[derive(Debug, Default)]
pub(crate) struct RequestLog(Mutex<VecDeque<RecordedRequest>>);

impl RequestLog {
    const CAPACITY: usize = 1000;

    fn push(&self, request: RecordedRequest) {
        let mut log = self.0.lock().unwrap();
        if log.len() == Self::CAPACITY {
            log.pop_front();
        }
        log.push_back(request);
    }

    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.0.lock().unwrap().iter().cloned().collect()
    }
}

/// An answer before faults are applied.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
    pub(crate) retry_after: Option<u64>,
    /// A `WWW-Authenticate` challenge, for a 401.
    pub(crate) www_authenticate: Option<&'static str>,
    /// A `Location`, for a redirect.
    pub(crate) location: Option<String>,
}

impl Reply {
    /// JSON as the APIs' PHP servers write it.
    pub(crate) fn json(status: u16, value: &Value) -> Reply {
        Reply {
            status: StatusCode::from_u16(status).expect("a valid status"),
            content_type: "application/json; charset=utf-8",
            body: php::json_encode(value),
            retry_after: None,
            www_authenticate: None,
            location: None,
        }
    }

    pub(crate) fn text(status: u16, text: &str) -> Reply {
        Reply {
            status: StatusCode::from_u16(status).expect("a valid status"),
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
            retry_after: None,
            www_authenticate: None,
            location: None,
        }
    }

    fn html_error(status: u16) -> Reply {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
        let title = format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("Error")
        );
        let page = format!(
            "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        );
        Reply {
            status,
            content_type: "text/html",
            body: page.into_bytes(),
            retry_after: None,
            www_authenticate: None,
            location: None,
        }
    }

    fn into_response(self, body: ReplyBody) -> Response<ReplyBody> {
        let mut response = Response::new(body);
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        headers.insert(header::SERVER, HeaderValue::from_static("emulator"));
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(location) = self.location.as_deref().and_then(|l| l.parse().ok()) {
            headers.insert(header::LOCATION, location);
        }
        if let Some(challenge) = self.www_authenticate {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        response
    }
}

/// The request's parts the API handlers see.
#[derive(Debug)]
pub(crate) struct ApiRequest<'a> {
    pub(crate) method: &'a http::Method,
    /// The path below the API's prefix (`/api`).
    pub(crate) path: &'a str,
    /// The raw query, if any.
    pub(crate) query: Option<&'a str>,
    pub(crate) headers: &'a http::HeaderMap,
    pub(crate) body: &'a [u8],
}

pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shared: Arc<Shared>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) {
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let shared = shared.clone();
                let tls = tls.clone();
                tokio::spawn(async move {
                    match tls {
                        Some(tls) => {
                            // A client that refuses the certificate ends the handshake.
                            if let Ok(stream) = tls.accept(stream).await {
                                connection(stream, shared).await;
                            }
                        }
                        None => connection(stream, shared).await,
                    }
                });
            }
        }
    }
}

/// Serves one connection's requests, over TCP or TLS.
async fn connection<S>(stream: S, shared: Arc<Shared>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |request| handle(shared.clone(), request));
    let _ = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Ends the connection without an answer.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<ReplyBody>, Dropped> {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let fault = shared.faults.take(&path);
    let mut recorded = RecordedRequest {
        method: parts.method.to_string(),
        path_and_query: parts
            .uri
            .path_and_query()
            .map_or_else(|| path.clone(), |pq| pq.to_string()),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: Vec::new(),
        reply: None,
    };

    if fault == Some(Fault::ResetBeforeRead) {
        shared.log.push(recorded);
        return Err(Dropped);
    }
    let body = match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            let reply = Reply::text(413, "Request Entity Too Large");
            shared.log.push(recorded.replied(&reply));
            return Ok(whole(reply));
        }
    };
    recorded.body = body.to_vec();

    // Faults that stand in for the server: the request is not processed.
    let stand_in = match &fault {
        Some(Fault::ServerError {
            status,
            retry_after,
        }) => {
            let mut reply = Reply::text(*status, "Service temporarily unavailable");
            reply.retry_after = *retry_after;
            Some(reply)
        }
        Some(Fault::HtmlErrorPage(status)) => Some(Reply::html_error(*status)),
        Some(Fault::Redirect { status, location }) => {
            let mut reply = Reply::text(*status, "Moved");
            reply.location = Some(location.clone());
            Some(reply)
        }
        _ => None,
    };
    if let Some(reply) = stand_in {
        shared.log.push(recorded.replied(&reply));
        return Ok(whole(reply));
    }

    let incoming = ApiRequest {
        method: &parts.method,
        path: &path,
        query: parts.uri.query(),
        headers: &parts.headers,
        body: &body,
    };
    let mut reply = route(&shared, incoming);
    shared.log.push(recorded.replied(&reply));

    // Faults after processing: the request had its effect; the answer suffers.
    match fault {
        Some(Fault::ResetAfterRead) => Err(Dropped),
        Some(Fault::DelayHeaders(pause)) => {
            tokio::time::sleep(pause).await;
            Ok(whole(reply))
        }
        Some(Fault::DelayBody(pause)) => {
            let body = Bytes::from(std::mem::take(&mut reply.body));
            let length = body.len();
            Ok(with_length(
                reply.into_response(ReplyBody::slow(body, pause)),
                length,
            ))
        }
        Some(Fault::TruncatedBody) => {
            let body = Bytes::from(std::mem::take(&mut reply.body));
            let length = body.len();
            let half = body.slice(..length / 2);
            Ok(with_length(
                reply.into_response(ReplyBody::Truncated(Some(half))),
                length,
            ))
        }
        Some(Fault::OversizedBody(size)) => Ok(whole(padding(size))),
        Some(Fault::OversizedChunkedBody(size)) => {
            let mut reply = padding(size);
            let body = Bytes::from(std::mem::take(&mut reply.body));
            let chunks = (0..body.len())
                .step_by(16 * 1024)
                .map(|start| body.slice(start..body.len().min(start + 16 * 1024)))
                .collect();
            Ok(reply.into_response(ReplyBody::Chunks(chunks)))
        }
        _ => Ok(whole(reply)),
    }
}

/// A 200 JSON answer of `size` bytes that says nothing.
fn padding(size: usize) -> Reply {
    let mut body = b"{\"padding\":\"".to_vec();
    body.resize(size.saturating_sub(2).max(body.len()), b'x');
    body.extend_from_slice(b"\"}");
    Reply {
        status: StatusCode::OK,
        content_type: "application/json",
        body,
        retry_after: None,
        www_authenticate: None,
        location: None,
    }
}

fn whole(mut reply: Reply) -> Response<ReplyBody> {
    let body = Bytes::from(std::mem::take(&mut reply.body));
    reply.into_response(ReplyBody::Whole(Some(body)))
}

/// Announces the full length, so that a client can tell a cut body from a whole one.
fn with_length(mut response: Response<ReplyBody>, length: usize) -> Response<ReplyBody> {
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response
}

/// Sends the request to the API its path names.
fn route(shared: &Shared, incoming: ApiRequest<'_>) -> Reply {
    for api in Api::ALL {
        let Some(rest) = incoming.path.strip_prefix(api.prefix()) else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with('/')) {
            continue;
        }
        let incoming = ApiRequest {
            path: rest,
            ..incoming
        };
        return match api {
            Api::Qnits => shared.qnits.handle(&incoming, &shared.base_url(api)),
            Api::SapLab => shared.saplab.handle(&incoming),
            Api::Ucoz => {
                // The URL as received: the Host header and the full path.
                let host = incoming
                    .headers
                    .get(http::header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .map_or_else(|| shared.addr.to_string(), str::to_owned);
                shared.ucoz.handle(
                    &incoming,
                    &format!("{}://{host}{}", shared.scheme(), api.prefix()),
                )
            }
        };
    }
    Reply::text(404, "Not Found")
}
