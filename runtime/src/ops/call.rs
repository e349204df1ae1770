//! Calling: functions, builtins, bound methods, classes (`__new__` then
//! `__init__`), and instances with `__call__`.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::typeobj::TypeObj;
use crate::value::Value;

use super::{type_name, type_of};

/// `f(*args)`.
pub fn call(f: &Value, args: CallArgs) -> PyResult<Value> {
    match f {
        Value::Function(func) => func.code.call(func, args),
        Value::Builtin(b) => b.call(args),
        Value::BoundMethod(m) => m.call(args),
        Value::Type(t) => call_type(t, args),
        Value::Instance(i) => match i.class().lookup_str("__call__") {
            Some(c) => {
                let mut v = Vec::with_capacity(args.args.len() + 1);
                v.push(f.clone());
                v.extend_from_slice(args.args);
                call(&c, CallArgs::new(&v, args.kwnames))
            }
            None => Err(not_callable(f)),
        },
        Value::Native(n) => match n.call(f, args) {
            Some(r) => r,
            None => Err(not_callable(f)),
        },
        _ => Err(not_callable(f)),
    }
}

fn not_callable(f: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not callable", type_name(f)))
}

pub fn call0(f: &Value) -> PyResult<Value> {
    call(f, CallArgs::positional_only(&[]))
}

pub fn call1(f: &Value, a: Value) -> PyResult<Value> {
    call(f, CallArgs::positional_only(&[a]))
}

/// Whether `callable(v)`.
pub fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Type(_) => true,
        Value::Instance(i) => i.class().lookup_str("__call__").is_some(),
        Value::Native(n) => n.type_obj().lookup_str("__call__").is_some() || is_native_callable(v),
        _ => false,
    }
}

fn is_native_callable(v: &Value) -> bool {
    crate::objects::native::downcast::<crate::objects::descriptor::StaticMethod>(v).is_some()
}

/// Calling a class: `type(x)`, builtin constructors, metaclass `__call__`,
/// and `__new__` + `__init__`.
pub fn call_type(t: &Arc<TypeObj>, args: CallArgs) -> PyResult<Value> {
    let c = ctx();
    if Arc::ptr_eq(t, &c.types.type_) {
        let pos = args.positional();
        if pos.len() == 1 && !args.has_kwargs() {
            return Ok(Value::Type(type_of(&pos[0])));
        }
        return crate::builtins::type_new(args);
    }
    let meta = t.metaclass();
    if !meta.is_builtin {
        if let Some(mc) = meta.lookup_str("__call__") {
            if !matches!(mc, Value::Builtin(_)) {
                let mut v = Vec::with_capacity(args.args.len() + 1);
                v.push(Value::Type(t.clone()));
                v.extend_from_slice(args.args);
                return call(&mc, CallArgs::new(&v, args.kwnames));
            }
        }
    }
    if t.is_builtin {
        if let Some(ctor) = t.constructor {
            return ctor(args);
        }
    }
    construct(t, args)
}

/// `type.__call__(cls, *args)`: `obj = cls.__new__(cls, *args)`, then
/// `obj.__init__(*args)` when obj is an instance of cls.
pub fn construct(t: &Arc<TypeObj>, args: CallArgs) -> PyResult<Value> {
    let c = ctx();
    let new = t.lookup_str("__new__");
    let obj = match &new {
        Some(n @ Value::Native(_)) if crate::objects::native::downcast::<crate::objects::descriptor::StaticMethod>(n).is_some() => {
            let f = super::bind_descriptor(new.clone().unwrap_or(Value::None), None, t)?;
            if is_object_new(&f) && t.kind == crate::objects::typeobj::BaseKind::Object {
                // Fast path: a plain instance; argument checks as object.__new__.
                let init_overridden = t.lookup_owner("__init__").is_some_and(|o| !Arc::ptr_eq(&o, &c.types.object));
                if !init_overridden && (!args.positional().is_empty() || args.has_kwargs()) {
                    return Err(PyErr::type_error(format!("{}() takes no arguments", t.name())));
                }
                crate::objects::instance::new_instance(t, &[])?
            } else {
                let mut v = Vec::with_capacity(args.args.len() + 1);
                v.push(Value::Type(t.clone()));
                v.extend_from_slice(args.args);
                call(&f, CallArgs::new(&v, args.kwnames))?
            }
        }
        Some(f) => {
            let mut v = Vec::with_capacity(args.args.len() + 1);
            v.push(Value::Type(t.clone()));
            v.extend_from_slice(args.args);
            call(f, CallArgs::new(&v, args.kwnames))?
        }
        None => crate::objects::instance::new_instance(t, args.positional())?,
    };
    if !type_of(&obj).is_subtype(t) {
        return Ok(obj);
    }
    if let Some(init) = t.lookup_str("__init__") {
        let is_object_init = matches!(&init, Value::Builtin(b) if b.qualname.as_deref() == Some("object"));
        if !is_object_init {
            let mut v = Vec::with_capacity(args.args.len() + 1);
            v.push(obj.clone());
            v.extend_from_slice(args.args);
            let r = call(&init, CallArgs::new(&v, args.kwnames))?;
            if !r.is_none() {
                return Err(PyErr::type_error(format!(
                    "__init__() should return None, not '{}'",
                    type_name(&r)
                )));
            }
        }
    }
    Ok(obj)
}

fn is_object_new(f: &Value) -> bool {
    matches!(f, Value::Builtin(b) if b.qualname.as_deref() == Some("object") && b.name == "__new__")
}
