//! handinger-wasm: a typed, validated client for Handinger's task API.
//!
//! Pure logic (model, validation, task ids, config, retry policy, errors) compiles natively
//! and is tested with `cargo test`; the JS surface (`wasm`) and the transport (`http`) are
//! wasm-only and thin.

pub mod config;
pub mod error;
pub mod issue;
pub mod model;
pub mod poll;
pub mod retry;
pub mod task_id;
pub mod text;
pub mod validate;

#[cfg(target_arch = "wasm32")]
mod http;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

// SAFETY: wasm32-unknown-unknown runs one thread per instance; talc's wasm handler grows the
// heap with memory.grow, as dlmalloc does.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

/// 2^53 − 1: the largest integer JS numbers hold exactly.
pub const MAX_SAFE_INTEGER: f64 = validate::rules::MAX_SAFE_INTEGER;
