//! A fetch Response as the core reads it: status, URL, headers and the body's reader, taken
//! once by js/runtime.js `openResponse`, which guards every getter (a custom fetch may return
//! a Response that throws, or one whose body was already read).

use crate::wasm::bindings::{cancel_quietly, open_response, resolve_url};
use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};

pub struct Opened {
    pub status: u16,
    pub url: String,
    pub redirected: bool,
    /// A `redirect: 'manual'` answer in a browser: status 0, Location hidden.
    pub opaque_redirect: bool,
    headers: Vec<(String, String)>,
    /// `None` for a response without a body.
    pub reader: Option<JsValue>,
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    crate::wasm::bindings::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

impl Opened {
    /// The Response's parts, or the Error saying why it cannot be read.
    pub fn open(resp: &JsValue) -> Result<Opened, JsValue> {
        let parts = open_response(resp)?;
        let headers = get(&parts, "headers")
            .dyn_into::<Array>()
            .map(|pairs| {
                pairs
                    .iter()
                    .map(|pair| {
                        let text = |i| {
                            crate::wasm::bindings::get_index(&pair, i)
                                .ok()
                                .and_then(|v| v.as_string())
                                .unwrap_or_default()
                        };
                        (text(0), text(1))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let reader = get(&parts, "reader");
        Ok(Opened {
            status: get(&parts, "status").as_f64().unwrap_or(0.0) as u16,
            url: get(&parts, "url").as_string().unwrap_or_default(),
            redirected: get(&parts, "redirected").is_truthy(),
            opaque_redirect: get(&parts, "opaqueRedirect").is_truthy(),
            headers,
            reader: if reader.is_null() || reader.is_undefined() { None } else { Some(reader) },
        })
    }

    /// A response header (names are lower case).
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// Where a 3xx with a Location header points, resolved against the request's URL.
    pub fn redirect_target(&self, request_url: &str) -> Option<String> {
        if !matches!(self.status, 301 | 302 | 303 | 307 | 308) {
            return None;
        }
        resolve_url(&self.header("location")?, Some(request_url))
    }

    /// Drops the body unread (a failed attempt, a redirect, a refused response).
    pub fn cancel(&self) {
        if let Some(reader) = &self.reader {
            cancel_quietly(reader);
        }
    }
}
