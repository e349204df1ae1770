//! The `str.is*` predicates over whole strings. Each is true only for a
//! non-empty string whose code points all qualify, except `isascii` and
//! `isprintable` (true for "") and the case predicates, which look at the
//! cased code points only.

use super::chars::{
    char_is_alnum, char_is_alpha, char_is_decimal, char_is_digit, char_is_numeric,
    char_is_printable, char_is_space, char_is_titlecase, char_is_xid_continue, char_is_xid_start,
};

fn all_nonempty(s: &str, ascii: impl Fn(u8) -> bool, unicode: impl Fn(char) -> bool) -> bool {
    if s.is_empty() {
        return false;
    }
    if s.is_ascii() {
        s.bytes().all(ascii)
    } else {
        s.chars().all(unicode)
    }
}

pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, |b| b.is_ascii_digit(), char_is_decimal)
}

pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, |b| b.is_ascii_digit(), char_is_digit)
}

pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, |b| b.is_ascii_digit(), char_is_numeric)
}

pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, |b| b.is_ascii_alphabetic(), char_is_alpha)
}

pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, |b| b.is_ascii_alphanumeric(), char_is_alnum)
}

pub fn isspace(s: &str) -> bool {
    all_nonempty(s, |b| char_is_space(char::from(b)), char_is_space)
}

pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}

pub fn isprintable(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().all(|b| (b' '..=b'~').contains(&b))
    } else {
        s.chars().all(char_is_printable)
    }
}

/// `str.isidentifier`: XID_Start or `_`, then XID_Continue. Keywords count
/// as identifiers, as in Python.
pub fn isidentifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first == '_' || char_is_xid_start(first) => chars.all(char_is_xid_continue),
        _ => false,
    }
}

/// `str.islower`: some cased code point, and none uppercase or titlecase.
pub fn islower(s: &str) -> bool {
    if s.is_ascii() {
        let bytes = s.as_bytes();
        return !bytes.iter().any(u8::is_ascii_uppercase)
            && bytes.iter().any(u8::is_ascii_lowercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() || char_is_titlecase(c) {
            return false;
        }
        cased |= c.is_lowercase();
    }
    cased
}

/// `str.isupper`: some cased code point, and none lowercase or titlecase.
pub fn isupper(s: &str) -> bool {
    if s.is_ascii() {
        let bytes = s.as_bytes();
        return !bytes.iter().any(u8::is_ascii_lowercase)
            && bytes.iter().any(u8::is_ascii_uppercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || char_is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// `str.istitle`: uppercase/titlecase code points only at the start of a run
/// of cased code points, lowercase ones only inside such a run, and at least
/// one cased code point.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in s.chars() {
        if c.is_uppercase() || char_is_titlecase(c) {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}
