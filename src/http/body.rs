//! Reads a response body as a stream, counting bytes as they arrive (a body without
//! Content-Length is capped too), racing every read against the attempt's deadline.

use crate::wasm::bindings::{cancel_quietly, Deadline};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response};

pub enum BodyError {
    /// The deadline fired, or the stream failed: see the deadline's state.
    Failed(JsValue),
    /// More than the cap arrived (or was announced by Content-Length).
    TooLarge,
}

pub async fn read_capped(resp: &Response, cap: f64, deadline: &Deadline) -> Result<Vec<u8>, BodyError> {
    let Some(stream) = resp.body() else {
        return Ok(Vec::new());
    };
    let announced = resp
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|n| n as f64);
    if announced.is_some_and(|len| len > cap) {
        cancel_quietly(&stream);
        return Err(BodyError::TooLarge);
    }
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0.0).min(cap) as usize);
    loop {
        let chunk = match JsFuture::from(deadline.race(&reader.read())).await {
            Ok(chunk) => chunk,
            Err(e) => {
                cancel_quietly(&reader);
                return Err(BodyError::Failed(e));
            }
        };
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(bytes);
        }
        let value = Reflect::get(&chunk, &"value".into()).unwrap_or(JsValue::UNDEFINED);
        let Some(part) = value.dyn_ref::<Uint8Array>() else {
            cancel_quietly(&reader);
            return Err(BodyError::Failed(JsValue::from_str("response body stream yielded a non-byte chunk")));
        };
        if bytes.len() as f64 + part.length() as f64 > cap {
            cancel_quietly(&reader);
            return Err(BodyError::TooLarge);
        }
        let at = bytes.len();
        bytes.resize(at + part.length() as usize, 0);
        part.copy_to(&mut bytes[at..]);
    }
}
