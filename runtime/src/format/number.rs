//! `int.__format__`, `float.__format__` and `complex.__format__`: the
//! numeric presentation types and CPython's number layout
//! (`[lpad][sign][prefix][spad][grouped digits][remainder][rpad]`).

use super::float_repr::{float_to_string, FloatFlags, FloatStyle};
use super::spec::{
    check_grouping, pad, padding, unknown_format_code, FormatSpec, Grouping, MEMORY_ERROR,
};
use crate::num::{int_to_f64, int_to_str_radix, IntRef};

/// OverflowError messages the numeric formatters can return (every other
/// message is a ValueError, or MemoryError for `spec::MEMORY_ERROR`).
pub const CHAR_RANGE_ERROR: &str = "%c arg not in range(0x110000)";
pub const INT_TOO_LARGE_FOR_C_LONG: &str = "Python int too large to convert to C long";
pub const INT_TOO_LARGE_FOR_FLOAT: &str = "int too large to convert to float";

/// The exception a formatting error message belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatErrorKind {
    ValueError,
    OverflowError,
    MemoryError,
}

/// Classifies a message returned by the `format_*` functions.
pub fn format_error_kind(message: &str) -> FormatErrorKind {
    match message {
        CHAR_RANGE_ERROR | INT_TOO_LARGE_FOR_C_LONG | INT_TOO_LARGE_FOR_FLOAT => {
            FormatErrorKind::OverflowError
        }
        MEMORY_ERROR => FormatErrorKind::MemoryError,
        _ => FormatErrorKind::ValueError,
    }
}

/// A number split the way the layout needs it.
struct NumberParts<'a> {
    negative: bool,
    /// "0x" and the like (after the sign, before any zero padding).
    prefix: &'a str,
    /// ASCII digits of the integer part: grouped and zero-padded.
    digits: &'a str,
    /// Everything after the integer digits: ".5e+10", "%", "inf", or a 'c'
    /// character; copied as is.
    remainder: &'a str,
}

/// The layout options that come from the spec.
struct Layout {
    fill: char,
    align: char,
    sign: Option<char>,
    width: Option<usize>,
    grouping: Option<Grouping>,
}

impl Layout {
    fn from_spec(spec: &FormatSpec, grouping: Option<Grouping>) -> Layout {
        let default_align = if spec.zero_pad { '=' } else { '>' };
        Layout {
            fill: spec.fill,
            align: spec.align.unwrap_or(default_align),
            sign: spec.sign,
            width: spec.width,
            grouping,
        }
    }
}

fn lay_out_number(parts: &NumberParts, layout: &Layout) -> Result<String, String> {
    let sign = match (parts.negative, layout.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    let count = |s: &str| s.chars().count();
    let fixed = sign.len() + parts.prefix.len() + count(parts.remainder);
    let width = layout.width.unwrap_or(0);
    // With '0' fill and '=' alignment the padding zeros join the digits,
    // separators included.
    let min_width = if layout.fill == '0' && layout.align == '=' {
        width.saturating_sub(fixed)
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        group_digits(parts.digits, min_width, layout.grouping)?
    };
    let mut body = String::new();
    body.try_reserve(fixed + grouped.len())
        .map_err(|_| MEMORY_ERROR)?;
    let used = fixed + count(&grouped);
    let (left, right, inner) = if layout.align == '=' {
        (0, 0, width.saturating_sub(used))
    } else {
        let (l, r) = padding(used, layout.width, layout.align);
        (l, r, 0)
    };
    body.push_str(sign);
    body.push_str(parts.prefix);
    body.push_str(&pad("", layout.fill, inner, 0)?);
    body.push_str(&grouped);
    body.push_str(parts.remainder);
    pad(&body, layout.fill, left, right)
}

/// Inserts separators into `digits` (every `size` from the right), padding
/// with leading zeros until the result is at least `min_width` long. A
/// separator never starts the result: the zeros grow a group instead.
fn group_digits(
    digits: &str,
    min_width: usize,
    grouping: Option<Grouping>,
) -> Result<String, String> {
    let Some(Grouping { sep, size }) = grouping else {
        return pad(digits, '0', min_width.saturating_sub(digits.len()), 0);
    };
    // Digits, zeros and separators are ASCII: build the text backwards.
    let estimate = min_width
        .max(digits.len() + digits.len() / size)
        .saturating_add(size + 1);
    let mut reversed: Vec<u8> = Vec::new();
    reversed
        .try_reserve_exact(estimate)
        .map_err(|_| MEMORY_ERROR)?;
    let mut remaining = digits.as_bytes();
    let mut min_width = min_width as i128;
    loop {
        let l = (size as i128).min((remaining.len() as i128).max(min_width).max(1)) as usize;
        let n_chars = remaining.len().min(l);
        let (rest, group) = remaining.split_at(remaining.len() - n_chars);
        reversed.extend(group.iter().rev());
        reversed.extend(std::iter::repeat_n(b'0', l - n_chars));
        remaining = rest;
        min_width -= l as i128;
        if remaining.is_empty() && min_width <= 0 {
            break;
        }
        min_width -= 1; // the separator
        reversed.push(sep as u8);
    }
    reversed.reverse();
    Ok(String::from_utf8_lossy(&reversed).into_owned())
}

/// `format(v, spec)` for int.
pub fn format_int(v: IntRef, spec: &FormatSpec) -> Result<String, String> {
    format_int_as(v, spec, "int")
}

/// `format_int` for an object of type `type_name` (bool, an int subclass).
pub fn format_int_as(v: IntRef, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = spec.ty.unwrap_or('d');
    let grouping = check_grouping(spec.grouping, ty)?;
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = int_to_f64(v).ok_or(INT_TOO_LARGE_FOR_FLOAT)?;
            return format_float_as(x, spec, type_name);
        }
        _ => return Err(unknown_format_code(ty, type_name)),
    }
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_zero {
        return Err(
            "Negative zero coercion (z) not allowed in integer format specifier".to_string(),
        );
    }
    let layout = Layout::from_spec(spec, grouping);
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if spec.alternate {
            return Err(
                "Alternate form (#) not allowed with integer format specifier 'c'".to_string(),
            );
        }
        let code = v.to_i64().ok_or(INT_TOO_LARGE_FOR_C_LONG)?;
        if !(0..=0x10ffff).contains(&code) {
            return Err(CHAR_RANGE_ERROR.to_string());
        }
        // A lone surrogate cannot live in a Rust string.
        let c = char::from_u32(code as u32).unwrap_or('\u{fffd}');
        let text = c.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            remainder: &text,
        };
        return lay_out_number(&parts, &layout);
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let text = int_to_str_radix(v, radix);
    let mut digits = text.trim_start_matches('-').to_string();
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let parts = NumberParts {
        negative: v.is_negative(),
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        remainder: "",
    };
    lay_out_number(&parts, &layout)
}

/// CPython rejects float precisions above `INT_MAX`.
fn check_precision(precision: Option<usize>) -> Result<(), String> {
    match precision {
        Some(p) if p > i32::MAX as usize => Err("precision too big".to_string()),
        _ => Ok(()),
    }
}

/// The text of one float for a presentation type (`None` = no type), sign
/// included, without padding.
fn float_text(
    x: f64,
    ty: Option<char>,
    spec: &FormatSpec,
    add_dot_0: bool,
    always_sign: bool,
) -> String {
    let mut flags = FloatFlags {
        alternate: spec.alternate,
        add_dot_0: false,
        upper: matches!(ty, Some('E' | 'F' | 'G')),
        no_neg_zero: spec.no_neg_zero,
        sign: always_sign,
    };
    let precision = spec.precision.unwrap_or(6);
    match ty {
        None => {
            flags.add_dot_0 = add_dot_0;
            match spec.precision {
                None => float_to_string(x, FloatStyle::Repr, 0, flags),
                Some(p) => float_to_string(x, FloatStyle::General, p, flags),
            }
        }
        Some('e' | 'E') => float_to_string(x, FloatStyle::Exp, precision, flags),
        Some('f' | 'F') => float_to_string(x, FloatStyle::Fixed, precision, flags),
        Some('%') => {
            let mut s = float_to_string(x * 100.0, FloatStyle::Fixed, precision, flags);
            s.push('%');
            s
        }
        _ => float_to_string(x, FloatStyle::General, precision, flags), // g G n
    }
}

/// Splits formatted float text into sign, integer digits and the rest.
fn split_number(text: &str) -> (bool, &str, &str) {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    (negative, &body[..end], &body[end..])
}

/// `format(x, spec)` for float.
pub fn format_float(x: f64, spec: &FormatSpec) -> Result<String, String> {
    format_float_as(x, spec, "float")
}

/// `format_float` for an object of type `type_name`.
pub fn format_float_as(x: f64, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let grouping = check_grouping(spec.grouping, spec.ty.unwrap_or('\0'))?;
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(ty) => return Err(unknown_format_code(ty, type_name)),
    }
    check_precision(spec.precision)?;
    let text = float_text(x, spec.ty, spec, true, false);
    let (negative, digits, remainder) = split_number(&text);
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        remainder,
    };
    lay_out_number(&parts, &Layout::from_spec(spec, grouping))
}

/// `format(complex(re, im), spec)`.
pub fn format_complex(re: f64, im: f64, spec: &FormatSpec) -> Result<String, String> {
    format_complex_as(re, im, spec, "complex")
}

/// `format_complex` for an object of type `type_name`.
pub fn format_complex_as(
    re: f64,
    im: f64,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, String> {
    let grouping = check_grouping(spec.grouping, spec.ty.unwrap_or('\0'))?;
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {}
        Some(ty) => return Err(unknown_format_code(ty, type_name)),
    }
    check_precision(spec.precision)?;
    if spec.fill == '0' {
        return Err("Zero padding is not allowed in complex format specifier".to_string());
    }
    if spec.align == Some('=') {
        return Err("'=' alignment flag is not allowed in complex format specifier".to_string());
    }
    // With no type, it reads like repr(): no real part when it is +0,
    // parentheses otherwise.
    let bare = spec.ty.is_none();
    let skip_re = bare && re == 0.0 && re.is_sign_positive();
    let parens = bare && !skip_re;
    let unpadded = Layout {
        fill: ' ',
        align: '<',
        sign: spec.sign,
        width: None,
        grouping,
    };
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        let text = float_text(re, spec.ty, spec, false, false);
        body.push_str(&lay_out_split(&text, &unpadded)?);
    }
    let im_layout = Layout {
        sign: if skip_re { spec.sign } else { Some('+') },
        ..unpadded
    };
    let text = float_text(im, spec.ty, spec, false, false);
    body.push_str(&lay_out_split(&text, &im_layout)?);
    body.push('j');
    if parens {
        body.push(')');
    }
    let (left, right) = padding(body.chars().count(), spec.width, spec.align.unwrap_or('>'));
    pad(&body, spec.fill, left, right)
}

fn lay_out_split(text: &str, layout: &Layout) -> Result<String, String> {
    let (negative, digits, remainder) = split_number(text);
    lay_out_number(
        &NumberParts {
            negative,
            prefix: "",
            digits,
            remainder,
        },
        layout,
    )
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_float;
