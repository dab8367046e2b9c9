//! Text cleaning on arbitrary input: as decoded text (`Source::text`) and as
//! a file's bytes (`Source::bytes("x.txt")`), which must agree when the
//! bytes are plain UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::{Config, Source};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let from_bytes = common::check_clean(&Source::bytes("x.txt", data), &config);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let from_text = common::check_clean(&Source::text("x.txt", text), &config);
    let plain = !text.starts_with('\u{FEFF}') && !text.contains('\0');
    if plain {
        match (&from_bytes, &from_text) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "bytes and text clean differently"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (Err(a), Ok(_)) => assert!(a.to_string().contains("binary file"), "{a}"),
            (Ok(_), Err(b)) => panic!("the text fails ({b}) but its bytes do not"),
        }
    }
});
