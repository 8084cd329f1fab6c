//! A missing nullable field reads as null in the object handed to JS. The nullable fields
//! come from the rule tables (and those from the model), never from a list of our own.

use crate::validate::schema::{Field, TASK_FIELDS, TURN_FIELDS};
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn missing_nullables<'f>(obj: &JsValue, fields: &'f [Field]) -> Vec<&'f str> {
    fields
        .iter()
        .filter(|f| f.rule.nullable())
        .filter(|f| Reflect::get(obj, &JsValue::from_str(f.name)).is_ok_and(|v| v.is_undefined()))
        .map(|f| f.name)
        .collect()
}

fn set_nulls(obj: &JsValue, names: &[&str]) {
    for name in names {
        let _ = Reflect::set(obj, &JsValue::from_str(name), &JsValue::NULL);
    }
}

fn nullable_names(fields: &[Field]) -> Array {
    fields.iter().filter(|f| f.rule.nullable()).map(|f| JsValue::from_str(f.name)).collect()
}

/// Fills in place (in JS, one pass): for objects we created (JSON.parse results).
pub fn fill_in_place(data: &JsValue) {
    super::bindings::fill_nulls(data, &nullable_names(TASK_FIELDS), &nullable_names(TURN_FIELDS));
}

/// Copy-on-write: for the caller's objects, which are never mutated. Returns `data` itself
/// when nothing is missing, else a copy where only the changed objects are new.
pub fn filled_copy(data: &JsValue) -> JsValue {
    let copy = |obj: &JsValue, names: &[&str]| -> JsValue {
        let new = super::bindings::copy_own(obj);
        set_nulls(&new, names);
        new
    };
    let task = Reflect::get(data, &"task".into()).unwrap_or(JsValue::UNDEFINED);
    let task_missing = missing_nullables(&task, TASK_FIELDS);
    let turns = Reflect::get(data, &"turns".into()).ok().and_then(|t| t.dyn_into::<Array>().ok());
    let mut new_turns: Option<Array> = None;
    if let Some(turns) = &turns {
        for i in 0..turns.length() {
            let turn = turns.get(i);
            let names = missing_nullables(&turn, TURN_FIELDS);
            if !names.is_empty() {
                let list = new_turns.get_or_insert_with(|| Array::from(turns));
                list.set(i, copy(&turn, &names));
            }
        }
    }
    if task_missing.is_empty() && new_turns.is_none() {
        return data.clone();
    }
    let root = copy(data, &[]);
    if !task_missing.is_empty() {
        let _ = Reflect::set(&root, &"task".into(), &copy(&task, &task_missing));
    }
    if let Some(list) = new_turns {
        let _ = Reflect::set(&root, &"turns".into(), &list);
    }
    root
}
