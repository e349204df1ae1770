//! `NativeObject`: the extension point for objects that are not one of the
//! core kinds (descriptors, `super`, objects of native modules). Each hook
//! returns `None` to mean "not supported", so the generic protocol in `ops`
//! falls back to the usual error.

use std::any::Any;
use std::sync::Arc;

use crate::args::CallArgs;
use crate::error::PyResult;
use crate::objects::typeobj::TypeObj;
use crate::value::Value;

pub trait NativeObject: Send + Sync + Any {
    fn type_obj(&self) -> Arc<TypeObj>;
    fn as_any(&self) -> &dyn Any;

    /// The Rust type's name, for `downcast` across runtime copies.
    fn type_key(&self) -> &'static str {
        std::any::type_name::<Self>()
    }

    /// Descriptor `__get__`: `obj` is None for access through the class.
    fn descr_get(&self, _obj: Option<&Value>, _owner: &Arc<TypeObj>) -> Option<PyResult<Value>> {
        None
    }
    /// Descriptor `__set__` (and `__delete__` with `None`); `Some` marks a
    /// data descriptor.
    fn descr_set(&self, _obj: &Value, _value: Option<Value>) -> Option<PyResult<()>> {
        None
    }
    fn is_data_descriptor(&self) -> bool {
        false
    }
    fn getattr(&self, _this: &Value, _name: &str) -> Option<PyResult<Value>> {
        None
    }
    fn setattr(&self, _name: &str, _value: Option<Value>) -> Option<PyResult<()>> {
        None
    }
    fn call(&self, _this: &Value, _args: CallArgs) -> Option<PyResult<Value>> {
        None
    }
    fn repr(&self) -> Option<PyResult<String>> {
        None
    }
    /// `iter(obj)`.
    fn iter(&self, _this: &Value) -> Option<PyResult<Value>> {
        None
    }
    fn iter_next(&self) -> Option<PyResult<Option<Value>>> {
        None
    }
    fn hash(&self) -> Option<PyResult<i64>> {
        None
    }
    fn eq(&self, _other: &Value) -> Option<PyResult<bool>> {
        None
    }
    fn len(&self) -> Option<PyResult<usize>> {
        None
    }
    fn getitem(&self, _key: &Value) -> Option<PyResult<Value>> {
        None
    }
    fn contains(&self, _item: &Value) -> Option<PyResult<bool>> {
        None
    }
}

/// A native object behind one thin pointer, so `Value::Native` is no wider
/// than the other variants (a `Value` is 16 bytes, not 24).
pub struct NativeBox(pub Box<dyn NativeObject>);

impl std::ops::Deref for NativeBox {
    type Target = dyn NativeObject;
    #[inline]
    fn deref(&self) -> &(dyn NativeObject + 'static) {
        &*self.0
    }
}

/// A native object made to refer to itself (weakly), e.g. to hand itself
/// out as a value: `make` gets the weak reference.
pub fn new_cyclic<T: NativeObject>(make: impl FnOnce(std::sync::Weak<NativeBox>) -> T) -> Value {
    Value::Native(std::sync::Arc::new_cyclic(|me| NativeBox(Box::new(make(me.clone())))))
}

pub fn downcast<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Native(n) => {
            let any = n.as_any();
            if let Some(t) = any.downcast_ref::<T>() {
                return Some(t);
            }
            // Made by the other copy of the runtime (the host's or a compiled
            // module's): the same type under another `TypeId`.
            if n.type_key() == std::any::type_name::<T>() {
                // SAFETY: both copies are built from the same sources by the
                // same compiler (the module ABI fingerprint checks it), so a
                // type of the same name has the same layout; the data pointer
                // of `any` points at that object.
                return Some(unsafe { &*(any as *const dyn Any as *const T) });
            }
            None
        }
        // An instance of a Python subclass of a native type.
        Value::Instance(i) => match &i.payload {
            crate::objects::instance::Payload::Builtin(inner @ Value::Native(_)) => downcast(inner),
            _ => None,
        },
        _ => None,
    }
}
