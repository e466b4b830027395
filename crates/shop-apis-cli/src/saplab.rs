//! `shop-apis saplab …`: the SapLab panel's endpoints.

use std::path::PathBuf;

use shop_apis::Decimal;
use shop_apis::saplab::*;
use shop_apis::time::Date;

use crate::args::{amount, date};
use crate::commands::commands;
use crate::fail::Fail;

commands! {
    enum Command for SapLab;

    /// List the shop's managers.
    one ListManagers(ListManagers) {} => |args| ListManagers;
    /// List the shipping types.
    one ListShippingTypes(ListShippingTypes) {} => |args| ListShippingTypes;
    /// Create a shipping type (unsafe: a repeat creates another).
    one CreateShippingType(CreateShippingType) {
        #[command(flatten)]
        fields: ShippingTypeArgs,
    } => |args| CreateShippingType(args.fields.into());
    /// Change a shipping type: every field is replaced by the ones given.
    one UpdateShippingType(UpdateShippingType) {
        /// The shipping type's id.
        id: ShippingTypeId,
        #[command(flatten)]
        fields: ShippingTypeArgs,
    } => |args| UpdateShippingType::new(args.id, args.fields.into());
    /// Remove a shipping type.
    one RemoveShippingType(RemoveShippingType) {
        /// The shipping type's id.
        id: ShippingTypeId,
    } => |args| RemoveShippingType::new(args.id);
    /// List the order statuses.
    one ListStatuses(ListStatuses) {} => |args| ListStatuses;
    /// Create an order status (unsafe: a repeat creates another).
    one CreateStatus(CreateStatus) {
        #[command(flatten)]
        fields: StatusArgs,
    } => |args| CreateStatus(args.fields.into());
    /// Change an order status: every field is replaced (leaving out --sms turns SMS off).
    one UpdateStatus(UpdateStatus) {
        /// The status's id.
        id: StatusId,
        #[command(flatten)]
        fields: StatusArgs,
    } => |args| UpdateStatus::new(args.id, args.fields.into());
    /// Remove an order status.
    one RemoveStatus(RemoveStatus) {
        /// The status's id.
        id: StatusId,
    } => |args| RemoveStatus::new(args.id);
    /// List the client groups.
    one ListGroups(ListGroups) {} => |args| ListGroups;
    /// Create a client group (unsafe: a repeat creates another).
    one CreateGroup(CreateGroup) {
        #[command(flatten)]
        fields: GroupArgs,
    } => |args| CreateGroup(args.fields.into());
    /// Change a client group: every field is replaced (leaving out --comment clears it).
    one UpdateGroup(UpdateGroup) {
        /// The group's id.
        id: GroupId,
        #[command(flatten)]
        fields: GroupArgs,
    } => |args| UpdateGroup::new(args.id, args.fields.into());
    /// Remove a client group.
    one RemoveGroup(RemoveGroup) {
        /// The group's id.
        id: GroupId,
    } => |args| RemoveGroup::new(args.id);
    /// List clients: one page, or every one with --all-pages.
    paged ListClients(ListClients) {
        /// Only these clients.
        #[arg(long = "id", value_name = "ID")]
        ids: Vec<ClientId>,
        /// Clients whose name contains this.
        #[arg(long)]
        name: Option<String>,
        /// Clients with this phone.
        #[arg(long)]
        phone: Option<String>,
        /// Clients with this e-mail.
        #[arg(long)]
        email: Option<String>,
        /// Legal entities (true) or private clients (false) only.
        #[arg(long, value_name = "BOOL")]
        wholesaler: Option<bool>,
        /// Clients of this group.
        #[arg(long)]
        group: Option<GroupId>,
        /// Registered on or after this day (YYYY-MM-DD).
        #[arg(long, value_parser = date)]
        registered_from: Option<Date>,
        /// Registered on or before this day (YYYY-MM-DD).
        #[arg(long, value_parser = date)]
        registered_to: Option<Date>,
        /// Clients of this manager.
        #[arg(long)]
        manager: Option<ManagerId>,
        #[command(flatten)]
        page: PageArgs,
    } => |args| {
        let mut list = ListClients::default().client_ids(args.ids);
        if let Some(name) = args.name { list = list.client_name(name); }
        if let Some(phone) = args.phone { list = list.phone(phone); }
        if let Some(email) = args.email { list = list.email(email); }
        if let Some(wholesaler) = args.wholesaler { list = list.is_wholesaler(wholesaler); }
        if let Some(group) = args.group { list = list.client_group(group); }
        if args.registered_from.is_some() || args.registered_to.is_some() {
            list = list.registered(args.registered_from, args.registered_to);
        }
        if let Some(manager) = args.manager { list = list.manager_id(manager); }
        if let Some(page) = args.page.page()? { list = list.page(page); }
        if let Some(per_page) = args.page.per_page()? { list = list.per_page(per_page); }
        list
    };
    /// One client's card.
    one GetClient(GetClient) {
        /// The client's id.
        id: ClientId,
    } => |args| GetClient::new(args.id);
    /// Create a client (unsafe: a repeat creates another).
    one CreateClient(CreateClient) {
        #[command(flatten)]
        card: CardArgs,
    } => |args| CreateClient(args.card.fields()?);
    /// Replace a client's card: every field is replaced by the JSON's, so give them all.
    one UpdateClient(UpdateClient) {
        /// The client's id.
        id: ClientId,
        /// The whole card as JSON (`-` for stdin), as for create-client; a
        /// field left out is sent empty (or at the form's default).
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    } => |args| UpdateClient::new(args.id, crate::input::read::<crate::input::Client>(&args.json)?.into_fields());
    /// A client's balance and transactions: one page, or every one with --all-pages.
    paged GetBalance(GetBalance) {
        /// The client's id.
        id: ClientId,
        /// The page (from 1).
        #[arg(long)]
        page: Option<u32>,
    } => |args| {
        let balance = GetBalance::new(args.id);
        match args.page {
            Some(page) => balance.page(Page::new(page)?),
            None => balance,
        }
    };
    /// Credit or debit a client's balance: a positive amount credits, a negative one debits (unsafe).
    one AddTransaction(AddTransaction) {
        /// The client's id.
        id: ClientId,
        /// The amount: positive credits, negative debits (`-100`).
        #[arg(long, value_parser = amount, allow_hyphen_values = true)]
        amount: Decimal,
        /// What the transaction is for.
        #[arg(long)]
        description: String,
    } => |args| AddTransaction::new(args.id, args.amount, args.description);
    /// List order positions: one page, or every one with --all-pages.
    paged ListOrders(ListOrders) {
        /// Only these positions.
        #[arg(long = "id", value_name = "ID")]
        ids: Vec<PositionId>,
        /// Positions of this invoice.
        #[arg(long)]
        invoice: Option<String>,
        /// Positions of this article.
        #[arg(long)]
        article: Option<String>,
        /// Positions whose product name contains this.
        #[arg(long)]
        name: Option<String>,
        /// Positions of this manager.
        #[arg(long)]
        manager: Option<ManagerId>,
        /// Positions of this shipping type.
        #[arg(long)]
        shipping: Option<ShippingTypeId>,
        /// Positions of this office.
        #[arg(long)]
        point: Option<PointId>,
        /// Positions of this distributor.
        #[arg(long)]
        distributor: Option<DistributorId>,
        /// Positions in this status.
        #[arg(long)]
        status: Option<StatusId>,
        /// Paid (true) or unpaid (false) positions only.
        #[arg(long, value_name = "BOOL")]
        paid: Option<bool>,
        /// Archived positions too (true) or not (false).
        #[arg(long, value_name = "BOOL")]
        include_archived: Option<bool>,
        /// Positions of this brand.
        #[arg(long)]
        brand: Option<String>,
        /// Positions of clients whose name contains this.
        #[arg(long)]
        client_name: Option<String>,
        /// Positions of clients of this group.
        #[arg(long)]
        client_group: Option<GroupId>,
        /// Ordered on or after this day (YYYY-MM-DD).
        #[arg(long, value_parser = date)]
        ordered_from: Option<Date>,
        /// Ordered on or before this day (YYYY-MM-DD).
        #[arg(long, value_parser = date)]
        ordered_to: Option<Date>,
        #[command(flatten)]
        page: PageArgs,
    } => |args| {
        let mut list = ListOrders::default().position_ids(args.ids);
        if let Some(invoice) = args.invoice { list = list.invoice(invoice); }
        if let Some(article) = args.article { list = list.article(article); }
        if let Some(name) = args.name { list = list.name(name); }
        if let Some(manager) = args.manager { list = list.manager_id(manager); }
        if let Some(shipping) = args.shipping { list = list.shipping_id(shipping); }
        if let Some(point) = args.point { list = list.point_id(point); }
        if let Some(distributor) = args.distributor { list = list.distributor_id(distributor); }
        if let Some(status) = args.status { list = list.status(status); }
        if let Some(paid) = args.paid { list = list.is_payed(paid); }
        if let Some(archived) = args.include_archived { list = list.include_archived(archived); }
        if let Some(brand) = args.brand { list = list.brand(brand); }
        if let Some(client) = args.client_name { list = list.client_name(client); }
        if let Some(group) = args.client_group { list = list.client_group(group); }
        if args.ordered_from.is_some() || args.ordered_to.is_some() {
            list = list.ordered(args.ordered_from, args.ordered_to);
        }
        if let Some(page) = args.page.page()? { list = list.page(page); }
        if let Some(per_page) = args.page.per_page()? { list = list.per_page(per_page); }
        list
    };
    /// Set an order position's status (a repeat may notify the client again).
    one SetPositionStatus(SetPositionStatus) {
        /// The position's id.
        id: PositionId,
        /// The status to set.
        #[arg(long)]
        status: StatusId,
    } => |args| SetPositionStatus::new(args.id, args.status);
    /// Deny an order position.
    one DenyPosition(DenyPosition) {
        /// The position's id.
        id: PositionId,
    } => |args| DenyPosition::new(args.id);
    /// Pay an order position from the client's balance (unsafe: paying a paid position refunds it).
    one PayPosition(PayPosition) {
        /// The position's id.
        id: PositionId,
    } => |args| PayPosition::new(args.id);
    /// Archive an order position.
    one ArchivePosition(ArchivePosition) {
        /// The position's id.
        id: PositionId,
    } => |args| ArchivePosition::new(args.id);
    /// Take an order position out of the archive.
    one UnarchivePosition(UnarchivePosition) {
        /// The position's id.
        id: PositionId,
    } => |args| UnarchivePosition::new(args.id);
    /// Make the documents of order positions (unsafe: a repeat makes them again).
    one CreateDocuments(CreateDocuments) {
        /// The positions' ids.
        #[arg(required = true)]
        ids: Vec<PositionId>,
    } => |args| CreateDocuments::new(args.ids);
}

/// `--page` and `--per-page` of a panel list, checked by the library's `Page` and `PerPage`.
#[derive(Debug, clap::Args)]
pub(crate) struct PageArgs {
    /// The page (from 1).
    #[arg(long)]
    page: Option<u32>,
    /// Entries per page (1 to 150).
    #[arg(long)]
    per_page: Option<u32>,
}

impl PageArgs {
    fn page(&self) -> Result<Option<Page>, Fail> {
        Ok(self.page.map(Page::new).transpose()?)
    }

    fn per_page(&self) -> Result<Option<PerPage>, Fail> {
        Ok(self.per_page.map(PerPage::new).transpose()?)
    }
}

/// A shipping type's fields.
#[derive(Debug, clap::Args)]
pub(crate) struct ShippingTypeArgs {
    /// Its name.
    #[arg(long)]
    name: String,
    /// The least order it applies to (whole roubles).
    #[arg(long, value_parser = amount)]
    min_price: Decimal,
}

impl From<ShippingTypeArgs> for ShippingTypeFields {
    fn from(fields: ShippingTypeArgs) -> Self {
        ShippingTypeFields::new(fields.name, fields.min_price)
    }
}

/// An order status's fields.
#[derive(Debug, clap::Args)]
pub(crate) struct StatusArgs {
    /// Its name.
    #[arg(long)]
    name: String,
    /// Its colour: six hex digits (`#` allowed).
    #[arg(long)]
    color: String,
    /// Tell the client by SMS when a position gets it.
    #[arg(long)]
    sms: bool,
    /// Tell the client by e-mail when a position gets it.
    #[arg(long)]
    email: bool,
}

impl From<StatusArgs> for StatusFields {
    fn from(fields: StatusArgs) -> Self {
        StatusFields::new(fields.name, fields.color)
            .sms(fields.sms)
            .email(fields.email)
    }
}

/// A client group's fields.
#[derive(Debug, clap::Args)]
pub(crate) struct GroupArgs {
    /// Its name.
    #[arg(long)]
    name: String,
    /// Its discount, in whole percent (0 to 100).
    #[arg(long, value_parser = amount)]
    discount: Decimal,
    /// A comment.
    #[arg(long)]
    comment: Option<String>,
}

impl From<GroupArgs> for GroupFields {
    fn from(fields: GroupArgs) -> Self {
        let group = GroupFields::new(fields.name, fields.discount);
        match fields.comment {
            Some(comment) => group.comment(comment),
            None => group,
        }
    }
}

/// A new client's card: the JSON file, or the two fields a card needs.
#[derive(Debug, clap::Args)]
pub(crate) struct CardArgs {
    /// The whole card as JSON (`-` for stdin): name, phone, email, password,
    /// address, point_id, manager_id, group_id, shipping_id, limit, comment,
    /// active, legal_entity.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["name", "phone"])]
    json: Option<PathBuf>,
    /// The client's name (without --json; the other fields keep the form's defaults).
    #[arg(long, required_unless_present = "json")]
    name: Option<String>,
    /// The client's phone.
    #[arg(long, required_unless_present = "json")]
    phone: Option<String>,
}

impl CardArgs {
    fn fields(self) -> Result<ClientFields, Fail> {
        Ok(match self.json {
            Some(path) => crate::input::read::<crate::input::Client>(&path)?.into_fields(),
            None => ClientFields::new(
                self.name.unwrap_or_default(),
                self.phone.unwrap_or_default(),
            ),
        })
    }
}
