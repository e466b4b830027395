//! The shop's open sets of codes and names: order statuses, order groups,
//! kinds of goods, order field types, user-card fields and payment states.
//! Each is one [`shop_apis_core::open_set!`]: a constant per value the
//! document lists, and any other code kept as sent (the document's own
//! status list omits 6 and 10, which its examples show).

use serde::Deserializer;

shop_apis_core::open_set! {
    /// An order's status (`status`, `order_status.code`).
    ///
    /// ```
    /// use ucoz_proto::OrderStatus;
    /// let ready = OrderStatus::from_code(4);
    /// assert_eq!(ready, OrderStatus::READY);
    /// assert_eq!(ready.to_string(), "Готов");
    /// // Codes the document's list leaves out are kept as sent.
    /// let unlisted = OrderStatus::from_code(10);
    /// assert_eq!((unlisted.code(), unlisted.is_listed()), (10, false));
    /// assert_eq!(unlisted.to_string(), "10");
    /// // A listed code is always its constant: no arm is skipped.
    /// match ready {
    ///     OrderStatus::NEW | OrderStatus::PAID => unreachable!(),
    ///     OrderStatus::READY => {}
    ///     _ => unreachable!(),
    /// }
    /// ```
    pub struct OrderStatus(u32) {
        /// 0, "Новый".
        NEW = 0 => "Новый",
        /// 1, "Оплачивается".
        AWAITING_PAYMENT = 1 => "Оплачивается",
        /// 2, "Оплачен".
        PAID = 2 => "Оплачен",
        /// 3, "В обработке".
        PROCESSING = 3 => "В обработке",
        /// 4, "Готов".
        READY = 4 => "Готов",
        /// 5, "Доставляется".
        DELIVERING = 5 => "Доставляется",
        /// 7, "Доставлен".
        DELIVERED = 7 => "Доставлен",
        /// 8, "Завершён".
        COMPLETED = 8 => "Завершён",
        /// 9, "Отменён".
        CANCELLED = 9 => "Отменён",
    }
}

shop_apis_core::open_set! {
    /// An order's group (`hide`): where it is filed.
    ///
    /// ```
    /// use ucoz_proto::OrderGroup;
    /// assert_eq!(OrderGroup::from_code(1), OrderGroup::ARCHIVE);
    /// assert_eq!(OrderGroup::ARCHIVE.to_string(), "В архиве");
    /// ```
    pub struct OrderGroup(u32) {
        /// 0, "В работе".
        IN_WORK = 0 => "В работе",
        /// 1, "В архиве".
        ARCHIVE = 1 => "В архиве",
        /// 2, "В корзине" (the bin).
        BIN = 2 => "В корзине",
    }
}

shop_apis_core::open_set! {
    /// An order field's type: the document's list, and any other kept as sent.
    ///
    /// ```
    /// use ucoz_proto::FieldType;
    /// let kind: FieldType = serde_json::from_str(r#""gmaps""#).unwrap();
    /// assert_eq!(kind, FieldType::GMAPS);
    /// let other: FieldType = serde_json::from_str(r#""date""#).unwrap();
    /// assert_eq!(other, FieldType::from_name("date"));
    /// assert_eq!((other.as_str(), other.is_listed()), ("date", false));
    /// ```
    pub struct FieldType(str) {
        /// `text`.
        TEXT = "text",
        /// `textarea`.
        TEXTAREA = "textarea",
        /// `checkbox`.
        CHECKBOX = "checkbox",
        /// `file`: cannot be changed through the API.
        FILE = "file",
        /// `email`.
        EMAIL = "email",
        /// `phone`.
        PHONE = "phone",
        /// `promo`: a promotional code.
        PROMO = "promo",
        /// `select`, with its `values`.
        SELECT = "select",
        /// `radio`, with its `values`.
        RADIO = "radio",
        /// `gmaps`: an address on a map.
        GMAPS = "gmaps",
    }
}

shop_apis_core::open_set! {
    /// Which field of the user's card an order field is filled from
    /// (`afld`, `002`:1236–1249); `""` (no association) is `None` where it is held.
    ///
    /// ```
    /// use ucoz_proto::UserField;
    /// assert_eq!(UserField::from_name("city"), UserField::CITY);
    /// assert_eq!(UserField::CITY.to_string(), "Город");
    /// assert_eq!(UserField::from_name("skype").as_str(), "skype");
    /// ```
    pub struct UserField(str) {
        /// `full_name`, "Имя".
        FULL_NAME = "full_name" => "Имя",
        /// `phone`, "Телефон".
        PHONE = "phone" => "Телефон",
        /// `email`, "E-mail".
        EMAIL = "email" => "E-mail",
        /// `gender`, "Пол".
        GENDER = "gender" => "Пол",
        /// `state`, "Штат".
        STATE = "state" => "Штат",
        /// `city`, "Город".
        CITY = "city" => "Город",
        /// `msn`.
        MSN = "msn",
        /// `aol`.
        AOL = "aol",
        /// `icq`.
        ICQ = "icq",
        /// `yahoo`.
        YAHOO = "yahoo",
        /// `signature`, "Подпись".
        SIGNATURE = "signature" => "Подпись",
        /// `birthday`, "Дата рождения".
        BIRTHDAY = "birthday" => "Дата рождения",
    }
}

shop_apis_core::open_set! {
    /// Whether a payment method can be chosen (`status`, "доступен/недоступен",
    /// `002`:94); the examples send `"active"`, the other spelling is not shown.
    ///
    /// ```
    /// use ucoz_proto::PaymentStatus;
    /// assert_eq!(PaymentStatus::from_name("active"), PaymentStatus::ACTIVE);
    /// assert!(!PaymentStatus::from_name("inactive").is_listed());
    /// ```
    pub struct PaymentStatus(str) {
        /// `active`: available.
        ACTIVE = "active",
    }
}

shop_apis_core::open_set! {
    /// A kind of goods: what an order field is shown for (`dig`,
    /// `002`:1230–1235) and what a digital product is (`type`, `002`:531).
    ///
    /// ```
    /// use ucoz_proto::GoodsKind;
    /// assert_eq!(GoodsKind::from_code(-1), GoodsKind::ANY);
    /// assert_eq!(GoodsKind::from_code(2).to_string(), "Товар - электронный код");
    /// assert!(!GoodsKind::from_code(7).is_listed());
    /// ```
    pub struct GoodsKind(i32) {
        /// -1, "любого типа" (fields only).
        ANY = -1 => "любого типа",
        /// 0, "Материальный товар".
        MATERIAL = 0 => "Материальный товар",
        /// 1, "Товар является файлом".
        FILE = 1 => "Товар является файлом",
        /// 2, "Товар - электронный код".
        CODE = 2 => "Товар - электронный код",
        /// 3, "Услуга".
        SERVICE = 3 => "Услуга",
    }
}

/// An optional code of an open set, by the W1 decoder (`""` and `null` are
/// none), or as the set serialises (`{"code", "name"}`).
pub(crate) fn code_option<'de, D, R, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    R: shop_apis_core::wire::int::Integer,
    T: From<R>,
{
    use serde::Deserialize as _;
    let coded = shop_apis_core::wire::open_code::OptionalCoded::<R>::deserialize(deserializer)?;
    Ok(coded.0.map(T::from))
}
