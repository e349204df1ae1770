//! Unboxed values for code whose types protopyc knows: an `int` is an
//! [`Int`] (a small `i64` or a big integer, never a `Value` with its wide
//! drop glue), a `float` an `f64`, a `bool` a `bool`. Every operation keeps
//! Python's result exactly: small-int arithmetic is overflow-checked and
//! goes to the big-integer path of `ops` on overflow, float division by
//! zero raises, and int/float mixes convert as `float.__add__` does.
//!
//! Where the types come from (annotations checked on entry, inference) is
//! protopyc's business; see `codegen/types.rs` there.

use std::num::NonZeroU64;
use std::sync::Arc;

use num_bigint::BigInt;

use crate::error::{PyErr, PyResult};
use crate::objects::instance::Payload;
use crate::objects::list::ListObj;
use crate::objects::list_items::Items;
use crate::ops::{self, BinaryOp, CompareOp};
use crate::value::Value;

use super::CodeInfo;

/// A Python `int` in typed code, in one word (so moving one, or an
/// `Option` of one, never goes through memory in two halves):
/// - `2i + 1` for a small int `i` (63 bits);
/// - `4b + 2` for a bool `b` (a bool is an int too, and stays a bool:
///   `x & y` of bools is a bool, so operations on one take the generic
///   path);
/// - otherwise the address of an `Arc<BigInt>` (aligned, so its low bits
///   are clear), for ints outside 63 bits.
#[repr(transparent)]
pub struct Int(NonZeroU64);

/// The small range: 63-bit ints.
const SMALL_MIN: i64 = -(1 << 62);
const SMALL_MAX: i64 = (1 << 62) - 1;

impl Int {
    /// A small int; `i` must be in the 63-bit range (protopyc checks its
    /// literals; anything else goes through `from_i64`).
    #[inline(always)]
    pub const fn small(i: i64) -> Int {
        assert!(i >= SMALL_MIN && i <= SMALL_MAX);
        match NonZeroU64::new(((i << 1) | 1) as u64) {
            Some(w) => Int(w),
            None => panic!(),
        }
    }

    #[inline(always)]
    pub fn from_i64(i: i64) -> Int {
        if (SMALL_MIN..=SMALL_MAX).contains(&i) {
            Int::small(i)
        } else {
            Int::from_big(Arc::new(BigInt::from(i)))
        }
    }

    #[inline(always)]
    pub fn from_bool(b: bool) -> Int {
        Int(NonZeroU64::new(((b as u64) << 2) | 2).unwrap_or(NonZeroU64::MIN))
    }

    fn from_big(b: Arc<BigInt>) -> Int {
        let p = Arc::into_raw(b) as u64;
        // SAFETY (of the encoding): an `Arc`'s data pointer is non-null and
        // aligned to 8, so its low two bits are clear.
        Int(NonZeroU64::new(p).unwrap_or(NonZeroU64::MIN))
    }

    /// The small int's value.
    #[inline(always)]
    pub fn as_small(&self) -> Option<i64> {
        let w = self.0.get();
        if w & 1 == 1 {
            Some(w as i64 >> 1)
        } else {
            None
        }
    }

    #[inline(always)]
    fn as_bool(&self) -> Option<bool> {
        let w = self.0.get();
        if w & 3 == 2 {
            Some(w & 4 != 0)
        } else {
            None
        }
    }

    /// The big int, borrowed.
    #[inline]
    fn with_big<R>(&self, f: impl FnOnce(&Arc<BigInt>) -> R) -> Option<R> {
        let w = self.0.get();
        if w & 3 != 0 {
            return None;
        }
        // SAFETY: a word with clear low bits came from `Arc::into_raw` in
        // `from_big`, and this `Int` owns that count; ManuallyDrop keeps
        // the borrowed one from being released.
        let b = std::mem::ManuallyDrop::new(unsafe { Arc::from_raw(w as *const BigInt) });
        Some(f(&b))
    }

    #[inline(always)]
    pub fn into_value(self) -> Value {
        match self.as_small() {
            Some(i) => Value::Int(i),
            None => self.into_value_slow(),
        }
    }

    #[inline(never)]
    fn into_value_slow(self) -> Value {
        if let Some(b) = self.as_bool() {
            return Value::Bool(b);
        }
        self.with_big(|b| match i64::try_from(&**b) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(b.clone()),
        })
        .unwrap_or(Value::None)
    }

    #[inline(always)]
    pub fn to_value(&self) -> Value {
        self.clone().into_value()
    }

    /// An exact `int` or a bool.
    #[inline]
    pub fn from_value(v: Value) -> Option<Int> {
        match v {
            Value::Int(i) => Some(Int::from_i64(i)),
            Value::BigInt(b) => Some(Int::from_big(b)),
            Value::Bool(b) => Some(Int::from_bool(b)),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn is_true(&self) -> bool {
        let w = self.0.get();
        match w & 3 {
            // A small int: zero is the word 1.
            1 | 3 => w != 1,
            2 => w & 4 != 0,
            // A big int is never zero.
            _ => true,
        }
    }
}

impl Clone for Int {
    #[inline(always)]
    fn clone(&self) -> Int {
        if self.0.get() & 3 != 0 {
            return Int(self.0);
        }
        self.clone_big()
    }
}

impl Int {
    #[inline(never)]
    fn clone_big(&self) -> Int {
        match self.with_big(|b| Int::from_big(b.clone())) {
            Some(i) => i,
            // Not reached: `clone` sends only big ints here.
            None => Int(self.0),
        }
    }
}

impl Drop for Int {
    #[inline(always)]
    fn drop(&mut self) {
        let w = self.0.get();
        if w & 3 == 0 {
            // SAFETY: the count this `Int` owns (see `from_big`).
            drop(unsafe { Arc::from_raw(w as *const BigInt) });
        }
    }
}

impl std::fmt::Debug for Int {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Int({:?})", self.to_value())
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
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
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
            return Ok(Int::from_i64(r));
        }
    }
    int_op_slow(op, a, b)
}

/// `-a` for an int.
#[inline(always)]
pub fn int_neg(a: &Int) -> PyResult<Int> {
    if let Some(x) = a.as_small() {
        // The negation of a 63-bit int fits in i64.
        return Ok(Int::from_i64(-x));
    }
    int_result(ops::unary_op(ops::UnaryOp::Neg, &a.to_value())?)
}

/// `~a` for an int.
#[inline(always)]
pub fn int_invert(a: &Int) -> PyResult<Int> {
    if let Some(x) = a.as_small() {
        return Ok(Int::small(!x));
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
    if a.0.get() & b.0.get() & 1 == 1 {
        // Both small: the encoding keeps the order.
        return Ok(ordered(a.0.get() as i64, b.0.get() as i64, op));
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
    if let Some(y) = b.as_small() {
        if y.unsigned_abs() <= EXACT {
            return Ok(ordered(a, y as f64, op));
        }
    }
    ops::compare_bool(&Value::Float(a), &b.to_value(), op)
}

/// `int op float` comparison.
#[inline(always)]
pub fn int_float_cmp(a: &Int, b: f64, op: CompareOp) -> PyResult<bool> {
    if let Some(x) = a.as_small() {
        if x.unsigned_abs() <= EXACT {
            return Ok(ordered(x as f64, b, op));
        }
    }
    ops::compare_bool(&a.to_value(), &Value::Float(b), op)
}

/// An int as a float operand (`float.__add__(int)` and friends):
/// correctly rounded, OverflowError beyond the float range.
#[inline(always)]
pub fn int_to_f64(a: &Int) -> PyResult<f64> {
    match a.as_small() {
        Some(i) => Ok(i as f64),
        None => ops::to_f64(&a.to_value()),
    }
}

/// `a / b` for ints.
#[inline(always)]
pub fn int_truediv(a: &Int, b: &Int) -> PyResult<f64> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if y != 0 && x.unsigned_abs() < EXACT && y.unsigned_abs() < EXACT {
            // Both exact in f64, so one rounding, as CPython's.
            return Ok(x as f64 / y as f64);
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

/// `a ** b` for floats where protopyc knows the result is a float (`a`
/// is not negative, or `b` is integral): CPython's special cases and
/// errors.
#[inline]
pub fn float_pow(a: f64, b: f64) -> PyResult<f64> {
    use crate::num::PowError;
    match crate::num::float_pow(a, b) {
        Ok(r) => Ok(r),
        Err(PowError::ZeroToNegative) => Err(float_zero_division("0.0 cannot be raised to a negative power")),
        Err(PowError::Overflow) => Err(PyErr::overflow("(34, 'Numerical result out of range')")),
        // Not for the operands protopyc types (see above).
        Err(PowError::Complex) => Err(PyErr::system_error("typed float power has a complex result")),
    }
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
        Value::Int(i) => Ok(Int::from_i64(i)),
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
        Value::Int(i) => Ok(Int::from_i64(i)),
        other => param_int_slow(other, info, index),
    }
}

#[cold]
#[inline(never)]
fn param_int_slow(v: Value, info: &CodeInfo, index: usize) -> PyResult<Int> {
    if let Value::Instance(i) = &v {
        if let Payload::Builtin(inner @ (Value::Int(_) | Value::BigInt(_))) = &i.payload {
            return Ok(Int::from_value(inner.clone()).unwrap_or(Int::small(0)));
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

/// Argument `index` of `info`, annotated `list[...]`: a list (or an
/// instance of a list subclass); anything else is a TypeError naming the
/// parameter. Its items are checked as typed code reads them (`ListItem`).
#[inline]
pub fn opt_check_list(v: Option<Value>, info: &CodeInfo, index: usize) -> PyResult<Option<Value>> {
    match &v {
        Some(Value::List(_)) | None => Ok(v),
        Some(Value::Instance(i)) if matches!(&i.payload, Payload::Builtin(Value::List(_))) => Ok(v),
        Some(other) => Err(param_type_error(other, info, index, "list")),
    }
}

/// An item type of an annotated list (`list[float]`, `list[int]`,
/// `list[bool]`), as typed code reads and writes it: compact lists are
/// read and written in place; anything else goes through `ops`, and an
/// item read that is not of the annotated type is a TypeError (an int in
/// a `list[float]` too: converting it would print `0.0` where the
/// interpreter prints `0`, and a compiled module never answers
/// differently in silence).
pub trait ListItem: Sized {
    /// What a compact list of this type stores per item.
    type Stored: Copy;
    /// The list's items, if stored compactly in this type.
    fn storage(items: &Items) -> Option<&Vec<Self::Stored>>;
    fn storage_mut(items: &mut Items) -> Option<&mut Vec<Self::Stored>>;
    fn from_stored(x: Self::Stored) -> Self;
    /// The item as stored compactly (None: it cannot be).
    fn to_stored(&self) -> Option<Self::Stored>;
    fn from_item(v: Value) -> PyResult<Self>;
    fn into_item(self) -> Value;

    /// The item from a list stored compactly in this type.
    #[inline(always)]
    fn compact(list: &ListObj, index: i64) -> Option<Self> {
        list.compact_get(index, Self::storage).map(Self::from_stored)
    }

    /// Store into a list stored compactly in this type.
    #[inline(always)]
    fn store_compact(list: &ListObj, index: i64, x: &Self) -> bool {
        match x.to_stored() {
            Some(stored) => list.compact_set(index, stored, Self::storage_mut),
            None => false,
        }
    }
}

/// The storage accessors of a `ListItem` stored in `Items::$variant`.
macro_rules! stored_in {
    ($variant:ident, $stored:ty) => {
        type Stored = $stored;

        #[inline(always)]
        fn storage(items: &Items) -> Option<&Vec<$stored>> {
            match items {
                Items::$variant(v) => Some(v),
                _ => None,
            }
        }

        #[inline(always)]
        fn storage_mut(items: &mut Items) -> Option<&mut Vec<$stored>> {
            match items {
                Items::$variant(v) => Some(v),
                _ => None,
            }
        }
    };
}

impl ListItem for f64 {
    stored_in!(Floats, f64);

    #[inline(always)]
    fn from_stored(x: f64) -> f64 {
        x
    }

    #[inline(always)]
    fn to_stored(&self) -> Option<f64> {
        Some(*self)
    }

    fn from_item(v: Value) -> PyResult<f64> {
        unbox_float(v)
    }

    fn into_item(self) -> Value {
        Value::Float(self)
    }
}

impl ListItem for Int {
    stored_in!(Ints, i64);

    #[inline(always)]
    fn from_stored(x: i64) -> Int {
        Int::from_i64(x)
    }

    #[inline(always)]
    fn to_stored(&self) -> Option<i64> {
        self.as_small()
    }

    fn from_item(v: Value) -> PyResult<Int> {
        unbox_int(v)
    }

    fn into_item(self) -> Value {
        self.into_value()
    }
}

impl ListItem for bool {
    stored_in!(Bools, bool);

    #[inline(always)]
    fn from_stored(x: bool) -> bool {
        x
    }

    #[inline(always)]
    fn to_stored(&self) -> Option<bool> {
        Some(*self)
    }

    fn from_item(v: Value) -> PyResult<bool> {
        unbox_bool(v)
    }

    fn into_item(self) -> Value {
        Value::Bool(self)
    }
}

/// `o[k]` for `o` an annotated list and `k` an int.
#[inline(always)]
pub fn item<T: ListItem>(o: &Value, k: &Int) -> PyResult<T> {
    if let (Value::List(l), Some(i)) = (o, k.as_small()) {
        if let Some(x) = T::compact(l, i) {
            return Ok(x);
        }
    }
    item_slow(o, &k.to_value())
}

/// `o[k]` for `o` an annotated list and a key of any type.
#[inline(never)]
pub fn item_slow<T: ListItem>(o: &Value, k: &Value) -> PyResult<T> {
    T::from_item(super::fast::getitem(o, k)?)
}

/// The truth of `o[k]` for an int `k` (any `o`: a compact list's item is
/// tested in place).
#[inline(always)]
pub fn item_truth(o: &Value, k: &Int) -> PyResult<bool> {
    if let (Value::List(l), Some(i)) = (o, k.as_small()) {
        if let Some(b) = l.compact_truth(i) {
            return Ok(b);
        }
    }
    item_truth_slow(o, k)
}

#[inline(never)]
fn item_truth_slow(o: &Value, k: &Int) -> PyResult<bool> {
    ops::truthy(&super::fast::getitem(o, &k.to_value())?)
}

/// `o[k] = x` for an int `k` and a typed `x` (any `o`: a compact list of
/// `x`'s type is written in place, anything else as `o[k] = x` boxed).
#[inline(always)]
pub fn set_item<T: ListItem>(o: &Value, k: &Int, x: T) -> PyResult<()> {
    if let (Value::List(l), Some(i)) = (o, k.as_small()) {
        if T::store_compact(l, i, &x) {
            return Ok(());
        }
    }
    set_item_slow(o, &k.to_value(), x)
}

/// `o[k] = x` for a key of any type and a typed `x`.
#[inline(never)]
pub fn set_item_slow<T: ListItem>(o: &Value, k: &Value, x: T) -> PyResult<()> {
    super::fast::setitem(o, k, x.into_item())
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
        let mut vals: Vec<Int> = ints().into_iter().map(Int::from_i64).collect();
        vals.extend([(1i64 << 62) - 1, 1 << 62, -(1 << 62), -(1 << 62) - 1, 1 << 61].map(Int::from_i64));
        vals.push(Int::from_value(ops::binary_op(Mul, &Value::Int(i64::MAX), &Value::Int(4)).unwrap()).unwrap());
        vals.push(Int::from_bool(true));
        vals.push(Int::from_bool(false));
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
    fn ints_round_trip_through_the_one_word_form() {
        crate::context::init();
        let big = ops::binary_op(BinaryOp::Mul, &Value::Int(i64::MAX), &Value::Int(4)).unwrap();
        let edges = [(1i64 << 62) - 1, 1 << 62, -(1 << 62), -(1 << 62) - 1, 0];
        let values = ints().into_iter().chain(edges).map(Value::Int).chain([Value::Bool(true), Value::Bool(false), big]);
        for v in values {
            let i = Int::from_value(v.clone()).unwrap();
            let j = i.clone();
            assert_eq!(j.is_true(), ops::truthy(&v).unwrap(), "{v:?}");
            assert!(same(&i.into_value(), &v), "{v:?}");
            assert!(same(&j.to_value(), &v), "{v:?}");
            assert_eq!(std::mem::size_of::<Option<Int>>(), 8);
        }
    }

    #[test]
    fn float_ops_agree_with_the_generic_path() {
        crate::context::init();
        let floats = [0.0, -0.0, 1.5, -2.5, f64::NAN, f64::INFINITY, 9007199254740993.0, 1e300];
        for &a in &floats {
            for &b in &floats {
                // The typed power is used where its result is a float.
                if let Ok(Value::Float(_)) | Err(_) = ops::binary_op(BinaryOp::Pow, &Value::Float(a), &Value::Float(b)) {
                    match (float_pow(a, b), ops::binary_op(BinaryOp::Pow, &Value::Float(a), &Value::Float(b))) {
                        (Ok(f), Ok(s)) => assert!(same(&Value::Float(f), &s), "{a} ** {b}"),
                        (Err(e), Err(s)) => assert_eq!(ops::repr(e.exc()).unwrap(), ops::repr(s.exc()).unwrap()),
                        _ => panic!("{a} ** {b}: one path failed"),
                    }
                }
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
                let b = Int::from_i64(i);
                for op in [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge] {
                    assert_eq!(float_int_cmp(a, &b, op).unwrap(), ops::compare_bool(&Value::Float(a), &Value::Int(i), op).unwrap(), "{a} {op:?} {i}");
                    assert_eq!(int_float_cmp(&b, a, op).unwrap(), ops::compare_bool(&Value::Int(i), &Value::Float(a), op).unwrap(), "{i} {op:?} {a}");
                }
            }
        }
    }
}
