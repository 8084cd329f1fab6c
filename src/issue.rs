//! One problem found in input: where (`path`), what kind (`code`, stable) and a readable
//! sentence naming what was expected and what was received.

use serde::Serialize;
use tsify::Tsify;

/// Stable machine-readable issue codes (documented in README.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// The text is not JSON (message carries line and column).
    InvalidJson,
    /// A value of the wrong JSON type (e.g. a string where a number belongs).
    InvalidType,
    /// A required field is absent.
    MissingField,
    /// A string outside an enum (message lists the allowed values).
    InvalidEnumValue,
    /// A count that is not a whole number.
    NotInteger,
    /// A count or amount below zero.
    Negative,
    /// A count above 2^53-1 (not exactly representable in JS).
    TooLarge,
    /// A number that is not finite (e.g. `1e400`, which JSON.parse reads as Infinity).
    NotFinite,
    /// Not an RFC 3339 date-time.
    InvalidDatetime,
    /// Not an absolute http(s) URL.
    InvalidUrl,
    /// A task id that cannot be sent (empty, control characters, `..`, too long, not a string).
    InvalidTaskId,
    /// A client option of the wrong type or out of range.
    InvalidOption,
    /// Consistency: `task.totals.turnCount` differs from the number of turns.
    TurnCountMismatch,
    /// Consistency: two turns share a `seq`.
    DuplicateSeq,
    /// Consistency: turns are not in ascending `seq` order.
    UnorderedSeq,
    /// Consistency: a turn's `taskId` is not `task.id`.
    TaskIdMismatch,
    /// Consistency: `completedAt` is before `startedAt` (turn) or `createdAt` (task).
    CompletedBeforeStart,
    /// Consistency: a terminal task (completed, error, aborted) without `completedAt`.
    MissingCompletedAt,
    /// Consistency: a pending or running task with a `completedAt`.
    UnexpectedCompletedAt,
    /// The last issue when validation stopped listing: [`MAX_ISSUES`] were found already and
    /// the turns after them were checked for JSON syntax only.
    TooManyIssues,
}

/// Issues listed before validation stops looking: a hostile body with a million bad turns
/// must not turn into a million issues (memory, time) when a hundred say it all.
pub const MAX_ISSUES: usize = 100;

/// The closing issue when the list was cut at [`MAX_ISSUES`]; `checked_turns` were checked.
pub fn too_many_issues(checked_turns: usize) -> Issue {
    Issue::new(
        "turns",
        IssueCode::TooManyIssues,
        format!(
            "more than {MAX_ISSUES} issues: listing stopped; turns from turns[{checked_turns}] on were not checked"
        ),
    )
}

impl IssueCode {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::InvalidJson => "invalid_json",
            IssueCode::InvalidType => "invalid_type",
            IssueCode::MissingField => "missing_field",
            IssueCode::InvalidEnumValue => "invalid_enum_value",
            IssueCode::NotInteger => "not_integer",
            IssueCode::Negative => "negative",
            IssueCode::TooLarge => "too_large",
            IssueCode::NotFinite => "not_finite",
            IssueCode::InvalidDatetime => "invalid_datetime",
            IssueCode::InvalidUrl => "invalid_url",
            IssueCode::InvalidTaskId => "invalid_task_id",
            IssueCode::InvalidOption => "invalid_option",
            IssueCode::TurnCountMismatch => "turn_count_mismatch",
            IssueCode::DuplicateSeq => "duplicate_seq",
            IssueCode::UnorderedSeq => "unordered_seq",
            IssueCode::TaskIdMismatch => "task_id_mismatch",
            IssueCode::CompletedBeforeStart => "completed_before_start",
            IssueCode::MissingCompletedAt => "missing_completed_at",
            IssueCode::UnexpectedCompletedAt => "unexpected_completed_at",
            IssueCode::TooManyIssues => "too_many_issues",
        }
    }
}

/// A validation issue as handed to JS: `{ path, code, message }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct ValidationIssue {
    /// Where, e.g. `turns[2].outputTokens`; empty for the whole input.
    pub path: String,
    pub code: IssueCode,
    pub message: String,
}

/// Short name used throughout the crate.
pub type Issue = ValidationIssue;

impl ValidationIssue {
    pub fn new(path: impl Into<String>, code: IssueCode, message: impl Into<String>) -> Self {
        ValidationIssue { path: path.into(), code, message: message.into() }
    }
}

/// Joins issue messages into one error message: the first few, then a count of the rest.
pub fn summarize(issues: &[Issue]) -> String {
    const SHOWN: usize = 3;
    let mut parts: Vec<&str> = issues.iter().take(SHOWN).map(|i| i.message.as_str()).collect();
    let rest = issues.len().saturating_sub(SHOWN);
    let more;
    if rest > 0 {
        more = format!("and {rest} more issue{}", if rest == 1 { "" } else { "s" });
        parts.push(&more);
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summarize_lists_three_then_counts() {
        let i = |m: &str| Issue::new("p", IssueCode::InvalidType, m);
        assert_eq!(summarize(&[i("a")]), "a");
        assert_eq!(summarize(&[i("a"), i("b"), i("c"), i("d"), i("e")]), "a; b; c; and 2 more issues");
        assert_eq!(summarize(&[i("a"), i("b"), i("c"), i("d")]), "a; b; c; and 1 more issue");
    }

    #[test]
    fn codes_serialize_as_their_names() {
        let json = serde_json::to_string(&IssueCode::InvalidEnumValue).unwrap();
        assert_eq!(json, format!("\"{}\"", IssueCode::InvalidEnumValue.as_str()));
    }
}
