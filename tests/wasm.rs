//! The JavaScript bindings in a browser page: `wasm-pack test --headless
//! --chrome -- --test wasm` (see `make wasm-test`). The cases are shared
//! with `wasm_worker.rs`, which runs them in a dedicated worker.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/cases.rs"]
mod cases;
