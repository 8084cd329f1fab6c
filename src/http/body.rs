//! Reads a response body as a stream, counting bytes as they arrive (a body without
//! Content-Length is capped too), racing every read against the attempt's deadline.

use super::response::Opened;
use crate::wasm::bindings::{cancel_quietly, read_chunk, sleep, Deadline};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub enum BodyError {
    /// The deadline fired, or the stream failed: see the deadline's state.
    Failed(JsValue),
    /// More than the cap arrived (or was announced by Content-Length).
    TooLarge,
}

/// How long the read may run on microtasks alone before it yields to the event loop once. A
/// stream whose chunks are all ready at once (tiny or empty chunks from a custom fetch)
/// would otherwise starve every timer and event: the timeout's, and the caller's abort.
/// Checked only every so many chunks, so that a slow real stream (whose reads wait on the
/// network, letting timers run anyway) is not slowed by needless yields.
const YIELD_EVERY_MS: f64 = 10.0;
const CHUNKS_BETWEEN_CHECKS: u32 = 32;

pub async fn read_capped(resp: &Opened, cap: f64, deadline: &Deadline) -> Result<Vec<u8>, BodyError> {
    let Some(reader) = &resp.reader else {
        return Ok(Vec::new());
    };
    let announced = resp.header("content-length").and_then(|v| v.trim().parse::<u64>().ok()).map(|n| n as f64);
    if announced.is_some_and(|len| len > cap) {
        cancel_quietly(reader);
        return Err(BodyError::TooLarge);
    }
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0.0).min(cap) as usize);
    let mut last_yield = js_sys::Date::now();
    let mut chunks: u32 = 0;
    loop {
        chunks = chunks.wrapping_add(1);
        if chunks % CHUNKS_BETWEEN_CHECKS == 0 && js_sys::Date::now() - last_yield >= YIELD_EVERY_MS {
            if let Err(e) = JsFuture::from(deadline.race(&sleep(0.0, &deadline.signal()))).await {
                cancel_quietly(reader);
                return Err(BodyError::Failed(e));
            }
            last_yield = js_sys::Date::now();
        }
        let chunk = match JsFuture::from(deadline.race(&read_chunk(reader))).await {
            Ok(chunk) => chunk,
            Err(e) => {
                cancel_quietly(reader);
                return Err(BodyError::Failed(e));
            }
        };
        match crate::wasm::bindings::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()) {
            Some(true) => return Ok(bytes),
            Some(false) => {}
            None => {
                cancel_quietly(reader);
                return Err(BodyError::Failed(JsValue::from_str("response body stream gave a malformed read result")));
            }
        }
        let value = crate::wasm::bindings::get(&chunk, &"value".into()).unwrap_or(JsValue::UNDEFINED);
        // A fresh view from the internal slots: a chunk's own `length` may lie.
        let fresh = crate::wasm::bindings::true_bytes(&value);
        let Some(part) = fresh.dyn_ref::<Uint8Array>() else {
            cancel_quietly(reader);
            return Err(BodyError::Failed(JsValue::from_str("response body stream yielded a non-byte chunk")));
        };
        if part.length() == 0 {
            continue;
        }
        if bytes.len() as f64 + part.length() as f64 > cap {
            cancel_quietly(reader);
            return Err(BodyError::TooLarge);
        }
        let at = bytes.len();
        bytes.resize(at + part.length() as usize, 0);
        part.copy_to(&mut bytes[at..]);
    }
}
