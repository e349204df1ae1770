//! Float to text, as CPython's `PyOS_double_to_string`: `repr(float)` (the
//! shortest digits that round-trip, from `ryu`), and the `e`/`f`/`g` styles
//! of `%`-formatting and `format()`, correctly rounded (std's exact
//! formatting supplies the digits), with Python's layout rules.

/// How to choose the digits and place the decimal point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatStyle {
    /// `e`: one digit, the point, `precision` digits, an exponent.
    Exp,
    /// `f`: `precision` digits after the point, never an exponent.
    Fixed,
    /// `g`: `precision` significant digits, exponent form when the exponent
    /// is < -4 or >= precision, trailing zeros removed (unless alternate).
    General,
    /// `repr`: shortest round-trip digits, exponent form when the exponent
    /// is < -4 or >= 16; the precision is ignored.
    Repr,
}

/// Modifiers of `FloatStyle` (CPython's `Py_DTSF_*` flags).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FloatFlags {
    /// `#`: keep the decimal point (and, for `g`, trailing zeros).
    pub alternate: bool,
    /// Append `.0` when the result would look like an integer.
    pub add_dot_0: bool,
    /// `E`, `F`, `G`: upper-case `E`, `INF`, `NAN`.
    pub upper: bool,
    /// `z`: a result that rounds to zero loses its minus sign.
    pub no_neg_zero: bool,
    /// Always write a sign (`+` for non-negative numbers, nan included).
    pub sign: bool,
}

/// `repr(x)` / `str(x)` for a float.
pub fn float_repr(x: f64) -> String {
    let flags = FloatFlags {
        add_dot_0: true,
        ..FloatFlags::default()
    };
    float_to_string(x, FloatStyle::Repr, 0, flags)
}

/// `'%.*f' % x`.
pub fn float_to_string_fixed(x: f64, precision: usize) -> String {
    float_to_string(x, FloatStyle::Fixed, precision, FloatFlags::default())
}

/// `'%.*e' % x` (`%.*E` when `upper`), exponent with at least two digits.
pub fn float_to_string_exp(x: f64, precision: usize, upper: bool) -> String {
    let flags = FloatFlags {
        upper,
        ..FloatFlags::default()
    };
    float_to_string(x, FloatStyle::Exp, precision, flags)
}

/// `'%.*g' % x` (`%#.*G` etc. through `upper` and `alternate`).
pub fn float_to_string_general(x: f64, precision: usize, upper: bool, alternate: bool) -> String {
    let flags = FloatFlags {
        upper,
        alternate,
        ..FloatFlags::default()
    };
    float_to_string(x, FloatStyle::General, precision, flags)
}

/// `repr(complex(re, im))`: `2j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let plain = FloatFlags::default();
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", float_to_string(im, FloatStyle::Repr, 0, plain));
    }
    let signed = FloatFlags {
        sign: true,
        ..plain
    };
    format!(
        "({}{}j)",
        float_to_string(re, FloatStyle::Repr, 0, plain),
        float_to_string(im, FloatStyle::Repr, 0, signed)
    )
}

/// Decimal digits `d1 d2 ...` (no trailing zeros, "0" for zero) and the
/// position of the point: the value is `0.d1d2... * 10**decpt`.
struct Digits {
    digits: Vec<u8>,
    decpt: i64,
}

impl Digits {
    /// From a plain decimal rendering such as "0.00123", "1.5e-7" or "120".
    fn from_decimal_text(text: &str) -> Digits {
        let (mantissa, exp) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i64>().unwrap_or(0)),
            None => (text, 0),
        };
        let int_len = mantissa.find('.').unwrap_or(mantissa.len()) as i64;
        let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        let leading = digits.iter().take_while(|&&d| d == b'0').count();
        digits.drain(..leading);
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        if digits.is_empty() {
            return Digits {
                digits: vec![b'0'],
                decpt: 1,
            };
        }
        Digits {
            digits,
            decpt: int_len - leading as i64 + exp,
        }
    }

    fn is_zero(&self) -> bool {
        self.digits == [b'0']
    }
}

/// The core of every float-to-text conversion here. `x` may be any double.
pub fn float_to_string(x: f64, style: FloatStyle, precision: usize, flags: FloatFlags) -> String {
    if x.is_nan() {
        let body = if flags.upper { "NAN" } else { "nan" };
        return if flags.sign {
            format!("+{body}")
        } else {
            body.to_string()
        };
    }
    let mut negative = x.is_sign_negative();
    if x.is_infinite() {
        let body = if flags.upper { "INF" } else { "inf" };
        return format!("{}{body}", sign_text(negative, flags.sign));
    }
    let ax = x.abs();
    // A double's exact decimal expansion has at most 767 significant digits
    // and 1074 after the point, so past that every digit asked for is a zero
    // that `lay_out` adds; std also rejects precisions above u16::MAX.
    let exact = precision.min(1100);
    let digits = match style {
        Style::Exp => Digits::from_decimal_text(&format!("{:.*e}", exact, ax)),
        Style::Fixed => Digits::from_decimal_text(&format!("{:.*}", exact, ax)),
        Style::General => Digits::from_decimal_text(&format!("{:.*e}", exact.max(1) - 1, ax)),
        Style::Repr => Digits::from_decimal_text(ryu::Buffer::new().format_finite(ax)),
    };
    if flags.no_neg_zero && digits.is_zero() {
        negative = false;
    }
    let mut out = sign_text(negative, flags.sign).to_string();
    lay_out(&mut out, &digits, style, precision, flags);
    out
}

use FloatStyle as Style;

fn sign_text(negative: bool, always: bool) -> &'static str {
    match (negative, always) {
        (true, _) => "-",
        (false, true) => "+",
        (false, false) => "",
    }
}

/// Places the point, pads with zeros and adds the exponent, following the
/// rules of CPython's `format_float_short`.
fn lay_out(out: &mut String, d: &Digits, style: Style, precision: usize, flags: FloatFlags) {
    let digits_len = d.digits.len() as i64;
    let precision = precision.min(i64::MAX as usize / 4) as i64;
    let mut decpt = d.decpt;
    // Digits to show, counted from the first significant one (may exceed
    // the digits we have: the rest are zeros).
    let mut shown_end = digits_len;
    let mut use_exp = false;
    match style {
        Style::Exp => {
            use_exp = true;
            shown_end = precision + 1;
        }
        Style::Fixed => shown_end = decpt + precision,
        Style::General => {
            let p = precision.max(1);
            let limit = if flags.add_dot_0 { p - 1 } else { p };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alternate {
                shown_end = p;
            }
        }
        Style::Repr => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    // Keep the point inside the shown range: shown_start < decpt <= shown_end
    // (strictly below when ".0" is to be added).
    let shown_start = if decpt <= 0 { decpt - 1 } else { 0 };
    let floor = if !use_exp && flags.add_dot_0 {
        decpt + 1
    } else {
        decpt
    };
    shown_end = shown_end.max(floor).max(digits_len);

    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    if decpt <= 0 {
        zeros(out, decpt - shown_start);
        out.push('.');
        zeros(out, -decpt);
    } else {
        zeros(out, -shown_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&text(&d.digits[..decpt as usize]));
        out.push('.');
        out.push_str(&text(&d.digits[decpt as usize..]));
    } else {
        out.push_str(&text(&d.digits));
    }
    if digits_len < decpt {
        zeros(out, decpt - digits_len);
        out.push('.');
        zeros(out, shown_end - decpt);
    } else {
        zeros(out, shown_end - digits_len);
    }
    if out.ends_with('.') && !flags.alternate {
        out.pop();
    }
    if use_exp {
        let e = if flags.upper { 'E' } else { 'e' };
        let s = if exp < 0 { '-' } else { '+' };
        out.push_str(&format!("{e}{s}{:02}", exp.unsigned_abs()));
    }
}

#[cfg(test)]
mod tests;
