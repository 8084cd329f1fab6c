//! The issue-collecting validator: one pass over JSON bytes, no tree built. It checks the
//! wire model (src/model.rs) field by field and collects every issue with its JSON path.
//! Unknown fields are skipped (never an issue); duplicate keys: the last one wins, as in
//! `JSON.parse`.

use super::json::{Kind, Res, Scanner};
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
        matches!(
            self,
            Rule::NullableStr | Rule::NullableDatetime | Rule::Record
        )
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

pub const TOTALS_FIELDS: &[Field] = &[
    f("credits", Rule::Credits),
    f("durationMs", Rule::Count),
    f("turnCount", Rule::Count),
];

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

const MAX_FIELDS: usize = 16;

/// A JSON path, rendered only when an issue needs it.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Field(&'p Path<'p>, &'static str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Field(Path::Root, name) => name.to_string(),
            Path::Field(parent, name) => format!("{}.{name}", parent.render()),
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

struct Walk<'a, 's> {
    sc: &'s mut Scanner<'a>,
    strict: bool,
}

/// Validates JSON bytes against the wire model. An empty result means valid. A syntax
/// error yields exactly one `invalid_json` issue (with line and column).
pub fn validate(sc: &mut Scanner<'_>, strict: bool) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut walk = Walk { sc, strict };
    let result = walk
        .value(&Path::Root, Rule::Root, &mut issues)
        .and_then(|_| walk.sc.finish());
    match result {
        Ok(()) => issues,
        Err(e) => {
            let (line, col) = walk.sc.line_col(e.offset);
            vec![Issue::new(
                "",
                IssueCode::InvalidJson,
                format!("invalid JSON at line {line}, column {col}: {}", e.what),
            )]
        }
    }
}

impl<'a> Walk<'a, '_> {
    /// Checks one value against its rule, consuming it.
    fn value(&mut self, path: &Path<'_>, rule: Rule, out: &mut Vec<Issue>) -> Res<()> {
        let kind = self.sc.kind()?;
        match (rule, kind) {
            (Rule::NullableStr | Rule::NullableDatetime | Rule::Record, Kind::Null) => {
                self.sc.null()
            }
            (Rule::Str | Rule::NullableStr, Kind::String) => self.sc.string().map(drop),
            (Rule::Datetime | Rule::NullableDatetime, Kind::String) => {
                let s = self.sc.string()?.decode();
                if !is_rfc3339(&s) {
                    out.push(issue(
                        path,
                        IssueCode::InvalidDatetime,
                        "an RFC 3339 date-time",
                        &quote(&s),
                    ));
                }
                Ok(())
            }
            (Rule::Url, Kind::String) => {
                let s = self.sc.string()?.decode();
                if !is_http_url(&s) {
                    out.push(issue(
                        path,
                        IssueCode::InvalidUrl,
                        "an absolute http(s) URL",
                        &quote(&s),
                    ));
                }
                Ok(())
            }
            (Rule::Enum(allowed), Kind::String) => {
                let s = self.sc.string()?.decode();
                if self.strict && !allowed.contains(&&*s) {
                    let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
                    out.push(issue(
                        path,
                        IssueCode::InvalidEnumValue,
                        &format!("one of {}", list.join(" | ")),
                        &quote(&s),
                    ));
                }
                Ok(())
            }
            (Rule::Count | Rule::Credits, Kind::Number) => {
                let start = self.sc.pos;
                let n = self.sc.number()?;
                let text = || {
                    format!(
                        "number {}",
                        String::from_utf8_lossy(&self.sc.bytes[start..self.sc.pos])
                    )
                };
                let problem = if rule == Rule::Credits {
                    if !n.is_finite() {
                        Some((IssueCode::NotFinite, "a finite number >= 0"))
                    } else if n < 0.0 {
                        Some((IssueCode::Negative, "a finite number >= 0"))
                    } else {
                        None
                    }
                } else if !n.is_finite() {
                    Some((IssueCode::NotFinite, "a non-negative integer"))
                } else if n.fract() != 0.0 {
                    Some((IssueCode::NotInteger, "a non-negative integer"))
                } else if n < 0.0 {
                    Some((IssueCode::Negative, "a non-negative integer"))
                } else if n > MAX_SAFE_INTEGER {
                    Some((IssueCode::TooLarge, "a non-negative integer at most 2^53-1"))
                } else {
                    None
                };
                if let Some((code, expected)) = problem {
                    out.push(issue(path, code, expected, &text()));
                }
                Ok(())
            }
            (Rule::Totals, Kind::Object) => self.object(path, TOTALS_FIELDS, out),
            (Rule::Root, Kind::Object) => self.object(path, ROOT_FIELDS, out),
            (Rule::Task, Kind::Object) => self.object(path, TASK_FIELDS, out),
            (Rule::Turns, Kind::Array) => {
                self.sc.open();
                let mut first = true;
                let mut index = 0;
                while self.sc.next_element(&mut first)? {
                    let at = Path::Index(path, index);
                    if self.sc.kind()? == Kind::Object {
                        self.object(&at, TURN_FIELDS, out)?;
                    } else {
                        self.wrong_type(&at, "an object", out)?;
                    }
                    index += 1;
                }
                Ok(())
            }
            (Rule::Record, Kind::Object) => self.sc.skip_value(),
            _ => self.wrong_type(path, expected_for(rule), out),
        }
    }

    fn object(
        &mut self,
        path: &Path<'_>,
        fields: &'static [Field],
        out: &mut Vec<Issue>,
    ) -> Res<()> {
        debug_assert!(fields.len() <= MAX_FIELDS);
        // Per known field: (order of its last occurrence, its issues). Last duplicate wins.
        let mut seen: [Option<(usize, Vec<Issue>)>; MAX_FIELDS] = Default::default();
        let mut order = 0;
        self.sc.open();
        let mut first = true;
        while let Some(key) = self.sc.next_key(&mut first)? {
            match fields.iter().position(|f| key.eq_name(f.name)) {
                Some(i) => {
                    let mut found = Vec::new();
                    self.value(
                        &Path::Field(path, fields[i].name),
                        fields[i].rule,
                        &mut found,
                    )?;
                    seen[i] = Some((order, found));
                    order += 1;
                }
                None => self.sc.skip_value()?,
            }
        }
        let missing = fields
            .iter()
            .zip(&seen)
            .filter(|(field, seen)| seen.is_none() && !field.rule.nullable());
        let missing: Vec<Issue> = missing
            .map(|(field, _)| {
                let at = Path::Field(path, field.name);
                let message = format!(
                    "{}: expected {}, but the field is missing",
                    at.render(),
                    expected_for(field.rule)
                );
                Issue::new(at.render(), IssueCode::MissingField, message)
            })
            .collect();
        let mut present: Vec<(usize, Vec<Issue>)> = seen
            .into_iter()
            .flatten()
            .filter(|(_, v)| !v.is_empty())
            .collect();
        present.sort_by_key(|(o, _)| *o);
        out.extend(present.into_iter().flat_map(|(_, v)| v));
        out.extend(missing);
        Ok(())
    }

    /// Consumes a value of the wrong type and reports it.
    fn wrong_type(&mut self, path: &Path<'_>, expected: &str, out: &mut Vec<Issue>) -> Res<()> {
        let received = match self.sc.kind()? {
            Kind::String => quote(&self.sc.string()?.decode()),
            Kind::Number => {
                let start = self.sc.pos;
                self.sc.number()?;
                format!(
                    "number {}",
                    String::from_utf8_lossy(&self.sc.bytes[start..self.sc.pos]).trim()
                )
            }
            Kind::Bool => format!("boolean {}", self.sc.boolean()?),
            Kind::Null => {
                self.sc.null()?;
                "null".to_string()
            }
            Kind::Object => {
                self.sc.skip_value()?;
                "an object".to_string()
            }
            Kind::Array => {
                self.sc.skip_value()?;
                "an array".to_string()
            }
        };
        out.push(issue(path, IssueCode::InvalidType, expected, &received));
        Ok(())
    }
}

fn expected_for(rule: Rule) -> &'static str {
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

fn issue(path: &Path<'_>, code: IssueCode, expected: &str, received: &str) -> Issue {
    let at = path.render();
    let message = if at.is_empty() {
        format!("expected {expected}, received {received}")
    } else {
        format!("{at}: expected {expected}, received {received}")
    };
    Issue::new(at, code, message)
}

/// A string value for a message: quoted, escaped, cut to 60 characters.
fn quote(s: &str) -> String {
    let cut = crate::error::cut_chars(s, 60);
    format!("string {}", serde_json::to_string(&cut).unwrap_or_default())
}
