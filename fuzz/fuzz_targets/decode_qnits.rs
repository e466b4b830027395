//! Any status and bytes into every qnits response decoder.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shop_apis_fuzz::decode("qnits", data));
