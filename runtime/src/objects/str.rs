//! `str`: immutable UTF-8 text with its length in code points and a cached
//! hash. Indexing is O(1) for ASCII text and O(n) otherwise. A uniquely
//! owned string may grow in place (`s += t` stays linear).

use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use crate::value::Value;

/// Texts up to this many bytes live inside the object: no second
/// allocation for the short strings programs make by the million.
const INLINE: usize = 24;

/// Bits of `StrObj::meta` above the code point count.
const INLINE_FLAG: u64 = 1 << 63;
const LEN_SHIFT: u32 = 48;
const CHARS_MASK: u64 = (1 << LEN_SHIFT) - 1;

pub struct StrObj {
    /// -1 until computed (a Python hash is never -1).
    hash: AtomicI64,
    /// The length in code points (low 48 bits); for inline text also its
    /// byte length (bits 48..56) and `INLINE_FLAG`.
    meta: u64,
    text: Text,
}

/// The bytes: inline (`meta` says how many) or a `String`.
union Text {
    inline: [u8; INLINE],
    heap: ManuallyDrop<String>,
}

fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

impl StrObj {
    pub fn new(s: String) -> StrObj {
        if s.len() <= INLINE {
            return StrObj::from_str(&s);
        }
        let chars = char_count(&s) as u64;
        StrObj { hash: AtomicI64::new(-1), meta: chars & CHARS_MASK, text: Text { heap: ManuallyDrop::new(s) } }
    }

    /// A str with a copy of `s`.
    pub fn from_str(s: &str) -> StrObj {
        if s.len() > INLINE {
            return StrObj::new(s.to_owned());
        }
        let mut inline = [0u8; INLINE];
        inline[..s.len()].copy_from_slice(s.as_bytes());
        let meta = INLINE_FLAG | ((s.len() as u64) << LEN_SHIFT) | char_count(s) as u64;
        StrObj { hash: AtomicI64::new(-1), meta, text: Text { inline } }
    }

    #[inline]
    fn is_inline(&self) -> bool {
        self.meta & INLINE_FLAG != 0
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        if self.is_inline() {
            let len = ((self.meta >> LEN_SHIFT) & 0xff) as usize;
            // SAFETY: inline text holds `len` bytes of valid UTF-8 (copied
            // from a `str` by `from_str` or `push_str`).
            unsafe { std::str::from_utf8_unchecked(self.text.inline.get_unchecked(..len)) }
        } else {
            // SAFETY: not inline, so `heap` is the live field.
            unsafe { self.text.heap.as_str() }
        }
    }

    #[inline]
    pub fn char_len(&self) -> usize {
        (self.meta & CHARS_MASK) as usize
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len() == self.as_str().len()
    }

    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != -1 {
            return h;
        }
        let h = crate::num::hash_str(self.as_str());
        self.hash.store(h, Ordering::Relaxed);
        h
    }

    /// Append in place; only for a string no one else can see. Inline text
    /// that outgrows the object moves to a `String` with room to grow, so
    /// `s += t` in a loop stays linear.
    pub fn push_str(&mut self, t: &str) {
        let chars = self.char_len() + char_count(t);
        *self.hash.get_mut() = -1;
        if self.is_inline() {
            let len = self.as_str().len();
            if len + t.len() <= INLINE {
                // SAFETY: inline is the live field; the bytes stay UTF-8
                // (a str followed by a str).
                unsafe { self.text.inline[len..len + t.len()].copy_from_slice(t.as_bytes()) };
                self.meta = INLINE_FLAG | (((len + t.len()) as u64) << LEN_SHIFT) | chars as u64;
                return;
            }
            let mut s = String::with_capacity((len + t.len()).max(2 * INLINE));
            s.push_str(self.as_str());
            s.push_str(t);
            self.text = Text { heap: ManuallyDrop::new(s) };
        } else {
            // SAFETY: not inline, so `heap` is the live field.
            unsafe { (*self.text.heap).push_str(t) };
        }
        self.meta = chars as u64 & CHARS_MASK;
    }

    /// The code point at `index` (already normalised to 0..len).
    pub fn char_at(&self, index: usize) -> Option<char> {
        if self.is_ascii() {
            self.as_str().as_bytes().get(index).map(|&b| b as char)
        } else {
            self.as_str().chars().nth(index)
        }
    }

    /// Byte offset of code point `index` (clamped to the end).
    pub fn byte_offset(&self, index: usize) -> usize {
        let s = self.as_str();
        if self.is_ascii() {
            index.min(s.len())
        } else {
            s.char_indices().nth(index).map(|(b, _)| b).unwrap_or(s.len())
        }
    }

    pub fn into_string(self) -> String {
        let mut me = ManuallyDrop::new(self);
        if me.is_inline() {
            me.as_str().to_owned()
        } else {
            // SAFETY: not inline, so `heap` is the live field; `me` is not
            // dropped, so the String is moved out exactly once.
            unsafe { ManuallyDrop::take(&mut me.text.heap) }
        }
    }
}

impl Drop for StrObj {
    fn drop(&mut self) {
        if !self.is_inline() {
            // SAFETY: not inline, so `heap` is the live field, dropped once.
            unsafe { ManuallyDrop::drop(&mut self.text.heap) }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_heap_text_agree() {
        let short = "héllo wörld";
        let exact = "x".repeat(INLINE);
        let long = "ä".repeat(20);
        for text in [short, exact.as_str(), long.as_str(), ""] {
            let a = StrObj::from_str(text);
            let b = StrObj::new(text.to_owned());
            assert_eq!(a.as_str(), text);
            assert_eq!(b.as_str(), text);
            assert_eq!(a.char_len(), text.chars().count());
            assert_eq!(a.is_ascii(), text.is_ascii());
            assert_eq!(a.hash(), b.hash());
            assert_eq!(b.into_string(), text);
        }
        // Growing across the inline limit keeps the text, count and hash.
        let mut s = StrObj::from_str("ab");
        let mut expected = String::from("ab");
        for piece in ["cdé", "0123456789", "ü", "0123456789", "tail"] {
            let before = s.hash();
            s.push_str(piece);
            expected.push_str(piece);
            assert_eq!(s.as_str(), expected);
            assert_eq!(s.char_len(), expected.chars().count());
            assert_ne!(s.hash(), before);
            assert_eq!(s.hash(), StrObj::from_str(&expected).hash());
        }
        assert_eq!(s.into_string(), expected);
    }
}
