//! The transport (wasm only): one GET with retries, per-attempt timeout covering headers and
//! body, abort at any point, a streamed size cap, and typed errors for every way it can fail.

mod body;
mod log;
mod response;
pub mod wait;

use crate::error::{redact, status_message, ErrorKind};
use crate::issue::{summarize, Issue, IssueCode};
use crate::retry::{retry_delay_ms, should_retry, Outcome};
use crate::wasm::bindings::{call_fetch, same_origin, sleep, try_parse_json, Deadline};
use crate::wasm::errors::{no_response_error, set, status_error, ResponseInfo};
use crate::wasm::options::CallOptions;
use body::{read_capped, BodyError};
use js_sys::Object;
use response::Opened;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Redirects followed in one attempt before giving up (fetch's own limit).
const MAX_REDIRECTS: u32 = 20;

/// A validated task and what the response said about it.
pub struct Fetched {
    pub data: JsValue,
    pub info: ResponseInfo,
    pub retries: u32,
}

/// Why an attempt (or a whole call) failed, and whether another may succeed.
pub struct Failure {
    pub error: JsValue,
    pub retryable: bool,
    /// `retry-after-ms` and `retry-after` response headers, when a response arrived.
    pub retry_after: (Option<String>, Option<String>),
    /// When the call was stopped while waiting to retry: the failure it was retrying.
    pub interrupted_retry_of: Option<JsValue>,
}

impl Failure {
    fn fatal(error: JsValue) -> Self {
        Failure { error, retryable: false, retry_after: (None, None), interrupted_retry_of: None }
    }
}

pub async fn fetch_task(task_id: &str, opts: &CallOptions) -> Result<Fetched, JsValue> {
    fetch_task_or_failure(task_id, opts).await.map_err(|f| f.error)
}

/// `fetch_task`, telling on failure whether the last attempt was retryable (waitForTask
/// polls again after a transient failure) and what Retry-After it carried.
pub async fn fetch_task_or_failure(task_id: &str, opts: &CallOptions) -> Result<Fetched, Failure> {
    let url = opts.config.task_url(task_id);
    let log = log::Log::new(opts);
    let mut retries = 0;
    // The failure being retried: kept if the caller's signal ends the call before a retry
    // succeeds (waitForTask's maxWaitMs names it), whether in the wait or in the retry itself.
    let mut retrying: Option<JsValue> = None;
    loop {
        log.attempt(&url, retries + 1);
        let deadline = Deadline::new(Some(opts.config.timeout_ms), &opts.signal);
        let result = attempt(&url, opts, &deadline).await;
        let aborted = deadline.state() == "abort";
        deadline.dispose();
        let mut failure = match result {
            Ok(mut fetched) => {
                log.success(&url, fetched.info.status);
                fetched.retries = retries;
                return Ok(fetched);
            }
            Err(failure) => failure,
        };
        if !failure.retryable || retries >= opts.config.max_retries {
            log.give_up(&url, &failure.error, retries + 1);
            if aborted {
                failure.interrupted_retry_of = retrying;
            }
            return Err(failure);
        }
        let (after_ms, after) = &failure.retry_after;
        let delay =
            retry_delay_ms(after_ms.as_deref(), after.as_deref(), js_sys::Date::now(), retries, js_sys::Math::random());
        log.retry(&url, &failure.error, delay, retries + 1);
        if JsFuture::from(sleep(delay, &opts.signal)).await.is_err() {
            return Err(Failure { interrupted_retry_of: Some(failure.error), ..Failure::fatal(user_abort(opts)) });
        }
        retrying = Some(failure.error);
        retries += 1;
    }
}

/// `APIUserAbortError`, with the signal's reason (a `TimeoutError` from
/// `AbortSignal.timeout`, the value given to `abort(reason)`) as its `cause`.
pub fn user_abort(opts: &CallOptions) -> JsValue {
    let reason = crate::wasm::bindings::get(&opts.signal, &"reason".into()).ok().filter(|r| !r.is_undefined());
    let reason = reason.map(|r| redact_cause(&r, opts.config.api_key.as_deref()));
    no_response_error(ErrorKind::ApiUserAbort, "Request was aborted.", reason.as_ref())
}

/// The error for a failure before a complete response: which one the deadline tells.
fn no_response(opts: &CallOptions, deadline: &Deadline, cause: JsValue) -> Failure {
    let (timeout_ms, api_key) = (opts.config.timeout_ms, opts.config.api_key.as_deref());
    match deadline.state().as_str() {
        "abort" => Failure::fatal(user_abort(opts)),
        "timeout" => Failure {
            error: no_response_error(
                ErrorKind::ApiConnectionTimeout,
                &format!("Request timed out after {} ms.", crate::text::js_number(timeout_ms)),
                None,
            ),
            retryable: true,
            retry_after: (None, None),
            interrupted_retry_of: None,
        },
        _ => {
            let why = crate::wasm::bindings::get(&cause, &"message".into()).ok().and_then(|m| m.as_string());
            let why = why.or_else(|| cause.as_string()).unwrap_or_else(|| "fetch failed".into());
            let message = redact(&format!("Connection error: {why}"), api_key);
            Failure {
                error: no_response_error(ErrorKind::ApiConnection, &message, Some(&redact_cause(&cause, api_key))),
                retryable: true,
                retry_after: (None, None),
                interrupted_retry_of: None,
            }
        }
    }
}

/// `redirect: 'manual'` first, so a redirect's target is checked before anything connects
/// to it; `'follow'` where a browser hides the target (then the final URL is checked).
/// Authorization goes only to the base URL's origin, as fetch itself does on redirects.
fn request_init(opts: &CallOptions, signal: &JsValue, redirect: &str, with_key: bool) -> Object {
    let headers = Object::new();
    for (name, value) in opts.config.request_headers() {
        if with_key || name != "authorization" {
            set(&headers, &name, &JsValue::from_str(&value));
        }
    }
    let init = Object::new();
    set(&init, "method", &"GET".into());
    set(&init, "headers", &crate::wasm::bindings::headers_of(&headers));
    set(&init, "signal", signal);
    set(&init, "redirect", &redirect.into());
    init
}

fn refused_redirect(target: &str, api_key: Option<&str>) -> Failure {
    let msg = format!(
        "Connection error: refused a redirect to {}: plain http to a non-loopback host is never followed (the API key must not travel in clear text)",
        redact(target, api_key)
    );
    Failure::fatal(no_response_error(ErrorKind::ApiConnection, &msg, None))
}

/// Sends the request and follows redirects whose targets pass the transport rules.
async fn open(url: &str, opts: &CallOptions, deadline: &Deadline) -> Result<Opened, Failure> {
    let api_key = opts.config.api_key.as_deref();
    let allow_http = opts.config.allow_insecure_http;
    let mut current = url.to_string();
    let mut redirect = "manual";
    let mut redirects = 0;
    loop {
        let init = request_init(opts, &deadline.signal(), redirect, same_origin(&current, url));
        let resp = JsFuture::from(deadline.race(&call_fetch(&opts.fetch, &current, &init)))
            .await
            .map_err(|e| no_response(opts, deadline, e))?;
        let resp = Opened::open(&resp).map_err(|e| {
            let why =
                crate::wasm::bindings::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default();
            let message = redact(&format!("Connection error: {why}"), api_key);
            Failure::fatal(no_response_error(ErrorKind::ApiConnection, &message, Some(&redact_cause(&e, api_key))))
        })?;
        if resp.opaque_redirect && redirect == "manual" {
            // A browser: the target is hidden from us, so fetch follows it (it drops
            // Authorization across origins itself) and the final URL is checked below.
            resp.cancel();
            redirect = "follow";
            continue;
        }
        if let Some(target) = resp.redirect_target(&current) {
            resp.cancel();
            if crate::config::is_insecure_target(&target, allow_http) {
                return Err(refused_redirect(&target, api_key));
            }
            redirects += 1;
            if redirects > MAX_REDIRECTS {
                let msg = format!("Connection error: more than {MAX_REDIRECTS} redirects");
                return Err(Failure::fatal(no_response_error(ErrorKind::ApiConnection, &msg, None)));
            }
            current = target;
            continue;
        }
        if resp.redirected && crate::config::is_insecure_target(&resp.url, allow_http) {
            resp.cancel();
            return Err(refused_redirect(&resp.url, api_key));
        }
        return Ok(resp);
    }
}

async fn attempt(url: &str, opts: &CallOptions, deadline: &Deadline) -> Result<Fetched, Failure> {
    let api_key = opts.config.api_key.as_deref();
    if deadline.state() == "abort" {
        return Err(Failure::fatal(user_abort(opts)));
    }
    let resp = open(url, opts, deadline).await?;
    let info = response_info(&resp, api_key);
    let retry_after = (resp.header("retry-after-ms"), resp.header("retry-after"));
    let bytes = match read_capped(&resp, opts.config.max_response_bytes, deadline).await {
        Ok(bytes) => bytes,
        Err(BodyError::Failed(cause)) => return Err(no_response(opts, deadline, cause)),
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
        // A body that spells the key with JSON escapes (`\/`, `\u0041`) only shows it once parsed.
        let body = if parsed.is_undefined() { JsValue::from_str(&text) } else { redact_deep(&parsed, api_key) };
        let kind = ErrorKind::for_status(info.status);
        let message = redact(&status_message(info.status, &text), api_key);
        let error = status_error(kind, &message, &info, &body, None);
        let retryable = should_retry(Outcome::Status(info.status), resp.header("x-should-retry").as_deref());
        return Err(Failure { error, retryable, retry_after, interrupted_retry_of: None });
    }
    // The common case: JSON.parse and a quick look settle it (js/fast-path.js).
    let mut fast = crate::wasm::bytes::fast_parse(&bytes, opts.config.strict);
    if let Some(data) = fast.data.take() {
        return Ok(Fetched { data, info, retries: 0 });
    }
    let checked = crate::validate::check_body(&bytes, opts.config.strict);
    let declined = fast.take_declined();
    if !checked.issues.is_empty() {
        return Err(Failure::fatal(invalid_body(&info, &bytes, &checked.issues, api_key)));
    }
    let data = if declined.is_undefined() {
        crate::wasm::bytes::json_of_valid(&bytes, checked.absent_nullable)
    } else {
        Ok(crate::wasm::nulls::filled(declined, checked.absent_nullable))
    };
    match data {
        Ok(data) => Ok(Fetched { data, info, retries: 0 }),
        // Only if the validator and JSON.parse ever disagree: still a typed error.
        Err(why) => {
            let issue = Issue::new("", IssueCode::InvalidJson, format!("invalid JSON: {why}"));
            Err(Failure::fatal(invalid_body(&info, &bytes, &[issue], api_key)))
        }
    }
}

/// A cause to keep on an error, with the key out of its text (see js/runtime.js).
fn redact_cause(cause: &JsValue, api_key: Option<&str>) -> JsValue {
    match api_key {
        Some(key) if !key.is_empty() => crate::wasm::bindings::redact_cause(cause, key),
        _ => cause.clone(),
    }
}

/// `value` with the key replaced in every string and object key (see js/runtime.js).
fn redact_deep(value: &JsValue, api_key: Option<&str>) -> JsValue {
    match api_key {
        Some(key) if !key.is_empty() => crate::wasm::bindings::redact_deep(value, key),
        _ => value.clone(),
    }
}

fn invalid_body(info: &ResponseInfo, bytes: &[u8], issues: &[Issue], api_key: Option<&str>) -> JsValue {
    let text = redact(&String::from_utf8_lossy(bytes), api_key);
    // Issue messages quote the values they received: the key must not survive in them either.
    let issues: Vec<Issue> =
        issues.iter().map(|i| Issue { message: redact(&i.message, api_key), ..i.clone() }).collect();
    let issues = &issues[..];
    let message = redact(&format!("{} invalid response body: {}", info.status, summarize(issues)), api_key);
    status_error(ErrorKind::ApiResponseValidation, &message, info, &JsValue::from_str(&text), Some(issues))
}

/// Status, headers as a plain object (lower-case names, key redacted) and the request id.
fn response_info(resp: &Opened, api_key: Option<&str>) -> ResponseInfo {
    let headers = Object::new();
    for (name, value) in resp.headers() {
        set(&headers, name, &JsValue::from_str(&redact(value, api_key)));
    }
    let request_id = resp.header("x-request-id").or_else(|| resp.header("request-id")).map(|v| redact(&v, api_key));
    ResponseInfo { status: resp.status, headers, request_id }
}
