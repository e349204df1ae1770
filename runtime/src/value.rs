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
#[derive(Clone)]
#[repr(u64)]
pub enum Value {
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    /// An int that fits in i64. Larger ints are `BigInt`; the two never
    /// overlap (a `BigInt` never holds an i64-sized value).
    Int(i64),
    BigInt(Arc<BigInt>),
    Float(f64),
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

impl Value {
    /// Drop a value, inline when it is an immediate (the general drop is
    /// an out-of-line match over every kind).
    #[inline(always)]
    pub fn release(self) {
        match self {
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => std::mem::forget(self),
            other => drop(other),
        }
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

    pub fn list(items: Vec<Value>) -> Value {
        crate::gc::tracked(Value::List(Arc::new(ListObj::new(items))))
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
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (NotImplemented, NotImplemented) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            // Small ints behave as if cached, as in CPython for -5..=256;
            // any equal i64 being identical is a harmless superset.
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.heap_ptr(), other.heap_ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// Address of the heap object, if any (used for `id()` and identity).
    pub fn heap_ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            BigInt(a) => Arc::as_ptr(a) as *const u8 as usize,
            Complex(a) => Arc::as_ptr(a) as *const u8 as usize,
            Str(a) => Arc::as_ptr(a) as *const u8 as usize,
            Bytes(a) => Arc::as_ptr(a) as *const u8 as usize,
            ByteArray(a) => Arc::as_ptr(a) as *const u8 as usize,
            List(a) => Arc::as_ptr(a) as *const u8 as usize,
            Tuple(a) => Arc::as_ptr(a) as *const u8 as usize,
            Dict(a) => Arc::as_ptr(a) as *const u8 as usize,
            Set(a) | FrozenSet(a) => Arc::as_ptr(a) as *const u8 as usize,
            Range(a) => Arc::as_ptr(a) as *const u8 as usize,
            Slice(a) => Arc::as_ptr(a) as *const u8 as usize,
            Function(a) => Arc::as_ptr(a) as *const u8 as usize,
            Builtin(a) => Arc::as_ptr(a) as *const u8 as usize,
            BoundMethod(a) => Arc::as_ptr(a) as *const u8 as usize,
            Type(a) => Arc::as_ptr(a) as *const u8 as usize,
            Instance(a) => Arc::as_ptr(a) as *const u8 as usize,
            Module(a) => Arc::as_ptr(a) as *const u8 as usize,
            Cell(a) => Arc::as_ptr(a) as *const u8 as usize,
            Iter(a) => Arc::as_ptr(a) as *const u8 as usize,
            Generator(a) => Arc::as_ptr(a) as *const u8 as usize,
            Native(a) => Arc::as_ptr(a) as *const u8 as usize,
            _ => return Option::None,
        })
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
