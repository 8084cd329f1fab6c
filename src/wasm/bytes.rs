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
    Ok(filled(data, absent_nullable))
}

fn filled(data: JsValue, absent_nullable: bool) -> JsValue {
    if absent_nullable {
        super::nulls::fill_in_place(&data);
    }
    data
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
    /// The body as `json_of_valid` reads it, from the fast path's own parse when it made one
    /// (the bytes are ours, unchanged since); `valid` false only drops that parse.
    pub fn json_of(self, bytes: &[u8], valid: bool, absent_nullable: bool) -> Option<Result<JsValue, String>> {
        // Only compared by identity in JS: the view is never read again (memory may have grown).
        let declined = super::bindings::take_declined(&self.view);
        if !valid {
            return None;
        }
        Some(if declined.is_undefined() {
            json_of_valid(bytes, absent_nullable)
        } else {
            Ok(filled(declined, absent_nullable))
        })
    }
}

/// The bytes as text (invalid UTF-8 as U+FFFD).
pub fn text_of(bytes: &[u8]) -> String {
    text_of_bytes(&wasm_view(bytes))
}
