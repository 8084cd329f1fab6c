//! Validator tests over the fixtures and crafted variants of them.

use super::*;
use crate::issue::IssueCode;
use serde_json::{json, Value};

const FIXTURES: [(&str, &str); 4] = [
    ("seed-example", include_str!("../../tests/fixtures/seed-example.json")),
    ("running-task", include_str!("../../tests/fixtures/running-task.json")),
    ("pending-task", include_str!("../../tests/fixtures/pending-task.json")),
    ("multi-turn-error", include_str!("../../tests/fixtures/multi-turn-error.json")),
];

fn seed() -> Value {
    serde_json::from_str(FIXTURES[0].1).unwrap()
}

fn check(v: &Value, strict: bool) -> Vec<Issue> {
    validate_text(&v.to_string(), strict)
}

fn codes(issues: &[Issue]) -> Vec<(String, IssueCode)> {
    issues.iter().map(|i| (i.path.clone(), i.code)).collect()
}

#[test]
fn every_fixture_is_valid_in_both_modes() {
    for (name, text) in FIXTURES {
        assert_eq!(validate_text(text, true), vec![], "{name}");
        assert_eq!(validate_body(text.as_bytes(), false), vec![], "{name}");
    }
}

#[test]
fn fixtures_agree_with_the_serde_model() {
    for (name, text) in FIXTURES {
        let model: crate::model::TaskWithTurns = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(model.turns.len() as u64, model.task.totals.turn_count, "{name}");
    }
}

#[test]
fn field_tables_match_the_model() {
    // The validator's tables must name exactly the model's fields, and its nullable rules
    // exactly the model's Option fields (which serialize as null when None).
    let mut model: crate::model::TaskWithTurns = serde_json::from_str(FIXTURES[0].1).unwrap();
    model.task.completed_at = None;
    model.task.created_by_user_id = None;
    model.turns[0].completed_at = None;
    model.turns[0].structured_output = None;
    let v = serde_json::to_value(&model).unwrap();
    let same = |obj: &Value, fields: &[schema::Field], what: &str| {
        let obj = obj.as_object().unwrap();
        let mut names: Vec<&str> = obj.keys().map(String::as_str).collect();
        let mut table: Vec<&str> = fields.iter().map(|f| f.name).collect();
        names.sort();
        table.sort();
        assert_eq!(names, table, "{what}");
        for f in fields {
            assert_eq!(obj[f.name].is_null(), f.rule.nullable(), "{what}.{}", f.name);
        }
    };
    same(&v, schema::ROOT_FIELDS, "root");
    same(&v["task"], schema::TASK_FIELDS, "task");
    same(&v["task"]["totals"], schema::TOTALS_FIELDS, "totals");
    same(&v["turns"][0], schema::TURN_FIELDS, "turn");
}

#[test]
fn collects_every_issue_with_paths_and_codes() {
    let mut v = seed();
    v["task"]["totals"]["turnCount"] = json!(-1);
    v["task"]["status"] = json!("paused");
    v["task"]["url"] = json!("/relative");
    v["task"].as_object_mut().unwrap().remove("title");
    v["turns"][0]["inputTokens"] = json!("1842");
    v["turns"][0]["seq"] = json!(1.5);
    v["turns"][0]["startedAt"] = json!("yesterday");
    v["turns"][0]["structuredOutput"] = json!([1]);
    v["turns"][0]["outputTokens"] = json!(9007199254740992u64);
    let issues = check(&v, true);
    let got = codes(&issues);
    for want in [
        ("task.totals.turnCount", IssueCode::Negative),
        ("task.status", IssueCode::InvalidEnumValue),
        ("task.url", IssueCode::InvalidUrl),
        ("task.title", IssueCode::MissingField),
        ("turns[0].inputTokens", IssueCode::InvalidType),
        ("turns[0].seq", IssueCode::NotInteger),
        ("turns[0].startedAt", IssueCode::InvalidDatetime),
        ("turns[0].structuredOutput", IssueCode::InvalidType),
        ("turns[0].outputTokens", IssueCode::TooLarge),
    ] {
        assert!(got.contains(&(want.0.to_string(), want.1)), "missing {want:?} in {got:?}");
    }
    assert_eq!(got.len(), 9, "{got:?}");
    let msg = |p: &str| issues.iter().find(|i| i.path == p).unwrap().message.clone();
    assert_eq!(
        msg("turns[0].inputTokens"),
        "turns[0].inputTokens: expected a non-negative integer, received string \"1842\""
    );
    assert_eq!(
        msg("task.status"),
        "task.status: expected one of \"pending\" | \"running\" | \"completed\" | \"error\" | \"aborted\", received string \"paused\""
    );
    assert_eq!(msg("task.title"), "task.title: expected a string, but the field is missing");
}

#[test]
fn lenient_mode_passes_unknown_enum_values_only() {
    let mut v = seed();
    v["task"]["status"] = json!("paused");
    v["task"]["triggeredBy"] = json!("webhook");
    assert_eq!(check(&v, false), vec![]);
    assert_eq!(check(&v, true).len(), 2);
    v["task"]["status"] = json!(3);
    assert_eq!(codes(&check(&v, false)), vec![("task.status".to_string(), IssueCode::InvalidType)]);
}

#[test]
fn nullable_fields_may_be_null_or_absent_but_not_other_types() {
    let mut v = seed();
    for k in ["completedAt", "createdByUserId"] {
        v["task"].as_object_mut().unwrap().remove(k);
    }
    v["turns"][0]["completedAt"] = Value::Null;
    v["turns"][0].as_object_mut().unwrap().remove("structuredOutput");
    assert_eq!(check(&v, true), vec![]);
    v["task"]["createdByUserId"] = json!(5);
    assert_eq!(codes(&check(&v, true)), vec![("task.createdByUserId".to_string(), IssueCode::InvalidType)]);
    let mut v = seed();
    v["task"]["title"] = Value::Null;
    assert_eq!(codes(&check(&v, true)), vec![("task.title".to_string(), IssueCode::InvalidType)]);
}

#[test]
fn unknown_fields_are_never_issues() {
    let mut v = seed();
    v["extra"] = json!({"deep": [1, {"x": null}]});
    v["task"]["newField"] = json!(true);
    v["turns"][0]["tool_calls"] = json!([]);
    v["task"]["totals"]["cacheTokens"] = json!(3);
    assert_eq!(check(&v, true), vec![]);
}

#[test]
fn numbers_are_judged_as_js_reads_them() {
    let text = FIXTURES[0].1;
    let with = |from: &str, to: &str| validate_text(&text.replacen(from, to, 1), true);
    assert_eq!(with("\"credits\": 42", "\"credits\": 1e400")[0].code, IssueCode::NotFinite);
    assert_eq!(with("\"credits\": 42", "\"credits\": -0.5")[0].code, IssueCode::Negative);
    assert_eq!(with("\"credits\": 42", "\"credits\": 0.25"), vec![]);
    assert_eq!(with("\"seq\": 0", "\"seq\": -0"), vec![]);
    assert_eq!(with("\"seq\": 0", "\"seq\": 1.0"), vec![]);
    assert_eq!(with("\"seq\": 0", "\"seq\": 1e2"), vec![]);
    assert_eq!(with("\"seq\": 0", "\"seq\": 9007199254740991"), vec![]);
    assert_eq!(
        with("\"seq\": 0", "\"seq\": 1e400")[0].message,
        "turns[0].seq: expected a non-negative integer, received number 1e400"
    );
}

#[test]
fn duplicate_keys_last_one_wins() {
    let text = FIXTURES[0].1;
    let bad_then_good = text.replacen("\"title\":", "\"title\": 5, \"title\":", 1);
    assert_eq!(validate_text(&bad_then_good, true), vec![]);
    let good_then_bad =
        text.replacen("\"workerId\": \"wrk_vk81XUHKHG-qr4\"", "\"workerId\": \"w\", \"workerId\": null", 1);
    assert_eq!(
        codes(&validate_text(&good_then_bad, true)),
        vec![("task.workerId".to_string(), IssueCode::InvalidType)]
    );
}

#[test]
fn escaped_keys_match_as_json_parse_decodes_them() {
    let text = FIXTURES[0].1.replacen("\"title\"", "\"t\\u0069tle\"", 1);
    assert_eq!(validate_text(&text, true), vec![]);
}

#[test]
fn deep_structured_output_is_fine() {
    let deep = "[".repeat(200_000) + &"]".repeat(200_000);
    let text = FIXTURES[0].1.replacen("\"conditions\": \"bar\"", &format!("\"conditions\": {deep}"), 1);
    assert_eq!(validate_text(&text, true), vec![]);
}

#[test]
fn invalid_json_is_one_issue_with_line_and_column() {
    let text = &FIXTURES[0].1[..200];
    let issues = validate_body(text.as_bytes(), false);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code, IssueCode::InvalidJson);
    assert_eq!(issues[0].message, "invalid JSON at line 7, column 19: unexpected end of input in a string");
    for bad in ["", "<html>502 Bad Gateway</html>", "{\"task\": 1,}", "null x"] {
        assert_eq!(codes(&validate_text(bad, true)), vec![(String::new(), IssueCode::InvalidJson)], "{bad}");
    }
}

#[test]
fn wrong_root_types() {
    for (text, received) in [("null", "null"), ("[]", "an array"), ("\"x\"", "string \"x\""), ("7", "number 7")] {
        let issues = validate_text(text, true);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].message, format!("expected an object, received {received}"));
    }
    let issues = validate_text("{}", true);
    assert_eq!(
        codes(&issues),
        vec![("task".into(), IssueCode::MissingField), ("turns".into(), IssueCode::MissingField)]
    );
}

#[test]
fn turns_must_be_objects() {
    let mut v = seed();
    v["turns"] = json!([1, null, v["turns"][0].clone()]);
    assert_eq!(
        codes(&check(&v, true)),
        vec![("turns[0]".to_string(), IssueCode::InvalidType), ("turns[1]".to_string(), IssueCode::InvalidType)]
    );
}

#[test]
fn body_route_tolerates_bom_and_bad_utf8_like_text_decoder() {
    let mut body = vec![0xEF, 0xBB, 0xBF];
    body.extend_from_slice(FIXTURES[0].1.as_bytes());
    assert_eq!(validate_body(&body, true), vec![]);
    let bad_utf8 = FIXTURES[0]
        .1
        .as_bytes()
        .iter()
        .flat_map(|&b| if b == b'W' { vec![0xFF] } else { vec![b] })
        .collect::<Vec<u8>>();
    assert_eq!(validate_body(&bad_utf8, true), vec![]);
}

#[test]
fn reports_whether_nullable_fields_were_absent() {
    assert!(!check_text(FIXTURES[0].1.as_bytes(), true).absent_nullable);
    let mut v = seed();
    v["turns"][0].as_object_mut().unwrap().remove("structuredOutput");
    let checked = check_text(v.to_string().as_bytes(), true);
    assert_eq!(checked.issues, vec![]);
    assert!(checked.absent_nullable);
}

#[test]
fn quoted_values_are_escaped_like_json() {
    let mut v = seed();
    v["turns"][0]["startedAt"] = json!("a\"b\\c\nd\u{1}");
    let issues = check(&v, true);
    assert_eq!(
        issues[0].message,
        r#"turns[0].startedAt: expected an RFC 3339 date-time, received string "a\"b\\c\nd\u0001""#
    );
}

#[test]
fn a_flood_of_bad_turns_lists_at_most_max_issues_then_says_so() {
    let seed = include_str!("../../tests/fixtures/seed-example.json");
    let v: serde_json::Value = serde_json::from_str(seed).unwrap();
    let task = serde_json::to_string(&v["task"]).unwrap();
    for turns in ["{},".repeat(200_000), "0,".repeat(200_000)] {
        let text = format!("{{\"task\":{task},\"turns\":[{}{{}}]}}", turns);
        let issues = crate::validate::validate_text(&text, true);
        // The cut falls between turns: the last turn listed may add up to one per field.
        let bound = crate::issue::MAX_ISSUES + crate::validate::schema::TURN_FIELDS.len() + 1;
        assert!(issues.len() <= bound, "{}", issues.len());
        let last = issues.last().unwrap();
        assert_eq!(last.code, crate::issue::IssueCode::TooManyIssues);
        assert_eq!(last.path, "turns");
        // Still a JSON check after the cut: a syntax error late in the turns wins.
        let broken = text.replacen("{},{},", "{},{,", 1).replace("{}]}", "{,]}");
        let issues = crate::validate::validate_text(&broken, true);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, crate::issue::IssueCode::InvalidJson);
    }
}

/// The JS statement checking field `name` of `o` against `rule` (see js/fast-path.js): it
/// returns false when the field is not surely valid, and sets an absent nullable field to null.
fn js_check(name: &str, rule: schema::Rule) -> String {
    use schema::Rule;
    assert!(name.bytes().all(|b| b.is_ascii_alphanumeric()), "{name}: not a plain JS identifier");
    let nullable = |test: &str| {
        format!("v = o.{name}; if (v === undefined) o.{name} = null; else if (v !== null && {test}) return false;")
    };
    match rule {
        Rule::Str => format!("if (typeof o.{name} !== 'string') return false;"),
        Rule::NullableStr => nullable("typeof v !== 'string'"),
        Rule::Datetime => format!("v = o.{name}; if (typeof v !== 'string' || !surelyDatetime(v)) return false;"),
        Rule::NullableDatetime => nullable("(typeof v !== 'string' || !surelyDatetime(v))"),
        Rule::Url => format!("v = o.{name}; if (typeof v !== 'string' || !surelyHttpUrl(v)) return false;"),
        Rule::Count => {
            format!("v = o.{name}; if (typeof v !== 'number' || !(v >= 0) || !isSafeInteger(v)) return false;")
        }
        Rule::Credits => {
            format!("v = o.{name}; if (typeof v !== 'number' || !(v >= 0) || v === Infinity) return false;")
        }
        Rule::Enum(values) => {
            let known: Vec<String> = values.iter().map(|v| format!("v !== '{v}'")).collect();
            format!("v = o.{name}; if (typeof v !== 'string' || (strict && {})) return false;", known.join(" && "))
        }
        Rule::Record => nullable("!isObject(v)"),
        Rule::Task => format!("v = o.{name}; if (!isObject(v) || !checkTask(v, strict)) return false;"),
        Rule::Totals => format!("v = o.{name}; if (!isObject(v) || !checkTotals(v, strict)) return false;"),
        Rule::Turns => format!(
            "v = o.{name}; if (!isArray(v)) return false; \
             for (let i = 0; i < v.length; i++) if (!isObject(v[i]) || !checkTurn(v[i], strict)) return false;"
        ),
        Rule::Root => panic!("{name}: the root is no field"),
    }
}

/// The generated part of js/fast-path.js: one check function per table of schema.rs, with
/// the field names spelt out (constant names keep V8's property loads monomorphic, about 20
/// times cheaper than reading fields by a name taken from a table).
fn js_rule_checks() -> String {
    let tables = [
        ("checkRoot", schema::ROOT_FIELDS),
        ("checkTask", schema::TASK_FIELDS),
        ("checkTotals", schema::TOTALS_FIELDS),
        ("checkTurn", schema::TURN_FIELDS),
    ];
    let mut out = String::new();
    let mut names: Vec<&str> = Vec::new();
    for (function, fields) in tables {
        out += &format!("function {function}(o, strict) {{\n  let v;\n");
        for f in fields {
            out += &format!("  {}\n", js_check(f.name, f.rule));
            if !names.contains(&f.name) {
                names.push(f.name);
            }
        }
        out += "  return true;\n}\n";
    }
    let checks: Vec<String> = names.iter().map(|n| format!("'{n}' in p")).collect();
    out + &format!("const holdsAFieldName = (p) => {};\n", checks.join(" || "))
}

#[test]
fn js_fast_path_checks_match_the_schema() {
    // The JS fast path must check the very fields and rules the Rust validator does.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/fast-path.js");
    let file = std::fs::read_to_string(path).unwrap();
    let begin = file.find("// BEGIN GENERATED CHECKS").expect("js/fast-path.js: no generated checks");
    let start = begin + file[begin..].find("\n\n").expect("a blank line after the BEGIN comment") + 2;
    let stop = file.find("// END GENERATED CHECKS").expect("js/fast-path.js: no end of the generated checks");
    let expected = js_rule_checks();
    if file[start..stop] != expected {
        if std::env::var_os("UPDATE_JS_RULES").is_some() {
            std::fs::write(path, format!("{}{expected}{}", &file[..start], &file[stop..])).unwrap();
        } else {
            panic!("js/fast-path.js checks differ from src/validate/schema.rs: run UPDATE_JS_RULES=1 cargo test js_fast_path");
        }
    }
}
