//! Response bodies, whole or deliberately broken.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

/// The error that ends a body on purpose, which makes hyper drop the connection.
#[derive(Debug)]
pub(crate) struct Cut;

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("body cut by an injected fault")
    }
}

impl std::error::Error for Cut {}

pub(crate) enum ReplyBody {
    /// The whole body at once.
    Whole(Option<Bytes>),
    /// The first part, a pause, the rest.
    Slow {
        first: Option<Bytes>,
        pause: Pin<Box<Sleep>>,
        rest: Option<Bytes>,
    },
    /// A part, then the connection drops.
    Truncated(Option<Bytes>),
    /// Chunks of unannounced length (chunked transfer encoding).
    Chunks(std::collections::VecDeque<Bytes>),
}

impl ReplyBody {
    pub(crate) fn slow(body: Bytes, pause: std::time::Duration) -> Self {
        let split = body.len().min(8);
        ReplyBody::Slow {
            first: Some(body.slice(..split)),
            pause: Box::pin(tokio::time::sleep(pause)),
            rest: Some(body.slice(split..)),
        }
    }
}

impl Body for ReplyBody {
    type Data = Bytes;
    type Error = Cut;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Cut>>> {
        match self.get_mut() {
            ReplyBody::Whole(body) => Poll::Ready(body.take().map(|b| Ok(Frame::data(b)))),
            ReplyBody::Slow { first, pause, rest } => {
                if let Some(first) = first.take() {
                    return Poll::Ready(Some(Ok(Frame::data(first))));
                }
                ready!(pause.as_mut().poll(cx));
                Poll::Ready(rest.take().map(|b| Ok(Frame::data(b))))
            }
            ReplyBody::Truncated(part) => match part.take() {
                Some(part) => Poll::Ready(Some(Ok(Frame::data(part)))),
                None => Poll::Ready(Some(Err(Cut))),
            },
            ReplyBody::Chunks(chunks) => {
                Poll::Ready(chunks.pop_front().map(|c| Ok(Frame::data(c))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, ReplyBody::Whole(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ReplyBody::Whole(Some(body)) => SizeHint::with_exact(body.len() as u64),
            ReplyBody::Whole(None) => SizeHint::with_exact(0),
            _ => SizeHint::default(),
        }
    }
}
