//! Filters as path segments, and pages.

use std::fmt::Display;

use shop_apis_core::encode::path_segment;
use shop_apis_core::wire::datetime::format_date;
use shop_apis_core::wire::flag;
use shop_apis_core::{BuildError, BuildErrorKind, UnknownFields, validate};
use time::Date;

/// A list's filters, written the panel's way: `{base}/filter/key/value/…`,
/// each key and value percent-encoded as exactly one path segment (W8).
/// Without filters the path is `{base}` alone.
#[derive(Debug)]
pub(crate) struct PathFilters {
    path: String,
    any: bool,
}

impl PathFilters {
    pub(crate) fn new(base: &str) -> Self {
        PathFilters {
            path: base.to_owned(),
            any: false,
        }
    }

    fn push(&mut self, key: &str, value: &str) {
        if !self.any {
            self.path.push_str("/filter");
            self.any = true;
        }
        self.path.push('/');
        self.path.push_str(&path_segment(key));
        self.path.push('/');
        self.path.push_str(&path_segment(value));
    }

    /// A text filter; an empty or blank one cannot be a segment and is
    /// refused, and so is one with a control character (a path is no place
    /// for a line break, even encoded).
    pub(crate) fn text(
        &mut self,
        key: &'static str,
        value: Option<&str>,
    ) -> Result<(), BuildError> {
        if let Some(value) = value {
            validate::not_blank(key, value)?;
            validate::no_control_characters(key, value)?;
            self.push(key, value);
        }
        Ok(())
    }

    /// A number or an id.
    pub(crate) fn value(&mut self, key: &str, value: Option<impl Display>) {
        if let Some(value) = value {
            self.push(key, &value.to_string());
        }
    }

    /// Ids, comma-joined (`client_id/1,2,3`); nothing when empty.
    pub(crate) fn ids(&mut self, key: &str, ids: &[impl Display]) {
        if !ids.is_empty() {
            let joined: Vec<String> = ids.iter().map(ToString::to_string).collect();
            self.push(key, &joined.join(","));
        }
    }

    /// A boolean, as `1` or `0`.
    pub(crate) fn flag(&mut self, key: &str, value: Option<bool>) {
        if let Some(value) = value {
            self.push(key, flag::form_value(value));
        }
    }

    /// A date, as `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, key: &str, value: Option<Date>) {
        if let Some(value) = value {
            self.push(key, &format_date(value));
        }
    }

    /// `page` and `per_page`.
    pub(crate) fn page(&mut self, page: Option<Page>, per_page: Option<PerPage>) {
        self.value("page", page.map(Page::get));
        self.value("per_page", per_page.map(PerPage::get));
    }

    pub(crate) fn finish(self) -> String {
        self.path
    }
}

/// A page number, from 1.
///
/// ```
/// use saplab_proto::Page;
/// assert_eq!(Page::new(2)?.get(), 2);
/// assert!(Page::new(0).is_err());
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Page(u32);

impl Page {
    /// The first page.
    pub const FIRST: Page = Page(1);

    /// Page `number`, counted from 1.
    pub fn new(number: u32) -> Result<Self, BuildError> {
        if number == 0 {
            return Err(BuildError::new("page", BuildErrorKind::Zero));
        }
        Ok(Page(number))
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The page after this one, asked for, given the page the answer says
    /// it is (`answered`) and how many it says there are (`pages`):
    /// [`shop_apis_core::paging::next_page`]'s rule, so a server that ignores
    /// the page asked for, or an answer without a page count, ends a walk.
    pub(crate) fn next(self, answered: Option<u32>, pages: Option<u32>) -> Option<Page> {
        shop_apis_core::paging::next_page(self.0, answered, pages).map(Page)
    }
}

/// How many items a page holds: 1 to [`PerPage::MAX`] (150), the panel's limit.
///
/// ```
/// use saplab_proto::PerPage;
/// assert_eq!(PerPage::new(150)?.get(), 150);
/// assert!(PerPage::new(151).is_err());
/// assert!(PerPage::new(0).is_err());
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PerPage(u32);

impl PerPage {
    /// The most the panel serves on one page.
    pub const MAX: u32 = 150;

    /// `count` items a page.
    pub fn new(count: u32) -> Result<Self, BuildError> {
        match count {
            0 => Err(BuildError::new("per_page", BuildErrorKind::Zero)),
            1..=Self::MAX => Ok(PerPage(count)),
            _ => Err(BuildError::new(
                "per_page",
                BuildErrorKind::OutOfRange(format!(
                    "{count} is over the panel's limit of {}",
                    Self::MAX
                )),
            )),
        }
    }

    /// The count.
    pub fn get(self) -> u32 {
        self.0
    }
}

shop_apis_core::keep_unknown! { other:
    /// The filters the panel says it applied (`"filters": {"per_page": 20}`).
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct AppliedFilters {
        /// Items a page.
        #[serde(
            default,
            deserialize_with = "shop_apis_core::wire::int::option::deserialize"
        )]
        pub per_page: Option<u32>,
        /// The other filters, as the panel echoes them.
        #[serde(flatten, skip_deserializing)]
        pub other: UnknownFields,
    }
}
