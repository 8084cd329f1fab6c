//! wasm-bindgen tests: the exported API inside a real wasm instance, in Node and in headless
//! Chromium (scripts/test.sh runs this file twice). A custom `fetch` stands in for the
//! network, so these check the JS boundary itself: argument checks, error classes, the
//! response pipeline, and that the instance stays usable after every kind of failure.
#![cfg(target_arch = "wasm32")]

use handinger_wasm::wasm::exports::{
    fetch_task, fetch_task_with_response, is_terminal_status, validate_task_id, HandingerClient,
};
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    type HandingerError;
    type ValidationError;
    type APIError;
    type NotFoundError;
    type InternalServerError;
    type APIResponseValidationError;
    type APIConnectionError;
    type APIConnectionTimeoutError;
    type APIUserAbortError;
}

const SEED: &str = include_str!("fixtures/seed-example.json");
const KEY: &str = "hk_secret_key_123";

/// A JS function built from source: `(args) => body`.
fn js(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

/// A fetch double answering `new Response(body, { status, headers })`, counting calls in
/// `globalThis.__calls`.
fn fake_fetch(status: u16, body: &str, headers: &str) -> JsValue {
    let make = js(
        "status, body, headers",
        "globalThis.__calls = 0; return (url, init) => { globalThis.__calls++; globalThis.__last = { url, init }; \
         return Promise.resolve(new Response(body, { status, headers: JSON.parse(headers) })); };",
    );
    make.call3(&JsValue::NULL, &status.into(), &body.into(), &headers.into()).unwrap()
}

fn calls() -> f64 {
    Reflect::get(&js_sys::global(), &"__calls".into()).unwrap().as_f64().unwrap_or(0.0)
}

fn opts(fetch: &JsValue, extra: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"fetch".into(), fetch).unwrap();
    Reflect::set(&o, &"baseUrl".into(), &"https://api.example.test/v1/".into()).unwrap();
    Reflect::set(&o, &"apiKey".into(), &KEY.into()).unwrap();
    Reflect::set(&o, &"maxRetries".into(), &0.into()).unwrap();
    for (k, v) in extra {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

async fn settle(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |acc, k| Reflect::get(&acc, &k.into()).unwrap())
}

fn text(v: &JsValue, path: &str) -> String {
    get(v, path).as_string().unwrap_or_else(|| format!("{:?}", get(v, path)))
}

#[wasm_bindgen_test]
async fn fetches_validates_and_keeps_unknown_fields() {
    let body = SEED.replacen("\"completedAt\": \"2026-05-11T09:14:48.000Z\",", "\"extra\": {\"deep\": [1]},", 1);
    let fetch = fake_fetch(200, &body, r#"{"x-request-id": "req_1"}"#);
    let data = settle(fetch_task("tsk_2Z-YWz3hFq6VlW".into(), Some(opts(&fetch, &[])))).await.unwrap();
    assert_eq!(text(&data, "task.title"), "Weather report for Barcelona");
    assert!(get(&data, "task.completedAt").is_null(), "a missing nullable field reads as null");
    assert_eq!(get(&data, "task.extra.deep").dyn_into::<Array>().unwrap().length(), 1);
    let last = Reflect::get(&js_sys::global(), &"__last".into()).unwrap();
    assert_eq!(text(&last, "url"), "https://api.example.test/v1/api/tasks/tsk_2Z-YWz3hFq6VlW");
    let headers = get(&last, "init.headers");
    let header = |name: &str| js("h, n", "return h.get(n)").call2(&JsValue::NULL, &headers, &name.into()).unwrap();
    assert_eq!(header("authorization").as_string().unwrap(), format!("Bearer {KEY}"));
    assert_eq!(header("accept").as_string().unwrap(), "application/json");
}

#[wasm_bindgen_test]
async fn with_response_reports_status_headers_and_request_id() {
    let fetch = fake_fetch(200, SEED, r#"{"x-request-id": "req_42", "x-other": "1"}"#);
    let out = settle(fetch_task_with_response("t".into(), Some(opts(&fetch, &[])))).await.unwrap();
    assert_eq!(get(&out, "status").as_f64(), Some(200.0));
    assert_eq!(text(&out, "requestId"), "req_42");
    assert_eq!(text(&out, "headers.x-other"), "1");
    assert_eq!(get(&out, "retries").as_f64(), Some(0.0));
    assert_eq!(text(&out, "data.task.id"), "tsk_2Z-YWz3hFq6VlW");
}

#[wasm_bindgen_test]
async fn bad_ids_reject_with_validation_error_and_send_nothing() {
    let fetch = fake_fetch(200, SEED, "{}");
    let lone_surrogate = js("", "return 'a\\ud800'").call0(&JsValue::NULL).unwrap();
    for id in [
        JsValue::from(42),
        JsValue::NULL,
        JsValue::UNDEFINED,
        "".into(),
        "  ".into(),
        "..".into(),
        "%2E.".into(),
        "a\nb".into(),
        lone_surrogate,
    ] {
        let err = settle(fetch_task(id.clone(), Some(opts(&fetch, &[])))).await.unwrap_err();
        assert!(err.is_instance_of::<ValidationError>(), "{id:?}");
        assert!(err.is_instance_of::<HandingerError>());
        assert_eq!(text(&err, "name"), "ValidationError");
        let issues: Array = get(&err, "issues").dyn_into().unwrap();
        assert_eq!(text(&issues.get(0), "code"), "invalid_task_id");
    }
    assert_eq!(calls(), 0.0, "no request for an invalid id");
}

#[wasm_bindgen_test]
async fn bad_options_reject_with_every_issue() {
    let o = js(
        "",
        "return { timeoutMs: 'soon', maxRetries: -1, baseUrl: 'http://example.com', headers: { 'bad name': 'x' } }",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let err = settle(fetch_task("t".into(), Some(o))).await.unwrap_err();
    assert!(err.is_instance_of::<ValidationError>());
    let paths: Vec<String> =
        get(&err, "issues").dyn_into::<Array>().unwrap().iter().map(|i| text(&i, "path")).collect();
    assert_eq!(paths, ["options.timeoutMs", "options.baseUrl", "options.maxRetries", "options.headers"]);
    let not_object = settle(fetch_task("t".into(), Some("x".into()))).await.unwrap_err();
    assert!(not_object.is_instance_of::<ValidationError>());
}

#[wasm_bindgen_test]
async fn status_errors_map_to_classes_with_body_and_message() {
    let fetch = fake_fetch(404, r#"{"error":"Task not found"}"#, r#"{"request-id": "r9"}"#);
    let err = settle(fetch_task("t".into(), Some(opts(&fetch, &[])))).await.unwrap_err();
    assert!(err.is_instance_of::<NotFoundError>() && err.is_instance_of::<APIError>());
    assert_eq!(text(&err, "message"), "404 Task not found");
    assert_eq!(get(&err, "status").as_f64(), Some(404.0));
    assert_eq!(text(&err, "requestId"), "r9");
    assert_eq!(text(&err, "body.error"), "Task not found");
    assert_eq!(text(&err, "error.error"), "Task not found");

    let html = format!("<html><body>{}</body></html>", "Bad gateway ".repeat(100));
    let fetch = fake_fetch(502, &html, r#"{"content-type": "text/html"}"#);
    let err = settle(fetch_task("t".into(), Some(opts(&fetch, &[])))).await.unwrap_err();
    assert!(err.is_instance_of::<InternalServerError>());
    let message = text(&err, "message");
    assert!(message.starts_with("502 <html><body>Bad gateway"), "{message}");
    assert_eq!(message.chars().count(), 4 + 500 + 1);
    assert_eq!(text(&err, "body"), html);
}

#[wasm_bindgen_test]
async fn bad_2xx_bodies_are_response_validation_errors() {
    for (body, code) in [
        ("<html>oops</html>", "invalid_json"),
        (&SEED[..300], "invalid_json"),
        ("{\"task\": {}, \"turns\": []}", "missing_field"),
    ] {
        let fetch = fake_fetch(200, body, "{}");
        let err = settle(fetch_task("t".into(), Some(opts(&fetch, &[])))).await.unwrap_err();
        assert!(err.is_instance_of::<APIResponseValidationError>(), "{body}");
        assert_eq!(get(&err, "status").as_f64(), Some(200.0));
        assert_eq!(text(&err, "body"), body);
        let issues: Array = get(&err, "issues").dyn_into().unwrap();
        assert_eq!(text(&issues.get(0), "code"), code);
    }
}

#[wasm_bindgen_test]
async fn the_api_key_never_appears_in_errors() {
    let body = format!(r#"{{"error":"bad key {KEY}"}}"#);
    let headers = format!(r#"{{"x-echo": "Bearer {KEY}"}}"#);
    let fetch = fake_fetch(401, &body, &headers);
    let err = settle(fetch_task("t".into(), Some(opts(&fetch, &[])))).await.unwrap_err();
    let everything =
        js("e", "return JSON.stringify({ m: e.message, s: e.stack, b: e.body, h: e.headers, err: e.error })")
            .call1(&JsValue::NULL, &err)
            .unwrap()
            .as_string()
            .unwrap();
    assert!(!everything.contains(KEY), "{everything}");
    assert!(everything.contains("[redacted]"));
}

#[wasm_bindgen_test]
async fn non_error_rejections_timeouts_and_aborts_keep_the_instance_usable() {
    // fetch rejecting with a plain string (gloo-net would hit unreachable! here).
    let rejecting = js("", "return () => Promise.reject('stop')").call0(&JsValue::NULL).unwrap();
    let err = settle(fetch_task("t".into(), Some(opts(&rejecting, &[])))).await.unwrap_err();
    assert!(err.is_instance_of::<APIConnectionError>());
    assert_eq!(text(&err, "message"), "Connection error: stop");
    assert_eq!(text(&err, "cause"), "stop");

    // fetch throwing synchronously.
    let throwing = js("", "return () => { throw new TypeError('boom'); }").call0(&JsValue::NULL).unwrap();
    let err = settle(fetch_task("t".into(), Some(opts(&throwing, &[])))).await.unwrap_err();
    assert!(err.is_instance_of::<APIConnectionError>());

    // A fetch that never answers: the timeout wins.
    let hanging = js("", "return () => new Promise(() => {})").call0(&JsValue::NULL).unwrap();
    let err = settle(fetch_task("t".into(), Some(opts(&hanging, &[("timeoutMs", 30.into())])))).await.unwrap_err();
    assert!(err.is_instance_of::<APIConnectionTimeoutError>());

    // Aborted with a non-Error reason, before and during the request.
    let aborted =
        js("", "const c = new AbortController(); c.abort('stop'); return c.signal").call0(&JsValue::NULL).unwrap();
    let err = settle(fetch_task("t".into(), Some(opts(&hanging, &[("signal", aborted)])))).await.unwrap_err();
    assert!(err.is_instance_of::<APIUserAbortError>());
    let later = js("", "const c = new AbortController(); setTimeout(() => c.abort(), 20); return c.signal")
        .call0(&JsValue::NULL)
        .unwrap();
    let err = settle(fetch_task("t".into(), Some(opts(&hanging, &[("signal", later)])))).await.unwrap_err();
    assert!(err.is_instance_of::<APIUserAbortError>());

    // And the instance still works.
    let fetch = fake_fetch(200, SEED, "{}");
    assert!(settle(fetch_task("t".into(), Some(opts(&fetch, &[])))).await.is_ok());
}

#[wasm_bindgen_test]
async fn client_options_apply_and_calls_override_them() {
    let fetch = fake_fetch(200, SEED, "{}");
    let client = HandingerClient::new(Some(opts(&fetch, &[]))).unwrap_or_else(|_| panic!("valid options"));
    settle(client.fetch_task("a/b".into(), None)).await.unwrap();
    let last = Reflect::get(&js_sys::global(), &"__last".into()).unwrap();
    assert_eq!(text(&last, "url"), "https://api.example.test/v1/api/tasks/a%2Fb");
    let over = js("", "return { baseUrl: 'http://localhost:9' }").call0(&JsValue::NULL).unwrap();
    settle(client.fetch_task("x?y=1".into(), Some(over))).await.unwrap();
    let last = Reflect::get(&js_sys::global(), &"__last".into()).unwrap();
    assert_eq!(text(&last, "url"), "http://localhost:9/api/tasks/x%3Fy=1");
    let bad = js("", "return { timeoutMs: NaN }").call0(&JsValue::NULL).unwrap();
    assert!(HandingerClient::new(Some(bad)).is_err());
}

#[wasm_bindgen_test]
fn sync_helpers() {
    assert_eq!(validate_task_id("a/b".into()).unwrap().as_string().unwrap(), "a/b");
    assert!(validate_task_id(7.into()).unwrap_err().is_instance_of::<ValidationError>());
    assert!(is_terminal_status("completed".into()) && is_terminal_status("aborted".into()));
    assert!(!is_terminal_status("running".into()) && !is_terminal_status(1.into()));
}

#[wasm_bindgen_test]
async fn a_redirect_to_plain_http_is_refused() {
    let fetch = js(
        "body",
        "return async () => { const r = new Response(body, { status: 200 }); \
         Object.defineProperty(r, 'redirected', { value: true }); \
         Object.defineProperty(r, 'url', { value: 'http://evil.example/api/tasks/t' }); return r; }",
    )
    .call1(&JsValue::NULL, &SEED.into())
    .unwrap();
    let err = settle(fetch_task("t".into(), Some(opts(&fetch, &[])))).await.unwrap_err();
    assert!(err.is_instance_of::<APIConnectionError>());
    assert!(text(&err, "message").contains("refused a redirect to http://evil.example/"), "{}", text(&err, "message"));
}

#[wasm_bindgen_test]
async fn a_302_to_plain_http_is_refused_before_it_is_requested() {
    // fetch answers a 302 (as with redirect: 'manual'); the target must never be requested.
    let fetch = js(
        "",
        "globalThis.__urls = []; return async (url, init) => { globalThis.__urls.push(url + ' ' + init.redirect); \
         return new Response(null, { status: 302, headers: { location: 'http://evil.example/api/tasks/t' } }); }",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let err = settle(fetch_task("t".into(), Some(opts(&fetch, &[("maxRetries", 2.into())])))).await.unwrap_err();
    assert!(err.is_instance_of::<APIConnectionError>());
    assert!(text(&err, "message").contains("refused a redirect to http://evil.example/"), "{}", text(&err, "message"));
    let urls = Reflect::get(&js_sys::global(), &"__urls".into()).unwrap();
    let urls: Vec<String> = Array::from(&urls).iter().filter_map(|u| u.as_string()).collect();
    assert_eq!(urls, vec!["https://api.example.test/v1/api/tasks/t manual".to_string()]);
}

#[wasm_bindgen_test]
async fn retries_follow_the_policy_and_are_counted() {
    // 503 (retry-after-ms: 10), then 200.
    let fetch = js(
        "body",
        "let n = 0; return async () => (n++ === 0 \
           ? new Response('{\"error\":\"busy\"}', { status: 503, headers: { 'retry-after-ms': '10' } }) \
           : new Response(body, { status: 200 }));",
    )
    .call1(&JsValue::NULL, &SEED.into())
    .unwrap();
    let out =
        settle(fetch_task_with_response("t".into(), Some(opts(&fetch, &[("maxRetries", 2.into())])))).await.unwrap();
    assert_eq!(get(&out, "retries").as_f64(), Some(1.0));
    // 404 is final: one call only.
    let fetch = fake_fetch(404, r#"{"error":"nope"}"#, "{}");
    let err = settle(fetch_task("t".into(), Some(opts(&fetch, &[("maxRetries", 2.into())])))).await.unwrap_err();
    assert!(err.is_instance_of::<NotFoundError>());
    assert_eq!(calls(), 1.0);
}
