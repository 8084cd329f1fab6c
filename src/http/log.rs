//! Request logging (`logLevel`, `logger`): each attempt, each retry decision, each failure.
//! Lines never carry the API key: headers are logged with Authorization redacted, and error
//! messages were redacted when the errors were made.

use crate::config::LogLevel;
use crate::error::redact;
use crate::wasm::bindings::log_line;
use crate::wasm::errors::set;
use crate::wasm::options::CallOptions;
use js_sys::Object;
use wasm_bindgen::JsValue;

pub struct Log<'a> {
    opts: &'a CallOptions,
}

impl<'a> Log<'a> {
    pub fn new(opts: &'a CallOptions) -> Self {
        Log { opts }
    }

    pub fn enabled(&self, level: LogLevel) -> bool {
        level != LogLevel::Off && self.opts.config.log_level >= level
    }

    fn line(&self, level: LogLevel, message: &str, details: &JsValue) {
        if self.enabled(level) {
            let message = redact(message, self.opts.config.api_key.as_deref());
            log_line(&self.opts.logger, level.method(), &format!("handinger-wasm: {message}"), details);
        }
    }

    /// debug: an attempt is about to be sent.
    pub fn attempt(&self, url: &str, attempt: u32) {
        if !self.enabled(LogLevel::Debug) {
            return;
        }
        // By value, not only by name: a user header or the URL may carry the key too.
        let key = self.opts.config.api_key.as_deref();
        let headers = Object::new();
        for (name, value) in self.opts.config.request_headers() {
            let shown = if name == "authorization" { "Bearer [redacted]".to_string() } else { redact(&value, key) };
            set(&headers, &name, &JsValue::from_str(&shown));
        }
        let details = Object::new();
        set(&details, "headers", &headers);
        let total = self.opts.config.max_retries + 1;
        let url = redact(url, key);
        self.line(LogLevel::Debug, &format!("GET {url} (attempt {attempt} of at most {total})"), &details.into());
    }

    /// debug: a response arrived and was accepted.
    pub fn success(&self, url: &str, status: u16) {
        self.line(LogLevel::Debug, &format!("{status} from GET {url}"), &JsValue::UNDEFINED);
    }

    /// info: a failed attempt will be retried.
    pub fn retry(&self, url: &str, error: &JsValue, delay_ms: f64, retry: u32) {
        let max = self.opts.config.max_retries;
        let why = message_of(error);
        self.line(
            LogLevel::Info,
            &format!("retrying GET {url} in {} ms after: {why} (retry {retry} of {max})", delay_ms.round() as u64),
            &JsValue::UNDEFINED,
        );
    }

    /// warn: the call fails with `error`.
    pub fn give_up(&self, url: &str, error: &JsValue, attempts: u32) {
        let why = message_of(error);
        self.line(LogLevel::Warn, &format!("GET {url} failed after {attempts} attempt(s): {why}"), &JsValue::UNDEFINED);
    }
}

fn message_of(error: &JsValue) -> String {
    crate::wasm::bindings::get(error, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default()
}
