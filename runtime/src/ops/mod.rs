//! The abstract object protocol: what `a + b`, `a.x`, `a[i]`, `f(x)`,
//! `iter(a)`, `repr(a)` mean for any value. The interpreter and compiled
//! code both call these functions, so they agree by construction. Fast
//! paths dispatch on the `Value` variant; the general path goes through the
//! type's special methods.

mod arith;
mod attr;
mod call;
mod compare;
mod convert;
mod item;
mod iterate;

pub use arith::*;
pub use attr::*;
pub use call::*;
pub use compare::*;
pub use convert::*;
pub use item::*;
pub use iterate::*;

use std::sync::Arc;

use crate::context::ctx;
use crate::objects::instance::Payload;
use crate::objects::typeobj::TypeObj;
use crate::value::Value;

/// `type(v)`.
pub fn type_of(v: &Value) -> Arc<TypeObj> {
    let t = &ctx().types;
    match v {
        Value::None => t.none_type.clone(),
        Value::NotImplemented => t.not_implemented_type.clone(),
        Value::Ellipsis => t.ellipsis.clone(),
        Value::Bool(_) => t.bool.clone(),
        Value::Int(_) | Value::BigInt(_) => t.int.clone(),
        Value::Float(_) => t.float.clone(),
        Value::Complex(_) => t.complex.clone(),
        Value::Str(_) => t.str.clone(),
        Value::Bytes(_) => t.bytes.clone(),
        Value::ByteArray(_) => t.bytearray.clone(),
        Value::List(_) => t.list.clone(),
        Value::Tuple(_) => t.tuple.clone(),
        Value::Dict(_) => t.dict.clone(),
        Value::Set(_) => t.set.clone(),
        Value::FrozenSet(_) => t.frozenset.clone(),
        Value::Range(_) => t.range.clone(),
        Value::Slice(_) => t.slice.clone(),
        Value::Function(_) => t.function.clone(),
        Value::Builtin(_) => t.builtin_function.clone(),
        Value::BoundMethod(_) => t.method.clone(),
        Value::Type(ty) => ty.metaclass(),
        Value::Instance(i) => i.class(),
        Value::Module(_) => t.module.clone(),
        Value::Cell(_) => t.cell.clone(),
        Value::Iter(it) => ctx().iterator_type(it.type_name()),
        Value::Generator(g) => match g.kind {
            crate::objects::generator::GenKind::Generator => t.generator.clone(),
            crate::objects::generator::GenKind::Coroutine => t.coroutine.clone(),
            crate::objects::generator::GenKind::AsyncGenerator => t.async_generator.clone(),
        },
        Value::Native(n) => n.type_obj(),
    }
}

/// `type(v).__name__`.
pub fn type_name(v: &Value) -> String {
    match v {
        Value::Instance(i) => i.class().name().to_string(),
        Value::Iter(it) => it.type_name().to_string(),
        _ => type_of(v).name().to_string(),
    }
}

/// For an instance of a subclass of a builtin type, the builtin value it
/// wraps; any other value is itself.
#[inline]
pub fn payload(v: &Value) -> Value {
    match v {
        Value::Instance(i) => match &i.payload {
            Payload::Builtin(b) => b.clone(),
            _ => v.clone(),
        },
        _ => v.clone(),
    }
}

/// `isinstance(v, t)` without `__instancecheck__`.
pub fn is_instance_of(v: &Value, t: &Arc<TypeObj>) -> bool {
    type_of(v).is_subtype(t)
}

/// A one-character str.
pub fn char_value(c: char) -> Value {
    if c.is_ascii() {
        ctx().ascii_char(c as u8)
    } else {
        let mut buf = [0u8; 4];
        Value::str(c.encode_utf8(&mut buf))
    }
}

/// Whether `v` is a class defined by Python code (not a builtin type).
pub fn is_user_instance(v: &Value) -> bool {
    matches!(v, Value::Instance(_))
}
