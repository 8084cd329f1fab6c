//! Reads options objects (per-call over client-level) into [`RawOptions`], checking JS types.
//! Every getter is read with `Reflect` (which reports throws) so a hostile options object
//! yields a ValidationError, never an exception escaping through wasm.

use super::bindings::{array_check_of, default_fetch, env_var, ArrayCheck};
use crate::config::{self, Config, RawOptions};
use crate::issue::{Issue, IssueCode};
use js_sys::{Function, Object};
use wasm_bindgen::{JsCast, JsValue};

/// Everything one call needs besides the task id.
#[derive(Clone)]
pub struct CallOptions {
    pub config: Config,
    pub fetch: JsValue,
    pub signal: JsValue,
    pub wait: WaitSettings,
    /// Where log lines go (`console` unless `options.logger` is given).
    pub logger: JsValue,
}

/// waitForTask's own options.
#[derive(Clone)]
pub struct WaitSettings {
    pub poll_interval_ms: f64,
    pub max_wait_ms: Option<f64>,
    pub on_update: Option<Function>,
}

fn issue(name: &str, what: String) -> Issue {
    Issue::new(format!("options.{name}"), IssueCode::InvalidOption, format!("options.{name}: {what}"))
}

/// `typeof`-style description of a received value, for messages.
pub fn describe(v: &JsValue) -> String {
    if v.is_null() {
        return "null".into();
    }
    if let Some(s) = v.as_string() {
        let cut = crate::error::cut_chars(&s, 40);
        return format!("string {}", crate::text::quoted(&cut));
    }
    if let Some(n) = v.as_f64() {
        return format!("number {}", crate::text::js_number(n));
    }
    if let Some(b) = v.as_bool() {
        return format!("boolean {b}");
    }
    match array_check_of(v) {
        ArrayCheck::Array => return "an array".into(),
        ArrayCheck::Unreadable => return "an unreadable value (a revoked Proxy?)".into(),
        ArrayCheck::NotArray => {}
    }
    v.js_typeof().as_string().unwrap_or_default()
}

struct Layers<'a> {
    layers: Vec<&'a JsValue>,
    issues: Vec<Issue>,
}

impl Layers<'_> {
    /// The first layer's own value of `name` that is not undefined.
    fn get(&mut self, name: &str) -> JsValue {
        for layer in &self.layers {
            match crate::wasm::bindings::get(layer, &JsValue::from_str(name)) {
                Ok(v) if v.is_undefined() => continue,
                Ok(v) => return v,
                Err(_) => {
                    self.issues.push(issue(name, "reading it threw".into()));
                    return JsValue::UNDEFINED;
                }
            }
        }
        JsValue::UNDEFINED
    }

    fn typed<T>(&mut self, name: &str, expected: &str, read: impl Fn(&JsValue) -> Option<T>) -> Option<T> {
        let v = self.get(name);
        if v.is_undefined() {
            return None;
        }
        let out = read(&v);
        if out.is_none() {
            self.issues.push(issue(name, format!("expected {expected}, received {}", describe(&v))));
        }
        out
    }
}

pub fn read(call: &JsValue, client: Option<&JsValue>) -> Result<CallOptions, Vec<Issue>> {
    let mut layers = Layers { layers: Vec::new(), issues: Vec::new() };
    for (layer, what) in [(Some(call), "options"), (client, "client options")] {
        let Some(layer) = layer else { continue };
        if layer.is_object() && array_check_of(layer) == ArrayCheck::NotArray {
            layers.layers.push(layer);
        } else if !layer.is_undefined() && !layer.is_null() {
            let msg = format!("{what}: expected an object, received {}", describe(layer));
            layers.issues.push(Issue::new("options", IssueCode::InvalidOption, msg));
        }
    }
    let api_key = {
        let v = layers.get("apiKey");
        if v.is_undefined() {
            None
        } else if v.is_null() {
            Some(None)
        } else if let Some(s) = v.as_string() {
            Some(Some(s))
        } else {
            layers.issues.push(issue("apiKey", format!("expected a string or null, received {}", describe(&v))));
            None
        }
    };
    let mut raw = RawOptions {
        env_api_key: if api_key.is_none() { env_var("HANDINGER_API_KEY") } else { None },
        api_key,
        base_url: None,
        env_base_url: None,
        timeout_ms: layers.typed("timeoutMs", "a number", JsValue::as_f64),
        max_retries: layers.typed("maxRetries", "a number", JsValue::as_f64),
        max_response_bytes: layers.typed("maxResponseBytes", "a number", JsValue::as_f64),
        allow_insecure_http: layers.typed("allowInsecureHttp", "a boolean", JsValue::as_bool),
        strict: layers.typed("strict", "a boolean", JsValue::as_bool),
        log_level: layers.typed("logLevel", "a string", JsValue::as_string),
        headers: Vec::new(),
    };
    // The official SDK's spellings, and misspelt names: silently ignoring them would send the
    // request elsewhere, or without the timeout the caller set.
    for (theirs, ours) in [("baseURL", "baseUrl"), ("timeout", "timeoutMs"), ("defaultHeaders", "headers")] {
        if !layers.get(theirs).is_undefined() {
            let msg = format!("not an option of handinger-wasm (the official SDK's name): use {ours}");
            layers.issues.push(issue(theirs, msg));
        }
    }
    for layer in layers.layers.clone() {
        let keys = crate::wasm::bindings::own_keys(layer.unchecked_ref()).unwrap_or_default();
        for key in keys.iter().filter_map(|k| k.as_string()) {
            let sdk_name = matches!(key.as_str(), "baseURL" | "timeout" | "defaultHeaders");
            if let Some(meant) = config::misspelt_option(&key).filter(|_| !sdk_name) {
                layers.issues.push(issue(&key, format!("unknown option: did you mean {meant}?")));
            }
        }
    }
    match layers.typed("baseUrl", "a string", JsValue::as_string).map(canonical_base) {
        Some(Ok(base)) => raw.base_url = Some(base),
        Some(Err(why)) => layers.issues.push(issue("baseUrl", why)),
        None => {}
    }
    // The environment's base URL is read as fetch will read it too.
    match env_var("HANDINGER_BASE_URL").filter(|b| !b.trim().is_empty()).map(canonical_base) {
        Some(Ok(base)) => raw.env_base_url = Some(base),
        Some(Err(why)) if raw.base_url.is_none() => {
            layers.issues.push(issue("baseUrl", format!("HANDINGER_BASE_URL: {why}")))
        }
        _ => {}
    }
    let headers = layers.get("headers");
    if !headers.is_undefined() && !headers.is_null() {
        match read_headers(&headers) {
            Ok(h) => raw.headers = h,
            Err(e) => layers.issues.push(e),
        }
    }
    let fetch = layers.typed("fetch", "a function", |v| v.is_function().then(|| v.clone()));
    let wait = read_wait(&mut layers);
    let logger = layers.typed("logger", "an object with debug/info/warn methods", |v| v.is_object().then(|| v.clone()));
    let signal = layers.typed("signal", "an AbortSignal", |v| is_abort_signal(v).then(|| v.clone()));
    let mut issues = layers.issues;
    let unreadable = !issues.is_empty();
    let config = match config::resolve(raw) {
        Ok(c) => Some(c),
        Err(more) => {
            // With options that could not be read, "no key" is only an echo of that problem.
            issues.extend(more.into_iter().filter(|i| !(unreadable && i.message.contains("no API key"))));
            None
        }
    };
    let fetch = fetch.unwrap_or_else(default_fetch);
    if fetch.is_undefined() && issues.is_empty() {
        issues.push(issue("fetch", "no global fetch in this runtime; pass options.fetch".into()));
    }
    match config {
        Some(config) if issues.is_empty() => Ok(CallOptions {
            config,
            fetch,
            signal: signal.unwrap_or(JsValue::UNDEFINED),
            wait,
            logger: logger.unwrap_or_else(|| {
                crate::wasm::bindings::get(&js_sys::global(), &"console".into()).unwrap_or_default()
            }),
        }),
        _ => Err(issues),
    }
}

fn read_wait(layers: &mut Layers<'_>) -> WaitSettings {
    let mut positive = |name: &str, default: Option<f64>| {
        let v = layers.typed(name, "a number", JsValue::as_f64)?;
        if v.is_finite() && v > 0.0 && v <= config::MAX_TIMEOUT_MS {
            Some(v)
        } else {
            layers.issues.push(issue(
                name,
                format!(
                    "expected a number from 1 to {}, received {}",
                    config::MAX_TIMEOUT_MS as u64,
                    crate::text::js_number(v)
                ),
            ));
            default
        }
    };
    let poll_interval_ms = positive("pollIntervalMs", None).unwrap_or(crate::poll::DEFAULT_POLL_INTERVAL_MS);
    let max_wait_ms = positive("maxWaitMs", None);
    let on_update = layers.typed("onUpdate", "a function", |v| v.dyn_ref::<Function>().cloned());
    WaitSettings { poll_interval_ms, max_wait_ms, on_update }
}

fn read_headers(headers: &JsValue) -> Result<Vec<(String, String)>, Issue> {
    // A Headers, a Map or an array of pairs, as fetch itself takes them.
    let pairs = crate::wasm::bindings::header_pairs(headers);
    if let Some(why) = pairs.as_string() {
        return Err(issue("headers", why));
    }
    if let Some(flat) = pairs.dyn_ref::<js_sys::Array>() {
        let mut out = Vec::new();
        for i in (0..flat.length()).step_by(2) {
            let name = flat.get(i).as_string().unwrap_or_default();
            let value = flat.get(i + 1);
            let Some(value) = value.as_string() else {
                let msg = format!("expected a string, received {}", describe(&value));
                return Err(issue(&format!("headers.{name}"), msg));
            };
            out.push((name, value));
        }
        return Ok(out);
    }
    if !headers.is_object() || array_check_of(headers) != ArrayCheck::NotArray || headers.is_function() {
        return Err(issue("headers", format!("expected an object of strings, received {}", describe(headers))));
    }
    let obj: &Object = headers.unchecked_ref();
    let keys = crate::wasm::bindings::own_keys(obj).map_err(|_| issue("headers", "reading its keys threw".into()))?;
    let mut out = Vec::new();
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let value = crate::wasm::bindings::get(obj, &key)
            .map_err(|_| issue(&format!("headers.{name}"), "reading it threw".into()))?;
        if value.is_undefined() || value.is_null() {
            continue;
        }
        let Some(value) = value.as_string() else {
            return Err(issue(&format!("headers.{name}"), format!("expected a string, received {}", describe(&value))));
        };
        out.push((name, value));
    }
    Ok(out)
}

/// The base URL as the platform's URL parser reads it, which is what fetch will request: so
/// `https://handinger。com` is checked as handinger.com, and a host the parser refuses is
/// refused here rather than at connection time. A relative one (`/proxy`) is resolved against
/// the page's or worker's own URL; where there is none (Node) it stays as given (and refused).
fn canonical_base(base: String) -> Result<String, String> {
    let text = base.trim();
    if text.contains("://") {
        return crate::wasm::bindings::resolve_url(text, None).ok_or_else(|| {
            format!("not a valid URL (received {})", crate::text::quoted(&crate::error::cut_chars(text, 80)))
        });
    }
    match crate::wasm::bindings::location_href() {
        Some(href) if !text.is_empty() => Ok(crate::wasm::bindings::resolve_url(text, Some(&href)).unwrap_or(base)),
        _ => Ok(base),
    }
}

/// Duck-typed so that signals from other realms (iframes, Node's undici) are accepted.
fn is_abort_signal(v: &JsValue) -> bool {
    v.is_object()
        && crate::wasm::bindings::get(v, &"aborted".into()).ok().and_then(|a| a.as_bool()).is_some()
        && crate::wasm::bindings::get(v, &"addEventListener".into()).is_ok_and(|f| f.is_function())
        && crate::wasm::bindings::get(v, &"removeEventListener".into()).is_ok_and(|f| f.is_function())
}
