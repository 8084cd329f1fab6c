//! Task id rules and their encoding as exactly one URL path segment.
//!
//! The official SDKs interpolate the id into the path unchecked, so `""`, `".."` or `"a/b"`
//! reach a different endpoint. Here an id is checked before any request and encoded so that
//! the server always sees one segment that decodes back to the id.

use crate::issue::{Issue, IssueCode};

/// Longest id accepted, in UTF-16 code units (what JS `.length` counts).
pub const MAX_TASK_ID_LEN: usize = 1024;

/// Checks an id already known to be a string (the JS layer rejects non-strings).
pub fn check_task_id(id: &str) -> Result<(), Issue> {
    let bad = |code, message: String| Err(Issue::new("taskId", code, message));
    if id.trim().is_empty() {
        let what = if id.is_empty() { "an empty string" } else { "only whitespace" };
        return bad(IssueCode::InvalidTaskId, format!("taskId: expected a non-empty task id, received {what}"));
    }
    let len = id.encode_utf16().count();
    if len > MAX_TASK_ID_LEN {
        return bad(
            IssueCode::InvalidTaskId,
            format!("taskId: expected at most {MAX_TASK_ID_LEN} characters, received {len}"),
        );
    }
    if let Some(c) = id.chars().find(|c| c.is_control()) {
        return bad(IssueCode::InvalidTaskId, format!("taskId: control character U+{:04X} is not allowed", c as u32));
    }
    if is_dot_segment(id) {
        return bad(
            IssueCode::InvalidTaskId,
            format!("taskId: {} is a relative path segment and would address another URL", crate::text::quoted(id)),
        );
    }
    Ok(())
}

/// `.` and `..`, also written with `%2e`/`%2E` in any mix: servers and proxies decode those.
fn is_dot_segment(id: &str) -> bool {
    let mut dots = 0;
    let bytes = id.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'.' {
            i += 1;
        } else if bytes[i] == b'%' && bytes.len() >= i + 3 && bytes[i + 1] == b'2' && bytes[i + 2] | 0x20 == b'e' {
            i += 3;
        } else {
            return false;
        }
        dots += 1;
    }
    dots == 1 || dots == 2
}

/// RFC 3986 `pchar` minus `%`: kept as is; every other byte is percent-encoded.
/// `%` is always encoded so that an id is never decoded twice (`%20` → `%2520`).
fn is_kept(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
        )
}

/// Encodes a (valid) id as one path segment.
pub fn encode_path_segment(id: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(id.len());
    for &b in id.as_bytes() {
        if is_kept(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_as_one_segment() {
        assert_eq!(encode_path_segment("tsk_2Z-YWz3hFq6VlW"), "tsk_2Z-YWz3hFq6VlW");
        assert_eq!(encode_path_segment("a/b"), "a%2Fb");
        assert_eq!(encode_path_segment("%20"), "%2520");
        assert_eq!(encode_path_segment("x?admin=true"), "x%3Fadmin=true");
        assert_eq!(encode_path_segment("a#b c"), "a%23b%20c");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
        assert_eq!(encode_path_segment("a\\b"), "a%5Cb");
        assert_eq!(encode_path_segment("!$&'()*+,;=:@~._-"), "!$&'()*+,;=:@~._-");
    }

    #[test]
    fn rejects_bad_ids() {
        for id in ["", "   ", "\t", ".", "..", "%2e", "%2E%2e", ".%2E", "a\u{0}b", "a\nb", "x\u{7f}", "\u{85}"] {
            let err = check_task_id(id).expect_err(id);
            assert_eq!(err.code, IssueCode::InvalidTaskId, "{id:?}");
            assert_eq!(err.path, "taskId");
        }
        assert!(check_task_id(&"a".repeat(1025)).is_err());
        // 512 astral characters are 1024 UTF-16 code units: allowed; one more is not.
        assert!(check_task_id(&"😀".repeat(512)).is_ok());
        assert!(check_task_id(&"😀".repeat(513)).is_err());
    }

    #[test]
    fn accepts_ordinary_ids() {
        for id in ["tsk_1", "...", "a..", ".a", "%2e%2e%2e", "%2", "x?admin=true", "a/b", "%20", "日本"] {
            assert!(check_task_id(id).is_ok(), "{id:?}");
        }
        assert!(check_task_id(&"a".repeat(1024)).is_ok());
    }

    #[test]
    fn messages_name_the_problem() {
        assert!(check_task_id("").unwrap_err().message.contains("empty"));
        assert!(check_task_id("..").unwrap_err().message.contains("relative path"));
        assert!(check_task_id("a\u{1}").unwrap_err().message.contains("U+0001"));
    }
}
