//! Paged lists as data: the [`Paged`] trait, and [`next_page`], the one rule
//! every list keeps when it says whether there is a next page.
//!
//! The crates do no I/O, so a walk over a list's pages is a loop around a
//! call: ask for a page, give the answer to [`Paged::next_page`], ask for what
//! it returns, until it returns `None`. The adapters run that loop for you
//! (`pages` and `items`, as a `Stream` or an `Iterator`). It must end whatever
//! the server does, so a next page is given only when the answer proves there
//! is one: it says how many pages there are, it is the page that was asked
//! for (when it names its page at all), and that page is not the last.

use crate::Endpoint;

/// A list endpoint whose answer is one page of a longer list.
///
/// The request for the first page is the endpoint value itself; each answer
/// gives the request for the next page, or `None` where the walk ends. A walk
/// through [`Paged::next_page`] always ends: it follows the [`next_page`]
/// rule, so an answer without a page count, a page number that did not
/// advance (a server that ignores the page asked for) and the last page all
/// end it.
///
/// ```
/// use shop_apis_core::paging::Paged;
/// # fn walk<E: Paged>(first: E, mut call: impl FnMut(&E) -> E::Output) -> Vec<E::Item> {
/// // What the adapters' `items` do, without I/O:
/// let mut items = Vec::new();
/// let mut next = Some(first);
/// while let Some(request) = next {
///     let answer = call(&request);
///     next = request.next_page(&answer);
///     items.extend(E::items(answer));
/// }
/// items
/// # }
/// ```
pub trait Paged: Endpoint + Sized {
    /// One entry of a page (a client, an invoice, a basket).
    type Item;

    /// The same list's next page after `answer`, the answer to `self`, or
    /// `None` where the walk must end (the [`next_page`] rule).
    fn next_page(&self, answer: &Self::Output) -> Option<Self>;

    /// The entries of one page, in the order the server sent them. What the
    /// answer says besides its entries (page counts, filters, fields the
    /// documents do not name) is left to the `pages` walk, which yields whole
    /// answers.
    fn items(answer: Self::Output) -> Vec<Self::Item>;

    /// How many pages the list has, as `answer` says, or `None` where it
    /// does not say: what a progress bar shows. Where a walk ends is
    /// [`Paged::next_page`]'s to decide, never this count's (a server may
    /// ignore the page asked for). The default: the count is not known.
    ///
    /// ```
    /// use shop_apis_core::Paged;
    /// # struct Notes;
    /// # impl shop_apis_core::Api for Notes { const NAME: &'static str = "notes"; }
    /// # struct ListNotes;
    /// # impl shop_apis_core::Endpoint for ListNotes {
    /// #     type Api = Notes; type Output = Vec<String>; const NAME: &'static str = "notes.List";
    /// #     fn safety(&self) -> shop_apis_core::Safety { shop_apis_core::Safety::Safe }
    /// #     fn build(&self, _: &Notes, _: &shop_apis_core::Stamp) -> Result<http::Request<Vec<u8>>, shop_apis_core::BuildError> { unimplemented!() }
    /// #     fn parse(&self, _: http::Response<&[u8]>) -> Result<Vec<String>, shop_apis_core::ResponseError> { unimplemented!() }
    /// # }
    /// impl Paged for ListNotes {
    ///     type Item = String;
    ///     fn next_page(&self, _: &Vec<String>) -> Option<Self> {
    ///         None
    ///     }
    ///     fn items(answer: Vec<String>) -> Vec<String> {
    ///         answer
    ///     }
    /// }
    /// assert_eq!(ListNotes::page_count(&vec!["one page of an untold count".to_owned()]), None);
    /// ```
    fn page_count(answer: &Self::Output) -> Option<u32> {
        let _ = answer;
        None
    }
}

/// The number of the page after `asked`, or `None` where a walk must end.
///
/// `asked` is the page the request asked for (1 when it named none),
/// `answered` the page the answer says it is, if it says, and `pages` how
/// many pages the answer says the list has, if it says.
///
/// - `pages` unknown: `None`; a walk never guesses past what it was told.
/// - `answered` named and not `asked`: `None`. The server did not serve the
///   page asked for (it ignores the page parameter and answers page 1, say);
///   asking for the next one would bring the same page again, for ever.
///   The answer that shows it is a page already seen.
/// - `asked` is the last page (or past it): `None`.
/// - otherwise `asked + 1`.
///
/// An answer that does not name its page cannot show that the page was
/// ignored; its walk still ends, after `pages` requests.
///
/// ```
/// use shop_apis_core::paging::next_page;
/// assert_eq!(next_page(1, Some(1), Some(3)), Some(2));
/// assert_eq!(next_page(2, None, Some(3)), Some(3));
/// assert_eq!(next_page(3, Some(3), Some(3)), None, "the last page");
/// assert_eq!(next_page(1, Some(1), None), None, "no page count");
/// assert_eq!(next_page(2, Some(1), Some(3)), None, "page 2 asked, page 1 served");
/// ```
pub fn next_page(asked: u32, answered: Option<u32>, pages: Option<u32>) -> Option<u32> {
    let pages = pages?;
    if answered.is_some_and(|answered| answered != asked) || asked >= pages {
        return None;
    }
    asked.checked_add(1)
}

#[cfg(test)]
mod tests {
    use super::next_page;

    /// A server that always answers page 1 ends the walk at the second
    /// request, whatever page count it claims.
    #[test]
    fn an_ignored_page_ends_the_walk() {
        let mut asked = 1;
        let mut requests = 1;
        while let Some(next) = next_page(asked, Some(1), Some(u32::MAX)) {
            asked = next;
            requests += 1;
            assert!(requests < 10, "the walk does not end");
        }
        assert_eq!(requests, 2);
    }

    /// A server that honours the page is walked to its last page.
    #[test]
    fn an_honoured_page_walks_every_page() {
        let mut walked = vec![1];
        while let Some(next) = next_page(*walked.last().unwrap(), walked.last().copied(), Some(4)) {
            walked.push(next);
        }
        assert_eq!(walked, [1, 2, 3, 4]);
        let mut walked = vec![1];
        while let Some(next) = next_page(*walked.last().unwrap(), None, Some(3)) {
            walked.push(next);
        }
        assert_eq!(walked, [1, 2, 3]);
    }

    #[test]
    fn unknown_count_zero_pages_and_the_largest_page_end_it() {
        assert_eq!(next_page(1, None, None), None);
        assert_eq!(next_page(1, None, Some(0)), None);
        assert_eq!(next_page(5, Some(5), Some(2)), None);
        assert_eq!(next_page(u32::MAX, None, Some(u32::MAX)), None);
        assert_eq!(
            next_page(2, Some(3), Some(9)),
            None,
            "a page past the one asked"
        );
    }
}
