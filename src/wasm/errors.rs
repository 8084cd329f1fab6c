//! Builds JS error instances from the pure error kinds.

use super::bindings::create_error;
use crate::error::ErrorKind;
use crate::issue::{summarize, Issue};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// Sets `obj[key] = value` (cannot fail on a plain object we created).
pub fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

pub fn issues_to_js(issues: &[Issue]) -> Array {
    issues
        .iter()
        .map(|i| {
            let o = Object::new();
            set(&o, "path", &JsValue::from_str(&i.path));
            set(&o, "code", &JsValue::from_str(i.code.as_str()));
            set(&o, "message", &JsValue::from_str(&i.message));
            JsValue::from(o)
        })
        .collect()
}

pub fn validation_error(issues: &[Issue]) -> JsValue {
    let props = Object::new();
    set(&props, "issues", &issues_to_js(issues));
    create_error(ErrorKind::Validation.class_name(), &summarize(issues), &props)
}

pub fn validation_error_one(issue: Issue) -> JsValue {
    validation_error(&[issue])
}

/// Response details carried by every `APIError` that saw a response.
pub struct ResponseInfo {
    pub status: u16,
    pub headers: Object,
    pub request_id: Option<String>,
}

/// An `APIError` subclass for an HTTP status; `body` is the parsed JSON or the text.
pub fn status_error(
    kind: ErrorKind,
    message: &str,
    info: &ResponseInfo,
    body: &JsValue,
    issues: Option<&[Issue]>,
) -> JsValue {
    let props = Object::new();
    set(&props, "status", &JsValue::from(info.status));
    set(&props, "headers", &info.headers);
    set(&props, "body", body);
    set(&props, "requestId", &info.request_id.as_deref().map_or(JsValue::NULL, JsValue::from_str));
    if let Some(issues) = issues {
        set(&props, "issues", &issues_to_js(issues));
    }
    create_error(kind.class_name(), message, &props)
}

/// An error with no response: connection failure, timeout or user abort.
pub fn no_response_error(kind: ErrorKind, message: &str, cause: Option<&JsValue>) -> JsValue {
    let props = Object::new();
    set(&props, "requestId", &JsValue::NULL);
    if let Some(cause) = cause {
        set(&props, "cause", cause);
    }
    create_error(kind.class_name(), message, &props)
}
