//! CPython's hash functions: the numeric hash (reduction modulo the Mersenne
//! prime 2**61 - 1, so equal numbers of different types hash equal), the
//! tuple and frozenset combiners, and SipHash-1-3 for str and bytes.
//!
//! A hash is never -1 (CPython reserves it as the error value): -1 becomes -2.

use num_bigint::{BigInt, Sign};
use std::sync::atomic::{AtomicU64, Ordering};

pub const HASH_MODULUS: u64 = (1 << 61) - 1;
const HASH_BITS: u32 = 61;
/// hash(float('inf')); hash(float('-inf')) is its negation.
pub const HASH_INF: i64 = 314_159;
/// Multiplier of the imaginary part in complex hashes.
pub const HASH_IMAG: u64 = 1_000_003;

fn avoid_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(v)` for an int.
pub fn hash_i64(v: i64) -> i64 {
    let reduced = (v.unsigned_abs() % HASH_MODULUS) as i64;
    avoid_minus_one(if v < 0 { -reduced } else { reduced })
}

/// `hash(v)` for an int of any size.
pub fn hash_bigint(v: &BigInt) -> i64 {
    let (sign, digits) = v.to_u64_digits();
    let mut acc: u128 = 0;
    for &d in digits.iter().rev() {
        acc = ((acc << 64) | d as u128) % HASH_MODULUS as u128;
    }
    let reduced = acc as i64;
    avoid_minus_one(if sign == Sign::Minus {
        -reduced
    } else {
        reduced
    })
}

/// `hash(x)` for a float; `None` for NaN, which CPython 3.10+ hashes by
/// object identity (the caller does that).
pub fn hash_f64(x: f64) -> Option<i64> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { HASH_INF } else { -HASH_INF });
    }
    // x = mantissa * 2**exp exactly, with an integer mantissa below 2**53.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    // Multiplying by 2**k modulo 2**61 - 1 depends only on k mod 61.
    let shift = exp.rem_euclid(HASH_BITS as i64) as u32;
    let reduced = (((mantissa as u128) << shift) % HASH_MODULUS as u128) as i64;
    Some(avoid_minus_one(if x < 0.0 { -reduced } else { reduced }))
}

/// `hash(complex(re, im))`; `None` if either part is NaN (identity hash).
pub fn hash_complex(re: f64, im: f64) -> Option<i64> {
    let real = hash_f64(re)? as u64;
    let imag = hash_f64(im)? as u64;
    Some(avoid_minus_one(
        real.wrapping_add(HASH_IMAG.wrapping_mul(imag)) as i64,
    ))
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// The tuple hash of CPython 3.8+, a variant of xxHash's accumulator:
/// `new(len)`, `add` each item's hash in order, then `finish`.
#[derive(Clone, Debug)]
pub struct TupleHasher {
    acc: u64,
    len: usize,
}

impl TupleHasher {
    pub fn new(len: usize) -> TupleHasher {
        TupleHasher {
            acc: XXPRIME_5,
            len,
        }
    }

    pub fn add(&mut self, item_hash: i64) {
        let lane = item_hash as u64;
        self.acc = self.acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        self.acc = self.acc.rotate_left(31);
        self.acc = self.acc.wrapping_mul(XXPRIME_1);
    }

    pub fn finish(&self) -> i64 {
        let acc = self
            .acc
            .wrapping_add(self.len as u64 ^ (XXPRIME_5 ^ 3_527_539));
        if acc == u64::MAX {
            return 1_546_275_796;
        }
        acc as i64
    }
}

/// Spreads an item hash before it is xor-ed into a frozenset hash, so that
/// sets of nearby integers do not cancel out.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(frozenset(...))` from the hashes of its `len` distinct items, in any
/// order (the combination is order-independent).
pub fn hash_frozenset(item_hashes: impl Iterator<Item = i64>, len: usize) -> i64 {
    let mut hash = item_hashes.fold(0u64, |acc, h| acc ^ shuffle_bits(h as u64));
    hash ^= (len as u64).wrapping_add(1).wrapping_mul(1_927_868_237);
    // Disperse patterns that arise in nested frozensets.
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        return 590_923_713;
    }
    hash as i64
}

// The str/bytes hash key is process-wide. The default (0, 0) reproduces
// CPython run with PYTHONHASHSEED=0; the host may install a random key at
// start-up and hands the same key to every compiled module's runtime copy.
static HASH_K0: AtomicU64 = AtomicU64::new(0);
static HASH_K1: AtomicU64 = AtomicU64::new(0);

/// Sets the SipHash key used by `hash_str` and `hash_bytes`. Must happen
/// before any str or bytes hash is computed (hashes are cached).
pub fn set_hash_key(k0: u64, k1: u64) {
    HASH_K0.store(k0, Ordering::Relaxed);
    HASH_K1.store(k1, Ordering::Relaxed);
}

pub fn hash_key() -> (u64, u64) {
    (
        HASH_K0.load(Ordering::Relaxed),
        HASH_K1.load(Ordering::Relaxed),
    )
}

/// `hash(b)` for bytes: SipHash-1-3 with the process key; `b""` hashes to 0.
pub fn hash_bytes(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let (k0, k1) = hash_key();
    avoid_minus_one(siphash13(k0, k1, b) as i64)
}

/// `hash(s)` for str: SipHash-1-3 of the UTF-8 bytes with the process key.
pub fn hash_str(s: &str) -> i64 {
    hash_bytes(s.as_bytes())
}

struct SipState {
    v: [u64; 4],
}

impl SipState {
    fn round(&mut self) {
        let v = &mut self.v;
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }

    fn absorb(&mut self, word: u64) {
        self.v[3] ^= word;
        self.round();
        self.v[0] ^= word;
    }
}

/// SipHash with one compression and three finalisation rounds.
pub fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut st = SipState {
        v: [
            k0 ^ 0x736f_6d65_7073_6575,
            k1 ^ 0x646f_7261_6e64_6f6d,
            k0 ^ 0x6c79_6765_6e65_7261,
            k1 ^ 0x7465_6462_7974_6573,
        ],
    };
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        st.absorb(u64::from_le_bytes(word));
    }
    let mut last = (data.len() as u64) << 56;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    st.absorb(last);
    st.v[2] ^= 0xff;
    for _ in 0..3 {
        st.round();
    }
    st.v[0] ^ st.v[1] ^ st.v[2] ^ st.v[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_hashes() {
        let ints: &[(i64, i64)] = &[
            (-1, -2),
            (0, 0),
            (1, 1),
            (-2, -2),
            (i64::MAX, 3),
            (i64::MIN, -4),
            ((1 << 61) - 1, 0),
            (-(1 << 61), -2),
            (1 << 61, 1),
        ];
        for &(v, want) in ints {
            assert_eq!(hash_i64(v), want, "hash({v})");
            assert_eq!(hash_bigint(&BigInt::from(v)), want, "hash(big {v})");
        }
        let big = |s: &str| s.parse::<BigInt>().unwrap();
        assert_eq!(hash_bigint(&big("18446744073709551616")), 8);
        assert_eq!(
            hash_bigint(&big("1000000000000000000000000000000")),
            465258685558744706
        );
        assert_eq!(
            hash_bigint(&big("-1000000000000000000000000000000")),
            -465258685558744706
        );
        assert_eq!(hash_bigint(&big("9223372036854775808")), 4);
        let floats: &[(f64, i64)] = &[
            (1.5, 1152921504606846977),
            (-0.0, 0),
            (0.0, 0),
            (1e300, 1224995262755759164),
            (5e-324, 16777216),
            (-2.5, -1152921504606846978),
            (0.1, 230584300921369408),
            (1e-300, 482449582752280463),
            (f64::INFINITY, 314159),
            (f64::NEG_INFINITY, -314159),
            (-1.0, -2),
            (1e30, 465278570183583362),
            (1e-310, 615709907932414099),
            (-1e308, -156575653125701),
            (9223372036854775808.0, 4),
        ];
        for &(x, want) in floats {
            assert_eq!(hash_f64(x), Some(want), "hash({x:?})");
        }
        assert_eq!(hash_f64(f64::NAN), None);
        let complexes: &[(f64, f64, i64)] = &[
            (1.0, 2.0, 2000007),
            (0.0, 1.0, 1000003),
            (-1.0, 0.0, -2),
            (1.5, -2.5, -2305843009215693957),
            (0.0, -1.0, -2000006),
            (f64::INFINITY, 1.0, 1314162),
        ];
        for &(re, im, want) in complexes {
            assert_eq!(
                hash_complex(re, im),
                Some(want),
                "hash(complex({re}, {im}))"
            );
        }
        assert_eq!(hash_complex(1.0, f64::NAN), None);
    }

    fn tuple_hash(items: &[i64]) -> i64 {
        let mut h = TupleHasher::new(items.len());
        items.iter().for_each(|&i| h.add(i));
        h.finish()
    }

    #[test]
    fn tuple_and_frozenset_hashes() {
        assert_eq!(tuple_hash(&[1, 2]), -3550055125485641917);
        assert_eq!(tuple_hash(&[]), 5740354900026072187);
        assert_eq!(tuple_hash(&[1]), -6644214454873602895);
        assert_eq!(tuple_hash(&[5740354900026072187]), -5486347211504344842);
        assert_eq!(tuple_hash(&[1, 2, 3]), 529344067295497451);
        assert_eq!(tuple_hash(&[-2]), 8078679518589016365);
        assert_eq!(tuple_hash(&[1152921504606846976, 1]), -8572458927399070566);
        let fs = |items: &[i64]| hash_frozenset(items.iter().copied(), items.len());
        assert_eq!(fs(&[]), 133146708735736);
        assert_eq!(fs(&[1]), -558064481276695278);
        assert_eq!(fs(&[3, 1, 2]), -272375401224217160);
        assert_eq!(fs(&[-2]), 6776983852052281967);
        assert_eq!(fs(&[1152921504606846977, 512]), 1892992739571880873);
        assert_eq!(fs(&[133146708735736]), -6993584179861130285);
    }

    #[test]
    fn siphash_matches_cpython_with_zero_seed() {
        // CPython 3.13 with PYTHONHASHSEED=0 (key 0, 0).
        assert_eq!(hash_key(), (0, 0));
        let cases: &[(&[u8], i64)] = &[
            (b"", 0),
            (b"a", 4644417185603328019),
            (b"abc", -4594863902769663758),
            (b"abcdefgh", 4574395652268504554),
            (b"abcdefghi", -532774252720507163),
            (
                b"hello world, this is a longer bytes value!",
                -5882624255871990915,
            ),
        ];
        for &(b, want) in cases {
            assert_eq!(hash_bytes(b), want, "hash({b:?})");
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(hash_bytes(&all), 3579909164457460488);
        assert_eq!(hash_str("hello world"), -5642461784034726774);
        assert_eq!(hash_str(""), 0);
    }
}
