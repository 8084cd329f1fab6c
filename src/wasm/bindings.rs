//! Imports from the package's own JS snippets: the error classes (js/errors.js) and the
//! runtime glue that is simpler and safer in JS (js/runtime.js): timers, abort listeners,
//! calling fetch, decoding bytes.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    pub fn create_error(name: &str, message: &str, props: &JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/js/fast-path.js")]
extern "C" {
    /// `JSON.parse` plus a quick check of the object it built: the value when it is surely
    /// valid, else undefined (take the full path). `input`: a string or a Uint8Array.
    #[wasm_bindgen(js_name = fastParse)]
    pub fn fast_parse(input: &JsValue, strict: bool) -> JsValue;
    /// fastParse's own parse of `input` when it declined it (never seen by anyone else), else
    /// undefined: the core takes it once its validator accepted the input, to parse only once.
    #[wasm_bindgen(js_name = takeDeclined)]
    pub fn take_declined(input: &JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// Timeout + caller's signal for one attempt (or one whole wait).
    pub type Deadline;

    #[wasm_bindgen(constructor)]
    pub fn new(timeout_ms: Option<f64>, user_signal: &JsValue) -> Deadline;
    #[wasm_bindgen(method, getter)]
    pub fn signal(this: &Deadline) -> JsValue;
    /// '' while running, then 'timeout' or 'abort'.
    #[wasm_bindgen(method, getter)]
    pub fn state(this: &Deadline) -> String;
    #[wasm_bindgen(method)]
    pub fn race(this: &Deadline, promise: &js_sys::Promise) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    pub fn dispose(this: &Deadline);

    /// Rejects when `signal` (an AbortSignal or undefined) aborts.
    pub fn sleep(ms: f64, signal: &JsValue) -> js_sys::Promise;

    #[wasm_bindgen(js_name = callFetch)]
    pub fn call_fetch(fetch: &JsValue, url: &str, init: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = defaultFetch)]
    pub fn default_fetch() -> JsValue;
    #[wasm_bindgen(js_name = locationHref)]
    pub fn location_href() -> Option<String>;
    #[wasm_bindgen(js_name = envVar)]
    pub fn env_var(name: &str) -> Option<String>;
    /// Throws (a plain Error saying why) when `resp` cannot be read as a Response.
    #[wasm_bindgen(js_name = openResponse)]
    fn open_response_or_threw(resp: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = readChunk)]
    pub fn read_chunk(reader: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = resolveUrl)]
    pub fn resolve_url(location: &str, base: Option<&str>) -> Option<String>;
    #[wasm_bindgen(js_name = sameOrigin)]
    pub fn same_origin(a: &str, b: &str) -> bool;
    #[wasm_bindgen(js_name = headersOf)]
    pub fn headers_of(record: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = cancelQuietly)]
    pub fn cancel_quietly(stream_or_reader: &JsValue);

    /// May throw on invalid JSON: only called on bytes the validator accepted.
    #[wasm_bindgen(js_name = parseJsonBytes, catch)]
    pub fn parse_json_bytes(view: &js_sys::Uint8Array) -> Result<JsValue, JsValue>;
    /// Number.parseFloat as it was when the package loaded.
    #[wasm_bindgen(js_name = parseDecimal)]
    pub fn parse_decimal(text: &str) -> f64;
    #[wasm_bindgen(js_name = textOfBytes)]
    pub fn text_of_bytes(view: &js_sys::Uint8Array) -> String;
    #[wasm_bindgen(js_name = hasFastUtf16Copy)]
    pub fn has_fast_utf16_copy() -> bool;
    #[wasm_bindgen(js_name = writeUtf16)]
    pub fn write_utf16(text: &JsValue, memory: &JsValue, ptr: usize, start: usize, end: usize);
    #[wasm_bindgen(js_name = writeUtf8)]
    pub fn write_utf8(text: &JsValue, memory: &JsValue, ptr: usize, start: usize, end: usize) -> usize;
    #[wasm_bindgen(js_name = logLine)]
    pub fn log_line(logger: &JsValue, method: &str, message: &str, details: &JsValue);
    #[wasm_bindgen(js_name = trueBytes)]
    pub fn true_bytes(input: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = thrownText)]
    pub fn thrown_text(err: &JsValue) -> String;
    #[wasm_bindgen(js_name = filledCopy)]
    fn filled_copy_or_threw(data: &JsValue, task_fields: &js_sys::Array, turn_fields: &js_sys::Array) -> JsValue;
    #[wasm_bindgen(js_name = fillNulls)]
    pub fn fill_nulls(data: &JsValue, task_fields: &js_sys::Array, turn_fields: &js_sys::Array);
    /// Flat [name, value, name, value, …], null for a plain record, or a string (the problem).
    #[wasm_bindgen(js_name = headerPairs)]
    pub fn header_pairs(headers: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = threwMarker)]
    fn threw_marker() -> JsValue;
    #[wasm_bindgen(js_name = takeThrown)]
    fn take_thrown() -> JsValue;
    #[wasm_bindgen(js_name = getOrThrew)]
    fn get_or_threw(obj: &JsValue, key: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = ownKeysOrThrew)]
    fn own_keys_or_threw(obj: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = arrayCheck)]
    fn array_check(v: &JsValue) -> u8;
    #[wasm_bindgen(js_name = redactCause)]
    pub fn redact_cause(err: &JsValue, key: &str) -> JsValue;
    #[wasm_bindgen(js_name = redactDeep)]
    pub fn redact_deep(value: &JsValue, key: &str) -> JsValue;
    #[wasm_bindgen(js_name = tryParseJson)]
    pub fn try_parse_json(text: &str) -> JsValue;
}

/// What `Array.isArray` says of a value, without letting a revoked Proxy's throw reach Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayCheck {
    NotArray,
    Array,
    Unreadable,
}

pub fn array_check_of(v: &JsValue) -> ArrayCheck {
    if !v.is_object() {
        return ArrayCheck::NotArray;
    }
    match array_check(v) {
        1 => ArrayCheck::Array,
        0 => ArrayCheck::NotArray,
        _ => ArrayCheck::Unreadable,
    }
}

thread_local! {
    /// The marker the `…OrThrew` helpers return for a throw (made once).
    static THREW: JsValue = threw_marker();
}

fn checked(v: JsValue) -> Result<JsValue, JsValue> {
    if THREW.with(|t| *t == v) {
        Err(take_thrown())
    } else {
        Ok(v)
    }
}

/// `Reflect.get(obj, key)`: like js-sys's, but a throwing getter or trap costs no
/// externref-table slot (see js/runtime.js `getOrThrew`).
pub fn get(obj: &JsValue, key: &JsValue) -> Result<JsValue, JsValue> {
    checked(get_or_threw(obj, key))
}

/// `obj[index]`, as [`get`].
pub fn get_index(obj: &JsValue, index: u32) -> Result<JsValue, JsValue> {
    get(obj, &JsValue::from(index))
}

/// `Reflect.ownKeys(obj)`, as [`get`].
pub fn own_keys(obj: &JsValue) -> Result<js_sys::Array, JsValue> {
    checked(own_keys_or_threw(obj)).map(wasm_bindgen::JsCast::unchecked_into)
}

/// What the core reads of a fetch Response (js/runtime.js `openResponse`), or why it cannot.
pub fn open_response(resp: &JsValue) -> Result<JsValue, JsValue> {
    checked(open_response_or_threw(resp))
}

/// Copy-on-write null filling of the caller's object (js/runtime.js `filledCopy`).
pub fn filled_copy(
    data: &JsValue,
    task_fields: &js_sys::Array,
    turn_fields: &js_sys::Array,
) -> Result<JsValue, JsValue> {
    checked(filled_copy_or_threw(data, task_fields, turn_fields))
}
