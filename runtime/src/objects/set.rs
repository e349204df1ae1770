//! `set` and `frozenset`: open addressing with CPython's probe sequence
//! (linear probes, then perturbation), table sizes and growth policy, so
//! that iteration order — which programs print — matches CPython's for the
//! same hashes and insertion history.
//!
//! As with dicts, the table is behind a mutex never held while Python code
//! runs, and behind an `Arc` for O(1) snapshots.

use std::sync::Arc;

use crate::sync::BiasedMutex;

use crate::error::PyResult;
use crate::ops;
use crate::value::Value;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Full(i64, Value),
}

#[derive(Clone)]
pub struct SetTable {
    slots: Vec<Slot>,
    /// Live entries.
    used: usize,
    /// Live plus dummy entries.
    fill: usize,
    version: u64,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable { slots: vec![Slot::Empty; MIN_SIZE], used: 0, fill: 0, version: 0 }
    }
}

enum Probe {
    Found(usize),
    /// Insert position (first dummy seen, else the empty slot).
    Missing(usize),
    Slow(Vec<(usize, Value)>),
}

impl SetTable {
    pub fn len(&self) -> usize {
        self.used
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Walk CPython's probe sequence for `hash`, calling `visit` on each slot
    /// index until it returns false.
    fn walk(&self, hash: i64, mut visit: impl FnMut(usize) -> bool) {
        let mask = self.mask();
        let mut perturb = hash as u64 as usize;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in 0..=probes {
                if !visit(i + j) {
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }

    fn probe(&self, hash: i64, key: &Value) -> Probe {
        let mut result = None;
        let mut freeslot = None;
        let mut slow = Vec::new();
        self.walk(hash, |i| match &self.slots[i] {
            Slot::Empty => {
                result = Some(Probe::Missing(freeslot.unwrap_or(i)));
                false
            }
            Slot::Dummy => {
                freeslot.get_or_insert(i);
                true
            }
            Slot::Full(h, k) => {
                if *h == hash {
                    match ops::eq_fast(k, key) {
                        Some(true) => {
                            result = Some(Probe::Found(i));
                            return false;
                        }
                        Some(false) => {}
                        None => slow.push((i, k.clone())),
                    }
                }
                true
            }
        });
        if !slow.is_empty() {
            if let Some(Probe::Found(_)) = result {
            } else {
                return Probe::Slow(slow);
            }
        }
        result.unwrap_or(Probe::Missing(freeslot.unwrap_or(0)))
    }

    fn insert_at(&mut self, pos: usize, hash: i64, key: Value) {
        if matches!(self.slots[pos], Slot::Empty) {
            self.fill += 1;
        }
        self.slots[pos] = Slot::Full(hash, key);
        self.used += 1;
        self.version += 1;
        if self.fill * 5 >= self.mask() * 3 {
            let minused = if self.used > 50000 { self.used * 2 } else { self.used * 4 };
            self.resize(minused);
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Full(h, k) = slot {
                self.insert_clean(h, k);
            }
        }
    }

    /// Insert into a table known to hold no equal key and no dummies.
    fn insert_clean(&mut self, hash: i64, key: Value) {
        let mut pos = 0;
        self.walk(hash, |i| {
            if matches!(self.slots[i], Slot::Empty) {
                pos = i;
                false
            } else {
                true
            }
        });
        self.slots[pos] = Slot::Full(hash, key);
    }

    fn remove_at(&mut self, pos: usize) -> Option<Value> {
        match std::mem::replace(&mut self.slots[pos], Slot::Dummy) {
            Slot::Full(_, k) => {
                self.used -= 1;
                self.version += 1;
                Some(k)
            }
            other => {
                self.slots[pos] = other;
                None
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Full(_, k) => Some(k),
            _ => None,
        })
    }

    pub fn iter_hashed(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Full(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// The live key at raw position >= pos (for iterators).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value)> {
        self.slots.get(pos..)?.iter().enumerate().find_map(|(i, s)| match s {
            Slot::Full(_, k) => Some((pos + i, k.clone())),
            _ => None,
        })
    }
}

pub struct SetObj {
    table: BiasedMutex<Arc<SetTable>>,
    pub(crate) gc: crate::gc::GcHeader,
}

impl Drop for SetObj {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
    }
}

impl Default for SetObj {
    fn default() -> Self {
        SetObj::new()
    }
}

impl SetObj {
    pub fn new() -> SetObj {
        SetObj { table: BiasedMutex::new(Arc::new(SetTable::default())), gc: crate::gc::GcHeader::new() }
    }

    pub fn from_values(items: impl IntoIterator<Item = Value>) -> PyResult<SetObj> {
        let s = SetObj::new();
        for v in items {
            s.add(v)?;
        }
        Ok(s)
    }

    pub fn snapshot(&self) -> Arc<SetTable> {
        self.table.lock().clone()
    }

    pub fn copy(&self) -> SetObj {
        SetObj { table: BiasedMutex::new(self.snapshot()), gc: crate::gc::GcHeader::new() }
    }

    pub fn len(&self) -> usize {
        self.table.lock().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn to_vec(&self) -> Vec<Value> {
        self.snapshot().iter().cloned().collect()
    }

    /// Find the slot of `key`, comparing with user `__eq__` outside the lock.
    fn locate(&self, hash: i64, key: &Value) -> PyResult<Result<usize, usize>> {
        Ok(self.locate_versioned(hash, key)?.0)
    }

    /// `locate`, and the version of the table the answer holds for.
    fn locate_versioned(&self, hash: i64, key: &Value) -> PyResult<(Result<usize, usize>, u64)> {
        loop {
            let (slow, version) = {
                let t = self.table.lock();
                match t.probe(hash, key) {
                    Probe::Found(i) => return Ok((Ok(i), t.version)),
                    Probe::Missing(i) => return Ok((Err(i), t.version)),
                    Probe::Slow(s) => (s, t.version),
                }
            };
            let mut hit = None;
            for (i, cand) in slow {
                if ops::eq(&cand, key)? {
                    hit = Some((i, cand));
                    break;
                }
            }
            let t = self.table.lock();
            if let Some((i, cand)) = hit {
                if let Some(Slot::Full(_, k)) = t.slots.get(i) {
                    if k.is(&cand) {
                        return Ok((Ok(i), t.version));
                    }
                }
            } else if t.version == version {
                // No equal key: find the insertion slot ignoring slow ones.
                let mut pos = None;
                let mut free = None;
                t.walk(hash, |i| match &t.slots[i] {
                    Slot::Empty => {
                        pos = Some(free.unwrap_or(i));
                        false
                    }
                    Slot::Dummy => {
                        free.get_or_insert(i);
                        true
                    }
                    Slot::Full(..) => true,
                });
                return Ok((Err(pos.unwrap_or(0)), t.version));
            }
        }
    }

    pub fn contains(&self, key: &Value) -> PyResult<bool> {
        let hash = ops::hash(key)?;
        Ok(self.locate(hash, key)?.is_ok())
    }

    /// Add `key`; true when it was not there.
    pub fn add(&self, key: Value) -> PyResult<bool> {
        let hash = ops::hash(&key)?;
        self.add_hashed(hash, key)
    }

    pub fn add_hashed(&self, hash: i64, key: Value) -> PyResult<bool> {
        loop {
            let (found, version) = self.locate_versioned(hash, &key)?;
            let mut guard = self.table.lock();
            if guard.version != version {
                // Changed since the search (by another thread or by a
                // key's `__eq__`): search again.
                continue;
            }
            return match found {
                Ok(_) => Ok(false),
                Err(pos) => {
                    Arc::make_mut(&mut *guard).insert_at(pos, hash, key);
                    Ok(true)
                }
            };
        }
    }

    /// Remove `key`; true when it was there.
    pub fn discard(&self, key: &Value) -> PyResult<bool> {
        let hash = ops::hash(key)?;
        loop {
            match self.locate(hash, key)? {
                Err(_) => return Ok(false),
                Ok(pos) => {
                    let mut guard = self.table.lock();
                    if matches!(guard.slots.get(pos), Some(Slot::Full(..))) {
                        Arc::make_mut(&mut *guard).remove_at(pos);
                        return Ok(true);
                    }
                }
            }
        }
    }

    /// `set.pop()`: CPython takes the first live slot after a moving finger;
    /// we take the first live slot, which matches it for fresh sets.
    pub fn pop(&self) -> Option<Value> {
        let mut guard = self.table.lock();
        let pos = guard.slots.iter().position(|s| matches!(s, Slot::Full(..)))?;
        Arc::make_mut(&mut *guard).remove_at(pos)
    }

    pub fn clear(&self) {
        self.replace(SetTable::default());
    }

    /// The cycle collector's view (see `gc`): a table shared with a
    /// snapshot is not reported.
    pub(crate) fn gc_traverse(&self, visit: &mut crate::gc::Visit) -> bool {
        let Some(table) = self.table.try_lock_stopped() else { return false };
        if Arc::strong_count(&table) == 1 {
            for s in table.slots.iter() {
                if let Slot::Full(_, k) = s {
                    visit(crate::gc::Edge::Value(k));
                }
            }
        }
        true
    }

    pub(crate) fn gc_take(&self) -> Arc<SetTable> {
        let mut guard = self.table.lock_stopped();
        let mut t = SetTable::default();
        t.version = guard.version + 1;
        std::mem::replace(&mut *guard, Arc::new(t))
    }

    /// Versions keep growing across replacements, so a search that saw
    /// the old table never mistakes the new one for it.
    pub fn replace(&self, mut t: SetTable) {
        let mut guard = self.table.lock();
        t.version = guard.version + 1;
        *guard = Arc::new(t);
    }

    pub fn next_entry(&self, pos: usize) -> Option<(usize, Value)> {
        self.table.lock().entry_from(pos)
    }
}
