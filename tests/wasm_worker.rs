//! The JavaScript bindings in a dedicated worker: the cases of `wasm.rs`,
//! run by `wasm-pack test --headless --chrome -- --test wasm_worker`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[path = "wasm/cases.rs"]
mod cases;
