//! One value per shop: a client bound to an API's connection settings, with
//! paged lists walked as a `Stream` (async) or an `Iterator` (blocking).
//!
//! The generic `client.call(&api, &endpoint)` stays; a [`Shop`] only saves
//! passing the same `api` on every call, and walks pages by
//! [`Paged::next_page`], whose rule ends every walk whatever the server
//! answers. A walk stops after the first error, which it yields.

use futures_core::Stream;
use shop_apis_core::{Api, Endpoint, Paged};

use crate::{BlockingTransport, Caller, Error, Transport};

/// An adapter's async client: a [`Transport`] and the [`Caller`] (config,
/// clock, nonces) it calls with. `shop_apis_reqwest::Client` and
/// `shop_apis_hyper::Client` implement it; a [`Shop`] needs nothing else.
///
/// ```
/// # use shop_apis_adapter::{Adapter, Caller, Config, Transport, TransportError};
/// # use std::time::Duration;
/// # #[derive(Clone)]
/// # struct Canned(Caller);
/// # impl Transport for Canned {
/// #     async fn send(&self, _: http::Request<Vec<u8>>, _: Duration) -> Result<http::Response<bytes::Bytes>, TransportError> {
/// #         Ok(http::Response::new(bytes::Bytes::new()))
/// #     }
/// #     async fn sleep(&self, _: Duration) {}
/// # }
/// impl Adapter for Canned {
///     fn caller(&self) -> &Caller {
///         &self.0
///     }
/// }
/// let client = Canned(Caller::new(Config::new("me/1")));
/// assert_eq!(client.caller().config().user_agent, "me/1");
/// ```
pub trait Adapter: Transport + Clone {
    /// The configuration, clock and nonces this client calls with.
    fn caller(&self) -> &Caller;
}

/// A blocking client: a [`BlockingTransport`] and its [`Caller`].
/// `shop_apis_reqwest::blocking::Client` implements it.
///
/// ```
/// # use shop_apis_adapter::{BlockingAdapter, BlockingTransport, Caller, Config, TransportError};
/// # use std::time::Duration;
/// # #[derive(Clone)]
/// # struct Canned(Caller);
/// # impl BlockingTransport for Canned {
/// #     fn send(&self, _: http::Request<Vec<u8>>, _: Duration) -> Result<http::Response<bytes::Bytes>, TransportError> {
/// #         Ok(http::Response::new(bytes::Bytes::new()))
/// #     }
/// # }
/// impl BlockingAdapter for Canned {
///     fn caller(&self) -> &Caller {
///         &self.0
///     }
/// }
/// let client = Canned(Caller::new(Config::new("me/1")));
/// assert_eq!(client.caller().config().user_agent, "me/1");
/// ```
pub trait BlockingAdapter: BlockingTransport + Clone {
    /// The configuration, clock and nonces this client calls with.
    fn caller(&self) -> &Caller;
}

/// An async client bound to one shop's connection settings: what a program
/// holds per shop. Made by the adapters' `Client::bind`; cheap to clone.
///
/// The example sends through a canned transport; the adapters' own
/// documentation calls the emulator.
///
/// ```
/// # use shop_apis_adapter::{Adapter, Caller, Config, Shop, Transport, TransportError};
/// # use shop_apis_core::{Api, BuildError, Endpoint, Paged, ResponseError, Safety};
/// # use std::time::Duration;
/// # use futures_util::StreamExt;
/// # #[derive(Clone)]
/// # struct Canned(Caller);
/// # impl Transport for Canned {
/// #     async fn send(&self, request: http::Request<Vec<u8>>, _: Duration) -> Result<http::Response<bytes::Bytes>, TransportError> {
/// #         let page = request.uri().query().unwrap_or("page=1").trim_start_matches("page=").to_owned();
/// #         Ok(http::Response::new(bytes::Bytes::from(page)))
/// #     }
/// #     async fn sleep(&self, _: Duration) {}
/// # }
/// # impl Adapter for Canned { fn caller(&self) -> &Caller { &self.0 } }
/// # #[derive(Debug)] struct Board;
/// # impl Api for Board { const NAME: &'static str = "board"; }
/// # struct Notes(u32);
/// # impl Endpoint for Notes {
/// #     type Api = Board; type Output = u32; const NAME: &'static str = "notes";
/// #     fn safety(&self) -> Safety { Safety::Safe }
/// #     fn build(&self, _: &Board, _: &shop_apis_core::Stamp) -> Result<http::Request<Vec<u8>>, BuildError> {
/// #         Ok(http::Request::get(format!("http://board.test/notes?page={}", self.0)).body(Vec::new()).unwrap())
/// #     }
/// #     fn parse(&self, response: http::Response<&[u8]>) -> Result<u32, ResponseError> {
/// #         Ok(std::str::from_utf8(response.body()).unwrap().parse().unwrap())
/// #     }
/// # }
/// // A list of three pages, each holding its page number.
/// impl Paged for Notes {
///     type Item = u32;
///     fn next_page(&self, answer: &u32) -> Option<Notes> {
///         shop_apis_core::paging::next_page(self.0, Some(*answer), Some(3)).map(Notes)
///     }
///     fn items(answer: u32) -> Vec<u32> {
///         vec![answer]
///     }
/// }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), shop_apis_adapter::Error> {
/// let shop = Shop::new(Canned(Caller::new(Config::new("me/1"))), Board);
/// assert_eq!(shop.call(&Notes(2)).await?, 2);
/// let every: Vec<u32> = shop.items(Notes(1)).map(Result::unwrap).collect().await;
/// assert_eq!(every, [1, 2, 3]);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Shop<C, A> {
    client: C,
    api: A,
}

/// A blocking client bound to one shop's connection settings. Made by
/// `shop_apis_reqwest::blocking::Client::bind`; its `pages` and `items` are
/// iterators.
///
/// The same walk as [`Shop`]'s, without `.await`: `call`, `pages` and
/// `items` through a canned transport that answers each page with its number.
///
/// ```
/// # use shop_apis_adapter::{BlockingAdapter, BlockingShop, BlockingTransport, Caller, Config, TransportError};
/// # use shop_apis_core::{Api, BuildError, Endpoint, Paged, ResponseError, Safety};
/// # use std::time::Duration;
/// # #[derive(Clone)]
/// # struct Canned(Caller);
/// # impl BlockingTransport for Canned {
/// #     fn send(&self, request: http::Request<Vec<u8>>, _: Duration) -> Result<http::Response<bytes::Bytes>, TransportError> {
/// #         let page = request.uri().query().unwrap_or("page=1").trim_start_matches("page=").to_owned();
/// #         Ok(http::Response::new(bytes::Bytes::from(page)))
/// #     }
/// # }
/// # impl BlockingAdapter for Canned { fn caller(&self) -> &Caller { &self.0 } }
/// # #[derive(Debug)] struct Board;
/// # impl Api for Board { const NAME: &'static str = "board"; }
/// # struct Notes(u32);
/// # impl Endpoint for Notes {
/// #     type Api = Board; type Output = u32; const NAME: &'static str = "notes";
/// #     fn safety(&self) -> Safety { Safety::Safe }
/// #     fn build(&self, _: &Board, _: &shop_apis_core::Stamp) -> Result<http::Request<Vec<u8>>, BuildError> {
/// #         Ok(http::Request::get(format!("http://board.test/notes?page={}", self.0)).body(Vec::new()).unwrap())
/// #     }
/// #     fn parse(&self, response: http::Response<&[u8]>) -> Result<u32, ResponseError> {
/// #         Ok(std::str::from_utf8(response.body()).unwrap().parse().unwrap())
/// #     }
/// # }
/// # impl Paged for Notes {
/// #     type Item = u32;
/// #     fn next_page(&self, answer: &u32) -> Option<Notes> {
/// #         shop_apis_core::paging::next_page(self.0, Some(*answer), Some(3)).map(Notes)
/// #     }
/// #     fn items(answer: u32) -> Vec<u32> { vec![answer] }
/// # }
/// let shop = BlockingShop::new(Canned(Caller::new(Config::new("me/1"))), Board);
/// assert_eq!(shop.call(&Notes(2))?, 2);
/// assert_eq!(shop.pages(Notes(2)).count(), 2);
/// let every: Vec<u32> = shop.items(Notes(1)).collect::<Result<_, _>>()?;
/// assert_eq!(every, [1, 2, 3]);
/// assert_eq!(shop.client().caller().config().user_agent, "me/1");
/// # Ok::<(), shop_apis_adapter::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct BlockingShop<C, A> {
    client: C,
    api: A,
}

macro_rules! accessors {
    ($shop:ident) => {
        impl<C, A> $shop<C, A> {
            /// `client`, calling `api` on every call.
            pub fn new(client: C, api: A) -> Self {
                $shop { client, api }
            }

            /// The connection settings every call goes to.
            pub fn api(&self) -> &A {
                &self.api
            }

            /// The client every call goes through.
            pub fn client(&self) -> &C {
                &self.client
            }
        }
    };
}
accessors!(Shop);
accessors!(BlockingShop);

impl<C: Adapter, A: Api> Shop<C, A> {
    /// Calls `endpoint` of this shop: the client's `call(&api, endpoint)`.
    pub async fn call<E: Endpoint<Api = A>>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.client
            .caller()
            .call(&self.client, &self.api, endpoint)
            .await
    }

    /// Every page of the list `first` starts, one answer at a time: `first`
    /// and then each [`Paged::next_page`], until it gives `None` or a call
    /// fails (the error is the last item).
    pub fn pages<'a, E>(
        &'a self,
        first: E,
    ) -> impl Stream<Item = Result<E::Output, Error>> + Unpin + 'a
    where
        E: Paged<Api = A> + 'a,
    {
        Box::pin(futures_util::stream::unfold(
            Some(first),
            move |next| async move {
                let request = next?;
                let answer = self.call(&request).await;
                let next = answer
                    .as_ref()
                    .ok()
                    .and_then(|page| request.next_page(page));
                Some((answer, next))
            },
        ))
    }

    /// Every entry of every page of the list `first` starts, in order
    /// ([`Shop::pages`], each answer's [`Paged::items`]).
    pub fn items<'a, E>(
        &'a self,
        first: E,
    ) -> impl Stream<Item = Result<E::Item, Error>> + Unpin + 'a
    where
        E: Paged<Api = A> + 'a,
    {
        use futures_util::StreamExt as _;
        self.pages(first)
            .flat_map(|page| futures_util::stream::iter(entries::<E>(page)))
    }
}

impl<C: BlockingAdapter, A: Api> BlockingShop<C, A> {
    /// Calls `endpoint` of this shop: the client's `call(&api, endpoint)`.
    pub fn call<E: Endpoint<Api = A>>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.client
            .caller()
            .call_blocking(&self.client, &self.api, endpoint)
    }

    /// Every page of the list `first` starts, as [`Shop::pages`] walks them.
    pub fn pages<'a, E>(&'a self, first: E) -> impl Iterator<Item = Result<E::Output, Error>> + 'a
    where
        E: Paged<Api = A> + 'a,
    {
        let mut next = Some(first);
        std::iter::from_fn(move || {
            let request = next.take()?;
            let answer = self.call(&request);
            next = answer
                .as_ref()
                .ok()
                .and_then(|page| request.next_page(page));
            Some(answer)
        })
    }

    /// Every entry of every page, as [`Shop::items`] gives them.
    pub fn items<'a, E>(&'a self, first: E) -> impl Iterator<Item = Result<E::Item, Error>> + 'a
    where
        E: Paged<Api = A> + 'a,
    {
        self.pages(first).flat_map(entries::<E>)
    }
}

/// One page's entries, or the error that ended the walk.
fn entries<E: Paged>(
    page: Result<E::Output, Error>,
) -> impl Iterator<Item = Result<E::Item, Error>> {
    let (items, error) = match page {
        Ok(answer) => (E::items(answer), None),
        Err(error) => (Vec::new(), Some(error)),
    };
    items.into_iter().map(Ok).chain(error.map(Err))
}
