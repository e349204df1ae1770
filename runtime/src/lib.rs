//! protopy-runtime: the object model every part of protoPython shares —
//! `Value`, the builtin types with persistent (copy-on-write shared)
//! collections, the numeric tower, exceptions, the builtins, and the
//! abstract protocol in `ops` that the interpreter and compiled modules both
//! call. It knows nothing of source code, the IR, or how a function body is
//! executed (that is behind `FunctionCode`); process-wide state lives in one
//! `Context` that a compiled module's copy binds to.
//!
//! No global interpreter lock: every value is `Send + Sync`; mutable objects
//! guard their state with short internal locks that are never held while
//! Python code runs.

pub mod abi;
pub mod alloc;
pub mod args;
pub mod builtins;
pub mod compiled;
pub mod context;
pub mod error;
pub mod exec_support;
pub mod format;
pub mod gc;
pub mod io;
pub mod num;
pub mod objects;
pub mod ops;
pub mod process;
pub mod signals;
pub mod stack;
pub mod strlib;
pub mod sync;
pub mod trashcan;
pub mod value;

pub use args::CallArgs;
pub use context::{ctx, intern};
pub use error::{PyErr, PyResult, TraceEntry};
pub use value::Value;

#[cfg(test)]
mod tests {
    use super::*;

    fn value_is_send_sync<T: Send + Sync>() {}

    #[test]
    fn values_cross_threads() {
        value_is_send_sync::<Value>();
    }
}
