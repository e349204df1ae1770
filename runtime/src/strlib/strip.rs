//! `str.strip`, `lstrip` and `rstrip`: with no argument they remove Python
//! whitespace (`char_is_space`), otherwise any of the code points in `chars`.

use super::chars::char_is_space;

/// The set of code points to strip, chosen for fast membership tests.
enum StripSet<'c> {
    Whitespace,
    /// ASCII-only argument: a 128-bit mask.
    Ascii(u128),
    /// A few non-ASCII code points: a linear scan of the argument is fastest.
    Few(&'c str),
    /// Many code points: sorted for binary search.
    Many(Vec<char>),
}

impl<'c> StripSet<'c> {
    fn new(chars: Option<&'c str>) -> Self {
        let Some(chars) = chars else {
            return StripSet::Whitespace;
        };
        if chars.is_ascii() {
            StripSet::Ascii(chars.bytes().fold(0, |mask, b| mask | 1u128 << b))
        } else if chars.len() <= 32 {
            StripSet::Few(chars)
        } else {
            let mut set: Vec<char> = chars.chars().collect();
            set.sort_unstable();
            set.dedup();
            StripSet::Many(set)
        }
    }

    fn contains(&self, c: char) -> bool {
        match self {
            StripSet::Whitespace => char_is_space(c),
            StripSet::Ascii(mask) => c.is_ascii() && mask & (1u128 << u32::from(c)) != 0,
            StripSet::Few(chars) => chars.contains(c),
            StripSet::Many(set) => set.binary_search(&c).is_ok(),
        }
    }
}

pub fn strip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    let set = StripSet::new(chars);
    s.trim_matches(|c| set.contains(c))
}

pub fn lstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    let set = StripSet::new(chars);
    s.trim_start_matches(|c| set.contains(c))
}

pub fn rstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    let set = StripSet::new(chars);
    s.trim_end_matches(|c| set.contains(c))
}
