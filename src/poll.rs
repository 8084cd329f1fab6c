//! waitForTask's pure parts: what counts as a change, and how the poll interval grows.

/// Default first interval between polls, in ms.
pub const DEFAULT_POLL_INTERVAL_MS: f64 = 1000.0;
/// The interval grows while nothing changes, up to this.
pub const MAX_POLL_INTERVAL_MS: f64 = 10_000.0;
/// Growth factor per unchanged poll.
pub const GROWTH: f64 = 1.5;

/// What `onUpdate` watches: the task status, the number of turns and the last turn's status.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
    pub status: String,
    pub turns: usize,
    pub last_turn_status: Option<String>,
}

/// The wait before the next poll: back to `base` after a change, else 1.5× the last wait,
/// capped at 10 s (or at `base` when the caller asked for more than 10 s).
pub fn next_interval(last: f64, base: f64, changed: bool) -> f64 {
    if changed {
        base
    } else {
        (last * GROWTH).min(MAX_POLL_INTERVAL_MS.max(base))
    }
}

/// Failed polls in a row that a wait without `maxWaitMs` tolerates before it rejects with the
/// last error (each poll already made its own `maxRetries` retries). With `maxWaitMs`, a
/// transient failure is retried until that budget runs out (then `WaitTimeoutError`).
pub const MAX_FAILED_POLLS_WITHOUT_LIMIT: u32 = 5;

/// The wait before polling again after a transient failure: the server's own Retry-After
/// (already bounded to (0, 60] s) when it sent one, else the interval grown as for an
/// unchanged poll.
pub fn interval_after_failure(last: f64, base: f64, server_delay_ms: Option<f64>) -> f64 {
    server_delay_ms.unwrap_or_else(|| next_interval(last, base, false))
}

/// Whether a wait polls again after a transient failure; `failed_in_a_row` counts this one.
pub fn keep_polling_after_failure(has_max_wait: bool, failed_in_a_row: u32) -> bool {
    has_max_wait || failed_in_a_row < MAX_FAILED_POLLS_WITHOUT_LIMIT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_grows_while_nothing_changes_and_resets_on_change() {
        let mut wait = 1000.0;
        let mut seen = vec![];
        for _ in 0..8 {
            wait = next_interval(wait, 1000.0, false);
            seen.push(wait);
        }
        assert_eq!(seen, [1500.0, 2250.0, 3375.0, 5062.5, 7593.75, 10_000.0, 10_000.0, 10_000.0]);
        assert_eq!(next_interval(10_000.0, 1000.0, true), 1000.0);
        assert_eq!(next_interval(20_000.0, 20_000.0, false), 20_000.0);
    }

    #[test]
    fn a_failed_poll_waits_for_the_server_or_grows_the_interval() {
        assert_eq!(interval_after_failure(1000.0, 1000.0, Some(20_000.0)), 20_000.0);
        assert_eq!(interval_after_failure(1000.0, 1000.0, None), 1500.0);
        assert_eq!(interval_after_failure(10_000.0, 1000.0, None), 10_000.0);
    }

    #[test]
    fn failed_polls_are_bounded_only_without_max_wait() {
        assert!(keep_polling_after_failure(true, 1000));
        assert!(keep_polling_after_failure(false, MAX_FAILED_POLLS_WITHOUT_LIMIT - 1));
        assert!(!keep_polling_after_failure(false, MAX_FAILED_POLLS_WITHOUT_LIMIT));
    }

    #[test]
    fn a_change_is_status_turn_count_or_last_turn_status() {
        let a = Snapshot { status: "running".into(), turns: 1, last_turn_status: Some("running".into()) };
        assert_eq!(a, a.clone());
        assert_ne!(a, Snapshot { status: "completed".into(), ..a.clone() });
        assert_ne!(a, Snapshot { turns: 2, ..a.clone() });
        assert_ne!(a, Snapshot { last_turn_status: Some("completed".into()), ..a.clone() });
    }
}
