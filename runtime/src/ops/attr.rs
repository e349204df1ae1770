//! Attribute access: `getattr`, `setattr`, `delattr` and the descriptor
//! protocol, as `object.__getattribute__` and `type.__getattribute__` do it.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::{ctx, intern};
use crate::error::{PyErr, PyResult};
use crate::objects::typeobj::{special, TypeObj};
use crate::value::Value;

use super::{call, type_name, type_of};

/// Look up a special method on the type (never the instance), as the
/// interpreter does for operators.
#[inline]
pub fn lookup_special(v: &Value, name: &str) -> Option<Value> {
    type_of(v).lookup_str(name)
}

/// A special method defined by the metaclass of a class object (other
/// than `type` itself), for operations on classes such as `len(Color)`,
/// `Color['RED']` and `for c in Color` on enums.
pub fn meta_special(v: &Value, name: &str) -> Option<Value> {
    match v {
        Value::Type(t) => {
            let meta = t.metaclass();
            if meta.is_builtin {
                None
            } else {
                meta.lookup_str(name)
            }
        }
        _ => None,
    }
}

pub(crate) fn is_data_descriptor(d: &Value) -> bool {
    match d {
        Value::Native(n) => n.is_data_descriptor(),
        Value::Instance(_) => {
            let t = type_of(d);
            t.lookup_str("__set__").is_some() || t.lookup_str("__delete__").is_some()
        }
        _ => false,
    }
}

/// Apply a class attribute's `__get__` for `obj` (None: access via class).
pub fn bind_descriptor(d: Value, obj: Option<&Value>, owner: &Arc<TypeObj>) -> PyResult<Value> {
    match &d {
        Value::Function(_) => Ok(match obj {
            Some(o) => crate::objects::function::BoundMethod::value(o.clone(), d),
            None => d,
        }),
        Value::Builtin(b) if b.is_method => Ok(match obj {
            Some(o) => crate::objects::function::BoundMethod::value(o.clone(), d),
            None => d,
        }),
        Value::Native(n) => match n.descr_get(obj, owner) {
            Some(r) => r,
            None => Ok(d),
        },
        Value::Instance(_) => match type_of(&d).lookup_str("__get__") {
            Some(get) => {
                let o = obj.cloned().unwrap_or(Value::None);
                call(&get, CallArgs::positional_only(&[d.clone(), o, Value::Type(owner.clone())]))
            }
            None => Ok(d),
        },
        _ => Ok(d),
    }
}

fn no_attribute(obj: &Value, name: &str) -> PyErr {
    match obj {
        Value::Type(t) => PyErr::attribute_error(format!("type object '{}' has no attribute '{name}'", t.name())),
        Value::Module(m) => PyErr::attribute_error(format!("module '{}' has no attribute '{name}'", m.name)),
        _ => PyErr::attribute_error(format!("'{}' object has no attribute '{name}'", type_name(obj))),
    }
}

/// `getattr(obj, name)`.
pub fn getattr(obj: &Value, name: &Value) -> PyResult<Value> {
    let Some(n) = name.as_str() else {
        return Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(name)
        )));
    };
    match obj {
        Value::Instance(inst) => {
            let cls = inst.class();
            let flags = cls.special_flags();
            if flags & special::GETATTRIBUTE != 0 {
                if let Some(ga) = cls.lookup_str("__getattribute__") {
                    let r = call(&ga, CallArgs::positional_only(&[obj.clone(), name.clone()]));
                    return match r {
                        Err(e) if e.is_instance(&ctx().exc.attribute_error) => {
                            match cls.lookup_str("__getattr__") {
                                Some(g) => call(&g, CallArgs::positional_only(&[obj.clone(), name.clone()])),
                                None => Err(e),
                            }
                        }
                        other => other,
                    };
                }
            }
            match generic_getattr(obj, &cls, name, n)? {
                Some(v) => Ok(v),
                None if flags & special::GETATTR == 0 => Err(no_attribute(obj, n)),
                None => match cls.lookup_str("__getattr__") {
                    Some(g) => call(&g, CallArgs::positional_only(&[obj.clone(), name.clone()])),
                    None => Err(no_attribute(obj, n)),
                },
            }
        }
        Value::Type(t) => type_getattr(t, name, n)?.ok_or_else(|| no_attribute(obj, n)),
        Value::Module(m) => {
            if let Some(v) = m.dict.get_str_key(name) {
                return Ok(v);
            }
            if n == "__dict__" {
                return Ok(Value::Dict(m.dict.clone()));
            }
            if let Some(ga) = m.dict.get_str("__getattr__") {
                return call(&ga, CallArgs::positional_only(&[name.clone()]));
            }
            match ctx().types.module.lookup(name) {
                Some(v) => bind_descriptor(v, Some(obj), &ctx().types.module),
                None => Err(no_attribute(obj, n)),
            }
        }
        _ => {
            if let Some(v) = super::convert::special_attribute(obj, n)? {
                return Ok(v);
            }
            if let Value::Native(nat) = obj {
                if let Some(r) = nat.getattr(obj, n) {
                    return r;
                }
            }
            let cls = type_of(obj);
            match generic_getattr(obj, &cls, name, n)? {
                Some(v) => Ok(v),
                None => Err(no_attribute(obj, n)),
            }
        }
    }
}

/// `object.__getattribute__`: data descriptors, then the instance dict,
/// then other class attributes. `None` when not found.
pub fn generic_getattr(obj: &Value, cls: &Arc<TypeObj>, name: &Value, n: &str) -> PyResult<Option<Value>> {
    let descr = cls.lookup(name);
    if let Some(d) = &descr {
        if is_data_descriptor(d) {
            return bind_descriptor(d.clone(), Some(obj), cls).map(Some);
        }
    }
    if let Value::Instance(inst) = obj {
        if inst.has_slots() {
            if let Some(v) = cls.slot_index(n).and_then(|i| inst.slot_get(i)) {
                return Ok(Some(v));
            }
        } else if let Some(v) = inst.dict.get_str_key(name) {
            return Ok(Some(v));
        }
        match n {
            "__class__" => return Ok(Some(Value::Type(cls.clone()))),
            "__dict__" if !inst.has_slots() => return Ok(Some(Value::Dict(inst.dict.clone()))),
            _ => {}
        }
    } else if n == "__class__" {
        return Ok(Some(Value::Type(cls.clone())));
    }
    match descr {
        Some(d) => bind_descriptor(d, Some(obj), cls).map(Some),
        None => Ok(None),
    }
}

/// `type.__getattribute__` for a class object.
fn type_getattr(t: &Arc<TypeObj>, name: &Value, n: &str) -> PyResult<Option<Value>> {
    let meta = t.metaclass();
    let meta_attr = if meta.is_builtin && n != "__call__" { None } else { meta.lookup(name) };
    if let Some(d) = &meta_attr {
        if is_data_descriptor(d) {
            return bind_descriptor(d.clone(), Some(&Value::Type(t.clone())), &meta).map(Some);
        }
    }
    if let Some(v) = super::convert::type_special_attribute(t, n)? {
        return Ok(Some(v));
    }
    if let Some(v) = t.lookup(name) {
        return bind_descriptor(v, None, t).map(Some);
    }
    if let Some(d) = meta_attr {
        return bind_descriptor(d, Some(&Value::Type(t.clone())), &meta).map(Some);
    }
    if !meta.is_builtin {
        if let Some(v) = meta.lookup(name) {
            return bind_descriptor(v, Some(&Value::Type(t.clone())), &meta).map(Some);
        }
    }
    // Methods of `type` itself (mro, __subclasses__, ...).
    if let Some(v) = ctx().types.type_.lookup(name) {
        return bind_descriptor(v, Some(&Value::Type(t.clone())), &ctx().types.type_).map(Some);
    }
    if n == "__doc__" {
        return Ok(Some(Value::None));
    }
    Ok(None)
}

pub fn getattr_str(obj: &Value, name: &str) -> PyResult<Value> {
    getattr(obj, &intern(name))
}

/// `getattr(obj, name, None)`-style: `None` when AttributeError.
pub fn getattr_opt(obj: &Value, name: &str) -> PyResult<Option<Value>> {
    match getattr(obj, &intern(name)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_instance(&ctx().exc.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn hasattr(obj: &Value, name: &str) -> PyResult<bool> {
    Ok(getattr_opt(obj, name)?.is_some())
}

/// `obj.name(*args)`.
pub fn call_method(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let f = getattr_str(obj, name)?;
    call(&f, CallArgs::positional_only(args))
}

/// Call a method with the receiver first, without building a bound method
/// when the attribute is a plain function on the type (the common case for
/// `obj.method(...)` in code).
pub fn call_method_args(obj: &Value, name: &Value, args: CallArgs) -> PyResult<Value> {
    let cls = type_of(obj);
    let plain = match obj {
        Value::Instance(inst) => !inst.dict.get_str_key(name).is_some() && !has_custom_getattribute(&cls),
        // Native objects (deque, files): their class's builtin methods are
        // called directly unless the object supplies the attribute itself.
        Value::Native(nat) => name.as_str().is_some_and(|n| nat.getattr(obj, n).is_none()),
        Value::Type(_) | Value::Module(_) => false,
        _ => true,
    };
    if plain {
        if let Some(f) = cls.lookup(name) {
            let direct = match &f {
                Value::Function(_) => true,
                Value::Builtin(b) => b.is_method,
                _ => false,
            };
            if direct {
                let mut v = Vec::with_capacity(args.args.len() + 1);
                v.push(obj.clone());
                v.extend_from_slice(args.args);
                return call(&f, CallArgs::new(&v, args.kwnames));
            }
        }
    }
    let f = getattr(obj, name)?;
    call(&f, args)
}

fn has_custom_getattribute(cls: &Arc<TypeObj>) -> bool {
    !cls.is_builtin && cls.special_flags() & special::GETATTRIBUTE != 0
}

/// `setattr(obj, name, value)`; `value` None means `delattr`.
pub fn set_or_del_attr(obj: &Value, name: &Value, value: Option<Value>) -> PyResult<()> {
    let Some(n) = name.as_str() else {
        return Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(name)
        )));
    };
    match obj {
        Value::Instance(inst) => {
            let cls = inst.class();
            let (hook, bit) = if value.is_some() { ("__setattr__", special::SETATTR) } else { ("__delattr__", special::DELATTR) };
            if cls.special_flags() & bit != 0 {
                if let Some(f) = cls.lookup_str(hook) {
                    let mut args = vec![obj.clone(), name.clone()];
                    args.extend(value);
                    return call(&f, CallArgs::positional_only(&args)).map(|_| ());
                }
            }
            generic_setattr(obj, &cls, name, n, value)
        }
        Value::Type(t) => {
            // A metaclass may define __setattr__/__delattr__ (enum's guard
            // against reassigning members).
            let hook = if value.is_some() { "__setattr__" } else { "__delattr__" };
            if let Some(f) = super::meta_special(obj, hook) {
                if !matches!(f, Value::Builtin(_)) {
                    let mut args = vec![obj.clone(), name.clone()];
                    args.extend(value);
                    return call(&f, CallArgs::positional_only(&args)).map(|_| ());
                }
            }
            type_set_or_del_attr(t, name, n, value)
        }
        Value::Module(m) => match value {
            Some(v) => m.dict.set_str_item(name, v),
            None => match m.dict.remove(name)? {
                Some(_) => Ok(()),
                None => Err(no_attribute(obj, n)),
            },
        },
        Value::Function(f) => {
            match (n, &value) {
                ("__name__", Some(v)) => *f.name.write() = v.clone(),
                ("__qualname__", Some(v)) => *f.qualname.write() = v.clone(),
                ("__doc__", Some(v)) => *f.doc.write() = v.clone(),
                ("__defaults__", Some(v)) => {
                    *f.defaults.write() = if v.is_none() { Vec::new() } else { super::collect(v)? }
                }
                ("__annotations__", value) => {
                    if !matches!(value, Some(Value::Dict(_)) | None) {
                        return Err(PyErr::type_error("__annotations__ must be set to a dict object"));
                    }
                    *f.annotations.lock() = value.clone();
                    if value.is_none() {
                        *f.annotate.lock() = None;
                    }
                }
                ("__annotate__", Some(v)) => {
                    if !v.is_none() && !super::is_callable(v) {
                        return Err(PyErr::type_error("__annotate__ must be callable or None"));
                    }
                    if !v.is_none() {
                        *f.annotations.lock() = None;
                    }
                    *f.annotate.lock() = Some(v.clone());
                }
                (_, Some(v)) => f.dict.set_item(name.clone(), v.clone())?,
                (_, None) => {
                    if f.dict.remove(name)?.is_none() {
                        return Err(no_attribute(obj, n));
                    }
                }
            }
            Ok(())
        }
        Value::Native(nat) => match nat.setattr(n, value.clone()) {
            Some(r) => r,
            None => generic_setattr(obj, &type_of(obj), name, n, value),
        },
        _ => generic_setattr(obj, &type_of(obj), name, n, value),
    }
}

/// `type.__setattr__`/`type.__delattr__` on a class: its own dict.
pub fn type_set_or_del_attr(t: &Arc<TypeObj>, name: &Value, n: &str, value: Option<Value>) -> PyResult<()> {
    match value {
        Some(v) => {
            if n == "__name__" || n == "__qualname__" {
                if let Some(s) = v.as_str() {
                    *t.qualname.write() = s.into();
                    return Ok(());
                }
            }
            t.set_attr(name.clone(), v)
        }
        None => {
            if t.is_builtin {
                return Err(PyErr::type_error(format!(
                    "cannot set '{n}' attribute of immutable type '{}'",
                    t.name()
                )));
            }
            if t.dict.remove(name)?.is_none() {
                return Err(PyErr::attribute_error(format!("type object '{}' has no attribute '{n}'", t.name())));
            }
            t.version.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            ctx().bump_type_version();
            Ok(())
        }
    }
}

/// `object.__setattr__`: a data descriptor's `__set__`, else the instance dict.
pub fn generic_setattr(obj: &Value, cls: &Arc<TypeObj>, name: &Value, n: &str, value: Option<Value>) -> PyResult<()> {
    if let Some(d) = cls.lookup(name) {
        match &d {
            Value::Native(nat) => {
                if let Some(r) = nat.descr_set(obj, value.clone()) {
                    return r;
                }
            }
            Value::Instance(_) => {
                let hook = if value.is_some() { "__set__" } else { "__delete__" };
                if let Some(f) = type_of(&d).lookup_str(hook) {
                    let mut args = vec![d.clone(), obj.clone()];
                    args.extend(value);
                    return call(&f, CallArgs::positional_only(&args)).map(|_| ());
                }
            }
            _ => {}
        }
    }
    match obj {
        Value::Instance(inst) => {
            if n == "__class__" {
                if let Some(Value::Type(t)) = &value {
                    // Fixed slots are stored by position: both classes
                    // must lay them out alike.
                    let (old, new) = (inst.class().fixed_slots().cloned(), t.fixed_slots().cloned());
                    if (inst.has_slots() || new.is_some()) && old != new {
                        return Err(PyErr::type_error(format!(
                            "__class__ assignment: '{}' object layout differs from '{}'",
                            t.name(),
                            inst.class().name()
                        )));
                    }
                    inst.set_class(t.clone());
                    return Ok(());
                }
                return Err(PyErr::type_error("__class__ must be set to a class"));
            }
            if inst.has_slots() {
                let Some(i) = cls.slot_index(n) else {
                    return Err(PyErr::attribute_error(format!(
                        "'{}' object has no attribute '{n}' and no __dict__ for setting new attributes",
                        cls.name()
                    )));
                };
                return match value {
                    Some(v) => {
                        inst.slot_set(i, Some(v));
                        Ok(())
                    }
                    // CPython's message for an unset slot is the bare name.
                    None => match inst.slot_set(i, None) {
                        Some(_) => Ok(()),
                        None => Err(PyErr::attribute_error(n.to_string())),
                    },
                };
            }
            if let Some(slots) = slot_names(cls) {
                if !slots.iter().any(|s| &**s == n) {
                    return Err(PyErr::attribute_error(format!(
                        "'{}' object has no attribute '{n}' and no __dict__ for setting new attributes",
                        cls.name()
                    )));
                }
            }
            match value {
                Some(v) => inst.dict.set_str_item(name, v),
                None => match inst.dict.remove(name)? {
                    Some(_) => Ok(()),
                    None => Err(no_attribute(obj, n)),
                },
            }
        }
        _ => {
            if cls.lookup(name).is_some() {
                return Err(PyErr::attribute_error(format!(
                    "'{}' object attribute '{n}' is read-only",
                    cls.name()
                )));
            }
            Err(PyErr::attribute_error(format!(
                "'{}' object has no attribute '{n}' and no __dict__ for setting new attributes",
                cls.name()
            )))
        }
    }
}

/// All `__slots__` names when every user class in the MRO declares slots
/// (so instances have no `__dict__`); `None` otherwise.
pub(crate) fn slot_names(cls: &Arc<TypeObj>) -> Option<Vec<Arc<str>>> {
    // A class without __slots__ gives its instances a __dict__.
    cls.slots.as_ref()?;
    let mut names = Vec::new();
    for t in cls.mro_with_self() {
        if t.is_builtin {
            continue;
        }
        let s = t.slots.as_ref()?;
        if s.iter().any(|n| &**n == "__dict__") {
            return None;
        }
        names.extend(s.iter().cloned());
    }
    Some(names)
}

pub fn setattr(obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    set_or_del_attr(obj, name, Some(value))
}

pub fn delattr(obj: &Value, name: &Value) -> PyResult<()> {
    set_or_del_attr(obj, name, None)
}
