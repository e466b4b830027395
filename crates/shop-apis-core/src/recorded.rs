//! [`Recorded`]: any endpoint, keeping a copy of the answer it reads, for a
//! program that shows or saves the bytes as sent beside the typed output.

use std::sync::{Arc, Mutex};

use http::{Request, Response, StatusCode};

use crate::{ApiError, BuildError, Endpoint, Paged, ResponseError, Safety, Stamp};

/// `inner`, keeping the status and body of the last answer it parsed.
///
/// Everything else is `inner`'s own: the same request, safety, output,
/// refusal reading ([`Endpoint::already_done`]) and paging, so an adapter
/// retries and walks it exactly as it would `inner`. The pages of a walk
/// ([`Paged::next_page`]) and clones share the first one's copy: keep a
/// clone of the value given to a walk, and its [`Recorded::take`] gives each
/// page's answer as it comes.
///
/// ```
/// use shop_apis_core::{Endpoint, Recorded};
/// # struct Site;
/// # impl shop_apis_core::Api for Site { const NAME: &'static str = "site"; }
/// # struct Ping;
/// # impl Endpoint for Ping {
/// #     type Api = Site; type Output = (); const NAME: &'static str = "site.Ping";
/// #     fn safety(&self) -> shop_apis_core::Safety { shop_apis_core::Safety::Safe }
/// #     fn build(&self, _: &Site, _: &shop_apis_core::Stamp) -> Result<http::Request<Vec<u8>>, shop_apis_core::BuildError> { unimplemented!() }
/// #     fn parse(&self, _: http::Response<&[u8]>) -> Result<(), shop_apis_core::ResponseError> { Ok(()) }
/// # }
/// let ping = Recorded::new(Ping);
/// let answer = http::Response::builder().status(200).body(&b"pong"[..]).unwrap();
/// ping.parse(answer)?;
/// assert_eq!(ping.take(), Some((http::StatusCode::OK, b"pong".to_vec())));
/// assert_eq!(ping.take(), None, "taken");
/// # Ok::<(), shop_apis_core::ResponseError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Recorded<E> {
    inner: E,
    answer: Arc<Mutex<Option<Answer>>>,
}

/// An answer's status and body, as read.
type Answer = (StatusCode, Vec<u8>);

impl<E> Recorded<E> {
    /// `inner`, with nothing recorded yet.
    ///
    /// ```
    /// # struct Ping;
    /// let ping = shop_apis_core::Recorded::new(Ping);
    /// assert_eq!(ping.take(), None);
    /// ```
    pub fn new(inner: E) -> Self {
        Recorded {
            inner,
            answer: Arc::default(),
        }
    }

    /// The endpoint recorded.
    ///
    /// ```
    /// let recorded = shop_apis_core::Recorded::new(7);
    /// assert_eq!(*recorded.inner(), 7);
    /// ```
    pub fn inner(&self) -> &E {
        &self.inner
    }

    /// The endpoint recorded, given back.
    ///
    /// ```
    /// assert_eq!(shop_apis_core::Recorded::new(7).into_inner(), 7);
    /// ```
    pub fn into_inner(self) -> E {
        self.inner
    }

    /// The status and body of the last answer parsed since the last `take`,
    /// if any.
    ///
    /// ```
    /// let recorded = shop_apis_core::Recorded::new(());
    /// assert_eq!(recorded.take(), None, "nothing parsed");
    /// ```
    pub fn take(&self) -> Option<(StatusCode, Vec<u8>)> {
        self.answer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }
}

impl<E: Endpoint> Endpoint for Recorded<E> {
    type Api = E::Api;
    type Output = E::Output;
    const NAME: &'static str = E::NAME;

    fn safety(&self) -> Safety {
        self.inner.safety()
    }

    fn build(&self, api: &Self::Api, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        self.inner.build(api, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Self::Output, ResponseError> {
        let copy = (response.status(), response.body().to_vec());
        *self
            .answer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(copy);
        self.inner.parse(response)
    }

    fn already_done(&self, refusal: &ApiError) -> Option<Self::Output> {
        self.inner.already_done(refusal)
    }
}

impl<E: Paged> Paged for Recorded<E> {
    type Item = E::Item;

    fn next_page(&self, answer: &Self::Output) -> Option<Self> {
        Some(Recorded {
            inner: self.inner.next_page(answer)?,
            answer: Arc::clone(&self.answer),
        })
    }

    fn items(answer: Self::Output) -> Vec<Self::Item> {
        E::items(answer)
    }

    fn page_count(answer: &Self::Output) -> Option<u32> {
        E::page_count(answer)
    }
}
