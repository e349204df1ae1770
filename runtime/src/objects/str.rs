//! `str`: immutable UTF-8 text with its length in code points and a cached
//! hash. Indexing is O(1) for ASCII text and O(n) otherwise. A uniquely
//! owned string may grow in place (`s += t` stays linear).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use crate::value::Value;

pub struct StrObj {
    s: String,
    /// Length in code points.
    chars: usize,
    /// -1 until computed (a Python hash is never -1).
    hash: AtomicI64,
}

impl StrObj {
    pub fn new(s: String) -> StrObj {
        let chars = if s.is_ascii() { s.len() } else { s.chars().count() };
        StrObj { s, chars, hash: AtomicI64::new(-1) }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }

    #[inline]
    pub fn char_len(&self) -> usize {
        self.chars
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }

    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != -1 {
            return h;
        }
        let h = crate::num::hash_str(&self.s);
        self.hash.store(h, Ordering::Relaxed);
        h
    }

    /// Append in place; only for a string no one else can see.
    pub fn push_str(&mut self, t: &str) {
        self.s.push_str(t);
        self.chars += if t.is_ascii() { t.len() } else { t.chars().count() };
        *self.hash.get_mut() = -1;
    }

    /// The code point at `index` (already normalised to 0..len).
    pub fn char_at(&self, index: usize) -> Option<char> {
        if self.is_ascii() {
            self.s.as_bytes().get(index).map(|&b| b as char)
        } else {
            self.s.chars().nth(index)
        }
    }

    /// Byte offset of code point `index` (clamped to the end).
    pub fn byte_offset(&self, index: usize) -> usize {
        if self.is_ascii() {
            index.min(self.s.len())
        } else {
            self.s.char_indices().nth(index).map(|(b, _)| b).unwrap_or(self.s.len())
        }
    }

    pub fn into_string(self) -> String {
        self.s
    }
}

/// `s + t` for two str values, growing `a` in place when it is unshared.
pub fn concat(a: Value, b: &str) -> Value {
    match a {
        Value::Str(mut arc) => {
            if let Some(s) = Arc::get_mut(&mut arc) {
                s.push_str(b);
                return Value::Str(arc);
            }
            let mut out = String::with_capacity(arc.as_str().len() + b.len());
            out.push_str(arc.as_str());
            out.push_str(b);
            Value::string(out)
        }
        other => other,
    }
}
