//! Every endpoint of every API, checked against its document.
//!
//! Tests are named `<api>::<endpoint>::<check>::<case>`; `cargo xtask
//! conformance` reads these names to fill its endpoint × check table, so a
//! check with no test shows as a gap.

#[path = "endpoints/common.rs"]
mod common;
#[path = "endpoints/generated.rs"]
mod generated;
// Shared with `reliability.rs`, which alone uses its TLS part.
#[allow(dead_code)]
#[path = "endpoints/harness.rs"]
mod harness;
#[path = "endpoints/paging_e2e.rs"]
mod paging_e2e;
#[path = "endpoints/qnits.rs"]
mod qnits;
#[path = "endpoints/saplab.rs"]
mod saplab;
#[path = "endpoints/saplab_e2e.rs"]
mod saplab_e2e;
#[path = "endpoints/saplab_generated.rs"]
mod saplab_generated;
#[path = "endpoints/saplab_outcomes_e2e.rs"]
mod saplab_outcomes_e2e;
#[path = "endpoints/ucoz.rs"]
mod ucoz;
#[path = "endpoints/ucoz_e2e.rs"]
mod ucoz_e2e;
#[path = "endpoints/ucoz_generated.rs"]
mod ucoz_generated;
#[path = "endpoints/ucoz_params_e2e.rs"]
mod ucoz_params_e2e;
#[path = "endpoints/ucoz_variations_e2e.rs"]
mod ucoz_variations_e2e;
