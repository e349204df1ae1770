//! `Value`: every Python object as the runtime sees it. Immediates (None,
//! bool, small int, float) live inline; everything else is an `Arc` to an
//! object of one of the builtin kinds. Dispatch on the variant is the
//! "stable builtin-kind tag" that fast paths use.

use std::sync::Arc;

use num_bigint::BigInt;

use crate::objects::{
    bytes::{ByteArrayObj, BytesObj},
    complex::ComplexObj,
    dict::DictObj,
    function::{BoundMethod, BuiltinFunction, CellObj, Function},
    generator::GeneratorObj,
    instance::Instance,
    iter::IterObj,
    list::ListObj,
    module::ModuleObj,
    native::NativeObject,
    range::RangeObj,
    set::SetObj,
    slice::SliceObj,
    str::StrObj,
    tuple::TupleObj,
    typeobj::TypeObj,
};

/// The tag is a whole word (`repr(u64)`): a `Value` is two aligned words,
/// copied as such (with a one-byte tag the payload of `Bool` sat at byte 1
/// and copies went in odd-sized pieces).
///
/// The immediates come first: every variant from `BigInt` on holds one
/// `Arc` in its second word, which `clone` and `release` count without
/// a match over the kinds (see `heap_count`).
#[repr(u64)]
pub enum Value {
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    /// An int that fits in i64. Larger ints are `BigInt`; the two never
    /// overlap (a `BigInt` never holds an i64-sized value).
    Int(i64),
    Float(f64),
    BigInt(Arc<BigInt>),
    Complex(Arc<ComplexObj>),
    Str(Arc<StrObj>),
    Bytes(Arc<BytesObj>),
    ByteArray(Arc<ByteArrayObj>),
    List(Arc<ListObj>),
    Tuple(Arc<TupleObj>),
    Dict(Arc<DictObj>),
    Set(Arc<SetObj>),
    FrozenSet(Arc<SetObj>),
    Range(Arc<RangeObj>),
    Slice(Arc<SliceObj>),
    Function(Arc<Function>),
    Builtin(Arc<BuiltinFunction>),
    BoundMethod(Arc<BoundMethod>),
    Type(Arc<TypeObj>),
    /// An instance of a user-defined class (and every exception).
    Instance(Arc<Instance>),
    Module(Arc<ModuleObj>),
    Cell(Arc<CellObj>),
    Iter(Arc<IterObj>),
    Generator(Arc<GeneratorObj>),
    /// Everything else: descriptors, `super`, native-module objects.
    Native(Arc<crate::objects::native::NativeBox>),
}

impl Clone for Value {
    /// One count increment for any heap kind (no match over the kinds),
    /// a plain copy for an immediate.
    #[inline(always)]
    fn clone(&self) -> Value {
        if let Some(count) = self.heap_count() {
            // As `Arc::clone`: relaxed, and a count past isize::MAX aborts.
            if count.fetch_add(1, std::sync::atomic::Ordering::Relaxed) > isize::MAX as usize {
                std::process::abort();
            }
        }
        // SAFETY: the copy owns the reference just counted (or is an
        // immediate, which owns nothing).
        unsafe { std::ptr::read(self) }
    }
}

impl Default for Value {
    fn default() -> Self {
        Value::None
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match crate::ops::repr(self) {
            Ok(s) => f.write_str(&s),
            Err(_) => write!(f, "<{} object>", crate::ops::type_name(self)),
        }
    }
}

/// Every kind's object sits right after the two counts of its `Arc`
/// allocation (`heap_ptr` relies on it).
const _PAYLOAD_ALIGN: () = {
    use std::mem::align_of;
    let most = 2 * std::mem::size_of::<usize>();
    assert!(
        align_of::<BigInt>() <= most
            && align_of::<ComplexObj>() <= most
            && align_of::<StrObj>() <= most
            && align_of::<BytesObj>() <= most
            && align_of::<ByteArrayObj>() <= most
            && align_of::<ListObj>() <= most
            && align_of::<TupleObj>() <= most
            && align_of::<DictObj>() <= most
            && align_of::<SetObj>() <= most
            && align_of::<RangeObj>() <= most
            && align_of::<SliceObj>() <= most
            && align_of::<Function>() <= most
            && align_of::<BuiltinFunction>() <= most
            && align_of::<BoundMethod>() <= most
            && align_of::<TypeObj>() <= most
            && align_of::<Instance>() <= most
            && align_of::<ModuleObj>() <= most
            && align_of::<CellObj>() <= most
            && align_of::<IterObj>() <= most
            && align_of::<GeneratorObj>() <= most
            && align_of::<crate::objects::native::NativeBox>() <= most
    );
};

/// The tag of the first variant that holds an `Arc`.
const FIRST_HEAP_TAG: u64 = 6;

impl Value {
    /// The strong count of the object a heap value holds (None for an
    /// immediate).
    ///
    /// Layout facts this rests on: `repr(u64)` puts the tag in the first
    /// word and each variant's field in the second; every variant from
    /// `FIRST_HEAP_TAG` on holds an `Arc` of a sized type, which is one
    /// pointer to the allocation whose first field is the strong count
    /// (`ArcInner` is `repr(C)`: strong, weak, data). The tests check the
    /// tag order and, for a sample of kinds, the count and the address.
    #[inline(always)]
    fn heap_count(&self) -> Option<&std::sync::atomic::AtomicUsize> {
        let words = self as *const Value as *const usize;
        // SAFETY: a Value is two initialized words when the tag says the
        // second holds an `Arc` pointer (see above); the count it points
        // to lives while `self` holds its reference.
        unsafe {
            if *words as u64 >= FIRST_HEAP_TAG {
                Some(&*(*words.add(1) as *const std::sync::atomic::AtomicUsize))
            } else {
                None
            }
        }
    }

    /// Drop a value: an immediate, or a reference that is not the last,
    /// without the out-of-line drop (a match over every kind).
    #[inline(always)]
    pub fn release(self) {
        use std::sync::atomic::Ordering;
        let Some(count) = self.heap_count() else {
            std::mem::forget(self);
            return;
        };
        let mut n = count.load(Ordering::Relaxed);
        // Only a count of two or more is decremented here, so this never
        // frees; the last reference takes the general drop.
        while n > 1 {
            match count.compare_exchange_weak(n, n - 1, Ordering::Release, Ordering::Relaxed) {
                Ok(_) => {
                    std::mem::forget(self);
                    return;
                }
                Err(seen) => n = seen,
            }
        }
        drop(self)
    }

    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    pub fn str(s: &str) -> Value {
        Value::Str(Arc::new(StrObj::from_str(s)))
    }

    pub fn string(s: String) -> Value {
        Value::Str(Arc::new(StrObj::new(s)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        crate::gc::tracked(Value::Tuple(Arc::new(TupleObj::new(items))))
    }

    /// A new list (stored compactly when it can be).
    pub fn list(items: Vec<Value>) -> Value {
        crate::gc::tracked(Value::List(Arc::new(ListObj::compacted(items))))
    }

    /// A native object as a value.
    pub fn native(x: impl NativeObject) -> Value {
        Value::Native(Arc::new(crate::objects::native::NativeBox(Box::new(x))))
    }

    /// A new dict value (tracked by the cycle collector).
    pub fn dict(d: crate::objects::dict::DictObj) -> Value {
        crate::gc::tracked(Value::Dict(Arc::new(d)))
    }

    /// A new set value (tracked by the cycle collector).
    pub fn set(s: crate::objects::set::SetObj) -> Value {
        crate::gc::tracked(Value::Set(Arc::new(s)))
    }

    pub fn from_bigint(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Arc::new(b)),
        }
    }

    pub fn from_usize(n: usize) -> Value {
        match i64::try_from(n) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Arc::new(BigInt::from(n))),
        }
    }

    /// Identity (`is`): the same immediate or the same heap object.
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        // Two heap values are the same object when they hold the same
        // allocation (see `heap_count`).
        if let (Some(a), Some(b)) = (self.heap_count(), other.heap_count()) {
            return std::ptr::eq(a, b);
        }
        match (self, other) {
            (None, None) | (NotImplemented, NotImplemented) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            // Small ints behave as if cached, as in CPython for -5..=256;
            // any equal i64 being identical is a harmless superset.
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        }
    }

    /// Address of the heap object, if any (used for `id()` and identity):
    /// the `Arc`'s data, which follows the two counts in its allocation
    /// (no payload type is aligned beyond 16 bytes: see `_PAYLOAD_ALIGN`).
    #[inline]
    pub fn heap_ptr(&self) -> Option<usize> {
        self.heap_count().map(|c| c as *const std::sync::atomic::AtomicUsize as usize + 2 * std::mem::size_of::<usize>())
    }

    /// The `&str` of a str value (exact str only).
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }

    pub fn as_type(&self) -> Option<&Arc<TypeObj>> {
        match self {
            Value::Type(t) => Some(t),
            _ => None,
        }
    }
}

/// Convenience: `Value::from(x)`.
impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::str(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::string(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(v: &Value) -> u64 {
        // SAFETY: `repr(u64)`: the first word is the tag.
        unsafe { *(v as *const Value as *const u64) }
    }

    #[test]
    fn immediates_come_before_heap_kinds() {
        for v in [Value::None, Value::NotImplemented, Value::Ellipsis, Value::Bool(true), Value::Int(-1), Value::Float(1.5)] {
            assert!(tag(&v) < FIRST_HEAP_TAG);
            assert!(v.heap_count().is_none());
        }
        assert_eq!(tag(&Value::from_bigint(BigInt::from(1u8) << 100)), FIRST_HEAP_TAG);
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn heap_count_is_the_arc_strong_count() {
        let values = [
            Value::from_bigint(BigInt::from(3u8) << 90),
            Value::str("a string long enough to live on the heap, not inline"),
            Value::list(vec![Value::Int(1)]),
            Value::tuple(vec![Value::Int(1), Value::Int(2)]),
            Value::Dict(Arc::new(DictObj::new())),
        ];
        for v in values {
            let before = v.heap_count().unwrap().load(std::sync::atomic::Ordering::Relaxed);
            let copies: Vec<Value> = (0..3).map(|_| v.clone()).collect();
            assert_eq!(v.heap_count().unwrap().load(std::sync::atomic::Ordering::Relaxed), before + 3);
            assert!(copies.iter().all(|c| c.is(&v)));
            let data = match &v {
                Value::BigInt(a) => Arc::as_ptr(a) as *const u8,
                Value::Str(a) => Arc::as_ptr(a) as *const u8,
                Value::List(a) => Arc::as_ptr(a) as *const u8,
                Value::Tuple(a) => Arc::as_ptr(a) as *const u8,
                Value::Dict(a) => Arc::as_ptr(a) as *const u8,
                _ => unreachable!(),
            };
            assert_eq!(v.heap_ptr(), Some(data as usize));
            for c in copies {
                c.release();
            }
            assert_eq!(v.heap_count().unwrap().load(std::sync::atomic::Ordering::Relaxed), before);
            let Value::List(l) = &v else { continue };
            assert_eq!(Arc::strong_count(l), before);
        }
    }

    #[test]
    fn the_last_release_frees() {
        let l = Arc::new(crate::objects::list::ListObj::new(vec![Value::Int(7)]));
        let weak = Arc::downgrade(&l);
        let v = Value::List(l);
        let w = v.clone();
        v.release();
        assert!(weak.upgrade().is_some());
        w.release();
        assert!(weak.upgrade().is_none());
    }
}
