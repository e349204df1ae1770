//! Constants and names in compiled code. Strings are interned once, on
//! first use (after the module has bound to the host's context); each use
//! site owns a tiny static (`name!("append")`).

use std::sync::{Arc, OnceLock};

use crate::context::intern;
use crate::value::Value;

/// An interned str made on first use.
pub struct Interned {
    text: &'static str,
    value: OnceLock<Value>,
}

impl Interned {
    pub const fn new(text: &'static str) -> Interned {
        Interned { text, value: OnceLock::new() }
    }

    #[inline]
    pub fn get(&self) -> &Value {
        self.value.get_or_init(|| intern(self.text))
    }
}

/// The interned str for a name or string literal: `name!("append")`.
#[macro_export]
macro_rules! name {
    ($text:literal) => {{
        static NAME: $crate::compiled::Interned = $crate::compiled::Interned::new($text);
        NAME.get()
    }};
}

/// An integer literal beyond i64.
pub fn bigint_const(digits: &str) -> Value {
    match digits.parse::<num_bigint::BigInt>() {
        Ok(b) => Value::from_bigint(b),
        Err(_) => Value::Int(0),
    }
}

/// A bytes literal.
pub fn bytes_const(b: &[u8]) -> Value {
    crate::objects::bytes_methods::bytes_value(b.to_vec())
}

/// An imaginary literal (`2j`).
pub fn imaginary_const(im: f64) -> Value {
    Value::Complex(Arc::new(crate::objects::complex::ComplexObj { re: 0.0, im }))
}
