//! `_types`: what `types.py` needs from the runtime — constructors for
//! the `method` and `module` types (`types.MethodType(f, obj)`,
//! `types.ModuleType(name)`), which the builtin types lack, and what kind
//! of code a function runs (for `asyncio.iscoroutinefunction`).

use std::sync::Arc;

use protopy_runtime::objects::function::BuiltinFunction;
use protopy_runtime::objects::module::ModuleObj;
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::{ctx, ops, CallArgs, PyErr, PyResult, Value};

/// `method.__new__(cls, function, instance)`.
fn method_new(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "method", 3, 3)?;
    if !ops::is_callable(&pos[1]) {
        return Err(PyErr::type_error("first argument must be callable"));
    }
    if pos[2].is_none() {
        return Err(PyErr::type_error("instance must not be None"));
    }
    Ok(protopy_runtime::objects::function::BoundMethod::value(pos[2].clone(), pos[1].clone()))
}

/// `module.__new__(cls, name, doc=None)`.
fn module_new(a: CallArgs) -> PyResult<Value> {
    let p = crate::util::params(&CallArgs::new(&a.args[1.min(a.args.len())..], a.kwnames), "module", &["name", "doc"], 1)?;
    let name = match &p[0] {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "module.__init__() argument 'name' must be str, not {}",
                ops::type_name(other)
            )))
        }
        None => return Err(PyErr::type_error("module() missing required argument 'name' (pos 1)")),
    };
    let m = ModuleObj::new(&name);
    if let Some(doc) = &p[1] {
        m.set("__doc__", doc.clone());
    }
    m.set("__package__", Value::None);
    m.set("__loader__", Value::None);
    m.set("__spec__", Value::None);
    Ok(Value::Module(Arc::new(m)))
}

/// `_code_kind(f)`: "coroutine", "async generator", "generator" or
/// "function" for a Python function (or a method of one), else None.
fn code_kind(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "_code_kind", 1, 1)?;
    let mut f = pos[0].clone();
    if let Value::BoundMethod(m) = &f {
        f = m.func.clone();
    }
    Ok(match &f {
        Value::Function(f) => Value::str(match (f.code.is_coroutine(), f.code.is_generator()) {
            (true, false) => "coroutine",
            (true, true) => "async generator",
            (false, true) => "generator",
            (false, false) => "function",
        }),
        _ => Value::None,
    })
}

fn give_constructor(t: &Arc<TypeObj>, f: protopy_runtime::objects::function::BuiltinFn) {
    if t.dict.get_str("__new__").is_some() {
        return;
    }
    let new = Value::Builtin(Arc::new(BuiltinFunction::function("__new__", f)));
    t.dict.set_str("__new__", protopy_runtime::objects::descriptor::static_method(new));
    ctx().bump_type_version();
}

pub fn module() -> PyResult<Value> {
    let c = ctx();
    give_constructor(&c.types.method, method_new);
    give_constructor(&c.types.module, module_new);
    let m = crate::util::new_module("_types", &[]);
    m.set("MethodType", Value::Type(c.types.method.clone()));
    m.set("ModuleType", Value::Type(c.types.module.clone()));
    m.set("_code_kind", Value::Builtin(Arc::new(BuiltinFunction::function("_code_kind", code_kind))));
    Ok(Value::Module(m))
}
