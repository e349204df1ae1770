//! Subscription and the container protocol: `a[i]`, `a[i] = v`, `del a[i]`,
//! `x in a`, `len(a)`.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::instance::Payload;
use crate::objects::sequence::normalize_index;
use crate::objects::slice::SliceObj;
use crate::value::Value;

use super::{call, index_value, type_name, type_of};

fn indices_error(container: &str, key: &Value) -> PyErr {
    PyErr::type_error(format!(
        "{container} indices must be integers or slices, not {}",
        type_name(key)
    ))
}

/// An integer index from a subscript key; `None` for a slice.
fn int_key(container: &str, key: &Value) -> PyResult<Option<i64>> {
    match key {
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::Slice(_) => Ok(None),
        Value::BigInt(_) => Ok(Some(i64::MAX)),
        Value::Instance(_) if type_of(key).lookup_str("__index__").is_some() => Ok(Some(index_value(key)?)),
        _ => Err(indices_error(container, key)),
    }
}

fn slice_items<T: Clone>(items: &[T], s: &SliceObj) -> PyResult<Vec<T>> {
    let idx = s.indices(items.len())?;
    if idx.step == 1 {
        let (a, b) = (idx.start as usize, (idx.start as usize + idx.len).min(items.len()));
        return Ok(items[a..b].to_vec());
    }
    Ok(idx.positions().map(|i| items[i].clone()).collect())
}

/// `a[key]`.
pub fn getitem(a: &Value, key: &Value) -> PyResult<Value> {
    match a {
        Value::List(l) => match int_key("list", key)? {
            Some(i) => l.get_index(i),
            None => {
                let Value::Slice(s) = key else { unreachable_slice() };
                Ok(crate::gc::tracked(Value::List(Arc::new(l.slice(s)?))))
            }
        },
        Value::Tuple(t) => match int_key("tuple", key)? {
            Some(i) => normalize_index(i, t.len())
                .map(|i| t.items()[i].clone())
                .ok_or_else(|| PyErr::index_error("tuple index out of range")),
            None => {
                let Value::Slice(s) = key else { unreachable_slice() };
                Ok(Value::tuple(slice_items(t.items(), s)?))
            }
        },
        Value::Dict(d) => match d.get_item(key)? {
            Some(v) => Ok(v),
            None => Err(PyErr::key_error(key.clone())),
        },
        Value::Str(s) => match int_key("string", key)? {
            Some(i) => match normalize_index(i, s.char_len()) {
                Some(i) => Ok(super::char_value(s.char_at(i).unwrap_or('\0'))),
                None => Err(PyErr::index_error("string index out of range")),
            },
            None => {
                let Value::Slice(sl) = key else { unreachable_slice() };
                crate::objects::str_methods::slice(s, sl)
            }
        },
        Value::Range(r) => match int_key("range", key)? {
            Some(i) => normalize_index(i, r.len())
                .map(|i| Value::Int(r.item(i)))
                .ok_or_else(|| PyErr::index_error("range object index out of range")),
            None => {
                let Value::Slice(sl) = key else { unreachable_slice() };
                let idx = sl.indices(r.len())?;
                let start = if idx.len > 0 { r.item(idx.start as usize) } else { r.start };
                let step = r.step * idx.step;
                let stop = start + step * idx.len as i64;
                Ok(Value::Range(Arc::new(crate::objects::range::RangeObj::new(start, stop, step)?)))
            }
        },
        Value::Bytes(b) => match int_key("byte", key)? {
            Some(i) => normalize_index(i, b.data.len())
                .map(|i| Value::Int(b.data[i] as i64))
                .ok_or_else(|| PyErr::index_error("index out of range")),
            None => {
                let Value::Slice(s) = key else { unreachable_slice() };
                Ok(crate::objects::bytes_methods::bytes_value(slice_items(&b.data, s)?))
            }
        },
        Value::ByteArray(b) => {
            let data = b.data.lock().clone();
            match int_key("bytearray", key)? {
                Some(i) => normalize_index(i, data.len())
                    .map(|i| Value::Int(data[i] as i64))
                    .ok_or_else(|| PyErr::index_error("bytearray index out of range")),
                None => {
                    let Value::Slice(s) = key else { unreachable_slice() };
                    Ok(Value::ByteArray(Arc::new(crate::objects::bytes::ByteArrayObj::new(slice_items(&data, s)?))))
                }
            }
        }
        Value::Instance(i) => {
            let cls = i.class();
            if let Some(f) = cls.lookup_str("__getitem__") {
                if !matches!(f, Value::Builtin(_)) {
                    return call(&f, CallArgs::positional_only(&[a.clone(), key.clone()]));
                }
            }
            if let Payload::Builtin(inner) = &i.payload {
                if let Value::Dict(d) = inner {
                    if let Some(v) = d.get_item(key)? {
                        return Ok(v);
                    }
                    if let Some(m) = cls.lookup_str("__missing__") {
                        return call(&m, CallArgs::positional_only(&[a.clone(), key.clone()]));
                    }
                    return Err(PyErr::key_error(key.clone()));
                }
                return getitem(inner, key);
            }
            Err(not_subscriptable(a))
        }
        Value::Type(t) => {
            // A metaclass `__getitem__` comes first (enum `Color['RED']`).
            if let Some(f) = super::meta_special(a, "__getitem__") {
                return call(&f, CallArgs::positional_only(&[a.clone(), key.clone()]));
            }
            // `list[int]` and friends: generic aliases; classes may define
            // __class_getitem__.
            if let Some(f) = t.lookup_str("__class_getitem__") {
                let f = super::bind_descriptor(f, None, t)?;
                let f = match &f {
                    Value::Function(_) => crate::objects::function::BoundMethod::value(a.clone(), f.clone()),
                    _ => f,
                };
                return call(&f, CallArgs::positional_only(std::slice::from_ref(key)));
            }
            if t.is_builtin {
                return Ok(crate::objects::generic_alias::new(a.clone(), key.clone()));
            }
            Err(PyErr::type_error(format!("type '{}' is not subscriptable", t.name())))
        }
        Value::Native(n) => match n.getitem(key) {
            Some(r) => r,
            None => Err(not_subscriptable(a)),
        },
        _ => Err(not_subscriptable(a)),
    }
}

#[cold]
fn unreachable_slice() -> ! {
    // int_key returns None only for slices.
    unreachable!("subscript key classified as slice but is not one")
}

fn not_subscriptable(a: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not subscriptable", type_name(a)))
}

/// `a[key] = value`; `value` None means `del a[key]`.
pub fn set_or_del_item(a: &Value, key: &Value, value: Option<Value>) -> PyResult<()> {
    match a {
        Value::List(l) => match int_key("list", key)? {
            Some(i) => match value {
                Some(v) => l.set_index(i, v),
                None => {
                    let n = l.len();
                    let Some(j) = normalize_index(i, n) else {
                        return Err(PyErr::index_error("list assignment index out of range"));
                    };
                    l.with_mut(|items| {
                        if j < items.len() {
                            items.remove(j);
                        }
                    });
                    Ok(())
                }
            },
            None => {
                let Value::Slice(s) = key else { unreachable_slice() };
                crate::objects::list_slice::assign_slice(l, s, value)
            }
        },
        Value::Dict(d) => match value {
            Some(v) => d.set_item(key.clone(), v),
            None => match d.remove(key)? {
                Some(_) => Ok(()),
                None => Err(PyErr::key_error(key.clone())),
            },
        },
        Value::ByteArray(b) => {
            let i = int_key("bytearray", key)?.ok_or_else(|| PyErr::type_error("bytearray slice assignment is not supported"))?;
            let mut data = b.data.lock();
            let Some(j) = normalize_index(i, data.len()) else {
                return Err(PyErr::index_error("bytearray index out of range"));
            };
            match value {
                Some(v) => {
                    let x = index_value(&v)?;
                    if !(0..=255).contains(&x) {
                        return Err(PyErr::value_error("byte must be in range(0, 256)"));
                    }
                    data[j] = x as u8;
                }
                None => {
                    data.remove(j);
                }
            }
            Ok(())
        }
        Value::Instance(i) => {
            let cls = i.class();
            let hook = if value.is_some() { "__setitem__" } else { "__delitem__" };
            if let Some(f) = cls.lookup_str(hook) {
                if !matches!(f, Value::Builtin(_)) {
                    let mut args = vec![a.clone(), key.clone()];
                    args.extend(value);
                    return call(&f, CallArgs::positional_only(&args)).map(|_| ());
                }
            }
            if let Payload::Builtin(inner) = &i.payload {
                return set_or_del_item(inner, key, value);
            }
            Err(item_assignment_error(a, value.is_some()))
        }
        Value::Native(n) => {
            // Native classes (e.g. `collections.deque`) define the methods.
            let hook = if value.is_some() { "__setitem__" } else { "__delitem__" };
            match n.type_obj().lookup_str(hook) {
                Some(f) => {
                    let mut args = vec![a.clone(), key.clone()];
                    args.extend(value);
                    call(&f, CallArgs::positional_only(&args)).map(|_| ())
                }
                None => Err(item_assignment_error(a, value.is_some())),
            }
        }
        _ => Err(item_assignment_error(a, value.is_some())),
    }
}

fn item_assignment_error(a: &Value, set: bool) -> PyErr {
    if set {
        PyErr::type_error(format!("'{}' object does not support item assignment", type_name(a)))
    } else {
        PyErr::type_error(format!("'{}' object doesn't support item deletion", type_name(a)))
    }
}

pub fn setitem(a: &Value, key: &Value, value: Value) -> PyResult<()> {
    set_or_del_item(a, key, Some(value))
}

pub fn delitem(a: &Value, key: &Value) -> PyResult<()> {
    set_or_del_item(a, key, None)
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(s) => match item {
            Value::Str(t) => Ok(s.as_str().contains(t.as_str())),
            _ => Err(PyErr::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(item)
            ))),
        },
        Value::List(l) => Ok(l.find(item, 0, usize::MAX)?.is_some()),
        Value::Tuple(t) => {
            for v in t.items() {
                if super::eq(v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Dict(d) => d.contains(item),
        Value::Set(s) | Value::FrozenSet(s) => match s.contains(item) {
            Err(e) if matches!(item, Value::Set(_)) && e.is_instance(&ctx().exc.type_error) => {
                let fs = Value::FrozenSet(Arc::new(match item {
                    Value::Set(x) => x.copy(),
                    _ => unreachable_slice(),
                }));
                s.contains(&fs)
            }
            other => other,
        },
        Value::Range(r) => match item {
            Value::Int(i) => Ok(r.contains_int(*i)),
            Value::Bool(b) => Ok(r.contains_int(*b as i64)),
            _ => {
                for i in 0..r.len() {
                    if super::eq(&Value::Int(r.item(i)), item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        },
        Value::Bytes(b) => crate::objects::bytes_methods::contains(&b.data, item),
        Value::ByteArray(b) => {
            let data = b.data.lock().clone();
            crate::objects::bytes_methods::contains(&data, item)
        }
        Value::Instance(i) => {
            let cls = i.class();
            if let Some(f) = cls.lookup_str("__contains__") {
                if !matches!(f, Value::Builtin(_)) {
                    let r = call(&f, CallArgs::positional_only(&[container.clone(), item.clone()]))?;
                    return super::truthy(&r);
                }
            }
            if let Payload::Builtin(inner) = &i.payload {
                return contains(inner, item);
            }
            contains_by_iteration(container, item)
        }
        Value::Native(n) => match n.contains(item) {
            Some(r) => r,
            None => contains_by_iteration(container, item),
        },
        Value::Type(_) => match super::meta_special(container, "__contains__") {
            Some(f) => {
                let r = call(&f, CallArgs::positional_only(&[container.clone(), item.clone()]))?;
                super::truthy(&r)
            }
            None => contains_by_iteration(container, item),
        },
        _ => contains_by_iteration(container, item),
    }
}

fn contains_by_iteration(container: &Value, item: &Value) -> PyResult<bool> {
    let it = match super::iter(container) {
        Ok(it) => it,
        Err(e) if e.is_instance(&ctx().exc.type_error) => {
            return Err(PyErr::type_error(format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            )))
        }
        Err(e) => return Err(e),
    };
    while let Some(v) = super::next(&it)? {
        if super::eq(&v, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `len(v)`.
pub fn len(v: &Value) -> PyResult<usize> {
    match v {
        Value::Str(s) => Ok(s.char_len()),
        Value::List(l) => Ok(l.len()),
        Value::Tuple(t) => Ok(t.len()),
        Value::Dict(d) => Ok(d.len()),
        Value::Set(s) | Value::FrozenSet(s) => Ok(s.len()),
        Value::Range(r) => Ok(r.len()),
        Value::Bytes(b) => Ok(b.data.len()),
        Value::ByteArray(b) => Ok(b.data.lock().len()),
        Value::Instance(i) => {
            let cls = i.class();
            if let Some(f) = cls.lookup_str("__len__") {
                if !matches!(f, Value::Builtin(_)) {
                    let r = call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                    let n = match &r {
                        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => index_value(&r)?,
                        _ => {
                            return Err(PyErr::type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                type_name(&r)
                            )))
                        }
                    };
                    if n < 0 {
                        return Err(PyErr::value_error("__len__() should return >= 0"));
                    }
                    return Ok(n as usize);
                }
            }
            if let Payload::Builtin(inner) = &i.payload {
                return len(inner);
            }
            Err(no_len(v))
        }
        Value::Native(n) => match n.len() {
            Some(r) => r,
            None => Err(no_len(v)),
        },
        Value::Type(_) => match super::meta_special(v, "__len__") {
            Some(f) => {
                let r = call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                let n = index_value(&r)?;
                if n < 0 {
                    return Err(PyErr::value_error("__len__() should return >= 0"));
                }
                Ok(n as usize)
            }
            None => Err(no_len(v)),
        },
        _ => Err(no_len(v)),
    }
}

fn no_len(v: &Value) -> PyErr {
    PyErr::type_error(format!("object of type '{}' has no len()", type_name(v)))
}
