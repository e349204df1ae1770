//! The format-spec mini-language of `format()`, f-strings and `str.format`:
//! `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`,
//! and `str.__format__`. Numbers are formatted in `number.rs`.

use crate::num::parse::unicode_decimal_value;

/// A parsed format spec. Absent parts are `None`/`false`; `fill` is ' '
/// unless given (or '0' when the `0` flag was used without an explicit fill).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: Option<char>,
    pub sign: Option<char>,
    /// `z`: coerce negative zero to positive zero after rounding.
    pub no_neg_zero: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// The `0` flag appeared without an explicit fill: pad with '0' and, for
    /// numbers without an explicit alignment, align with '='.
    pub zero_pad: bool,
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

impl Default for FormatSpec {
    fn default() -> FormatSpec {
        FormatSpec {
            fill: ' ',
            align: None,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            ty: None,
        }
    }
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// CPython limits widths to `Py_ssize_t`.
const MAX_WIDTH: usize = isize::MAX as usize;
pub(crate) const TOO_MANY_DIGITS: &str = "Too many decimal digits in format string";

impl FormatSpec {
    /// Parses `spec`; `type_name` (the object's type, e.g. "int") only
    /// appears in the "Invalid format specifier" message. Checks that depend
    /// on the type (grouping with the presentation type, sign with strings
    /// ...) are done by the `format_*` functions, in CPython's order.
    pub fn parse(spec: &str, type_name: &str) -> Result<FormatSpec, String> {
        let chars: Vec<char> = spec.chars().collect();
        let mut out = FormatSpec::default();
        let mut pos = 0;
        let mut fill_given = false;
        if chars.len() >= 2 && is_align(chars[1]) {
            out.fill = chars[0];
            out.align = Some(chars[1]);
            fill_given = true;
            pos = 2;
        } else if chars.first().copied().is_some_and(is_align) {
            out.align = Some(chars[0]);
            pos = 1;
        }
        let at = |pos: usize| chars.get(pos).copied();
        if let Some(c @ ('+' | '-' | ' ')) = at(pos) {
            out.sign = Some(c);
            pos += 1;
        }
        if at(pos) == Some('z') {
            out.no_neg_zero = true;
            pos += 1;
        }
        if at(pos) == Some('#') {
            out.alternate = true;
            pos += 1;
        }
        if !fill_given && at(pos) == Some('0') {
            out.fill = '0';
            out.zero_pad = true;
            pos += 1;
        }
        let (width, used) = parse_count(&chars[pos..])?;
        out.width = (used > 0).then_some(width);
        pos += used;
        if at(pos) == Some(',') {
            out.grouping = Some(',');
            pos += 1;
        }
        if at(pos) == Some('_') {
            if out.grouping.is_some() {
                return Err("Cannot specify both ',' and '_'.".to_string());
            }
            out.grouping = Some('_');
            pos += 1;
        }
        if at(pos) == Some(',') && out.grouping == Some('_') {
            return Err("Cannot specify both ',' and '_'.".to_string());
        }
        if at(pos) == Some('.') {
            pos += 1;
            let (precision, used) = parse_count(&chars[pos..])?;
            if used == 0 {
                return Err("Format specifier missing precision".to_string());
            }
            out.precision = Some(precision);
            pos += used;
        }
        match chars.len() - pos {
            0 => {}
            1 => out.ty = Some(chars[pos]),
            _ => {
                return Err(format!(
                    "Invalid format specifier '{spec}' for object of type '{}'",
                    clip_name(type_name)
                ))
            }
        }
        Ok(out)
    }

    /// True for the spec of `format(x, "")`, which means `str(x)`.
    pub fn is_empty(&self) -> bool {
        *self == FormatSpec::default()
    }
}

/// Reads decimal digits (any Unicode decimal digit counts, as in CPython);
/// returns the value and how many characters were used.
fn parse_count(chars: &[char]) -> Result<(usize, usize), String> {
    let mut value: usize = 0;
    let mut used = 0;
    for &c in chars {
        let Some(d) = unicode_decimal_value(c) else {
            break;
        };
        let d = d as usize;
        if value > (MAX_WIDTH - d) / 10 {
            return Err(TOO_MANY_DIGITS.to_string());
        }
        value = value * 10 + d;
        used += 1;
    }
    Ok((value, used))
}

/// CPython prints type names with "%.200s".
pub(crate) fn clip_name(name: &str) -> &str {
    if name.len() <= 200 {
        return name;
    }
    let mut end = 200;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// A presentation type in an error message: itself when printable ASCII,
/// else `\x..` as CPython prints it.
fn type_char_text(c: char) -> String {
    let code = c as u32;
    if code > 32 && code < 128 {
        c.to_string()
    } else {
        format!("\\x{code:x}")
    }
}

pub(crate) fn unknown_format_code(ty: char, type_name: &str) -> String {
    format!(
        "Unknown format code '{}' for object of type '{}'",
        type_char_text(ty),
        clip_name(type_name)
    )
}

/// How digits are grouped: the separator and the group size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Grouping {
    pub sep: char,
    pub size: usize,
}

/// Validates the grouping option against the presentation type (`ty` is
/// the type with its default filled in, '\0' for none) and returns how to
/// group: `_` groups hex/octal/binary digits by four.
pub(crate) fn check_grouping(grouping: Option<char>, ty: char) -> Result<Option<Grouping>, String> {
    let Some(sep) = grouping else { return Ok(None) };
    match ty {
        'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => Ok(Some(Grouping { sep, size: 3 })),
        'b' | 'o' | 'x' | 'X' if sep == '_' => Ok(Some(Grouping { sep, size: 4 })),
        _ => Err(format!(
            "Cannot specify '{sep}' with '{}'.",
            type_char_text(ty)
        )),
    }
}

/// Spaces before and after `len` characters to fill `width` with `align`
/// ('<' and '=' pad on the right).
pub(crate) fn padding(len: usize, width: Option<usize>, align: char) -> (usize, usize) {
    let total = width.unwrap_or(0).max(len);
    let free = total - len;
    let left = match align {
        '>' => free,
        '^' => free / 2,
        _ => 0,
    };
    (left, free - left)
}

/// Message for an output too large to allocate (the caller raises
/// MemoryError).
pub const MEMORY_ERROR: &str = "out of memory while formatting";

/// `left` fills, `body`, `right` fills; Err(MEMORY_ERROR) if the result
/// cannot be allocated.
pub(crate) fn pad(body: &str, fill: char, left: usize, right: usize) -> Result<String, String> {
    let mut out = String::new();
    let size = left
        .checked_add(right)
        .and_then(|n| n.checked_mul(fill.len_utf8()))
        .and_then(|n| n.checked_add(body.len()))
        .ok_or(MEMORY_ERROR)?;
    out.try_reserve_exact(size).map_err(|_| MEMORY_ERROR)?;
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(body);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(out)
}

/// `format(s, spec)` for str.
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, String> {
    format_str_as(s, spec, "str")
}

/// `format_str` for an object of type `type_name` (a str subclass).
pub fn format_str_as(s: &str, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = spec.ty.unwrap_or('s');
    check_grouping(spec.grouping, ty)?;
    if ty != 's' {
        return Err(unknown_format_code(ty, type_name));
    }
    match spec.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if spec.no_neg_zero {
        return Err(
            "Negative zero coercion (z) not allowed in string format specifier".to_string(),
        );
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    if spec.align == Some('=') {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    let (body, len) = match spec.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((end, _)) => (&s[..end], p),
            None => (s, s.chars().count()),
        },
        None => (s, s.chars().count()),
    };
    let (left, right) = padding(len, spec.width, spec.align.unwrap_or('<'));
    pad(body, spec.fill, left, right)
}

#[cfg(test)]
mod tests;
