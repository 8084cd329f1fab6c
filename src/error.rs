//! Error kinds and messages, decided in plain Rust; the wasm layer turns an [`ErrorKind`]
//! into an instance of the JS class of the same name (js/errors.js).

use crate::validate::json::{Kind, Scanner};

/// The JS error classes (names are part of the public contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Validation,
    WaitTimeout,
    Api,
    ApiResponseValidation,
    BadRequest,
    Authentication,
    PermissionDenied,
    NotFound,
    Conflict,
    UnprocessableEntity,
    RateLimit,
    InternalServer,
    ApiConnection,
    ApiConnectionTimeout,
    ApiUserAbort,
}

impl ErrorKind {
    /// The JS class name, also its `name` property.
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "ValidationError",
            ErrorKind::WaitTimeout => "WaitTimeoutError",
            ErrorKind::Api => "APIError",
            ErrorKind::ApiResponseValidation => "APIResponseValidationError",
            ErrorKind::BadRequest => "BadRequestError",
            ErrorKind::Authentication => "AuthenticationError",
            ErrorKind::PermissionDenied => "PermissionDeniedError",
            ErrorKind::NotFound => "NotFoundError",
            ErrorKind::Conflict => "ConflictError",
            ErrorKind::UnprocessableEntity => "UnprocessableEntityError",
            ErrorKind::RateLimit => "RateLimitError",
            ErrorKind::InternalServer => "InternalServerError",
            ErrorKind::ApiConnection => "APIConnectionError",
            ErrorKind::ApiConnectionTimeout => "APIConnectionTimeoutError",
            ErrorKind::ApiUserAbort => "APIUserAbortError",
        }
    }

    /// The class for a non-2xx HTTP status, as the official SDK maps it.
    pub fn for_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Authentication,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::UnprocessableEntity,
            429 => ErrorKind::RateLimit,
            s if s >= 500 => ErrorKind::InternalServer,
            _ => ErrorKind::Api,
        }
    }
}

/// Longest part of a body quoted in a message, in characters.
pub const BODY_EXCERPT_CHARS: usize = 500;

/// `"{status} {error string from a JSON body | body text cut to 500 chars}"`.
/// `body` must already be redacted.
pub fn status_message(status: u16, body: &str) -> String {
    if let Some(err) = json_error_string(body) {
        return format!("{status} {err}");
    }
    let text = body.trim();
    if text.is_empty() {
        return format!("{status} status code (no body)");
    }
    format!("{status} {}", cut_chars(text, BODY_EXCERPT_CHARS))
}

/// The `error` member of a JSON object body when it is a string (or `error.message` when
/// `error` is an object with a string `message`, a common gateway shape). Read with the
/// validator's own scanner: no JSON tree (and no serde_json in the wasm build).
fn json_error_string(body: &str) -> Option<String> {
    let mut sc = Scanner::new(body.as_bytes());
    let text = member_string(&mut sc, &["error", "message"])?;
    let text = text.trim();
    (!text.is_empty()).then(|| cut_chars(text, BODY_EXCERPT_CHARS))
}

/// The string at `path[0]`, or, when that is an object, at `path[1]` inside it.
fn member_string(sc: &mut Scanner<'_>, path: &[&str]) -> Option<String> {
    if sc.kind().ok()? != Kind::Object {
        return None;
    }
    sc.open();
    let mut first = true;
    let mut found = None;
    while let Some(key) = sc.next_key(&mut first).ok()? {
        match sc.kind().ok()? {
            // The last duplicate wins, as in JSON.parse.
            Kind::String if key.eq_name(path[0]) => found = Some(sc.string().ok()?.decode().into_owned()),
            Kind::Object if key.eq_name(path[0]) && path.len() > 1 => found = member_string(sc, &path[1..]),
            _ => sc.skip_value().ok()?,
        }
    }
    found
}

/// At most `max` characters, with `…` when cut (never splits a character).
pub fn cut_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Replaces every occurrence of the API key by `[redacted]`. Applied to every piece of
/// response text or header that an error keeps, so a server echoing the key cannot leak it.
pub fn redact(text: &str, api_key: Option<&str>) -> String {
    match api_key {
        Some(key) if !key.is_empty() && text.contains(key) => text.replace(key, "[redacted]"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_mapping_follows_the_official_sdk() {
        let cases = [
            (400, "BadRequestError"),
            (401, "AuthenticationError"),
            (403, "PermissionDeniedError"),
            (404, "NotFoundError"),
            (409, "ConflictError"),
            (422, "UnprocessableEntityError"),
            (429, "RateLimitError"),
            (500, "InternalServerError"),
            (503, "InternalServerError"),
            (599, "InternalServerError"),
            (402, "APIError"),
            (418, "APIError"),
            (302, "APIError"),
        ];
        for (status, name) in cases {
            assert_eq!(ErrorKind::for_status(status).class_name(), name, "{status}");
        }
    }

    #[test]
    fn message_uses_json_error_string() {
        assert_eq!(status_message(404, r#"{"error":"Task not found"}"#), "404 Task not found");
        assert_eq!(status_message(400, r#"{"error":{"message":"bad id"}}"#), "400 bad id");
        assert_eq!(status_message(400, r#"{"x":[1,{"error":"no"}],"error":"yes"}"#), "400 yes");
        assert_eq!(status_message(400, r#"{"error":"first","error":"last"}"#), "400 last");
        assert_eq!(status_message(400, r#"{"error":"a\nb \u00e9"}"#), "400 a\nb é");
    }

    #[test]
    fn message_falls_back_to_cut_body_text() {
        let html = format!("<html>{}</html>", "x".repeat(1000));
        let msg = status_message(502, &html);
        assert!(msg.starts_with("502 <html>xxx"));
        assert_eq!(msg.chars().count(), "502 ".len() + 500 + 1);
        assert_eq!(status_message(500, ""), "500 status code (no body)");
        assert_eq!(status_message(500, r#"{"error":42}"#), r#"500 {"error":42}"#);
    }

    #[test]
    fn cut_never_splits_a_character() {
        assert_eq!(cut_chars("héllo", 2), "hé…");
        assert_eq!(cut_chars("😀😀", 5), "😀😀");
    }

    #[test]
    fn redact_replaces_every_occurrence() {
        assert_eq!(redact("key sk_1 and sk_1", Some("sk_1")), "key [redacted] and [redacted]");
        assert_eq!(redact("nothing", Some("")), "nothing");
        assert_eq!(redact("nothing", None), "nothing");
    }
}
