//! JSON bytes in wasm memory → the JS value, as `response.json()` would build it.

use super::bindings::{parse_json_bytes, text_of_bytes};
use super::js_tree::error_text;
use js_sys::Uint8Array;
use wasm_bindgen::JsValue;

/// A view of `bytes` in wasm memory, handed straight to a JS call: a view is only valid until
/// wasm memory grows, so it must be used before anything else allocates.
fn wasm_view(bytes: &[u8]) -> Uint8Array {
    unsafe { Uint8Array::view(bytes) }
}

/// `JSON.parse(new TextDecoder().decode(bytes))`, with missing nullable fields set to null
/// when validation saw some absent. Only for bytes the validator accepted; an error here
/// would mean the two disagree.
pub fn json_of_valid(bytes: &[u8], absent_nullable: bool) -> Result<JsValue, String> {
    let data = parse_json_bytes(&wasm_view(bytes)).map_err(|e| error_text(&e))?;
    if absent_nullable {
        super::nulls::fill_in_place(&data);
    }
    Ok(data)
}

/// The parsed body when js/fast-path.js is sure it is valid, else undefined.
pub fn fast_parse(bytes: &[u8], strict: bool) -> JsValue {
    super::bindings::fast_parse(&wasm_view(bytes), strict)
}

/// The bytes as text (invalid UTF-8 as U+FFFD).
pub fn text_of(bytes: &[u8]) -> String {
    text_of_bytes(&wasm_view(bytes))
}
