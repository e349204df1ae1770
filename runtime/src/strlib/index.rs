//! Code point indexing over UTF-8.
//!
//! Python indexes `str` by code point, Rust `&str` by byte. The helpers here
//! convert between the two; for ASCII text (code point count == byte count)
//! every conversion is O(1), otherwise it walks the bytes once.

/// Normalises optional `start`/`end` arguments the way CPython's
/// `find`/`count`/`startswith` family does: negative values count from the
/// end, `end` is clamped to `0..=len`, `start` only from below. A `start`
/// beyond `len` stays beyond it (so `"abc".find("", 4)` can answer -1);
/// callers treat `start > end` as an empty, unmatched window.
pub fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len_i = i64::try_from(len).unwrap_or(i64::MAX);
    let from_end = |v: i64| {
        if v < 0 {
            v.saturating_add(len_i).max(0)
        } else {
            v
        }
    };
    let end = end.map_or(len_i, |e| from_end(e).min(len_i));
    let start = start.map_or(0, from_end);
    (to_usize(start), to_usize(end))
}

/// Non-negative i64 to usize, saturating where usize is narrower.
fn to_usize(v: i64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

/// Number of code points in `s`. The standard library's count is
/// word-at-a-time, so this is fast for ASCII and non-ASCII text alike.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Byte offset of code point `idx` in `s`, or `s.len()` when `idx` is at or
/// past the end. Always a char boundary.
pub fn byte_offset(s: &str, idx: usize) -> usize {
    let bytes = s.as_bytes();
    if idx >= bytes.len() {
        return s.len();
    }
    // The common case is an ASCII prefix: then bytes and code points agree.
    let prefix = &bytes[..idx];
    if prefix.is_ascii() {
        return idx;
    }
    let ascii_run = prefix.iter().position(|b| !b.is_ascii()).unwrap_or(idx);
    let mut remaining = idx - ascii_run;
    let mut at = ascii_run;
    // Skip whole 8-byte words while the target lies beyond them.
    for word in bytes[ascii_run..].chunks_exact(8) {
        let starts = code_points_starting_in(word);
        if starts > remaining {
            break;
        }
        remaining -= starts;
        at += 8;
    }
    for (i, &b) in bytes[at..].iter().enumerate() {
        if !is_continuation(b) {
            if remaining == 0 {
                return at + i;
            }
            remaining -= 1;
        }
    }
    s.len()
}

/// Number of code points that start in an 8-byte word: the bytes that are
/// not UTF-8 continuation bytes (0b10xx_xxxx), counted in parallel.
fn code_points_starting_in(word: &[u8]) -> usize {
    let mut buf = [0u8; 8];
    buf.copy_from_slice(word);
    let x = u64::from_le_bytes(buf);
    let continuation = x & !(x << 1) & 0x8080_8080_8080_8080;
    8 - continuation.count_ones() as usize
}

/// Code point index of byte offset `byte` (the number of code points that
/// start before it). `byte` past the end counts the whole string.
pub fn char_index(s: &str, byte: usize) -> usize {
    let bytes = &s.as_bytes()[..byte.min(s.len())];
    if bytes.is_ascii() {
        bytes.len()
    } else {
        bytes.iter().filter(|&&b| !is_continuation(b)).count()
    }
}

/// `s[start:end]` by code point indices, clamped to the string; empty when
/// `start >= end`.
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    Text::new(s).slice(start, end)
}

/// A `&str` together with its code point length, so that index conversions
/// on ASCII text are O(1). The runtime builds one from the length it caches
/// on a `str` object; the free functions of this module build one on the fly.
#[derive(Clone, Copy, Debug)]
pub struct Text<'a> {
    s: &'a str,
    chars: usize,
}

impl<'a> Text<'a> {
    /// Counts the code points of `s` (O(n)).
    pub fn new(s: &'a str) -> Self {
        Text {
            s,
            chars: char_len(s),
        }
    }

    /// Uses a code point count the caller already knows (O(1)). It must be
    /// `char_len(s)`; a wrong count gives wrong answers, never a panic.
    pub fn with_char_len(s: &'a str, chars: usize) -> Self {
        debug_assert!(chars <= s.len());
        Text { s, chars }
    }

    pub fn as_str(&self) -> &'a str {
        self.s
    }

    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// ASCII exactly when every code point is one byte.
    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }

    /// Byte offset of code point `idx`, clamped to the end.
    pub fn byte_offset(&self, idx: usize) -> usize {
        if self.is_ascii() {
            idx.min(self.s.len())
        } else {
            byte_offset(self.s, idx)
        }
    }

    /// Code point index of a byte offset in this text.
    pub fn char_index(&self, byte: usize) -> usize {
        if self.is_ascii() {
            byte.min(self.s.len())
        } else {
            char_index(self.s, byte)
        }
    }

    /// `s[start:end]` by code point, clamped; empty when `start >= end`.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.chars);
        if start >= end {
            return "";
        }
        let (from, to) = if self.is_ascii() {
            (start, end)
        } else {
            // Skip the walks that the string's ends make unnecessary.
            let from = if start == 0 {
                0
            } else {
                byte_offset(self.s, start)
            };
            let to = if end == self.chars {
                self.s.len()
            } else {
                from + byte_offset(&self.s[from..], end - start)
            };
            (from, to)
        };
        self.s.get(from..to).unwrap_or("")
    }

    /// The window `s[start:end]` after `adjust_indices`, with the code point
    /// index where it begins; `None` when `start > end` (no match possible,
    /// not even of an empty string).
    pub fn window(&self, start: Option<i64>, end: Option<i64>) -> Option<(usize, &'a str)> {
        let (start, end) = adjust_indices(start, end, self.chars);
        if start > end {
            return None;
        }
        Some((start, self.slice(start, end)))
    }
}
