//! Inline fast paths for generated code: the operations on small ints and
//! floats that dominate numeric loops, answered in the caller's code (the
//! operator is a constant there, so each call folds to a few instructions).
//! Everything else, and every int result that overflows i64, goes to the
//! same `ops` function the slow path always used, so results and errors are
//! exactly the generic ones.

use std::sync::Arc;

use crate::error::PyResult;
use crate::objects::list::ListObj;
use crate::objects::slice::SliceObj;
use crate::ops::{self, BinaryOp, CompareOp};
use crate::value::Value;

/// `a op b`.
#[inline(always)]
pub fn binary_op(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(v) = numeric(op, a, b) {
        return Ok(v);
    }
    ops::binary_op(op, a, b)
}

/// `a op= b`: ints and floats are immutable, so the in-place form of their
/// operators is the plain one.
#[inline(always)]
pub fn inplace_op(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(v) = numeric(op, a, b) {
        return Ok(v);
    }
    ops::inplace_op(op, a, b)
}

#[inline(always)]
fn numeric(op: BinaryOp, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            let r = match op {
                BinaryOp::Add => x.checked_add(y)?,
                BinaryOp::Sub => x.checked_sub(y)?,
                BinaryOp::Mul => x.checked_mul(y)?,
                // Python's floor division and modulo take the divisor's
                // sign; for a positive divisor that is Euclid's.
                BinaryOp::FloorDiv if y > 0 => x.div_euclid(y),
                BinaryOp::Mod if y > 0 => x.rem_euclid(y),
                BinaryOp::And => x & y,
                BinaryOp::Or => x | y,
                BinaryOp::Xor => x ^ y,
                BinaryOp::RShift if (0..64).contains(&y) => x >> y,
                BinaryOp::TrueDiv if y != 0 && x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) => {
                    // Both exact in f64, so one rounding, as CPython's.
                    return Some(Value::Float(x as f64 / y as f64));
                }
                _ => return None,
            };
            Some(Value::Int(r))
        }
        (Value::Float(x), Value::Float(y)) => float_op(op, *x, *y),
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() < (1 << 53) => float_op(op, *x, *y as f64),
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() < (1 << 53) => float_op(op, *x as f64, *y),
        _ => None,
    }
}

#[inline(always)]
fn float_op(op: BinaryOp, x: f64, y: f64) -> Option<Value> {
    Some(Value::Float(match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::TrueDiv if y != 0.0 => x / y,
        _ => return None,
    }))
}

/// `bool(a op b)`.
#[inline(always)]
pub fn compare_bool(a: &Value, b: &Value, op: CompareOp) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(op.test(x.cmp(y))),
        (Value::Float(x), Value::Float(y)) => Ok(float_test(op, *x, *y)),
        _ => ops::compare_bool(a, b, op),
    }
}

/// `a op b` as a value.
#[inline(always)]
pub fn compare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(Value::Bool(op.test(x.cmp(y)))),
        (Value::Float(x), Value::Float(y)) => Ok(Value::Bool(float_test(op, *x, *y))),
        _ => ops::compare(a, b, op),
    }
}

#[inline(always)]
fn float_test(op: CompareOp, x: f64, y: f64) -> bool {
    super::typed::ordered(x, y, op)
}

/// At each loop iteration: a pending signal's handler runs (SIGINT raises
/// KeyboardInterrupt in the main thread), as at CPython's back-edges. One
/// relaxed load when nothing is pending.
#[inline(always)]
pub fn check_interrupts() -> PyResult<()> {
    crate::signals::check()
}

/// `bool(v)`.
#[inline(always)]
pub fn truthy(v: &Value) -> PyResult<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::None => Ok(false),
        Value::Int(i) => Ok(*i != 0),
        _ => ops::truthy(v),
    }
}

/// `o[k]`: list and tuple items by int index in place, else `ops::getitem`.
#[inline(always)]
pub fn getitem(o: &Value, k: &Value) -> PyResult<Value> {
    match (o, k) {
        (Value::List(l), Value::Int(i)) => l.get_index(*i),
        (Value::Tuple(t), Value::Int(i)) => {
            let n = t.len() as i64;
            let j = if *i < 0 { *i + n } else { *i };
            if (0..n).contains(&j) {
                return Ok(t.items()[j as usize].clone());
            }
            ops::getitem(o, k)
        }
        _ => ops::getitem(o, k),
    }
}

/// `o[start:stop:step]`: a list is sliced without a slice object.
#[inline]
pub fn getslice(o: &Value, start: Value, stop: Value, step: Value) -> PyResult<Value> {
    let s = SliceObj { start, stop, step };
    match o {
        Value::List(l) => Ok(crate::gc::tracked(Value::List(Arc::new(l.slice(&s)?)))),
        _ => ops::getitem(o, &Value::Slice(Arc::new(s))),
    }
}

/// `o[start:stop:step] = v`: a list is assigned to without a slice object.
#[inline]
pub fn setslice(o: &Value, start: Value, stop: Value, step: Value, v: Value) -> PyResult<()> {
    let s = SliceObj { start, stop, step };
    match o {
        Value::List(l) => crate::objects::list_slice::assign_slice(l, &s, Some(v)),
        _ => ops::setitem(o, &Value::Slice(Arc::new(s)), v),
    }
}

/// `o[k] = v`: list items by int index in place, else `ops::setitem`.
#[inline(always)]
pub fn setitem(o: &Value, k: &Value, v: Value) -> PyResult<()> {
    match (o, k) {
        (Value::List(l), Value::Int(i)) => l.set_index(*i, v),
        _ => ops::setitem(o, k, v),
    }
}

/// The iteration of a `for` loop: ranges count natively and lists are
/// indexed live (appends made during the loop are seen, as with CPython's
/// list iterator); anything else goes through `iter()`/`next()`.
pub enum ForIter {
    Range { next: i64, stop: i64, step: i64 },
    List(Arc<ListObj>, usize),
    Other(Value),
}

/// The next value of a range being counted, if any.
#[inline(always)]
fn range_step(next: &mut i64, stop: i64, step: i64) -> Option<i64> {
    let v = *next;
    let more = if step > 0 { v < stop } else { v > stop };
    if !more {
        return None;
    }
    match v.checked_add(step) {
        Some(n) => *next = n,
        // The last value: the next step would pass the end.
        None => *next = stop,
    }
    Some(v)
}

impl ForIter {
    #[inline]
    pub fn new(v: &Value) -> PyResult<ForIter> {
        Ok(match v {
            Value::Range(r) => ForIter::Range { next: r.start, stop: r.stop, step: r.step },
            Value::List(l) => ForIter::List(l.clone(), 0),
            _ => ForIter::Other(ops::iter(v)?),
        })
    }

    /// The iteration of `for x in func(*args)` where `func` is named
    /// `range`: while it is the builtin and the arguments are small ints,
    /// the loop counts without making a range object.
    #[inline]
    pub fn range(func: &Value, args: &[Value]) -> PyResult<ForIter> {
        if let Value::Type(t) = func {
            if Arc::ptr_eq(t, &crate::context::ctx().types.range) {
                let bounds = match args {
                    [Value::Int(stop)] => Some((0, *stop, 1)),
                    [Value::Int(start), Value::Int(stop)] => Some((*start, *stop, 1)),
                    [Value::Int(start), Value::Int(stop), Value::Int(step)] if *step != 0 => Some((*start, *stop, *step)),
                    _ => None,
                };
                if let Some((next, stop, step)) = bounds {
                    return Ok(ForIter::Range { next, stop, step });
                }
            }
        }
        ForIter::new(&ops::call(func, crate::args::CallArgs::positional_only(args))?)
    }

    #[inline(always)]
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> PyResult<Option<Value>> {
        match self {
            ForIter::Range { next, stop, step } => Ok(range_step(next, *stop, *step).map(Value::Int)),
            ForIter::List(l, i) => {
                let item = l.get(*i);
                *i += 1;
                Ok(item)
            }
            ForIter::Other(it) => ops::next(it),
        }
    }

    /// `next` for a loop whose items are known to be ints (`range`).
    #[inline(always)]
    pub fn next_int(&mut self) -> PyResult<Option<super::typed::Int>> {
        match self {
            ForIter::Range { next, stop, step } => Ok(range_step(next, *stop, *step).map(super::typed::Int::from_i64)),
            _ => match self.next()? {
                Some(v) => super::typed::unbox_int(v).map(Some),
                None => Ok(None),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints() -> Vec<i64> {
        vec![0, 1, -1, 2, -2, 3, 7, -7, 63, 64, i64::MAX, i64::MIN, i64::MAX - 1, i64::MIN + 1, 1 << 53, -(1 << 53), (1 << 53) - 1]
    }

    #[test]
    fn int_ops_agree_with_the_generic_path() {
        crate::context::init();
        use BinaryOp::*;
        for op in [Add, Sub, Mul, FloorDiv, Mod, And, Or, Xor, RShift, LShift, TrueDiv, Pow] {
            for &x in &ints() {
                for &y in &ints() {
                    let (a, b) = (Value::Int(x), Value::Int(y));
                    let fast = binary_op(op, &a, &b);
                    let slow = ops::binary_op(op, &a, &b);
                    match (fast, slow) {
                        (Ok(f), Ok(s)) => assert!(f.is(&s) || ops::eq(&f, &s).unwrap(), "{x} {op:?} {y}"),
                        (Err(_), Err(_)) => {}
                        _ => panic!("{x} {op:?} {y}: one path failed"),
                    }
                }
            }
        }
    }

    #[test]
    fn float_ops_agree_with_the_generic_path() {
        crate::context::init();
        use BinaryOp::*;
        let vals = [Value::Float(0.0), Value::Float(-0.0), Value::Float(1.5), Value::Float(f64::NAN), Value::Float(f64::INFINITY), Value::Int(3), Value::Int(0), Value::Int(i64::MAX)];
        for op in [Add, Sub, Mul, TrueDiv, FloorDiv, Mod] {
            for a in &vals {
                for b in &vals {
                    let fast = binary_op(op, a, b);
                    let slow = ops::binary_op(op, a, b);
                    match (fast, slow) {
                        (Ok(Value::Float(f)), Ok(Value::Float(s))) => assert!(f.to_bits() == s.to_bits() || (f.is_nan() && s.is_nan())),
                        (Ok(f), Ok(s)) => assert!(ops::eq(&f, &s).unwrap()),
                        (Err(_), Err(_)) => {}
                        _ => panic!("{op:?}: one path failed"),
                    }
                }
            }
        }
        for op in [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge] {
            for a in &vals {
                for b in &vals {
                    assert_eq!(compare_bool(a, b, op).unwrap(), ops::compare_bool(a, b, op).unwrap());
                }
            }
        }
    }
}
