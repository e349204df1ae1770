//! Conversions every type takes part in: `repr`, `str`, truth value,
//! `__index__`, and the attributes builtin values expose without a dict.

use std::cell::RefCell;
use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::format;
use crate::objects::exception;
use crate::objects::instance::Payload;
use crate::objects::typeobj::TypeObj;
use crate::value::Value;

use super::{call, type_name, type_of};

thread_local! {
    /// Containers whose repr is in progress on this thread (for `[...]`).
    static REPR_STACK: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Run `f` unless `v` is already being printed on this thread.
fn guarded(v: &Value, recursive: &str, f: impl FnOnce() -> PyResult<String>) -> PyResult<String> {
    let Some(p) = v.heap_ptr() else { return f() };
    let seen = REPR_STACK.with(|s| s.borrow().contains(&p));
    if seen {
        return Ok(recursive.to_string());
    }
    REPR_STACK.with(|s| s.borrow_mut().push(p));
    crate::stack::check()?;
    let r = f();
    REPR_STACK.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(i) = s.iter().rposition(|&x| x == p) {
            s.remove(i);
        }
    });
    r
}

pub fn addr(v: &Value) -> String {
    format!("0x{:x}", v.heap_ptr().unwrap_or(0))
}

fn join_reprs(items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(it)?);
    }
    Ok(out)
}

/// `repr(v)`.
pub fn repr(v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(format::str_repr(s.as_str())),
        Value::Int(i) => Ok(i.to_string()),
        Value::Float(f) => Ok(format::float_repr(*f)),
        Value::Instance(_) => {
            let f = type_of(v).lookup_str("__repr__");
            match f {
                Some(f) => {
                    let r = call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                    match r {
                        Value::Str(s) => Ok(s.as_str().to_string()),
                        other => Err(PyErr::type_error(format!(
                            "__repr__ returned non-string (type {})",
                            type_name(&other)
                        ))),
                    }
                }
                None => Ok(default_repr(v)),
            }
        }
        Value::Type(_) => match super::meta_special(v, "__repr__") {
            Some(f) => str_result(call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?, "__repr__"),
            None => builtin_repr(v),
        },
        _ => builtin_repr(v),
    }
}

/// The str a `__repr__`/`__str__` returned, or CPython's TypeError.
fn str_result(r: Value, method: &str) -> PyResult<String> {
    match r {
        Value::Str(s) => Ok(s.as_str().to_string()),
        other => Err(PyErr::type_error(format!("{method} returned non-string (type {})", type_name(&other)))),
    }
}

/// `object.__repr__`: `<module.Class object at 0x...>`.
pub fn default_repr(v: &Value) -> String {
    let t = type_of(v);
    format!("<{} object at {}>", t.full_name(), addr(v))
}

/// The repr of a builtin value (or an instance's builtin payload).
pub fn builtin_repr(v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::None => "None".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => super::arith::bigint_to_decimal(b)?,
        Value::Float(f) => format::float_repr(*f),
        Value::Complex(c) => format::complex_repr(c.re, c.im),
        Value::Str(s) => format::str_repr(s.as_str()),
        Value::Bytes(b) => format::bytes_repr(&b.data, "b"),
        Value::ByteArray(b) => format!("bytearray({})", format::bytes_repr(&b.data.lock(), "b")),
        Value::List(l) => guarded(v, "[...]", || Ok(format!("[{}]", join_reprs(&l.snapshot())?)))?,
        Value::Tuple(t) => guarded(v, "(...)", || {
            Ok(if t.len() == 1 {
                format!("({},)", repr(&t.items()[0])?)
            } else {
                format!("({})", join_reprs(t.items())?)
            })
        })?,
        Value::Dict(d) => guarded(v, "{...}", || {
            let mut out = String::from("{");
            for (i, (k, val)) in d.items().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr(k)?);
                out.push_str(": ");
                out.push_str(&repr(val)?);
            }
            out.push('}');
            Ok(out)
        })?,
        Value::Set(s) => guarded(v, "set(...)", || {
            let items = s.to_vec();
            Ok(if items.is_empty() { "set()".into() } else { format!("{{{}}}", join_reprs(&items)?) })
        })?,
        Value::FrozenSet(s) => guarded(v, "frozenset(...)", || {
            let items = s.to_vec();
            Ok(if items.is_empty() { "frozenset()".into() } else { format!("frozenset({{{}}})", join_reprs(&items)?) })
        })?,
        Value::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Value::Slice(s) => format!("slice({}, {}, {})", repr(&s.start)?, repr(&s.stop)?, repr(&s.step)?),
        Value::Function(f) => format!("<function {} at {}>", f.qualname_str(), addr(v)),
        Value::Builtin(b) => match &b.bound {
            Some(obj) => format!("<built-in method {} of {} object at {}>", b.name, type_name(obj), addr(obj)),
            None => format!("<built-in function {}>", b.name),
        },
        Value::BoundMethod(m) => {
            let fname = match super::getattr_opt(&m.func, "__qualname__")? {
                Some(Value::Str(s)) => s.as_str().to_string(),
                _ => "?".into(),
            };
            match &m.func {
                Value::Builtin(b) => format!(
                    "<built-in method {} of {} object at {}>",
                    b.name,
                    type_name(&m.receiver),
                    addr(&m.receiver)
                ),
                _ => format!("<bound method {fname} of {}>", repr(&m.receiver)?),
            }
        }
        Value::Type(t) => format!("<class '{}'>", t.full_name()),
        Value::Module(m) => match m.dict.get_str("__file__") {
            Some(Value::Str(f)) => format!("<module '{}' from '{}'>", m.name, f.as_str()),
            _ => format!("<module '{}' (built-in)>", m.name),
        },
        Value::Cell(_) => format!("<cell at {}>", addr(v)),
        Value::Iter(it) => format!("<{} object at {}>", it.type_name(), addr(v)),
        Value::Generator(g) => {
            let q = g.qualname.read().as_str().unwrap_or("?").to_string();
            format!("<{} object {} at {}>", type_name(v), q, addr(v))
        }
        Value::Native(n) => match n.repr() {
            Some(r) => r?,
            None => default_repr(v),
        },
        Value::Instance(i) => match &i.payload {
            Payload::Builtin(b) => builtin_repr(b)?,
            Payload::Exception(_) => exception::exc_repr(v)?,
            Payload::None | Payload::Slots(_) => default_repr(v),
        },
    })
}

/// `str(v)` as a Rust string.
pub fn str_of(v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Instance(_) => {
            let f = type_of(v).lookup_str("__str__");
            match f {
                Some(f) => match call(&f, CallArgs::positional_only(std::slice::from_ref(v)))? {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => Err(PyErr::type_error(format!(
                        "__str__ returned non-string (type {})",
                        type_name(&other)
                    ))),
                },
                None => repr(v),
            }
        }
        Value::Type(_) => match super::meta_special(v, "__str__") {
            Some(f) => str_result(call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?, "__str__"),
            None => repr(v),
        },
        _ => builtin_str(v),
    }
}

/// `str()` of a builtin value or payload.
pub fn builtin_str(v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Instance(i) => match &i.payload {
            Payload::Exception(_) => exception::exc_str(v),
            Payload::Builtin(b) => builtin_str(b),
            Payload::None | Payload::Slots(_) => repr(v),
        },
        _ => builtin_repr(v),
    }
}

/// `str(v)` as a value (no copy for str).
pub fn str_value(v: &Value) -> PyResult<Value> {
    match v {
        Value::Str(_) => Ok(v.clone()),
        _ => Ok(Value::string(str_of(v)?)),
    }
}

/// `bool(v)`.
pub fn truthy(v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(_) => true,
        Value::Float(f) => *f != 0.0,
        Value::Complex(c) => c.re != 0.0 || c.im != 0.0,
        Value::Str(s) => !s.as_str().is_empty(),
        Value::Bytes(b) => !b.data.is_empty(),
        Value::ByteArray(b) => !b.data.lock().is_empty(),
        Value::List(l) => !l.is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::Dict(d) => !d.is_empty(),
        Value::Set(s) | Value::FrozenSet(s) => !s.is_empty(),
        Value::Range(r) => !r.is_empty(),
        Value::Instance(i) => {
            let cls = i.class();
            if let Some(f) = cls.lookup_str("__bool__") {
                return match call(&f, CallArgs::positional_only(std::slice::from_ref(v)))? {
                    Value::Bool(b) => Ok(b),
                    other => Err(PyErr::type_error(format!(
                        "__bool__ should return bool, returned {}",
                        type_name(&other)
                    ))),
                };
            }
            if let Some(f) = cls.lookup_str("__len__") {
                let n = call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                return Ok(index_value(&n)? != 0);
            }
            match &i.payload {
                Payload::Builtin(b) => truthy(b)?,
                _ => true,
            }
        }
        Value::Native(n) => match n.len() {
            Some(r) => r? != 0,
            None => true,
        },
        _ => true,
    })
}

/// `operator.index(v)` as i64: OverflowError beyond i64.
pub fn index_value(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(PyErr::overflow("Python int too large to convert to C ssize_t")),
        Value::Instance(i) => {
            if let Payload::Builtin(b @ (Value::Int(_) | Value::BigInt(_))) = &i.payload {
                return index_value(b);
            }
            match i.class().lookup_str("__index__") {
                Some(f) => {
                    let r = call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                    match r {
                        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => index_value(&r),
                        other => Err(PyErr::type_error(format!(
                            "__index__ returned non-int (type {})",
                            type_name(&other)
                        ))),
                    }
                }
                None => Err(not_an_integer(v)),
            }
        }
        _ => Err(not_an_integer(v)),
    }
}

fn not_an_integer(v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))
}

/// `operator.index(v)` as an int value (big ints kept).
pub fn index_int(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => index_value(v).map(Value::Int),
    }
}

pub fn is_negative(v: &Value) -> bool {
    match v {
        Value::Int(i) => *i < 0,
        Value::BigInt(b) => b.sign() == num_bigint::Sign::Minus,
        Value::Float(f) => *f < 0.0,
        _ => false,
    }
}

/// Attributes builtin values expose without a `__dict__`. `None` when the
/// name is not one of them.
pub fn special_attribute(v: &Value, name: &str) -> PyResult<Option<Value>> {
    let r = match (v, name) {
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "real" | "numerator") => super::int_of_bool(v),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "imag") => Value::Int(0),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "denominator") => Value::Int(1),
        (Value::Float(_), "real") => v.clone(),
        (Value::Float(_), "imag") => Value::Float(0.0),
        (Value::Complex(c), "real") => Value::Float(c.re),
        (Value::Complex(c), "imag") => Value::Float(c.im),
        (Value::Range(r), "start") => Value::Int(r.start),
        (Value::Range(r), "stop") => Value::Int(r.stop),
        (Value::Range(r), "step") => Value::Int(r.step),
        (Value::Slice(s), "start") => s.start.clone(),
        (Value::Slice(s), "stop") => s.stop.clone(),
        (Value::Slice(s), "step") => s.step.clone(),
        (Value::Function(f), _) => return function_attribute(f, name),
        (Value::BoundMethod(m), "__self__") => m.receiver.clone(),
        (Value::BoundMethod(m), "__func__") => m.func.clone(),
        (
            Value::BoundMethod(m),
            "__name__" | "__qualname__" | "__doc__" | "__module__" | "__annotations__" | "__annotate__" | "__defaults__"
            | "__kwdefaults__" | "__wrapped__" | "__code__" | "__type_params__",
        ) => {
            return super::getattr_opt(&m.func, name)
        }
        (Value::Builtin(b), "__name__") => Value::str(b.name),
        (Value::Builtin(b), "__qualname__") => Value::string(match &b.qualname {
            Some(q) => format!("{q}.{}", b.name),
            None => b.name.to_string(),
        }),
        (Value::Builtin(b), "__self__") => b.bound.clone().unwrap_or(Value::None),
        (Value::Builtin(_), "__doc__") => Value::None,
        (Value::Builtin(_), "__module__") => Value::str("builtins"),
        (Value::Generator(g), "__name__" | "gi_name") => g.name.read().clone(),
        (Value::Generator(g), "__qualname__") => g.qualname.read().clone(),
        (Value::Generator(g), "gi_running" | "cr_running") => Value::Bool(g.is_running()),
        (Value::Cell(c), "cell_contents") => match c.get() {
            Some(v) => v,
            None => return Err(PyErr::value_error("Cell is empty")),
        },
        _ => return Ok(None),
    };
    Ok(Some(r))
}

fn function_attribute(f: &Arc<crate::objects::function::Function>, name: &str) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "__name__" => f.name.read().clone(),
        "__qualname__" => f.qualname.read().clone(),
        "__doc__" => f.doc.read().clone(),
        "__module__" => f.module.clone(),
        "__globals__" => Value::Dict(f.globals.clone()),
        "__defaults__" => {
            let d = f.defaults.read();
            if d.is_empty() { Value::None } else { Value::tuple(d.clone()) }
        }
        "__kwdefaults__" => {
            let d = f.kwdefaults.read();
            if d.is_empty() {
                Value::None
            } else {
                let out = crate::objects::dict::DictObj::new();
                for (k, v) in d.iter() {
                    out.set_item(k.clone(), v.clone())?;
                }
                Value::dict(out)
            }
        }
        "__closure__" => {
            if f.closure.is_empty() {
                Value::None
            } else {
                Value::tuple(f.closure.iter().map(|c| Value::Cell(c.clone())).collect())
            }
        }
        "__dict__" => {
            let d = crate::objects::dict::DictObj::new();
            for (k, v) in f.dict.items() {
                d.set_item(k, v)?;
            }
            Value::dict(d)
        }
        "__annotations__" => f.annotations()?,
        "__annotate__" => f.annotate.lock().clone().unwrap_or(Value::None),
        "__code__" => match f.code.attribute("__code__") {
            Some(c) => c,
            None => return Ok(None),
        },
        _ => match f.dict.get_str(name) {
            Some(v) => v,
            None => return Ok(None),
        },
    }))
}

/// Attributes every class has (`__name__`, `__mro__`, ...).
pub fn type_special_attribute(t: &Arc<TypeObj>, name: &str) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "__name__" => Value::str(t.name()),
        "__qualname__" => Value::str(&t.qualname.read()),
        "__mro__" => Value::tuple(t.mro_with_self().into_iter().map(Value::Type).collect()),
        "__bases__" => Value::tuple(t.bases.read().iter().cloned().map(Value::Type).collect()),
        "__base__" => match t.bases.read().first() {
            Some(b) => Value::Type(b.clone()),
            None => Value::None,
        },
        "__class__" => Value::Type(t.metaclass()),
        "__dict__" => Value::dict(t.dict.copy()),
        "__module__" if t.is_builtin => Value::str("builtins"),
        "__doc__" if t.is_builtin => Value::None,
        _ => return Ok(None),
    }))
}

/// The class of the exception a handler names must derive from BaseException.
pub fn is_exception_class(v: &Value) -> bool {
    matches!(v, Value::Type(t) if t.is_exception)
}

pub fn none_if_missing(v: Option<Value>) -> Value {
    v.unwrap_or(Value::None)
}

/// Ensure `ctx` is used (keeps imports tidy when features are toggled).
#[allow(dead_code)]
fn _ctx_used() {
    let _ = ctx();
}
