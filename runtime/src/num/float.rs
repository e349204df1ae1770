//! Python `float` semantics: floor division and modulo with the divisor's
//! sign, `**` with CPython's special cases, correctly rounded `round()`, and
//! exact conversions between floats and ints (including int / int).

use super::{IntRef, IntValue};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

pub use super::hexfloat::{float_fromhex, float_fromhex_checked, float_hex};

fn copysign_zero(sign_of: f64) -> f64 {
    0.0f64.copysign(sign_of)
}

/// The (floor quotient, remainder) pair both `//` and `divmod` use.
fn div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut rem = vx % wx; // C fmod: exact, sign of the dividend
    let mut div = (vx - rem) / wx;
    if rem != 0.0 {
        // Python's remainder takes the divisor's sign.
        if (wx < 0.0) != (rem < 0.0) {
            rem += wx;
            div -= 1.0;
        }
    } else {
        rem = copysign_zero(wx);
    }
    let floordiv = if div != 0.0 {
        // `div` is within an ulp of an integer; snap it to the nearest one.
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        copysign_zero(vx / wx)
    };
    (floordiv, rem)
}

/// `a // b` for floats.
pub fn float_floordiv(a: f64, b: f64) -> Result<f64, &'static str> {
    if b == 0.0 {
        return Err("float floor division by zero");
    }
    Ok(div_mod(a, b).0)
}

/// `a % b` for floats: the result has the divisor's sign (or is a zero with it).
pub fn float_mod(a: f64, b: f64) -> Result<f64, &'static str> {
    if b == 0.0 {
        return Err("float modulo by zero");
    }
    let mut rem = a % b;
    if rem != 0.0 {
        if (b < 0.0) != (rem < 0.0) {
            rem += b;
        }
    } else {
        rem = copysign_zero(b);
    }
    Ok(rem)
}

/// `divmod(a, b)` for floats. CPython 3.13's message is "float divmod()".
pub fn float_divmod(a: f64, b: f64) -> Result<(f64, f64), &'static str> {
    if b == 0.0 {
        return Err("float divmod()");
    }
    Ok(div_mod(a, b))
}

/// Why `float ** float` has no float result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PowError {
    /// ZeroDivisionError: "0.0 cannot be raised to a negative power"
    ZeroToNegative,
    /// Negative base with a non-integer exponent: the caller computes the
    /// complex power instead.
    Complex,
    /// OverflowError: (34, 'Numerical result out of range')
    Overflow,
}

impl PowError {
    /// CPython's message for the error; for `Complex` (not an error for
    /// `**`) the one `math.pow` raises as ValueError.
    pub fn message(self) -> &'static str {
        match self {
            PowError::ZeroToNegative => "0.0 cannot be raised to a negative power",
            PowError::Complex => "math domain error",
            PowError::Overflow => "(34, 'Numerical result out of range')",
        }
    }
}

fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `a ** b` for floats, following CPython's special cases (C99 Annex F plus
/// Python's errors).
pub fn float_pow(a: f64, b: f64) -> Result<f64, PowError> {
    if b == 0.0 {
        return Ok(1.0); // even 0**0 and nan**0
    }
    if a.is_nan() {
        return Ok(a);
    }
    if b.is_nan() {
        return Ok(if a == 1.0 { 1.0 } else { b });
    }
    if b.is_infinite() {
        let magnitude = a.abs();
        return Ok(if magnitude == 1.0 {
            1.0
        } else if (b > 0.0) == (magnitude > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if a.is_infinite() {
        let odd = is_odd_integer(b);
        return Ok(match (b > 0.0, odd) {
            (true, true) => a,
            (true, false) => a.abs(),
            (false, true) => copysign_zero(a),
            (false, false) => 0.0,
        });
    }
    if a == 0.0 {
        if b < 0.0 {
            return Err(PowError::ZeroToNegative);
        }
        return Ok(if is_odd_integer(b) { a } else { 0.0 });
    }
    let mut base = a;
    let mut negate = false;
    if base < 0.0 {
        if b != b.floor() {
            return Err(PowError::Complex);
        }
        base = -base;
        negate = is_odd_integer(b);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(b);
    if r.is_infinite() {
        return Err(PowError::Overflow);
    }
    Ok(if negate { -r } else { r })
}

/// `round(x, ndigits)`; an overflowing result comes back as ±inf (see
/// `float_round_checked` for CPython's OverflowError).
pub fn float_round(x: f64, ndigits: i64) -> f64 {
    match float_round_checked(x, ndigits) {
        Ok(r) => r,
        Err(_) => f64::INFINITY.copysign(x),
    }
}

/// `round(x, ndigits)` with CPython's error: Err("rounded value too large to
/// represent") when rounding overflows (`round(1.7e308, -308)`).
pub fn float_round_checked(x: f64, ndigits: i64) -> Result<f64, &'static str> {
    // Beyond these every double is unchanged, or rounds to zero.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    if x == 0.0 {
        return Ok(x);
    }
    let (mantissa, exp) = decompose(x.abs());
    // q = round_half_even(|x| * 10**ndigits) computed exactly.
    let ten_pow = BigUint::from(10u32).pow(ndigits.unsigned_abs() as u32);
    let (mut num, mut den) = (BigUint::from(mantissa), BigUint::one());
    if ndigits >= 0 {
        num *= ten_pow;
    } else {
        den = ten_pow;
    }
    if exp >= 0 {
        num <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    let q = div_round_half_even(&num, &den);
    let text = format!("{q}e{}", -ndigits);
    let rounded = text
        .parse::<f64>()
        .map_err(|_| "rounded value too large to represent")?;
    if rounded.is_infinite() {
        return Err("rounded value too large to represent");
    }
    Ok(rounded.copysign(x))
}

fn div_round_half_even(num: &BigUint, den: &BigUint) -> BigUint {
    let (q, r) = num.div_rem(den);
    let twice = r << 1usize;
    if twice > *den || (twice == *den && q.is_odd()) {
        q + 1u32
    } else {
        q
    }
}

/// `round(x)` before the conversion to int: nearest integer, ties to even.
pub fn round_half_even(x: f64) -> f64 {
    x.round_ties_even()
}

/// `x.is_integer()`.
pub fn float_is_integer(x: f64) -> bool {
    x.is_finite() && x == x.floor()
}

/// Splits a finite, non-negative x into (m, e) with x == m * 2**e exactly.
pub(crate) fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits() & !(1 << 63);
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// `int(x)`: truncation toward zero.
pub fn float_to_bigint(x: f64) -> Result<IntValue, &'static str> {
    if x.is_nan() {
        return Err("cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return Err("cannot convert float infinity to integer");
    }
    let t = x.trunc();
    if t.abs() < -(i64::MIN as f64) {
        return Ok(IntValue::Small(t as i64));
    }
    let (m, e) = decompose(t.abs());
    let magnitude = BigInt::from(m) << (e as usize); // e > 0 here
    Ok(IntValue::from_bigint(if t < 0.0 {
        -magnitude
    } else {
        magnitude
    }))
}

/// `x * 2**k`, exact whenever the result is representable.
pub(crate) fn ldexp(mut x: f64, mut k: i64) -> f64 {
    let pow2 = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    while k > 1000 {
        x *= pow2(1000);
        k -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while k < -1000 {
        x *= pow2(-1000);
        k += 1000;
    }
    x * pow2(k)
}

/// Rounds `(m + s) * 2**exp` to the nearest double, ties to even, where `s`
/// stands for "some nonzero bits below m" when `sticky` is set. Handles
/// subnormals; returns +inf on overflow.
pub(crate) fn compose_f64(m: u64, exp: i64, sticky: bool) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let nbits = 64 - m.leading_zeros() as i64;
    let top = exp.saturating_add(nbits - 1); // value in [2**top, 2**(top+1))
    if top >= 1024 {
        return f64::INFINITY;
    }
    // Significant bits available at this magnitude (fewer for subnormals).
    let precision = if top >= -1022 { 53 } else { top + 1075 };
    if precision < 0 {
        return 0.0; // below half the smallest subnormal
    }
    let drop = nbits - precision;
    if drop <= 0 {
        return ldexp(m as f64, exp);
    }
    let (keep, rem, half) = if drop >= 64 {
        (0u64, m, 1u64 << 63)
    } else {
        (m >> drop, m & ((1u64 << drop) - 1), 1u64 << (drop - 1))
    };
    let round_up = rem > half || (rem == half && (sticky || keep & 1 == 1));
    ldexp((keep + round_up as u64) as f64, exp + drop)
}

fn biguint_to_f64(v: &BigUint) -> f64 {
    let n = v.bits();
    if n <= 64 {
        return v.to_u64().map_or(f64::INFINITY, |m| m as f64);
    }
    let shift = n - 64;
    let m = (v >> shift).to_u64().unwrap_or(u64::MAX);
    let sticky = v.trailing_zeros().is_some_and(|tz| tz < shift);
    compose_f64(m, shift as i64, sticky)
}

/// `float(v)`, correctly rounded; `None` when the result would overflow
/// ("int too large to convert to float").
pub fn bigint_to_f64(v: &BigInt) -> Option<f64> {
    let magnitude = biguint_to_f64(v.magnitude());
    if magnitude.is_infinite() {
        return None;
    }
    Some(if v.sign() == Sign::Minus {
        -magnitude
    } else {
        magnitude
    })
}

/// `float(v)` for either int representation.
pub fn int_to_f64(v: IntRef) -> Option<f64> {
    match v {
        IntRef::Small(x) => Some(x as f64),
        IntRef::Big(b) => bigint_to_f64(b),
    }
}

/// `a / b` for ints, correctly rounded as CPython's true division.
pub fn int_true_div(a: IntRef, b: IntRef) -> Result<f64, &'static str> {
    const EXACT: u64 = 1 << 53;
    if b.is_zero() {
        return Err("division by zero");
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
            return Ok(x as f64 / y as f64);
        }
    }
    let negate = a.is_negative() != b.is_negative();
    let signed = |m: f64| if negate { -m } else { m };
    let (a, b) = (a.to_bigint(), b.to_bigint());
    let (a, b) = (a.magnitude(), b.magnitude());
    if a.is_zero() {
        return Ok(signed(0.0));
    }
    let diff = a.bits() as i64 - b.bits() as i64; // log2(a/b) is within 1 of this
    if diff > 1025 {
        return Err("integer division result too large for a float");
    }
    if diff < -1077 {
        return Ok(signed(0.0));
    }
    // Scale so the integer quotient has 63 or 64 bits; the remainder
    // decides the sticky bit.
    let shift = 63 - diff;
    let (q, r) = if shift >= 0 {
        (a << shift as usize).div_rem(b)
    } else {
        a.div_rem(&(b << (-shift) as usize))
    };
    let m = q.to_u64().unwrap_or(u64::MAX);
    let result = compose_f64(m, -shift, !r.is_zero());
    if result.is_infinite() {
        return Err("integer division result too large for a float");
    }
    Ok(signed(result))
}

/// `x.as_integer_ratio()`: the exact value as a reduced fraction.
pub fn float_as_integer_ratio(x: f64) -> Result<(IntValue, IntValue), &'static str> {
    if x.is_nan() {
        return Err("cannot convert NaN to integer ratio");
    }
    if x.is_infinite() {
        return Err("cannot convert Infinity to integer ratio");
    }
    if x == 0.0 {
        return Ok((IntValue::Small(0), IntValue::Small(1)));
    }
    let (mut m, mut e) = decompose(x.abs());
    if e < 0 {
        let common = (m.trailing_zeros() as i64).min(-e);
        m >>= common;
        e += common;
    }
    let sign = if x < 0.0 { Sign::Minus } else { Sign::Plus };
    if e >= 0 {
        let numerator = BigInt::from_biguint(sign, BigUint::from(m) << e as usize);
        Ok((IntValue::from_bigint(numerator), IntValue::Small(1)))
    } else {
        let numerator = BigInt::from_biguint(sign, BigUint::from(m));
        let denominator = BigInt::one() << (-e) as usize;
        Ok((
            IntValue::from_bigint(numerator),
            IntValue::from_bigint(denominator),
        ))
    }
}

#[cfg(test)]
mod tests;
