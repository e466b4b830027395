//! The shop's reference data, `GET /uapi/shop/getshopdata/?page=…`:
//! delivery and payment methods, order statuses and groups, order fields and
//! the goods fields an order shows.

use http::{Method, Request, Response};
use serde::Deserialize;
use shop_apis_core::wire::{FlagsById, IdMap, decimal, flag, int, nullable_text};
use shop_apis_core::{BuildError, Decimal, Endpoint, ResponseError, Safety, Stamp, UnknownFields};

use crate::api::Ucoz;
use crate::codes::{FieldType, GoodsKind, OrderGroup, OrderStatus, PaymentStatus, UserField};
use crate::envelope;

shop_apis_core::id_type! {
    /// A delivery method's id.
    pub struct DeliveryId(u64);
}

shop_apis_core::id_type! {
    /// A payment method's id.
    pub struct PaymentId(u64);
}

shop_apis_core::id_type! {
    /// An order field's number (the `N` of `fldN`).
    pub struct FieldId(u32);
}

shop_apis_core::keep_unknown! { unknown:
    /// A way the shop delivers.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct DeliveryMethod {
        /// Its name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Its description.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub dscr: Option<String>,
        /// Its position in the list.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub pos: Option<i64>,
        /// Whether the shop's own couriers deliver (`null` when not set).
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub courier: Option<bool>,
        /// The module computing the delivery cost, if any.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub module: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// Which delivery methods a payment method goes with: `{"all": 1}`, or
/// `{"all": 0, "1": 1, "3": 0}`, or `""` for none stated (U31).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(from = "FlagsById<DeliveryId>", into = "FlagsById<DeliveryId>")]
#[non_exhaustive]
pub struct DeliveryAssoc {
    /// With every delivery method (`all`; off when not sent).
    pub all: bool,
    /// With these, one by one.
    pub deliveries: IdMap<DeliveryId, bool>,
}

/// Serialised in the answer's own shape (`all` and a flag by id), which
/// reads back as the same value.
impl From<DeliveryAssoc> for FlagsById<DeliveryId> {
    fn from(assoc: DeliveryAssoc) -> Self {
        let mut wire = FlagsById::default();
        wire.all = Some(assoc.all);
        wire.by_id = assoc.deliveries;
        wire
    }
}

impl From<FlagsById<DeliveryId>> for DeliveryAssoc {
    fn from(flags: FlagsById<DeliveryId>) -> Self {
        DeliveryAssoc {
            all: flags.all.unwrap_or(false),
            deliveries: flags.by_id,
        }
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// A way the shop takes payment.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct PaymentMethod {
        /// Its name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Its description.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub dscr: Option<String>,
        /// Its position in the list.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub pos: Option<i64>,
        /// Whether it can be chosen ("доступен/недоступен"; `active` in the examples).
        #[serde(default, deserialize_with = "typed_text")]
        pub status: Option<PaymentStatus>,
        /// The payment module it uses, if any.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub module: Option<String>,
        /// The delivery methods it goes with.
        #[serde(default)]
        pub delivery_assoc: DeliveryAssoc,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// An additional field of the order form.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct OrderField {
        /// Its name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Its type.
        #[serde(rename = "type", default, deserialize_with = "typed_text")]
        pub kind: Option<FieldType>,
        /// Whether it must be filled.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub required: Option<bool>,
        /// Its position.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub pos: Option<i64>,
        /// For which kind of goods it shows (`dig`: -1 any, 0 material, 1 a
        /// file, 2 an electronic code, 3 a service).
        #[serde(default, deserialize_with = "crate::codes::code_option::<_, i32, _>")]
        pub dig: Option<GoodsKind>,
        /// The user-card field it is filled from (`afld`; `""` is none).
        #[serde(default, deserialize_with = "typed_text")]
        pub afld: Option<UserField>,
        /// Whether the field is shown expanded in the list of fields (the
        /// field list's example sends `"expand": 1`, the text does not name it).
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub expand: Option<bool>,
        /// "Авторегистрация" for guest orders, on an `email` field when the
        /// shop's users module has it (checkout and invoices).
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub autoreg: Option<bool>,
        /// "Позволять покупателям отказываться от авторегистрации".
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub autoreg_reject: Option<bool>,
        /// The address the buyer gave (`gmaps` fields only).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub addr: Option<String>,
        /// Its latitude (`gmaps` fields only).
        #[serde(default, with = "decimal::option")]
        pub lat: Option<Decimal>,
        /// Its longitude (`gmaps` fields only).
        #[serde(default, with = "decimal::option")]
        pub lng: Option<Decimal>,
        /// The values a `select` or `radio` field offers.
        #[serde(default)]
        pub values: Vec<String>,
        /// The value the buyer gave or the user card filled in (checkout only).
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub sel_val: Option<String>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// An open set's name where `""` and `null` mean none.
fn typed_text<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    use serde::Deserialize as _;
    // W4's `null` and `""` as none; also the `{"code", "name"}` a set serialises to.
    let named = shop_apis_core::wire::open_code::OptionalNamed::deserialize(deserializer)?;
    Ok(named.0.map(|text| T::from(text.as_str())))
}

/// Declares a reference-data endpoint: `GET /shop/getshopdata/?page=$page`.
macro_rules! shop_data {
    ($(#[$doc:meta])* $name:ident, $page:literal, $output:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct $name;

        impl Endpoint for $name {
            type Api = Ucoz;
            type Output = $output;
            const NAME: &'static str = concat!("ucoz.", stringify!($name));

            /// Safe: reads only.
            fn safety(&self) -> Safety {
                Safety::Safe
            }

            fn build(&self, api: &Ucoz, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
                api.request(Method::GET, "/shop/getshopdata/", vec![("page".into(), $page.into())], stamp)
            }

            fn parse(&self, response: Response<&[u8]>) -> Result<$output, ResponseError> {
                envelope::success(response)
            }
        }
    };
}

shop_data! {
    /// `page=deliverymethods`: the shop's delivery methods, by id. Safe.
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
    /// use ucoz_proto::{Auth, DeliveryId, ListDeliveryMethods, Ucoz};
    /// let stamp = Stamp::new(1_700_000_000, "n");
    /// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
    /// let request = ListDeliveryMethods.build(&site, &stamp)?;
    /// assert_eq!(request.uri(), "https://yoursite.ucoz.ru/uapi/shop/getshopdata/?page=deliverymethods");
    /// let answer = http::Response::new(&br#"{"success":{"1":{"name":"Pickup","dscr":"","courier":null,"pos":1}}}"#[..]);
    /// let methods = ListDeliveryMethods.parse(answer)?;
    /// assert_eq!(methods.get(&DeliveryId::new(1)).unwrap().courier, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListDeliveryMethods, "deliverymethods", IdMap<DeliveryId, DeliveryMethod>
}

shop_data! {
    /// `page=paymentsmethods`: the shop's payment methods, by id. Safe.
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint};
    /// use ucoz_proto::{Auth, ListPaymentMethods, PaymentId, Ucoz};
    /// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
    /// let answer = http::Response::new(&br#"{"success":{"2":{"name":"unitpay","delivery_assoc":{"all":1},"dscr":"","pos":2}}}"#[..]);
    /// assert!(ListPaymentMethods.parse(answer)?.get(&PaymentId::new(2)).unwrap().delivery_assoc.all);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListPaymentMethods, "paymentsmethods", IdMap<PaymentId, PaymentMethod>
}

shop_data! {
    /// `page=order_status_list`: every order status and its name in the
    /// site's language. Safe.
    ///
    /// ```
    /// use shop_apis_core::Endpoint;
    /// use ucoz_proto::{ListOrderStatuses, OrderStatus};
    /// let answer = http::Response::new(&br#"{"success":{"10":"Payment processing","0":"New"}}"#[..]);
    /// let statuses = ListOrderStatuses.parse(answer)?;
    /// assert_eq!(statuses.keys().copied().collect::<Vec<_>>(), [OrderStatus::NEW, OrderStatus::from_code(10)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListOrderStatuses, "order_status_list", IdMap<OrderStatus, String>
}

shop_data! {
    /// `page=order_hide_list`: every order group and its name. Safe.
    ///
    /// ```
    /// use shop_apis_core::Endpoint;
    /// use ucoz_proto::{ListOrderGroups, OrderGroup};
    /// let answer = http::Response::new(&br#"{"success":{"0":"In work","1":"Archive","2":"Bin"}}"#[..]);
    /// assert_eq!(ListOrderGroups.parse(answer)?.get(&OrderGroup::BIN).map(String::as_str), Some("Bin"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListOrderGroups, "order_hide_list", IdMap<OrderGroup, String>
}

shop_data! {
    /// `page=order_fields_list`: the order form's additional fields, by
    /// number. Safe.
    ///
    /// ```
    /// use shop_apis_core::Endpoint;
    /// use ucoz_proto::{FieldId, FieldType, ListOrderFields};
    /// let answer = http::Response::new(&br#"{"success":{"5":{"name":"Size","type":"select","values":["S","M"],"required":0,"pos":5}}}"#[..]);
    /// let fields = ListOrderFields.parse(answer)?;
    /// let size = fields.get(&FieldId::new(5)).unwrap();
    /// assert_eq!((size.kind.clone(), size.values.len()), (Some(FieldType::SELECT), 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListOrderFields, "order_fields_list", IdMap<FieldId, OrderField>
}

shop_data! {
    /// `page=order_goods_fields_list`: the goods fields an order shows, by
    /// code (`name`, `price`, `cnt`, …), with their names. Safe.
    ///
    /// ```
    /// use shop_apis_core::Endpoint;
    /// use ucoz_proto::ListOrderGoodsFields;
    /// let answer = http::Response::new(&br#"{"success":{"price":"Price","cnt":"Qty"}}"#[..]);
    /// let fields = ListOrderGoodsFields.parse(answer)?;
    /// assert_eq!(fields.keys().map(String::as_str).collect::<Vec<_>>(), ["cnt", "price"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListOrderGoodsFields, "order_goods_fields_list", IdMap<String, String>
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(DeliveryMethod { unknown });
shop_apis_core::report_unknown!(PaymentMethod {
    unknown,
    delivery_assoc
});
shop_apis_core::report_unknown!(OrderField { unknown });

impl shop_apis_core::ReportUnknown for DeliveryAssoc {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        self.deliveries.unknown_fields(path, found);
    }
}
