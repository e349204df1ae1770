//! `int(s, base)` and `float(s)` for `str` arguments.
//!
//! Both first map the text to ASCII the way CPython does: any Unicode
//! whitespace becomes a space, any Unicode decimal digit (category Nd) becomes
//! its ASCII digit, and anything else non-ASCII makes the literal invalid.

use super::IntValue;
use num_bigint::BigInt;

/// `int(s, base)`: `base` is 0 (infer from a prefix) or 2..=36.
/// `Err(())` for any invalid literal; the caller builds CPython's message
/// ("invalid literal for int() with base 10: '...'"). No digit limit: see
/// `parse_int_with_limit`.
#[allow(clippy::result_unit_err)] // the agreed API: the caller builds the message
pub fn parse_int(s: &str, base: u32) -> Result<IntValue, ()> {
    parse_int_with_limit(s, base, 0).map_err(|_| ())
}

/// Why `parse_int_with_limit` failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseIntError {
    /// ValueError: "invalid literal for int() with base N: '...'"
    Invalid,
    /// ValueError: "Exceeds the limit (LIMIT digits) for integer string
    /// conversion: value has DIGITS digits; use sys.set_int_max_str_digits()
    /// to increase the limit"
    TooManyDigits { limit: usize, digits: usize },
}

/// `int(s, base)` under `sys.set_int_max_str_digits(max_digits)` (0 means no
/// limit): a valid literal in a base that is not a power of two with more
/// than `max_digits` digits (underscores not counted) is refused.
pub fn parse_int_with_limit(
    s: &str,
    base: u32,
    max_digits: usize,
) -> Result<IntValue, ParseIntError> {
    if base == 1 || base > 36 {
        return Err(ParseIntError::Invalid);
    }
    let text = to_ascii_digits(s).ok_or(ParseIntError::Invalid)?;
    let literal = scan_int(&text, base).ok_or(ParseIntError::Invalid)?;
    let digits = literal.digits.len();
    if max_digits > 0 && digits > max_digits && !literal.base.is_power_of_two() {
        return Err(ParseIntError::TooManyDigits {
            limit: max_digits,
            digits,
        });
    }
    literal.value().ok_or(ParseIntError::Invalid)
}

/// `float(s)`: surrounding whitespace, a sign, underscores only between
/// digits, `inf`/`infinity`/`nan` in any case. Correctly rounded.
pub fn parse_float(s: &str) -> Option<f64> {
    let text = to_ascii_digits(s)?;
    let text = if text.contains(&b'_') {
        remove_float_underscores(&text)?
    } else {
        text
    };
    parse_float_ascii(trim_space(&text))
}

/// The whitespace `int()`/`float()` skip after the Unicode mapping.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

pub(crate) fn trim_space(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&c| !is_c_space(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| !is_c_space(c))
        .map_or(start, |p| p + 1);
    &b[start..end]
}

/// Maps non-ASCII whitespace to ' ' and Unicode decimal digits to ASCII
/// digits; `None` if any other non-ASCII character (or DEL) occurs.
fn to_ascii_digits(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let code = c as u32;
        if code < 0x7f {
            out.push(code as u8);
        } else if is_unicode_space(c) {
            out.push(b' ');
        } else {
            out.push(b'0' + unicode_decimal_value(c)?);
        }
    }
    Some(out)
}

/// `str.isspace()` for characters outside ASCII (Unicode 15.1).
pub fn is_unicode_space(c: char) -> bool {
    matches!(c as u32,
        0x09..=0x0d | 0x1c..=0x20 | 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a
        | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000)
}

/// The first code point of every run of ten decimal digits (category Nd) in
/// Unicode 15.1; each run holds the digits 0..=9 in order.
#[rustfmt::skip]
const DIGIT_ZEROS: [u32; 68] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6,
    0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0,
    0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0,
    0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136,
    0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950,
    0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8,
    0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e950, 0x1fbf0,
];

/// The value of a Unicode decimal digit (`unicodedata.decimal`), if `c` is one.
pub fn unicode_decimal_value(c: char) -> Option<u8> {
    let code = c as u32;
    let idx = DIGIT_ZEROS.partition_point(|&z| z <= code);
    let zero = *DIGIT_ZEROS.get(idx.checked_sub(1)?)?;
    let value = code - zero;
    (value < 10).then_some(value as u8)
}

fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => u32::MAX,
    }
}

/// A syntactically valid int literal, before conversion.
struct IntLiteral {
    negative: bool,
    base: u32,
    digits: Vec<u8>,
    /// Base 0 forbids C-style octal ("010"), but zeros alone are fine.
    must_be_zero: bool,
}

impl IntLiteral {
    fn value(&self) -> Option<IntValue> {
        let value = digits_to_int(&self.digits, self.base)?;
        if self.must_be_zero && !matches!(value, IntValue::Small(0)) {
            return None;
        }
        Some(if self.negative { negate(value) } else { value })
    }
}

fn scan_int(text: &[u8], base: u32) -> Option<IntLiteral> {
    let s = trim_space(text);
    let (negative, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let second = s.get(1).map(|b| b.to_ascii_lowercase());
    let mut base = base;
    let mut must_be_zero = false;
    if base == 0 {
        base = match (s.first(), second) {
            (Some(b'0'), Some(b'x')) => 16,
            (Some(b'0'), Some(b'o')) => 8,
            (Some(b'0'), Some(b'b')) => 2,
            (Some(b'0'), _) => {
                must_be_zero = true;
                10
            }
            _ => 10,
        };
    }
    let mut s = s;
    let has_prefix = s.first() == Some(&b'0')
        && matches!(
            (base, second),
            (16, Some(b'x')) | (8, Some(b'o')) | (2, Some(b'b'))
        );
    if has_prefix {
        s = &s[2..];
        // One underscore may follow the prefix: "0x_ff".
        if s.first() == Some(&b'_') {
            s = &s[1..];
        }
    }
    let digits = collect_digits(s, base)?;
    Some(IntLiteral {
        negative,
        base,
        digits,
        must_be_zero,
    })
}

/// Digit values with single underscores between digits removed; `None` for
/// an empty run, a leading, doubled or trailing underscore, or a stray byte.
fn collect_digits(s: &[u8], base: u32) -> Option<Vec<u8>> {
    let mut digits = Vec::with_capacity(s.len());
    let mut prev_underscore = true; // a leading underscore is invalid
    for &b in s {
        if b == b'_' {
            if prev_underscore {
                return None;
            }
            prev_underscore = true;
        } else {
            let d = digit_value(b);
            if d >= base {
                return None;
            }
            digits.push(d as u8);
            prev_underscore = false;
        }
    }
    if prev_underscore {
        return None;
    }
    Some(digits)
}

fn digits_to_int(digits: &[u8], base: u32) -> Option<IntValue> {
    let mut acc: i64 = 0;
    for &d in digits {
        match acc
            .checked_mul(base as i64)
            .and_then(|a| a.checked_add(d as i64))
        {
            Some(next) => acc = next,
            None => {
                let big = BigInt::from_radix_be(num_bigint::Sign::Plus, digits, base)?;
                return Some(IntValue::from_bigint(big));
            }
        }
    }
    Some(IntValue::Small(acc))
}

fn negate(v: IntValue) -> IntValue {
    match v {
        IntValue::Small(x) => match x.checked_neg() {
            Some(n) => IntValue::Small(n),
            None => IntValue::from_bigint(-BigInt::from(x)),
        },
        IntValue::Big(b) => IntValue::from_bigint(-b),
    }
}

/// Removes underscores, which `float()` accepts only between two digits.
fn remove_float_underscores(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut prev = 0u8;
    for &c in text {
        if c == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    if prev == b'_' {
        return None;
    }
    Some(out)
}

/// Parses an optional sign followed by `inf`, `infinity` or `nan` (any case).
pub(crate) fn parse_inf_or_nan(s: &[u8]) -> Option<f64> {
    let (negative, rest) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let word = rest.to_ascii_lowercase();
    let value = match word.as_slice() {
        b"inf" | b"infinity" => f64::INFINITY,
        b"nan" => f64::NAN,
        _ => return None,
    };
    Some(if negative { -value } else { value })
}

/// A decimal float literal after whitespace and underscores are gone:
/// `[sign] (digits [. digits] | . digits) [(e|E) [sign] digits]`, or inf/nan.
fn parse_float_ascii(s: &[u8]) -> Option<f64> {
    if let Some(v) = parse_inf_or_nan(s) {
        return Some(v);
    }
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    let mut mantissa_digits = i - int_start;
    if i < s.len() && s[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        mantissa_digits += i - frac_start;
    }
    if mantissa_digits == 0 {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != s.len() {
        return None;
    }
    // The syntax is checked above; std's parser is correctly rounded and
    // accepts this subset of its grammar.
    std::str::from_utf8(s).ok()?.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str, base: u32) -> Option<String> {
        parse_int(s, base).ok().map(|v| v.to_string())
    }

    #[test]
    fn int_literals() {
        let ok: &[(&str, u32, &str)] = &[
            ("0x1f", 0, "31"),
            ("z", 36, "35"),
            ("1_000", 10, "1000"),
            ("  -17 ", 10, "-17"),
            ("0_0", 0, "0"),
            ("00", 0, "0"),
            ("0x_1", 0, "1"),
            ("0x_1", 16, "1"),
            ("0o17", 8, "15"),
            ("0x1f", 16, "31"),
            ("0b1", 16, "177"),
            ("\u{661}\u{662}\u{663}", 10, "123"),
            ("\u{2003} 12\u{3000}", 10, "12"),
            ("\u{85}12", 10, "12"),
            ("1\u{662}", 0, "12"),
            ("0x\u{661}", 0, "1"),
            ("\u{660}x1", 0, "1"),
            ("\u{660}\u{661}", 10, "1"),
            ("+0B1_0", 0, "2"),
            ("-0O7", 0, "-7"),
            ("9223372036854775807", 10, "9223372036854775807"),
            ("-9223372036854775808", 10, "-9223372036854775808"),
            ("9223372036854775808", 10, "9223372036854775808"),
            (
                "-ffffffffffffffffffffffff",
                16,
                "-79228162514264337593543950335",
            ),
            ("1", 2, "1"),
            ("Zz", 36, "1295"),
        ];
        for &(s, base, want) in ok {
            assert_eq!(int(s, base).as_deref(), Some(want), "int({s:?}, {base})");
        }
        let bad: &[(&str, u32)] = &[
            ("010", 0),
            ("0b", 0),
            ("1_", 10),
            ("0x1f", 10),
            ("1__0", 10),
            ("+_1", 10),
            ("_1", 10),
            ("", 10),
            ("  ", 10),
            ("- 1", 10),
            ("+-1", 10),
            ("\u{1c}12", 10),
            ("12\u{1c}", 0),
            ("1\u{0}2", 10),
            ("\u{660}\u{661}", 0),
            ("0x__1", 0),
            ("0x", 16),
            ("2", 2),
            ("1", 1),
            ("1", 37),
            ("\u{e9}", 10),
            ("1.0", 10),
            ("0x1", 8),
        ];
        for &(s, base) in bad {
            assert_eq!(int(s, base), None, "int({s:?}, {base})");
        }
        assert!(matches!(
            parse_int("9223372036854775808", 10),
            Ok(IntValue::Big(_))
        ));
        assert!(matches!(
            parse_int("-9223372036854775808", 10),
            Ok(IntValue::Small(i64::MIN))
        ));
    }

    #[test]
    fn digit_limit() {
        // CPython 3.13 with the default limit of 4300 digits.
        let limited = |s: &str, base| parse_int_with_limit(s, base, 4300).map(|v| v.to_string());
        let too_many = |digits| {
            Err(ParseIntError::TooManyDigits {
                limit: 4300,
                digits,
            })
        };
        assert_eq!(
            limited(&format!("  {}", "1".repeat(4301)), 10),
            too_many(4301)
        );
        assert_eq!(limited(&"0".repeat(4301), 0), too_many(4301));
        assert_eq!(
            limited(&format!("{}1", "1_".repeat(4301)), 10),
            too_many(4302)
        );
        assert_eq!(
            limited(&format!("{}x", "1".repeat(5000)), 10),
            Err(ParseIntError::Invalid)
        );
        assert!(limited(&"1".repeat(4300), 10).is_ok());
        assert!(limited(&"f".repeat(5000), 16).is_ok());
        assert!(parse_int_with_limit(&"1".repeat(5000), 10, 0).is_ok());
    }

    #[test]
    fn float_literals() {
        let ok: &[(&str, f64)] = &[
            ("1_0.5", 10.5), ("\u{661}.\u{665}", 1.5), ("+InFiNiTy", f64::INFINITY),
            ("-inf", f64::NEG_INFINITY), ("1e999999999999999999999", f64::INFINITY),
            ("1.e5", 100000.0), (" .5 ", 0.5), ("1e-999999999999999", 0.0), ("1_0e1_0", 1e11),
            ("0.1", 0.1), ("2.2250738585072011e-308", 2.225073858507201e-308),
            ("\u{85}12", 12.0), ("-0", -0.0), ("1E+2", 100.0),
            ("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792", f64::INFINITY),
            ("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791", f64::MAX),
        ];
        for &(s, want) in ok {
            let got = parse_float(s);
            assert_eq!(got.map(f64::to_bits), Some(want.to_bits()), "float({s:?})");
        }
        assert!(parse_float("-nan").is_some_and(f64::is_nan));
        assert!(parse_float("NaN").is_some_and(f64::is_nan));
        for s in [
            "1_.5", "1._5", "1e", ".", "inf_", "0x10", "infinit", "nan(1)", "", " ", "_1", "1_",
            "1__0", "e5", "1e+", "--1", "+ 1", "1.5.", "\u{1c}1", "in f", "1\u{0}", "1d5", "1f",
        ] {
            assert_eq!(parse_float(s), None, "float({s:?})");
        }
    }
}
