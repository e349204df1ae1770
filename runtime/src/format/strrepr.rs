//! `repr()` and `ascii()` of str, and `repr()` of bytes, as CPython writes
//! them: quote choice, backslash escapes, and `str.isprintable()`.

use super::unicode_printable::NON_PRINTABLE;
use std::fmt::Write;

/// `c.isprintable()`.
pub fn str_isprintable(c: char) -> bool {
    let code = c as u32;
    if code < 0x7f {
        return code >= 0x20;
    }
    let idx = NON_PRINTABLE.partition_point(|&(_, end)| end < code);
    NON_PRINTABLE
        .get(idx)
        .is_none_or(|&(start, _)| start > code)
}

/// The quote CPython picks: `'` unless the text has `'` and no `"`.
fn pick_quote(has_single: bool, has_double: bool) -> char {
    if has_single && !has_double {
        '"'
    } else {
        '\''
    }
}

fn escape_code_point(out: &mut String, code: u32) {
    // Writing to a String cannot fail.
    let _ = if code <= 0xff {
        write!(out, "\\x{code:02x}")
    } else if code <= 0xffff {
        write!(out, "\\u{code:04x}")
    } else {
        write!(out, "\\U{code:08x}")
    };
}

fn quote_str(s: &str, keep_non_ascii: bool) -> String {
    let quote = pick_quote(s.contains('\''), s.contains('"'));
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ if keep_non_ascii && (c as u32) > 0x7f && str_isprintable(c) => out.push(c),
            _ => escape_code_point(&mut out, c as u32),
        }
    }
    out.push(quote);
    out
}

/// `repr(s)`.
pub fn str_repr(s: &str) -> String {
    quote_str(s, true)
}

/// `ascii(s)`: like `repr`, with every non-ASCII character escaped.
pub fn str_ascii(s: &str) -> String {
    quote_str(s, false)
}

/// `repr(b)` for bytes-like data: `prefix` then the quoted bytes, e.g.
/// `bytes_repr(b"a'", "b")` is `b"a'"`; for a bytearray the caller passes
/// `"bytearray(b"` and appends `)`.
pub fn bytes_repr(b: &[u8], prefix: &str) -> String {
    let quote = pick_quote(b.contains(&b'\''), b.contains(&b'"')) as u8;
    let mut out = String::with_capacity(prefix.len() + b.len() + 2);
    out.push_str(prefix);
    out.push(quote as char);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if byte == quote => {
                out.push('\\');
                out.push(byte as char);
            }
            b' '..=b'~' => out.push(byte as char),
            _ => escape_code_point(&mut out, byte as u32),
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests;
