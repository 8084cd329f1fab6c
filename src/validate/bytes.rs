//! The fast validator: one pass over JSON bytes, no tree built. It walks the rule tables of
//! schema.rs and collects every issue with its JSON path. Unknown fields are skipped (never
//! an issue); duplicate keys: the last one wins, as in `JSON.parse`.

use super::json::{Kind, Res, Scanner};
use super::schema::{
    check_number, check_string, expected_for, issue, missing, quote, string_surely_ok, Field, Path, Rule,
};
use super::schema::{ROOT_FIELDS, TASK_FIELDS, TOTALS_FIELDS, TURN_FIELDS};
use crate::issue::{Issue, IssueCode, MAX_ISSUES};

/// What validation found.
#[derive(Debug, Default, PartialEq)]
pub struct Checked {
    /// Empty means valid.
    pub issues: Vec<Issue>,
    /// Some nullable field was absent: the parsed value needs nulls filled in. The API
    /// normally sends every field, so this lets the common case skip that pass.
    pub absent_nullable: bool,
}

/// Validates JSON bytes against the wire model. A syntax error yields exactly one
/// `invalid_json` issue (with line and column), as JSON.parse would fail.
pub fn validate(sc: &mut Scanner<'_>, strict: bool) -> Checked {
    let mut issues = Vec::new();
    let mut walk = Walk { sc, strict, absent_nullable: false, stopped_at_turn: None };
    let result = walk.value(&Path::Root, Rule::Root, &mut issues).and_then(|_| walk.sc.finish());
    match result {
        Ok(()) => {
            if let Some(turn) = walk.stopped_at_turn {
                issues.push(crate::issue::too_many_issues(turn));
            }
            Checked { issues, absent_nullable: walk.absent_nullable }
        }
        Err(e) => {
            let (line, col) = walk.sc.line_col(e.offset);
            let message = format!("invalid JSON at line {line}, column {col}: {}", e.what);
            Checked { issues: vec![Issue::new("", IssueCode::InvalidJson, message)], absent_nullable: false }
        }
    }
}

struct Walk<'a, 's> {
    sc: &'s mut Scanner<'a>,
    strict: bool,
    absent_nullable: bool,
    /// The turn index where listing stopped (MAX_ISSUES reached); later turns are skipped.
    stopped_at_turn: Option<usize>,
}

impl Walk<'_, '_> {
    /// Checks one value against its rule, consuming it.
    fn value(&mut self, path: &Path<'_>, rule: Rule, out: &mut Vec<Issue>) -> Res<()> {
        let kind = self.sc.kind()?;
        match (rule, kind) {
            (Rule::NullableStr | Rule::NullableDatetime | Rule::Record, Kind::Null) => self.sc.null(),
            (Rule::Str | Rule::NullableStr, Kind::String) => self.sc.string().map(drop),
            (Rule::Datetime | Rule::NullableDatetime | Rule::Url | Rule::Enum(_), Kind::String) => {
                let raw = self.sc.string()?;
                if raw.escaped || !string_surely_ok(rule, raw.raw, self.strict) {
                    check_string(path, rule, &raw.decode(), self.strict, out);
                }
                Ok(())
            }
            (Rule::Count | Rule::Credits, Kind::Number) => {
                let start = self.sc.pos;
                let n = self.sc.number()?;
                let bytes = &self.sc.bytes[start..self.sc.pos];
                check_number(path, rule, n, || String::from_utf8_lossy(bytes).trim().to_string(), out);
                Ok(())
            }
            (Rule::Root, Kind::Object) => self.object(path, ROOT_FIELDS, out),
            (Rule::Task, Kind::Object) => self.object(path, TASK_FIELDS, out),
            (Rule::Totals, Kind::Object) => self.object(path, TOTALS_FIELDS, out),
            (Rule::Turns, Kind::Array) => {
                // A later duplicate "turns" key replaces an earlier one, its cut-off too.
                self.stopped_at_turn = None;
                self.sc.open();
                let mut first = true;
                let mut index = 0;
                while self.sc.next_element(&mut first)? {
                    if out.len() >= MAX_ISSUES {
                        // Enough to reject it: the rest is only checked to be JSON.
                        self.stopped_at_turn.get_or_insert(index);
                        self.sc.skip_value()?;
                        continue;
                    }
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

    fn object(&mut self, path: &Path<'_>, fields: &'static [Field], out: &mut Vec<Issue>) -> Res<()> {
        debug_assert!(fields.len() <= 32);
        let mut seen: u32 = 0;
        // Where each field's issues sit in `out`, to drop them if the key comes again (the
        // last duplicate wins, as in JSON.parse). Issues of one field are contiguous.
        let mut spans: [(u32, u32); 32] = [(0, 0); 32];
        // The API sends fields in a fixed order: try the one after the last match first.
        let mut next = 0;
        self.sc.open();
        let mut first = true;
        while let Some(key) = self.sc.next_key(&mut first)? {
            let hit = match fields.get(next) {
                Some(f) if key.eq_name(f.name) => Some(next),
                _ => fields.iter().position(|f| key.eq_name(f.name)),
            };
            let Some(i) = hit else {
                self.sc.skip_value()?;
                continue;
            };
            next = i + 1;
            if seen & (1 << i) != 0 {
                let (start, end) = spans[i];
                out.drain(start as usize..end as usize);
                let removed = end - start;
                for span in spans.iter_mut().filter(|s| s.0 >= end) {
                    *span = (span.0 - removed, span.1 - removed);
                }
            }
            seen |= 1 << i;
            let start = out.len() as u32;
            self.value(&Path::Field(path, fields[i].name), fields[i].rule, out)?;
            spans[i] = (start, out.len() as u32);
        }
        for (i, field) in fields.iter().enumerate() {
            if seen & (1 << i) == 0 {
                if field.rule.nullable() {
                    self.absent_nullable = true;
                } else {
                    out.push(missing(path, field));
                }
            }
        }
        Ok(())
    }

    /// Consumes a value of the wrong type and reports it.
    fn wrong_type(&mut self, path: &Path<'_>, expected: &str, out: &mut Vec<Issue>) -> Res<()> {
        let received = match self.sc.kind()? {
            Kind::String => quote(&self.sc.string()?.decode()),
            Kind::Number => {
                let start = self.sc.pos;
                self.sc.number()?;
                format!("number {}", String::from_utf8_lossy(&self.sc.bytes[start..self.sc.pos]).trim())
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
