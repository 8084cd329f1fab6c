//! A missing nullable field reads as null in the object handed to JS. The nullable fields
//! come from the rule tables (and those from the model), never from a list of our own.

use crate::validate::schema::{Field, TASK_FIELDS, TURN_FIELDS};
use js_sys::Array;
use wasm_bindgen::JsValue;

fn nullable_names(fields: &[Field]) -> Array {
    fields.iter().filter(|f| f.rule.nullable()).map(|f| JsValue::from_str(f.name)).collect()
}

/// Fills in place (in JS, one pass): for objects we created (JSON.parse results).
pub fn fill_in_place(data: &JsValue) {
    super::bindings::fill_nulls(data, &nullable_names(TASK_FIELDS), &nullable_names(TURN_FIELDS));
}

/// `data` (a parse of ours), filled in place when validation saw an absent nullable field.
pub fn filled(data: JsValue, absent_nullable: bool) -> JsValue {
    if absent_nullable {
        fill_in_place(&data);
    }
    data
}

/// Copy-on-write: for the caller's objects, which are never mutated. Returns `data` itself
/// when nothing is missing, else a copy where only the changed objects are new (in JS, where
/// a throwing getter or trap is caught: it becomes the error text here).
pub fn filled_copy(data: &JsValue) -> Result<JsValue, String> {
    super::bindings::filled_copy(data, &nullable_names(TASK_FIELDS), &nullable_names(TURN_FIELDS))
        .map_err(|e| super::bindings::thrown_text(&e))
}
