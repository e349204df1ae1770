//! SHA-512 (FIPS 180-4), for `random.seed` of str and bytes, which hashes
//! the seed as CPython does. The round constants and initial hash values
//! are derived from the primes as the standard defines them (fractional
//! parts of cube and square roots), computed exactly with big integers.

use std::sync::OnceLock;

use num_bigint::BigUint;
use num_traits::ToPrimitive;

struct Constants {
    k: [u64; 80],
    h0: [u64; 8],
}

fn primes(n: usize) -> Vec<u64> {
    let mut out = Vec::with_capacity(n);
    let mut c = 2u64;
    while out.len() < n {
        if out.iter().all(|p| c % p != 0) {
            out.push(c);
        }
        c += 1;
    }
    out
}

/// The first 64 bits of the fractional part of the `root`-th root of `p`.
fn frac_bits(p: u64, root: u32) -> u64 {
    let scaled = BigUint::from(p) << (64 * root as usize);
    let r = if root == 2 { scaled.sqrt() } else { scaled.cbrt() };
    let mask = (BigUint::from(1u8) << 64usize) - 1u8;
    (r & mask).to_u64().unwrap_or(0)
}

fn constants() -> &'static Constants {
    static C: OnceLock<Constants> = OnceLock::new();
    C.get_or_init(|| {
        let ps = primes(80);
        let mut k = [0u64; 80];
        for (i, p) in ps.iter().enumerate() {
            k[i] = frac_bits(*p, 3);
        }
        let mut h0 = [0u64; 8];
        for (i, p) in ps.iter().take(8).enumerate() {
            h0[i] = frac_bits(*p, 2);
        }
        Constants { k, h0 }
    })
}

fn compress(h: &mut [u64; 8], block: &[u8], k: &[u64; 80]) {
    let mut w = [0u64; 80];
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        w[i] = u64::from_be_bytes(chunk.try_into().unwrap_or([0; 8]));
    }
    for i in 16..80 {
        let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
        let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = *h;
    for i in 0..80 {
        let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
        let ch = (e & f) ^ (!e & g);
        let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(k[i]).wrapping_add(w[i]);
        let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        hh = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (x, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
        *x = x.wrapping_add(v);
    }
}

/// The SHA-512 digest of `data`.
pub fn sha512(data: &[u8]) -> [u8; 64] {
    let c = constants();
    let mut h = c.h0;
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u128) * 8;
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(128) {
        compress(&mut h, block, &c.k);
    }
    let mut out = [0u8; 64];
    for (i, word) in h.iter().enumerate() {
        out[i * 8..i * 8 + 8].copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(d: &[u8]) -> String {
        d.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn known_digests() {
        assert_eq!(constants().h0[0], 0x6a09e667f3bcc908);
        assert_eq!(constants().k[0], 0x428a2f98d728ae22);
        assert!(hex(&sha512(b"abc")).starts_with("ddaf35a193617abacc417349ae204131"));
        assert!(hex(&sha512(b"")).starts_with("cf83e1357eefb8bdf1542850d66d8007"));
        let long = vec![b'a'; 200];
        assert_eq!(sha512(&long).len(), 64);
    }
}
