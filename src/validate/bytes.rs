//! The fast validator: one pass over JSON bytes, no tree built. It walks the rule tables of
//! schema.rs and collects every issue with its JSON path. Unknown fields are skipped (never
//! an issue); duplicate keys: the last one wins, as in `JSON.parse`.

use super::json::{Kind, Res, Scanner};
use super::schema::{check_number, check_string, expected_for, issue, missing, quote, Field, Path, Rule, MAX_FIELDS};
use super::schema::{ROOT_FIELDS, TASK_FIELDS, TOTALS_FIELDS, TURN_FIELDS};
use crate::issue::{Issue, IssueCode};

/// Validates JSON bytes against the wire model. An empty result means valid. A syntax error
/// yields exactly one `invalid_json` issue (with line and column), as JSON.parse would fail.
pub fn validate(sc: &mut Scanner<'_>, strict: bool) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut walk = Walk { sc, strict };
    let result = walk.value(&Path::Root, Rule::Root, &mut issues).and_then(|_| walk.sc.finish());
    match result {
        Ok(()) => issues,
        Err(e) => {
            let (line, col) = walk.sc.line_col(e.offset);
            let message = format!("invalid JSON at line {line}, column {col}: {}", e.what);
            vec![Issue::new("", IssueCode::InvalidJson, message)]
        }
    }
}

struct Walk<'a, 's> {
    sc: &'s mut Scanner<'a>,
    strict: bool,
}

impl Walk<'_, '_> {
    /// Checks one value against its rule, consuming it.
    fn value(&mut self, path: &Path<'_>, rule: Rule, out: &mut Vec<Issue>) -> Res<()> {
        let kind = self.sc.kind()?;
        match (rule, kind) {
            (Rule::NullableStr | Rule::NullableDatetime | Rule::Record, Kind::Null) => self.sc.null(),
            (Rule::Str | Rule::NullableStr, Kind::String) => self.sc.string().map(drop),
            (Rule::Datetime | Rule::NullableDatetime | Rule::Url | Rule::Enum(_), Kind::String) => {
                let s = self.sc.string()?.decode();
                check_string(path, rule, &s, self.strict, out);
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

    fn object(&mut self, path: &Path<'_>, fields: &'static [Field], out: &mut Vec<Issue>) -> Res<()> {
        debug_assert!(fields.len() <= MAX_FIELDS);
        // Per known field: (order of its last occurrence, its issues). The last duplicate wins.
        let mut seen: [Option<(usize, Vec<Issue>)>; MAX_FIELDS] = Default::default();
        let mut order = 0;
        self.sc.open();
        let mut first = true;
        while let Some(key) = self.sc.next_key(&mut first)? {
            match fields.iter().position(|f| key.eq_name(f.name)) {
                Some(i) => {
                    let mut found = Vec::new();
                    self.value(&Path::Field(path, fields[i].name), fields[i].rule, &mut found)?;
                    seen[i] = Some((order, found));
                    order += 1;
                }
                None => self.sc.skip_value()?,
            }
        }
        let absent: Vec<Issue> = fields
            .iter()
            .zip(&seen)
            .filter(|(field, seen)| seen.is_none() && !field.rule.nullable())
            .map(|(field, _)| missing(path, field))
            .collect();
        let mut present: Vec<(usize, Vec<Issue>)> = seen.into_iter().flatten().filter(|(_, v)| !v.is_empty()).collect();
        present.sort_by_key(|(o, _)| *o);
        out.extend(present.into_iter().flat_map(|(_, v)| v));
        out.extend(absent);
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
