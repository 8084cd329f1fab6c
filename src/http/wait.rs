//! waitForTask: polls until the task reaches a terminal status. Each poll is a full fetch
//! (with its own retries and timeout); the wait as a whole ends at `maxWaitMs` or when the
//! caller aborts, also in the middle of a poll or of a sleep.

use super::fetch_task;
use crate::error::ErrorKind;
use crate::model::TaskStatus;
use crate::poll::{next_interval, Snapshot};
use crate::wasm::bindings::{create_error, sleep, Deadline};
use crate::wasm::errors::{no_response_error, set};
use crate::wasm::options::CallOptions;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn snapshot(data: &JsValue) -> Snapshot {
    let get = |v: &JsValue, k: &str| Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let task = get(data, "task");
    let turns = get(data, "turns").dyn_into::<Array>().unwrap_or_default();
    let last = turns.length().checked_sub(1).map(|i| turns.get(i));
    Snapshot {
        status: get(&task, "status").as_string().unwrap_or_default(),
        turns: turns.length() as usize,
        last_turn_status: last.and_then(|t| get(&t, "status").as_string()),
    }
}

pub async fn wait_for_task(task_id: &str, opts: &CallOptions) -> Result<JsValue, JsValue> {
    let deadline = Deadline::new(opts.wait.max_wait_ms, &opts.signal);
    let mut last_task = JsValue::NULL;
    let result = poll(task_id, opts, &deadline, &mut last_task).await;
    let state = deadline.state();
    deadline.dispose();
    match (result, state.as_str()) {
        (Ok(task), _) => Ok(task),
        (Err(_), "timeout") => Err(wait_timeout(task_id, opts, last_task)),
        (Err(_), "abort") => Err(no_response_error(ErrorKind::ApiUserAbort, "Request was aborted.", None)),
        (Err(e), _) => Err(e),
    }
}

async fn poll(
    task_id: &str,
    opts: &CallOptions,
    deadline: &Deadline,
    last_task: &mut JsValue,
) -> Result<JsValue, JsValue> {
    // Every poll and sleep listens to the wait's own deadline (maxWaitMs and the caller's signal).
    let poll_opts = CallOptions { signal: deadline.signal(), ..opts.clone() };
    let base = opts.wait.poll_interval_ms;
    let mut interval = base;
    let mut last: Option<Snapshot> = None;
    loop {
        let data = fetch_task(task_id, &poll_opts).await?.data;
        let now = snapshot(&data);
        let changed = last.as_ref() != Some(&now);
        *last_task = data.clone();
        if changed {
            if let Some(on_update) = &opts.wait.on_update {
                on_update.call1(&JsValue::UNDEFINED, &data)?;
            }
        }
        if TaskStatus::is_terminal_name(&now.status) {
            return Ok(data);
        }
        interval = if last.is_none() { base } else { next_interval(interval, base, changed) };
        last = Some(now);
        JsFuture::from(deadline.race(&sleep(interval, &deadline.signal()))).await?;
    }
}

fn wait_timeout(task_id: &str, opts: &CallOptions, last_task: JsValue) -> JsValue {
    let status = Reflect::get(&last_task, &"task".into())
        .and_then(|t| Reflect::get(&t, &"status".into()))
        .ok()
        .and_then(|s| s.as_string())
        .map_or("no snapshot yet".to_string(), |s| format!("last status: {s}"));
    let message = format!(
        "task {} did not finish within {} ms ({status})",
        crate::text::quoted(task_id),
        crate::text::js_number(opts.wait.max_wait_ms.unwrap_or(0.0))
    );
    let props = Object::new();
    set(&props, "lastTask", &last_task);
    create_error(ErrorKind::WaitTimeout.class_name(), &message, &props)
}
