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
use std::sync::Arc;

use crate::error::PyResult;
use crate::objects::dict::DictObj;
use crate::value::Value;

use super::code::CodeInfo;
use super::frame::Frame;

struct Entry {
    /// The globals the entry was filled from (kept alive, so its address
    /// is not reused by another dict while the entry exists).
    globals: Arc<DictObj>,
    globals_stamp: u64,
    /// Set when the name was found in the builtins.
    builtins: Option<(Arc<DictObj>, u64)>,
    value: Value,
}

impl Entry {
    #[inline]
    fn valid_for(&self, globals: &Arc<DictObj>) -> bool {
        Arc::ptr_eq(&self.globals, globals)
            && self.globals_stamp == globals.stamp()
            && match &self.builtins {
                None => true,
                Some((b, stamp)) => b.stamp() == *stamp,
            }
    }
}

/// One module's per-thread cache of global loads, indexed by the name's
/// position in the module's table of global names.
pub struct GlobalCache {
    entries: RefCell<Vec<Option<Entry>>>,
}

impl GlobalCache {
    pub fn new(size: usize) -> GlobalCache {
        GlobalCache { entries: RefCell::new((0..size).map(|_| None).collect()) }
    }

    /// Run `f` on the valid entry for `idx`, refilling it first if needed.
    /// `None` when the name is unbound (the caller raises NameError).
    #[inline]
    fn with_entry<R>(&self, frame: &Frame<'_>, idx: usize, name: &Value, f: impl FnOnce(&Value) -> R) -> Option<R> {
        let Ok(mut entries) = self.entries.try_borrow_mut() else {
            // Re-entered (cannot happen: lookups of str keys run no Python
            // code); answer without the cache.
            return frame.lookup_global(name).map(|(v, _)| f(&v));
        };
        let slot = entries.get_mut(idx)?;
        if let Some(e) = slot {
            if e.valid_for(&frame.globals) {
                return Some(f(&e.value));
            }
        }
        // Stamps are read before the lookup: a change made meanwhile leaves
        // the entry stale, never wrong.
        let globals_stamp = frame.globals.stamp();
        let (value, builtins) = frame.lookup_global(name)?;
        let r = f(&value);
        *slot = Some(Entry { globals: frame.globals.clone(), globals_stamp, builtins, value });
        Some(r)
    }

    /// The value of global `name` (module dict, then builtins).
    #[inline]
    pub fn load(&self, frame: &Frame<'_>, idx: usize, name: &Value) -> PyResult<Value> {
        match self.with_entry(frame, idx, name, |v| v.clone()) {
            Some(v) => Ok(v),
            None => Err(frame.global_name_error(name)),
        }
    }

    /// For a call of global `name` that may go straight to `info`'s body:
    /// `None` when the global is a function made from `info` in these
    /// globals (call directly), else the value to call the generic way.
    #[inline]
    pub fn call_target(&self, frame: &Frame<'_>, idx: usize, name: &Value, info: &'static CodeInfo) -> PyResult<Option<Value>> {
        let r = self.with_entry(frame, idx, name, |v| if is_function_of(v, info, &frame.globals) { None } else { Some(v.clone()) });
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
