//! waitForTask: polls until the task reaches a terminal status. Each poll is a full fetch
//! (with its own retries and timeout); the wait as a whole ends at `maxWaitMs` or when the
//! caller aborts, also in the middle of a poll or of a sleep. A poll that fails transiently
//! (after its own retries: 5xx, 429, connection errors, timeouts) does not end the wait: it
//! polls again after the server's Retry-After or the grown interval, within `maxWaitMs`
//! (without one, up to a few failed polls in a row; see poll.rs).

use super::fetch_task_or_failure;
use crate::error::ErrorKind;
use crate::model::TaskStatus;
use crate::poll::{interval_after_failure, keep_polling_after_failure, next_interval, Snapshot};
use crate::retry::server_delay_ms;
use crate::wasm::bindings::{create_error, sleep, Deadline};
use crate::wasm::errors::set;
use crate::wasm::options::CallOptions;
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn snapshot(data: &JsValue) -> Snapshot {
    let get = |v: &JsValue, k: &str| crate::wasm::bindings::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
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
    let mut seen = Seen { last_task: JsValue::NULL, last_error: None };
    let result = poll(task_id, opts, &deadline, &mut seen).await;
    let state = deadline.state();
    deadline.dispose();
    match (result, state.as_str()) {
        (Ok(task), _) => Ok(task),
        (Err(_), "timeout") => Err(wait_timeout(task_id, opts, seen)),
        (Err(_), "abort") => Err(super::user_abort(opts)),
        (Err(e), _) => Err(e),
    }
}

/// What the wait saw last: the last snapshot, and the last transient error since it.
struct Seen {
    last_task: JsValue,
    last_error: Option<JsValue>,
}

async fn poll(task_id: &str, opts: &CallOptions, deadline: &Deadline, seen: &mut Seen) -> Result<JsValue, JsValue> {
    // Every poll and sleep listens to the wait's own deadline (maxWaitMs and the caller's signal).
    let poll_opts = CallOptions { signal: deadline.signal(), ..opts.clone() };
    let base = opts.wait.poll_interval_ms;
    let mut interval = base;
    let mut last: Option<Snapshot> = None;
    let mut failed_in_a_row = 0;
    loop {
        let data = match fetch_task_or_failure(task_id, &poll_opts).await {
            Ok(fetched) => fetched.data,
            Err(failure) => {
                // maxWaitMs may end a poll while it waits to retry: keep what it was retrying.
                if let Some(error) = &failure.interrupted_retry_of {
                    seen.last_error = Some(error.clone());
                }
                failed_in_a_row += 1;
                let again = failure.retryable
                    && deadline.state().is_empty()
                    && keep_polling_after_failure(opts.wait.max_wait_ms.is_some(), failed_in_a_row);
                if !again {
                    return Err(failure.error);
                }
                let (after_ms, after) = &failure.retry_after;
                let asked = server_delay_ms(after_ms.as_deref(), after.as_deref(), js_sys::Date::now());
                interval = interval_after_failure(interval, base, asked);
                seen.last_error = Some(failure.error);
                JsFuture::from(deadline.race(&sleep(interval, &deadline.signal()))).await?;
                continue;
            }
        };
        failed_in_a_row = 0;
        seen.last_error = None;
        let now = snapshot(&data);
        let changed = last.as_ref() != Some(&now);
        seen.last_task = data.clone();
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

fn wait_timeout(task_id: &str, opts: &CallOptions, seen: Seen) -> JsValue {
    let status = crate::wasm::bindings::get(&seen.last_task, &"task".into())
        .and_then(|t| crate::wasm::bindings::get(&t, &"status".into()))
        .ok()
        .and_then(|s| s.as_string())
        .map_or("no snapshot yet".to_string(), |s| format!("last status: {s}"));
    // The error that kept the last polls from succeeding, if any: already redacted.
    let last_error =
        seen.last_error.as_ref().and_then(|e| crate::wasm::bindings::get(e, &"message".into()).ok()?.as_string());
    let last_error = last_error.map_or(String::new(), |m| format!("; last error: {m}"));
    let message = format!(
        "task {} did not finish within {} ms ({status}{last_error})",
        crate::text::quoted(task_id),
        crate::text::js_number(opts.wait.max_wait_ms.unwrap_or(0.0))
    );
    let props = Object::new();
    set(&props, "lastTask", &seen.last_task);
    if let Some(cause) = &seen.last_error {
        set(&props, "cause", cause);
    }
    create_error(ErrorKind::WaitTimeout.class_name(), &message, &props)
}
