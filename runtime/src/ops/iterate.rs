//! The iteration protocol: `iter(v)`, `next(it)`, and collecting an
//! iterable into a vector.

use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::sync::Arc;

use crate::sync::Mutex;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::generator::{Resume, Step};
use crate::objects::instance::Payload;
use crate::objects::iter::{DictIterKind, IterObj};
use crate::value::Value;

use super::{call, type_name, type_of};

fn iter_value(it: IterObj) -> Value {
    Value::Iter(Arc::new(it))
}

/// `iter(v)`.
pub fn iter(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::List(l) => iter_value(IterObj::List(l.clone(), AtomicUsize::new(0))),
        Value::Tuple(t) => iter_value(IterObj::Tuple(t.clone(), AtomicUsize::new(0))),
        Value::Str(s) => iter_value(IterObj::Str(s.clone(), Mutex::new(0))),
        Value::Range(r) => iter_value(IterObj::new_range(r.start, r.step, r.len())),
        Value::Dict(d) => iter_value(IterObj::new_dict(d.clone(), DictIterKind::Keys)),
        Value::Set(s) | Value::FrozenSet(s) => iter_value(IterObj::new_set(s.clone())),
        Value::Bytes(b) => iter_value(IterObj::Bytes(b.data.to_vec(), AtomicUsize::new(0))),
        Value::ByteArray(b) => iter_value(IterObj::Bytes(b.data.lock().clone(), AtomicUsize::new(0))),
        Value::Iter(_) | Value::Generator(_) => v.clone(),
        Value::Instance(i) => {
            let cls = i.class();
            if let Some(f) = cls.lookup_str("__iter__") {
                if !matches!(f, Value::Builtin(_)) {
                    let it = call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                    if type_of(&it).lookup_str("__next__").is_none() && !matches!(it, Value::Iter(_) | Value::Generator(_)) {
                        return Err(PyErr::type_error(format!(
                            "iter() returned non-iterator of type '{}'",
                            type_name(&it)
                        )));
                    }
                    return Ok(it);
                }
            }
            if let Payload::Builtin(inner) = &i.payload {
                return iter(inner);
            }
            if cls.lookup_str("__getitem__").is_some() {
                return Ok(iter_value(IterObj::GetItem(v.clone(), AtomicUsize::new(0), AtomicBool::new(false))));
            }
            return Err(not_iterable(v));
        }
        Value::Native(n) => match n.iter(v) {
            Some(r) => return r,
            None => {
                if n.iter_next().is_some() {
                    return Ok(v.clone());
                }
                return Err(not_iterable(v));
            }
        },
        Value::Type(_) => match super::meta_special(v, "__iter__") {
            Some(f) => return call(&f, CallArgs::positional_only(std::slice::from_ref(v))),
            None => return Err(not_iterable(v)),
        },
        _ => return Err(not_iterable(v)),
    })
}

fn not_iterable(v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", type_name(v)))
}

/// `next(it)`: `None` at the end (StopIteration is not raised here).
pub fn next(it: &Value) -> PyResult<Option<Value>> {
    match it {
        Value::Iter(i) => i.next(),
        Value::Generator(g) => match g.resume(Resume::Send(Value::None))? {
            Step::Yielded(v) => Ok(Some(v)),
            Step::Returned(_) => Ok(None),
        },
        Value::Instance(i) => {
            let Some(f) = i.class().lookup_str("__next__") else {
                return Err(PyErr::type_error(format!("'{}' object is not an iterator", type_name(it))));
            };
            match call(&f, CallArgs::positional_only(std::slice::from_ref(it))) {
                Ok(v) => Ok(Some(v)),
                Err(e) if e.is_instance(&ctx().exc.stop_iteration) => Ok(None),
                Err(e) => Err(e),
            }
        }
        Value::Native(n) => match n.iter_next() {
            Some(r) => r,
            None => Err(PyErr::type_error(format!("'{}' object is not an iterator", type_name(it)))),
        },
        _ => Err(PyErr::type_error(format!("'{}' object is not an iterator", type_name(it)))),
    }
}

/// Every item of an iterable, in order.
pub fn collect(v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => Ok(l.to_vec()),
        Value::Tuple(t) => Ok(t.items().to_vec()),
        Value::Range(r) => {
            if r.len() > (1 << 31) {
                return Err(PyErr::memory_error());
            }
            Ok((0..r.len()).map(|i| Value::Int(r.item(i))).collect())
        }
        Value::Dict(d) => Ok(d.keys()),
        Value::Set(s) | Value::FrozenSet(s) => Ok(s.to_vec()),
        _ => {
            let it = iter(v)?;
            let mut out = Vec::new();
            if let Value::Iter(i) = &it {
                out.reserve(i.length_hint());
            }
            while let Some(x) = next(&it)? {
                out.push(x);
            }
            Ok(out)
        }
    }
}
