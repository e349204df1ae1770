//! Unboxed values for code whose types protopyc knows: an `int` is an
//! [`Int`] (a small `i64` or a big integer, never a `Value` with its wide
//! drop glue), a `float` an `f64`, a `bool` a `bool`. Every operation keeps
//! Python's result exactly: small-int arithmetic is overflow-checked and
//! goes to the big-integer path of `ops` on overflow, float division by
//! zero raises, and int/float mixes convert as `float.__add__` does.
//!
//! Where the types come from (annotations checked on entry, inference) is
//! protopyc's business; see `codegen/types.rs` there.

use std::sync::Arc;

use num_bigint::BigInt;

use crate::error::{PyErr, PyResult};
use crate::objects::instance::Payload;
use crate::ops::{self, BinaryOp, CompareOp};
use crate::value::Value;

use super::CodeInfo;

/// A Python `int` in typed code: `Small` whenever it fits in i64 (the
/// same rule as `Value`). A bool is an int too, and stays a bool (`x & y`
/// of bools is a bool): operations on one take the generic path.
/// A whole-word tag (as `Value`'s): with a one-byte tag the bool sat at
/// byte 1 and every copy moved odd-sized pieces, stalling the next load.
#[derive(Clone, Debug)]
#[repr(u64)]
pub enum Int {
    Small(i64),
    Big(Arc<BigInt>),
    Bool(bool),
}

impl Int {
    #[inline(always)]
    pub fn into_value(self) -> Value {
        match self {
            Int::Small(i) => Value::Int(i),
            other => other.into_value_slow(),
        }
    }

    /// Out of line: a `Value` assembled from several variants (one of them
    /// a one-byte bool) is copied out in odd-sized pieces, and the load
    /// that reads it back stalls.
    #[inline(never)]
    fn into_value_slow(self) -> Value {
        match self {
            Int::Small(i) => Value::Int(i),
            Int::Big(b) => Value::BigInt(b),
            Int::Bool(b) => Value::Bool(b),
        }
    }

    #[inline(always)]
    pub fn to_value(&self) -> Value {
        self.clone().into_value()
    }

    /// An exact `int` or a bool.
    #[inline]
    pub fn from_value(v: Value) -> Option<Int> {
        match v {
            Value::Int(i) => Some(Int::Small(i)),
            Value::BigInt(b) => Some(Int::Big(b)),
            Value::Bool(b) => Some(Int::Bool(b)),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn is_true(&self) -> bool {
        match self {
            Int::Small(i) => *i != 0,
            // A big int is never zero.
            Int::Big(_) => true,
            Int::Bool(b) => *b,
        }
    }
}

/// The int an operation on ints returned (`ops` keeps results normalised).
#[cold]
fn int_result(v: Value) -> PyResult<Int> {
    Int::from_value(v).ok_or_else(|| PyErr::system_error("int operation returned a non-int"))
}

#[cold]
#[inline(never)]
fn int_op_slow(op: BinaryOp, a: &Int, b: &Int) -> PyResult<Int> {
    int_result(ops::binary_op(op, &a.to_value(), &b.to_value())?)
}

/// `a op b` for ints (`+ - * // % & | ^ << >>`).
#[inline(always)]
pub fn int_op(op: BinaryOp, a: &Int, b: &Int) -> PyResult<Int> {
    if let (Int::Small(x), Int::Small(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let r = match op {
            BinaryOp::Add => x.checked_add(y),
            BinaryOp::Sub => x.checked_sub(y),
            BinaryOp::Mul => x.checked_mul(y),
            // Python's floor division and modulo take the divisor's sign;
            // for a positive divisor that is Euclid's.
            BinaryOp::FloorDiv if y > 0 => Some(x.div_euclid(y)),
            BinaryOp::Mod if y > 0 => Some(x.rem_euclid(y)),
            BinaryOp::And => Some(x & y),
            BinaryOp::Or => Some(x | y),
            BinaryOp::Xor => Some(x ^ y),
            BinaryOp::RShift if (0..64).contains(&y) => Some(x >> y),
            BinaryOp::LShift if (0..63).contains(&y) && (x << y) >> y == x => Some(x << y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(Int::Small(r));
        }
    }
    int_op_slow(op, a, b)
}

/// `-a` for an int.
#[inline(always)]
pub fn int_neg(a: &Int) -> PyResult<Int> {
    if let Int::Small(x) = a {
        if let Some(r) = x.checked_neg() {
            return Ok(Int::Small(r));
        }
    }
    int_result(ops::unary_op(ops::UnaryOp::Neg, &a.to_value())?)
}

/// `~a` for an int.
#[inline(always)]
pub fn int_invert(a: &Int) -> PyResult<Int> {
    if let Int::Small(x) = a {
        return Ok(Int::Small(!x));
    }
    int_result(ops::unary_op(ops::UnaryOp::Invert, &a.to_value())?)
}

#[cold]
#[inline(never)]
fn int_cmp_slow(a: &Int, b: &Int, op: CompareOp) -> PyResult<bool> {
    ops::compare_bool(&a.to_value(), &b.to_value(), op)
}

/// Comparison of two ints.
#[inline(always)]
pub fn int_cmp(a: &Int, b: &Int, op: CompareOp) -> PyResult<bool> {
    if let (Int::Small(x), Int::Small(y)) = (a, b) {
        return Ok(ordered(x, y, op));
    }
    int_cmp_slow(a, b, op)
}

/// `x op y` for Rust's ordered values (IEEE for floats, as Python's).
#[inline(always)]
pub(crate) fn ordered<T: PartialOrd>(x: T, y: T, op: CompareOp) -> bool {
    match op {
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
    }
}

/// Comparison of two floats (IEEE, as Python's).
#[inline(always)]
pub fn float_cmp(a: f64, b: f64, op: CompareOp) -> bool {
    ordered(a, b, op)
}

/// Ints at most this large in magnitude are exact in f64.
const EXACT: u64 = 1 << 53;

/// `float op int` comparison: exact, as Python's (not by converting a
/// large int to float).
#[inline(always)]
pub fn float_int_cmp(a: f64, b: &Int, op: CompareOp) -> PyResult<bool> {
    if let Int::Small(y) = b {
        if y.unsigned_abs() <= EXACT {
            return Ok(ordered(a, *y as f64, op));
        }
    }
    ops::compare_bool(&Value::Float(a), &b.to_value(), op)
}

/// `int op float` comparison.
#[inline(always)]
pub fn int_float_cmp(a: &Int, b: f64, op: CompareOp) -> PyResult<bool> {
    if let Int::Small(x) = a {
        if x.unsigned_abs() <= EXACT {
            return Ok(ordered(*x as f64, b, op));
        }
    }
    ops::compare_bool(&a.to_value(), &Value::Float(b), op)
}

/// An int as a float operand (`float.__add__(int)` and friends):
/// correctly rounded, OverflowError beyond the float range.
#[inline(always)]
pub fn int_to_f64(a: &Int) -> PyResult<f64> {
    match a {
        Int::Small(i) => Ok(*i as f64),
        _ => ops::to_f64(&a.to_value()),
    }
}

/// `a / b` for ints.
#[inline(always)]
pub fn int_truediv(a: &Int, b: &Int) -> PyResult<f64> {
    if let (Int::Small(x), Int::Small(y)) = (a, b) {
        if *y != 0 && x.unsigned_abs() < EXACT && y.unsigned_abs() < EXACT {
            // Both exact in f64, so one rounding, as CPython's.
            return Ok(*x as f64 / *y as f64);
        }
    }
    match ops::binary_op(BinaryOp::TrueDiv, &a.to_value(), &b.to_value())? {
        Value::Float(f) => Ok(f),
        _ => Err(PyErr::system_error("int division returned a non-float")),
    }
}

/// `a / b` for floats.
#[inline(always)]
pub fn float_div(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(float_zero_division("float division by zero"));
    }
    Ok(a / b)
}

/// `a // b` for floats.
#[inline(always)]
pub fn float_floordiv(a: f64, b: f64) -> PyResult<f64> {
    crate::num::float::float_floordiv(a, b).map_err(float_zero_division)
}

/// `a % b` for floats.
#[inline(always)]
pub fn float_mod(a: f64, b: f64) -> PyResult<f64> {
    crate::num::float::float_mod(a, b).map_err(float_zero_division)
}

#[cold]
fn float_zero_division(msg: &'static str) -> PyErr {
    PyErr::zero_division(msg)
}

/// Read a typed fast local that is `Copy` (a float or a bool).
#[inline(always)]
pub fn typed_local<T: Copy>(v: &Option<T>, name: &str) -> PyResult<T> {
    match v {
        Some(v) => Ok(*v),
        None => Err(PyErr::unbound_local(name)),
    }
}

/// Borrow an int fast local.
#[inline(always)]
pub fn int_local<'v>(v: &'v Option<Int>, name: &str) -> PyResult<&'v Int> {
    match v {
        Some(v) => Ok(v),
        None => Err(PyErr::unbound_local(name)),
    }
}

/// A value typed code knows to be an int (a store from a generic path
/// into a typed local): a TypeError if it is not.
#[inline]
pub fn unbox_int(v: Value) -> PyResult<Int> {
    match v {
        Value::Int(i) => Ok(Int::Small(i)),
        other => Int::from_value(other.clone()).ok_or_else(|| expected("int", &other)),
    }
}

/// A value typed code knows to be a float.
#[inline]
pub fn unbox_float(v: Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(f),
        other => Err(expected("float", &other)),
    }
}

/// A value typed code knows to be a bool.
#[inline]
pub fn unbox_bool(v: Value) -> PyResult<bool> {
    match v {
        Value::Bool(b) => Ok(b),
        other => Err(expected("bool", &other)),
    }
}

#[cold]
fn expected(what: &str, v: &Value) -> PyErr {
    PyErr::type_error(format!("{what} object expected; got {}", ops::type_name(v)))
}

/// `param_int` for a bound argument slot.
#[inline]
pub fn opt_param_int(v: Option<Value>, info: &CodeInfo, index: usize) -> PyResult<Option<Int>> {
    match v {
        Some(v) => param_int(v, info, index).map(Some),
        None => Ok(None),
    }
}

/// The value of argument `index` of `info`, annotated `int`: an int or a
/// bool, or an instance of an int subclass (as its int value, as mypyc
/// does); anything else is a TypeError naming the parameter.
#[inline]
pub fn param_int(v: Value, info: &CodeInfo, index: usize) -> PyResult<Int> {
    match v {
        Value::Int(i) => Ok(Int::Small(i)),
        other => param_int_slow(other, info, index),
    }
}

#[cold]
#[inline(never)]
fn param_int_slow(v: Value, info: &CodeInfo, index: usize) -> PyResult<Int> {
    if let Value::Instance(i) = &v {
        if let Payload::Builtin(inner @ (Value::Int(_) | Value::BigInt(_))) = &i.payload {
            return Ok(Int::from_value(inner.clone()).unwrap_or(Int::Small(0)));
        }
    }
    match Int::from_value(v.clone()) {
        Some(i) => Ok(i),
        None => Err(param_type_error(&v, info, index, "int")),
    }
}

/// Argument `index` of `info`, annotated `int` but kept as a `Value`: the
/// same check as `param_int`, the value unchanged.
#[inline]
pub fn opt_check_int(v: Option<Value>, info: &CodeInfo, index: usize) -> PyResult<Option<Value>> {
    match &v {
        Some(Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) | None => Ok(v),
        Some(other) => match param_int_slow(other.clone(), info, index) {
            Ok(_) => Ok(v),
            Err(e) => Err(e),
        },
    }
}

/// Argument `index` of `info`, annotated `float`: a float, an int or a
/// bool (PEP 484's numeric tower), or an instance of a subclass of either;
/// anything else is a TypeError naming the parameter. The value is kept
/// as it is: an int stays an int, as in the interpreter.
#[inline]
pub fn opt_check_float(v: Option<Value>, info: &CodeInfo, index: usize) -> PyResult<Option<Value>> {
    match &v {
        Some(Value::Float(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) | None => Ok(v),
        Some(Value::Instance(i)) if matches!(&i.payload, Payload::Builtin(Value::Int(_) | Value::BigInt(_) | Value::Float(_))) => Ok(v),
        Some(other) => Err(param_type_error(other, info, index, "float")),
    }
}

fn param_type_error(v: &Value, info: &CodeInfo, index: usize, expected: &str) -> PyErr {
    let param = info.params.get(index).copied().unwrap_or("?");
    PyErr::type_error(format!(
        "{}() argument '{}' must be {}, not {}",
        info.name,
        param,
        expected,
        ops::type_name(v)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints() -> Vec<i64> {
        vec![0, 1, -1, 2, -2, 3, 7, -7, 62, 63, 64, i64::MAX, i64::MIN, i64::MAX - 1, i64::MIN + 1, 1 << 53, -(1 << 53), (1 << 53) - 1, (1 << 53) + 1]
    }

    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
            _ => ops::type_name(a) == ops::type_name(b) && ops::eq(a, b).unwrap(),
        }
    }

    #[test]
    fn int_ops_agree_with_the_generic_path() {
        crate::context::init();
        use BinaryOp::*;
        let mut vals: Vec<Int> = ints().into_iter().map(Int::Small).collect();
        vals.push(Int::from_value(ops::binary_op(Mul, &Value::Int(i64::MAX), &Value::Int(4)).unwrap()).unwrap());
        vals.push(Int::Bool(true));
        vals.push(Int::Bool(false));
        for op in [Add, Sub, Mul, FloorDiv, Mod, And, Or, Xor, RShift, LShift] {
            for a in &vals {
                for b in &vals {
                    let slow = ops::binary_op(op, &a.to_value(), &b.to_value());
                    match (int_op(op, a, b), slow) {
                        (Ok(f), Ok(s)) => assert!(same(&f.into_value(), &s), "{a:?} {op:?} {b:?}"),
                        (Err(_), Err(_)) => {}
                        _ => panic!("{a:?} {op:?} {b:?}: one path failed"),
                    }
                }
            }
        }
        for a in &vals {
            for b in &vals {
                let slow = ops::binary_op(TrueDiv, &a.to_value(), &b.to_value());
                match (int_truediv(a, b), slow) {
                    (Ok(f), Ok(s)) => assert!(same(&Value::Float(f), &s), "{a:?} / {b:?}"),
                    (Err(_), Err(_)) => {}
                    _ => panic!("{a:?} / {b:?}: one path failed"),
                }
                for op in [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge] {
                    assert_eq!(int_cmp(a, b, op).unwrap(), ops::compare_bool(&a.to_value(), &b.to_value(), op).unwrap());
                }
            }
            let neg = ops::unary_op(ops::UnaryOp::Neg, &a.to_value()).unwrap();
            assert!(same(&int_neg(a).unwrap().into_value(), &neg));
        }
    }

    #[test]
    fn float_ops_agree_with_the_generic_path() {
        crate::context::init();
        let floats = [0.0, -0.0, 1.5, -2.5, f64::NAN, f64::INFINITY, 9007199254740993.0, 1e300];
        for &a in &floats {
            for &b in &floats {
                for (op, fast) in [
                    (BinaryOp::TrueDiv, float_div(a, b)),
                    (BinaryOp::FloorDiv, float_floordiv(a, b)),
                    (BinaryOp::Mod, float_mod(a, b)),
                ] {
                    match (fast, ops::binary_op(op, &Value::Float(a), &Value::Float(b))) {
                        (Ok(f), Ok(s)) => assert!(same(&Value::Float(f), &s), "{a} {op:?} {b}"),
                        (Err(e), Err(s)) => assert_eq!(ops::repr(e.exc()).unwrap(), ops::repr(s.exc()).unwrap()),
                        _ => panic!("{a} {op:?} {b}: one path failed"),
                    }
                }
            }
            for i in ints() {
                let b = Int::Small(i);
                for op in [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge] {
                    assert_eq!(float_int_cmp(a, &b, op).unwrap(), ops::compare_bool(&Value::Float(a), &Value::Int(i), op).unwrap(), "{a} {op:?} {i}");
                    assert_eq!(int_float_cmp(&b, a, op).unwrap(), ops::compare_bool(&Value::Int(i), &Value::Float(a), op).unwrap(), "{i} {op:?} {a}");
                }
            }
        }
    }
}
