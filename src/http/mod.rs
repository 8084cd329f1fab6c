//! The transport (wasm only): one GET with retries, per-attempt timeout covering headers and
//! body, abort at any point, a streamed size cap, and typed errors for every way it can fail.

mod body;
mod log;
pub mod wait;

use crate::error::{redact, status_message, ErrorKind};
use crate::issue::{summarize, Issue, IssueCode};
use crate::retry::{retry_delay_ms, should_retry, Outcome};
use crate::wasm::bindings::{call_fetch, sleep, try_parse_json, Deadline};
use crate::wasm::errors::{no_response_error, set, status_error, ResponseInfo};
use crate::wasm::options::CallOptions;
use body::{read_capped, BodyError};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// A validated task and what the response said about it.
pub struct Fetched {
    pub data: JsValue,
    pub info: ResponseInfo,
    pub retries: u32,
}

/// Why an attempt failed, and whether another may succeed.
struct Failure {
    error: JsValue,
    retryable: bool,
    /// `retry-after-ms` and `retry-after` response headers, when a response arrived.
    retry_after: (Option<String>, Option<String>),
}

impl Failure {
    fn fatal(error: JsValue) -> Self {
        Failure { error, retryable: false, retry_after: (None, None) }
    }
}

pub async fn fetch_task(task_id: &str, opts: &CallOptions) -> Result<Fetched, JsValue> {
    let url = opts.config.task_url(task_id);
    let log = log::Log::new(opts);
    let mut retries = 0;
    loop {
        log.attempt(&url, retries + 1);
        let deadline = Deadline::new(Some(opts.config.timeout_ms), &opts.signal);
        let result = attempt(&url, opts, &deadline).await;
        deadline.dispose();
        let failure = match result {
            Ok(mut fetched) => {
                log.success(&url, fetched.info.status);
                fetched.retries = retries;
                return Ok(fetched);
            }
            Err(failure) => failure,
        };
        if !failure.retryable || retries >= opts.config.max_retries {
            log.give_up(&url, &failure.error, retries + 1);
            return Err(failure.error);
        }
        let (after_ms, after) = &failure.retry_after;
        let delay =
            retry_delay_ms(after_ms.as_deref(), after.as_deref(), js_sys::Date::now(), retries, js_sys::Math::random());
        log.retry(&url, &failure.error, delay, retries + 1);
        if JsFuture::from(sleep(delay, &opts.signal)).await.is_err() {
            return Err(user_abort());
        }
        retries += 1;
    }
}

fn user_abort() -> JsValue {
    no_response_error(ErrorKind::ApiUserAbort, "Request was aborted.", None)
}

/// The error for a failure before a complete response: which one the deadline tells.
fn no_response(deadline: &Deadline, cause: JsValue, timeout_ms: f64, api_key: Option<&str>) -> Failure {
    match deadline.state().as_str() {
        "abort" => Failure::fatal(user_abort()),
        "timeout" => Failure {
            error: no_response_error(
                ErrorKind::ApiConnectionTimeout,
                &format!("Request timed out after {} ms.", crate::text::js_number(timeout_ms)),
                None,
            ),
            retryable: true,
            retry_after: (None, None),
        },
        _ => {
            let why = Reflect::get(&cause, &"message".into()).ok().and_then(|m| m.as_string());
            let why = why.or_else(|| cause.as_string()).unwrap_or_else(|| "fetch failed".into());
            let message = redact(&format!("Connection error: {why}"), api_key);
            Failure {
                error: no_response_error(ErrorKind::ApiConnection, &message, Some(&cause)),
                retryable: true,
                retry_after: (None, None),
            }
        }
    }
}

fn request_init(opts: &CallOptions, signal: &JsValue) -> Object {
    let headers = gloo_net::http::Headers::new();
    for (name, value) in opts.config.request_headers() {
        headers.set(&name, &value);
    }
    let init = Object::new();
    set(&init, "method", &"GET".into());
    set(&init, "headers", &headers.into_raw());
    set(&init, "signal", signal);
    set(&init, "redirect", &"follow".into());
    init
}

async fn attempt(url: &str, opts: &CallOptions, deadline: &Deadline) -> Result<Fetched, Failure> {
    let api_key = opts.config.api_key.as_deref();
    let timeout_ms = opts.config.timeout_ms;
    if deadline.state() == "abort" {
        return Err(Failure::fatal(user_abort()));
    }
    let init = request_init(opts, &deadline.signal());
    let resp = JsFuture::from(deadline.race(&call_fetch(&opts.fetch, url, &init)))
        .await
        .map_err(|e| no_response(deadline, e, timeout_ms, api_key))?;
    if !resp.is_instance_of::<Response>() {
        let msg = "Connection error: options.fetch resolved with something that is not a Response";
        return Err(Failure::fatal(no_response_error(ErrorKind::ApiConnection, msg, Some(&resp))));
    }
    let resp: Response = resp.unchecked_into();
    if resp.redirected() && crate::config::is_insecure_target(&resp.url(), opts.config.allow_insecure_http) {
        if let Some(body) = resp.body() {
            crate::wasm::bindings::cancel_quietly(&body);
        }
        let msg = format!(
            "Connection error: refused a redirect to {}: plain http to a non-loopback host is never followed (the API key must not travel in clear text)",
            redact(&resp.url(), api_key)
        );
        return Err(Failure::fatal(no_response_error(ErrorKind::ApiConnection, &msg, None)));
    }
    let info = response_info(&resp, api_key);
    let retry_after = (header(&resp, "retry-after-ms"), header(&resp, "retry-after"));
    let bytes = match read_capped(&resp, opts.config.max_response_bytes, deadline).await {
        Ok(bytes) => bytes,
        Err(BodyError::Failed(cause)) => return Err(no_response(deadline, cause, timeout_ms, api_key)),
        Err(BodyError::TooLarge) => {
            let msg = format!(
                "{} response body exceeds maxResponseBytes ({} bytes); the download was cancelled",
                info.status, opts.config.max_response_bytes as u64
            );
            return Err(Failure::fatal(status_error(ErrorKind::Api, &msg, &info, &JsValue::NULL, None)));
        }
    };
    if !(200..300).contains(&info.status) {
        let text = redact(&crate::wasm::bytes::text_of(&bytes), api_key);
        let parsed = try_parse_json(&text);
        let body = if parsed.is_undefined() { JsValue::from_str(&text) } else { parsed };
        let kind = ErrorKind::for_status(info.status);
        let error = status_error(kind, &status_message(info.status, &text), &info, &body, None);
        let retryable = should_retry(Outcome::Status(info.status), header(&resp, "x-should-retry").as_deref());
        return Err(Failure { error, retryable, retry_after });
    }
    let checked = crate::validate::check_body(&bytes, opts.config.strict);
    if !checked.issues.is_empty() {
        return Err(Failure::fatal(invalid_body(&info, &bytes, &checked.issues, api_key)));
    }
    match crate::wasm::bytes::json_of_valid(&bytes, checked.absent_nullable) {
        Ok(data) => Ok(Fetched { data, info, retries: 0 }),
        // Only if the validator and JSON.parse ever disagree: still a typed error.
        Err(why) => {
            let issue = Issue::new("", IssueCode::InvalidJson, format!("invalid JSON: {why}"));
            Err(Failure::fatal(invalid_body(&info, &bytes, &[issue], api_key)))
        }
    }
}

fn invalid_body(info: &ResponseInfo, bytes: &[u8], issues: &[Issue], api_key: Option<&str>) -> JsValue {
    let text = redact(&String::from_utf8_lossy(bytes), api_key);
    let message = format!("{} invalid response body: {}", info.status, summarize(issues));
    status_error(ErrorKind::ApiResponseValidation, &message, info, &JsValue::from_str(&text), Some(issues))
}

fn header(resp: &Response, name: &str) -> Option<String> {
    resp.headers().get(name).ok().flatten()
}

/// Status, headers as a plain object (lower-case names, key redacted) and the request id.
fn response_info(resp: &Response, api_key: Option<&str>) -> ResponseInfo {
    let headers = Object::new();
    let raw = gloo_net::http::Response::from(<Response as Clone>::clone(resp));
    for (name, value) in raw.headers().entries() {
        set(&headers, &name, &JsValue::from_str(&redact(&value, api_key)));
    }
    let request_id = header(resp, "x-request-id").or_else(|| header(resp, "request-id")).map(|v| redact(&v, api_key));
    ResponseInfo { status: resp.status(), headers, request_id }
}
