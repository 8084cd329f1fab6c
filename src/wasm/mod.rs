//! The JS surface (wasm only): exports, and the thin glue that reads JS values.

pub(crate) mod bindings;
pub(crate) mod bytes;
pub(crate) mod errors;
pub mod exports;
mod js_tree;
pub(crate) mod nulls;
pub(crate) mod options;
pub mod parse;
mod types;
