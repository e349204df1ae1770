//! The integer functions of `math`: gcd, lcm, factorial, comb, perm, isqrt.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use protopy_runtime::args::check_fn;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

/// An integer argument (ints, bools, `__index__` objects), as a big int.
pub fn int_arg(v: &Value) -> PyResult<BigInt> {
    let i = ops::index_int(v)?;
    ops::to_bigint(&i).ok_or_else(|| {
        PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", ops::type_name(v)))
    })
}

pub fn gcd(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("gcd")?;
    let mut g = BigInt::zero();
    for v in a.positional() {
        g = g.gcd(&int_arg(v)?);
    }
    Ok(Value::from_bigint(g))
}

pub fn lcm(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("lcm")?;
    let mut l = BigInt::one();
    for v in a.positional() {
        let x = int_arg(v)?;
        if x.is_zero() {
            // Later arguments are still type-checked, as in CPython.
            l = BigInt::zero();
            continue;
        }
        if !l.is_zero() {
            l = l.lcm(&x);
        }
    }
    Ok(Value::from_bigint(l.abs()))
}

/// The product lo * (lo+1) * ... * hi, split in halves so the big
/// multiplications stay balanced.
fn range_product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::from(lo);
        for i in lo + 1..=hi {
            acc *= i;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid + 1, hi)
}

pub fn factorial(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "factorial", 1, 1)?;
    let n = match ops::index_value(&pos[0]) {
        Ok(n) => n,
        Err(e) if e.is_instance(&protopy_runtime::ctx().exc.overflow_error) => {
            return Err(PyErr::overflow("factorial() argument should not exceed 9223372036854775807"))
        }
        Err(e) => return Err(e),
    };
    if n < 0 {
        return Err(PyErr::value_error("factorial() not defined for negative values"));
    }
    Ok(Value::from_bigint(range_product(2, n.max(1) as u64)))
}

fn non_negative(v: &BigInt, which: &str) -> PyResult<()> {
    if v.is_negative() {
        return Err(PyErr::value_error(format!("{which} must be a non-negative integer")));
    }
    Ok(())
}

fn small_k(k: &BigInt, msg: &str) -> PyResult<u64> {
    k.to_u64().ok_or_else(|| PyErr::overflow(msg.to_string()))
}

pub fn comb(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "comb", 2, 2)?;
    let (n, k) = (int_arg(&pos[0])?, int_arg(&pos[1])?);
    non_negative(&n, "n")?;
    non_negative(&k, "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let rest = &n - &k;
    let k = small_k(if rest < k { &rest } else { &k }, "min(n - k, k) must not exceed 9223372036854775807")?;
    let mut acc = BigInt::one();
    for i in 0..k {
        acc = acc * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(acc))
}

pub fn perm(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "perm", 1, 2)?;
    let n = int_arg(&pos[0])?;
    let k = match pos.get(1) {
        Some(v) if !v.is_none() => int_arg(v)?,
        _ => {
            // `perm(n)` is `factorial(n)`, with its message.
            if n.is_negative() {
                return Err(PyErr::value_error("factorial() not defined for negative values"));
            }
            n.clone()
        }
    };
    non_negative(&n, "n")?;
    non_negative(&k, "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = small_k(&k, "k must not exceed 9223372036854775807")?;
    if let Some(nn) = n.to_u64() {
        return Ok(Value::from_bigint(range_product(nn - k + 1, nn)));
    }
    let mut acc = BigInt::one();
    for i in 0..k {
        acc *= &n - i;
    }
    Ok(Value::from_bigint(acc))
}

pub fn isqrt(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "isqrt", 1, 1)?;
    let n = int_arg(&pos[0])?;
    if n.is_negative() {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_products() {
        assert_eq!(range_product(2, 1), BigInt::one());
        assert_eq!(range_product(1, 5), BigInt::from(120));
        assert_eq!(range_product(2, 25).to_string(), "15511210043330985984000000");
    }
}
