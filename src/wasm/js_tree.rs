//! Lets the tree validator walk a JS value in place (no copy, no JSON.stringify): reads go
//! through `Reflect`, so a throwing getter or Proxy trap becomes an issue, not an exception.

use super::bindings::{array_check_of, ArrayCheck};
use crate::validate::tree::{NodeKind, Tree};
use std::borrow::Cow;
use wasm_bindgen::JsValue;

pub struct JsNode(pub JsValue);

thread_local! {
    /// JS strings for the schema's field names, made once: creating a JS string from Rust
    /// on every property read would dominate a walk over thousands of turns.
    static NAMES: std::cell::RefCell<Vec<(usize, JsValue)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The interned JS string for a `'static` field name (keyed by its address). No mutable
/// borrow is held across a call into JS: if one threw (a RangeError near the stack limit) the
/// borrow would never be released and every later walk would panic; `try_` keeps it graceful.
fn js_name(name: &'static str) -> JsValue {
    let key = name.as_ptr() as usize;
    let cached = NAMES.with(|names| {
        let names = names.try_borrow().ok()?;
        names.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())
    });
    if let Some(v) = cached {
        return v;
    }
    let v = JsValue::from_str(name);
    let stored = v.clone();
    NAMES.with(|names| {
        if let Ok(mut names) = names.try_borrow_mut() {
            names.push((key, stored));
        }
    });
    v
}

/// Array, or unreadable (a revoked Proxy, on which even Array.isArray throws), or neither.
fn array_kind(v: &JsValue) -> Option<NodeKind> {
    match array_check_of(v) {
        ArrayCheck::Array => Some(NodeKind::Array),
        ArrayCheck::Unreadable => Some(NodeKind::Other("an unreadable value (a revoked Proxy?)")),
        ArrayCheck::NotArray => None,
    }
}

impl Tree for JsNode {
    fn kind(&self) -> NodeKind {
        let v = &self.0;
        if v.is_null() {
            NodeKind::Null
        } else if v.as_bool().is_some() {
            NodeKind::Bool
        } else if v.as_f64().is_some() {
            NodeKind::Number
        } else if v.is_string() {
            NodeKind::String
        } else if let Some(kind) = array_kind(v) {
            kind
        } else if v.is_function() {
            NodeKind::Other("a function")
        } else if v.is_object() {
            NodeKind::Object
        } else if v.is_undefined() {
            NodeKind::Other("undefined")
        } else if v.is_symbol() {
            NodeKind::Other("a symbol")
        } else if v.is_bigint() {
            NodeKind::Other("a bigint")
        } else {
            NodeKind::Other("a value JSON cannot hold")
        }
    }

    fn string(&self) -> Option<Cow<'_, str>> {
        self.0.as_string().map(Cow::Owned)
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn number_text(&self) -> String {
        // JS's own Number#toString: exactly what the caller would print.
        js_sys::Number::from(self.0.clone()).to_string_with_radix(10).map(String::from).unwrap_or_default()
    }

    fn field(&self, name: &'static str) -> Result<Option<Self>, String> {
        match crate::wasm::bindings::get(&self.0, &js_name(name)) {
            Ok(v) if v.is_undefined() => Ok(None),
            Ok(v) => Ok(Some(JsNode(v))),
            Err(e) => Err(error_text(&e)),
        }
    }

    fn array_len(&self) -> Result<usize, String> {
        // A Proxy's `length` may lie or throw: read it like any other property.
        match crate::wasm::bindings::get(&self.0, &js_name("length")) {
            Ok(n) => Ok(n.as_f64().filter(|n| *n >= 0.0).map_or(0, |n| n.min(u32::MAX as f64) as usize)),
            Err(e) => Err(error_text(&e)),
        }
    }

    fn index(&self, i: usize) -> Result<Option<Self>, String> {
        match crate::wasm::bindings::get_index(&self.0, i as u32) {
            Ok(v) if v.is_undefined() => Ok(None),
            Ok(v) => Ok(Some(JsNode(v))),
            Err(e) => Err(error_text(&e)),
        }
    }
}

/// A thrown value as short text (its message when it is an Error).
pub fn error_text(e: &JsValue) -> String {
    crate::error::cut_chars(&super::bindings::thrown_text(e), 100)
}
