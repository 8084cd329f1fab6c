//! What a well-formed payload can still get wrong, reported as issues (not errors): counts
//! that disagree, turn order, foreign turns, impossible times, and `completedAt` that does
//! not match the status. Works on any [`Tree`] that already passed validation.

use super::rules::rfc3339_instant;
use super::tree::{js_number, Tree};
use crate::issue::{too_many_issues, Issue, IssueCode, MAX_ISSUES};
use crate::model::TaskStatus;
use std::collections::BTreeMap;

fn text<T: Tree>(node: &T, name: &'static str) -> Option<String> {
    node.field(name).ok().flatten().and_then(|v| v.string().map(|s| s.into_owned()))
}

fn number<T: Tree>(node: &T, name: &'static str) -> Option<f64> {
    node.field(name).ok().flatten().and_then(|v| v.number())
}

fn issue(path: String, code: IssueCode, what: String) -> Issue {
    let message = format!("{path}: {what}");
    Issue::new(path, code, message)
}

/// `completedAt` must not be before `start_field` (both RFC 3339 when present).
fn check_order<T: Tree>(node: &T, at: &str, start_field: &'static str, out: &mut Vec<Issue>) {
    let (Some(start), Some(done)) = (text(node, start_field), text(node, "completedAt")) else { return };
    if let (Some(s), Some(d)) = (rfc3339_instant(&start), rfc3339_instant(&done)) {
        if d < s {
            let what = format!("{done} is before {start_field} {start}");
            out.push(issue(format!("{at}completedAt"), IssueCode::CompletedBeforeStart, what));
        }
    }
}

/// Consistency issues of a valid `TaskWithTurns` (empty when consistent).
pub fn check<T: Tree>(root: &T) -> Vec<Issue> {
    let mut out = Vec::new();
    let (Ok(Some(task)), Ok(Some(turns))) = (root.field("task"), root.field("turns")) else { return out };
    let turn_count = turns.array_len().unwrap_or(0);
    let totals = task.field("totals").ok().flatten();
    if let Some(declared) = totals.as_ref().and_then(|t| number(t, "turnCount")) {
        if declared != turn_count as f64 {
            let turns = if turn_count == 1 { "is 1 turn".to_string() } else { format!("are {turn_count} turns") };
            let what = format!("is {}, but there {turns}", js_number(declared));
            out.push(issue("task.totals.turnCount".into(), IssueCode::TurnCountMismatch, what));
        }
    }
    let status = text(&task, "status").unwrap_or_default();
    let completed = text(&task, "completedAt");
    let known = TaskStatus::ALL.contains(&status.as_str());
    if known && TaskStatus::is_terminal_name(&status) && completed.is_none() {
        let what = format!("the task is {status} (terminal) but has no completedAt");
        out.push(issue("task.completedAt".into(), IssueCode::MissingCompletedAt, what));
    } else if known && !TaskStatus::is_terminal_name(&status) && completed.is_some() {
        let what = format!("the task is still {status} but has a completedAt");
        out.push(issue("task.completedAt".into(), IssueCode::UnexpectedCompletedAt, what));
    }
    check_order(&task, "task.", "createdAt", &mut out);

    let task_id = text(&task, "id").unwrap_or_default();
    // seq → the first turn that has it (validated seqs are non-negative integers: +0.0 bits).
    let mut seen_seq: BTreeMap<u64, usize> = BTreeMap::new();
    let mut previous: Option<f64> = None;
    for i in 0..turn_count {
        if out.len() >= MAX_ISSUES {
            // As in validation: a flood of issues says no more than the first hundred.
            out.push(too_many_issues(i));
            break;
        }
        let Ok(Some(turn)) = turns.index(i) else { continue };
        let at = format!("turns[{i}].");
        if let Some(seq) = number(&turn, "seq") {
            let key = (seq + 0.0).to_bits();
            if let Some(&first) = seen_seq.get(&key) {
                let what = format!("{} is also the seq of turns[{first}]", js_number(seq));
                out.push(issue(format!("{at}seq"), IssueCode::DuplicateSeq, what));
            } else if previous.is_some_and(|p| seq < p) {
                let what = format!(
                    "{} comes after {} (turns must be in ascending seq order)",
                    js_number(seq),
                    js_number(previous.unwrap_or(0.0))
                );
                out.push(issue(format!("{at}seq"), IssueCode::UnorderedSeq, what));
            }
            seen_seq.entry(key).or_insert(i);
            previous = Some(seq);
        }
        if let Some(owner) = text(&turn, "taskId") {
            if owner != task_id {
                let what =
                    format!("{} is not the task's id {}", crate::text::quoted(&owner), crate::text::quoted(&task_id));
                out.push(issue(format!("{at}taskId"), IssueCode::TaskIdMismatch, what));
            }
        }
        check_order(&turn, &at, "startedAt", &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_is_capped_and_linear() {
        let mut v = fixture("seed");
        let turn = v["turns"][0].clone();
        let n = 50_000;
        let turns: Vec<Value> = (0..n)
            .map(|i| {
                let mut t = turn.clone();
                t["seq"] = json!(n - i);
                t["taskId"] = json!("tsk_other");
                t
            })
            .collect();
        v["turns"] = Value::Array(turns);
        v["task"]["totals"]["turnCount"] = json!(n);
        let started = std::time::Instant::now();
        let issues = check(&v);
        assert!(issues.len() <= MAX_ISSUES + 3, "{}", issues.len());
        assert_eq!(issues.last().unwrap().code, IssueCode::TooManyIssues);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        // Duplicates far apart are still found (a map, not a window).
        let mut v = fixture("seed");
        let mut turns: Vec<Value> = (0..5000)
            .map(|i| {
                let mut t = turn.clone();
                t["seq"] = json!(i);
                t
            })
            .collect();
        turns.push({
            let mut t = turn.clone();
            t["seq"] = json!(0);
            t
        });
        v["task"]["totals"]["turnCount"] = json!(turns.len());
        v["turns"] = Value::Array(turns);
        let dup: Vec<_> = check(&v).into_iter().filter(|i| i.code == IssueCode::DuplicateSeq).collect();
        assert_eq!(dup.len(), 1);
        assert!(dup[0].message.contains("turns[0]"), "{}", dup[0].message);
    }
    use serde_json::{json, Value};

    fn fixture(name: &str) -> Value {
        let text = match name {
            "seed" => include_str!("../../tests/fixtures/seed-example.json"),
            "running" => include_str!("../../tests/fixtures/running-task.json"),
            "pending" => include_str!("../../tests/fixtures/pending-task.json"),
            _ => include_str!("../../tests/fixtures/multi-turn-error.json"),
        };
        serde_json::from_str(text).unwrap()
    }

    fn codes(v: &Value) -> Vec<(String, &'static str)> {
        check(v).into_iter().map(|i| (i.path, i.code.as_str())).collect()
    }

    #[test]
    fn fixtures_are_consistent() {
        for name in ["seed", "running", "pending", "multi"] {
            assert_eq!(codes(&fixture(name)), vec![], "{name}");
        }
    }

    #[test]
    fn reports_each_inconsistency() {
        let mut v = fixture("multi");
        v["task"]["totals"]["turnCount"] = json!(2);
        v["turns"][1]["seq"] = json!(0);
        v["turns"][2]["taskId"] = json!("tsk_other");
        v["turns"][2]["completedAt"] = json!("2026-06-01T08:00:00Z");
        assert_eq!(
            codes(&v),
            vec![
                ("task.totals.turnCount".into(), "turn_count_mismatch"),
                ("turns[1].seq".into(), "duplicate_seq"),
                ("turns[2].taskId".into(), "task_id_mismatch"),
                ("turns[2].completedAt".into(), "completed_before_start"),
            ]
        );
        let msgs: Vec<String> = check(&v).into_iter().map(|i| i.message).collect();
        assert_eq!(msgs[0], "task.totals.turnCount: is 2, but there are 3 turns");
        assert_eq!(msgs[1], "turns[1].seq: 0 is also the seq of turns[0]");
    }

    #[test]
    fn unordered_seq() {
        let mut v = fixture("multi");
        v["turns"][0]["seq"] = json!(5);
        // Reported where the order breaks (5 then 1), not again for 1 then 2.
        assert_eq!(codes(&v), vec![("turns[1].seq".into(), "unordered_seq")]);
    }

    #[test]
    fn completed_at_must_match_the_status() {
        let mut v = fixture("seed");
        v["task"]["completedAt"] = Value::Null;
        assert_eq!(codes(&v), vec![("task.completedAt".into(), "missing_completed_at")]);
        let mut v = fixture("running");
        v["task"]["completedAt"] = json!("2026-05-12T10:05:00Z");
        assert_eq!(codes(&v), vec![("task.completedAt".into(), "unexpected_completed_at")]);
        v["task"]["completedAt"] = json!("2026-05-12T09:00:00Z");
        assert_eq!(
            codes(&v),
            vec![
                ("task.completedAt".into(), "unexpected_completed_at"),
                ("task.completedAt".into(), "completed_before_start")
            ]
        );
        // An unknown (newer) status is not judged.
        let mut v = fixture("running");
        v["task"]["status"] = json!("paused");
        v["task"]["completedAt"] = json!("2026-05-12T10:05:00Z");
        assert_eq!(codes(&v), vec![]);
    }

    #[test]
    fn offsets_are_compared_as_instants() {
        let mut v = fixture("seed");
        // 09:14:40+01:00 is 08:14:40Z: before createdAt 09:14:22Z.
        v["task"]["completedAt"] = json!("2026-05-11T09:14:40+01:00");
        assert_eq!(codes(&v), vec![("task.completedAt".into(), "completed_before_start")]);
        v["task"]["completedAt"] = json!("2026-05-11T10:14:40+01:00");
        assert_eq!(codes(&v), vec![]);
    }
}
