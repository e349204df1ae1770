//! Randomised comparison against a direct model of Python's definitions over
//! `Vec<char>`: catches byte/code point mix-ups and off-by-one windows on
//! strings mixing 1-, 2-, 3- and 4-byte code points.

use super::super::*;

/// xorshift64*: deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn string(&mut self, max_len: usize) -> String {
        const ALPHABET: [char; 8] = ['a', 'b', 'é', '日', '😀', ' ', '\u{2000}', '\u{85}'];
        let len = self.below(max_len + 1);
        (0..len)
            .map(|_| ALPHABET[self.below(ALPHABET.len())])
            .collect()
    }

    fn bound(&mut self) -> Option<i64> {
        match self.below(10) {
            0 => None,
            _ => Some(self.below(17) as i64 - 8),
        }
    }
}

fn model_adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let wrap = |v: i64| if v < 0 { (v + len).max(0) } else { v };
    (start.map_or(0, wrap), end.map_or(len, |e| wrap(e).min(len)))
}

fn matches_at(hay: &[char], at: usize, sub: &[char]) -> bool {
    hay.get(at..at + sub.len()) == Some(sub)
}

fn model_find(
    s: &[char],
    sub: &[char],
    start: Option<i64>,
    end: Option<i64>,
    last: bool,
) -> Option<usize> {
    let (st, en) = model_adjust(start, end, s.len());
    if en - st < sub.len() as i64 {
        return None;
    }
    let hay = &s[..en as usize];
    let mut candidates = st as usize..=en as usize - sub.len();
    if last {
        candidates.rev().find(|&i| matches_at(hay, i, sub))
    } else {
        candidates.find(|&i| matches_at(hay, i, sub))
    }
}

fn model_count(s: &[char], sub: &[char], start: Option<i64>, end: Option<i64>) -> usize {
    let (st, en) = model_adjust(start, end, s.len());
    if en < st {
        return 0;
    }
    if sub.is_empty() {
        return (en - st + 1) as usize;
    }
    let (mut i, mut n) = (st as usize, 0);
    while i + sub.len() <= en as usize {
        if matches_at(s, i, sub) {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    n
}

fn model_split(s: &[char], sep: &[char], maxsplit: i64) -> Vec<String> {
    let mut pieces = Vec::new();
    let (mut piece_start, mut i) = (0, 0);
    while i + sep.len() <= s.len() && (maxsplit < 0 || (pieces.len() as i64) < maxsplit) {
        if matches_at(s, i, sep) {
            pieces.push(s[piece_start..i].iter().collect());
            i += sep.len();
            piece_start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(s[piece_start..].iter().collect());
    pieces
}

fn model_split_whitespace(s: &[char], maxsplit: i64) -> Vec<String> {
    let is_space = |c: &char| char_is_space(*c);
    let mut pieces = Vec::new();
    let mut i = 0;
    loop {
        while i < s.len() && is_space(&s[i]) {
            i += 1;
        }
        if i == s.len() {
            return pieces;
        }
        if maxsplit >= 0 && pieces.len() as i64 == maxsplit {
            pieces.push(s[i..].iter().collect());
            return pieces;
        }
        let start = i;
        while i < s.len() && !is_space(&s[i]) {
            i += 1;
        }
        pieces.push(s[start..i].iter().collect());
    }
}

fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

#[test]
fn index_arithmetic_matches_the_model() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let s = rng.string(9);
        let sub = rng.string(2);
        let (start, end) = (rng.bound(), rng.bound());
        let (cs, csub): (Vec<char>, Vec<char>) = (s.chars().collect(), sub.chars().collect());
        let case = format!("{s:?} {sub:?} {start:?} {end:?}");
        assert_eq!(
            find(&s, &sub, start, end),
            model_find(&cs, &csub, start, end, false),
            "find {case}"
        );
        assert_eq!(
            rfind(&s, &sub, start, end),
            model_find(&cs, &csub, start, end, true),
            "rfind {case}"
        );
        assert_eq!(
            count(&s, &sub, start, end),
            model_count(&cs, &csub, start, end),
            "count {case}"
        );
        let (st, en) = model_adjust(start, end, cs.len());
        let fits = en - st >= csub.len() as i64;
        let starts = fits && matches_at(&cs, st as usize, &csub);
        let ends = fits && matches_at(&cs, (en as usize) - csub.len(), &csub);
        assert_eq!(
            startswith(&s, &sub, start, end),
            starts,
            "startswith {case}"
        );
        assert_eq!(endswith(&s, &sub, start, end), ends, "endswith {case}");
        let (a, b) = (rng.below(11), rng.below(11));
        let expected: String = cs.iter().skip(a).take(b.saturating_sub(a)).collect();
        assert_eq!(char_slice(&s, a, b), expected, "slice {s:?} {a} {b}");
    }
}

#[test]
fn splitting_matches_the_model() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..20_000 {
        let s = rng.string(10);
        let sep = rng.string(2);
        let maxsplit = rng.below(5) as i64 - 1;
        let cs: Vec<char> = s.chars().collect();
        let ws = model_split_whitespace(&cs, maxsplit);
        assert_eq!(
            split(&s, None, maxsplit).unwrap(),
            ws,
            "{s:?}.split(None, {maxsplit})"
        );
        // rsplit is split on the reversed string, pieces reversed back.
        let rev: Vec<char> = cs.iter().rev().copied().collect();
        let mut rws: Vec<String> = model_split_whitespace(&rev, maxsplit)
            .iter()
            .map(|p| reversed(p))
            .collect();
        rws.reverse();
        assert_eq!(
            rsplit(&s, None, maxsplit).unwrap(),
            rws,
            "{s:?}.rsplit(None, {maxsplit})"
        );
        if sep.is_empty() {
            continue;
        }
        let csep: Vec<char> = sep.chars().collect();
        assert_eq!(
            split(&s, Some(&sep), maxsplit).unwrap(),
            model_split(&cs, &csep, maxsplit),
            "{s:?}.split({sep:?})"
        );
        let rsep: Vec<char> = csep.iter().rev().copied().collect();
        let mut rpieces: Vec<String> = model_split(&rev, &rsep, maxsplit)
            .iter()
            .map(|p| reversed(p))
            .collect();
        rpieces.reverse();
        assert_eq!(
            rsplit(&s, Some(&sep), maxsplit).unwrap(),
            rpieces,
            "{s:?}.rsplit({sep:?})"
        );
        let replaced = replace(&s, &sep, "<>", maxsplit);
        assert_eq!(
            replaced,
            model_split(&cs, &csep, maxsplit).join("<>"),
            "{s:?}.replace({sep:?})"
        );
    }
}

#[test]
fn large_inputs_stay_linear() {
    // Quadratic algorithms would take minutes here.
    let s = "ab ".repeat(200_000) + "日";
    assert_eq!(split(&s, None, -1).unwrap().len(), 200_001);
    assert_eq!(count(&s, "ab", None, None), 200_000);
    assert_eq!(replace(&s, "b", "", -1).len(), s.len() - 200_000);
    assert_eq!(rfind(&s, "日", Some(-1), None), Some(600_000));
    assert_eq!(find(&s, "日", Some(1), Some(-1)), None);
    let sigmas = "Σ'".repeat(50_000);
    assert_eq!(lower(&sigmas).chars().filter(|&c| c == 'ς').count(), 1);
    assert_eq!(swapcase(&sigmas), lower(&sigmas));
    assert_eq!(splitlines(&"x\r\n".repeat(100_000), false).len(), 100_000);
}

#[test]
fn byte_offsets_and_char_indices_are_inverse() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..500 {
        let s = rng.string(60);
        let n = char_len(&s);
        assert_eq!(n, s.chars().count());
        let text = Text::new(&s);
        for idx in 0..=n + 2 {
            let expected = s.char_indices().nth(idx).map_or(s.len(), |(b, _)| b);
            assert_eq!(byte_offset(&s, idx), expected, "{s:?} {idx}");
            assert_eq!(text.byte_offset(idx), expected, "{s:?} {idx}");
            assert_eq!(char_index(&s, expected), idx.min(n), "{s:?} {idx}");
        }
    }
}
