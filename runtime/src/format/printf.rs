//! printf-style formatting (`"%5.2f" % x`): parsing the format string into
//! literal pieces and conversion specs, and rendering one converted value.
//! The caller walks the arguments (tuple or mapping), calls `str()`/`repr()`
//! for `s`/`r`/`a`, and raises the TypeErrors about argument types.

use super::float_repr::{float_to_string, FloatFlags, FloatStyle};
use crate::num::{int_to_str_radix, IntRef};

/// A width or precision: written in the format, or `*` (taken from the
/// arguments; a negative `*` width means left-justify, a negative `*`
/// precision means 0, as in CPython).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Star {
    Num(usize),
    FromArgs,
}

/// One `%` conversion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintfSpec {
    /// `%(key)s`
    pub key: Option<String>,
    /// `-`
    pub left: bool,
    /// `+`
    pub plus: bool,
    /// ` `
    pub space: bool,
    /// `#`
    pub alternate: bool,
    /// `0`
    pub zero: bool,
    pub width: Option<Star>,
    pub precision: Option<Star>,
    /// The conversion character: one of `s r a c d i u o x X e E f F g G`.
    pub conv: char,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrintfPiece {
    /// Text copied as is (`%%` already turned into `%`).
    Literal(String),
    Spec(PrintfSpec),
}

/// A parse error. CPython reports errors as it goes, so the pieces before
/// the error are still formatted first (and may fail on their own, e.g.
/// "not enough arguments for format string").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintfError {
    /// The ValueError message.
    pub message: String,
    /// For "unsupported format character" only: the spec up to that
    /// character. CPython fetches its key, `*` arguments and value before
    /// raising, so a missing argument is reported first.
    pub spec: Option<PrintfSpec>,
    /// For the other errors, the spec as far as it was parsed (`None` when
    /// nothing was). Before raising, CPython has already required a mapping
    /// if `key` is set ("format requires a mapping") and looked the key up
    /// (except for "incomplete format key"), and fetched each `*` width or
    /// precision; it has not fetched the value.
    pub partial: Option<PrintfSpec>,
}

/// Parses a printf-style format; Err with CPython's message for the first
/// error ("incomplete format", "unsupported format character 'y' (0x79) at
/// index 3", ...).
pub fn parse_printf(fmt: &str) -> Result<Vec<PrintfPiece>, String> {
    match parse_printf_partial(fmt) {
        (pieces, None) => Ok(pieces),
        (_, Some(err)) => Err(err.message),
    }
}

const CONVERSIONS: &str = "sracdiuoxXeEfFgG";

/// Like `parse_printf`, but also returns the pieces before an error so the
/// caller can reproduce CPython's error order.
pub fn parse_printf_partial(fmt: &str) -> (Vec<PrintfPiece>, Option<PrintfError>) {
    let chars: Vec<char> = fmt.chars().collect();
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            literal.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'%') {
            literal.push('%');
            i += 1;
            continue;
        }
        if !literal.is_empty() {
            pieces.push(PrintfPiece::Literal(std::mem::take(&mut literal)));
        }
        match parse_spec(&chars, &mut i) {
            Ok(spec) => pieces.push(PrintfPiece::Spec(spec)),
            Err(SpecError::Message(m, partial)) => {
                let message = m.to_string();
                return (
                    pieces,
                    Some(PrintfError {
                        message,
                        spec: None,
                        partial,
                    }),
                );
            }
            Err(SpecError::Unsupported(spec, index)) => {
                let c = spec.conv;
                let shown = if (31..=126).contains(&(c as u32)) {
                    c
                } else {
                    '?'
                };
                let message = format!(
                    "unsupported format character '{shown}' (0x{:x}) at index {index}",
                    c as u32
                );
                return (
                    pieces,
                    Some(PrintfError {
                        message,
                        spec: Some(spec),
                        partial: None,
                    }),
                );
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(PrintfPiece::Literal(literal));
    }
    (pieces, None)
}

enum SpecError {
    Message(&'static str, Option<PrintfSpec>),
    Unsupported(PrintfSpec, usize),
}

/// Parses one spec; `i` starts after the `%` and ends after the conversion.
fn parse_spec(chars: &[char], i: &mut usize) -> Result<PrintfSpec, SpecError> {
    let mut spec = PrintfSpec {
        key: None,
        left: false,
        plus: false,
        space: false,
        alternate: false,
        zero: false,
        width: None,
        precision: None,
        conv: '\0',
    };
    if chars.get(*i) == Some(&'(') {
        let start = *i + 1;
        let mut depth = 1;
        let mut j = start;
        while depth > 0 && j < chars.len() {
            match chars[j] {
                ')' => depth -= 1,
                '(' => depth += 1,
                _ => {}
            }
            j += 1;
        }
        if depth > 0 {
            spec.key = Some(chars[start..].iter().collect());
            return Err(SpecError::Message("incomplete format key", Some(spec)));
        }
        spec.key = Some(chars[start..j - 1].iter().collect());
        *i = j;
    }
    while let Some(&c) = chars.get(*i) {
        match c {
            '-' => spec.left = true,
            '+' => spec.plus = true,
            ' ' => spec.space = true,
            '#' => spec.alternate = true,
            '0' => spec.zero = true,
            _ => break,
        }
        *i += 1;
    }
    spec.width = parse_star(chars, i, isize::MAX as usize)
        .map_err(|()| SpecError::Message("width too big", Some(spec.clone())))?;
    if chars.get(*i) == Some(&'.') {
        *i += 1;
        let precision = parse_star(chars, i, i32::MAX as usize)
            .map_err(|()| SpecError::Message("precision too big", Some(spec.clone())))?;
        spec.precision = Some(precision.unwrap_or(Star::Num(0)));
    }
    if matches!(chars.get(*i), Some('h' | 'l' | 'L')) {
        *i += 1;
    }
    let Some(&conv) = chars.get(*i) else {
        return Err(SpecError::Message("incomplete format", Some(spec)));
    };
    spec.conv = conv;
    *i += 1;
    if !CONVERSIONS.contains(conv) {
        return Err(SpecError::Unsupported(spec, *i - 1));
    }
    Ok(spec)
}

/// A number or `*`; Err(()) when the number exceeds `max`.
fn parse_star(chars: &[char], i: &mut usize, max: usize) -> Result<Option<Star>, ()> {
    if chars.get(*i) == Some(&'*') {
        *i += 1;
        return Ok(Some(Star::FromArgs));
    }
    let mut value: Option<usize> = None;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        let v = value.unwrap_or(0);
        if v > (max - d as usize) / 10 {
            return Err(());
        }
        value = Some(v * 10 + d as usize);
        *i += 1;
    }
    Ok(value.map(Star::Num))
}

/// Pads a number: `sign` and `prefix` go before the zero padding ('0'
/// flag) or after the space padding.
fn pad_number(
    sign: &str,
    prefix: &str,
    digits: &str,
    spec: &PrintfSpec,
    width: Option<usize>,
) -> String {
    let len = sign.len() + prefix.len() + digits.chars().count();
    let free = width.unwrap_or(0).saturating_sub(len);
    let mut out = String::with_capacity(len + free);
    if spec.left {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(digits);
        out.extend(std::iter::repeat_n(' ', free));
    } else if spec.zero {
        out.push_str(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', free));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', free));
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(digits);
    }
    out
}

fn sign_for(negative: bool, spec: &PrintfSpec) -> &'static str {
    if negative {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    }
}

/// `%d %i %u %o %x %X` of an int; `precision` is the minimum digit count.
pub fn printf_int(
    v: IntRef,
    spec: &PrintfSpec,
    width: Option<usize>,
    precision: Option<usize>,
) -> String {
    let (radix, prefix) = match spec.conv {
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let text = int_to_str_radix(v, radix);
    let mut digits = text.trim_start_matches('-').to_string();
    if spec.conv == 'X' {
        digits.make_ascii_uppercase();
    }
    let min_digits = precision.unwrap_or(0);
    if digits.len() < min_digits {
        digits.insert_str(0, &"0".repeat(min_digits - digits.len()));
    }
    let prefix = if spec.alternate { prefix } else { "" };
    pad_number(
        sign_for(v.is_negative(), spec),
        prefix,
        &digits,
        spec,
        width,
    )
}

/// `%e %E %f %F %g %G` of a float (precision 6 when absent).
pub fn printf_float(
    x: f64,
    spec: &PrintfSpec,
    width: Option<usize>,
    precision: Option<usize>,
) -> String {
    let style = match spec.conv {
        'e' | 'E' => FloatStyle::Exp,
        'f' | 'F' => FloatStyle::Fixed,
        _ => FloatStyle::General,
    };
    let flags = FloatFlags {
        alternate: spec.alternate,
        upper: matches!(spec.conv, 'E' | 'F' | 'G'),
        ..FloatFlags::default()
    };
    let text = float_to_string(x, style, precision.unwrap_or(6), flags);
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    pad_number(sign_for(negative, spec), "", body, spec, width)
}

/// `%s %r %a %c` of already converted text: precision truncates (not for
/// `%c`), width pads with spaces (on the right with `-`).
pub fn printf_pad(
    s: &str,
    spec: &PrintfSpec,
    width: Option<usize>,
    precision: Option<usize>,
) -> String {
    let mut body = s;
    if spec.conv != 'c' {
        if let Some(p) = precision {
            if let Some((end, _)) = s.char_indices().nth(p) {
                body = &s[..end];
            }
        }
    }
    let len = body.chars().count();
    let free = width.unwrap_or(0).saturating_sub(len);
    let fill = " ".repeat(free);
    if spec.left {
        format!("{body}{fill}")
    } else {
        format!("{fill}{body}")
    }
}

#[cfg(test)]
mod tests;
