//! Validation of `TaskWithTurns` payloads against the wire model.

pub mod json;
pub mod rules;
pub mod schema;

use crate::issue::Issue;
use json::Scanner;

/// Validates a response body (bytes as received; a UTF-8 BOM is skipped as TextDecoder does).
pub fn validate_body(bytes: &[u8], strict: bool) -> Vec<Issue> {
    schema::validate(&mut Scanner::for_body(bytes), strict)
}

/// Validates JSON text as `JSON.parse` would read it.
pub fn validate_text(text: &str, strict: bool) -> Vec<Issue> {
    schema::validate(&mut Scanner::new(text.as_bytes()), strict)
}

#[cfg(test)]
mod tests;
