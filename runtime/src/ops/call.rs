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
    if !t.is_builtin && t.kind == crate::objects::typeobj::BaseKind::Object && t.special_flags() & crate::objects::typeobj::special::PLAIN_NEW != 0 {
        return construct_plain(t, args);
    }
    let c = ctx();
    if Arc::ptr_eq(t, &c.types.type_) {
        let pos = args.positional();
        if pos.len() == 1 && !args.has_kwargs() {
            return Ok(Value::Type(type_of(&pos[0])));
        }
        return crate::builtins::type_new(args);
    }
    if let Some(mc) = t.meta_call() {
        return call_prepended(&mc, Value::Type(t.clone()), args);
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
    let new = t.lookup_str("__new__");
    let init = t.lookup_str("__init__");
    let object_init = init.as_ref().is_none_or(is_object_init);
    let (obj, exact) = match &new {
        Some(n @ Value::Native(_)) if crate::objects::native::downcast::<crate::objects::descriptor::StaticMethod>(n).is_some() => {
            let f = super::bind_descriptor(n.clone(), None, t)?;
            if is_object_new(&f) && t.kind == crate::objects::typeobj::BaseKind::Object {
                // Fast path: a plain instance; argument checks as object.__new__.
                if object_init && (!args.positional().is_empty() || args.has_kwargs()) {
                    return Err(PyErr::type_error(format!("{}() takes no arguments", t.name())));
                }
                (crate::objects::instance::new_instance(t, &[])?, true)
            } else {
                (call_prepended(&f, Value::Type(t.clone()), args)?, false)
            }
        }
        Some(f) => (call_prepended(f, Value::Type(t.clone()), args)?, false),
        None => (crate::objects::instance::new_instance(t, args.positional())?, false),
    };
    if !exact && !type_of(&obj).is_subtype(t) {
        return Ok(obj);
    }
    if let (Some(init), false) = (&init, object_init) {
        init_returned(call_prepended(init, obj.clone(), args)?)?;
    }
    Ok(obj)
}

/// What an `__init__` returned: anything but None is the TypeError
/// CPython raises.
#[inline]
pub fn init_returned(r: Value) -> PyResult<()> {
    if r.is_none() {
        return Ok(());
    }
    Err(PyErr::type_error(format!("__init__() should return None, not '{}'", type_name(&r))))
}

/// `construct` for a class whose `__new__` is `object.__new__` (and whose
/// metaclass does not define `__call__`): a plain instance, then its
/// `__init__`.
fn construct_plain(t: &Arc<TypeObj>, args: CallArgs) -> PyResult<Value> {
    let init = t.lookup(&ctx().names.init);
    let object_init = init.as_ref().is_none_or(is_object_init);
    if object_init && (!args.positional().is_empty() || args.has_kwargs()) {
        return Err(PyErr::type_error(format!("{}() takes no arguments", t.name())));
    }
    let obj = crate::objects::instance::new_instance(t, &[])?;
    if let (Some(init), false) = (&init, object_init) {
        init_returned(call_prepended(init, obj.clone(), args)?)?;
    }
    Ok(obj)
}

/// `f(first, *args, **kwargs)`, without a heap vector for up to three
/// arguments.
pub fn call_prepended(f: &Value, first: Value, args: CallArgs) -> PyResult<Value> {
    let kw = args.kwnames;
    // A Python function takes the arguments over: `first` is not cloned again.
    if let (Value::Function(func), []) = (f, kw) {
        return match args.args {
            [] => func.code.call_taking(func, &mut [first]),
            [a] => func.code.call_taking(func, &mut [first, a.clone()]),
            [a, b] => func.code.call_taking(func, &mut [first, a.clone(), b.clone()]),
            more => {
                let mut v = Vec::with_capacity(more.len() + 1);
                v.push(first);
                v.extend_from_slice(more);
                func.code.call_taking(func, &mut v)
            }
        };
    }
    match args.args {
        [] => call(f, CallArgs::new(&[first], kw)),
        [a] => call(f, CallArgs::new(&[first, a.clone()], kw)),
        [a, b] => call(f, CallArgs::new(&[first, a.clone(), b.clone()], kw)),
        [a, b, c] => call(f, CallArgs::new(&[first, a.clone(), b.clone(), c.clone()], kw)),
        more => {
            let mut v = Vec::with_capacity(more.len() + 1);
            v.push(first);
            v.extend_from_slice(more);
            call(f, CallArgs::new(&v, kw))
        }
    }
}

/// `object.__init__` (what a class that does not define `__init__` finds).
fn is_object_init(f: &Value) -> bool {
    matches!(f, Value::Builtin(b) if b.qualname.as_deref() == Some("object") && b.name == "__init__")
}

fn is_object_new(f: &Value) -> bool {
    matches!(f, Value::Builtin(b) if b.qualname.as_deref() == Some("object") && b.name == "__new__")
}
