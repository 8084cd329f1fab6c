//! Validation of `TaskWithTurns` payloads against the wire model.

pub mod bytes;
pub mod consistency;
pub mod json;
pub mod rules;
pub mod schema;
pub mod tree;

use crate::issue::Issue;
use json::Scanner;

/// Validates a response body (bytes as received; a UTF-8 BOM is skipped as TextDecoder does).
pub fn validate_body(bytes: &[u8], strict: bool) -> Vec<Issue> {
    bytes::validate(&mut Scanner::for_body(bytes), strict)
}

/// Validates JSON text as `JSON.parse` would read it.
pub fn validate_text(text: &str, strict: bool) -> Vec<Issue> {
    bytes::validate(&mut Scanner::new(text.as_bytes()), strict)
}

#[cfg(test)]
mod tests;
