use bytes::{Bytes, BytesMut};
use http::{HeaderMap, Response, StatusCode};

use crate::error::TransportError;

/// Collects an answer's body up to a limit, so that an adapter reading a
/// stream of chunks never holds more than [`Config::max_response_bytes`].
///
/// [`Config::max_response_bytes`]: crate::Config::max_response_bytes
///
/// ```
/// use shop_apis_adapter::{BodyBuffer, TransportError};
/// let head = http::Response::builder().status(200).body(()).unwrap();
/// let mut body = BodyBuffer::new(head, 8)?;
/// body.push(b"1234")?;
/// assert!(matches!(body.push(b"56789"), Err(TransportError::BodyTooLarge { limit: 8, .. })));
/// # Ok::<(), TransportError>(())
/// ```
#[derive(Debug)]
pub struct BodyBuffer {
    head: Response<()>,
    limit: usize,
    body: BytesMut,
}

impl BodyBuffer {
    /// Starts reading the body of the answer `head`; an answer whose
    /// `Content-Length` is already over `limit` is refused before any byte is read.
    pub fn new(head: Response<()>, limit: usize) -> Result<Self, TransportError> {
        if content_length(head.headers()).is_some_and(|length| length > limit as u64) {
            return Err(too_large(head.status(), limit));
        }
        Ok(BodyBuffer {
            head,
            limit,
            body: BytesMut::new(),
        })
    }

    /// Adds a chunk; an error once the body would pass the limit.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), TransportError> {
        if self.body.len() + chunk.len() > self.limit {
            return Err(too_large(self.head.status(), self.limit));
        }
        self.body.extend_from_slice(chunk);
        Ok(())
    }

    /// The whole answer.
    pub fn finish(self) -> Response<Bytes> {
        let (parts, ()) = self.head.into_parts();
        Response::from_parts(parts, self.body.freeze())
    }
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(http::header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

fn too_large(status: StatusCode, limit: usize) -> TransportError {
    TransportError::BodyTooLarge { status, limit }
}
