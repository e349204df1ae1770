//! Substring search: find/rfind/count/startswith/endswith, replace and the
//! prefix/suffix removers.
//!
//! Searching uses the standard library's substring search (two-way, linear
//! time); results are converted from byte offsets to code point indices.

use super::index::Text;

/// `str.find`: code point index of the first `sub` in `s[start:end]`.
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> Option<usize> {
    if start.is_none() && end.is_none() {
        // Whole string: no length is needed to place the window.
        let byte = s.find(sub)?;
        return Some(super::index::char_index(s, byte));
    }
    Text::new(s).find(sub, start, end)
}

/// `str.rfind`: code point index of the last `sub` in `s[start:end]`.
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> Option<usize> {
    Text::new(s).rfind(sub, start, end)
}

/// `str.count`: non-overlapping occurrences; an empty `sub` matches between
/// every pair of code points and at both ends.
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> usize {
    Text::new(s).count(sub, start, end)
}

/// `str.startswith` for one prefix (the caller iterates over a tuple).
pub fn startswith(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    Text::new(s).startswith(prefix, start, end)
}

/// `str.endswith` for one suffix.
pub fn endswith(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    Text::new(s).endswith(suffix, start, end)
}

impl<'a> Text<'a> {
    pub fn find(&self, sub: &str, start: Option<i64>, end: Option<i64>) -> Option<usize> {
        let (offset, window) = self.window(start, end)?;
        let byte = window.find(sub)?;
        Some(offset + self.window_char_index(window, byte))
    }

    pub fn rfind(&self, sub: &str, start: Option<i64>, end: Option<i64>) -> Option<usize> {
        let (offset, window) = self.window(start, end)?;
        let byte = window.rfind(sub)?;
        Some(offset + self.window_char_index(window, byte))
    }

    pub fn count(&self, sub: &str, start: Option<i64>, end: Option<i64>) -> usize {
        let Some((_, window)) = self.window(start, end) else {
            return 0;
        };
        match sub.as_bytes() {
            [] => self.window_char_len(window) + 1,
            // A one-byte needle is ASCII, so every equal byte is a match.
            &[b] => window.bytes().filter(|&x| x == b).count(),
            _ => window.matches(sub).count(),
        }
    }

    pub fn startswith(&self, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
        self.window(start, end)
            .is_some_and(|(_, w)| w.starts_with(prefix))
    }

    pub fn endswith(&self, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
        self.window(start, end)
            .is_some_and(|(_, w)| w.ends_with(suffix))
    }

    /// Code point index of `byte` within `window`, a slice of this text.
    fn window_char_index(&self, window: &str, byte: usize) -> usize {
        if self.is_ascii() {
            byte
        } else {
            super::index::char_index(window, byte)
        }
    }

    fn window_char_len(&self, window: &str) -> usize {
        self.window_char_index(window, window.len())
    }
}

/// `str.replace`: replaces the first `count` occurrences of `old` (all when
/// `count` is negative). An empty `old` inserts `new` before every code point
/// and at the end: `"ab".replace("", "-") == "-a-b-"`.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    let limit = if count < 0 {
        usize::MAX
    } else {
        usize::try_from(count).unwrap_or(usize::MAX)
    };
    if limit == 0 {
        return s.to_owned();
    }
    if old.is_empty() {
        return insert_between_chars(s, new, limit);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut replaced = 0;
    for (at, _) in s.match_indices(old) {
        if replaced == limit {
            break;
        }
        if replaced == 0 {
            // The final size is unknown until the scan ends; start from the input's.
            let _ = out.try_reserve(s.len());
        }
        out.push_str(&s[copied..at]);
        out.push_str(new);
        copied = at + old.len();
        replaced += 1;
    }
    if replaced == 0 {
        return s.to_owned();
    }
    out.push_str(&s[copied..]);
    out
}

/// `replace` with an empty `old`: `new` goes before each of the first
/// `limit` code points, and after the last one if the limit allows.
fn insert_between_chars(s: &str, new: &str, limit: usize) -> String {
    let slots = super::index::char_len(s).saturating_add(1);
    let inserts = slots.min(limit);
    let mut out = String::new();
    let _ = out.try_reserve(new.len().saturating_mul(inserts).saturating_add(s.len()));
    let mut chars = s.char_indices();
    for _ in 0..inserts {
        out.push_str(new);
        match chars.next() {
            Some((_, c)) => out.push(c),
            None => return out,
        }
    }
    out.push_str(chars.as_str());
    out
}

/// `str.removeprefix`.
pub fn removeprefix<'a>(s: &'a str, prefix: &str) -> &'a str {
    s.strip_prefix(prefix).unwrap_or(s)
}

/// `str.removesuffix`.
pub fn removesuffix<'a>(s: &'a str, suffix: &str) -> &'a str {
    s.strip_suffix(suffix).unwrap_or(s)
}
