//! The wire model of `GET /api/tasks/{taskId}`: the single source of the TypeScript
//! declarations shipped in the package (via tsify). Field names are camelCase on the wire.
//!
//! Nullability follows what the API really sends (see DESIGN.md), not the docs page:
//! `completedAt`, `createdByUserId` and `structuredOutput` may be `null` or absent, and an
//! absent one reads as `null` in the object handed to JS.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Lifecycle state of a task. `completed`, `error` and `aborted` are terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatus {
    Pending,
    Running,
    Completed,
    Error,
    Aborted,
}

impl TaskStatus {
    pub const ALL: [&'static str; 5] = ["pending", "running", "completed", "error", "aborted"];

    pub fn is_terminal_name(name: &str) -> bool {
        matches!(name, "completed" | "error" | "aborted")
    }
}

/// What started a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum TriggeredBy {
    Api,
    Email,
    Schedule,
    Ui,
}

impl TriggeredBy {
    pub const ALL: [&'static str; 4] = ["api", "email", "schedule", "ui"];
}

/// Aggregates over all turns of a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TaskTotals {
    /// Credits spent (finite, >= 0; may be fractional).
    pub credits: f64,
    /// Wall-clock time in milliseconds (non-negative safe integer).
    pub duration_ms: u64,
    /// Number of turns (non-negative safe integer).
    pub turn_count: u64,
}

/// A task as returned by the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct Task {
    pub id: String,
    /// RFC 3339 date-time, or null while the task has not finished.
    pub completed_at: Option<String>,
    /// RFC 3339 date-time.
    pub created_at: String,
    /// Null for tasks not started by a user (schedules, email, API).
    pub created_by_user_id: Option<String>,
    pub organization_id: String,
    pub status: TaskStatus,
    pub title: String,
    pub totals: TaskTotals,
    pub triggered_by: TriggeredBy,
    /// Absolute http(s) URL of the task in the Handinger dashboard.
    pub url: String,
    pub worker_id: String,
}

/// One turn (a request/response exchange) of a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct Turn {
    pub id: String,
    /// RFC 3339 date-time, or null while the turn runs.
    pub completed_at: Option<String>,
    pub credits: f64,
    pub duration_ms: u64,
    pub input: String,
    pub input_tokens: u64,
    pub output_text: String,
    pub output_tokens: u64,
    /// Free-form (not an enum on the wire).
    pub role: String,
    pub seq: u64,
    /// RFC 3339 date-time.
    pub started_at: String,
    /// Free-form (not an enum on the wire).
    pub status: String,
    /// JSON payload when the worker has an output schema, else null.
    #[tsify(type = "Record<string, unknown> | null")]
    pub structured_output: Option<serde_json::Map<String, serde_json::Value>>,
    pub task_id: String,
}

/// The body of `GET /api/tasks/{taskId}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TaskWithTurns {
    pub task: Task,
    pub turns: Vec<Turn>,
}
