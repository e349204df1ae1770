//! `import`, `from ... import name` and `from ... import *`, resolved at run
//! time through the host's import hook.

use std::sync::Arc;

use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::ops;
use crate::value::Value;

/// `__import__(name, globals, fromlist, level)` through the host.
pub fn import(name: &str, globals: &Arc<DictObj>, fromlist: &[Value], level: u32) -> PyResult<Value> {
    (ctx().hooks().import)(name, Some(globals), fromlist, level)
}

/// `from module import name`: an attribute, or a submodule not yet bound.
pub fn import_from(m: &Value, name: &Value) -> PyResult<Value> {
    match ops::getattr(m, name) {
        Ok(v) => Ok(v),
        Err(e) if e.is_instance(&ctx().exc.attribute_error) => {
            let modname = match ops::getattr_opt(m, "__name__")? {
                Some(Value::Str(s)) => s.as_str().to_string(),
                _ => "?".to_string(),
            };
            let n = name.as_str().unwrap_or("?");
            let full = format!("{modname}.{n}");
            if let Some(v) = ctx().modules.get_str(&full) {
                return Ok(v);
            }
            let location = match ops::getattr_opt(m, "__file__")? {
                Some(Value::Str(f)) => format!(" ({})", f.as_str()),
                _ => " (unknown location)".to_string(),
            };
            Err(PyErr::import_error(format!("cannot import name '{n}' from '{modname}'{location}")))
        }
        Err(e) => Err(e),
    }
}

/// The (name, value) pairs `from module import *` binds.
pub fn import_star_items(m: &Value) -> PyResult<Vec<(Value, Value)>> {
    let names: Vec<Value> = match ops::getattr_opt(m, "__all__")? {
        Some(all) => ops::collect(&all)?,
        None => match m {
            Value::Module(md) => md
                .dict
                .keys()
                .into_iter()
                .filter(|k| k.as_str().is_some_and(|s| !s.starts_with('_')))
                .collect(),
            _ => Vec::new(),
        },
    };
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        let v = ops::getattr(m, &n)?;
        out.push((n, v));
    }
    Ok(out)
}
