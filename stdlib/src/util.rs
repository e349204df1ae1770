//! Helpers for building native modules.

use std::sync::Arc;

use protopy_runtime::objects::function::{BuiltinFn, BuiltinFunction};
use protopy_runtime::objects::module::ModuleObj;
use protopy_runtime::Value;

pub fn new_module(name: &str, functions: &[(&'static str, BuiltinFn)]) -> Arc<ModuleObj> {
    let m = Arc::new(ModuleObj::new(name));
    for (n, f) in functions {
        m.set(n, Value::Builtin(Arc::new(BuiltinFunction::function(n, *f))));
    }
    m
}
