//! Byte-string algorithms for `bytes` and `bytearray`: substring search,
//! counting, splitting and replacing, on plain `&[u8]`.
//!
//! Searches run in linear time whatever the input: a needle longer than a
//! few bytes is matched with Knuth-Morris-Pratt, so adversarial inputs
//! (`b"a" * n` searched for `b"a" * (n // 2) + b"b"`) cannot go quadratic.
//! Whitespace is ASCII whitespace (`b" \t\n\r\x0b\x0c"`), as for Python's
//! bytes.

/// Needles up to this length are matched by direct comparison; the worst
/// case is then `NAIVE_MAX` times the haystack, still linear.
const NAIVE_MAX: usize = 4;

pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Start of the first `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle.len() {
        0 => Some(0),
        1 => hay.iter().position(|&b| b == needle[0]),
        m if m > hay.len() => None,
        m if m <= NAIVE_MAX => hay.windows(m).position(|w| w == needle),
        m => kmp_first(hay.len(), |i| hay[i], m, |i| needle[i]),
    }
}

/// Start of the last `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (n, m) = (hay.len(), needle.len());
    match m {
        0 => Some(n),
        1 => hay.iter().rposition(|&b| b == needle[0]),
        m if m > n => None,
        m if m <= NAIVE_MAX => hay.windows(m).rposition(|w| w == needle),
        // Search the reversed haystack for the reversed needle.
        m => kmp_first(n, |i| hay[n - 1 - i], m, |i| needle[m - 1 - i]).map(|r| n - r - m),
    }
}

/// Start positions of up to `limit` non-overlapping matches, left to right.
pub fn match_positions(hay: &[u8], needle: &[u8], limit: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut at = 0;
    while out.len() < limit {
        match find(&hay[at..], needle) {
            Some(i) => {
                out.push(at + i);
                at += i + needle.len();
            }
            None => break,
        }
    }
    out
}

/// Start positions of up to `limit` non-overlapping matches taken from the
/// right (as `rsplit` sees them), in right-to-left order.
pub fn rmatch_positions(hay: &[u8], needle: &[u8], limit: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut end = hay.len();
    while out.len() < limit {
        match rfind(&hay[..end], needle) {
            Some(i) => {
                out.push(i);
                end = i;
            }
            None => break,
        }
    }
    out
}

/// Non-overlapping occurrences of a non-empty `needle`.
pub fn count(hay: &[u8], needle: &[u8]) -> usize {
    match needle.len() {
        0 => hay.len() + 1,
        1 => hay.iter().filter(|&&b| b == needle[0]).count(),
        _ => match_positions(hay, needle, usize::MAX).len(),
    }
}

/// Knuth-Morris-Pratt over index functions, so that one implementation
/// serves forward and reversed searches. Returns the first match start.
fn kmp_first(n: usize, hay: impl Fn(usize) -> u8, m: usize, needle: impl Fn(usize) -> u8) -> Option<usize> {
    let mut fail = vec![0usize; m];
    let mut k = 0;
    for i in 1..m {
        while k > 0 && needle(i) != needle(k) {
            k = fail[k - 1];
        }
        if needle(i) == needle(k) {
            k += 1;
        }
        fail[i] = k;
    }
    let mut k = 0;
    for i in 0..n {
        let b = hay(i);
        while k > 0 && b != needle(k) {
            k = fail[k - 1];
        }
        if b == needle(k) {
            k += 1;
            if k == m {
                return Some(i + 1 - m);
            }
        }
    }
    None
}

/// `bytes.split(sep, maxsplit)` with a non-empty `sep`.
pub fn split<'a>(hay: &'a [u8], sep: &[u8], limit: usize) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for at in match_positions(hay, sep, limit) {
        pieces.push(&hay[from..at]);
        from = at + sep.len();
    }
    pieces.push(&hay[from..]);
    pieces
}

/// `bytes.rsplit(sep, maxsplit)` with a non-empty `sep`.
pub fn rsplit<'a>(hay: &'a [u8], sep: &[u8], limit: usize) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let mut to = hay.len();
    for at in rmatch_positions(hay, sep, limit) {
        pieces.push(&hay[at + sep.len()..to]);
        to = at;
    }
    pieces.push(&hay[..to]);
    pieces.reverse();
    pieces
}

fn trim_start_space(s: &[u8]) -> &[u8] {
    let skip = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
    &s[skip..]
}

fn trim_end_space(s: &[u8]) -> &[u8] {
    let keep = s.iter().rposition(|&b| !is_space(b)).map_or(0, |i| i + 1);
    &s[..keep]
}

/// `bytes.split()`: runs of whitespace separate, no empty pieces.
pub fn split_whitespace(s: &[u8], limit: usize) -> Vec<&[u8]> {
    let mut pieces = Vec::new();
    let mut rest = trim_start_space(s);
    while !rest.is_empty() {
        if pieces.len() == limit {
            pieces.push(rest);
            break;
        }
        match rest.iter().position(|&b| is_space(b)) {
            Some(at) => {
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

/// `bytes.rsplit()`: as `split_whitespace`, splitting from the right.
pub fn rsplit_whitespace(s: &[u8], limit: usize) -> Vec<&[u8]> {
    let mut pieces = Vec::new();
    let mut rest = trim_end_space(s);
    while !rest.is_empty() {
        if pieces.len() == limit {
            pieces.push(rest);
            break;
        }
        match rest.iter().rposition(|&b| is_space(b)) {
            Some(at) => {
                pieces.push(&rest[at + 1..]);
                rest = trim_end_space(&rest[..at]);
            }
            None => {
                pieces.push(rest);
                break;
            }
        }
    }
    pieces.reverse();
    pieces
}

/// `bytes.splitlines`: only `\n`, `\r` and `\r\n` end lines in bytes.
pub fn splitlines(s: &[u8], keepends: bool) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        let len = match s[i] {
            b'\r' if s.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        lines.push(&s[start..if keepends { i + len } else { i }]);
        i += len;
        start = i;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// `bytes.replace(old, new, count)`; `limit` is the number of replacements
/// allowed. An empty `old` inserts `new` before every byte and at the end.
/// The caller has bounded the result size.
pub fn replace(hay: &[u8], old: &[u8], new: &[u8], limit: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    if old.is_empty() {
        let inserts = hay.len().saturating_add(1).min(limit);
        for (i, &b) in hay.iter().enumerate() {
            if i < inserts {
                out.extend_from_slice(new);
            }
            out.push(b);
        }
        if inserts > hay.len() {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut from = 0;
    for at in match_positions(hay, old, limit) {
        out.extend_from_slice(&hay[from..at]);
        out.extend_from_slice(new);
        from = at + old.len();
    }
    out.extend_from_slice(&hay[from..]);
    out
}

/// Byte length of `replace(hay, old, new, limit)`, or `None` on overflow.
pub fn replaced_len(hay: &[u8], old: &[u8], new: &[u8], limit: usize) -> Option<usize> {
    let matches = if old.is_empty() {
        hay.len().saturating_add(1).min(limit)
    } else {
        match_positions(hay, old, limit).len()
    };
    let removed = old.len().checked_mul(matches)?;
    let added = new.len().checked_mul(matches)?;
    (hay.len() - removed).checked_add(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search() {
        assert_eq!(find(b"hello", b"l"), Some(2));
        assert_eq!(rfind(b"hello", b"l"), Some(3));
        assert_eq!(find(b"abcabcabd", b"abcabd"), Some(3));
        assert_eq!(rfind(b"abcabdabcabd", b"abcabd"), Some(6));
        assert_eq!(find(b"abc", b""), Some(0));
        assert_eq!(rfind(b"abc", b""), Some(3));
        assert_eq!(find(b"ab", b"abc"), None);
        assert_eq!(count(b"aaaa", b"aa"), 2);
        assert_eq!(count(b"abc", b""), 4);
        let long = vec![b'a'; 10_000];
        let mut needle = vec![b'a'; 5_000];
        needle.push(b'b');
        assert_eq!(find(&long, &needle), None);
        assert_eq!(rfind(&long, &needle), None);
    }

    #[test]
    fn splitting() {
        assert_eq!(split(b"a,b,,c", b",", usize::MAX), vec![&b"a"[..], b"b", b"", b"c"]);
        assert_eq!(rsplit(b"aaa", b"aa", usize::MAX), vec![&b"a"[..], b""]);
        assert_eq!(split(b"a,b,c", b",", 1), vec![&b"a"[..], b"b,c"]);
        assert_eq!(rsplit(b"a,b,c", b",", 1), vec![&b"a,b"[..], b"c"]);
        assert_eq!(split_whitespace(b" a  b ", usize::MAX), vec![&b"a"[..], b"b"]);
        assert_eq!(rsplit_whitespace(b" a b ", 1), vec![&b" a"[..], b"b"]);
        assert_eq!(splitlines(b"a\r\nb\rc\n", true), vec![&b"a\r\n"[..], b"b\r", b"c\n"]);
    }

    #[test]
    fn replacing() {
        assert_eq!(replace(b"abab", b"b", b"xy", usize::MAX), b"axyaxy");
        assert_eq!(replace(b"ab", b"", b"-", usize::MAX), b"-a-b-");
        assert_eq!(replace(b"ab", b"", b"-", 2), b"-a-b");
        assert_eq!(replaced_len(b"abab", b"b", b"xy", usize::MAX), Some(6));
    }
}
