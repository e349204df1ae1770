//! PEP 3101 format strings, as parsed by `str.format` and `str.format_map`.
//!
//! `FormatParser` yields the pieces lazily, so a caller that formats each
//! field before asking for the next piece raises errors in CPython's order
//! (an argument's `IndexError` before a syntax error later in the string).
//! Errors are CPython's `ValueError` messages. Checks that need the
//! arguments stay with the caller: `FieldNumbering` for mixing `{}` with
//! `{0}`, the conversion letter (`Unknown conversion specifier X`), and
//! recursion into `spec` (which may hold nested fields; CPython stops at
//! depth two with "Max string recursion exceeded").
//!
//! One difference in error precedence: a field name is split when its field
//! is parsed, so a malformed accessor (`{0.}`, `{0[]}`, `{0[0]x}`) is reported
//! before the argument is looked up, where CPython would first raise the
//! lookup's own error (`"{0.}".format()` raises `IndexError` there).

use super::chars::decimal_value;
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatPiece<'a> {
    /// Text to copy; `{{` and `}}` have already become single braces.
    Literal(Cow<'a, str>),
    Field(FieldRef<'a>),
}

/// One replacement field: `{arg.attr[key]!conversion:spec}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRef<'a> {
    pub arg: FieldArg<'a>,
    pub accessors: Vec<Accessor<'a>>,
    /// The code point after `!`, unchecked.
    pub conversion: Option<char>,
    /// The raw format spec; may contain nested `{fields}`, which the caller
    /// expands with `parse_format_string` before formatting the value.
    pub spec: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldArg<'a> {
    /// `{}`: the next positional argument.
    Auto,
    /// `{0}`: decimal digits of any script.
    Index(usize),
    /// `{name}`: anything else, unvalidated (`{-1}` and `{ x}` are keywords).
    Keyword(&'a str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accessor<'a> {
    /// `.name`
    Attr(&'a str),
    /// `[0]`: an item key made only of decimal digits.
    Index(usize),
    /// `[key]`: any other item key, as a string.
    Key(&'a str),
}

/// Parses a whole format string; see `FormatParser` for lazy parsing.
pub fn parse_format_string(s: &str) -> Result<Vec<FormatPiece<'_>>, String> {
    FormatParser::new(s).collect()
}

/// Iterator over the pieces of a format string. After an error it ends.
#[derive(Clone, Debug)]
pub struct FormatParser<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> FormatParser<'a> {
    pub fn new(s: &'a str) -> Self {
        FormatParser { s, pos: 0 }
    }

    fn fail(&mut self, message: &str) -> Option<Result<FormatPiece<'a>, String>> {
        self.pos = self.s.len();
        Some(Err(message.to_owned()))
    }
}

impl<'a> Iterator for FormatParser<'a> {
    type Item = Result<FormatPiece<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.s;
        let bytes = s.as_bytes();
        let start = self.pos;
        if start >= s.len() {
            return None;
        }
        // Braces are ASCII, so byte offsets around them are char boundaries.
        let Some(brace) = bytes[start..].iter().position(|&b| b == b'{' || b == b'}') else {
            self.pos = s.len();
            return Some(Ok(literal(&s[start..])));
        };
        let at = start + brace;
        let doubled = bytes.get(at + 1) == Some(&bytes[at]);
        if doubled {
            // Emit the text up to and including one brace, skip the other.
            self.pos = at + 2;
            return Some(Ok(literal(&s[start..at + 1])));
        }
        if bytes[at] == b'}' {
            return self.fail("Single '}' encountered in format string");
        }
        if at + 1 == s.len() {
            return self.fail("Single '{' encountered in format string");
        }
        if at > start {
            // Text before the field first; the field comes on the next call.
            self.pos = at;
            return Some(Ok(literal(&s[start..at])));
        }
        match parse_field(s, at + 1) {
            Ok((field, end)) => {
                self.pos = end;
                Some(Ok(FormatPiece::Field(field)))
            }
            Err(message) => self.fail(message),
        }
    }
}

fn literal(text: &str) -> FormatPiece<'_> {
    FormatPiece::Literal(Cow::Borrowed(text))
}

/// Parses the field that starts at byte `from` (just after its `{`); returns
/// it with the byte offset after its closing `}`.
fn parse_field(s: &str, from: usize) -> Result<(FieldRef<'_>, usize), &'static str> {
    let bytes = s.as_bytes();
    let name_end = field_name_end(bytes, from)?;
    let name = &s[from..name_end];
    let mut at = name_end;
    let mut conversion = None;
    if bytes[at] == b'!' {
        // Whatever follows `!` is the conversion, even `}` or `:`.
        let Some(c) = s[at + 1..].chars().next() else {
            return Err("end of string while looking for conversion specifier");
        };
        conversion = Some(c);
        at += 1 + c.len_utf8();
        match bytes.get(at) {
            None => return Err("unmatched '{' in format spec"),
            Some(b'}' | b':') => {}
            Some(_) => return Err("expected ':' after conversion specifier"),
        }
    }
    let spec;
    if bytes[at] == b':' {
        let spec_end = spec_end(bytes, at + 1)?;
        spec = &s[at + 1..spec_end];
        at = spec_end;
    } else {
        spec = "";
    }
    // `bytes[at]` is the closing brace.
    let (arg, accessors) = parse_field_name_inner(name).map_err(|e| e.0)?;
    Ok((
        FieldRef {
            arg,
            accessors,
            conversion,
            spec,
        },
        at + 1,
    ))
}

/// End of the field name: the first `!`, `:` or `}` outside square brackets.
fn field_name_end(bytes: &[u8], from: usize) -> Result<usize, &'static str> {
    let mut in_brackets = false;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (in_brackets, b) {
            (true, b']') => in_brackets = false,
            (true, _) => {}
            (false, b'[') => in_brackets = true,
            (false, b'{') => return Err("unexpected '{' in field name"),
            (false, b'}' | b':' | b'!') => return Ok(i),
            (false, _) => {}
        }
    }
    Err("expected '}' before end of string")
}

/// Offset of the `}` that closes a spec starting at `from`; nested braces
/// in the spec must balance.
fn spec_end(bytes: &[u8], from: usize) -> Result<usize, &'static str> {
    let mut depth = 1usize;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            _ => {}
        }
    }
    Err("unmatched '{' in format spec")
}

/// A field name error: CPython's `ValueError` message.
#[derive(Clone, Copy, Debug)]
struct FieldNameError(&'static str);

/// Splits a field name (`0.attr[key]`) into its argument and accessors, as
/// `string.Formatter` and `_string.formatter_field_name_split` do.
pub fn parse_field_name(name: &str) -> Result<(FieldArg<'_>, Vec<Accessor<'_>>), String> {
    parse_field_name_inner(name).map_err(|e| e.0.to_owned())
}

fn parse_field_name_inner(name: &str) -> Result<(FieldArg<'_>, Vec<Accessor<'_>>), FieldNameError> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let arg = if first.is_empty() {
        FieldArg::Auto
    } else {
        match parse_decimal(first)? {
            Some(n) => FieldArg::Index(n),
            None => FieldArg::Keyword(first),
        }
    };
    let mut accessors = Vec::new();
    let mut rest = &name[first_end..];
    while let Some(&opener) = rest.as_bytes().first() {
        rest = &rest[1..];
        if opener == b'.' {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let attr = &rest[..end];
            if attr.is_empty() {
                return Err(FieldNameError("Empty attribute in format string"));
            }
            accessors.push(Accessor::Attr(attr));
            rest = &rest[end..];
        } else {
            let end = rest
                .find(']')
                .ok_or(FieldNameError("Missing ']' in format string"))?;
            let key = &rest[..end];
            if key.is_empty() {
                return Err(FieldNameError("Empty attribute in format string"));
            }
            accessors.push(match parse_decimal(key)? {
                Some(n) => Accessor::Index(n),
                None => Accessor::Key(key),
            });
            rest = &rest[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(FieldNameError(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
    }
    Ok((arg, accessors))
}

/// The number written by a non-empty run of decimal digits (any script);
/// `None` if some code point is not a decimal digit.
fn parse_decimal(text: &str) -> Result<Option<usize>, FieldNameError> {
    const TOO_MANY: FieldNameError = FieldNameError("Too many decimal digits in format string");
    let mut value: u64 = 0;
    for c in text.chars() {
        let Some(digit) = decimal_value(c) else {
            return Ok(None);
        };
        // CPython's limit is its Py_ssize_t maximum.
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(digit)))
            .filter(|&v| v <= i64::MAX as u64)
            .ok_or(TOO_MANY)?;
    }
    usize::try_from(value).map(Some).map_err(|_| TOO_MANY)
}

/// Tracks automatic (`{}`) versus manual (`{0}`) numbering across one
/// `str.format` call, nested specs included; the two may not be mixed.
#[derive(Clone, Debug, Default)]
pub struct FieldNumbering {
    next_auto: usize,
    used_auto: bool,
    used_manual: bool,
}

impl FieldNumbering {
    pub fn new() -> Self {
        Self::default()
    }

    /// The positional index a field refers to, `None` for a keyword.
    pub fn positional_index(&mut self, arg: &FieldArg<'_>) -> Result<Option<usize>, String> {
        match *arg {
            FieldArg::Auto => {
                if self.used_manual {
                    return Err("cannot switch from manual field specification to automatic field numbering".to_owned());
                }
                self.used_auto = true;
                let index = self.next_auto;
                self.next_auto = self.next_auto.saturating_add(1);
                Ok(Some(index))
            }
            FieldArg::Index(index) => {
                if self.used_auto {
                    return Err("cannot switch from automatic field numbering to manual field specification".to_owned());
                }
                self.used_manual = true;
                Ok(Some(index))
            }
            FieldArg::Keyword(_) => Ok(None),
        }
    }
}
