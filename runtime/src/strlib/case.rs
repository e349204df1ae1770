//! Case conversions with Python's full (one-to-many) mappings:
//! `"ß".upper() == "SS"`, `"ﬁ".title() == "Fi"`, and the Greek final sigma
//! rule wherever a capital sigma is lowercased (lower, swapcase, title,
//! capitalize): `"ΑΣ".lower() == "ας"`.

use super::chars::{char_is_case_ignorable, char_is_cased};
use super::tables::TITLE_MAP;

pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Rust's `to_lowercase` implements the same final-sigma rule as CPython.
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// `str.casefold`: full case folding, for caseless comparison
/// (`"ß".casefold() == "ss"`).
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Case folding of one code point. For all but a few code points it equals
/// the lowercase of the uppercase mapping (which is how `ß`, `ﬁ`, `ς` and
/// `ᾳ` fold); the exceptions, found by comparing every code point with
/// CPython, are listed here.
fn fold_char(c: char, out: &mut String) {
    let cp = u32::from(c);
    match cp {
        0..=0x7F => out.push(c.to_ascii_lowercase()),
        // Dotless i folds to itself, not to "i".
        0x131 => out.push(c),
        // Capital sharp s folds to "ss" as "ß" does, though it lowercases to "ß".
        0x1E9E => out.push_str("ss"),
        // Cherokee folds to the uppercase letters, the older half of the script.
        0x13A0..=0x13F5 => out.push(c),
        0x13F8..=0x13FD | 0xAB70..=0xABBF => out.extend(c.to_uppercase()),
        _ => {
            for u in c.to_uppercase() {
                out.extend(u.to_lowercase());
            }
        }
    }
}

/// `str.swapcase`: uppercase code points are lowercased, lowercase ones
/// uppercased; titlecase and uncased ones are kept.
pub fn swapcase(s: &str) -> String {
    if s.is_ascii() {
        return map_ascii(s, swap_ascii_case);
    }
    let mut out = String::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(char::from(swap_ascii_case(c as u8)));
        } else if c.is_uppercase() {
            push_lower(s, at, c, &mut out);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn swap_ascii_case(b: u8) -> u8 {
    if b.is_ascii_alphabetic() {
        b ^ 0x20
    } else {
        b
    }
}

/// Maps each byte of an ASCII string to an ASCII byte.
fn map_ascii(s: &str, map: impl FnMut(u8) -> u8) -> String {
    let bytes: Vec<u8> = s.bytes().map(map).collect();
    // ASCII in, ASCII out: the conversion cannot fail; stay total regardless.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `str.title`: a code point that follows a cased one is lowercased, any
/// other is titlecased, so `"they're bill's"` becomes `"They'Re Bill'S"`.
pub fn title(s: &str) -> String {
    if s.is_ascii() {
        let mut previous_is_cased = false;
        return map_ascii(s, |b| {
            let mapped = if previous_is_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            previous_is_cased = b.is_ascii_alphabetic();
            mapped
        });
    }
    let mut out = String::with_capacity(s.len());
    let mut previous_is_cased = false;
    for (at, c) in s.char_indices() {
        if previous_is_cased {
            push_lower(s, at, c, &mut out);
        } else {
            push_title(c, &mut out);
        }
        previous_is_cased = char_is_cased(c);
    }
    out
}

/// `str.capitalize` (3.8+): the first code point titlecased (`ǆ` -> `ǅ`),
/// the rest lowercased.
pub fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices();
    if let Some((_, first)) = chars.next() {
        push_title(first, &mut out);
    }
    for (at, c) in chars {
        push_lower(s, at, c, &mut out);
    }
    out
}

/// Titlecase mapping of one code point: the uppercase mapping except for
/// digraphs, ligatures, Greek letters with iota and Georgian.
fn push_title(c: char, out: &mut String) {
    let cp = u32::from(c);
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else if matches!(cp, 0x10D0..=0x10FA | 0x10FD..=0x10FF) {
        // Georgian Mkhedruli has an uppercase (Mtavruli) but titlecases to itself.
        out.push(c);
    } else if let Ok(i) = TITLE_MAP.binary_search_by_key(&cp, |&(k, _)| k) {
        out.push_str(TITLE_MAP[i].1);
    } else {
        out.extend(c.to_uppercase());
    }
}

/// Lowercase mapping of the code point `c` at byte `at` of `s`, which a
/// capital sigma needs to tell whether it ends a word.
fn push_lower(s: &str, at: usize, c: char, out: &mut String) {
    if c == 'Σ' {
        out.push(if is_final_sigma(s, at) { 'ς' } else { 'σ' });
    } else if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Unicode's Final_Sigma condition for the sigma at byte `at`: a cased letter
/// before it and none after it, looking past case-ignorable code points.
fn is_final_sigma(s: &str, at: usize) -> bool {
    let before = s[..at].chars().rev().find(|&c| !char_is_case_ignorable(c));
    if !before.is_some_and(char_is_cased) {
        return false;
    }
    let after = s[at + 'Σ'.len_utf8()..]
        .chars()
        .find(|&c| !char_is_case_ignorable(c));
    !after.is_some_and(char_is_cased)
}
