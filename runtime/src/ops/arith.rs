//! Arithmetic: the numeric tower (int with big-int overflow, float,
//! complex), sequence concatenation and repetition, set and dict operators,
//! and the `__add__`/`__radd__` protocol for everything else.

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::num::{self, IntRef, IntValue};
use crate::objects::complex::ComplexObj;
use crate::objects::instance::Payload;
use crate::objects::sequence;
use crate::value::Value;

use super::{call, type_name, type_of};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    Or,
    Xor,
    And,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            MatMul => "@",
            TrueDiv => "/",
            FloorDiv => "//",
            Mod => "%",
            Pow => "** or pow()",
            LShift => "<<",
            RShift => ">>",
            Or => "|",
            Xor => "^",
            And => "&",
        }
    }

    pub fn dunder(self) -> (&'static str, &'static str, &'static str) {
        use BinaryOp::*;
        match self {
            Add => ("__add__", "__radd__", "__iadd__"),
            Sub => ("__sub__", "__rsub__", "__isub__"),
            Mul => ("__mul__", "__rmul__", "__imul__"),
            MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            Mod => ("__mod__", "__rmod__", "__imod__"),
            Pow => ("__pow__", "__rpow__", "__ipow__"),
            LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            Or => ("__or__", "__ror__", "__ior__"),
            Xor => ("__xor__", "__rxor__", "__ixor__"),
            And => ("__and__", "__rand__", "__iand__"),
        }
    }

    pub const ALL: [BinaryOp; 13] = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::MatMul,
        BinaryOp::TrueDiv,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
        BinaryOp::Pow,
        BinaryOp::LShift,
        BinaryOp::RShift,
        BinaryOp::Or,
        BinaryOp::Xor,
        BinaryOp::And,
    ];
}

/// An int operand (bools count as ints).
enum IntArg<'a> {
    Small(i64),
    Big(&'a BigInt),
}

fn as_int(v: &Value) -> Option<IntArg<'_>> {
    match v {
        Value::Int(i) => Some(IntArg::Small(*i)),
        Value::Bool(b) => Some(IntArg::Small(*b as i64)),
        Value::BigInt(b) => Some(IntArg::Big(b)),
        _ => None,
    }
}

impl<'a> IntArg<'a> {
    fn as_ref(&self) -> IntRef<'_> {
        match self {
            IntArg::Small(i) => IntRef::Small(*i),
            IntArg::Big(b) => IntRef::Big(b),
        }
    }
    fn to_big(&self) -> BigInt {
        match self {
            IntArg::Small(i) => BigInt::from(*i),
            IntArg::Big(b) => (*b).clone(),
        }
    }
    fn to_f64(&self) -> PyResult<f64> {
        match self {
            IntArg::Small(i) => Ok(*i as f64),
            IntArg::Big(b) => num::bigint_to_f64(b).ok_or_else(|| PyErr::overflow("int too large to convert to float")),
        }
    }
    fn is_zero(&self) -> bool {
        match self {
            IntArg::Small(i) => *i == 0,
            IntArg::Big(b) => b.is_zero(),
        }
    }
    fn is_negative(&self) -> bool {
        match self {
            IntArg::Small(i) => *i < 0,
            IntArg::Big(b) => b.is_negative(),
        }
    }
}

pub fn int_value(v: IntValue) -> Value {
    match v {
        IntValue::Small(i) => Value::Int(i),
        IntValue::Big(b) => Value::BigInt(Arc::new(b)),
    }
}

/// `int(True)` style: bools become plain ints, ints stay.
pub fn int_of_bool(v: &Value) -> Value {
    match v {
        Value::Bool(b) => Value::Int(*b as i64),
        other => other.clone(),
    }
}

/// Decimal text of a big int, with CPython's limit on conversion size.
pub fn bigint_to_decimal(b: &BigInt) -> PyResult<String> {
    check_decimal_digits(b)?;
    Ok(b.to_string())
}

/// ValueError when `b` has more decimal digits than
/// `sys.get_int_max_str_digits()` allows, found from its bit length before
/// any (quadratic) conversion, as CPython does.
pub fn check_decimal_digits(b: &BigInt) -> PyResult<()> {
    let limit = ctx().int_max_str_digits();
    if limit == 0 {
        return Ok(());
    }
    // `b` has `floor` or `floor + 1` digits.
    let floor = ((b.bits().saturating_sub(1)) as f64 * std::f64::consts::LOG10_2) as usize + 1;
    let too_many = if floor > limit {
        true
    } else if floor < limit {
        false
    } else {
        let s = b.magnitude().to_string();
        s.len() > limit
    };
    if too_many {
        return Err(int_str_limit_error(limit));
    }
    Ok(())
}

fn int_str_limit_error(limit: usize) -> PyErr {
    PyErr::value_error(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

fn big(v: BigInt) -> Value {
    Value::from_bigint(v)
}

fn int_binary(op: BinaryOp, a: &IntArg, b: &IntArg) -> PyResult<Value> {
    use BinaryOp::*;
    if let (IntArg::Small(x), IntArg::Small(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let fast = match op {
            Add => x.checked_add(y),
            Sub => x.checked_sub(y),
            Mul => x.checked_mul(y),
            Or => Some(x | y),
            Xor => Some(x ^ y),
            And => Some(x & y),
            FloorDiv if y != 0 => {
                if x == i64::MIN && y == -1 {
                    None
                } else {
                    let q = x / y;
                    Some(if (x % y != 0) && ((x < 0) != (y < 0)) { q - 1 } else { q })
                }
            }
            Mod if y != 0 => {
                if y == -1 {
                    Some(0)
                } else {
                    let r = x % y;
                    Some(if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r })
                }
            }
            _ => None,
        };
        if let Some(r) = fast {
            return Ok(Value::Int(r));
        }
    }
    Ok(match op {
        Add => big(a.to_big() + b.to_big()),
        Sub => big(a.to_big() - b.to_big()),
        Mul => big(a.to_big() * b.to_big()),
        Or => big(a.to_big() | b.to_big()),
        Xor => big(a.to_big() ^ b.to_big()),
        And => big(a.to_big() & b.to_big()),
        FloorDiv => match num::int_floordiv(a.as_ref(), b.as_ref()) {
            Some(v) => int_value(v),
            None => return Err(PyErr::zero_division("integer division or modulo by zero")),
        },
        Mod => match num::int_mod(a.as_ref(), b.as_ref()) {
            Some(v) => int_value(v),
            None => return Err(PyErr::zero_division("integer modulo by zero")),
        },
        TrueDiv => Value::Float(num::int_true_div(a.as_ref(), b.as_ref()).map_err(|m| {
            if m.contains("zero") {
                PyErr::zero_division(m)
            } else {
                PyErr::overflow(m)
            }
        })?),
        Pow => {
            if b.is_negative() {
                if a.is_zero() {
                    return Err(PyErr::zero_division("0.0 cannot be raised to a negative power"));
                }
                return float_binary(Pow, a.to_f64()?, b.to_f64()?);
            }
            let e = match b {
                IntArg::Small(e) => *e as u64,
                IntArg::Big(_) => {
                    // Only 0, 1 and -1 survive a huge exponent.
                    return match a {
                        IntArg::Small(0) => Ok(Value::Int(0)),
                        IntArg::Small(1) => Ok(Value::Int(1)),
                        IntArg::Small(-1) => Ok(Value::Int(if b.to_big().bit(0) { -1 } else { 1 })),
                        _ => Err(PyErr::memory_error()),
                    };
                }
            };
            check_pow_size(a, e)?;
            int_value(num::int_pow(a.as_ref(), e))
        }
        LShift => {
            if b.is_negative() {
                return Err(PyErr::value_error("negative shift count"));
            }
            let n = match b {
                IntArg::Small(n) => *n as u64,
                IntArg::Big(_) => {
                    if a.is_zero() {
                        return Ok(Value::Int(0));
                    }
                    return Err(PyErr::overflow("too many digits in integer"));
                }
            };
            if !a.is_zero() && n > (1 << 34) {
                return Err(PyErr::memory_error());
            }
            int_value(num::int_shl(a.as_ref(), n))
        }
        RShift => {
            if b.is_negative() {
                return Err(PyErr::value_error("negative shift count"));
            }
            let n = match b {
                IntArg::Small(n) => *n as u64,
                IntArg::Big(_) => u64::MAX,
            };
            int_value(num::int_shr(a.as_ref(), n))
        }
        MatMul => Value::NotImplemented,
    })
}

/// Refuse results so large they would exhaust memory (CPython would try
/// and fail with MemoryError much later).
fn check_pow_size(a: &IntArg, e: u64) -> PyResult<()> {
    let bits = match a {
        IntArg::Small(x) => 64 - x.unsigned_abs().leading_zeros() as u64,
        IntArg::Big(b) => b.bits(),
    };
    if bits > 1 && (bits as u128) * (e as u128) > (1u128 << 36) {
        return Err(PyErr::memory_error());
    }
    Ok(())
}

fn float_binary(op: BinaryOp, x: f64, y: f64) -> PyResult<Value> {
    use BinaryOp::*;
    Ok(Value::Float(match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        TrueDiv => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            x / y
        }
        FloorDiv => num::float_floordiv(x, y).map_err(PyErr::zero_division)?,
        Mod => num::float_mod(x, y).map_err(PyErr::zero_division)?,
        Pow => match num::float_pow(x, y) {
            Ok(r) => r,
            Err(num::PowError::ZeroToNegative) => {
                return Err(PyErr::zero_division("0.0 cannot be raised to a negative power"))
            }
            Err(num::PowError::Complex) => return complex_binary(Pow, (x, 0.0), (y, 0.0)),
            Err(num::PowError::Overflow) => {
                return Err(PyErr::overflow("(34, 'Numerical result out of range')"))
            }
        },
        _ => return Ok(Value::NotImplemented),
    }))
}

fn as_complex(v: &Value) -> PyResult<Option<(f64, f64)>> {
    Ok(match v {
        Value::Complex(c) => Some((c.re, c.im)),
        Value::Float(f) => Some((*f, 0.0)),
        _ => match as_int(v) {
            Some(i) => Some((i.to_f64()?, 0.0)),
            None => None,
        },
    })
}

fn complex(re: f64, im: f64) -> Value {
    Value::Complex(Arc::new(ComplexObj { re, im }))
}

fn complex_binary(op: BinaryOp, (a, b): (f64, f64), (c, d): (f64, f64)) -> PyResult<Value> {
    use BinaryOp::*;
    Ok(match op {
        Add => complex(a + c, b + d),
        Sub => complex(a - c, b - d),
        Mul => complex(a * c - b * d, a * d + b * c),
        TrueDiv => {
            if c == 0.0 && d == 0.0 {
                return Err(PyErr::zero_division("division by zero"));
            }
            // Smith's algorithm, for range.
            if c.abs() >= d.abs() {
                let r = d / c;
                let den = c + d * r;
                complex((a + b * r) / den, (b - a * r) / den)
            } else {
                let r = c / d;
                let den = c * r + d;
                complex((a * r + b) / den, (b * r - a) / den)
            }
        }
        Pow => {
            if c == 0.0 && d == 0.0 {
                return Ok(complex(1.0, 0.0));
            }
            // Small integral exponents multiply exactly, as CPython does.
            if d == 0.0 && c == c.trunc() && c.abs() <= 100.0 && !(a == 0.0 && b == 0.0) {
                let n = c.abs() as u32;
                let (mut rr, mut ri) = (1.0f64, 0.0f64);
                let (mut br, mut bi) = (a, b);
                let mut k = n;
                while k > 0 {
                    if k & 1 == 1 {
                        let t = rr * br - ri * bi;
                        ri = rr * bi + ri * br;
                        rr = t;
                    }
                    let t = br * br - bi * bi;
                    bi = 2.0 * br * bi;
                    br = t;
                    k >>= 1;
                }
                if c < 0.0 {
                    return complex_binary(TrueDiv, (1.0, 0.0), (rr, ri));
                }
                return Ok(complex(rr, ri));
            }
            if a == 0.0 && b == 0.0 {
                if d != 0.0 || c < 0.0 {
                    return Err(PyErr::zero_division("zero to a negative or complex power"));
                }
                return Ok(complex(0.0, 0.0));
            }
            let vabs = a.hypot(b);
            let mut len = vabs.powf(c);
            let at = b.atan2(a);
            let mut phase = at * c;
            if d != 0.0 {
                len /= (at * d).exp();
                phase += d * vabs.ln();
            }
            complex(len * phase.cos(), len * phase.sin())
        }
        _ => Value::NotImplemented,
    })
}

/// The builtin meaning of `a op b` for builtin values (payloads already
/// unwrapped), or NotImplemented.
pub fn builtin_binary(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    use BinaryOp::*;
    if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
        if matches!(op, Or | Xor | And) {
            if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
                return Ok(Value::Bool(match op {
                    Or => p | q,
                    Xor => p ^ q,
                    _ => p & q,
                }));
            }
        }
        return int_binary(op, &x, &y);
    }
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => return float_binary(op, *x, *y),
        (Value::Float(x), _) => {
            if let Some(y) = as_int(b) {
                return float_binary(op, *x, y.to_f64()?);
            }
        }
        (_, Value::Float(y)) => {
            if let Some(x) = as_int(a) {
                return float_binary(op, x.to_f64()?, *y);
            }
        }
        _ => {}
    }
    if matches!(a, Value::Complex(_)) || matches!(b, Value::Complex(_)) {
        if let (Some(x), Some(y)) = (as_complex(a)?, as_complex(b)?) {
            return complex_binary(op, x, y);
        }
        return Ok(Value::NotImplemented);
    }
    match (op, a, b) {
        (Add, Value::Str(x), Value::Str(y)) => {
            let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            Ok(Value::string(s))
        }
        (Add, Value::List(x), Value::List(y)) => {
            let mut v = x.to_vec();
            v.extend(y.snapshot().iter().cloned());
            Ok(Value::list(v))
        }
        (Add, Value::Tuple(x), Value::Tuple(y)) => {
            let mut v = x.items().to_vec();
            v.extend_from_slice(y.items());
            Ok(Value::tuple(v))
        }
        (Add, Value::Bytes(x), Value::Bytes(y)) => {
            let mut v = x.data.to_vec();
            v.extend_from_slice(&y.data);
            Ok(crate::objects::bytes_methods::bytes_value(v))
        }
        (Add, Value::ByteArray(x), Value::Bytes(_) | Value::ByteArray(_)) => {
            let mut v = x.data.lock().clone();
            v.extend(crate::objects::bytes_methods::bytes_data(b)?);
            Ok(Value::ByteArray(Arc::new(crate::objects::bytes::ByteArrayObj::new(v))))
        }
        (Add, Value::Bytes(x), Value::ByteArray(y)) => {
            let mut v = x.data.to_vec();
            v.extend_from_slice(&y.data.lock());
            Ok(crate::objects::bytes_methods::bytes_value(v))
        }
        (Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_) | Value::ByteArray(_), _)
            if as_int(b).is_some() || is_index(b) =>
        {
            repeat(a, b)
        }
        (Mul, _, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_) | Value::ByteArray(_))
            if as_int(a).is_some() || is_index(a) =>
        {
            repeat(b, a)
        }
        (Mod, Value::Str(s), _) => crate::objects::str_methods::percent_format(s.as_str(), b),
        (Mod, Value::Bytes(_), _) => Ok(Value::NotImplemented),
        (Or | And | Sub | Xor, Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
            crate::objects::set_methods::set_operator(op, a, b)
        }
        (Or, Value::Dict(x), Value::Dict(y)) => {
            let out = x.copy();
            out.update_from(&y.snapshot())?;
            Ok(Value::dict(out))
        }
        _ => Ok(Value::NotImplemented),
    }
}

fn is_index(v: &Value) -> bool {
    matches!(v, Value::Instance(_)) && type_of(v).lookup_str("__index__").is_some()
}

fn repeat(seq: &Value, n: &Value) -> PyResult<Value> {
    let n = match super::index_value(n) {
        Ok(n) => n,
        Err(e) if e.is_instance(&ctx().exc.overflow_error) => {
            return Err(PyErr::overflow(format!(
                "cannot fit '{}' into an index-sized integer",
                type_name(n)
            )))
        }
        Err(e) => return Err(e),
    };
    Ok(match seq {
        Value::Str(s) => {
            if n <= 0 {
                return Ok(Value::str(""));
            }
            let total = (s.as_str().len() as u128) * (n as u128);
            if total > (isize::MAX as u128) / 4 {
                return Err(PyErr::memory_error());
            }
            let mut out = String::new();
            out.try_reserve_exact(total as usize).map_err(|_| PyErr::memory_error())?;
            for _ in 0..n {
                out.push_str(s.as_str());
            }
            Value::string(out)
        }
        Value::List(l) => {
            let len = l.len();
            if n <= 0 || len == 0 {
                return Ok(Value::list(Vec::new()));
            }
            if (len as u128) * (n as u128) > (isize::MAX as u128) / 16 {
                return Err(PyErr::memory_error());
            }
            crate::gc::tracked(Value::List(Arc::new(l.repeated(n as usize)?)))
        }
        Value::Tuple(t) => Value::tuple(sequence::repeat(t.items(), n)?),
        Value::Bytes(b) => crate::objects::bytes_methods::bytes_value(sequence::repeat(&b.data, n)?),
        Value::ByteArray(b) => {
            let data = b.data.lock().clone();
            Value::ByteArray(Arc::new(crate::objects::bytes::ByteArrayObj::new(sequence::repeat(&data, n)?)))
        }
        _ => Value::NotImplemented,
    })
}

fn unsupported(op: &str, a: &Value, b: &Value) -> PyErr {
    PyErr::type_error(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        type_name(a),
        type_name(b)
    ))
}

/// The error after every method declined: CPython's sequence messages
/// first, then the generic one.
fn binary_error(op: BinaryOp, a: &Value, b: &Value, symbol: &str) -> PyErr {
    let pa = super::payload(a);
    match (op, &pa) {
        (BinaryOp::Add, Value::Str(_)) => {
            return PyErr::type_error(format!("can only concatenate str (not \"{}\") to str", type_name(b)))
        }
        (BinaryOp::Add, Value::List(_)) => {
            return PyErr::type_error(format!("can only concatenate list (not \"{}\") to list", type_name(b)))
        }
        (BinaryOp::Add, Value::Tuple(_)) => {
            return PyErr::type_error(format!("can only concatenate tuple (not \"{}\") to tuple", type_name(b)))
        }
        (BinaryOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)) => {
            return PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(b)))
        }
        _ => {}
    }
    if op == BinaryOp::Mul && matches!(super::payload(b), Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
        return PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(a)));
    }
    if op == BinaryOp::Mod && matches!(pa, Value::Str(_)) {
        return PyErr::type_error("not all arguments converted during string formatting");
    }
    unsupported(symbol, a, b)
}

fn call2(f: &Value, a: &Value, b: &Value) -> PyResult<Value> {
    call(f, CallArgs::positional_only(&[a.clone(), b.clone()]))
}

/// `a op b` through `__op__`/`__rop__` (with the subclass-first rule).
fn dispatch_binary(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (name, rname, _) = op.dunder();
    let ta = type_of(a);
    let tb = type_of(b);
    let same = Arc::ptr_eq(&ta, &tb);
    let fa = ta.lookup_str(name);
    let fb = if same { None } else { tb.lookup_str(rname) };
    let mut tried_b = false;
    if let Some(fb) = &fb {
        if tb.is_subtype(&ta) {
            let overrides = match ta.lookup_str(rname) {
                Some(ra) => !ra.is(fb),
                None => true,
            };
            if overrides {
                tried_b = true;
                let r = call2(fb, b, a)?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
    }
    if let Some(fa) = &fa {
        let r = call2(fa, a, b)?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    if let (Some(fb), false) = (&fb, tried_b) {
        let r = call2(fb, b, a)?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    Ok(Value::NotImplemented)
}

/// The hot cases of arithmetic (int and float `+ - *` without overflow),
/// inlined into callers; everything else goes the general way.
#[inline]
fn arith_fast(op: BinaryOp, a: &Value, b: &Value) -> Option<Value> {
    match (op, a, b) {
        (BinaryOp::Add, Value::Int(x), Value::Int(y)) => x.checked_add(*y).map(Value::Int),
        (BinaryOp::Sub, Value::Int(x), Value::Int(y)) => x.checked_sub(*y).map(Value::Int),
        (BinaryOp::Mul, Value::Int(x), Value::Int(y)) => x.checked_mul(*y).map(Value::Int),
        (BinaryOp::Add, Value::Float(x), Value::Float(y)) => Some(Value::Float(x + y)),
        (BinaryOp::Sub, Value::Float(x), Value::Float(y)) => Some(Value::Float(x - y)),
        (BinaryOp::Mul, Value::Float(x), Value::Float(y)) => Some(Value::Float(x * y)),
        _ => None,
    }
}

/// `a op b`.
#[inline]
pub fn binary_op(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    match arith_fast(op, a, b) {
        Some(v) => Ok(v),
        None => binary_op_general(op, a, b),
    }
}

#[inline(never)]
fn binary_op_general(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    // Native classes (e.g. `collections.deque`) dispatch through their
    // type's special methods as classes do.
    let user = matches!(a, Value::Instance(_) | Value::Native(_)) || matches!(b, Value::Instance(_) | Value::Native(_));
    let r = if user { dispatch_binary(op, a, b)? } else { builtin_binary(op, a, b)? };
    if matches!(r, Value::NotImplemented) {
        return Err(binary_error(op, a, b, op.symbol()));
    }
    Ok(r)
}

/// `a op= b`: `__iop__` first, then `a op b`. Lists extend in place.
#[inline]
pub fn inplace_op(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    match arith_fast(op, a, b) {
        Some(v) => Ok(v),
        None => inplace_op_general(op, a, b),
    }
}

#[inline(never)]
fn inplace_op_general(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    match (op, a) {
        (BinaryOp::Add, Value::List(l)) => {
            let items = super::collect(b)?;
            l.with_mut(|v| v.extend(items));
            return Ok(a.clone());
        }
        (BinaryOp::Mul, Value::List(l)) => {
            let n = super::index_value(b)?;
            let items = sequence::repeat(&l.snapshot(), n)?;
            l.replace(items);
            return Ok(a.clone());
        }
        (BinaryOp::Or | BinaryOp::And | BinaryOp::Sub | BinaryOp::Xor, Value::Set(_)) => {
            if matches!(b, Value::Set(_) | Value::FrozenSet(_)) {
                return crate::objects::set_methods::set_inplace(op, a, b);
            }
        }
        (BinaryOp::Or, Value::Dict(d)) => {
            crate::objects::dict_methods::update_from_value(d, b)?;
            return Ok(a.clone());
        }
        (BinaryOp::Add, Value::ByteArray(x)) => {
            let data = crate::objects::bytes_methods::bytes_data(b)?;
            x.data.lock().extend(data);
            return Ok(a.clone());
        }
        (_, Value::Native(n)) => {
            let (_, _, iname) = op.dunder();
            if let Some(f) = n.type_obj().lookup_str(iname) {
                let r = call2(&f, a, b)?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        (_, Value::Instance(i)) => {
            let (_, _, iname) = op.dunder();
            if let Some(f) = i.class().lookup_str(iname) {
                let r = call2(&f, a, b)?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            } else if let Payload::Builtin(inner @ (Value::List(_) | Value::Set(_) | Value::Dict(_))) = &i.payload {
                if !(op == BinaryOp::Add && !matches!(inner, Value::List(_))) {
                    inplace_op(op, inner, b)?;
                    return Ok(a.clone());
                }
            }
        }
        _ => {}
    }
    let r = binary_op(op, a, b);
    match r {
        Err(e) if e.is_instance(&ctx().exc.type_error) => {
            // Re-word the generic message with the augmented operator.
            let msg = crate::objects::exception::exc_str(e.exc()).unwrap_or_default();
            if msg.starts_with("unsupported operand type(s) for ") {
                let sym = if op == BinaryOp::Pow { "**=".to_string() } else { format!("{}=", op.symbol()) };
                return Err(unsupported(&sym, a, b));
            }
            Err(e)
        }
        other => other,
    }
}

/// `a += b` where the caller owns `a`'s only reference: strings grow in
/// place (amortised linear concatenation).
pub fn inplace_add_owned(a: Value, b: &Value) -> PyResult<Value> {
    if let (Value::Str(_), Value::Str(t)) = (&a, b) {
        return Ok(crate::objects::str::concat(a, t.as_str()));
    }
    inplace_op(BinaryOp::Add, &a, b)
}

pub fn add(a: &Value, b: &Value) -> PyResult<Value> {
    binary_op(BinaryOp::Add, a, b)
}

/// `pow(a, b, m)`.
pub fn pow3(a: &Value, b: &Value, m: &Value) -> PyResult<Value> {
    match (as_int(a), as_int(b), as_int(m)) {
        (Some(x), Some(y), Some(z)) => num::int_pow_mod(x.as_ref(), y.as_ref(), z.as_ref())
            .map(int_value)
            .map_err(PyErr::value_error),
        _ => {
            if let Some(f) = type_of(a).lookup_str("__pow__") {
                if matches!(a, Value::Instance(_)) {
                    return call(&f, CallArgs::positional_only(&[a.clone(), b.clone(), m.clone()]));
                }
            }
            Err(PyErr::type_error(format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                type_name(a),
                type_name(b),
                type_name(m)
            )))
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
}

/// `-a`, `+a`, `~a`.
pub fn unary_op(op: UnaryOp, a: &Value) -> PyResult<Value> {
    match (op, a) {
        (UnaryOp::Neg, Value::Int(i)) => Ok(match i.checked_neg() {
            Some(r) => Value::Int(r),
            None => big(-BigInt::from(*i)),
        }),
        (UnaryOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
        (UnaryOp::Neg, Value::BigInt(b)) => Ok(big(-(**b).clone())),
        (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
        (UnaryOp::Neg, Value::Complex(c)) => Ok(complex(-c.re, -c.im)),
        (UnaryOp::Pos, Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Complex(_)) => Ok(a.clone()),
        (UnaryOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
        (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
        (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
        (UnaryOp::Invert, Value::BigInt(b)) => Ok(big(-(**b).clone() - 1)),
        _ => {
            let name = match op {
                UnaryOp::Neg => "__neg__",
                UnaryOp::Pos => "__pos__",
                UnaryOp::Invert => "__invert__",
            };
            if let Value::Instance(_) = a {
                if let Some(f) = type_of(a).lookup_str(name) {
                    return call(&f, CallArgs::positional_only(std::slice::from_ref(a)));
                }
            }
            let sym = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                UnaryOp::Invert => "~",
            };
            Err(PyErr::type_error(format!("bad operand type for unary {sym}: '{}'", type_name(a))))
        }
    }
}

/// `abs(v)` for numbers.
pub fn abs(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(r) => Value::Int(r),
            None => big(BigInt::from(*i).abs()),
        }),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::BigInt(b) => Ok(big(b.abs())),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Complex(c) => Ok(Value::Float(c.re.hypot(c.im))),
        _ => match type_of(v).lookup_str("__abs__") {
            Some(f) => call(&f, CallArgs::positional_only(std::slice::from_ref(v))),
            None => Err(PyErr::type_error(format!("bad operand type for abs(): '{}'", type_name(v)))),
        },
    }
}

/// Float value of a real number (int, bool, float, or `__float__`).
pub fn to_f64(v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => num::bigint_to_f64(b).ok_or_else(|| PyErr::overflow("int too large to convert to float")),
        Value::Instance(i) => {
            if let Payload::Builtin(inner) = &i.payload {
                if matches!(inner, Value::Float(_) | Value::Int(_) | Value::BigInt(_)) {
                    return to_f64(inner);
                }
            }
            if let Some(f) = type_of(v).lookup_str("__float__") {
                let r = call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                return match r {
                    Value::Float(x) => Ok(x),
                    other => Err(PyErr::type_error(format!(
                        "{}.__float__ returned non-float (type {})",
                        type_name(v),
                        type_name(&other)
                    ))),
                };
            }
            if type_of(v).lookup_str("__index__").is_some() {
                return Ok(super::index_value(v)? as f64);
            }
            Err(must_be_real(v))
        }
        _ => Err(must_be_real(v)),
    }
}

fn must_be_real(v: &Value) -> PyErr {
    PyErr::type_error(format!("must be real number, not {}", type_name(v)))
}

/// Any int-like value as a BigInt (for arbitrary precision helpers).
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    as_int(v).map(|i| i.to_big())
}

/// i64 of an int value when it fits.
pub fn to_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::BigInt(b) => b.to_i64(),
        _ => None,
    }
}
