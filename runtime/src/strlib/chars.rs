//! Per-code-point classes behind the `str.is*` methods, with Python's
//! definitions (which differ from Rust's `char` methods in places: Python's
//! `isspace` includes U+001C..U+001F, `isalpha` excludes the combining marks
//! that Rust's `is_alphabetic` includes, `isnumeric` includes CJK numerals).
//! ASCII is decided inline; everything else by the generated tables.

use super::tables;
use std::cmp::Ordering;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    range_of(table, c).is_some()
}

/// The table range that holds `c`, if any.
fn range_of(table: &[(u32, u32)], c: char) -> Option<(u32, u32)> {
    let cp = u32::from(c);
    let found = table.binary_search_by(|&(lo, hi)| {
        if hi < cp {
            Ordering::Less
        } else if lo > cp {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    });
    found.ok().map(|i| table[i])
}

/// Python's `str.isspace` for one code point: bidirectional class WS, B or S,
/// or category Zs.
pub fn char_is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1C'..='\x20'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// A line boundary for `str.splitlines` (`\r\n` is handled by the caller).
pub fn char_is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\x0B' | '\x0C' | '\r' | '\x1C'..='\x1E' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `str.isalpha`: general category L*.
pub fn char_is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(tables::ALPHA, c)
    }
}

/// `str.isdecimal`: category Nd.
pub fn char_is_decimal(c: char) -> bool {
    decimal_value(c).is_some()
}

/// The value of a decimal digit in any script (`int()` and format field
/// numbers accept them all).
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    // Unicode allocates decimal digits in runs of ten starting at zero.
    range_of(tables::DECIMAL, c).map(|(lo, _)| (u32::from(c) - lo) % 10)
}

/// `str.isdigit`: code points with a digit value (decimals, superscripts,
/// circled digits, ...).
pub fn char_is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(tables::DIGIT, c)
    }
}

/// `str.isnumeric`: code points with any numeric value (digits, fractions,
/// Roman numerals, CJK numerals such as U+4E00).
pub fn char_is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(tables::NUMERIC, c)
    }
}

/// `str.isalnum` for one code point: alpha, decimal, digit or numeric (the
/// last includes the other two).
pub fn char_is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        char_is_alpha(c) || char_is_numeric(c)
    }
}

/// `str.isprintable`: not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs,
/// except the ASCII space. `repr` escapes what this rejects.
pub fn char_is_printable(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' '..='~')
    } else {
        in_table(tables::PRINTABLE, c)
    }
}

/// Category Lt (the titlecase digraphs and Greek letters with prosgegrammeni).
pub fn char_is_titlecase(c: char) -> bool {
    !c.is_ascii() && in_table(tables::TITLECASE, c)
}

/// Unicode `Cased`: has an uppercase, lowercase or titlecase form of its own.
pub fn char_is_cased(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.is_lowercase() || c.is_uppercase() || char_is_titlecase(c)
}

/// Identifier start (XID_Start); `_` is added by `isidentifier`.
pub fn char_is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(tables::XID_START, c)
    }
}

/// Identifier continuation (XID_Continue).
pub fn char_is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_table(tables::XID_CONTINUE, c)
    }
}

/// Unicode `Case_Ignorable`, needed only for the final-sigma rule.
///
/// The standard library keeps this property private but applies it in
/// `str::to_lowercase`, so it is read back from there: a final capital sigma
/// lowercases to `ς` exactly when the cased letter before it is separated
/// only by case-ignorable code points.
pub(super) fn char_is_case_ignorable(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\'' | '.' | ':' | '^' | '`');
    }
    let mut probe = String::with_capacity(8);
    if char_is_cased(c) {
        // "cΣ": skipping an ignorable c leaves no cased letter before Σ.
        probe.push(c);
        probe.push('Σ');
        probe.to_lowercase().ends_with('σ')
    } else {
        // "AcΣ": only an ignorable c lets Σ see the cased A.
        probe.push('A');
        probe.push(c);
        probe.push('Σ');
        probe.to_lowercase().ends_with('ς')
    }
}
