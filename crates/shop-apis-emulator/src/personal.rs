//! Personal values planted in the seed state, for tests that prove what is
//! saved of an answer holds none of them.

/// What a field holding a person's data holds, for
/// [`Emulator::fill_personal_fields`](crate::Emulator::fill_personal_fields).
///
/// ```
/// use shop_apis_emulator::Personal;
/// // A realistic value of each kind, as a test would plant it.
/// let value = |kind: Personal| match kind {
///     Personal::Phone => "79990000001".to_owned(),
///     Personal::Email => "sentinel@example.org".to_owned(),
///     _ => "Сентинелов Пётр".to_owned(),
/// };
/// assert_eq!(value(Personal::Phone), "79990000001");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Personal {
    /// A person's or an organisation's name (a client, a courier, an employee).
    Name,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A postal address.
    Address,
    /// A login on the site.
    Login,
    /// Free text about a person: a comment, a note, an order's log.
    Note,
    /// An IP address.
    Ip,
    /// A latitude or longitude of a delivery address, as decimal text.
    Coordinate,
    /// A tax or registration number (INN, KPP, OGRN, BIK).
    TaxNumber,
    /// A bank account number.
    BankAccount,
}
