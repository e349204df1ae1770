//! Comparison and hashing: `==`, `<` and friends with the reflected-method
//! protocol, identity shortcuts, and Python's numeric hash.

use std::cmp::Ordering;
use std::sync::Arc;

use num_bigint::BigInt;

use crate::args::CallArgs;
use crate::error::{PyErr, PyResult};
use crate::num;
use crate::objects::instance::Payload;
use crate::objects::sequence;
use crate::value::Value;

use super::{call, type_name, type_of};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
    pub fn dunder(self) -> &'static str {
        match self {
            CompareOp::Lt => "__lt__",
            CompareOp::Le => "__le__",
            CompareOp::Eq => "__eq__",
            CompareOp::Ne => "__ne__",
            CompareOp::Gt => "__gt__",
            CompareOp::Ge => "__ge__",
        }
    }
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }
    pub fn test(self, o: Ordering) -> bool {
        match self {
            CompareOp::Lt => o == Ordering::Less,
            CompareOp::Le => o != Ordering::Greater,
            CompareOp::Eq => o == Ordering::Equal,
            CompareOp::Ne => o != Ordering::Equal,
            CompareOp::Gt => o == Ordering::Greater,
            CompareOp::Ge => o != Ordering::Less,
        }
    }
    pub const ALL: [CompareOp; 6] =
        [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge];
}

fn int_cmp_f64(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    // Compare exactly: floor(f) as big int, then the fraction.
    let fl = f.floor();
    let fb = match num::float_to_bigint(fl) {
        Ok(num::IntValue::Small(x)) => BigInt::from(x),
        Ok(num::IntValue::Big(b)) => b,
        Err(_) => return None,
    };
    match i.cmp(&fb) {
        Ordering::Equal => Some(if f > fl { Ordering::Less } else { Ordering::Equal }),
        o => Some(o),
    }
}

fn small_cmp_f64(i: i64, f: f64) -> Option<Ordering> {
    if (i as f64) as i64 == i && i.unsigned_abs() < (1 << 53) {
        (i as f64).partial_cmp(&f)
    } else {
        int_cmp_f64(&BigInt::from(i), f)
    }
}

/// Ordering of two numbers (int/bool/float), None when unordered (NaN) or
/// not both numbers.
fn numeric_cmp(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    use Value::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => Some(x.cmp(y)),
        (Float(x), Float(y)) => x.partial_cmp(y),
        (Int(x), Float(y)) => small_cmp_f64(*x, *y),
        (Float(x), Int(y)) => small_cmp_f64(*y, *x).map(Ordering::reverse),
        (Bool(x), _) => return numeric_cmp(&Int(*x as i64), b),
        (_, Bool(y)) => return numeric_cmp(a, &Int(*y as i64)),
        (BigInt(x), BigInt(y)) => Some(x.cmp(y)),
        (BigInt(x), Int(y)) => Some((**x).cmp(&num_bigint::BigInt::from(*y))),
        (Int(x), BigInt(y)) => Some(num_bigint::BigInt::from(*x).cmp(y)),
        (BigInt(x), Float(y)) => int_cmp_f64(x, *y),
        (Float(x), BigInt(y)) => int_cmp_f64(y, *x).map(Ordering::reverse),
        _ => return Option::None,
    })
}

/// Equality that needs no Python code; `None` when a user `__eq__` (or an
/// element's) may be involved.
pub fn eq_fast(a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    if a.is(b) {
        return Some(true);
    }
    if let Some(o) = numeric_cmp(a, b) {
        return Some(o == Some(Ordering::Equal));
    }
    match (a, b) {
        (Str(x), Str(y)) => Some(x.as_str() == y.as_str()),
        (Bytes(x), Bytes(y)) => Some(x.data == y.data),
        (None, _) | (_, None) => Some(false),
        (Tuple(x), Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.items().iter().zip(y.items()) {
                if !eq_fast(p, q)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        (FrozenSet(_), FrozenSet(_)) => Option::None,
        (Complex(x), Complex(y)) => Some(x.re == y.re && x.im == y.im),
        (Instance(_), _) | (_, Instance(_)) => Option::None,
        (List(_), List(_)) | (Dict(_), Dict(_)) | (Set(_), Set(_)) => Option::None,
        (Native(_), _) | (_, Native(_)) => Option::None,
        (Str(_), _) | (Int(_), _) | (Float(_), _) | (BigInt(_), _) | (Bool(_), _) => {
            if matches!(b, Instance(_) | Native(_)) {
                Option::None
            } else {
                Some(false)
            }
        }
        _ => Option::None,
    }
}

/// `a == b` as a bool.
pub fn eq(a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = eq_fast(a, b) {
        return Ok(r);
    }
    compare_bool(a, b, CompareOp::Eq)
}

/// The builtin comparison for builtin values, or NotImplemented.
pub fn builtin_compare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    use Value::*;
    if let Some(o) = numeric_cmp(a, b) {
        return Ok(Bool(match o {
            Some(o) => op.test(o),
            Option::None => op == CompareOp::Ne,
        }));
    }
    let r = match (a, b) {
        (Str(x), Str(y)) => op.test(x.as_str().cmp(y.as_str())),
        (Bytes(x), Bytes(y)) => op.test(x.data.cmp(&y.data)),
        (List(x), List(y)) => sequence::compare_seq(&x.snapshot(), &y.snapshot(), op)?,
        (Tuple(x), Tuple(y)) => sequence::compare_seq(x.items(), y.items(), op)?,
        (Dict(x), Dict(y)) if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
            let e = crate::objects::dict_methods::dict_eq(x, y)?;
            if op == CompareOp::Eq { e } else { !e }
        }
        (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => crate::objects::set_methods::set_compare(a, b, op)?,
        (Complex(x), Complex(y)) if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
            (x.re == y.re && x.im == y.im) == (op == CompareOp::Eq)
        }
        (Complex(x), _) | (_, Complex(x)) if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
            let other = if matches!(a, Complex(_)) { b } else { a };
            match super::to_f64(other) {
                Ok(f) if matches!(other, Int(_) | Float(_) | BigInt(_) | Bool(_)) => {
                    (x.im == 0.0 && x.re == f) == (op == CompareOp::Eq)
                }
                _ => return Ok(NotImplemented),
            }
        }
        (Range(x), Range(y)) if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
            let same = x.len() == y.len()
                && (x.is_empty() || (x.start == y.start && (x.len() == 1 || x.step == y.step)));
            same == (op == CompareOp::Eq)
        }
        (ByteArray(x), ByteArray(y)) => {
            // One lock at a time: `x` may be `y`, and two threads may
            // compare the same pair in opposite orders.
            let left = x.data.lock().clone();
            op.test(left.as_slice().cmp(y.data.lock().as_slice()))
        }
        (ByteArray(x), Bytes(y)) => op.test(x.data.lock().as_slice().cmp(&y.data)),
        (Bytes(x), ByteArray(y)) => op.test(x.data.as_ref().cmp(y.data.lock().as_slice())),
        (Slice(x), Slice(y)) => {
            let ta = vec![x.start.clone(), x.stop.clone(), x.step.clone()];
            let tb = vec![y.start.clone(), y.stop.clone(), y.step.clone()];
            sequence::compare_seq(&ta, &tb, op)?
        }
        _ => {
            return Ok(match op {
                CompareOp::Eq => Bool(a.is(b)),
                CompareOp::Ne => Bool(!a.is(b)),
                _ => NotImplemented,
            });
        }
    };
    Ok(Bool(r))
}

fn call_cmp(f: &Value, a: &Value, b: &Value) -> PyResult<Value> {
    call(f, CallArgs::positional_only(&[a.clone(), b.clone()]))
}

/// Look up a comparison method that a user class (or a native object)
/// defines; builtin types' own comparisons are handled natively.
fn user_cmp_method(v: &Value, name: &str) -> Option<Value> {
    match v {
        Value::Instance(_) => {
            let f = type_of(v).lookup_str(name)?;
            match &f {
                // `object`'s and builtin bases' slots: handled below.
                Value::Builtin(_) => None,
                _ => Some(f),
            }
        }
        _ => None,
    }
}

/// Ordering of native objects whose class defines `__lt__` and friends
/// (e.g. `collections.deque`); `None` when neither side does.
fn native_order(a: &Value, b: &Value, op: CompareOp) -> PyResult<Option<Value>> {
    for (x, y, name) in [(a, b, op.dunder()), (b, a, op.swapped().dunder())] {
        if let Value::Native(n) = x {
            if let Some(f) = n.type_obj().lookup_str(name) {
                let r = call_cmp(&f, x, y)?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
    }
    Ok(None)
}

/// `a op b` (rich comparison), returning the result object.
pub fn compare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let ua = matches!(a, Value::Instance(_));
    let ub = matches!(b, Value::Instance(_));
    if !ua && !ub {
        if let (Value::Native(n), CompareOp::Eq | CompareOp::Ne) = (a, op) {
            if let Some(r) = n.eq(b) {
                let e = r?;
                return Ok(Value::Bool(if op == CompareOp::Eq { e } else { !e }));
            }
        }
        let r = builtin_compare(a, b, op)?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
        if let Some(r) = native_order(a, b, op)? {
            return Ok(r);
        }
        return Err(order_error(a, b, op));
    }
    let ta = type_of(a);
    let tb = type_of(b);
    let name = op.dunder();
    let rname = op.swapped().dunder();
    let mut tried_reflected = false;
    if ub && !Arc::ptr_eq(&ta, &tb) && tb.is_subtype(&ta) {
        if let Some(f) = user_cmp_method(b, rname) {
            tried_reflected = true;
            let r = call_cmp(&f, b, a)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    if let Some(f) = user_cmp_method(a, name) {
        let r = call_cmp(&f, a, b)?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    } else if op == CompareOp::Ne {
        // Default __ne__ inverts __eq__.
        if let Some(f) = user_cmp_method(a, "__eq__") {
            let r = call_cmp(&f, a, b)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(Value::Bool(!super::truthy(&r)?));
            }
        }
    }
    if !tried_reflected {
        if let Some(f) = user_cmp_method(b, rname) {
            let r = call_cmp(&f, b, a)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        } else if op == CompareOp::Ne {
            if let Some(f) = user_cmp_method(b, "__eq__") {
                let r = call_cmp(&f, b, a)?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Value::Bool(!super::truthy(&r)?));
                }
            }
        }
    }
    // Builtin payloads (subclasses of builtins) compare natively.
    let pa = super::payload(a);
    let pb = super::payload(b);
    let native = matches!(pa, Value::Native(_)) || matches!(pb, Value::Native(_));
    if native && !matches!(pa, Value::Instance(_)) && !matches!(pb, Value::Instance(_)) {
        // Subclasses of native types (deque) compare as their payloads.
        return compare(&pa, &pb, op);
    }
    let r = builtin_compare(&pa, &pb, op)?;
    if !matches!(r, Value::NotImplemented) {
        if matches!(pa, Value::Instance(_)) || matches!(pb, Value::Instance(_)) {
            // Plain instances: identity for ==/!=.
            return Ok(r);
        }
        return Ok(r);
    }
    Err(order_error(a, b, op))
}

fn order_error(a: &Value, b: &Value, op: CompareOp) -> PyErr {
    PyErr::type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        type_name(a),
        type_name(b)
    ))
}

/// `bool(a op b)`.
#[inline]
pub fn compare_bool(a: &Value, b: &Value, op: CompareOp) -> PyResult<bool> {
    // The hot cases inline into callers; the rest stays out of line.
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(op.test(x.cmp(y))),
        (Value::Float(x), Value::Float(y)) => Ok(match x.partial_cmp(y) {
            Some(o) => op.test(o),
            None => op == CompareOp::Ne,
        }),
        _ => compare_bool_general(a, b, op),
    }
}

#[inline(never)]
fn compare_bool_general(a: &Value, b: &Value, op: CompareOp) -> PyResult<bool> {
    use Value::*;
    match (a, b) {
        (Str(x), Str(y)) => return Ok(op.test(x.as_str().cmp(y.as_str()))),
        _ => {}
    }
    let r = compare(a, b, op)?;
    match r {
        Bool(b) => Ok(b),
        other => super::truthy(&other),
    }
}

/// `hash(v)`.
pub fn hash(v: &Value) -> PyResult<i64> {
    use Value::*;
    Ok(match v {
        Int(i) => num::hash_i64(*i),
        Str(s) => s.hash(),
        Bool(b) => *b as i64,
        None => 0xFCA86420,
        // Singletons hashed by identity in CPython: fixed, distinct values
        // (they have no address here).
        NotImplemented => 0x7F3A_55C0_1E90,
        Ellipsis => 0x7F3A_55C0_1F40,
        Float(f) => num::hash_f64(*f).unwrap_or_else(|| (v.heap_ptr().unwrap_or(0x5EED) >> 4) as i64),
        BigInt(b) => num::hash_bigint(b),
        Tuple(t) => {
            let mut h = num::TupleHasher::new(t.len());
            for item in t.items() {
                h.add(hash(item)?);
            }
            h.finish()
        }
        Bytes(b) => num::hash_bytes(&b.data),
        Complex(c) => num::hash_complex(c.re, c.im).unwrap_or(0),
        FrozenSet(s) => {
            let snap = s.snapshot();
            num::hash_frozenset(snap.iter_hashed().map(|(h, _)| h), snap.len())
        }
        List(_) | Dict(_) | Set(_) | ByteArray(_) => {
            return Err(PyErr::type_error(format!("unhashable type: '{}'", type_name(v))))
        }
        Range(r) => {
            let mut h = num::TupleHasher::new(3);
            h.add(num::hash_i64(r.len() as i64));
            h.add(num::hash_i64(r.start));
            h.add(num::hash_i64(r.step));
            h.finish()
        }
        Slice(_) => return Err(PyErr::type_error("unhashable type: 'slice'")),
        Instance(i) => {
            let cls = i.class();
            match cls.lookup_str("__hash__") {
                Some(Value::None) => {
                    return Err(PyErr::type_error(format!("unhashable type: '{}'", cls.name())))
                }
                Some(f @ (Value::Function(_) | Value::BoundMethod(_) | Value::Native(_) | Value::Instance(_))) => {
                    let r = call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                    return match r {
                        Int(i) => Ok(if i == -1 { -2 } else { i }),
                        Bool(b) => Ok(b as i64),
                        BigInt(b) => Ok(num::hash_bigint(&b)),
                        _ => Err(PyErr::type_error("__hash__ method should return an integer")),
                    };
                }
                _ => match &i.payload {
                    Payload::Builtin(b) => return hash(b),
                    _ => identity_hash(v),
                },
            }
        }
        Native(n) => match n.hash() {
            Some(r) => r?,
            Option::None => identity_hash(v),
        },
        _ => identity_hash(v),
    })
}

fn identity_hash(v: &Value) -> i64 {
    let p = v.heap_ptr().unwrap_or(0);
    // CPython rotates the address by 4 bits.
    (p.rotate_right(4) as i64) & i64::MAX
}
