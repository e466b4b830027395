//! The shop's reference data, `GET /uapi/shop/getshopdata/?page=…`:
//! delivery and payment methods, order statuses and groups, order fields and
//! the goods fields an order shows.

use std::fmt;

use http::{Method, Request, Response};
use proto_core::wire::{IdMap, flag, int, nullable_text};
use proto_core::{BuildError, Endpoint, ResponseError, Safety, UnknownFields};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::api::Ucoz;
use crate::codes::{FieldType, OrderGroup, OrderStatus};
use crate::envelope;

proto_core::id_type! {
    /// A delivery method's id.
    pub struct DeliveryId(u64);
}

proto_core::id_type! {
    /// A payment method's id.
    pub struct PaymentId(u64);
}

proto_core::id_type! {
    /// An order field's number (the `N` of `fldN`).
    pub struct FieldId(u32);
}

/// A way the shop delivers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct DeliveryMethod {
    /// Its name.
    pub name: String,
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
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// Which delivery methods a payment method goes with: `{"all": 1}`, or
/// `{"all": 0, "1": 1, "3": 0}`, or `""` for none stated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveryAssoc {
    /// With every delivery method.
    pub all: bool,
    /// With these, one by one.
    pub deliveries: IdMap<DeliveryId, bool>,
}

impl<'de> Deserialize<'de> for DeliveryAssoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AssocVisitor;
        impl<'de> Visitor<'de> for AssocVisitor {
            type Value = DeliveryAssoc;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of delivery ids and \"all\", or \"\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DeliveryAssoc, E> {
                if v.is_empty() {
                    Ok(DeliveryAssoc::default())
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<DeliveryAssoc, E> {
                Ok(DeliveryAssoc::default())
            }
            fn visit_seq<A: de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<DeliveryAssoc, A::Error> {
                match seq.next_element::<de::IgnoredAny>()? {
                    None => Ok(DeliveryAssoc::default()),
                    Some(_) => Err(de::Error::custom(
                        "a non-empty list is not a delivery association",
                    )),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DeliveryAssoc, A::Error> {
                #[derive(Deserialize)]
                struct Flag(#[serde(deserialize_with = "flag::deserialize")] bool);
                let mut all = false;
                let mut deliveries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let Flag(value) = map.next_value()?;
                    if key == "all" {
                        all = value;
                    } else {
                        let id = key.parse().map_err(|_| {
                            de::Error::custom(format_args!("{key:?} is not a delivery id"))
                        })?;
                        deliveries.push((DeliveryId::new(id), value));
                    }
                }
                let deliveries = IdMap::from_entries(deliveries)
                    .map_err(|id| de::Error::custom(format_args!("the id {id} occurs twice")))?;
                Ok(DeliveryAssoc { all, deliveries })
            }
        }
        deserializer.deserialize_any(AssocVisitor)
    }
}

/// A way the shop takes payment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PaymentMethod {
    /// Its name.
    pub name: String,
    /// Its description.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub dscr: Option<String>,
    /// Its position in the list.
    #[serde(default, deserialize_with = "int::option::deserialize")]
    pub pos: Option<i64>,
    /// `active` when it can be chosen.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub status: Option<String>,
    /// The payment module it uses, if any.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub module: Option<String>,
    /// The delivery methods it goes with.
    #[serde(default)]
    pub delivery_assoc: DeliveryAssoc,
    /// Fields the document does not name.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// An additional field of the order form.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrderField {
    /// Its name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Whether it must be filled.
    #[serde(default, deserialize_with = "flag::option::deserialize")]
    pub required: Option<bool>,
    /// Its position.
    #[serde(default, deserialize_with = "int::option::deserialize")]
    pub pos: Option<i64>,
    /// For which kind of goods it shows: -1 any, 0 material, 1 a file, 2 an
    /// electronic code, 3 a service.
    #[serde(default, deserialize_with = "int::option::deserialize")]
    pub dig: Option<i8>,
    /// The user-card field it is filled from (`phone`, `email`, …), if any.
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub afld: Option<String>,
    /// The values a `select` or `radio` field offers.
    #[serde(default)]
    pub values: Vec<String>,
    /// The value the buyer gave or the user card filled in (checkout only).
    #[serde(default, deserialize_with = "nullable_text::deserialize")]
    pub sel_val: Option<String>,
    /// Fields the document does not name (`expand`, `autoreg`, `addr`, …).
    #[serde(flatten)]
    pub unknown: UnknownFields,
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

            fn build(&self, api: &Ucoz) -> Result<Request<Vec<u8>>, BuildError> {
                api.request(Method::GET, "/shop/getshopdata/", vec![("page".into(), $page.into())])
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
    /// use proto_core::{BaseUrl, Endpoint};
    /// use ucoz_proto::{Auth, DeliveryId, ListDeliveryMethods, Ucoz};
    /// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
    /// let request = ListDeliveryMethods.build(&site)?;
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
    /// use proto_core::{BaseUrl, Endpoint};
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
    /// use proto_core::Endpoint;
    /// use ucoz_proto::{ListOrderStatuses, OrderStatus};
    /// let answer = http::Response::new(&br#"{"success":{"10":"Payment processing","0":"New"}}"#[..]);
    /// let statuses = ListOrderStatuses.parse(answer)?;
    /// assert_eq!(statuses.keys().copied().collect::<Vec<_>>(), [OrderStatus::New, OrderStatus::Other(10)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListOrderStatuses, "order_status_list", IdMap<OrderStatus, String>
}

shop_data! {
    /// `page=order_hide_list`: every order group and its name. Safe.
    ///
    /// ```
    /// use proto_core::Endpoint;
    /// use ucoz_proto::{ListOrderGroups, OrderGroup};
    /// let answer = http::Response::new(&br#"{"success":{"0":"In work","1":"Archive","2":"Bin"}}"#[..]);
    /// assert_eq!(ListOrderGroups.parse(answer)?.get(&OrderGroup::Bin).map(String::as_str), Some("Bin"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListOrderGroups, "order_hide_list", IdMap<OrderGroup, String>
}

shop_data! {
    /// `page=order_fields_list`: the order form's additional fields, by
    /// number. Safe.
    ///
    /// ```
    /// use proto_core::Endpoint;
    /// use ucoz_proto::{FieldId, FieldType, ListOrderFields};
    /// let answer = http::Response::new(&br#"{"success":{"5":{"name":"Size","type":"select","values":["S","M"],"required":0,"pos":5}}}"#[..]);
    /// let fields = ListOrderFields.parse(answer)?;
    /// let size = fields.get(&FieldId::new(5)).unwrap();
    /// assert_eq!((size.kind.clone(), size.values.len()), (FieldType::Select, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListOrderFields, "order_fields_list", IdMap<FieldId, OrderField>
}

shop_data! {
    /// `page=order_goods_fields_list`: the goods fields an order shows, by
    /// code (`name`, `price`, `cnt`, …), with their names. Safe.
    ///
    /// ```
    /// use proto_core::Endpoint;
    /// use ucoz_proto::ListOrderGoodsFields;
    /// let answer = http::Response::new(&br#"{"success":{"price":"Price","cnt":"Qty"}}"#[..]);
    /// let fields = ListOrderGoodsFields.parse(answer)?;
    /// assert_eq!(fields.keys().map(String::as_str).collect::<Vec<_>>(), ["cnt", "price"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ListOrderGoodsFields, "order_goods_fields_list", IdMap<String, String>
}

// Where each answer keeps fields the document does not name.
proto_core::report_unknown!(DeliveryMethod { unknown });
proto_core::report_unknown!(PaymentMethod {
    unknown,
    delivery_assoc
});
proto_core::report_unknown!(OrderField { unknown });

impl proto_core::ReportUnknown for DeliveryAssoc {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        self.deliveries.unknown_fields(path, found);
    }
}
