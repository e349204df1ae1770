//! Helpers for building native modules: module objects, native classes,
//! modules written in Python, and argument conversions.

use std::sync::Arc;

use protopy_runtime::objects::function::{BuiltinFn, BuiltinFunction};
use protopy_runtime::objects::module::ModuleObj;
use protopy_runtime::objects::typeobj::{BaseKind, TypeObj};
use protopy_runtime::{ctx, CallArgs, PyErr, PyResult, Value};

pub fn new_module(name: &str, functions: &[(&'static str, BuiltinFn)]) -> Arc<ModuleObj> {
    let m = Arc::new(ModuleObj::new(name));
    add_functions(&m, functions);
    m
}

pub fn add_functions(m: &ModuleObj, functions: &[(&'static str, BuiltinFn)]) {
    for (n, f) in functions {
        m.set(n, Value::Builtin(Arc::new(BuiltinFunction::function(n, *f))));
    }
}

/// A class implemented in Rust: instances are native objects, `methods`
/// take `self` first. Such classes cannot be subclassed. Calling the class
/// runs `constructor`.
pub fn native_class(name: &str, constructor: Option<BuiltinFn>, methods: &[(&'static str, BuiltinFn)]) -> Arc<TypeObj> {
    let t = TypeObj::new_builtin(name, Some(&ctx().types.object), BaseKind::Other, constructor);
    for (n, f) in methods {
        t.add_method(n, *f);
    }
    t
}

/// A native class Python code can subclass (see `BaseKind::Native`):
/// `constructor` called with no arguments makes an empty object and the
/// class's `__init__` fills it in.
pub fn native_base_class(name: &str, constructor: Option<BuiltinFn>, methods: &[(&'static str, BuiltinFn)]) -> Arc<TypeObj> {
    let t = TypeObj::new_builtin(name, Some(&ctx().types.object), BaseKind::Native, constructor);
    for (n, f) in methods {
        t.add_method(n, *f);
    }
    t
}

/// Run a module written in Python (`source`, embedded in the binary) and
/// return it. The module is in `sys.modules` while its body runs, so
/// circular imports see the partly made module, as for source files.
pub fn python_module(name: &str, source: &str) -> PyResult<Value> {
    let c = ctx();
    let m = Arc::new(ModuleObj::new(name));
    m.set("__builtins__", Value::Module(c.builtins.clone()));
    m.set("__spec__", Value::None);
    m.set("__loader__", Value::None);
    m.set("__package__", Value::str(""));
    let mv = Value::Module(m.clone());
    c.modules.set_str(name, mv.clone());
    let exec = c.hooks().exec;
    if let Err(e) = exec(&Value::str(source), Some(m.dict.clone()), None, "exec") {
        c.modules.del_str(name);
        return Err(e);
    }
    Ok(c.modules.get_str(name).unwrap_or(mv))
}

/// `Some(v)` unless `v` is None.
pub fn not_none(v: Option<Value>) -> Option<Value> {
    v.filter(|x| !x.is_none())
}

/// TypeError for a missing required argument.
pub fn missing_arg(fname: &str, name: &str, pos: usize) -> PyErr {
    PyErr::type_error(format!("{fname}() missing required argument '{name}' (pos {pos})"))
}

/// Positional arguments only, between `min` and `max`, with the messages
/// of CPython's `name expected N arguments, got M` style.
pub fn expect_args<'a>(a: &CallArgs<'a>, fname: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    a.no_kwargs(fname)?;
    let pos = a.positional();
    let n = pos.len();
    if n >= min && n <= max {
        return Ok(pos);
    }
    let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
    Err(PyErr::type_error(if min == max {
        format!("{fname} expected {min} {}, got {n}", plural(min))
    } else if n < min {
        format!("{fname} expected at least {min} {}, got {n}", plural(min))
    } else {
        format!("{fname} expected at most {max} {}, got {n}", plural(max))
    }))
}

/// Bind positional-or-keyword parameters `names` (the first `required` of
/// them mandatory) as CPython's argument clinic does, with its messages.
pub fn params(a: &CallArgs, fname: &str, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
    let pos = a.positional();
    if pos.len() > names.len() {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most {} argument{} ({} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = names.iter().enumerate().map(|(i, _)| pos.get(i).cloned()).collect();
    for (k, v) in a.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) if i < pos.len() => {
                return Err(PyErr::type_error(format!(
                    "argument for {fname}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(PyErr::type_error(format!("{fname}() got an unexpected keyword argument '{k}'"))),
        }
    }
    for (i, n) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(missing_arg(fname, n, i + 1));
        }
    }
    Ok(out)
}

/// A package with no code of its own whose submodules are native
/// (`concurrent` for `concurrent.futures`).
pub fn namespace_package(name: &'static str) -> crate::ModuleInit {
    match name {
        "concurrent" => || {
            let m = Arc::new(ModuleObj::new("concurrent"));
            m.set("__path__", Value::list(Vec::new()));
            m.set("__package__", Value::str("concurrent"));
            Ok(Value::Module(m))
        },
        _ => || Err(protopy_runtime::PyErr::import_error("unknown package")),
    }
}
