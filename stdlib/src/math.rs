//! The `math` module, with CPython's error behaviour (`math domain error`,
//! `math range error`). The elementary functions come from the C library's
//! libm, as CPython's do, so results agree to the last bit; the integer
//! functions are in `math_int.rs`, the sums and norms in `math_sum.rs`.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use protopy_runtime::args::check_fn;
use protopy_runtime::builtins::constructors::int_of;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

use crate::math_int;
use crate::math_sum;

/// The C library's libm. Every function here is pure (no state, no
/// pointers except `lgamma_r`'s out-parameter), so calling it is safe.
mod libm {
    extern "C" {
        fn sin(x: f64) -> f64;
        fn cos(x: f64) -> f64;
        fn tan(x: f64) -> f64;
        fn asin(x: f64) -> f64;
        fn acos(x: f64) -> f64;
        fn atan(x: f64) -> f64;
        fn sinh(x: f64) -> f64;
        fn cosh(x: f64) -> f64;
        fn tanh(x: f64) -> f64;
        fn asinh(x: f64) -> f64;
        fn acosh(x: f64) -> f64;
        fn atanh(x: f64) -> f64;
        fn exp(x: f64) -> f64;
        fn exp2(x: f64) -> f64;
        fn expm1(x: f64) -> f64;
        fn log(x: f64) -> f64;
        fn log2(x: f64) -> f64;
        fn log10(x: f64) -> f64;
        fn log1p(x: f64) -> f64;
        // The runtime's compiler builtins define their own `cbrt`, which
        // shadows the C library's; its `cbrtf64` alias is the same
        // function and reaches libm.
        #[link_name = "cbrtf64"]
        fn cbrt(x: f64) -> f64;
        fn erf(x: f64) -> f64;
        fn erfc(x: f64) -> f64;
        fn tgamma(x: f64) -> f64;
        fn lgamma_r(x: f64, sign: *mut i32) -> f64;
        fn atan2(y: f64, x: f64) -> f64;
        fn pow(x: f64, y: f64) -> f64;
        fn fmod(x: f64, y: f64) -> f64;
        fn remainder(x: f64, y: f64) -> f64;
        fn nextafter(x: f64, y: f64) -> f64;
        fn ldexp(x: f64, e: i32) -> f64;
        fn frexp(x: f64, e: *mut i32) -> f64;
    }

    macro_rules! safe {
        ($($name:ident($($arg:ident),*);)*) => {
            $(pub fn $name($($arg: f64),*) -> f64 {
                // SAFETY: a pure libm function of plain floats.
                unsafe { super::$name($($arg),*) }
            })*
        };
    }

    pub mod f {
        use super::*;
        safe! {
            sin(x); cos(x); tan(x); asin(x); acos(x); atan(x); sinh(x); cosh(x); tanh(x);
            asinh(x); acosh(x); atanh(x); exp(x); exp2(x); expm1(x); log(x); log2(x); log10(x);
            log1p(x); cbrt(x); erf(x); erfc(x); tgamma(x); atan2(y, x); pow(x, y); fmod(x, y);
            remainder(x, y); nextafter(x, y);
        }
        pub fn lgamma(x: f64) -> f64 {
            let mut sign = 0i32;
            // SAFETY: `sign` is a valid, writable i32 for the call.
            unsafe { lgamma_r(x, &mut sign) }
        }
        pub fn ldexp(x: f64, e: i32) -> f64 {
            // SAFETY: a pure libm function of plain values.
            unsafe { super::ldexp(x, e) }
        }
        pub fn frexp(x: f64) -> (f64, i32) {
            let mut e = 0i32;
            // SAFETY: `e` is a valid, writable i32 for the call.
            let m = unsafe { super::frexp(x, &mut e) };
            (m, e)
        }
    }
}

use libm::f as m;

pub fn domain() -> PyErr {
    PyErr::value_error("math domain error")
}

pub fn range_err() -> PyErr {
    PyErr::overflow("math range error")
}

fn arg(a: &CallArgs, name: &str) -> PyResult<f64> {
    let pos = check_fn(a, name, 1, 1)?;
    ops::to_f64(&pos[0])
}

/// Apply a one-argument libm function with CPython's checks: a NaN result
/// from a non-NaN input is a domain error; an infinite result from a
/// finite input is a range error for functions that can overflow and a
/// domain error (a pole) for the others.
fn unary(a: &CallArgs, name: &str, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let x = arg(a, name)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_err() } else { domain() });
    }
    Ok(Value::Float(r))
}

macro_rules! unary_fns {
    ($($name:ident => $f:expr, $overflow:expr;)*) => {
        $(fn $name(a: CallArgs) -> PyResult<Value> { unary(&a, stringify!($name), $f, $overflow) })*
    };
}

unary_fns! {
    sin => m::sin, false;
    cos => m::cos, false;
    tan => m::tan, false;
    asin => m::asin, false;
    acos => m::acos, false;
    atan => m::atan, false;
    sinh => m::sinh, true;
    cosh => m::cosh, true;
    tanh => m::tanh, false;
    asinh => m::asinh, false;
    acosh => m::acosh, false;
    atanh => m::atanh, false;
    exp => m::exp, true;
    exp2 => m::exp2, true;
    expm1 => m::expm1, true;
    log1p => m::log1p, false;
    fabs => f64::abs, false;
    cbrt => m::cbrt, false;
    erf => m::erf, false;
    erfc => m::erfc, false;
}

fn sqrt(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "sqrt")?;
    if x < 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.sqrt()))
}

fn gamma(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "gamma")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    if x == f64::NEG_INFINITY || (x <= 0.0 && x == x.floor()) {
        return Err(domain());
    }
    if x == f64::INFINITY {
        return Ok(Value::Float(x));
    }
    let r = m::tgamma(x);
    if r.is_infinite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

fn lgamma(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "lgamma")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    if x.is_infinite() {
        return Ok(Value::Float(f64::INFINITY));
    }
    if x <= 0.0 && x == x.floor() {
        return Err(domain());
    }
    let r = m::lgamma(x);
    if r.is_infinite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

/// Natural log of a positive number, exact for ints too large for a float.
fn ln_of(v: &Value, f: fn(f64) -> f64, scale: f64) -> PyResult<f64> {
    let big = match ops::payload(v) {
        Value::BigInt(b) => Some(b),
        _ => None,
    };
    if let Some(b) = big {
        if !b.is_positive() {
            return Err(domain());
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // b = m * 2**e with m in [0.5, 1): log(b) = log(m) + e * log(2).
        let e = b.bits();
        let shift = e.saturating_sub(63);
        let top: BigInt = &*b >> shift;
        let m = top.to_f64().unwrap_or(f64::NAN) / 2f64.powi((e - shift) as i32);
        return Ok(f(m) + e as f64 * scale);
    }
    let x = ops::to_f64(v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(f(x))
}

fn log(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "log", 1, 2)?;
    let num = ln_of(&pos[0], m::log, std::f64::consts::LN_2)?;
    match pos.get(1) {
        None => Ok(Value::Float(num)),
        Some(b) => {
            let den = ln_of(b, m::log, std::f64::consts::LN_2)?;
            if den == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
    }
}

fn log2(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "log2", 1, 1)?;
    Ok(Value::Float(ln_of(&pos[0], m::log2, 1.0)?))
}

fn log10(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "log10", 1, 1)?;
    Ok(Value::Float(ln_of(&pos[0], m::log10, std::f64::consts::LOG10_2)?))
}

fn two(a: &CallArgs, name: &str) -> PyResult<(f64, f64)> {
    let pos = check_fn(a, name, 2, 2)?;
    Ok((ops::to_f64(&pos[0])?, ops::to_f64(&pos[1])?))
}

fn pow(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "pow")?;
    if !x.is_finite() || !y.is_finite() {
        // IEEE special cases, which libm gets right (pow(nan, 0) == 1 ...).
        return Ok(Value::Float(m::pow(x, y)));
    }
    if x == 0.0 && y < 0.0 {
        return Err(domain());
    }
    let r = m::pow(x, y);
    if r.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

fn atan2(a: CallArgs) -> PyResult<Value> {
    let (y, x) = two(&a, "atan2")?;
    Ok(Value::Float(m::atan2(y, x)))
}

fn copysign(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = m::fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    Ok(Value::Float(r))
}

fn remainder(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "remainder")?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::Float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain());
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    Ok(Value::Float(m::remainder(x, y)))
}

fn fma(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "fma", 3, 3)?;
    let (x, y, z) = (ops::to_f64(&pos[0])?, ops::to_f64(&pos[1])?, ops::to_f64(&pos[2])?);
    let r = x.mul_add(y, z);
    if r.is_finite() {
        return Ok(Value::Float(r));
    }
    if r.is_nan() && !x.is_nan() && !y.is_nan() && !z.is_nan() {
        return Err(PyErr::value_error("invalid operation in fma"));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() && z.is_finite() {
        return Err(PyErr::overflow("overflow in fma"));
    }
    Ok(Value::Float(r))
}

fn rounding(a: &CallArgs, name: &str, f: fn(f64) -> f64, dunder: &str) -> PyResult<Value> {
    let pos = check_fn(a, name, 1, 1)?;
    let v = &pos[0];
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(x) => int_of(&Value::Float(f(*x))),
        _ => match ops::lookup_special(v, dunder) {
            Some(m) if !matches!(m, Value::Builtin(_)) => ops::call(&m, CallArgs::positional_only(std::slice::from_ref(v))),
            _ => int_of(&Value::Float(f(ops::to_f64(v)?))),
        },
    }
}

fn floor(a: CallArgs) -> PyResult<Value> {
    rounding(&a, "floor", f64::floor, "__floor__")
}
fn ceil(a: CallArgs) -> PyResult<Value> {
    rounding(&a, "ceil", f64::ceil, "__ceil__")
}
fn trunc(a: CallArgs) -> PyResult<Value> {
    rounding(&a, "trunc", f64::trunc, "__trunc__")
}

fn bool_fn(a: &CallArgs, name: &str, f: fn(f64) -> bool) -> PyResult<Value> {
    Ok(Value::Bool(f(arg(a, name)?)))
}
fn isnan(a: CallArgs) -> PyResult<Value> {
    bool_fn(&a, "isnan", f64::is_nan)
}
fn isinf(a: CallArgs) -> PyResult<Value> {
    bool_fn(&a, "isinf", f64::is_infinite)
}
fn isfinite(a: CallArgs) -> PyResult<Value> {
    bool_fn(&a, "isfinite", f64::is_finite)
}

fn degrees(a: CallArgs) -> PyResult<Value> {
    Ok(Value::Float(arg(&a, "degrees")? * (180.0 / std::f64::consts::PI)))
}
fn radians(a: CallArgs) -> PyResult<Value> {
    Ok(Value::Float(arg(&a, "radians")? * (std::f64::consts::PI / 180.0)))
}

fn modf(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "modf")?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    Ok(Value::tuple(vec![Value::Float(f), Value::Float(i)]))
}

fn frexp(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "frexp")?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let (mant, e) = m::frexp(x);
    Ok(Value::tuple(vec![Value::Float(mant), Value::Int(e as i64)]))
}

fn ldexp(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "ldexp", 2, 2)?;
    let x = ops::to_f64(&pos[0])?;
    if !matches!(ops::payload(&pos[1]), Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) {
        return Err(PyErr::type_error("Expected an int as second argument to ldexp."));
    }
    let e = match ops::index_value(&pos[1]) {
        Ok(e) => e.clamp(-100_000, 100_000) as i32,
        Err(_) => if ops::is_negative(&ops::payload(&pos[1])) { -100_000 } else { 100_000 },
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = m::ldexp(x, e);
    if r.is_infinite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

/// Position of a float in the ordering of all floats, as an integer.
fn ordered(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    if b < 0 { i64::MIN - b } else { b }
}

fn from_ordered(i: i64) -> f64 {
    f64::from_bits(if i < 0 { (i64::MIN - i) as u64 } else { i as u64 })
}

fn nextafter(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("nextafter", &["steps"])?;
    let pos = a.positional();
    if pos.len() != 2 {
        return Err(protopy_runtime::args::arity_error_fn("nextafter", 2, 2, pos.len()));
    }
    let (x, y) = (ops::to_f64(&pos[0])?, ops::to_f64(&pos[1])?);
    let steps = match a.kwarg("steps") {
        None | Some(Value::None) => return Ok(Value::Float(m::nextafter(x, y))),
        Some(s) => ops::index_value(&s).unwrap_or(i64::MAX),
    };
    if steps < 0 {
        return Err(PyErr::value_error("steps must be a non-negative integer"));
    }
    if steps == 0 || x.is_nan() {
        return Ok(Value::Float(x));
    }
    if y.is_nan() {
        return Ok(Value::Float(y));
    }
    let (ux, uy) = (ordered(x), ordered(y));
    let r = if uy > ux {
        if (uy - ux) as u64 <= steps as u64 { y } else { from_ordered(ux + steps) }
    } else if ux > uy {
        if (ux - uy) as u64 <= steps as u64 { y } else { from_ordered(ux - steps) }
    } else {
        y
    };
    Ok(Value::Float(r))
}

fn ulp(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "ulp")?;
    if !x.is_finite() {
        return Ok(Value::Float(x.abs()));
    }
    let x = x.abs();
    let up = m::nextafter(x, f64::INFINITY);
    if up.is_infinite() {
        return Ok(Value::Float(x - m::nextafter(x, f64::NEG_INFINITY)));
    }
    Ok(Value::Float(up - x))
}

fn isclose(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("isclose", &["rel_tol", "abs_tol"])?;
    let pos = a.positional();
    if pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let (x, y) = (ops::to_f64(&pos[0])?, ops::to_f64(&pos[1])?);
    let rel = match a.kwarg("rel_tol") {
        Some(v) => ops::to_f64(&v)?,
        None => 1e-9,
    };
    let abs_tol = match a.kwarg("abs_tol") {
        Some(v) => ops::to_f64(&v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (x - y).abs();
    Ok(Value::Bool(diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs_tol))
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "math",
        &[
            ("sin", sin), ("cos", cos), ("tan", tan), ("asin", asin), ("acos", acos), ("atan", atan),
            ("sinh", sinh), ("cosh", cosh), ("tanh", tanh), ("asinh", asinh), ("acosh", acosh), ("atanh", atanh),
            ("exp", exp), ("exp2", exp2), ("expm1", expm1), ("log1p", log1p), ("fabs", fabs), ("cbrt", cbrt),
            ("erf", erf), ("erfc", erfc), ("gamma", gamma), ("lgamma", lgamma), ("sqrt", sqrt), ("log", log),
            ("log2", log2), ("log10", log10), ("pow", pow), ("atan2", atan2), ("copysign", copysign),
            ("fmod", fmod), ("remainder", remainder), ("fma", fma), ("floor", floor), ("ceil", ceil),
            ("trunc", trunc), ("isnan", isnan), ("isinf", isinf), ("isfinite", isfinite), ("degrees", degrees),
            ("radians", radians), ("modf", modf), ("frexp", frexp), ("ldexp", ldexp), ("nextafter", nextafter),
            ("ulp", ulp), ("isclose", isclose),
            ("gcd", math_int::gcd), ("lcm", math_int::lcm), ("factorial", math_int::factorial),
            ("comb", math_int::comb), ("perm", math_int::perm), ("isqrt", math_int::isqrt),
            ("fsum", math_sum::fsum), ("prod", math_sum::prod), ("sumprod", math_sum::sumprod),
            ("hypot", math_sum::hypot), ("dist", math_sum::dist),
        ],
    );
    m.set("pi", Value::Float(std::f64::consts::PI));
    m.set("e", Value::Float(std::f64::consts::E));
    m.set("tau", Value::Float(std::f64::consts::TAU));
    m.set("inf", Value::Float(f64::INFINITY));
    m.set("nan", Value::Float(f64::NAN));
    Ok(Value::Module(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_floats_step_through_zero() {
        assert_eq!(from_ordered(ordered(-0.0) + 1), 5e-324);
        assert_eq!(from_ordered(ordered(1.0) + 1), 1.0000000000000002);
        assert_eq!(from_ordered(ordered(-1.0) - 1), -1.0000000000000002);
    }

    #[test]
    fn libm_is_reached() {
        assert_eq!(m::erf(0.0), 0.0);
        assert_eq!(m::lgamma(1.0), 0.0);
        assert_eq!(m::frexp(8.0), (0.5, 4));
    }
}
