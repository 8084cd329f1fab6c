//! The validation helpers: parse / safeParse a `TaskWithTurns` from JSON text or a JS object,
//! and consistency checks. Strict by default (unknown enum values are reported).

use super::errors::{issues_to_js, set, validation_error};
use super::js_tree::JsNode;
use super::options::describe;
use crate::issue::{Issue, IssueCode};
use crate::validate::{check_body, check_text, consistency, tree};
use js_sys::{Object, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// JSON.parse as it was when the package loaded.
    #[wasm_bindgen(js_name = parseJson, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(typescript_custom_section)]
const PARSE_TYPES: &str = r#"
export interface ParseOptions {
  /** Report unknown enum values (a task status the model does not know). Default true. */
  strict?: boolean;
}

export type SafeParseResult =
  | { success: true; data: TaskWithTurns }
  | { success: false; error: import('./index.js').ValidationError };
"#;

/// `options.strict` (default true), or the issue with it.
fn strict_of(options: &JsValue) -> Result<bool, Issue> {
    if options.is_undefined() || options.is_null() {
        return Ok(true);
    }
    let bad = |what: String| Issue::new("options", IssueCode::InvalidOption, what);
    if !options.is_object() {
        return Err(bad(format!("options: expected an object, received {}", describe(options))));
    }
    // A slip of `strict` would silently leave the default on; other keys are the caller's.
    let keys = crate::wasm::bindings::own_keys(options).unwrap_or_default();
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if crate::config::misspelt_option(&key) == Some("strict") {
            let msg = format!("options.{key}: unknown option: did you mean strict?");
            return Err(Issue::new(format!("options.{key}"), IssueCode::InvalidOption, msg));
        }
    }
    match crate::wasm::bindings::get(options, &"strict".into()) {
        Ok(v) if v.is_undefined() => Ok(true),
        Ok(v) => v.as_bool().ok_or_else(|| {
            let msg = format!("options.strict: expected a boolean, received {}", describe(&v));
            Issue::new("options.strict", IssueCode::InvalidOption, msg)
        }),
        Err(_) => Err(bad("options.strict: reading it threw".into())),
    }
}

/// Code units taken into wasm at a time: keeps the copy small and in cache, and the peak
/// wasm memory near the UTF-8 size (a whole-string UTF-8 copy reserves 3 bytes per unit).
const UTF16_CHUNK: usize = 1 << 16;

/// A JS string's UTF-8 bytes, taken a chunk at a time (surrogate pairs never split). In Node
/// its UTF-16 code units are copied into wasm memory by Buffer and narrowed here (much cheaper
/// than TextEncoder); elsewhere each chunk goes through `TextEncoder.encodeInto` straight into
/// the output (see js/runtime.js `writeUtf16` / `writeUtf8`).
fn utf8_of(text: &JsValue) -> Vec<u8> {
    let js = text.unchecked_ref::<js_sys::JsString>();
    let len = js.length() as usize;
    let mut utf8 = Vec::with_capacity(len + len / 8);
    let memory = wasm_bindgen::memory();
    let narrow = super::bindings::has_fast_utf16_copy();
    let mut units = if narrow { vec![0u16; len.min(UTF16_CHUNK)] } else { Vec::new() };
    let mut start = 0;
    while start < len {
        let end = (start + UTF16_CHUNK).min(len);
        if narrow {
            let chunk = &mut units[..end - start];
            // The buffer is allocated above and nothing allocates between here and the
            // narrowing, so the view JS writes through stays valid.
            super::bindings::write_utf16(text, &memory, chunk.as_mut_ptr() as usize, start, end);
            let take = crate::validate::utf16::chunk_take(chunk, end < len);
            crate::validate::utf16::utf16_to_utf8(&chunk[..take], &mut utf8);
            start += take;
        } else {
            // A high surrogate ending the chunk goes with the next one, beside its low half.
            let high_at_end = end < len && (0xD800..0xDC00).contains(&(js.char_code_at(end as u32 - 1) as u32));
            let end = if high_at_end { end - 1 } else { end };
            utf8.reserve((end - start) * 3);
            let at = utf8.len();
            let ptr = utf8.as_mut_ptr() as usize + at;
            let written = super::bindings::write_utf8(text, &memory, ptr, start, end);
            // SAFETY: encodeInto wrote `written` (<= 3 per unit, reserved above) bytes at `at`.
            unsafe { utf8.set_len(at + written.min((end - start) * 3)) };
            start = end;
        }
    }
    utf8
}

/// The validated value, or every issue found.
fn parse(input: &JsValue, options: &JsValue) -> Result<JsValue, Vec<Issue>> {
    let strict = strict_of(options).map_err(|i| vec![i])?;
    // JSON bytes (e.g. a response body): the route fetchTask takes. Read through a fresh view
    // made from the internal slots: the input's own `length` or a Proxy's traps could lie.
    // Only objects can be bytes: text, the common input, skips the call into JS.
    let view = if input.is_object() { super::bindings::true_bytes(input) } else { JsValue::UNDEFINED };
    if view.is_null() {
        let msg = "expected JSON text, bytes or an object, received bytes that cannot be read (a detached buffer?)";
        return Err(vec![Issue::new("", IssueCode::InvalidType, msg)]);
    }
    if view.is_undefined() && js_sys::ArrayBuffer::is_view(input) {
        // A DataView or another typed array: not UTF-8 bytes, and not a TaskWithTurns either.
        let msg = "expected JSON text, bytes (a Uint8Array or ArrayBuffer) or an object, received a DataView or a typed array other than Uint8Array";
        return Err(vec![Issue::new("", IssueCode::InvalidType, msg)]);
    }
    if let Some(view) = view.dyn_ref::<Uint8Array>() {
        let bytes = view.to_vec();
        let checked = check_body(&bytes, strict);
        if !checked.issues.is_empty() {
            return Err(checked.issues);
        }
        let data = super::bytes::json_of_valid(&bytes, checked.absent_nullable);
        return data.map_err(|why| vec![Issue::new("", IssueCode::InvalidJson, why)]);
    }
    if input.is_string() {
        let checked = check_text(&utf8_of(input), strict);
        // The package entry's fast path parsed this string before declining it: that parse
        // serves, instead of a second one (and is dropped either way).
        let declined = super::bindings::take_declined(input);
        if !checked.issues.is_empty() {
            return Err(checked.issues);
        }
        // JSON.parse of the caller's own string: no copy back out of wasm.
        let data = if declined.is_undefined() { json_parse(input) } else { Ok(declined) };
        let data = data.map_err(|e| {
            vec![Issue::new("", IssueCode::InvalidJson, format!("invalid JSON: {}", super::js_tree::error_text(&e)))]
        })?;
        return Ok(super::nulls::filled(data, checked.absent_nullable));
    }
    let issues = tree::validate(&JsNode(input.clone()), strict);
    if !issues.is_empty() {
        return Err(issues);
    }
    super::nulls::filled_copy(input)
        .map_err(|why| vec![Issue::new("", IssueCode::InvalidType, format!("the input could not be read: {why}"))])
}

/// Validates a `TaskWithTurns` given as JSON text, JSON bytes (`Uint8Array`/`ArrayBuffer`,
/// UTF-8, as a response body) or an object; throws `ValidationError` listing every issue.
/// Object input is never mutated; missing nullable fields read as null.
#[wasm_bindgen(js_name = parseTaskWithTurns, unchecked_return_type = "TaskWithTurns")]
pub fn parse_task_with_turns(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    parse(&input, &options.unwrap_or(JsValue::UNDEFINED)).map_err(|issues| validation_error(&issues))
}

/// Like `parseTaskWithTurns`, but returns `{ success, data | error }` instead of throwing.
#[wasm_bindgen(js_name = safeParseTaskWithTurns, unchecked_return_type = "SafeParseResult")]
pub fn safe_parse_task_with_turns(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseOptions")] options: Option<JsValue>,
) -> JsValue {
    let out = Object::new();
    match parse(&input, &options.unwrap_or(JsValue::UNDEFINED)) {
        Ok(data) => {
            set(&out, "success", &JsValue::TRUE);
            set(&out, "data", &data);
        }
        Err(issues) => {
            set(&out, "success", &JsValue::FALSE);
            set(&out, "error", &validation_error(&issues));
        }
    }
    out.into()
}

/// Issues a well-formed task can still have (counts, seq order, foreign turns, times,
/// completedAt vs status). Throws `ValidationError` when the input is not a TaskWithTurns.
#[wasm_bindgen(js_name = checkTaskConsistency, unchecked_return_type = "ValidationIssue[]")]
pub fn check_task_consistency(
    #[wasm_bindgen(js_name = taskWithTurns, unchecked_param_type = "TaskWithTurns")] task_with_turns: JsValue,
) -> Result<JsValue, JsValue> {
    let node = JsNode(task_with_turns);
    let issues = tree::validate(&node, false);
    if !issues.is_empty() {
        return Err(validation_error(&issues));
    }
    Ok(issues_to_js(&consistency::check(&node)).into())
}
