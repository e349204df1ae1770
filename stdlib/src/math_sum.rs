//! Sums and norms of `math`: fsum (exact), prod, sumprod, hypot and dist.
//! The float paths keep a double-double running value so results are
//! correctly rounded in practice, as CPython's are.

use num_bigint::BigInt;
use num_traits::Zero;

use protopy_runtime::args::check_fn;
use protopy_runtime::ops::{self, BinaryOp};
use protopy_runtime::{CallArgs, PyErr, PyResult, Value};

/// `a + b` as a rounded sum and its exact error.
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `a * b` as a rounded product and its exact error.
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// A double-double accumulator.
#[derive(Default)]
struct DoubleDouble {
    hi: f64,
    lo: f64,
}

impl DoubleDouble {
    fn add(&mut self, x: f64) {
        let (s, e) = two_sum(self.hi, x);
        self.hi = s;
        self.lo += e;
    }
    fn add_product(&mut self, a: f64, b: f64) {
        let (p, e) = two_prod(a, b);
        self.add(p);
        self.lo += e;
    }
    fn value(&self) -> f64 {
        self.hi + self.lo
    }
}

/// Shewchuk's exact summation with CPython's treatment of inf and nan.
pub fn fsum(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "fsum", 1, 1)?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    let it = ops::iter(&pos[0])?;
    while let Some(v) = ops::next(&it)? {
        let input = ops::to_f64(&v)?;
        let mut x = input;
        let mut kept = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        if x.is_finite() {
            partials.push(x);
            continue;
        }
        if input.is_finite() {
            return Err(PyErr::overflow("intermediate overflow in fsum"));
        }
        if input.is_infinite() {
            inf_sum += input;
        }
        special += input;
        partials.clear();
    }
    if special != 0.0 || special.is_nan() {
        if inf_sum.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    Ok(Value::Float(round_partials(&partials)))
}

/// The correctly rounded sum of non-overlapping partials (smallest first).
fn round_partials(partials: &[f64]) -> f64 {
    let Some((&last, rest)) = partials.split_last() else { return 0.0 };
    let mut hi = last;
    let mut lo = 0.0;
    let mut n = rest.len();
    while n > 0 {
        let x = hi;
        let y = rest[n - 1];
        n -= 1;
        hi = x + y;
        let yr = hi - x;
        lo = y - yr;
        if lo != 0.0 {
            break;
        }
    }
    // Round half-even correctly when the rest lies on the same side.
    if n > 0 && ((lo < 0.0 && rest[n - 1] < 0.0) || (lo > 0.0 && rest[n - 1] > 0.0)) {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}

pub fn prod(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("prod", &["start"])?;
    let pos = a.positional();
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!("prod() takes exactly 1 positional argument ({} given)", pos.len())));
    }
    let mut acc = a.kwarg("start").unwrap_or(Value::Int(1));
    let it = ops::iter(&pos[0])?;
    while let Some(v) = ops::next(&it)? {
        acc = ops::binary_op(BinaryOp::Mul, &acc, &v)?;
    }
    Ok(acc)
}

fn small_float(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) if i.unsigned_abs() <= 1 << 53 => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    }
}

pub fn sumprod(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "sumprod", 2, 2)?;
    let (p, q) = (ops::iter(&pos[0])?, ops::iter(&pos[1])?);
    let mut pairs = Vec::new();
    loop {
        match (ops::next(&p)?, ops::next(&q)?) {
            (Some(x), Some(y)) => pairs.push((x, y)),
            (None, None) => break,
            _ => return Err(PyErr::value_error("Inputs are not the same length")),
        }
    }
    let is_int = |v: &Value| matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_));
    if pairs.iter().all(|(x, y)| is_int(x) && is_int(y)) {
        let mut total = BigInt::zero();
        for (x, y) in &pairs {
            total += ops::to_bigint(&ops::int_of_bool(x)).unwrap_or_default()
                * ops::to_bigint(&ops::int_of_bool(y)).unwrap_or_default();
        }
        return Ok(Value::from_bigint(total));
    }
    let floats: Option<Vec<(f64, f64)>> = pairs.iter().map(|(x, y)| Some((small_float(x)?, small_float(y)?))).collect();
    if let Some(fs) = floats {
        let mut acc = DoubleDouble::default();
        for (x, y) in fs {
            acc.add_product(x, y);
        }
        let r = acc.value();
        if r.is_finite() || fs_has_special(&pairs) {
            return Ok(Value::Float(r));
        }
    }
    let mut total = Value::Int(0);
    for (x, y) in &pairs {
        total = ops::add(&total, &ops::binary_op(BinaryOp::Mul, x, y)?)?;
    }
    Ok(total)
}

fn fs_has_special(pairs: &[(Value, Value)]) -> bool {
    pairs.iter().any(|(x, y)| matches!(x, Value::Float(f) if !f.is_finite()) || matches!(y, Value::Float(f) if !f.is_finite()))
}

/// The Euclidean norm of `coords`, correctly rounded in practice.
fn vector_norm(coords: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut nan = false;
    for &x in coords {
        let ax = x.abs();
        if ax.is_nan() {
            nan = true;
        } else if ax > max {
            max = ax;
        }
    }
    if max.is_infinite() {
        return f64::INFINITY;
    }
    if nan {
        return f64::NAN;
    }
    if max == 0.0 || coords.len() == 1 {
        return max;
    }
    // Scale by a power of two so the largest magnitude is in [0.5, 1).
    let exp = max.log2().floor() as i32 + 1;
    let scale = |x: f64, e: i32| x * 2f64.powi(e);
    let scaled_by = |x: f64| if exp.abs() < 1000 { scale(x, -exp) } else { scale(scale(x, -exp / 2), -(exp - exp / 2)) };
    let mut acc = DoubleDouble::default();
    for &x in coords {
        let s = scaled_by(x);
        acc.add_product(s, s);
    }
    let (hi, lo) = (acc.hi, acc.lo);
    let mut h = (hi + lo).sqrt();
    if h > 0.0 {
        let (p, pe) = two_prod(h, h);
        let residual = ((hi - p) - pe) + lo;
        h += residual / (2.0 * h);
    }
    if exp.abs() < 1000 {
        scale(h, exp)
    } else {
        scale(scale(h, exp / 2), exp - exp / 2)
    }
}

pub fn hypot(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("hypot")?;
    let coords = a.positional().iter().map(ops::to_f64).collect::<PyResult<Vec<_>>>()?;
    Ok(Value::Float(vector_norm(&coords)))
}

pub fn dist(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "dist", 2, 2)?;
    for v in pos {
        if !matches!(ops::payload(v), Value::Tuple(_) | Value::List(_)) && ops::lookup_special(v, "__getitem__").is_none() {
            return Err(PyErr::type_error(format!(
                "dist(): argument must be a sequence, not {}",
                ops::type_name(v)
            )));
        }
    }
    let p = ops::collect(&pos[0])?;
    let q = ops::collect(&pos[1])?;
    if p.len() != q.len() {
        return Err(PyErr::value_error("both points must have the same number of dimensions"));
    }
    let diffs = p
        .iter()
        .zip(q.iter())
        .map(|(x, y)| Ok(ops::to_f64(x)? - ops::to_f64(y)?))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::Float(vector_norm(&diffs)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norms_are_correctly_rounded() {
        assert_eq!(vector_norm(&[3.0, 4.0]), 5.0);
        assert_eq!(vector_norm(&[0.1, 0.2, 0.3]), 0.3741657386773941);
        assert_eq!(vector_norm(&[1e200, 1e200]), 1.414213562373095e200);
        assert_eq!(vector_norm(&[f64::INFINITY, f64::NAN]), f64::INFINITY);
    }

    #[test]
    fn partial_sums_round_once() {
        assert_eq!(round_partials(&[]), 0.0);
        assert_eq!(round_partials(&[1e-100, 1.0]), 1.0);
    }
}
