//! Splitting: `split`/`rsplit` (by a separator or by runs of whitespace),
//! `splitlines`, `partition`/`rpartition`, and sizing for `join`.

use super::chars::char_is_space;

const EMPTY_SEPARATOR: &str = "empty separator";

/// Python's `maxsplit`: negative means no limit.
fn split_limit(maxsplit: i64) -> usize {
    if maxsplit < 0 {
        usize::MAX
    } else {
        usize::try_from(maxsplit).unwrap_or(usize::MAX)
    }
}

/// `str.split`. With `sep == None`, runs of whitespace separate and leading
/// or trailing whitespace yields no empty pieces; after `maxsplit` splits
/// the rest is kept as is (without its leading whitespace).
pub fn split<'a>(
    s: &'a str,
    sep: Option<&str>,
    maxsplit: i64,
) -> Result<Vec<&'a str>, &'static str> {
    let limit = split_limit(maxsplit);
    match sep {
        None => Ok(split_whitespace(s, limit)),
        Some("") => Err(EMPTY_SEPARATOR),
        Some(sep) => Ok(s.splitn(limit.saturating_add(1), sep).collect()),
    }
}

/// `str.rsplit`: as `split`, but the splits are made from the right.
pub fn rsplit<'a>(
    s: &'a str,
    sep: Option<&str>,
    maxsplit: i64,
) -> Result<Vec<&'a str>, &'static str> {
    let limit = split_limit(maxsplit);
    let mut pieces: Vec<&str> = match sep {
        None => rsplit_whitespace(s, limit),
        Some("") => return Err(EMPTY_SEPARATOR),
        Some(sep) => s.rsplitn(limit.saturating_add(1), sep).collect(),
    };
    pieces.reverse();
    Ok(pieces)
}

/// First whitespace code point in `s`: (byte offset, byte length).
fn find_space(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii() {
            if char_is_space(char::from(b)) {
                return Some((i, 1));
            }
        } else if is_space_lead_byte(b) {
            if let Some(c) = s[i..].chars().next().filter(|&c| char_is_space(c)) {
                return Some((i, c.len_utf8()));
            }
        }
    }
    None
}

/// Last whitespace code point in `s`: (byte offset, byte length).
fn rfind_space(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate().rev() {
        if b.is_ascii() {
            if char_is_space(char::from(b)) {
                return Some((i, 1));
            }
        } else if is_space_lead_byte(b) {
            if let Some(c) = s[i..].chars().next().filter(|&c| char_is_space(c)) {
                return Some((i, c.len_utf8()));
            }
        }
    }
    None
}

/// Non-ASCII whitespace is U+0085, U+00A0, U+1680 and U+2000..U+3000, whose
/// UTF-8 encodings start with one of these bytes; other bytes (continuation
/// bytes included) need no decoding.
fn is_space_lead_byte(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

fn trim_start_space(s: &str) -> &str {
    s.trim_start_matches(char_is_space)
}

fn trim_end_space(s: &str) -> &str {
    s.trim_end_matches(char_is_space)
}

fn split_whitespace(s: &str, limit: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = trim_start_space(s);
    while !rest.is_empty() {
        if pieces.len() == limit {
            pieces.push(rest);
            break;
        }
        match find_space(rest) {
            Some((at, _)) => {
                pieces.push(&rest[..at]);
                rest = trim_start_space(&rest[at..]);
            }
            None => {
                pieces.push(rest);
                break;
            }
        }
    }
    pieces
}

/// Pieces in reverse order (the caller reverses).
fn rsplit_whitespace(s: &str, limit: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = trim_end_space(s);
    while !rest.is_empty() {
        if pieces.len() == limit {
            pieces.push(rest);
            break;
        }
        match rfind_space(rest) {
            Some((at, len)) => {
                pieces.push(&rest[at + len..]);
                rest = trim_end_space(&rest[..at]);
            }
            None => {
                pieces.push(rest);
                break;
            }
        }
    }
    pieces
}

/// Byte length of the line boundary starting at byte `i`, 0 if none. `\r\n`
/// is one boundary. Only ASCII and lead bytes can match, never the middle of
/// a code point.
fn line_break_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
        b'\n' | b'\r' | 0x0B | 0x0C | 0x1C..=0x1E => 1,
        // U+0085 NEL
        0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
        // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
        0xE2 if bytes.get(i + 1) == Some(&0x80)
            && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
        {
            3
        }
        _ => 0,
    }
}

/// `str.splitlines`: splits at every line boundary Python recognises
/// (`\n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029`); no empty piece
/// after a final boundary.
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let len = line_break_len(bytes, i);
        if len == 0 {
            i += 1;
            continue;
        }
        let line_end = if keepends { i + len } else { i };
        lines.push(&s[line_start..line_end]);
        i += len;
        line_start = i;
    }
    if line_start < s.len() {
        lines.push(&s[line_start..]);
    }
    lines
}

/// `str.partition`: (before, sep, after) at the first `sep`, or
/// `(s, "", "")` without one.
pub fn partition<'a>(s: &'a str, sep: &str) -> Result<(&'a str, &'a str, &'a str), &'static str> {
    if sep.is_empty() {
        return Err(EMPTY_SEPARATOR);
    }
    Ok(match s.find(sep) {
        Some(at) => three_way(s, at, sep.len()),
        None => (s, &s[s.len()..], &s[s.len()..]),
    })
}

/// `str.rpartition`: (before, sep, after) at the last `sep`, or
/// `("", "", s)` without one.
pub fn rpartition<'a>(s: &'a str, sep: &str) -> Result<(&'a str, &'a str, &'a str), &'static str> {
    if sep.is_empty() {
        return Err(EMPTY_SEPARATOR);
    }
    Ok(match s.rfind(sep) {
        Some(at) => three_way(s, at, sep.len()),
        None => (&s[..0], &s[..0], s),
    })
}

fn three_way(s: &str, at: usize, len: usize) -> (&str, &str, &str) {
    (&s[..at], &s[at..at + len], &s[at + len..])
}

/// Exact byte length of `sep.join(parts)`, for reserving the result once.
pub fn join_capacity_hint(parts: &[&str], sep: &str) -> usize {
    let pieces = parts
        .iter()
        .fold(0usize, |total, p| total.saturating_add(p.len()));
    let separators = sep.len().saturating_mul(parts.len().saturating_sub(1));
    pieces.saturating_add(separators)
}
