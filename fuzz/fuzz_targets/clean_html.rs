//! HTML cleaning on arbitrary input: as a decoded page (`Source::html`) and
//! as a file's bytes (`Source::bytes("x.html")`), which must agree when the
//! bytes are plain UTF-8 that declares no charset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::{Config, Source};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let from_bytes = common::check_clean(&Source::bytes("x.html", data), &config);
    let Ok(page) = std::str::from_utf8(data) else { return };
    let from_page = common::check_clean(&Source::html("x.html", page), &config);
    let plain = !page.starts_with('\u{FEFF}') && !page.contains('\0') && !page.to_ascii_lowercase().contains("charset");
    if plain {
        match (&from_bytes, &from_page) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "bytes and page clean differently"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (Err(a), Ok(_)) => assert!(a.to_string().contains("binary file"), "{a}"),
            (Ok(_), Err(b)) => panic!("the page fails ({b}) but its bytes do not"),
        }
    }
});
