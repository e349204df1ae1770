//! Inline caches for attribute reads, stores and method calls on instances
//! of Python classes, one entry per site in a compiled module (per thread,
//! like the global cache).
//!
//! An entry remembers, for one class at one type version (the context-wide
//! counter bumped by any change to any class), how the attribute protocol
//! resolves the site's name: no data descriptor and no `__getattribute__`
//! hook, so a read looks in the instance dict and then uses the class
//! attribute found; no `__setattr__`, descriptor or `__slots__` in the
//! way, so a store goes to the instance dict; a plain function, so a method
//! call passes the instance without making a bound method. The instance
//! dict is always consulted, so what instances hold is never cached. Any
//! other case, and every miss, runs the generic protocol in `ops`.

use std::cell::{Cell, RefCell};
use std::sync::{Arc, Weak};

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::PyResult;
use crate::objects::instance::Instance;
use crate::objects::typeobj::{special, TypeObj};
use crate::ops;
use crate::value::Value;

use super::globals::same_name;

#[derive(Clone)]
enum Kind {
    /// Read: instance dict, then this class attribute (bound as the
    /// protocol binds it), then the generic path (`__getattr__`, errors).
    /// The hint is where the name sat in the last instance dict read
    /// (instances of a class mostly gain their attributes in one order).
    Get(Option<Value>, Cell<u32>),
    /// Store into the instance dict (the hint as for `Get`).
    Store(Cell<u32>),
    /// Call of a plain function found on the class.
    Method(Value),
    /// Read or store fixed slot `i` (the class has `__slots__` only).
    Slot(usize),
    Generic,
}

struct Entry {
    /// Held weakly: a cache does not keep a class alive, and the address
    /// is not reused while the entry exists.
    class: Weak<TypeObj>,
    version: u64,
    /// The site's name (a site may be handed to another code object once
    /// its first one is freed).
    name: Value,
    kind: Kind,
}

pub struct AttrCache {
    /// Two entries per site, so a site that sees two classes (a base and
    /// a subclass, alternating) does not refill on every access.
    entries: RefCell<Vec<[Option<Entry>; 2]>>,
    /// Method sites called on values of builtin types: the kind of value
    /// (which fixes its type), the type version and the method found.
    builtin_methods: RefCell<Vec<Option<(std::mem::Discriminant<Value>, u64, Value, Value)>>>,
}

/// What a site does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Site {
    Get,
    Store,
    Method,
    /// A call of the class itself (the site's name is `__init__`).
    Construct,
}

impl AttrCache {
    pub fn new(size: usize) -> AttrCache {
        AttrCache {
            entries: RefCell::new((0..size).map(|_| [None, None]).collect()),
            builtin_methods: RefCell::new((0..size).map(|_| None).collect()),
        }
    }

    /// Forget sites `range` (their code object is gone; another may be
    /// given them).
    pub fn forget(&self, range: std::ops::Range<usize>) {
        if let (Ok(mut e), Ok(mut b)) = (self.entries.try_borrow_mut(), self.builtin_methods.try_borrow_mut()) {
            super::clamped(&mut e, range.clone()).fill_with(|| [None, None]);
            super::clamped(&mut b, range).fill_with(|| None);
        }
    }

    /// Run `f` on the cached resolution of site `idx` for `inst`'s class,
    /// computed first if the entry is missing or stale. `f` runs while the
    /// cache is borrowed: it must not run Python code (a nested use of the
    /// cache would find it busy and take the generic path).
    #[inline]
    fn with_kind<R>(&self, idx: usize, inst: &Instance, name: &Value, site: Site, f: impl FnOnce(&Kind) -> R) -> R {
        self.with_class_kind(idx, inst.class_addr(), || inst.class(), name, site, f)
    }

    /// `with_kind` for the class at `addr` (`class` makes it on a miss).
    #[inline]
    fn with_class_kind<R>(
        &self,
        idx: usize,
        addr: usize,
        class: impl FnOnce() -> Arc<TypeObj>,
        name: &Value,
        site: Site,
        f: impl FnOnce(&Kind) -> R,
    ) -> R {
        let version = ctx().type_version();
        let Ok(mut entries) = self.entries.try_borrow_mut() else { return f(&Kind::Generic) };
        let Some(slot) = entries.get_mut(idx) else { return f(&Kind::Generic) };
        if let Some(e) = slot.iter().flatten().find(|e| e.version == version && e.class.as_ptr() as usize == addr && same_name(&e.name, name)) {
            return f(&e.kind);
        }
        let cls = class();
        let kind = resolve(&cls, name, site);
        // The newest entry goes first; a still-valid first entry moves to
        // the second place.
        if slot[0].as_ref().is_some_and(|e| e.version == version) {
            slot.swap(0, 1);
        }
        let e = slot[0].insert(Entry { class: Arc::downgrade(&cls), version, name: name.clone(), kind });
        f(&e.kind)
    }

    /// `obj.name`.
    #[inline]
    pub fn getattr(&self, idx: usize, obj: &Value, name: &Value) -> PyResult<Value> {
        let Value::Instance(inst) = obj else { return ops::getattr(obj, name) };
        let found = self.with_kind(idx, inst, name, Site::Get, |kind| match kind {
            Kind::Slot(i) => inst.slot_get(*i),
            Kind::Get(class_attr, hint) => own_attr(inst, name, Some(hint)).or_else(|| match class_attr {
                // Values that are not descriptors are returned as they are.
                Some(v @ (Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::Tuple(_))) => Some(v.clone()),
                _ => None,
            }),
            _ => None,
        });
        match found {
            Some(v) => Ok(v),
            None => ops::getattr(obj, name),
        }
    }

    /// `obj.name = value`.
    #[inline]
    pub fn setattr(&self, idx: usize, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
        let Value::Instance(inst) = obj else { return ops::setattr(obj, name, value) };
        let mut value = Some(value);
        let done = self.with_kind(idx, inst, name, Site::Store, |kind| match kind {
            Kind::Store(hint) => value.take().map(|v| inst.dict.set_str_hinted(name, v, hint)),
            Kind::Slot(i) if inst.has_slots() => {
                inst.slot_set(*i, value.take());
                Some(Ok(()))
            }
            _ => None,
        });
        match (done, value) {
            (Some(r), _) => r,
            (None, Some(v)) => ops::setattr(obj, name, v),
            (None, None) => Ok(()),
        }
    }

    /// `obj.name(args)`.
    #[inline]
    pub fn call_method(&self, idx: usize, obj: &Value, name: &Value, args: CallArgs) -> PyResult<Value> {
        let Value::Instance(inst) = obj else {
            if args.kwnames.is_empty() {
                if let Some(f) = self.builtin_method(idx, obj, name) {
                    return call_with_self(&f, obj, args.args);
                }
            }
            return ops::call_method_args(obj, name, args);
        };
        let func = self.with_kind(idx, inst, name, Site::Method, |kind| match kind {
            Kind::Method(f) => Some(f.clone()),
            _ => None,
        });
        if let Some(func) = func {
            if args.kwnames.is_empty() && own_attr(inst, name, None).is_none() {
                return call_with_self(&func, obj, args.args);
            }
        }
        ops::call_method_args(obj, name, args)
    }
}

impl AttrCache {
    /// The method `obj.name(...)` calls when `obj` is a str, list, dict,
    /// set, tuple, bytes, int or float (their types' methods are fixed; the
    /// type version guards anyway).
    #[inline]
    fn builtin_method(&self, idx: usize, obj: &Value, name: &Value) -> Option<Value> {
        if !has_fixed_methods(obj) {
            return None;
        }
        let tag = std::mem::discriminant(obj);
        let version = ctx().type_version();
        let mut cache = self.builtin_methods.try_borrow_mut().ok()?;
        let slot = cache.get_mut(idx)?;
        if let Some((t, v, n, f)) = slot {
            if *t == tag && *v == version && same_name(n, name) {
                return Some(f.clone());
            }
        }
        let f = ops::type_of(obj).lookup(name)?;
        let method = match &f {
            Value::Function(_) => true,
            Value::Builtin(b) => b.is_method,
            _ => false,
        };
        if !method {
            return None;
        }
        *slot = Some((tag, version, name.clone(), f.clone()));
        Some(f)
    }
}

/// `name` in the instance's own dict, trying the entry at `hint` first
/// (and remembering where the name was found). An instance with fixed
/// slots has none (its `dict` field is the context's shared empty dict,
/// which every thread would otherwise lock on each method call).
#[inline]
fn own_attr(inst: &Instance, name: &Value, hint: Option<&Cell<u32>>) -> Option<Value> {
    if inst.has_slots() || !inst.dict.may_contain_str(name) {
        return None;
    }
    match hint {
        Some(h) => inst.dict.get_str_hinted(name, h),
        None => inst.dict.get_str_key(name),
    }
}

/// A builtin value whose type, fixed by its kind, fixes its methods.
#[inline]
fn has_fixed_methods(v: &Value) -> bool {
    matches!(
        v,
        Value::Str(_) | Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Tuple(_) | Value::Bytes(_) | Value::Int(_) | Value::Float(_)
    )
}

/// Whether `call_method` can serve calls on `v` from the cache (instances
/// of Python classes, and builtin values whose type fixes the method).
#[inline]
pub fn caches_methods_of(v: &Value) -> bool {
    matches!(v, Value::Instance(_)) || has_fixed_methods(v)
}

/// `func(obj, *args)` without a bound method.
#[inline]
fn call_with_self(func: &Value, obj: &Value, args: &[Value]) -> PyResult<Value> {
    ops::call_prepended(func, obj.clone(), CallArgs::positional_only(args))
}

/// How the attribute protocol treats `name` on instances of `cls` now.
fn resolve(cls: &Arc<TypeObj>, name: &Value, site: Site) -> Kind {
    let Some(n) = name.as_str() else { return Kind::Generic };
    if site == Site::Construct {
        return resolve_construct(cls, name);
    }
    if matches!(n, "__class__" | "__dict__") {
        return Kind::Generic;
    }
    let flags = cls.special_flags();
    let found = cls.lookup(name);
    // Instances of a class with fixed slots have no `__dict__`: a slot
    // name is read and stored by position, anything else the generic way
    // (class attributes, or the error for a store).
    if let Some(i) = cls.slot_index(n) {
        let hooked = flags & (special::GETATTRIBUTE | special::SETATTR) != 0 || found.as_ref().is_some_and(ops::is_data_descriptor);
        return match site {
            Site::Get | Site::Store if !hooked => Kind::Slot(i),
            _ => Kind::Generic,
        };
    }
    if cls.fixed_slots().is_some() && matches!(site, Site::Store) {
        return Kind::Generic;
    }
    match site {
        Site::Get => {
            if flags & special::GETATTRIBUTE != 0 || found.as_ref().is_some_and(ops::is_data_descriptor) {
                return Kind::Generic;
            }
            Kind::Get(found, Cell::new(0))
        }
        Site::Store => {
            let plain = match &found {
                None => true,
                Some(v) => !matches!(v, Value::Native(_) | Value::Instance(_)),
            };
            // With `__slots__` everywhere in the MRO only the slot names
            // may be stored.
            let allowed = ops::slot_names(cls).is_none_or(|slots| slots.iter().any(|s| &**s == n));
            if flags & special::SETATTR != 0 || !plain || !allowed {
                return Kind::Generic;
            }
            Kind::Store(Cell::new(0))
        }
        Site::Method => match found {
            Some(f @ Value::Function(_)) if flags & special::GETATTRIBUTE == 0 => Kind::Method(f),
            _ => Kind::Generic,
        },
        Site::Construct => Kind::Generic,
    }
}

/// How calling `cls` makes an instance: `Method(init)` when the call is
/// `object.__new__` (a plain instance, no metaclass `__call__`) followed
/// by the plain function `init` (the `__init__` found on the class).
fn resolve_construct(cls: &Arc<TypeObj>, init_name: &Value) -> Kind {
    if cls.is_builtin || cls.kind != crate::objects::typeobj::BaseKind::Object || cls.special_flags() & special::PLAIN_NEW == 0 {
        return Kind::Generic;
    }
    match cls.lookup(init_name) {
        Some(f @ Value::Function(_)) => Kind::Method(f),
        _ => Kind::Generic,
    }
}

/// A module's attribute sites on this thread: its thread-local cache, or
/// an `Attrs` handle to it taken once per call.
pub trait AttrSites: Copy {
    fn run<R>(self, f: impl FnOnce(&AttrCache) -> R) -> R;
}

impl AttrSites for &'static std::thread::LocalKey<AttrCache> {
    #[inline(always)]
    fn run<R>(self, f: impl FnOnce(&AttrCache) -> R) -> R {
        self.with(f)
    }
}

/// This thread's attribute cache of a module, looked up once when a
/// compiled function that cannot suspend is entered (a generator body
/// may resume on another thread, so it uses the thread-local each time).
#[derive(Clone, Copy)]
pub struct Attrs(*const AttrCache);

impl Attrs {
    #[inline]
    pub fn of(key: &'static std::thread::LocalKey<AttrCache>) -> Attrs {
        Attrs(key.with(|c| c as *const AttrCache))
    }
}

impl AttrSites for Attrs {
    #[inline(always)]
    fn run<R>(self, f: impl FnOnce(&AttrCache) -> R) -> R {
        // SAFETY: `of` took the pointer on this thread, in the call of a
        // function that runs to its end on this thread; the cache lives
        // as long as the thread, which outlives the call.
        f(unsafe { &*self.0 })
    }
}

/// `obj.name` through site `idx` of a module's cache.
#[inline]
pub fn get_attr(cache: impl AttrSites, idx: usize, obj: &Value, name: &Value) -> PyResult<Value> {
    cache.run(|c| c.getattr(idx, obj, name))
}

/// `obj.name = value` through site `idx` of a module's cache.
#[inline]
pub fn set_attr(cache: impl AttrSites, idx: usize, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    cache.run(|c| c.setattr(idx, obj, name, value))
}

/// `obj.name(args)` through site `idx` of a module's cache.
#[inline]
pub fn call_method(cache: impl AttrSites, idx: usize, obj: &Value, name: &Value, args: CallArgs) -> PyResult<Value> {
    cache.run(|c| c.call_method(idx, obj, name, args))
}

/// For a call `obj.name(...)` through site `idx`: the index in `infos`
/// of the compiled function (made with `globals`) that is `obj`'s method
/// `name` now, when the call may enter its body directly, and the `self`
/// to enter it with: `obj` itself when it is an instance whose class has
/// that plain function (nothing in the instance shadowing it), or the
/// instance a `super()` object binds. None for the generic call.
#[inline]
pub fn method_target(
    cache: impl AttrSites,
    idx: usize,
    obj: &Value,
    name: &Value,
    globals: &Arc<crate::objects::dict::DictObj>,
    infos: &[&'static super::code::CodeInfo],
) -> Option<(usize, Value)> {
    let Value::Instance(inst) = obj else { return super_target(obj, name, globals, infos) };
    let found = cache.run(|c| {
        c.with_kind(idx, inst, name, Site::Method, |kind| entered(kind, globals, infos))
    })?;
    own_attr(inst, name, None).is_none().then(|| (found, obj.clone()))
}

/// Which of `infos` the plain function a site resolved to is made from.
#[inline]
fn entered(kind: &Kind, globals: &Arc<crate::objects::dict::DictObj>, infos: &[&'static super::code::CodeInfo]) -> Option<usize> {
    match kind {
        Kind::Method(f) => infos.iter().position(|info| super::globals::is_function_of(f, info, globals)),
        _ => None,
    }
}

/// `method_target` for `super().name(...)` in a method: the plain
/// function the `super()` object finds for an instance.
#[cold]
fn super_target(
    obj: &Value,
    name: &Value,
    globals: &Arc<crate::objects::dict::DictObj>,
    infos: &[&'static super::code::CodeInfo],
) -> Option<(usize, Value)> {
    let sup = crate::objects::native::downcast::<crate::objects::descriptor::Super>(obj)?;
    let (f, this) = sup.instance_function(name)?;
    Some((entered(&Kind::Method(f), globals, infos)?, this))
}

/// For a call `cls(...)` through site `idx` (named `__init__`): when
/// `cls` is a class whose call makes a plain instance and then runs one of
/// `infos` (compiled functions made with `globals`) as its `__init__`, the
/// index of that one and the new instance, whose `__init__` the caller
/// enters directly; None for the generic call.
#[inline]
pub fn construct_target(
    cache: impl AttrSites,
    idx: usize,
    cls: &Value,
    init_name: &Value,
    globals: &Arc<crate::objects::dict::DictObj>,
    infos: &[&'static super::code::CodeInfo],
) -> Option<(usize, Value)> {
    let Value::Type(t) = cls else { return None };
    let found = cache.run(|c| {
        c.with_class_kind(idx, Arc::as_ptr(t) as usize, || t.clone(), init_name, Site::Construct, |kind| entered(kind, globals, infos))
    })?;
    let obj = crate::objects::instance::new_instance(t, &[]).ok()?;
    Some((found, obj))
}

/// `obj.append(item)`: an exact list appends in place (the method of a
/// builtin type cannot be replaced); anything else is a method call.
#[inline]
pub fn call_append(cache: impl AttrSites, idx: usize, obj: &Value, name: &Value, item: Value) -> PyResult<Value> {
    if let Value::List(l) = obj {
        l.push(item);
        return Ok(Value::None);
    }
    call_method(cache, idx, obj, name, CallArgs::positional_only(&[item]))
}
