//! protopy-stdlib: the native modules (`sys`, `math`, `itertools`, ...).
//! Each is made on first import through `find`; nothing here runs at
//! start-up except `sys::install`. It depends only on the runtime.
//!
//! Modules whose CPython counterpart is written in Python (`collections`
//! apart from `deque`, `dataclasses`, `enum`, ...) are Python source here
//! too, under `python/`, embedded in the binary and run by the host when
//! imported; their fast cores (`_collections.deque`, `_json`, `_random`)
//! are Rust.

pub mod itertools;
mod itertools_comb;
mod itertools_group;
pub mod math;
mod native_iter;
pub mod sys;
pub mod time;
mod util;

use protopy_runtime::{PyResult, Value};

pub type ModuleInit = fn() -> PyResult<Value>;

/// The native module called `name`, if there is one.
pub fn find(name: &str) -> Option<ModuleInit> {
    Some(match name {
        "math" => math::module,
        "time" => time::module,
        "itertools" => itertools::module,
        _ => return None,
    })
}
