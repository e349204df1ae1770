//! `set` and `frozenset` methods and operators. Results are built in the
//! same insertion order CPython uses, so printed sets match.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::set::SetObj;
use crate::ops::{self, BinaryOp, CompareOp};
use crate::value::Value;

fn this(v: &Value) -> PyResult<Arc<SetObj>> {
    match ops::payload(v) {
        Value::Set(s) | Value::FrozenSet(s) => Ok(s),
        _ => Err(PyErr::type_error(format!(
            "descriptor requires a 'set' object but received a '{}'",
            ops::type_name(v)
        ))),
    }
}

fn is_frozen(v: &Value) -> bool {
    matches!(ops::payload(v), Value::FrozenSet(_))
}

fn wrap(like: &Value, s: SetObj) -> Value {
    if is_frozen(like) {
        Value::FrozenSet(Arc::new(s))
    } else {
        Value::set(s)
    }
}

/// The items of any iterable, as a set (sets are used as they are).
fn as_set(v: &Value) -> PyResult<Arc<SetObj>> {
    match ops::payload(v) {
        Value::Set(s) | Value::FrozenSet(s) => Ok(s),
        _ => Ok(Arc::new(SetObj::from_values(ops::collect(v)?)?)),
    }
}

fn union(a: &SetObj, b: &SetObj) -> PyResult<SetObj> {
    let out = a.copy();
    for (h, k) in b.snapshot().iter_hashed() {
        out.add_hashed(h, k.clone())?;
    }
    Ok(out)
}

fn intersection(a: &SetObj, b: &SetObj) -> PyResult<SetObj> {
    let (small, large) = if a.len() > b.len() { (b, a) } else { (a, b) };
    let out = SetObj::new();
    for (h, k) in small.snapshot().iter_hashed() {
        if large.contains(k)? {
            out.add_hashed(h, k.clone())?;
        }
    }
    Ok(out)
}

fn difference(a: &SetObj, b: &SetObj) -> PyResult<SetObj> {
    let out = SetObj::new();
    for (h, k) in a.snapshot().iter_hashed() {
        if !b.contains(k)? {
            out.add_hashed(h, k.clone())?;
        }
    }
    Ok(out)
}

fn symmetric_difference(a: &SetObj, b: &SetObj) -> PyResult<SetObj> {
    let out = a.copy();
    for (h, k) in b.snapshot().iter_hashed() {
        if !out.discard(k)? {
            out.add_hashed(h, k.clone())?;
        }
    }
    Ok(out)
}

fn issubset(a: &SetObj, b: &SetObj) -> PyResult<bool> {
    if a.len() > b.len() {
        return Ok(false);
    }
    for k in a.snapshot().iter() {
        if !b.contains(k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` for two sets.
pub fn set_operator(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y) = (this(a)?, this(b)?);
    let r = match op {
        BinaryOp::Or => union(&x, &y)?,
        BinaryOp::And => intersection(&x, &y)?,
        BinaryOp::Sub => difference(&x, &y)?,
        BinaryOp::Xor => symmetric_difference(&x, &y)?,
        _ => return Ok(Value::NotImplemented),
    };
    Ok(wrap(a, r))
}

/// `a |= b` and friends: mutate `a` in place.
pub fn set_inplace(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y) = (this(a)?, this(b)?);
    match op {
        BinaryOp::Or => {
            for (h, k) in y.snapshot().iter_hashed() {
                x.add_hashed(h, k.clone())?;
            }
        }
        BinaryOp::Sub => {
            for k in y.snapshot().iter() {
                x.discard(k)?;
            }
        }
        BinaryOp::And => {
            let r = intersection(&x, &y)?;
            x.replace((*r.snapshot()).clone());
        }
        BinaryOp::Xor => {
            let r = symmetric_difference(&x, &y)?;
            x.replace((*r.snapshot()).clone());
        }
        _ => return Ok(Value::NotImplemented),
    }
    Ok(a.clone())
}

pub fn set_compare(a: &Value, b: &Value, op: CompareOp) -> PyResult<bool> {
    let (x, y) = (this(a)?, this(b)?);
    Ok(match op {
        CompareOp::Eq => x.len() == y.len() && issubset(&x, &y)?,
        CompareOp::Ne => !(x.len() == y.len() && issubset(&x, &y)?),
        CompareOp::Le => issubset(&x, &y)?,
        CompareOp::Lt => x.len() < y.len() && issubset(&x, &y)?,
        CompareOp::Ge => issubset(&y, &x)?,
        CompareOp::Gt => x.len() > y.len() && issubset(&y, &x)?,
    })
}

fn add(a: CallArgs) -> PyResult<Value> {
    let [s, v] = a.exact::<2>("add")?;
    this(s)?.add(v.clone())?;
    Ok(Value::None)
}

fn discard(a: CallArgs) -> PyResult<Value> {
    let [s, v] = a.exact::<2>("discard")?;
    this(s)?.discard(v)?;
    Ok(Value::None)
}

fn remove(a: CallArgs) -> PyResult<Value> {
    let [s, v] = a.exact::<2>("remove")?;
    if !this(s)?.discard(v)? {
        return Err(PyErr::key_error(v.clone()));
    }
    Ok(Value::None)
}

fn pop(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("pop")?;
    this(s)?.pop().ok_or_else(|| PyErr::key_error(Value::str("pop from an empty set")))
}

fn clear(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("clear")?;
    this(s)?.clear();
    Ok(Value::None)
}

fn copy(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("copy")?;
    if let Value::FrozenSet(_) = s {
        return Ok(s.clone());
    }
    Ok(wrap(s, this(s)?.copy()))
}

/// `s.union(*others)` and friends, folding over the arguments.
fn fold(a: &CallArgs, name: &str, f: fn(&SetObj, &SetObj) -> PyResult<SetObj>) -> PyResult<Value> {
    a.no_kwargs(name)?;
    let pos = a.positional();
    let Some(first) = pos.first() else {
        return Err(PyErr::type_error(format!("{name}() needs an argument")));
    };
    let mut acc = this(first)?.copy();
    for other in &pos[1..] {
        acc = f(&acc, &*as_set(other)?)?;
    }
    Ok(wrap(first, acc))
}

fn union_m(a: CallArgs) -> PyResult<Value> {
    fold(&a, "union", union)
}
fn intersection_m(a: CallArgs) -> PyResult<Value> {
    fold(&a, "intersection", intersection)
}
fn difference_m(a: CallArgs) -> PyResult<Value> {
    fold(&a, "difference", difference)
}
fn symmetric_difference_m(a: CallArgs) -> PyResult<Value> {
    let [s, o] = a.exact::<2>("symmetric_difference")?;
    Ok(wrap(s, symmetric_difference(&*this(s)?, &*as_set(o)?)?))
}

fn update_with(a: &CallArgs, name: &str, op: BinaryOp) -> PyResult<Value> {
    a.no_kwargs(name)?;
    let pos = a.positional();
    let Some(first) = pos.first() else {
        return Err(PyErr::type_error(format!("{name}() needs an argument")));
    };
    for other in &pos[1..] {
        let o = Value::Set(as_set(other)?);
        set_inplace(op, first, &o)?;
    }
    Ok(Value::None)
}

fn update(a: CallArgs) -> PyResult<Value> {
    update_with(&a, "update", BinaryOp::Or)
}
fn intersection_update(a: CallArgs) -> PyResult<Value> {
    update_with(&a, "intersection_update", BinaryOp::And)
}
fn difference_update(a: CallArgs) -> PyResult<Value> {
    update_with(&a, "difference_update", BinaryOp::Sub)
}
fn symmetric_difference_update(a: CallArgs) -> PyResult<Value> {
    update_with(&a, "symmetric_difference_update", BinaryOp::Xor)
}

fn issubset_m(a: CallArgs) -> PyResult<Value> {
    let [s, o] = a.exact::<2>("issubset")?;
    Ok(Value::Bool(issubset(&*this(s)?, &*as_set(o)?)?))
}
fn issuperset_m(a: CallArgs) -> PyResult<Value> {
    let [s, o] = a.exact::<2>("issuperset")?;
    Ok(Value::Bool(issubset(&*as_set(o)?, &*this(s)?)?))
}
fn isdisjoint_m(a: CallArgs) -> PyResult<Value> {
    let [s, o] = a.exact::<2>("isdisjoint")?;
    Ok(Value::Bool(intersection(&*this(s)?, &*as_set(o)?)?.is_empty()))
}

fn init(a: CallArgs) -> PyResult<Value> {
    let args = a.range("set", 1, 2)?;
    let s = this(&args[0])?;
    s.clear();
    if let Some(src) = args.get(1) {
        for v in ops::collect(src)? {
            s.add(v)?;
        }
    }
    Ok(Value::None)
}

pub fn init_type() {
    let c = ctx();
    for t in [&c.types.set, &c.types.frozenset] {
        t.add_method("copy", copy);
        t.add_method("union", union_m);
        t.add_method("intersection", intersection_m);
        t.add_method("difference", difference_m);
        t.add_method("symmetric_difference", symmetric_difference_m);
        t.add_method("issubset", issubset_m);
        t.add_method("issuperset", issuperset_m);
        t.add_method("isdisjoint", isdisjoint_m);
    }
    let t = &c.types.set;
    t.add_method("add", add);
    t.add_method("discard", discard);
    t.add_method("remove", remove);
    t.add_method("pop", pop);
    t.add_method("clear", clear);
    t.add_method("update", update);
    t.add_method("intersection_update", intersection_update);
    t.add_method("difference_update", difference_update);
    t.add_method("symmetric_difference_update", symmetric_difference_update);
    t.add_method("__init__", init);
}
