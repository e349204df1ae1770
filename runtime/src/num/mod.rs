//! Python's numeric semantics as plain Rust functions over `i64`, `BigInt` and
//! `f64`: parsing (`int(s, base)`, `float(s)`), the numeric hash (modulus
//! 2**61 - 1, so `hash(1) == hash(1.0)`), the str/bytes SipHash, float
//! arithmetic with Python's rules (floor division, modulo sign, `pow`,
//! correctly rounded `round`, int/int true division) and big-integer helpers
//! with floor semantics.
//!
//! This module knows nothing about Python objects or exceptions: every
//! fallible function returns `Err`/`None` with CPython's message where there
//! is one, and the caller raises the matching exception. It depends only on
//! std, `num-bigint`, `num-traits` and `num-integer`, and never panics on
//! caller-supplied input.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

pub mod float;
pub mod hash;
mod hexfloat;
pub mod int;
pub mod parse;

pub use float::*;
pub use hash::*;
pub use int::*;
pub use parse::{parse_float, parse_int, parse_int_with_limit, ParseIntError};

/// The message of results too large to allocate; the caller raises
/// MemoryError (which CPython raises without a message).
pub const OUT_OF_MEMORY: &str = "out of memory";

/// A borrowed Python int: the small (i64) or the big representation.
#[derive(Clone, Copy, Debug)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

/// An owned Python int. `Big` is used only when the value does not fit an
/// `i64`; constructors in this module keep that invariant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntValue {
    Small(i64),
    Big(BigInt),
}

impl IntValue {
    /// Wraps `b`, moving it to the `Small` form when it fits an `i64`.
    pub fn from_bigint(b: BigInt) -> IntValue {
        match b.to_i64() {
            Some(v) => IntValue::Small(v),
            None => IntValue::Big(b),
        }
    }

    pub fn as_ref(&self) -> IntRef<'_> {
        match self {
            IntValue::Small(v) => IntRef::Small(*v),
            IntValue::Big(b) => IntRef::Big(b),
        }
    }

    pub fn to_bigint(&self) -> BigInt {
        self.as_ref().to_bigint()
    }

    pub fn to_i64(&self) -> Option<i64> {
        self.as_ref().to_i64()
    }
}

impl From<i64> for IntValue {
    fn from(v: i64) -> IntValue {
        IntValue::Small(v)
    }
}

impl From<BigInt> for IntValue {
    fn from(b: BigInt) -> IntValue {
        IntValue::from_bigint(b)
    }
}

impl std::fmt::Display for IntValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntValue::Small(v) => write!(f, "{v}"),
            IntValue::Big(b) => write!(f, "{b}"),
        }
    }
}

impl<'a> IntRef<'a> {
    pub fn to_bigint(self) -> BigInt {
        match self {
            IntRef::Small(v) => BigInt::from(v),
            IntRef::Big(b) => b.clone(),
        }
    }

    /// The value as an `i64` when it fits (a `Big` that happens to fit too).
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(b) => b.to_i64(),
        }
    }

    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }

    pub fn is_zero(self) -> bool {
        match self {
            IntRef::Small(v) => v == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    pub fn to_owned_value(self) -> IntValue {
        match self {
            IntRef::Small(v) => IntValue::Small(v),
            IntRef::Big(b) => IntValue::from_bigint(b.clone()),
        }
    }
}

impl<'a> From<&'a BigInt> for IntRef<'a> {
    fn from(b: &'a BigInt) -> IntRef<'a> {
        IntRef::Big(b)
    }
}

impl From<i64> for IntRef<'_> {
    fn from(v: i64) -> Self {
        IntRef::Small(v)
    }
}
