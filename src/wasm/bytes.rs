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
    Ok(super::nulls::filled(data, absent_nullable))
}

/// js/fast-path.js's verdict on a body: surely valid, or its parse kept for the core.
pub struct FastParse {
    view: Uint8Array,
    /// The parsed body when the fast path is sure it is valid.
    pub data: Option<JsValue>,
}

/// The fast path over `bytes`, through a view the declined parse is remembered by.
pub fn fast_parse(bytes: &[u8], strict: bool) -> FastParse {
    let view = wasm_view(bytes);
    let data = super::bindings::fast_parse(&view, strict);
    FastParse { view, data: (!data.is_undefined()).then_some(data) }
}

impl FastParse {
    /// The fast path's own parse of the body when it declined it (the bytes are ours,
    /// unchanged since), else undefined. Empties its slot: call it once the validator has
    /// judged the body, whatever the verdict.
    pub fn take_declined(&self) -> JsValue {
        // Only compared by identity in JS: the view is never read again (memory may have grown).
        super::bindings::take_declined(&self.view)
    }
}

/// The bytes as text (invalid UTF-8 as U+FFFD).
pub fn text_of(bytes: &[u8]) -> String {
    text_of_bytes(&wasm_view(bytes))
}
