//! Global-name caches and direct calls for compiled code.
//!
//! A compiled module keeps one cache per thread (`thread_local!` in the
//! generated crate) with an entry per global name it reads. An entry is
//! valid while the module dict's change stamp is the one seen when it was
//! filled and, for a name found in the builtins, while the builtins dict's
//! stamp is too; any store, deletion or rebinding anywhere (this module,
//! another module, `setattr(mod, ...)`) changes a stamp, so a hit always
//! returns what a dict lookup would.
//!
//! A call to a function defined at module level is made directly, without
//! argument binding or a `Vec` of arguments, when the global still holds a
//! function made from that definition (same code, same globals): the
//! identity check is part of the cache hit, so rebinding the name from
//! anywhere sends calls down the generic path.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};

use crate::error::PyResult;
use crate::objects::dict::DictObj;
use crate::value::Value;

use super::code::CodeInfo;
use super::frame::Frame;

struct Entry {
    /// The globals the entry was filled from. Held weakly: the dict's
    /// contents die with the module, while its address is not reused by
    /// another dict as long as the entry exists.
    globals: Weak<DictObj>,
    globals_stamp: u64,
    /// Set when the name was found in the builtins.
    builtins: Option<(Arc<DictObj>, u64)>,
    /// The name looked up: a slot the interpreter hands to another code
    /// object once the first one is freed may be asked for another name.
    name: Value,
    value: Value,
}

/// Whether two global names are the same name (interned names are the same
/// object; the entry holds its name, so its address is not reused).
#[inline]
pub(crate) fn same_name(a: &Value, b: &Value) -> bool {
    a.is(b) || a.as_str() == b.as_str()
}

impl Entry {
    #[inline]
    fn valid_for(&self, globals: &Arc<DictObj>, name: &Value) -> bool {
        std::ptr::eq(self.globals.as_ptr(), Arc::as_ptr(globals))
            && self.globals_stamp == globals.stamp()
            && same_name(&self.name, name)
            && match &self.builtins {
                None => true,
                Some((b, stamp)) => b.stamp() == *stamp,
            }
    }
}

/// A per-thread cache of global loads, indexed by a slot number the back
/// end assigns to each (code, name) it reads: for a compiled module one
/// slot per global name, for the interpreter a block per code object. It
/// grows on demand.
pub struct GlobalCache {
    entries: RefCell<Vec<Option<Entry>>>,
}

/// `__builtins__` of a globals dict: a dict or a module's dict, else the
/// builtins module's.
pub fn builtins_of(globals: &DictObj) -> Arc<DictObj> {
    match globals.get_str("__builtins__") {
        Some(Value::Dict(d)) => d,
        Some(Value::Module(m)) => m.dict.clone(),
        _ => crate::context::ctx().builtins.dict.clone(),
    }
}

/// Global `name`: the module dict, then the builtins, with what a cache
/// needs to know: the builtins dict and its stamp (read before the
/// lookup) when the name was found there.
pub fn lookup_global(globals: &DictObj, name: &Value) -> Option<(Value, Option<(Arc<DictObj>, u64)>)> {
    if let Some(v) = globals.get_str_key(name) {
        return Some((v, None));
    }
    let builtins = builtins_of(globals);
    let stamp = builtins.stamp();
    let v = builtins.get_str_key(name)?;
    Some((v, Some((builtins, stamp))))
}

/// Whether a cache entry may hold `v`: functions, classes, modules and
/// immutable scalars, which is what hot global loads read. An entry holds
/// its value, so holding an instance or a container would keep it alive
/// after `del` or rebinding (its `__del__` late, a cycle uncollectable).
#[inline]
fn keeps_nothing_alive(v: &Value) -> bool {
    matches!(
        v,
        Value::Function(_)
            | Value::Builtin(_)
            | Value::Type(_)
            | Value::Module(_)
            | Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::BigInt(_)
            | Value::Bytes(_)
            | Value::NotImplemented
            | Value::Ellipsis
    )
}

impl GlobalCache {
    pub fn new(size: usize) -> GlobalCache {
        GlobalCache { entries: RefCell::new((0..size).map(|_| None).collect()) }
    }

    /// An empty cache that grows on use (usable in a `const` thread-local
    /// initializer, which makes each access cheaper).
    pub const fn empty() -> GlobalCache {
        GlobalCache { entries: RefCell::new(Vec::new()) }
    }

    /// Run `f` on the valid entry for `idx`, refilling it first if needed.
    /// `None` when the name is unbound (the caller raises NameError).
    #[inline]
    fn with_entry<R>(&self, globals: &Arc<DictObj>, idx: usize, name: &Value, f: impl FnOnce(&Value) -> R) -> Option<R> {
        let Ok(mut entries) = self.entries.try_borrow_mut() else {
            // Re-entered (cannot happen: lookups of str keys run no Python
            // code); answer without the cache.
            return lookup_global(globals, name).map(|(v, _)| f(&v));
        };
        if idx >= entries.len() {
            entries.resize_with(idx + 1, || None);
        }
        let slot = &mut entries[idx];
        if let Some(e) = slot {
            if e.valid_for(globals, name) {
                return Some(f(&e.value));
            }
        }
        // Stamps are read before the lookup: a change made meanwhile leaves
        // the entry stale, never wrong.
        let globals_stamp = globals.stamp();
        let (value, builtins) = lookup_global(globals, name)?;
        let r = f(&value);
        *slot = if keeps_nothing_alive(&value) {
            Some(Entry { globals: Arc::downgrade(globals), globals_stamp, builtins, name: name.clone(), value })
        } else {
            None
        };
        Some(r)
    }

    /// Forget slots `range` (their code object is gone; another may be
    /// given them).
    pub fn forget(&self, range: std::ops::Range<usize>) {
        if let Ok(mut entries) = self.entries.try_borrow_mut() {
            super::clamped(&mut entries, range).fill_with(|| None);
        }
    }

    /// The value of global `name` in `globals` (then the builtins), or
    /// None when it is unbound.
    #[inline]
    pub fn get(&self, globals: &Arc<DictObj>, idx: usize, name: &Value) -> Option<Value> {
        self.with_entry(globals, idx, name, |v| v.clone())
    }

    /// The value of global `name` (module dict, then builtins).
    #[inline]
    pub fn load(&self, frame: &Frame<'_>, idx: usize, name: &Value) -> PyResult<Value> {
        match self.get(frame.globals, idx, name) {
            Some(v) => Ok(v),
            None => Err(frame.global_name_error(name)),
        }
    }

    /// For a call of global `name` that may go straight to `info`'s body:
    /// `None` when the global is a function made from `info` in these
    /// globals (call directly), else the value to call the generic way.
    #[inline]
    pub fn call_target(&self, frame: &Frame<'_>, idx: usize, name: &Value, info: &'static CodeInfo) -> PyResult<Option<Value>> {
        let globals = frame.globals;
        let r = self.with_entry(globals, idx, name, |v| if is_function_of(v, info, globals) { None } else { Some(v.clone()) });
        match r {
            Some(r) => Ok(r),
            None => Err(frame.global_name_error(name)),
        }
    }
}

/// Whether `v` is a function object made from `info` with `globals`.
#[inline]
pub fn is_function_of(v: &Value, info: &'static CodeInfo, globals: &Arc<DictObj>) -> bool {
    let Value::Function(f) = v else { return false };
    let Some(code) = info.prepared.get() else { return false };
    std::ptr::addr_eq(Arc::as_ptr(&f.code), Arc::as_ptr(code)) && Arc::ptr_eq(&f.globals, globals)
}

/// A direct-call site's memory, shared by all threads: the stamp (plus one;
/// zero for none) of the module's own globals at which the called name was
/// last seen to hold the site's function. While the dict's stamp is that
/// one, nothing in it changed, so the call may go straight to the body
/// without touching the per-thread cache.
pub struct DirectSite(AtomicU64);

impl DirectSite {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> DirectSite {
        DirectSite(AtomicU64::new(0))
    }
}

impl Frame<'_> {
    /// `call_target` with the site's memory in front of it.
    #[inline]
    pub fn direct_target(
        &self,
        site: &DirectSite,
        cache: &'static std::thread::LocalKey<GlobalCache>,
        idx: usize,
        name: &Value,
        info: &'static CodeInfo,
    ) -> PyResult<Option<Value>> {
        if !self.code.module.is_own_globals(&self.globals) {
            return self.call_target(cache, idx, name, info);
        }
        // Read before the lookup: a change made meanwhile leaves the site
        // stale, never wrong.
        let seen = self.globals.stamp().wrapping_add(1);
        if site.0.load(Ordering::Relaxed) == seen {
            return Ok(None);
        }
        let target = self.call_target(cache, idx, name, info)?;
        if target.is_none() {
            site.0.store(seen, Ordering::Relaxed);
        }
        Ok(target)
    }
}
