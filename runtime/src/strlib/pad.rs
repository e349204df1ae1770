//! Padding and tab expansion: `center`, `ljust`, `rjust`, `zfill`,
//! `expandtabs`. Widths count code points; a width at or below the string's
//! length returns the string unchanged.

use super::index::char_len;

/// Code points of padding needed to reach `width`, if any.
fn padding(s: &str, width: i64) -> Option<(usize, usize)> {
    let width = usize::try_from(width).ok()?;
    let len = char_len(s);
    (width > len).then(|| (width, width - len))
}

/// `s` with `left` and `right` copies of `fill` around it.
fn padded(s: &str, left: usize, right: usize, fill: char) -> String {
    let mut out = String::new();
    let fill_bytes = fill.len_utf8().saturating_mul(left.saturating_add(right));
    // A request too large to reserve fails later like any allocation; the
    // caller bounds widths before asking (MemoryError).
    let _ = out.try_reserve(s.len().saturating_add(fill_bytes));
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// `str.center`: when the padding is odd, the extra fill character goes on
/// the left if `width` is odd too, else on the right
/// (`"ab".center(5, '*') == "**ab*"`, `"abc".center(6, '*') == "*abc**"`).
pub fn center(s: &str, width: i64, fill: char) -> String {
    match padding(s, width) {
        Some((width, pad)) => {
            let left = pad / 2 + usize::from(pad % 2 == 1 && width % 2 == 1);
            padded(s, left, pad - left, fill)
        }
        None => s.to_owned(),
    }
}

pub fn ljust(s: &str, width: i64, fill: char) -> String {
    match padding(s, width) {
        Some((_, pad)) => padded(s, 0, pad, fill),
        None => s.to_owned(),
    }
}

pub fn rjust(s: &str, width: i64, fill: char) -> String {
    match padding(s, width) {
        Some((_, pad)) => padded(s, pad, 0, fill),
        None => s.to_owned(),
    }
}

/// `str.zfill`: pads with zeros on the left, after a leading `+` or `-`.
pub fn zfill(s: &str, width: i64) -> String {
    let Some((_, pad)) = padding(s, width) else {
        return s.to_owned();
    };
    let (sign, digits) = match s.as_bytes().first() {
        Some(b'+' | b'-') => s.split_at(1),
        _ => ("", s),
    };
    let mut out = String::new();
    let _ = out.try_reserve(s.len().saturating_add(pad));
    out.push_str(sign);
    out.extend(std::iter::repeat_n('0', pad));
    out.push_str(digits);
    out
}

/// Tab stops every `tabsize` columns; a non-positive size removes tabs.
fn tab_stop(tabsize: i64) -> Option<usize> {
    usize::try_from(tabsize).ok().filter(|&t| t > 0)
}

/// `str.expandtabs`: each tab becomes spaces up to the next multiple of
/// `tabsize` columns; columns are code points, and only `\n` and `\r` start
/// a new line.
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    if !s.contains('\t') {
        return s.to_owned();
    }
    let stop = tab_stop(tabsize);
    let mut out = String::new();
    let _ = out.try_reserve(s.len());
    let mut column = 0usize;
    for c in s.chars() {
        match c {
            '\t' => {
                if let Some(stop) = stop {
                    let spaces = stop - column % stop;
                    out.extend(std::iter::repeat_n(' ', spaces));
                    column = column.saturating_add(spaces);
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column = column.saturating_add(1);
            }
        }
    }
    out
}

/// Code point length of `expandtabs(s, tabsize)`, or `None` if it does not
/// fit in a `usize`. Lets the caller raise `OverflowError` ("new string is
/// too long") or `MemoryError` before allocating.
pub fn expanded_len(s: &str, tabsize: i64) -> Option<usize> {
    let stop = tab_stop(tabsize);
    let mut total = 0usize;
    let mut column = 0usize;
    for c in s.chars() {
        let width = match (c, stop) {
            ('\t', Some(stop)) => stop - column % stop,
            ('\t', None) => 0,
            _ => 1,
        };
        total = total.checked_add(width)?;
        column = if matches!(c, '\n' | '\r') {
            0
        } else {
            column.checked_add(width)?
        };
    }
    Some(total)
}
