//! protopy-stdlib: the native modules (`sys`, `math`, `time`, ...). Each is
//! made on first import through `find`; nothing here runs at start-up. It
//! depends only on the runtime.

pub mod math;
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
        _ => return None,
    })
}
