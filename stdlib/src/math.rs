//! The `math` module, with CPython's error behaviour (`math domain error`,
//! `math range error`).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use protopy_runtime::args::check_fn;
use protopy_runtime::builtins::constructors::int_of;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

fn domain() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range_err() -> PyErr {
    PyErr::overflow("math range error")
}

fn arg(a: &CallArgs, name: &str) -> PyResult<f64> {
    let pos = check_fn(a, name, 1, 1)?;
    ops::to_f64(&pos[0])
}

/// Apply a one-argument libm function with CPython's checks: a NaN result
/// from a non-NaN input is a domain error, an infinite result from a finite
/// input is a range error.
fn unary(a: &CallArgs, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = arg(a, name)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

macro_rules! unary_fns {
    ($($name:ident => $f:expr;)*) => {
        $(fn $name(a: CallArgs) -> PyResult<Value> { unary(&a, stringify!($name), $f) })*
    };
}

unary_fns! {
    sin => f64::sin;
    cos => f64::cos;
    tan => f64::tan;
    asin => f64::asin;
    acos => f64::acos;
    atan => f64::atan;
    sinh => f64::sinh;
    cosh => f64::cosh;
    tanh => f64::tanh;
    asinh => f64::asinh;
    acosh => f64::acosh;
    atanh => f64::atanh;
    exp => f64::exp;
    exp2 => f64::exp2;
    expm1 => f64::exp_m1;
    log1p => f64::ln_1p;
    fabs => f64::abs;
    cbrt => f64::cbrt;
    erf => erf_f;
    erfc => erfc_f;
}

fn erf_f(x: f64) -> f64 {
    1.0 - erfc_f(x)
}

/// Complementary error function (Numerical Recipes' Chebyshev fit refined
/// with a continued fraction for large |x| is overkill here; this rational
/// approximation is accurate to ~1e-15 relative for the common range).
fn erfc_f(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t * (-z * z - 1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
        .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

fn sqrt(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "sqrt")?;
    if x < 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.sqrt()))
}

fn log(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "log", 1, 2)?;
    let ln = |v: &Value| -> PyResult<f64> {
        // Big ints: log of huge values without overflowing to float.
        if let Value::BigInt(b) = v {
            if b.is_positive() {
                let bits = b.bits();
                let shift = bits.saturating_sub(60);
                let top: BigInt = &**b >> shift;
                let f = top.to_f64().unwrap_or(f64::NAN);
                return Ok(f.ln() + shift as f64 * std::f64::consts::LN_2);
            }
            return Err(domain());
        }
        let x = ops::to_f64(v)?;
        if x <= 0.0 {
            return Err(domain());
        }
        Ok(x.ln())
    };
    let num = ln(&pos[0])?;
    match pos.get(1) {
        None => Ok(Value::Float(num)),
        Some(b) => {
            let den = ln(b)?;
            if den == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
    }
}

fn log2(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "log2")?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.log2()))
}

fn log10(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "log10")?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.log10()))
}

fn pow(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "pow", 2, 2)?;
    let (x, y) = (ops::to_f64(&pos[0])?, ops::to_f64(&pos[1])?);
    let r = x.powf(y);
    if x == 0.0 && y < 0.0 {
        return Err(domain());
    }
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

fn two(a: &CallArgs, name: &str) -> PyResult<(f64, f64)> {
    let pos = check_fn(a, name, 2, 2)?;
    Ok((ops::to_f64(&pos[0])?, ops::to_f64(&pos[1])?))
}

fn atan2(a: CallArgs) -> PyResult<Value> {
    let (y, x) = two(&a, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn copysign(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "fmod")?;
    if y == 0.0 || x.is_infinite() {
        if !x.is_nan() && !y.is_nan() {
            return Err(domain());
        }
    }
    Ok(Value::Float(x % y))
}

fn hypot(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("hypot")?;
    let mut acc = 0.0f64;
    for v in a.positional() {
        acc = acc.hypot(ops::to_f64(v)?);
    }
    Ok(Value::Float(acc))
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
    Ok(Value::Float(arg(&a, "degrees")?.to_degrees()))
}
fn radians(a: CallArgs) -> PyResult<Value> {
    Ok(Value::Float(arg(&a, "radians")?.to_radians()))
}

fn int_arg(v: &Value, fname: &str) -> PyResult<BigInt> {
    match ops::to_bigint(v) {
        Some(b) => Ok(b),
        None => {
            let i = ops::index_int(v).map_err(|_| {
                PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", ops::type_name(v)))
            })?;
            let _ = fname;
            ops::to_bigint(&i).ok_or_else(|| PyErr::type_error("integer required"))
        }
    }
}

fn gcd(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("gcd")?;
    let mut g = BigInt::zero();
    for v in a.positional() {
        g = g.gcd(&int_arg(v, "gcd")?);
    }
    Ok(Value::from_bigint(g))
}

fn lcm(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("lcm")?;
    let mut l = BigInt::one();
    for v in a.positional() {
        let x = int_arg(v, "lcm")?;
        if x.is_zero() {
            return Ok(Value::Int(0));
        }
        l = l.lcm(&x);
    }
    Ok(Value::from_bigint(l))
}

fn factorial(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "factorial", 1, 1)?;
    if let Value::Float(_) = pos[0] {
        return Err(PyErr::type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = ops::index_value(&pos[0])?;
    if n < 0 {
        return Err(PyErr::value_error("factorial() not defined for negative values"));
    }
    let mut acc = BigInt::one();
    for i in 2..=n {
        acc *= i;
    }
    Ok(Value::from_bigint(acc))
}

fn comb(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "comb", 2, 2)?;
    let (n, k) = (ops::index_value(&pos[0])?, ops::index_value(&pos[1])?);
    if n < 0 || k < 0 {
        return Err(PyErr::value_error(if n < 0 { "n must be a non-negative integer" } else { "k must be a non-negative integer" }));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k);
    let mut acc = BigInt::one();
    for i in 0..k {
        acc = acc * (n - i) / (i + 1);
    }
    Ok(Value::from_bigint(acc))
}

fn perm(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "perm", 1, 2)?;
    let n = ops::index_value(&pos[0])?;
    let k = match pos.get(1) {
        Some(v) if !v.is_none() => ops::index_value(v)?,
        _ => n,
    };
    if n < 0 || k < 0 {
        return Err(PyErr::value_error(if n < 0 { "n must be a non-negative integer" } else { "k must be a non-negative integer" }));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut acc = BigInt::one();
    for i in 0..k {
        acc *= n - i;
    }
    Ok(Value::from_bigint(acc))
}

fn isqrt(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "isqrt", 1, 1)?;
    let n = int_arg(&pos[0], "isqrt")?;
    if n.is_negative() {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

fn fsum(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "fsum", 1, 1)?;
    // Shewchuk's exact partial sums.
    let mut partials: Vec<f64> = Vec::new();
    for v in ops::collect(&pos[0])? {
        let mut x = ops::to_f64(&v)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    Ok(Value::Float(partials.iter().sum()))
}

fn prod(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("prod", &["start"])?;
    let pos = a.positional();
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!("prod() takes exactly 1 positional argument ({} given)", pos.len())));
    }
    let mut acc = a.kwarg("start").unwrap_or(Value::Int(1));
    for v in ops::collect(&pos[0])? {
        acc = ops::binary_op(ops::BinaryOp::Mul, &acc, &v)?;
    }
    Ok(acc)
}

fn isclose(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("isclose", &["rel_tol", "abs_tol"])?;
    let pos = a.positional();
    if pos.len() != 2 {
        return Err(PyErr::type_error("isclose() takes exactly 2 positional arguments"));
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

fn modf(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "modf")?;
    let i = x.trunc();
    let f = if x.is_infinite() { 0.0f64.copysign(x) } else { x - i };
    Ok(Value::tuple(vec![Value::Float(f), Value::Float(i)]))
}

fn frexp(a: CallArgs) -> PyResult<Value> {
    let x = arg(&a, "frexp")?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let bits = x.abs().log2().floor() as i64 + 1;
    let mut m = x / 2f64.powi(bits as i32);
    let mut e = bits;
    if m.abs() >= 1.0 {
        m /= 2.0;
        e += 1;
    } else if m.abs() < 0.5 {
        m *= 2.0;
        e -= 1;
    }
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e)]))
}

fn ldexp(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "ldexp", 2, 2)?;
    let x = ops::to_f64(&pos[0])?;
    let e = ops::index_value(&pos[1])?.clamp(-10000, 10000);
    let r = x * 2f64.powi(e as i32);
    if r.is_infinite() && x.is_finite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

fn dist(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "dist", 2, 2)?;
    let p = ops::collect(&pos[0])?;
    let q = ops::collect(&pos[1])?;
    if p.len() != q.len() {
        return Err(PyErr::value_error("both points must have the same number of dimensions"));
    }
    let mut acc = 0.0f64;
    for (x, y) in p.iter().zip(q.iter()) {
        acc = acc.hypot(ops::to_f64(x)? - ops::to_f64(y)?);
    }
    Ok(Value::Float(acc))
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "math",
        &[
            ("sin", sin), ("cos", cos), ("tan", tan), ("asin", asin), ("acos", acos), ("atan", atan),
            ("sinh", sinh), ("cosh", cosh), ("tanh", tanh), ("asinh", asinh), ("acosh", acosh), ("atanh", atanh),
            ("exp", exp), ("exp2", exp2), ("expm1", expm1), ("log1p", log1p), ("fabs", fabs), ("cbrt", cbrt),
            ("erf", erf), ("erfc", erfc), ("sqrt", sqrt), ("log", log), ("log2", log2), ("log10", log10),
            ("pow", pow), ("atan2", atan2), ("copysign", copysign), ("fmod", fmod), ("hypot", hypot),
            ("floor", floor), ("ceil", ceil), ("trunc", trunc), ("isnan", isnan), ("isinf", isinf),
            ("isfinite", isfinite), ("degrees", degrees), ("radians", radians), ("gcd", gcd), ("lcm", lcm),
            ("factorial", factorial), ("comb", comb), ("perm", perm), ("isqrt", isqrt), ("fsum", fsum),
            ("prod", prod), ("isclose", isclose), ("modf", modf), ("frexp", frexp), ("ldexp", ldexp), ("dist", dist),
        ],
    );
    m.set("pi", Value::Float(std::f64::consts::PI));
    m.set("e", Value::Float(std::f64::consts::E));
    m.set("tau", Value::Float(std::f64::consts::TAU));
    m.set("inf", Value::Float(f64::INFINITY));
    m.set("nan", Value::Float(f64::NAN));
    Ok(Value::Module(m))
}
