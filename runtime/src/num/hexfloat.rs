//! `float.hex()` and `float.fromhex()`.

use super::float::compose_f64;
use super::parse::{parse_inf_or_nan, trim_space};

/// `x.hex()`: `0x1.8000000000000p+1`, subnormals as `0x0.xxxxxxxxxxxxxp-1022`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let exp_sign = if exp < 0 { '-' } else { '+' };
    format!(
        "{sign}0x{lead}.{fraction:013x}p{exp_sign}{}",
        exp.unsigned_abs()
    )
}

/// `float.fromhex(s)`; `None` for both an invalid string and an overflow
/// (use `float_fromhex_checked` to tell them apart).
pub fn float_fromhex(s: &str) -> Option<f64> {
    float_fromhex_checked(s).ok()
}

/// `float.fromhex(s)` with CPython's messages: Err("invalid hexadecimal
/// floating-point string") (ValueError) or Err("hexadecimal value too large to
/// represent as a float") (OverflowError).
pub fn float_fromhex_checked(s: &str) -> Result<f64, &'static str> {
    const INVALID: &str = "invalid hexadecimal floating-point string";
    const TOO_LARGE: &str = "hexadecimal value too large to represent as a float";
    let s = trim_space(s.as_bytes());
    if let Some(v) = parse_inf_or_nan(s) {
        return Ok(v);
    }
    let (negative, mut s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if s.len() >= 2 && s[0] == b'0' && (s[1] == b'x' || s[1] == b'X') {
        s = &s[2..];
    }
    let int_len = s.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    let (int_digits, mut rest) = s.split_at(int_len);
    let mut frac_digits: &[u8] = &[];
    if rest.first() == Some(&b'.') {
        let frac_len = rest[1..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        frac_digits = &rest[1..1 + frac_len];
        rest = &rest[1 + frac_len..];
    }
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err(INVALID);
    }
    let mut exp: i64 = 0;
    if let Some(b'p' | b'P') = rest.first() {
        let (exp_negative, digits) = match rest.get(1) {
            Some(b'-') => (true, &rest[2..]),
            Some(b'+') => (false, &rest[2..]),
            _ => (false, &rest[1..]),
        };
        let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 {
            return Err(INVALID);
        }
        // Saturate: anything this large over- or underflows anyway.
        for &d in &digits[..len] {
            exp = exp.saturating_mul(10).saturating_add((d - b'0') as i64);
        }
        if exp_negative {
            exp = -exp;
        }
        rest = &digits[len..];
    }
    // CPython reports an overflow even when junk follows the literal.
    let magnitude = hex_digits_to_f64(int_digits, frac_digits, exp);
    if magnitude.is_infinite() {
        return Err(TOO_LARGE);
    }
    if !rest.is_empty() {
        return Err(INVALID);
    }
    Ok(if negative { -magnitude } else { magnitude })
}

/// The value of `int_digits.frac_digits * 2**exp`, correctly rounded.
fn hex_digits_to_f64(int_digits: &[u8], frac_digits: &[u8], exp: i64) -> f64 {
    let all = int_digits.iter().chain(frac_digits).map(|b| hex_value(*b));
    let significant: Vec<u64> = all.skip_while(|&d| d == 0).collect();
    if significant.is_empty() {
        return 0.0;
    }
    // The first 16 significant hex digits fill a u64; later digits only
    // matter as a sticky bit.
    let kept = significant.len().min(16);
    let mantissa = significant[..kept]
        .iter()
        .fold(0u64, |acc, &d| (acc << 4) | d);
    let sticky = significant[kept..].iter().any(|&d| d != 0);
    let dropped = (significant.len() - kept) as i64;
    let scale = exp
        .saturating_add(dropped.saturating_mul(4))
        .saturating_sub((frac_digits.len() as i64).saturating_mul(4));
    compose_f64(mantissa, scale, sticky)
}

fn hex_value(b: u8) -> u64 {
    match b {
        b'0'..=b'9' => (b - b'0') as u64,
        b'a'..=b'f' => (b - b'a' + 10) as u64,
        b'A'..=b'F' => (b - b'A' + 10) as u64,
        _ => 0,
    }
}
