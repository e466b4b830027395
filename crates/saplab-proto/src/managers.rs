//! Employees ("Сотрудники"): the list.

use http::{Request, Response};
use shop_apis_core::wire::{flag, int, nullable_text, optional_id};
use shop_apis_core::{BuildError, Endpoint, ResponseError, Safety, Stamp, UnknownFields};

use crate::api::SapLab;
use crate::outcome;

shop_apis_core::id_type! {
    /// An employee's id.
    pub struct ManagerId(u64);
}

shop_apis_core::id_type! {
    /// An office's id ("офис", a pick-up point).
    pub struct PointId(u64);
}

shop_apis_core::id_type! {
    /// A group of employees' id.
    pub struct ManagerGroupId(u64);
}

shop_apis_core::keep_unknown! { unknown:
    /// A shop employee, typed from the document's field table (it shows no
    /// example answer). Only the id is required; every other field is `None`
    /// when the panel leaves it out (S28).
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Manager {
        /// Its id.
        pub id: ManagerId,
        /// Phone, which is also the login.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub phone: Option<String>,
        /// Name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub name: Option<String>,
        /// Position ("Должность").
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub seat: Option<String>,
        /// E-mail.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub email: Option<String>,
        /// The office; `None` when not set (`0`, `null` or `""`).
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub point_id: Option<PointId>,
        /// The office's full name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub point_name: Option<String>,
        /// The office's address.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub point_address: Option<String>,
        /// The employee's group.
        #[serde(default, deserialize_with = "optional_id::deserialize")]
        pub manager_group_id: Option<ManagerGroupId>,
        /// The group's name.
        #[serde(default, deserialize_with = "nullable_text::deserialize")]
        pub manager_group_name: Option<String>,
        /// How many clients are assigned to the employee.
        #[serde(default, deserialize_with = "int::option::deserialize")]
        pub client_count: Option<u64>,
        /// Whether the employee is active.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub status: Option<bool>,
        /// Whether clients are assigned to the employee.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub client_use: Option<bool>,
        /// Whether the employee is shown under "contacts" to clients.
        #[serde(default, deserialize_with = "flag::option::deserialize")]
        pub contact_show: Option<bool>,
        /// A service field ("backup", typed `json`): where clients are parked when
        /// an employee is deactivated. Kept as sent; `None` when absent or `null`.
        #[serde(default)]
        pub backup: Option<serde_json::Value>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

shop_apis_core::keep_unknown! { unknown:
    /// The answer to [`ListManagers`].
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[non_exhaustive]
    pub struct Managers {
        /// Every employee the caller may see.
        pub managers: Vec<Manager>,
        /// Fields the document does not name.
        #[serde(flatten, skip_deserializing)]
        pub unknown: UnknownFields,
    }
}

/// `GET /panel/manager`: the shop's employees. Safe.
///
/// ```
/// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
/// use saplab_proto::{Credentials, ListManagers, SapLab};
/// let stamp = Stamp::new(1_700_000_000, "n");
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// assert_eq!(ListManagers.build(&shop, &stamp)?.uri(), "https://shop.example/panel/manager");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListManagers;

impl Endpoint for ListManagers {
    type Api = SapLab;
    type Output = Managers;
    const NAME: &'static str = "saplab.ListManagers";

    /// Safe: reads only.
    fn safety(&self) -> Safety {
        Safety::Safe
    }

    fn build(&self, api: &SapLab, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        api.get("/panel/manager")
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Managers, ResponseError> {
        outcome::data(response)
    }
}

// Where each answer keeps fields the document does not name.
shop_apis_core::report_unknown!(Manager { unknown });
shop_apis_core::report_unknown!(Managers { unknown, managers });
