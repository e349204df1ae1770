//! `list`: a vector behind a mutex, shared copy-on-write so `copy()`,
//! slicing of the whole list and snapshots for sorting are O(1) until the
//! next mutation. Every method that CPython makes atomic takes the lock
//! once; no Python code runs while it is held.

use std::sync::Arc;

use crate::sync::BiasedMutex;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::sequence;
use crate::ops;
use crate::value::Value;

use super::list_items::Items;

pub struct ListObj {
    items: BiasedMutex<Items>,
    /// Bumped by every change (under the lock): `sort` tells whether its
    /// comparisons changed the list.
    version: std::sync::atomic::AtomicU32,
    pub(crate) gc: crate::gc::GcHeader,
}

impl ListObj {
    pub fn new(items: Vec<Value>) -> ListObj {
        ListObj::with_items(Items::Values(items))
    }

    /// A list of `items`, stored compactly when they are all bools, all
    /// ints or all floats.
    pub fn compacted(items: Vec<Value>) -> ListObj {
        ListObj::with_items(Items::compacted(items))
    }

    fn with_items(items: Items) -> ListObj {
        ListObj { items: BiasedMutex::new(items), version: Default::default(), gc: crate::gc::GcHeader::new() }
    }

    /// `self[s]` as a new list, in the same storage as this one. The
    /// bounds are read first (they may run `__index__`); if the list
    /// shrank meanwhile the positions past its end are left out.
    pub fn slice(&self, s: &crate::objects::slice::SliceObj) -> PyResult<ListObj> {
        let idx = s.indices(self.len())?;
        let items = self.items.lock();
        let n = items.len();
        let picked = if idx.step == 1 {
            let a = (idx.start.max(0) as usize).min(n);
            let b = (a + idx.len).min(n);
            items.pick(std::iter::empty(), Some(a..b))
        } else {
            items.pick(idx.positions().filter(move |&i| i < n), None)
        };
        Ok(ListObj::with_items(picked))
    }

    /// `self * n`: compact when the items are all bools, small ints or
    /// floats; MemoryError when the memory cannot be had.
    pub fn repeated(&self, n: usize) -> PyResult<ListObj> {
        let items = self.items.lock().repeated(n).ok_or_else(PyErr::memory_error)?;
        Ok(ListObj::with_items(items))
    }

    pub fn len(&self) -> usize {
        self.items.lock().len()
    }

    /// The cycle collector's view (see `gc`).
    pub(crate) fn gc_traverse(&self, visit: &mut crate::gc::Visit) -> bool {
        let Some(items) = self.items.try_lock_stopped() else { return false };
        items.objects().iter().for_each(|v| visit(crate::gc::Edge::Value(v)));
        true
    }

    pub(crate) fn gc_take(&self) -> Vec<Value> {
        self.items.lock_stopped().take_values()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Called with the list's lock held (so writers never race): a load
    /// and a store, not an atomic read-modify-write.
    #[inline]
    fn bump(&self) {
        use std::sync::atomic::Ordering;
        self.version.store(self.version.load(Ordering::Relaxed).wrapping_add(1), Ordering::Relaxed);
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.items.lock().get(i)
    }

    /// A copy of the items (to work on without the lock).
    pub fn snapshot(&self) -> Arc<Vec<Value>> {
        Arc::new(self.to_vec())
    }

    pub fn to_vec(&self) -> Vec<Value> {
        self.items.lock().to_values()
    }

    /// Read the items in place under the lock (a compact list is made
    /// general first); `f` must not run Python code.
    pub fn with_slice<R>(&self, f: impl FnOnce(&[Value]) -> R) -> R {
        let mut guard = self.items.lock();
        f(guard.values_mut())
    }

    /// Mutate under the lock; `f` must not run Python code.
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut Vec<Value>) -> R) -> R {
        let mut guard = self.items.lock();
        self.bump();
        let values = guard.values_mut();
        let r = f(values);
        let stored = self.untracked_holding(values);
        drop(guard);
        self.settle(stored);
        r
    }

    /// After a change that may have stored a container (`stored`): a list
    /// made without containers is not tracked by the cycle collector (it
    /// cannot be part of a cycle) until then.
    #[inline]
    fn settle(&self, stored: bool) {
        if stored && !self.gc.is_tracked() {
            crate::gc::track_list(self);
        }
    }

    /// After an arbitrary change: whether the list is untracked and now
    /// holds a container among `items`.
    fn untracked_holding(&self, items: &[Value]) -> bool {
        !self.gc.is_tracked() && items.iter().any(crate::gc::is_container)
    }

    /// Whether an item may be a container the collector tracks (never for
    /// a compact list).
    pub fn may_hold_containers(&self) -> bool {
        match &*self.items.lock() {
            Items::Values(v) => v.iter().any(crate::gc::is_container),
            _ => false,
        }
    }

    /// Whether the items are stored compactly (bools, ints or floats).
    pub fn is_compact(&self) -> bool {
        !matches!(*self.items.lock(), Items::Values(_))
    }

    /// All the items, in their storage, copied (a compact list stays so).
    pub fn items_copy(&self) -> Items {
        let items = self.items.lock();
        items.pick(std::iter::empty(), Some(0..items.len()))
    }

    /// Mutate the items in their storage under the lock; `f` must not run
    /// Python code.
    pub fn with_items_mut<R>(&self, f: impl FnOnce(&mut Items) -> R) -> R {
        let mut guard = self.items.lock();
        self.bump();
        let r = f(&mut guard);
        let stored = self.untracked_holding(guard.objects());
        drop(guard);
        self.settle(stored);
        r
    }

    #[inline(never)]
    pub fn push(&self, v: Value) {
        let stored = crate::gc::is_container(&v);
        let mut guard = self.items.lock();
        self.bump();
        guard.push(v);
        drop(guard);
        self.settle(stored);
    }

    pub fn set(&self, i: usize, v: Value) -> bool {
        let mut guard = self.items.lock();
        if i >= guard.len() {
            return false;
        }
        self.bump();
        let stored = crate::gc::is_container(&v);
        let old = guard.replace(i, v);
        drop(guard);
        self.settle(stored);
        old.release();
        true
    }

    pub fn replace(&self, v: Vec<Value>) {
        let stored = v.iter().any(crate::gc::is_container);
        let old = {
            let mut guard = self.items.lock();
            self.bump();
            std::mem::replace(&mut *guard, Items::Values(v))
        };
        self.settle(stored);
        if let Items::Values(old) = old {
            crate::trashcan::release(old);
        }
    }

    /// Index with Python's negative-index rule; IndexError when out of range.
    pub fn get_index(&self, index: i64) -> PyResult<Value> {
        let items = self.items.lock();
        match slot_at(index, items.len()) {
            Some(i) => Ok(items.item(i)),
            None => Err(PyErr::index_error("list index out of range")),
        }
    }

    /// Item `index` (Python indexing) of a list stored compactly as `T`s,
    /// which `pick` finds: None when it is stored otherwise or the index
    /// is out of range (the caller takes the general path, which raises).
    #[inline(always)]
    pub(crate) fn compact_get<T: Copy>(&self, index: i64, pick: impl FnOnce(&Items) -> Option<&Vec<T>>) -> Option<T> {
        let items = self.items.lock();
        let v = pick(&items)?;
        Some(v[slot_at(index, v.len())?])
    }

    /// The truth of item `index` of a compactly stored list; None where
    /// `compact_get` would give None, or for general storage (an item's
    /// `__bool__` must not run under the lock).
    #[inline(always)]
    pub(crate) fn compact_truth(&self, index: i64) -> Option<bool> {
        let items = self.items.lock();
        let i = slot_at(index, items.len())?;
        match &*items {
            Items::Bools(v) => v.get(i).copied(),
            Items::Ints(v) => v.get(i).map(|x| *x != 0),
            Items::Floats(v) => v.get(i).map(|x| *x != 0.0),
            Items::Values(_) => None,
        }
    }

    /// Store `x` at `index` of a list stored compactly as `T`s; false (and
    /// nothing stored) where `compact_get` would give None.
    #[inline(always)]
    pub(crate) fn compact_set<T>(&self, index: i64, x: T, pick: impl FnOnce(&mut Items) -> Option<&mut Vec<T>>) -> bool {
        let mut items = self.items.lock();
        let Some(v) = pick(&mut items) else { return false };
        let Some(i) = slot_at(index, v.len()) else { return false };
        v[i] = x;
        self.bump();
        true
    }

    pub fn set_index(&self, index: i64, v: Value) -> PyResult<()> {
        let mut guard = self.items.lock();
        let Some(i) = slot_at(index, guard.len()) else {
            return Err(PyErr::index_error("list assignment index out of range"));
        };
        self.bump();
        let stored = crate::gc::is_container(&v);
        let old = guard.replace(i, v);
        drop(guard);
        self.settle(stored);
        old.release();
        Ok(())
    }

    /// The first position in `start..stop` holding an item equal to `x`,
    /// over the live list as CPython scans it: comparisons that need
    /// Python code run without the lock.
    pub fn find(&self, x: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
        let mut i = start;
        loop {
            let slow = {
                let items = self.items.lock();
                loop {
                    if i >= items.len().min(stop) {
                        return Ok(None);
                    }
                    match items.with_item(i, |item| ops::eq_fast(item, x)) {
                        Some(true) => return Ok(Some(i)),
                        Some(false) => i += 1,
                        None => break items.item(i),
                    }
                }
            };
            if ops::eq(&slow, x)? {
                return Ok(Some(i));
            }
            i += 1;
        }
    }
}

impl Drop for ListObj {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
        if let Items::Values(items) = std::mem::take(self.items.get_mut()) {
            crate::trashcan::release(items);
        }
    }
}

fn this(v: &Value) -> PyResult<Arc<ListObj>> {
    match ops::payload(v) {
        Value::List(l) => Ok(l),
        _ => Err(PyErr::type_error(format!(
            "descriptor requires a 'list' object but received a '{}'",
            ops::type_name(v)
        ))),
    }
}

fn append(a: CallArgs) -> PyResult<Value> {
    let [s, v] = a.exact::<2>("append")?;
    this(s)?.push(v.clone());
    Ok(Value::None)
}

fn extend(a: CallArgs) -> PyResult<Value> {
    let [s, it] = a.exact::<2>("extend")?;
    let l = this(s)?;
    let items = ops::collect(it)?;
    l.with_mut(|v| v.extend(items));
    Ok(Value::None)
}

fn insert(a: CallArgs) -> PyResult<Value> {
    let [s, i, v] = a.exact::<3>("insert")?;
    let l = this(s)?;
    let i = ops::index_value(i)?;
    l.with_mut(|items| {
        let n = items.len() as i64;
        let pos = if i < 0 { (i + n).max(0) } else { i.min(n) };
        items.insert(pos as usize, v.clone());
    });
    Ok(Value::None)
}

fn pop(a: CallArgs) -> PyResult<Value> {
    let args = a.range("pop", 1, 2)?;
    let l = this(&args[0])?;
    let idx = match args.get(1) {
        Some(v) => Some(ops::index_value(v)?),
        None => None,
    };
    l.with_mut(|items| {
        if items.is_empty() {
            return Err(PyErr::index_error("pop from empty list"));
        }
        let n = items.len() as i64;
        let i = idx.unwrap_or(-1);
        let i = if i < 0 { i + n } else { i };
        if i < 0 || i >= n {
            return Err(PyErr::index_error("pop index out of range"));
        }
        Ok(items.remove(i as usize))
    })
}

fn position(l: &ListObj, x: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    l.find(x, start, stop)
}

fn remove(a: CallArgs) -> PyResult<Value> {
    let [s, x] = a.exact::<2>("remove")?;
    let l = this(s)?;
    match position(&l, x, 0, usize::MAX)? {
        Some(i) => {
            l.with_mut(|items| {
                if i < items.len() {
                    items.remove(i);
                }
            });
            Ok(Value::None)
        }
        None => Err(PyErr::value_error("list.remove(x): x not in list")),
    }
}

fn index(a: CallArgs) -> PyResult<Value> {
    let args = a.range("index", 2, 4)?;
    let l = this(&args[0])?;
    let n = l.len();
    let (start, stop) = sequence::slice_bounds(args.get(2), args.get(3), n)?;
    match position(&l, &args[1], start, stop)? {
        Some(i) => Ok(Value::from_usize(i)),
        None => Err(PyErr::value_error(format!("{} is not in list", ops::repr(&args[1])?))),
    }
}

fn count(a: CallArgs) -> PyResult<Value> {
    let [s, x] = a.exact::<2>("count")?;
    let mut n = 0;
    for item in this(s)?.snapshot().iter() {
        if ops::eq(item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn reverse(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("reverse")?;
    this(s)?.with_mut(|v| v.reverse());
    Ok(Value::None)
}

fn clear(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("clear")?;
    this(s)?.replace(Vec::new());
    Ok(Value::None)
}

fn copy(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("copy")?;
    Ok(Value::list(this(s)?.to_vec()))
}

fn sort(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    if pos.len() != 1 {
        return Err(PyErr::type_error("sort() takes no positional arguments"));
    }
    let l = this(&pos[0])?;
    let key = a.kwarg("key").filter(|k| !k.is_none());
    let reverse = match a.kwarg("reverse") {
        Some(r) => ops::truthy(&r)?,
        None => false,
    };
    a.only_kwargs("sort", &["key", "reverse"])?;
    // Sort a private copy and leave the list empty meanwhile, as CPython
    // does, so a key function that mutates the list is detected: any change
    // bumps the version.
    let (items, version) = {
        let mut guard = l.items.lock();
        (guard.take_values(), l.version.load(std::sync::atomic::Ordering::Relaxed))
    };
    let result = sequence::sort_values(items, key.as_ref(), reverse);
    let modified = l.version.load(std::sync::atomic::Ordering::Relaxed) != version;
    match result {
        Ok(sorted) => {
            l.replace(sorted);
            if modified {
                return Err(PyErr::value_error("list modified during sort"));
            }
            Ok(Value::None)
        }
        Err((e, original)) => {
            l.replace(original);
            Err(e)
        }
    }
}

fn list_new(a: CallArgs) -> PyResult<Value> {
    let args = a.range("list", 0, 1)?;
    a.no_kwargs("list")?;
    match args.first() {
        None => Ok(Value::list(Vec::new())),
        // A list or range of ints makes a list in the same (compact)
        // storage.
        Some(Value::List(src)) => Ok(compact_list(src.items_copy())),
        Some(Value::Range(r)) if r.len() > 0 && r.len() <= 1 << 31 => {
            Ok(compact_list(Items::Ints((0..r.len()).map(|i| r.item(i)).collect())))
        }
        Some(it) => Ok(Value::list(ops::collect(it)?)),
    }
}

/// Python index `index` (negative counts from the end) of a list of `len`
/// items, if it is in range.
#[inline(always)]
fn slot_at(index: i64, len: usize) -> Option<usize> {
    let i = if index < 0 { index + len as i64 } else { index };
    usize::try_from(i).ok().filter(|&i| i < len)
}

fn compact_list(items: Items) -> Value {
    crate::gc::tracked(Value::List(Arc::new(ListObj::with_items(items))))
}

/// `list.__init__(self, iterable=())` for subclasses.
fn init(a: CallArgs) -> PyResult<Value> {
    let args = a.range("list", 1, 2)?;
    let l = this(&args[0])?;
    let items = match args.get(1) {
        Some(it) => ops::collect(it)?,
        None => Vec::new(),
    };
    l.replace(items);
    Ok(Value::None)
}

pub fn constructor() -> crate::objects::function::BuiltinFn {
    list_new
}

pub fn init_type() {
    let t = &ctx().types.list;
    t.add_method("append", append);
    t.add_method("extend", extend);
    t.add_method("insert", insert);
    t.add_method("pop", pop);
    t.add_method("remove", remove);
    t.add_method("index", index);
    t.add_method("count", count);
    t.add_method("reverse", reverse);
    t.add_method("clear", clear);
    t.add_method("copy", copy);
    t.add_method("sort", sort);
    t.add_method("__init__", init);
}
