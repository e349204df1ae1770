//! Python `int` operations over the small (`i64`) and big (`BigInt`)
//! representations: floor division and modulo, powers (modular too),
//! to/from bytes, bit counts, radix strings, `round` and shifts.
//!
//! Every function takes the fast `i64` path when both operands and the
//! result fit, and falls back to `BigInt` otherwise.

use super::{IntRef, IntValue, OUT_OF_MEMORY};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

/// `a // b` (floor); `None` for division by zero.
pub fn int_floordiv(a: IntRef, b: IntRef) -> Option<IntValue> {
    if b.is_zero() {
        return None;
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if !(x == i64::MIN && y == -1) {
            return Some(IntValue::Small(Integer::div_floor(&x, &y)));
        }
    }
    Some(IntValue::from_bigint(
        a.to_bigint().div_floor(&b.to_bigint()),
    ))
}

/// `a % b`, with the sign of `b`; `None` for division by zero.
pub fn int_mod(a: IntRef, b: IntRef) -> Option<IntValue> {
    if b.is_zero() {
        return None;
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if y == -1 {
            return Some(IntValue::Small(0));
        }
        return Some(IntValue::Small(x.mod_floor(&y)));
    }
    Some(IntValue::from_bigint(
        a.to_bigint().mod_floor(&b.to_bigint()),
    ))
}

/// `divmod(a, b)`; `None` for division by zero.
pub fn int_divmod(a: IntRef, b: IntRef) -> Option<(IntValue, IntValue)> {
    Some((int_floordiv(a, b)?, int_mod(a, b)?))
}

/// `a ** b` for a non-negative exponent. The caller bounds the size of the
/// result (see `int_pow_checked`); an absurd one exhausts memory.
pub fn int_pow(a: IntRef, b: u64) -> IntValue {
    if let IntRef::Small(x) = a {
        match x {
            0 => return IntValue::Small((b == 0) as i64),
            1 => return IntValue::Small(1),
            -1 => return IntValue::Small(if b.is_multiple_of(2) { 1 } else { -1 }),
            _ => {}
        }
        if let Some(r) = u32::try_from(b).ok().and_then(|e| x.checked_pow(e)) {
            return IntValue::Small(r);
        }
    }
    IntValue::from_bigint(Pow::pow(a.to_bigint(), b))
}

/// `a ** b`, or `None` when the result would need more than `max_bits`
/// bits (the caller raises MemoryError/OverflowError instead of trying).
pub fn int_pow_checked(a: IntRef, b: u64, max_bits: u64) -> Option<IntValue> {
    let base_bits = int_bit_length(a);
    // |a| >= 2**(base_bits - 1), so the result has at least this many bits.
    if base_bits >= 2
        && (base_bits - 1)
            .checked_mul(b)
            .is_none_or(|bits| bits > max_bits)
    {
        return None;
    }
    Some(int_pow(a, b))
}

/// `pow(a, b, m)`. A negative `b` uses the modular inverse of `a`. The
/// result has the sign of `m` (or is zero), as `%` does.
pub fn int_pow_mod(a: IntRef, b: IntRef, m: IntRef) -> Result<IntValue, &'static str> {
    if m.is_zero() {
        return Err("pow() 3rd argument cannot be 0");
    }
    let negative_modulus = m.is_negative();
    let modulus = m.to_bigint().abs();
    if modulus.is_one() {
        return Ok(IntValue::Small(0));
    }
    let mut base = a.to_bigint().mod_floor(&modulus);
    let mut exponent = b.to_bigint();
    if exponent.is_negative() {
        base =
            mod_inverse(&base, &modulus).ok_or("base is not invertible for the given modulus")?;
        exponent = -exponent;
    }
    let r = base.modpow(&exponent, &modulus);
    let r = if negative_modulus && !r.is_zero() {
        r - modulus
    } else {
        r
    };
    Ok(IntValue::from_bigint(r))
}

/// The inverse of `a` modulo `n` (with `0 <= a < n`, `n > 1`), if it exists.
fn mod_inverse(a: &BigInt, n: &BigInt) -> Option<BigInt> {
    // Extended Euclid, tracking only the coefficient of `a`.
    let (mut r0, mut r1) = (n.clone(), a.clone());
    let (mut t0, mut t1) = (BigInt::zero(), BigInt::one());
    while !r1.is_zero() {
        let (q, r) = r0.div_rem(&r1);
        r0 = std::mem::replace(&mut r1, r);
        let t = &t0 - &q * &t1;
        t0 = std::mem::replace(&mut t1, t);
    }
    r0.is_one().then(|| t0.mod_floor(n))
}

/// `v.to_bytes(length, byteorder, signed=signed)`. Errors are
/// OverflowErrors, except `OUT_OF_MEMORY` (MemoryError) for an absurd length.
pub fn int_to_bytes(
    v: IntRef,
    length: usize,
    big_endian: bool,
    signed: bool,
) -> Result<Vec<u8>, &'static str> {
    let value = v.to_bigint();
    if value.is_negative() && !signed {
        return Err("can't convert negative int to unsigned");
    }
    // CPython quirk kept on purpose: (-1).to_bytes(0, ..., signed=True) is b''.
    let mut bytes = if value.is_zero() || (signed && length == 0 && value == BigInt::from(-1)) {
        Vec::new()
    } else if signed {
        value.to_signed_bytes_le()
    } else {
        value.magnitude().to_bytes_le()
    };
    if bytes.len() > length {
        return Err("int too big to convert");
    }
    let fill = if value.is_negative() { 0xff } else { 0 };
    bytes
        .try_reserve_exact(length - bytes.len())
        .map_err(|_| OUT_OF_MEMORY)?;
    bytes.resize(length, fill);
    if big_endian {
        bytes.reverse();
    }
    Ok(bytes)
}

/// `int.from_bytes(b, byteorder, signed=signed)`.
pub fn int_from_bytes(b: &[u8], big_endian: bool, signed: bool) -> IntValue {
    let value = match (big_endian, signed) {
        (true, true) => BigInt::from_signed_bytes_be(b),
        (false, true) => BigInt::from_signed_bytes_le(b),
        (true, false) => BigInt::from_bytes_be(Sign::Plus, b),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, b),
    };
    IntValue::from_bigint(value)
}

/// `v.bit_length()`.
pub fn int_bit_length(v: IntRef) -> u64 {
    match v {
        IntRef::Small(x) => 64 - x.unsigned_abs().leading_zeros() as u64,
        IntRef::Big(b) => b.bits(),
    }
}

/// `v.bit_count()`: ones in the binary form of `abs(v)`.
pub fn int_bit_count(v: IntRef) -> u64 {
    match v {
        IntRef::Small(x) => x.unsigned_abs().count_ones() as u64,
        IntRef::Big(b) => b.magnitude().count_ones(),
    }
}

/// `v` in base `radix` (2..=36; anything else is treated as 10), lowercase
/// digits, a leading '-' for negatives, no prefix.
pub fn int_to_str_radix(v: IntRef, radix: u32) -> String {
    let radix = if (2..=36).contains(&radix) { radix } else { 10 };
    match v {
        IntRef::Small(x) => {
            if radix == 10 {
                return x.to_string();
            }
            let mut magnitude = x.unsigned_abs();
            let mut digits = Vec::new();
            loop {
                let d = (magnitude % radix as u64) as u32;
                digits.push(std::char::from_digit(d, radix).unwrap_or('?'));
                magnitude /= radix as u64;
                if magnitude == 0 {
                    break;
                }
            }
            if x < 0 {
                digits.push('-');
            }
            digits.iter().rev().collect()
        }
        IntRef::Big(b) => b.to_str_radix(radix),
    }
}

/// `round(v, ndigits)` for an int: unchanged for `ndigits >= 0`, otherwise
/// to a multiple of `10**-ndigits`, ties to even.
pub fn int_round(v: IntRef, ndigits: i64) -> IntValue {
    if ndigits >= 0 || v.is_zero() {
        return v.to_owned_value();
    }
    let k = ndigits.unsigned_abs();
    // |v| < 2**bits <= 10**(bits/3), so with more digits it rounds to 0.
    if k > int_bit_length(v) / 3 + 1 {
        return IntValue::Small(0);
    }
    let k = k as u32; // bounded by the check above
    if let (IntRef::Small(x), Some(p)) = (v, 10i128.checked_pow(k)) {
        let (q, r) = (
            Integer::div_floor(&(x as i128), &p),
            (x as i128).mod_floor(&p),
        );
        let q = if 2 * r > p || (2 * r == p && q % 2 != 0) {
            q + 1
        } else {
            q
        };
        if let Some(result) = q.checked_mul(p).and_then(|r| i64::try_from(r).ok()) {
            return IntValue::Small(result);
        }
    }
    let p = BigInt::from(10u32).pow(k);
    let (q, r) = v.to_bigint().div_mod_floor(&p);
    let twice: BigInt = r << 1usize;
    let q = if twice > p || (twice == p && q.is_odd()) {
        q + 1
    } else {
        q
    };
    IntValue::from_bigint(q * p)
}

/// `a << n`. The caller bounds `n` (see `int_shl_checked`; CPython raises
/// MemoryError for absurd shifts of a nonzero int).
pub fn int_shl(a: IntRef, n: u64) -> IntValue {
    if a.is_zero() {
        return IntValue::Small(0);
    }
    if let IntRef::Small(x) = a {
        if n < 64 {
            let shifted = x.wrapping_shl(n as u32);
            if shifted >> n == x {
                return IntValue::Small(shifted);
            }
        }
    }
    IntValue::from_bigint(a.to_bigint() << n as usize)
}

/// `a << n`, or `None` when the result would need more than `max_bits` bits.
pub fn int_shl_checked(a: IntRef, n: u64, max_bits: u64) -> Option<IntValue> {
    if !a.is_zero()
        && int_bit_length(a)
            .checked_add(n)
            .is_none_or(|bits| bits > max_bits)
    {
        return None;
    }
    Some(int_shl(a, n))
}

/// `a >> n`, rounding toward negative infinity.
pub fn int_shr(a: IntRef, n: u64) -> IntValue {
    if n >= int_bit_length(a) {
        return IntValue::Small(if a.is_negative() { -1 } else { 0 });
    }
    match a {
        IntRef::Small(x) => IntValue::Small(x >> n), // n < 64 here
        IntRef::Big(b) => {
            if b.is_negative() {
                // floor(b / 2**n) == -ceil(|b| / 2**n)
                let magnitude: &BigUint = b.magnitude();
                let q = magnitude >> n as usize;
                let exact = magnitude.trailing_zeros().is_some_and(|tz| tz >= n);
                let q = if exact { q } else { q + 1u32 };
                IntValue::from_bigint(-BigInt::from(q))
            } else {
                IntValue::from_bigint(b >> n as usize)
            }
        }
    }
}

/// An int from an `i128`, for callers doing widened small arithmetic.
pub fn int_from_i128(v: i128) -> IntValue {
    match i64::try_from(v) {
        Ok(x) => IntValue::Small(x),
        Err(_) => IntValue::Big(BigInt::from(v)),
    }
}

/// Converts a small value to `usize`, as helpers that take lengths need.
pub fn int_to_usize(v: IntRef) -> Option<usize> {
    match v {
        IntRef::Small(x) => usize::try_from(x).ok(),
        IntRef::Big(b) => b.to_usize(),
    }
}

#[cfg(test)]
mod tests;
