//! `_random`: the Mersenne Twister (MT19937) core of `random`, seeded and
//! stepped exactly as CPython's, so `random.seed(n)` gives CPython's
//! sequences. The distributions are in `python/random.py`.

use std::any::Any;
use std::sync::Arc;

use num_bigint::{BigInt, Sign};
use num_traits::Signed;
use parking_lot::Mutex;

use protopy_runtime::objects::native::{downcast, NativeObject};
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

pub struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new() -> Mt {
        let mut mt = Mt { state: [0; N], index: N + 1 };
        mt.init_genrand(5489);
        mt
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        for _ in 0..N.max(len) {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        self.state[0] = 0x8000_0000;
    }

    fn twist(&mut self) {
        let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        for k in 0..N {
            let y = (self.state[k] & UPPER_MASK) | (self.state[(k + 1) % N] & LOWER_MASK);
            self.state[k] = self.state[(k + M) % N] ^ (y >> 1) ^ mag(y);
        }
        self.index = 0;
    }

    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for k >= 0.
    fn bits(&mut self, k: u64) -> Value {
        if k <= 32 {
            return Value::Int(if k == 0 { 0 } else { (self.next_u32() >> (32 - k)) as i64 });
        }
        let words = k.div_ceil(32) as usize;
        let mut digits = Vec::new();
        if digits.try_reserve_exact(words).is_err() {
            return Value::None;
        }
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        Value::from_bigint(BigInt::from_slice(Sign::Plus, &digits))
    }
}

pub struct Random {
    mt: Mutex<Mt>,
}

fn random_type() -> Arc<TypeObj> {
    crate::native_iter::registered("_random", "Random", || {
        crate::util::native_class(
            "Random",
            Some(random_new),
            &[
                ("seed", seed),
                ("random", random),
                ("getrandbits", getrandbits),
                ("getstate", getstate),
                ("setstate", setstate),
            ],
        )
    })
}

impl NativeObject for Random {
    fn type_obj(&self) -> Arc<TypeObj> {
        random_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn this(v: &Value) -> PyResult<&Random> {
    downcast::<Random>(v).ok_or_else(|| PyErr::type_error("descriptor requires a '_random.Random' object"))
}

fn random_new(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "Random", 0, 1)?;
    let r = Value::native(Random { mt: Mutex::new(Mt::new()) });
    let arg = pos.first().cloned().unwrap_or(Value::None);
    seed(CallArgs::positional_only(&[r.clone(), arg]))?;
    Ok(r)
}

/// Seed words from the OS (for `seed(None)`).
fn entropy() -> Vec<u32> {
    let mut buf = [0u8; 32];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf)).is_ok();
    if !ok {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let mix = t.as_nanos() as u64 ^ (std::process::id() as u64) << 32;
        buf[..8].copy_from_slice(&mix.to_le_bytes());
    }
    buf.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

/// The 32-bit words of `n`, least significant first (at least one).
fn key_of(n: &BigInt) -> Vec<u32> {
    let (_, mut words) = n.abs().to_u32_digits();
    if words.is_empty() {
        words.push(0);
    }
    words
}

fn seed(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "seed", 1, 2)?;
    let r = this(&pos[0])?;
    let arg = pos.get(1).cloned().unwrap_or(Value::None);
    let key = match ops::payload(&arg) {
        Value::None => entropy(),
        Value::Int(i) => key_of(&BigInt::from(i)),
        Value::BigInt(b) => key_of(&b),
        Value::Bool(b) => key_of(&BigInt::from(b as i64)),
        Value::Str(s) => key_of(&bytes_seed(s.as_str().as_bytes())),
        Value::Bytes(b) => key_of(&bytes_seed(&b.data)),
        _ => key_of(&BigInt::from(ops::hash(&arg)?)),
    };
    r.mt.lock().init_by_array(&key);
    Ok(Value::None)
}

/// `int.from_bytes(a + sha512(a).digest())`, as `random.seed` turns
/// str and bytes seeds into ints (version 2).
pub fn bytes_seed(data: &[u8]) -> BigInt {
    let mut all = data.to_vec();
    all.extend_from_slice(&crate::sha512::sha512(data));
    BigInt::from_bytes_be(Sign::Plus, &all)
}

fn random(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("random")?;
    Ok(Value::Float(this(s)?.mt.lock().next_f64()))
}

fn getrandbits(a: CallArgs) -> PyResult<Value> {
    let [s, k] = a.exact::<2>("getrandbits")?;
    let r = this(s)?;
    let k = ops::index_value(k)?;
    if k < 0 {
        return Err(PyErr::value_error("number of bits must be non-negative"));
    }
    match r.mt.lock().bits(k as u64) {
        Value::None => Err(PyErr::memory_error()),
        v => Ok(v),
    }
}

fn getstate(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("getstate")?;
    let mt = this(s)?.mt.lock();
    let mut items: Vec<Value> = mt.state.iter().map(|&w| Value::Int(w as i64)).collect();
    items.push(Value::from_usize(mt.index));
    Ok(Value::tuple(items))
}

fn setstate(a: CallArgs) -> PyResult<Value> {
    let [s, st] = a.exact::<2>("setstate")?;
    let r = this(s)?;
    let Value::Tuple(t) = ops::payload(st) else {
        return Err(PyErr::type_error("state vector must be a tuple"));
    };
    if t.len() != N + 1 {
        return Err(PyErr::value_error("state vector is the wrong size"));
    }
    let mut state = [0u32; N];
    for (slot, v) in state.iter_mut().zip(t.items()) {
        let w = ops::index_value(v)?;
        if !(0..=u32::MAX as i64).contains(&w) {
            return Err(PyErr::overflow("Python int too large to convert to C unsigned long"));
        }
        *slot = w as u32;
    }
    let index = ops::index_value(&t.items()[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(PyErr::value_error("invalid state"));
    }
    let mut mt = r.mt.lock();
    mt.state = state;
    mt.index = index as usize;
    Ok(Value::None)
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module("_random", &[]);
    m.set("Random", Value::Type(random_type()));
    Ok(Value::Module(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_sequence() {
        // The reference implementation's output for init_by_array of
        // {0x123, 0x234, 0x345, 0x456} begins with 1067595299.
        let mut mt = Mt::new();
        mt.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        assert_eq!(mt.next_u32(), 1_067_595_299);
        assert_eq!(mt.next_u32(), 955_945_823);
    }
}
