//! Builtins over iterables: `sorted`, `reversed`, `enumerate`, `zip`,
//! `map`, `filter`, `any`, `all`.

use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

use crate::sync::Mutex;

use crate::args::{check_fn, CallArgs};
use crate::error::{PyErr, PyResult};
use crate::objects::function::BuiltinFn;
use crate::objects::iter::IterObj;
use crate::objects::sequence;
use crate::ops;
use crate::value::Value;

pub const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("sorted", sorted),
    ("reversed", reversed),
    ("enumerate", enumerate),
    ("zip", zip),
    ("map", map),
    ("filter", filter),
    ("any", any),
    ("all", all),
];

fn it(v: IterObj) -> Value {
    Value::Iter(Arc::new(v))
}

fn sorted(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("sorted", &["key", "reverse"])?;
    let pos = a.positional();
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let items = ops::collect(&pos[0])?;
    let key = a.kwarg("key").filter(|k| !k.is_none());
    let reverse = match a.kwarg("reverse") {
        Some(r) => ops::truthy(&r)?,
        None => false,
    };
    sequence::sort_values(items, key.as_ref(), reverse).map(Value::list).map_err(|(e, _)| e)
}

fn reversed(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "reversed", 1, 1)?;
    let v = &pos[0];
    match v {
        Value::List(l) => {
            let n = l.len();
            Ok(it(IterObj::ListReverse(l.clone(), Mutex::new(n.checked_sub(1)))))
        }
        Value::Range(r) => {
            let n = r.len();
            let last = if n == 0 { r.start } else { r.item(n - 1) };
            Ok(it(IterObj::new_range(last, -r.step, n)))
        }
        Value::Tuple(t) => {
            let mut items = t.items().to_vec();
            items.reverse();
            Ok(it(IterObj::Values(items, AtomicUsize::new(0))))
        }
        Value::Str(s) => {
            let items: Vec<Value> = s.as_str().chars().rev().map(ops::char_value).collect();
            Ok(it(IterObj::Values(items, AtomicUsize::new(0))))
        }
        Value::Dict(d) => {
            let mut keys = d.keys();
            keys.reverse();
            Ok(it(IterObj::Values(keys, AtomicUsize::new(0))))
        }
        _ => {
            if let Some(f) = ops::lookup_special(v, "__reversed__") {
                // Native classes (deque) define their special methods as builtins.
                if !matches!(f, Value::Builtin(_)) || matches!(v, Value::Native(_)) {
                    return ops::call(&f, CallArgs::positional_only(std::slice::from_ref(v)));
                }
            }
            let has_seq = ops::lookup_special(v, "__getitem__").is_some() && ops::lookup_special(v, "__len__").is_some();
            if has_seq || matches!(ops::payload(v), Value::List(_) | Value::Tuple(_) | Value::Str(_)) {
                let n = ops::len(v)?;
                let mut items = Vec::with_capacity(n);
                for i in (0..n).rev() {
                    items.push(ops::getitem(v, &Value::from_usize(i))?);
                }
                return Ok(it(IterObj::Values(items, AtomicUsize::new(0))));
            }
            Err(PyErr::type_error(format!("'{}' object is not reversible", ops::type_name(v))))
        }
    }
}

fn enumerate(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("enumerate", &["iterable", "start"])?;
    let Some(src) = a.get(0, "iterable") else {
        return Err(PyErr::type_error("enumerate() missing required argument 'iterable'"));
    };
    let start = match a.get(1, "start") {
        Some(s) => ops::index_int(&s)?,
        None => Value::Int(0),
    };
    Ok(it(IterObj::Enumerate(ops::iter(&src)?, Mutex::new(start))))
}

fn zip(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("zip", &["strict"])?;
    let strict = match a.kwarg("strict") {
        Some(s) => ops::truthy(&s)?,
        None => false,
    };
    let mut iters = Vec::new();
    for (i, v) in a.positional().iter().enumerate() {
        iters.push(ops::iter(v).map_err(|e| {
            if e.is_instance(&crate::context::ctx().exc.type_error) {
                PyErr::type_error(format!("zip argument #{} must support iteration", i + 1))
            } else {
                e
            }
        })?);
    }
    Ok(it(IterObj::Zip(iters, strict)))
}

fn map(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("map")?;
    let pos = a.positional();
    if pos.len() < 2 {
        return Err(PyErr::type_error("map() must have at least two arguments."));
    }
    let iters = pos[1..].iter().map(ops::iter).collect::<PyResult<Vec<_>>>()?;
    Ok(it(IterObj::Map(pos[0].clone(), iters)))
}

fn filter(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "filter", 2, 2)?;
    Ok(it(IterObj::Filter(pos[0].clone(), ops::iter(&pos[1])?)))
}

fn any(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "any", 1, 1)?;
    let i = ops::iter(&pos[0])?;
    while let Some(v) = ops::next(&i)? {
        if ops::truthy(&v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "all", 1, 1)?;
    let i = ops::iter(&pos[0])?;
    while let Some(v) = ops::next(&i)? {
        if !ops::truthy(&v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
