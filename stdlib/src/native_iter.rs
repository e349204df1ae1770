//! Iterators implemented in Rust (`itertools.chain`, `map`-like helpers of
//! other modules): a state machine behind a lock, exposed as a native
//! object whose class is a real type object.
//!
//! Stepping an iterator may run Python code (the source iterator's
//! `__next__`, a key function). The state lock is therefore held while
//! Python code runs; `ReLock` turns re-entry from the same thread (an
//! iterator whose key function advances the iterator itself) into a
//! RuntimeError instead of a deadlock, and other threads simply wait.

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use parking_lot::{Mutex, MutexGuard};

use protopy_runtime::objects::function::BuiltinFn;
use protopy_runtime::objects::native::NativeObject;
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::{ops, PyErr, PyResult, Value};

/// A mutex that knows which thread holds it.
pub struct ReLock<T> {
    inner: Mutex<T>,
    owner: AtomicUsize,
}

pub struct ReGuard<'a, T> {
    guard: MutexGuard<'a, T>,
    owner: &'a AtomicUsize,
}

impl<T> std::ops::Deref for ReGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.guard
    }
}

impl<T> std::ops::DerefMut for ReGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.guard
    }
}

impl<T> Drop for ReGuard<'_, T> {
    fn drop(&mut self) {
        self.owner.store(0, Ordering::Release);
    }
}

fn thread_token() -> usize {
    thread_local! {
        static TOKEN: u8 = const { 0 };
    }
    TOKEN.with(|t| t as *const u8 as usize)
}

impl<T> ReLock<T> {
    pub fn new(v: T) -> ReLock<T> {
        ReLock { inner: Mutex::new(v), owner: AtomicUsize::new(0) }
    }

    pub fn lock(&self) -> PyResult<ReGuard<'_, T>> {
        let me = thread_token();
        if self.owner.load(Ordering::Acquire) == me {
            return Err(PyErr::runtime_error("cannot re-enter the iterator"));
        }
        let guard = self.inner.lock();
        self.owner.store(me, Ordering::Release);
        Ok(ReGuard { guard, owner: &self.owner })
    }
}

/// One kind of native iterator.
pub trait IterState: Send + 'static {
    /// The next item, `None` when exhausted.
    fn next(&mut self) -> PyResult<Option<Value>>;
    /// `repr()`, when it is not the default `<module.name object at ...>`.
    fn repr(&self) -> Option<PyResult<String>> {
        None
    }
    fn as_any(&self) -> &dyn Any;
}

pub struct NativeIter {
    ty: Arc<TypeObj>,
    module: &'static str,
    state: ReLock<Box<dyn IterState>>,
}

impl NativeIter {
    pub fn new_value(ty: Arc<TypeObj>, module: &'static str, state: impl IterState) -> Value {
        Value::native(NativeIter { ty, module, state: ReLock::new(Box::new(state)) })
    }
}

impl NativeObject for NativeIter {
    fn type_obj(&self) -> Arc<TypeObj> {
        self.ty.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(this.clone()))
    }
    fn iter_next(&self) -> Option<PyResult<Option<Value>>> {
        Some(self.state.lock().and_then(|mut s| s.next()))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let custom = match self.state.lock() {
            Ok(s) => s.repr(),
            Err(e) => return Some(Err(e)),
        };
        Some(custom.unwrap_or_else(|| {
            Ok(format!("<{}.{} object at 0x{:x}>", self.module, self.ty.name(), self as *const Self as usize))
        }))
    }
}

/// The type object registered as `module.name`, made by `make` on first use and
/// shared by every module that uses it. The native modules are linked into
/// the host only (compiled modules reach them through the importer), so
/// this registry has one copy per process.
pub fn registered(module: &'static str, name: &'static str, make: impl FnOnce() -> Arc<TypeObj>) -> Arc<TypeObj> {
    type Registry = Mutex<HashMap<(&'static str, &'static str), Arc<TypeObj>>>;
    static TYPES: OnceLock<Registry> = OnceLock::new();
    let mut t = TYPES.get_or_init(|| Mutex::new(HashMap::new())).lock();
    t.entry((module, name))
        .or_insert_with(|| {
            let ty = make();
            // Reprs and error messages name the module (`itertools.count`).
            if ty.dict.get_str("__module__").is_none() {
                ty.dict.set_str("__module__", protopy_runtime::Value::str(module));
            }
            ty
        })
        .clone()
}

/// The class of a native iterator: calling it runs `ctor`.
pub fn iter_class(module: &'static str, name: &'static str, ctor: Option<BuiltinFn>) -> Arc<TypeObj> {
    registered(module, name, || crate::util::native_class(name, ctor, &[("__iter__", iter_method), ("__next__", next_method)]))
}

/// `__next__` for native iterator classes (so `type(it).__next__` exists).
pub fn next_method(a: protopy_runtime::CallArgs) -> PyResult<Value> {
    let [this] = a.exact::<1>("__next__")?;
    // A subclass instance: step the native iterator it wraps.
    match ops::next(&ops::payload(this))? {
        Some(v) => Ok(v),
        None => Err(PyErr::stop_iteration(None)),
    }
}

/// `__iter__` for native iterator classes.
pub fn iter_method(a: protopy_runtime::CallArgs) -> PyResult<Value> {
    let [this] = a.exact::<1>("__iter__")?;
    Ok(this.clone())
}
