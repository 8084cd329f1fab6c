//! The wire model as validation rules: which field holds what, how a value is checked, and
//! how an issue is worded. Both validators (bytes.rs over JSON bytes, tree.rs over parsed
//! values) walk these tables, so they cannot disagree on the rules. A native test checks the
//! tables against the serde model in src/model.rs.

use super::rules::{is_http_url, is_rfc3339, MAX_SAFE_INTEGER};
use crate::issue::{Issue, IssueCode};
use crate::model::{TaskStatus, TriggeredBy};

/// How a field's value is checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    Str,
    NullableStr,
    Datetime,
    NullableDatetime,
    Url,
    /// A non-negative safe integer.
    Count,
    /// A finite number >= 0.
    Credits,
    Enum(&'static [&'static str]),
    /// The whole `TaskWithTurns`.
    Root,
    Totals,
    Task,
    Turns,
    /// An object or null (contents free).
    Record,
}

impl Rule {
    /// May be null, and reads as null when absent.
    pub fn nullable(self) -> bool {
        matches!(self, Rule::NullableStr | Rule::NullableDatetime | Rule::Record)
    }
}

pub struct Field {
    pub name: &'static str,
    pub rule: Rule,
}

const fn f(name: &'static str, rule: Rule) -> Field {
    Field { name, rule }
}

pub const ROOT_FIELDS: &[Field] = &[f("task", Rule::Task), f("turns", Rule::Turns)];

pub const TASK_FIELDS: &[Field] = &[
    f("id", Rule::Str),
    f("completedAt", Rule::NullableDatetime),
    f("createdAt", Rule::Datetime),
    f("createdByUserId", Rule::NullableStr),
    f("organizationId", Rule::Str),
    f("status", Rule::Enum(&TaskStatus::ALL)),
    f("title", Rule::Str),
    f("totals", Rule::Totals),
    f("triggeredBy", Rule::Enum(&TriggeredBy::ALL)),
    f("url", Rule::Url),
    f("workerId", Rule::Str),
];

pub const TOTALS_FIELDS: &[Field] =
    &[f("credits", Rule::Credits), f("durationMs", Rule::Count), f("turnCount", Rule::Count)];

pub const TURN_FIELDS: &[Field] = &[
    f("id", Rule::Str),
    f("completedAt", Rule::NullableDatetime),
    f("credits", Rule::Credits),
    f("durationMs", Rule::Count),
    f("input", Rule::Str),
    f("inputTokens", Rule::Count),
    f("outputText", Rule::Str),
    f("outputTokens", Rule::Count),
    f("role", Rule::Str),
    f("seq", Rule::Count),
    f("startedAt", Rule::Datetime),
    f("status", Rule::Str),
    f("structuredOutput", Rule::Record),
    f("taskId", Rule::Str),
];

/// A JSON path, rendered only when an issue needs it.
#[derive(Clone, Copy)]
pub enum Path<'p> {
    Root,
    Field(&'p Path<'p>, &'static str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    pub fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Field(Path::Root, name) => name.to_string(),
            Path::Field(parent, name) => format!("{}.{name}", parent.render()),
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

pub fn expected_for(rule: Rule) -> &'static str {
    match rule {
        Rule::Str => "a string",
        Rule::NullableStr => "a string or null",
        Rule::Datetime => "an RFC 3339 date-time string",
        Rule::NullableDatetime => "an RFC 3339 date-time string or null",
        Rule::Url => "an absolute http(s) URL string",
        Rule::Count => "a non-negative integer",
        Rule::Credits => "a finite number >= 0",
        Rule::Enum(_) => "a string",
        Rule::Root | Rule::Totals | Rule::Task => "an object",
        Rule::Turns => "an array",
        Rule::Record => "an object or null",
    }
}

pub fn issue(path: &Path<'_>, code: IssueCode, expected: &str, received: &str) -> Issue {
    let at = path.render();
    let message = if at.is_empty() {
        format!("expected {expected}, received {received}")
    } else {
        format!("{at}: expected {expected}, received {received}")
    };
    Issue::new(at, code, message)
}

/// A string value for a message: quoted and escaped as JSON, cut to 60 characters.
pub fn quote(s: &str) -> String {
    format!("string {}", crate::text::quoted(&crate::error::cut_chars(s, 60)))
}

/// Checks a string value against a string rule (`Datetime`, `Url`, `Enum` and nullable
/// forms; plain strings need no check): the one place string rules live.
pub fn check_string(path: &Path<'_>, rule: Rule, s: &str, strict: bool, out: &mut Vec<Issue>) {
    match rule {
        Rule::Datetime | Rule::NullableDatetime if !is_rfc3339(s) => {
            out.push(issue(path, IssueCode::InvalidDatetime, "an RFC 3339 date-time", &quote(s)));
        }
        Rule::Url if !is_http_url(s) => {
            out.push(issue(path, IssueCode::InvalidUrl, "an absolute http(s) URL", &quote(s)))
        }
        Rule::Enum(allowed) if strict && !allowed.contains(&s) => {
            let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            out.push(issue(path, IssueCode::InvalidEnumValue, &format!("one of {}", list.join(" | ")), &quote(s)));
        }
        _ => {}
    }
}

/// True when raw, unescaped string bytes certainly pass `rule`, decided without decoding
/// (the common case, kept cheap); false means "decode and run [`check_string`]".
pub fn string_surely_ok(rule: Rule, raw: &[u8], strict: bool) -> bool {
    match rule {
        Rule::Datetime | Rule::NullableDatetime => super::rules::rfc3339_instant_bytes(raw).is_some(),
        Rule::Enum(allowed) => !strict || allowed.iter().any(|a| a.as_bytes() == raw),
        Rule::Str | Rule::NullableStr => true,
        _ => false,
    }
}

/// Checks a number against `Count` or `Credits`; `shown` renders it for the message.
pub fn check_number(path: &Path<'_>, rule: Rule, n: f64, shown: impl FnOnce() -> String, out: &mut Vec<Issue>) {
    let (code, expected) = if rule == Rule::Credits {
        match n {
            n if !n.is_finite() => (IssueCode::NotFinite, "a finite number >= 0"),
            n if n < 0.0 => (IssueCode::Negative, "a finite number >= 0"),
            _ => return,
        }
    } else {
        match n {
            n if !n.is_finite() => (IssueCode::NotFinite, "a non-negative integer"),
            n if n.fract() != 0.0 => (IssueCode::NotInteger, "a non-negative integer"),
            n if n < 0.0 => (IssueCode::Negative, "a non-negative integer"),
            n if n > MAX_SAFE_INTEGER => (IssueCode::TooLarge, "a non-negative integer at most 2^53-1"),
            _ => return,
        }
    };
    out.push(issue(path, code, expected, &format!("number {}", shown())));
}

/// The issue for an absent required field.
pub fn missing(path: &Path<'_>, field: &Field) -> Issue {
    let at = Path::Field(path, field.name);
    let message = format!("{}: expected {}, but the field is missing", at.render(), expected_for(field.rule));
    Issue::new(at.render(), IssueCode::MissingField, message)
}
