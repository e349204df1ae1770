//! `dict`: an insertion-ordered hash table (compact layout: an index table
//! over an entry vector, as CPython's). The table sits behind an `Arc` so
//! `copy()` and snapshots are O(1); the first mutation of a shared table
//! copies it (copy-on-write).
//!
//! Concurrency: the table is guarded by a mutex that is never held while
//! Python code runs. Hashes are computed before locking; a key comparison
//! that needs a user `__eq__` is done after unlocking, and the lookup is
//! retried if the table changed meanwhile.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use hashbrown::HashTable;
use crate::sync::BiasedMutex;

use crate::error::{PyErr, PyResult};
use crate::ops;
use crate::value::Value;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

/// Tables with at most this many entry slots have no index: a lookup
/// scans the entries' hashes (faster and smaller for the many small dicts,
/// instance dicts among them).
const SMALL: usize = 8;

#[derive(Clone, Default)]
pub struct DictTable {
    /// Entry positions by hash; absent while `entries` has at most `SMALL`
    /// slots (boxed, so the many small tables do not carry its header).
    indices: Option<Box<HashTable<u32>>>,
    entries: Vec<Option<Entry>>,
    len: u32,
    /// Bumped (wrapping) on every structural change; lookups that dropped
    /// the lock to run a user `__eq__` restart when it moved.
    version: u32,
}

/// A key's bit in `DictObj::key_bits`.
#[inline]
fn key_bit(hash: i64) -> u64 {
    1 << (hash as u64 & 63)
}

#[inline]
fn mix(hash: i64) -> u64 {
    // hashbrown takes its control bits from the top of the hash; Python's
    // int hashes are small, so spread them.
    (hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

enum Probe {
    Found(usize),
    Missing,
    /// Candidates whose equality needs Python code.
    Slow(Vec<(usize, Value)>, u32),
}

impl DictTable {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    fn probe(&self, hash: i64, key: &Value) -> Probe {
        let mut slow = Vec::new();
        if self.entries.len() <= SMALL {
            for (idx, e) in self.entries.iter().enumerate() {
                let Some(e) = e else { continue };
                if e.hash != hash {
                    continue;
                }
                match ops::eq_fast(&e.key, key) {
                    Some(true) => return Probe::Found(idx),
                    Some(false) => {}
                    None => slow.push((idx, e.key.clone())),
                }
            }
        } else if let Some(indices) = &self.indices {
            for &idx in indices.iter_hash(mix(hash)) {
                let Some(e) = &self.entries[idx as usize] else { continue };
                if e.hash != hash {
                    continue;
                }
                match ops::eq_fast(&e.key, key) {
                    Some(true) => return Probe::Found(idx as usize),
                    Some(false) => {}
                    None => slow.push((idx as usize, e.key.clone())),
                }
            }
        }
        if slow.is_empty() {
            Probe::Missing
        } else {
            Probe::Slow(slow, self.version)
        }
    }

    /// Entry `hint` when its key is `key` itself (the same interned str).
    #[inline]
    fn hinted(&self, hint: &std::cell::Cell<u32>, key: &Value) -> Option<usize> {
        let i = hint.get() as usize;
        matches!(self.entries.get(i), Some(Some(e)) if e.key.is(key)).then_some(i)
    }

    /// Lookup without user code: `None` when a slow comparison would be needed.
    fn find_fast(&self, hash: i64, key: &Value) -> Option<Option<usize>> {
        match self.probe(hash, key) {
            Probe::Found(i) => Some(Some(i)),
            Probe::Missing => Some(None),
            Probe::Slow(..) => None,
        }
    }

    fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        let idx = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        if self.entries.len() == SMALL + 1 {
            self.build_index();
        } else if self.entries.len() > SMALL {
            let entries = &self.entries;
            let indices = self.indices.get_or_insert_with(Default::default);
            indices.insert_unique(mix(hash), idx, |&i| {
                entries[i as usize].as_ref().map(|e| mix(e.hash)).unwrap_or(0)
            });
        }
        self.len += 1;
        self.version = self.version.wrapping_add(1);
    }

    /// Index every entry (the table just outgrew `SMALL` slots).
    fn build_index(&mut self) {
        let mut indices = self.indices.take().unwrap_or_default();
        indices.clear();
        let entries = &self.entries;
        for (idx, e) in entries.iter().enumerate() {
            let Some(e) = e else { continue };
            indices.insert_unique(mix(e.hash), idx as u32, |&i| {
                entries[i as usize].as_ref().map(|e| mix(e.hash)).unwrap_or(0)
            });
        }
        self.indices = Some(indices);
    }

    fn remove_at(&mut self, idx: usize) -> Option<Entry> {
        let e = self.entries.get_mut(idx)?.take()?;
        if let Some(indices) = &mut self.indices {
            if let Ok(entry) = indices.find_entry(mix(e.hash), |&i| i as usize == idx) {
                entry.remove();
            }
        }
        self.len -= 1;
        self.version = self.version.wrapping_add(1);
        if self.len == 0 {
            self.entries.clear();
            self.indices = None;
        } else if self.entries.len() > 16 && self.len as usize * 2 < self.entries.len() {
            self.compact();
        }
        Some(e)
    }

    fn compact(&mut self) {
        let old = std::mem::take(&mut self.entries);
        self.entries.extend(old.into_iter().flatten().map(Some));
        if self.entries.len() > SMALL {
            self.build_index();
        } else {
            self.indices = None;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// The live entry at or after raw position `pos`, for iterators.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, &Entry)> {
        self.entries.get(pos..)?.iter().enumerate().find_map(|(i, e)| e.as_ref().map(|e| (pos + i, e)))
    }

    pub fn raw_len(&self) -> usize {
        self.entries.len()
    }
}

/// The table behind the dict's lock, for writing: copied first when a
/// snapshot shares it (copy-on-write).
///
/// Cheaper than `Arc::make_mut` on the common path: the caller holds the
/// dict's lock, and snapshots are only ever taken under it (no `Weak`
/// exists), so a count of one cannot rise meanwhile and a plain load tells
/// uniqueness; the fence orders this write after the last snapshot holder's
/// release of its count.
#[inline]
fn table_mut(t: &mut Arc<DictTable>) -> &mut DictTable {
    if Arc::strong_count(t) == 1 {
        std::sync::atomic::fence(Ordering::Acquire);
        // SAFETY: this `Arc` is the only one (see above) and it is
        // borrowed mutably, so nothing else reads or writes the table.
        unsafe { &mut *(Arc::as_ptr(t) as *mut DictTable) }
    } else {
        Arc::make_mut(t)
    }
}

pub struct DictObj {
    table: BiasedMutex<Arc<DictTable>>,
    /// One bit per key hash (`key_bit`) for every key ever inserted into
    /// the current table (set under the lock): a clear bit means the key
    /// is absent, read without the lock (attribute caches ask whether an
    /// instance attribute shadows a method).
    key_bits: AtomicU64,
    /// Bumped (under the lock) by every change, values included: caches of
    /// lookups (compiled code's global loads) stay valid while it holds.
    stamp: AtomicU64,
    pub(crate) gc: crate::gc::GcHeader,
}

impl Drop for DictObj {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
        if let Some(table) = Arc::get_mut(self.table.get_mut()) {
            crate::trashcan::release(std::mem::take(&mut table.entries));
        }
    }
}

impl Default for DictObj {
    fn default() -> Self {
        DictObj::new()
    }
}

impl DictObj {
    pub fn new() -> DictObj {
        DictObj { table: BiasedMutex::new(Arc::new(DictTable::default())), key_bits: AtomicU64::new(0), stamp: AtomicU64::new(0), gc: crate::gc::GcHeader::new() }
    }

    pub fn from_table(t: DictTable) -> DictObj {
        let bits = t.entries.iter().flatten().fold(0, |b, e| b | key_bit(e.hash));
        DictObj { table: BiasedMutex::new(Arc::new(t)), key_bits: AtomicU64::new(bits), stamp: AtomicU64::new(0), gc: crate::gc::GcHeader::new() }
    }

    /// O(1) snapshot of the current contents.
    pub fn snapshot(&self) -> Arc<DictTable> {
        self.table.lock().clone()
    }

    pub fn copy(&self) -> DictObj {
        let table = self.table.lock();
        let bits = self.key_bits.load(Ordering::Relaxed);
        DictObj { table: BiasedMutex::new(table.clone()), key_bits: AtomicU64::new(bits), stamp: AtomicU64::new(0), gc: crate::gc::GcHeader::new() }
    }

    pub fn len(&self) -> usize {
        self.table.lock().len as usize
    }

    /// The change counter: equal stamps mean no change in between.
    #[inline]
    pub fn stamp(&self) -> u64 {
        self.stamp.load(Ordering::Acquire)
    }

    /// Record a key inserted (under the lock: a load and a store).
    #[inline]
    fn note_key(&self, hash: i64) {
        self.key_bits.store(self.key_bits.load(Ordering::Relaxed) | key_bit(hash), Ordering::Relaxed);
    }

    /// False when str `key` is certainly not in the dict (no lock taken).
    #[inline]
    pub fn may_contain_str(&self, key: &Value) -> bool {
        match key {
            Value::Str(s) => self.key_bits.load(Ordering::Relaxed) & key_bit(s.hash()) != 0,
            _ => true,
        }
    }

    /// Record a change; called with the table lock held, after the change.
    #[inline]
    fn bump(&self) {
        self.stamp.store(self.stamp.load(Ordering::Relaxed).wrapping_add(1), Ordering::Release);
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Find `key`, running a user `__eq__` outside the lock if needed.
    fn locate(&self, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        loop {
            let (slow, version) = match self.table.lock().probe(hash, key) {
                Probe::Found(i) => return Ok(Some(i)),
                Probe::Missing => return Ok(None),
                Probe::Slow(s, v) => (s, v),
            };
            let mut hit = None;
            for (idx, cand) in slow {
                if ops::eq(&cand, key)? {
                    hit = Some((idx, cand));
                    break;
                }
            }
            let t = self.table.lock();
            match hit {
                Some((idx, cand)) => {
                    if let Some(Some(e)) = t.entries.get(idx) {
                        if e.key.is(&cand) {
                            return Ok(Some(idx));
                        }
                    }
                }
                None if t.version == version => return Ok(None),
                None => {}
            }
            // The table changed under us: look again.
        }
    }

    pub fn get_item(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        self.get_hashed(hash, key)
    }

    pub fn get_hashed(&self, hash: i64, key: &Value) -> PyResult<Option<Value>> {
        {
            let t = self.table.lock();
            if let Some(found) = t.find_fast(hash, key) {
                return Ok(found.and_then(|i| t.entries[i].as_ref().map(|e| e.value.clone())));
            }
        }
        let idx = self.locate(hash, key)?;
        let t = self.table.lock();
        Ok(idx.and_then(|i| t.entries.get(i).and_then(|e| e.as_ref()).map(|e| e.value.clone())))
    }

    pub fn contains(&self, key: &Value) -> PyResult<bool> {
        Ok(self.get_item(key)?.is_some())
    }

    pub fn set_item(&self, key: Value, value: Value) -> PyResult<()> {
        let hash = ops::hash(&key)?;
        self.set_hashed(hash, key, value)
    }

    /// `self[key] = value` for a str `key` (an attribute name): the hash
    /// is the str's cached one, the key is cloned only when it is new, and
    /// the value replaced is dropped after the lock is released.
    pub fn set_str_item(&self, key: &Value, value: Value) -> PyResult<()> {
        self.set_str_at(key, value, None)
    }

    /// `set_str_item`, trying entry `hint` first (a hit when that entry's
    /// key is `key` itself) and updating it to where the key is stored.
    #[inline]
    pub fn set_str_hinted(&self, key: &Value, value: Value, hint: &std::cell::Cell<u32>) -> PyResult<()> {
        self.set_str_at(key, value, Some(hint))
    }

    fn set_str_at(&self, key: &Value, value: Value, hint: Option<&std::cell::Cell<u32>>) -> PyResult<()> {
        let Value::Str(s) = key else { return self.set_item(key.clone(), value) };
        let hash = s.hash();
        let old = {
            let mut guard = self.table.lock();
            let hinted = hint.and_then(|h| guard.hinted(h, key));
            match hinted.map(Some).or_else(|| guard.find_fast(hash, key)) {
                Some(Some(i)) => {
                    let t = table_mut(&mut guard);
                    let old = t.entries[i].as_mut().map(|e| std::mem::replace(&mut e.value, value));
                    self.bump();
                    if let Some(h) = hint {
                        h.set(i as u32);
                    }
                    old
                }
                Some(None) => {
                    let t = table_mut(&mut guard);
                    let i = t.entries.len();
                    t.insert_new(hash, key.clone(), value);
                    self.note_key(hash);
                    self.bump();
                    if let Some(h) = hint {
                        h.set(i as u32);
                    }
                    None
                }
                None => {
                    drop(guard);
                    return self.set_hashed(hash, key.clone(), value);
                }
            }
        };
        if let Some(old) = old {
            old.release();
        }
        Ok(())
    }

    pub fn set_hashed(&self, hash: i64, key: Value, value: Value) -> PyResult<()> {
        {
            let mut guard = self.table.lock();
            if let Some(found) = guard.find_fast(hash, &key) {
                let t = table_mut(&mut guard);
                match found {
                    Some(i) => {
                        if let Some(e) = t.entries[i].as_mut() {
                            e.value = value;
                        }
                    }
                    None => {
                        t.insert_new(hash, key, value);
                        self.note_key(hash);
                    }
                }
                self.bump();
                return Ok(());
            }
        }
        loop {
            let idx = self.locate(hash, &key)?;
            let mut guard = self.table.lock();
            let t = table_mut(&mut guard);
            match idx {
                Some(i) => {
                    if let Some(Some(e)) = t.entries.get_mut(i) {
                        e.value = value;
                        self.bump();
                        return Ok(());
                    }
                    // Removed meanwhile: try again.
                }
                None => {
                    t.insert_new(hash, key, value);
                    self.note_key(hash);
                    self.bump();
                    return Ok(());
                }
            }
        }
    }

    /// Remove `key`, returning its value (None when missing).
    pub fn remove(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        loop {
            let idx = self.locate(hash, key)?;
            let Some(i) = idx else { return Ok(None) };
            let mut guard = self.table.lock();
            if guard.entries.get(i).is_some_and(|e| e.is_some()) {
                let t = table_mut(&mut guard);
                let removed = t.remove_at(i).map(|e| e.value);
                self.bump();
                return Ok(removed);
            }
        }
    }

    /// `setdefault`: the existing value, or `default` after inserting it.
    pub fn setdefault(&self, key: Value, default: Value) -> PyResult<Value> {
        let hash = ops::hash(&key)?;
        loop {
            let idx = self.locate(hash, &key)?;
            let mut guard = self.table.lock();
            match idx {
                Some(i) => {
                    if let Some(Some(e)) = guard.entries.get(i) {
                        return Ok(e.value.clone());
                    }
                }
                None => {
                    // Insert only if still absent (fast check; a racing insert
                    // of an equal builtin key is caught here).
                    match guard.find_fast(hash, &key) {
                        Some(Some(i)) => {
                            if let Some(Some(e)) = guard.entries.get(i) {
                                return Ok(e.value.clone());
                            }
                        }
                        _ => {
                            table_mut(&mut guard).insert_new(hash, key, default.clone());
                            self.note_key(hash);
                            self.bump();
                            return Ok(default);
                        }
                    }
                }
            }
        }
    }

    pub fn popitem(&self) -> Option<(Value, Value)> {
        let mut guard = self.table.lock();
        let idx = guard.entries.iter().rposition(|e| e.is_some())?;
        let t = table_mut(&mut guard);
        let removed = t.remove_at(idx).map(|e| (e.key, e.value));
        self.bump();
        removed
    }

    /// The cycle collector's view (see `gc`): a table shared with a
    /// snapshot is not reported.
    pub(crate) fn gc_traverse(&self, visit: &mut crate::gc::Visit) -> bool {
        let Some(table) = self.table.try_lock_stopped() else { return false };
        if Arc::strong_count(&table) == 1 {
            for e in table.entries.iter().flatten() {
                visit(crate::gc::Edge::Value(&e.key));
                visit(crate::gc::Edge::Value(&e.value));
            }
        }
        true
    }

    pub(crate) fn gc_take(&self) -> Arc<DictTable> {
        let mut guard = self.table.lock_stopped();
        let old = std::mem::replace(&mut *guard, Arc::new(DictTable::default()));
        self.bump();
        old
    }

    pub fn clear(&self) {
        let mut guard = self.table.lock();
        *guard = Arc::new(DictTable::default());
        self.bump();
    }

    pub fn keys(&self) -> Vec<Value> {
        self.snapshot().iter().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.snapshot().iter().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.snapshot().iter().map(|e| (e.key.clone(), e.value.clone())).collect()
    }

    /// Merge another table's entries in (`update`, `|=`, `**`).
    pub fn update_from(&self, other: &DictTable) -> PyResult<()> {
        for e in other.iter() {
            self.set_hashed(e.hash, e.key.clone(), e.value.clone())?;
        }
        Ok(())
    }

    // --- str-keyed helpers for namespaces (attribute dicts, globals) ---

    /// Lookup by a str key (no user code can run: str equality is builtin).
    pub fn get_str_key(&self, key: &Value) -> Option<Value> {
        let hash = match key {
            Value::Str(s) => s.hash(),
            _ => return None,
        };
        let t = self.table.lock();
        match t.find_fast(hash, key) {
            Some(Some(i)) => t.entries[i].as_ref().map(|e| e.value.clone()),
            _ => None,
        }
    }

    /// `get_str_key` trying entry `hint` first: a hit when that entry's
    /// key is `key` itself (the same interned str); `hint` is updated to
    /// where the key was found.
    #[inline]
    pub fn get_str_hinted(&self, key: &Value, hint: &std::cell::Cell<u32>) -> Option<Value> {
        let Value::Str(s) = key else { return None };
        let t = self.table.lock();
        if let Some(i) = t.hinted(hint, key) {
            return t.entries[i].as_ref().map(|e| e.value.clone());
        }
        match t.find_fast(s.hash(), key) {
            Some(Some(i)) => {
                hint.set(i as u32);
                t.entries[i].as_ref().map(|e| e.value.clone())
            }
            _ => None,
        }
    }

    pub fn get_str(&self, key: &str) -> Option<Value> {
        self.get_str_key(&crate::context::intern(key))
    }

    pub fn set_str(&self, key: &str, value: Value) {
        let k = crate::context::intern(key);
        let hash = ops::hash(&k).unwrap_or(0);
        // str keys never run user code, so this cannot fail.
        let _ = self.set_hashed(hash, k, value);
    }

    pub fn del_str(&self, key: &str) -> Option<Value> {
        self.remove(&crate::context::intern(key)).ok().flatten()
    }

    /// Iterator support: the entry at raw position >= pos, and the length
    /// to detect "changed size during iteration".
    pub fn next_entry(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let t = self.table.lock();
        t.entry_from(pos).map(|(i, e)| (i, e.key.clone(), e.value.clone()))
    }
}

/// `KeyError` for a missing key.
pub fn missing(key: &Value) -> PyErr {
    PyErr::key_error(key.clone())
}
