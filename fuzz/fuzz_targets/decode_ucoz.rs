//! Any status and bytes into every ucoz response decoder.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shop_apis_fuzz::decode("ucoz", data));
