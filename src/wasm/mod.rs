//! The JS surface (wasm only): exports, and the thin glue that reads JS values.

pub(crate) mod bindings;
pub(crate) mod errors;
pub mod exports;
pub(crate) mod options;
mod types;
