//! Validation of `TaskWithTurns` payloads against the wire model.

pub mod bytes;
pub mod consistency;
pub mod json;
pub mod rules;
pub mod schema;
pub mod tree;
pub mod utf16;

use crate::issue::Issue;
pub use bytes::Checked;
use json::Scanner;

/// Checks a response body (bytes as received; a UTF-8 BOM is skipped as TextDecoder does).
pub fn check_body(bytes: &[u8], strict: bool) -> Checked {
    bytes::validate(&mut Scanner::for_body(bytes), strict)
}

/// Checks JSON text (as UTF-8 bytes) as `JSON.parse` reads the string.
pub fn check_text(utf8: &[u8], strict: bool) -> Checked {
    bytes::validate(&mut Scanner::new(utf8), strict)
}

/// The issues of a response body (empty when valid).
pub fn validate_body(bytes: &[u8], strict: bool) -> Vec<Issue> {
    check_body(bytes, strict).issues
}

/// The issues of JSON text (empty when valid).
pub fn validate_text(text: &str, strict: bool) -> Vec<Issue> {
    check_text(text.as_bytes(), strict).issues
}

#[cfg(test)]
mod tests;
