//! The validator over parsed values (a JS object handed to the parse helpers, or a
//! `serde_json::Value` in native tests): the same rule tables as bytes.rs, walked through the
//! [`Tree`] trait. Only the schema's own fields are visited, so unknown fields and the
//! contents of `structuredOutput` are never walked: cycles and deep nesting there are harmless.

use super::schema::{check_number, check_string, expected_for, issue, missing, Field, Path, Rule};
use super::schema::{ROOT_FIELDS, TASK_FIELDS, TOTALS_FIELDS, TURN_FIELDS};
use crate::issue::{Issue, IssueCode, MAX_ISSUES};
use std::borrow::Cow;

/// What a value is, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    /// A value JSON cannot hold (function, symbol, bigint): described by the name given.
    Other(&'static str),
}

/// A parsed value the validator can walk. Reading may fail (a JS getter that throws).
pub trait Tree: Sized {
    fn kind(&self) -> NodeKind;
    fn string(&self) -> Option<Cow<'_, str>>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// A number as its source would print it (for messages).
    fn number_text(&self) -> String {
        js_number(self.number().unwrap_or(f64::NAN))
    }
    /// An object's field; `None` when absent (or `undefined` in JS).
    fn field(&self, name: &'static str) -> Result<Option<Self>, String>;
    fn array_len(&self) -> Result<usize, String>;
    fn index(&self, i: usize) -> Result<Option<Self>, String>;
}

/// Validates a parsed value against the wire model; an empty result means valid.
pub fn validate<T: Tree>(root: &T, strict: bool) -> Vec<Issue> {
    let mut out = Vec::new();
    value(root, &Path::Root, Rule::Root, strict, &mut out);
    out
}

/// Whether the turns loop stops listing (see MAX_ISSUES); the closing issue is added once.
fn stop_listing(out: &mut Vec<Issue>, turn: usize) -> bool {
    if out.len() < MAX_ISSUES {
        return false;
    }
    out.push(crate::issue::too_many_issues(turn));
    true
}

fn value<T: Tree>(node: &T, path: &Path<'_>, rule: Rule, strict: bool, out: &mut Vec<Issue>) {
    match (rule, node.kind()) {
        (Rule::NullableStr | Rule::NullableDatetime | Rule::Record, NodeKind::Null) => {}
        (Rule::Str | Rule::NullableStr, NodeKind::String) => {}
        (Rule::Datetime | Rule::NullableDatetime | Rule::Url | Rule::Enum(_), NodeKind::String) => {
            check_string(path, rule, &node.string().unwrap_or_default(), strict, out)
        }
        (Rule::Count | Rule::Credits, NodeKind::Number) => {
            let n = node.number().unwrap_or(f64::NAN);
            check_number(path, rule, n, || node.number_text(), out)
        }
        (Rule::Root, NodeKind::Object) => object(node, path, ROOT_FIELDS, strict, out),
        (Rule::Task, NodeKind::Object) => object(node, path, TASK_FIELDS, strict, out),
        (Rule::Totals, NodeKind::Object) => object(node, path, TOTALS_FIELDS, strict, out),
        (Rule::Turns, NodeKind::Array) => {
            let len = match node.array_len() {
                Ok(len) => len,
                Err(why) => return out.push(unreadable(path, &why)),
            };
            for i in 0..len {
                if stop_listing(out, i) {
                    break;
                }
                let at = Path::Index(path, i);
                match node.index(i) {
                    Ok(Some(turn)) if turn.kind() == NodeKind::Object => object(&turn, &at, TURN_FIELDS, strict, out),
                    Ok(Some(other)) => out.push(issue(&at, IssueCode::InvalidType, "an object", &describe(&other))),
                    Ok(None) => out.push(issue(&at, IssueCode::InvalidType, "an object", "undefined")),
                    Err(why) => out.push(unreadable(&at, &why)),
                }
            }
        }
        (Rule::Record, NodeKind::Object) => {}
        _ => out.push(issue(path, IssueCode::InvalidType, expected_for(rule), &describe(node))),
    }
}

fn object<T: Tree>(node: &T, path: &Path<'_>, fields: &[Field], strict: bool, out: &mut Vec<Issue>) {
    for field in fields {
        let at = Path::Field(path, field.name);
        match node.field(field.name) {
            Ok(Some(v)) => value(&v, &at, field.rule, strict, out),
            Ok(None) if field.rule.nullable() => {}
            Ok(None) => out.push(missing(path, field)),
            Err(why) => out.push(unreadable(&at, &why)),
        }
    }
}

fn unreadable(path: &Path<'_>, why: &str) -> Issue {
    issue(path, IssueCode::InvalidType, "a readable value", &format!("a property that threw ({why})"))
}

/// "received …" wording, matching bytes.rs for the JSON kinds.
fn describe<T: Tree>(node: &T) -> String {
    match node.kind() {
        NodeKind::Null => "null".into(),
        NodeKind::Bool => format!("boolean {}", node.boolean().unwrap_or_default()),
        NodeKind::Number => format!("number {}", node.number_text()),
        NodeKind::String => super::schema::quote(&node.string().unwrap_or_default()),
        NodeKind::Array => "an array".into(),
        NodeKind::Object => "an object".into(),
        NodeKind::Other(what) => what.into(),
    }
}

pub use crate::text::js_number;

/// For tests (the differential fuzzing compares both validators); not in the wasm package.
#[cfg(any(test, not(target_arch = "wasm32")))]
impl Tree for serde_json::Value {
    fn kind(&self) -> NodeKind {
        use serde_json::Value as V;
        match self {
            V::Null => NodeKind::Null,
            V::Bool(_) => NodeKind::Bool,
            V::Number(_) => NodeKind::Number,
            V::String(_) => NodeKind::String,
            V::Array(_) => NodeKind::Array,
            V::Object(_) => NodeKind::Object,
        }
    }
    fn string(&self) -> Option<Cow<'_, str>> {
        self.as_str().map(Cow::Borrowed)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn number_text(&self) -> String {
        self.to_string()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn field(&self, name: &'static str) -> Result<Option<Self>, String> {
        Ok(self.get(name).cloned())
    }
    fn array_len(&self) -> Result<usize, String> {
        Ok(self.as_array().map_or(0, Vec::len))
    }
    fn index(&self, i: usize) -> Result<Option<Self>, String> {
        Ok(self.get(i).cloned())
    }
}
