//! Property tests ("fuzzing") of the validators, bounded for `npm test`; raise the case count
//! for long runs: `PROPTEST_CASES=200000 cargo test --release --test fuzz_validator`.
//!
//! - Any bytes: no panic, and a JSON syntax verdict that matches serde_json where serde_json
//!   reads JS-compatibly (it is stricter on lone surrogates, huge numbers and depth > 128).
//! - Mutated fixtures: the fast bytes validator and the tree validator over the parsed value
//!   report the same (path, code) set.
#![cfg(not(target_arch = "wasm32"))]

use handinger_wasm::validate::{tree, validate_body, validate_text};
use proptest::prelude::*;
use serde_json::{json, Value};

const FIXTURES: [&str; 4] = [
    include_str!("fixtures/seed-example.json"),
    include_str!("fixtures/running-task.json"),
    include_str!("fixtures/pending-task.json"),
    include_str!("fixtures/multi-turn-error.json"),
];

fn issue_set(issues: Vec<handinger_wasm::issue::Issue>) -> Vec<(String, &'static str)> {
    let mut v: Vec<_> = issues.into_iter().map(|i| (i.path, i.code.as_str())).collect();
    v.sort();
    v
}

/// Values of every JSON kind, including edge numbers and strings the rules care about.
fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![Just(-0.5), Just(1.5), Just(9007199254740992.0), Just(0.0), Just(42.0), Just(1e300)]
            .prop_map(|n| json!(n)),
        prop_oneof![
            Just("2026-05-11T09:14:48.000Z"),
            Just("2026-02-30T00:00:00Z"),
            Just("https://x.io/t"),
            Just("/t"),
            Just("completed"),
            Just("paused"),
            Just("api"),
            Just(""),
            Just("\u{0}\u{fffd}😀"),
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z]{1,12}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Every path to a value inside `v` (object keys and array indexes).
fn paths(v: &Value, prefix: Vec<PathSeg>, out: &mut Vec<Vec<PathSeg>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            m.iter().for_each(|(k, c)| paths(c, [prefix.clone(), vec![PathSeg::Key(k.clone())]].concat(), out))
        }
        Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, c)| paths(c, [prefix.clone(), vec![PathSeg::Index(i)]].concat(), out))
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathSeg {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[PathSeg]) -> &'a mut Value {
    path.iter().fold(v, |v, seg| match seg {
        PathSeg::Key(k) => &mut v[k.as_str()],
        PathSeg::Index(i) => &mut v[*i],
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let issues = validate_body(&bytes, true);
        let ours_valid_json = !issues.iter().any(|i| i.code.as_str() == "invalid_json");
        if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
            // serde_json accepted it: so must we, and the verdicts must agree.
            prop_assert!(ours_valid_json, "{:?}", String::from_utf8_lossy(&bytes));
            prop_assert_eq!(issue_set(issues), issue_set(tree::validate(&v, true)));
        }
    }

    #[test]
    fn mutated_fixtures_agree_between_validators(
        fixture in 0..FIXTURES.len(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), any_value(), 0..3u8), 1..6),
        strict in any::<bool>(),
    ) {
        let mut v: Value = serde_json::from_str(FIXTURES[fixture]).unwrap();
        for (pick, new, op) in picks {
            let mut all = Vec::new();
            paths(&v, Vec::new(), &mut all);
            let path = pick.get(&all).clone();
            match (op, path.split_last()) {
                // Remove a field or element.
                (0, Some((PathSeg::Key(k), parent))) => { at(&mut v, parent).as_object_mut().map(|o| o.remove(k)); }
                (0, Some((PathSeg::Index(i), parent))) => { at(&mut v, parent).as_array_mut().map(|a| a.remove(*i)); }
                // Replace a value.
                _ => *at(&mut v, &path) = new,
            }
        }
        let text = if strict { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
        prop_assert_eq!(issue_set(validate_text(&text, strict)), issue_set(tree::validate(&v, strict)), "{}", text);
    }

    #[test]
    fn truncated_or_spliced_fixtures_never_panic(fixture in 0..FIXTURES.len(), cut in any::<prop::sample::Index>(), junk in prop::collection::vec(any::<u8>(), 0..8)) {
        let text = FIXTURES[fixture].as_bytes();
        let at = cut.index(text.len() + 1);
        let mut bytes = text[..at].to_vec();
        bytes.extend_from_slice(&junk);
        bytes.extend_from_slice(&text[at..]);
        let _ = validate_body(&bytes, true);
        let issues = validate_body(&text[..at], true);
        if at < text.len() && !text[at..].iter().all(u8::is_ascii_whitespace) {
            prop_assert!(issues.iter().any(|i| i.code.as_str() == "invalid_json"), "cut at {}", at);
        }
    }
}
