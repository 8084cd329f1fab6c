//! The exported JS API. Promise-returning functions never throw synchronously: arguments are
//! taken as raw JS values and checked here, and every failure becomes a rejection.

use super::errors::{set, validation_error, validation_error_one};
use super::options::{self, describe};
use crate::issue::{Issue, IssueCode};
use crate::model::TaskStatus;
use js_sys::{JsString, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// A JS value as a checked task id, or the issue with it.
fn task_id_of(id: &JsValue) -> Result<String, Issue> {
    let Some(text) = id.as_string() else {
        let msg = format!("taskId: expected a string, received {}", describe(id));
        return Err(Issue::new("taskId", IssueCode::InvalidTaskId, msg));
    };
    if !id.unchecked_ref::<JsString>().is_valid_utf16() {
        return Err(Issue::new("taskId", IssueCode::InvalidTaskId, "taskId: contains a lone UTF-16 surrogate"));
    }
    crate::task_id::check_task_id(&text)?;
    Ok(text)
}

/// Which call: the result shape differs.
#[derive(Clone, Copy)]
enum Call {
    Fetch,
    WithResponse,
    Wait,
}

/// Checks the arguments now, synchronously, so that anything reading them throws here (where
/// the package entry turns it into a rejection) and not later inside a task nobody awaits.
fn start(task_id: JsValue, call: JsValue, client: Option<&JsValue>, kind: Call) -> Promise {
    let id = match task_id_of(&task_id) {
        Ok(id) => id,
        Err(issue) => return Promise::reject(&validation_error_one(issue)),
    };
    match options::read(&call, client) {
        Ok(opts) => future_to_promise(async move { run(&id, &opts, kind).await }),
        Err(issues) => Promise::reject(&validation_error(&issues)),
    }
}

async fn run(id: &str, opts: &options::CallOptions, kind: Call) -> Result<JsValue, JsValue> {
    if let Call::Wait = kind {
        return crate::http::wait::wait_for_task(id, opts).await;
    }
    let fetched = crate::http::fetch_task(id, opts).await?;
    if let Call::Fetch = kind {
        return Ok(fetched.data);
    }
    let out = Object::new();
    set(&out, "data", &fetched.data);
    set(&out, "status", &JsValue::from(fetched.info.status));
    set(&out, "headers", &fetched.info.headers);
    set(&out, "requestId", &fetched.info.request_id.as_deref().map_or(JsValue::NULL, JsValue::from_str));
    set(&out, "retries", &JsValue::from(fetched.retries));
    Ok(out.into())
}

/// Fetches a task with its turns: `GET {baseUrl}/api/tasks/{taskId}`, validated.
#[wasm_bindgen(js_name = fetchTask, unchecked_return_type = "Promise<TaskWithTurns>")]
pub fn fetch_task(
    #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FetchTaskOptions")] options: Option<JsValue>,
) -> Promise {
    start(task_id, options.unwrap_or(JsValue::UNDEFINED), None, Call::Fetch)
}

/// Like `fetchTask`, with the response status, headers, request id and retry count.
#[wasm_bindgen(js_name = fetchTaskWithResponse, unchecked_return_type = "Promise<TaskWithResponse>")]
pub fn fetch_task_with_response(
    #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FetchTaskOptions")] options: Option<JsValue>,
) -> Promise {
    start(task_id, options.unwrap_or(JsValue::UNDEFINED), None, Call::WithResponse)
}

/// Polls until the task reaches a terminal status (completed, error, aborted). `onUpdate`
/// sees the first snapshot and each change; `maxWaitMs` ends it with `WaitTimeoutError`.
#[wasm_bindgen(js_name = waitForTask, unchecked_return_type = "Promise<TaskWithTurns>")]
pub fn wait_for_task(
    #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WaitForTaskOptions")] options: Option<JsValue>,
) -> Promise {
    start(task_id, options.unwrap_or(JsValue::UNDEFINED), None, Call::Wait)
}

/// Checks a task id and returns it unchanged (not encoded); throws `ValidationError`.
#[wasm_bindgen(js_name = validateTaskId, unchecked_return_type = "string")]
pub fn validate_task_id(#[wasm_bindgen(unchecked_param_type = "unknown")] id: JsValue) -> Result<JsValue, JsValue> {
    task_id_of(&id).map_err(validation_error_one)?;
    Ok(id)
}

/// `completed`, `error` and `aborted` are terminal.
#[wasm_bindgen(js_name = isTerminalStatus)]
pub fn is_terminal_status(#[wasm_bindgen(unchecked_param_type = "string")] status: JsValue) -> bool {
    status.as_string().is_some_and(|s| TaskStatus::is_terminal_name(&s))
}

/// A client holding default options; every call may override them.
#[wasm_bindgen]
pub struct HandingerClient {
    options: JsValue,
}

#[wasm_bindgen]
impl HandingerClient {
    /// Throws `ValidationError` when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: Option<JsValue>,
    ) -> Result<HandingerClient, JsValue> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        options::read(&JsValue::UNDEFINED, Some(&options)).map_err(|issues| validation_error(&issues))?;
        Ok(HandingerClient { options })
    }

    #[wasm_bindgen(js_name = fetchTask, unchecked_return_type = "Promise<TaskWithTurns>")]
    pub fn fetch_task(
        &self,
        #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "FetchTaskOptions")] options: Option<JsValue>,
    ) -> Promise {
        start(task_id, options.unwrap_or(JsValue::UNDEFINED), Some(&self.options), Call::Fetch)
    }

    #[wasm_bindgen(js_name = waitForTask, unchecked_return_type = "Promise<TaskWithTurns>")]
    pub fn wait_for_task(
        &self,
        #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WaitForTaskOptions")] options: Option<JsValue>,
    ) -> Promise {
        start(task_id, options.unwrap_or(JsValue::UNDEFINED), Some(&self.options), Call::Wait)
    }

    #[wasm_bindgen(js_name = fetchTaskWithResponse, unchecked_return_type = "Promise<TaskWithResponse>")]
    pub fn fetch_task_with_response(
        &self,
        #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "FetchTaskOptions")] options: Option<JsValue>,
    ) -> Promise {
        start(task_id, options.unwrap_or(JsValue::UNDEFINED), Some(&self.options), Call::WithResponse)
    }
}
