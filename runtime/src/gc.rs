//! Cycle collection. Reference counting frees everything except cyclic
//! garbage; this finds that with CPython's algorithm (trial deletion) and
//! breaks it, while other threads run Python code without a global lock.
//!
//! - **Tracking.** Objects that can be part of a cycle (lists, dicts,
//!   sets, tuples holding containers, instances, functions, closure cells,
//!   bound methods, classes) are registered when made, as a weak pointer in
//!   the making thread's young buffer. An object that is never registered
//!   is simply never collected: every collection is conservative about
//!   what it cannot see.
//! - **Generations.** Young objects are examined when a thread has made
//!   `threshold0` of them that are still alive; survivors move to the old
//!   generation, which is examined whole when it has grown by a quarter
//!   since its last full collection (CPython's rule).
//! - **Stopping the world.** A collection runs with every other thread
//!   that runs Python code parked at a safe point (the places that check
//!   for signals) or detached (waiting in a blocking call). Parked threads
//!   hold no object locks, so contents and reference counts stay still.
//!   A thread that does not reach a safe point in time makes the
//!   collection give up, never wait forever.
//! - **Finding garbage.** For each candidate: its strong count minus the
//!   references from other candidates. Candidates with references from
//!   outside, and everything they reach, are alive; the rest is garbage.
//!   An object whose contents are locked or shared with a snapshot reports
//!   no references, which can only keep objects alive.
//! - **Breaking cycles.** Instances in the garbage with a `__del__` that
//!   has not run get it called once (after the world restarts), and the
//!   search is made again, so an object a finalizer resurrects survives.
//!   Then each garbage object's contents are taken out while the world is
//!   stopped and dropped after it restarts.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, MutexGuard, Weak};
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;

use crate::context::ctx;
use crate::objects::dict::DictObj;
use crate::objects::function::{BoundMethod, CellObj, Function};
use crate::objects::instance::Instance;
use crate::objects::list::ListObj;
use crate::objects::set::SetObj;
use crate::objects::tuple::TupleObj;
use crate::objects::typeobj::TypeObj;
use crate::process::with_thread;
use crate::value::Value;

/// CPython's default thresholds.
pub const DEFAULT_THRESHOLD: (usize, usize, usize) = (2000, 10, 10);

/// How long a collection waits for the other threads to park.
const STOP_TIMEOUT: Duration = Duration::from_millis(250);

macro_rules! tracked_kinds {
    ($($kind:ident($ty:ty)),* $(,)?) => {
        /// A registered object, held weakly.
        pub enum Tracked {
            $($kind(Weak<$ty>)),*
        }

        impl Tracked {
            fn of(v: &Value) -> Option<Tracked> {
                match v {
                    $(Value::$kind(a) => Some(Tracked::$kind(Arc::downgrade(a))),)*
                    _ => None,
                }
            }

            fn alive(&self) -> bool {
                match self {
                    $(Tracked::$kind(w) => w.strong_count() > 0,)*
                }
            }

            fn upgrade(&self) -> Option<Value> {
                match self {
                    $(Tracked::$kind(w) => w.upgrade().map(Value::$kind),)*
                }
            }
        }

        /// The address of a trackable object (its identity in a collection).
        fn address(v: &Value) -> Option<usize> {
            match v {
                $(Value::$kind(a) => Some(Arc::as_ptr(a) as *const () as usize),)*
                _ => None,
            }
        }

        fn strong_count(v: &Value) -> usize {
            match v {
                $(Value::$kind(a) => Arc::strong_count(a),)*
                _ => 0,
            }
        }
    };
}

tracked_kinds! {
    List(ListObj),
    Tuple(TupleObj),
    Dict(DictObj),
    Set(SetObj),
    Function(Function),
    BoundMethod(BoundMethod),
    Type(TypeObj),
    Instance(Instance),
    Cell(CellObj),
}

/// A reference from one object to another, as `traverse` reports it.
pub enum Edge<'a> {
    Value(&'a Value),
    Type(&'a Arc<TypeObj>),
    Cell(&'a Arc<CellObj>),
    Dict(&'a Arc<DictObj>),
}

impl Edge<'_> {
    fn address(&self) -> Option<usize> {
        match self {
            Edge::Value(v) => address(v),
            Edge::Type(t) => Some(Arc::as_ptr(t) as usize),
            Edge::Cell(c) => Some(Arc::as_ptr(c) as usize),
            Edge::Dict(d) => Some(Arc::as_ptr(d) as usize),
        }
    }

    fn to_value(&self) -> Value {
        match self {
            Edge::Value(v) => (*v).clone(),
            Edge::Type(t) => Value::Type((*t).clone()),
            Edge::Cell(c) => Value::Cell((*c).clone()),
            Edge::Dict(d) => Value::Dict((*d).clone()),
        }
    }
}

pub type Visit<'v> = dyn FnMut(Edge<'_>) + 'v;

/// Report each strong reference `v` holds to another object (each one
/// exactly once). False when its contents are locked right now.
fn traverse(v: &Value, visit: &mut Visit) -> bool {
    match v {
        Value::List(l) => l.gc_traverse(visit),
        Value::Tuple(t) => {
            t.items().iter().for_each(|x| visit(Edge::Value(x)));
            true
        }
        Value::Dict(d) => d.gc_traverse(visit),
        Value::Set(s) => s.gc_traverse(visit),
        Value::Function(f) => f.gc_traverse(visit),
        Value::BoundMethod(b) => {
            visit(Edge::Value(&b.receiver));
            visit(Edge::Value(&b.func));
            true
        }
        Value::Type(t) => t.gc_traverse(visit),
        Value::Instance(i) => i.gc_traverse(visit),
        Value::Cell(c) => match c.value.try_read() {
            Some(g) => {
                if let Some(x) = g.as_ref() {
                    visit(Edge::Value(x));
                }
                true
            }
            None => false,
        },
        _ => true,
    }
}

/// Contents taken out of garbage, dropped once the world runs again.
pub type Bin = Vec<Box<dyn std::any::Any>>;

/// Take out what `v` holds (what can be taken: tuples and bound methods
/// are immutable, and their cycles pass through something that is not).
fn clear(v: &Value, bin: &mut Bin) {
    match v {
        Value::List(l) => bin.push(Box::new(l.gc_take())),
        Value::Dict(d) => bin.push(Box::new(d.gc_take())),
        Value::Set(s) => bin.push(Box::new(s.gc_take())),
        Value::Function(f) => f.gc_clear(bin),
        Value::Type(t) => t.gc_clear(bin),
        Value::Instance(i) => i.gc_clear(bin),
        Value::Cell(c) => bin.push(Box::new(c.value.write().take())),
        _ => {}
    }
}

/// Whether a tuple with these items can be part of a cycle.
fn holds_containers(items: &[Value]) -> bool {
    items.iter().any(|v| address(v).is_some())
}

/// Per-thread part of the collector's state (in the host's thread state).
pub struct ThreadGc {
    young: RefCell<Vec<Tracked>>,
    /// Young-buffer length at which the buffer is next looked at.
    next_check: Cell<usize>,
    attached: Cell<bool>,
}

impl ThreadGc {
    pub const fn new() -> ThreadGc {
        ThreadGc { young: RefCell::new(Vec::new()), next_check: Cell::new(256), attached: Cell::new(false) }
    }
}

impl Default for ThreadGc {
    fn default() -> Self {
        ThreadGc::new()
    }
}

#[derive(Default, Clone, Copy)]
struct Stats {
    collections: usize,
    collected: usize,
}

#[derive(Default)]
struct Shared {
    /// Threads running Python code (not detached).
    attached: usize,
    parked: usize,
    stopping: bool,
    young: Vec<Tracked>,
    old: Vec<Tracked>,
    /// `gc.freeze()`: ignored by every collection.
    frozen: Vec<Tracked>,
    /// Old objects alive after the last full collection.
    old_live: usize,
    /// Young survivors promoted since then.
    promoted: usize,
    /// Young collections since the last full one.
    young_runs: usize,
    /// Where the incremental sweep of dead old entries goes on.
    sweep_pos: usize,
    stats: [Stats; 3],
}

/// Process-wide collector state (in the context, so compiled modules'
/// copies share the host's).
pub struct GcState {
    shared: std::sync::Mutex<Shared>,
    cv: Condvar,
    /// Held by the collecting thread.
    collecting: std::sync::Mutex<Scratch>,
    enabled: AtomicBool,
    thresholds: [AtomicUsize; 3],
}

impl GcState {
    pub(crate) fn new() -> GcState {
        GcState {
            shared: std::sync::Mutex::new(Shared::default()),
            cv: Condvar::new(),
            collecting: std::sync::Mutex::new(Scratch { list: Vec::new(), values: Vec::new(), index: FxHashMap::with_hasher(Default::default()), refs: Vec::new(), flags: Vec::new(), stack: Vec::new(), garbage: Vec::new() }),
            enabled: AtomicBool::new(true),
            thresholds: [
                AtomicUsize::new(DEFAULT_THRESHOLD.0),
                AtomicUsize::new(DEFAULT_THRESHOLD.1),
                AtomicUsize::new(DEFAULT_THRESHOLD.2),
            ],
        }
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait<'a>(&self, g: MutexGuard<'a, Shared>) -> MutexGuard<'a, Shared> {
        self.cv.wait(g).unwrap_or_else(|e| e.into_inner())
    }
}

fn state() -> &'static GcState {
    &ctx().process.gc
}

/// Register a new object with the collector. Only threads attached to
/// the runtime register (threads that never run Python code have nothing
/// to collect).
#[inline]
pub fn track(v: &Value) {
    if let Value::Tuple(items) = v {
        if !holds_containers(items.items()) {
            return;
        }
    }
    if let Some(t) = Tracked::of(v) {
        push(t);
    }
}

/// `track` for a new dict not yet in a `Value`.
pub fn track_dict(d: &Arc<DictObj>) {
    push(Tracked::Dict(Arc::downgrade(d)));
}

/// `track` for the closure cells of a new function.
pub fn track_cells(cells: &[Arc<CellObj>]) {
    for c in cells {
        push(Tracked::Cell(Arc::downgrade(c)));
    }
}

#[inline]
fn push(t: Tracked) {
    with_thread(|ts| {
        let g = &ts.gc;
        if !g.attached.get() {
            return;
        }
        let mut young = g.young.borrow_mut();
        young.push(t);
        if young.len() >= g.next_check.get() {
            young_full(g, &mut young);
        }
    })
}

/// `track` for a value about to be returned.
#[inline]
pub fn tracked(v: Value) -> Value {
    track(&v);
    v
}

/// The young buffer reached its check point: drop what has died; ask
/// for a collection when enough is still alive.
#[cold]
fn young_full(g: &ThreadGc, young: &mut Vec<Tracked>) {
    young.retain(Tracked::alive);
    let st = state();
    let threshold = st.thresholds[0].load(Ordering::Relaxed);
    if threshold == 0 || !st.enabled.load(Ordering::Relaxed) {
        // No collections: what lives on goes to the old generation, so
        // the buffer (looked at again and again) stays small.
        if young.len() >= 1024 {
            let mut s = st.lock();
            let n = young.len();
            s.old.append(young);
            sweep_old(&mut s, 4 * n);
        }
        g.next_check.set(young.len() + 2048);
        return;
    }
    g.next_check.set(young.len() + threshold.clamp(256, 1 << 20));
    if young.len() >= threshold {
        crate::signals::post_work(crate::signals::GC_WANTED);
    }
}

fn flush_local(s: &mut Shared) {
    with_thread(|ts| {
        let mut y = ts.gc.young.borrow_mut();
        s.young.append(&mut y);
        ts.gc.next_check.set(256);
    });
}

fn is_attached() -> bool {
    with_thread(|ts| ts.gc.attached.get())
}

fn register_thread() {
    with_thread(|ts| {
        if ts.gc.attached.get() {
            return;
        }
        let st = state();
        let mut s = st.lock();
        while s.stopping {
            s = st.wait(s);
        }
        s.attached += 1;
        ts.gc.attached.set(true);
    })
}

fn unregister_thread() {
    with_thread(|ts| {
        if !ts.gc.attached.get() {
            return;
        }
        let st = state();
        let mut s = st.lock();
        flush_local(&mut s);
        s.attached -= 1;
        ts.gc.attached.set(false);
        st.cv.notify_all();
    })
}

/// A thread that runs Python code, from `attach_thread` until dropped.
pub struct Attached(());

/// Make the calling thread one that runs Python code: collections stop it
/// at safe points, and the objects it makes are tracked.
pub fn attach_thread() -> Attached {
    register_thread();
    Attached(())
}

impl Drop for Attached {
    fn drop(&mut self) {
        unregister_thread();
    }
}

/// A blocking wait in progress: the thread runs no Python code and
/// touches no object until this is dropped, so collections go on without
/// it. Dropping it waits for a running collection to finish.
pub struct Blocking(bool);

pub fn blocking() -> Blocking {
    let was = is_attached();
    if was {
        unregister_thread();
    }
    Blocking(was)
}

impl Drop for Blocking {
    fn drop(&mut self) {
        if self.0 {
            register_thread();
        }
    }
}

/// Called at a safe point when a collection wants the world stopped.
pub(crate) fn park() {
    if !is_attached() {
        return;
    }
    let st = state();
    let mut s = st.lock();
    if !s.stopping {
        return;
    }
    flush_local(&mut s);
    s.parked += 1;
    st.cv.notify_all();
    while s.stopping {
        s = st.wait(s);
    }
    s.parked -= 1;
}

/// Stop every other attached thread; false (and nothing stopped) if one
/// does not park in time.
fn stop_world() -> bool {
    let st = state();
    let mut s = st.lock();
    s.stopping = true;
    crate::signals::post_work(crate::signals::GC_STOP);
    flush_local(&mut s);
    let deadline = Instant::now() + STOP_TIMEOUT;
    while s.parked + 1 < s.attached {
        let now = Instant::now();
        if now >= deadline {
            s.stopping = false;
            crate::signals::end_work(crate::signals::GC_STOP);
            st.cv.notify_all();
            return false;
        }
        s = st.cv.wait_timeout(s, deadline - now).map(|r| r.0).unwrap_or_else(|e| e.into_inner().0);
    }
    true
}

fn resume_world() {
    let st = state();
    let mut s = st.lock();
    s.stopping = false;
    crate::signals::end_work(crate::signals::GC_STOP);
    st.cv.notify_all();
    drop(s);
}

/// The collector's working memory, kept from one collection to the next
/// (allocating and freeing it each time costs more than the search: a
/// freed block this big makes malloc consolidate its free lists).
#[derive(Default)]
pub(crate) struct Scratch {
    list: Vec<Tracked>,
    values: Vec<Value>,
    index: FxHashMap<usize, u32>,
    refs: Vec<i32>,
    /// Per candidate: `OPAQUE` (contents locked), `REACHED`.
    flags: Vec<u8>,
    stack: Vec<u32>,
    garbage: Vec<u32>,
}

const OPAQUE: u8 = 1;
const REACHED: u8 = 2;

impl Scratch {
    /// Upgrade the entries in `list` that are alive, dropping duplicates,
    /// and index their addresses.
    fn load(&mut self) {
        self.values.clear();
        self.index.clear();
        self.index.reserve(self.list.len());
        self.values.reserve(self.list.len());
        for t in self.list.drain(..) {
            let Some(v) = t.upgrade() else { continue };
            if let std::collections::hash_map::Entry::Vacant(e) = self.index.entry(address(&v).unwrap_or(0)) {
                e.insert(self.values.len() as u32);
                self.values.push(v);
            }
        }
    }

    /// Fill `garbage` with the unreachable candidates. Each candidate
    /// holds one strong reference of the collector's.
    fn find_garbage(&mut self) {
        let Scratch { values, index, refs, flags, stack, garbage, .. } = self;
        let n = values.len();
        refs.clear();
        refs.extend(values.iter().map(|v| (strong_count(v) - 1).min(i32::MAX as usize) as i32));
        flags.clear();
        flags.resize(n, 0);
        for (i, v) in values.iter().enumerate() {
            let ok = traverse(v, &mut |e: Edge<'_>| {
                if let Some(&j) = e.address().and_then(|a| index.get(&a)) {
                    refs[j as usize] -= 1;
                }
            });
            if !ok {
                flags[i] = OPAQUE;
            }
        }
        stack.clear();
        for i in 0..n {
            // A negative count would mean a reference reported twice:
            // treat it as alive rather than trust it.
            if refs[i] != 0 || flags[i] & OPAQUE != 0 {
                flags[i] |= REACHED;
                stack.push(i as u32);
            }
        }
        while let Some(i) = stack.pop() {
            let i = i as usize;
            if flags[i] & OPAQUE != 0 {
                continue;
            }
            traverse(&values[i], &mut |e: Edge<'_>| {
                if let Some(&j) = e.address().and_then(|a| index.get(&a)) {
                    if flags[j as usize] & REACHED == 0 {
                        flags[j as usize] |= REACHED;
                        stack.push(j);
                    }
                }
            });
        }
        garbage.clear();
        garbage.extend((0..n as u32).filter(|&i| flags[i as usize] & REACHED == 0));
    }

    /// Let go of the candidates, keeping the memory unless a big
    /// collection left far more of it than usual.
    fn release(&mut self) {
        self.values.clear();
        self.index.clear();
        let keep = 4 * DEFAULT_THRESHOLD.0;
        if self.values.capacity() > 4 * keep {
            *self = Scratch::default();
        }
    }
}

/// Weak entries again, for objects that stay tracked.
fn downgrade_all<'a>(values: impl Iterator<Item = &'a Value>) -> impl Iterator<Item = Tracked> {
    values.filter_map(Tracked::of)
}

fn needs_finalizer(v: &Value) -> bool {
    let Value::Instance(inst) = v else { return false };
    let class = inst.class();
    !class.is_builtin
        && class.special_flags() & crate::objects::typeobj::special::DEL != 0
        && !inst.is_finalized()
}

/// `gc.collect(generation)`: the number of unreachable objects found.
/// Generation 2 examines everything; 0 and 1 the young objects.
pub fn collect(generation: usize) -> usize {
    if !is_attached() {
        return 0;
    }
    let st = state();
    let Ok(mut scratch) = st.collecting.try_lock() else { return 0 };
    let scratch = &mut *scratch;
    let full = generation >= 2;
    let mut found = 0;
    // A pass that runs finalizers is followed by one that frees; a third
    // is only needed if finalizers made more garbage with finalizers.
    for _ in 0..3 {
        if !stop_world() {
            return found;
        }
        let mut s = st.lock();
        std::mem::swap(&mut scratch.list, &mut s.young);
        if full {
            scratch.list.append(&mut s.old);
        }
        drop(s);
        scratch.load();
        scratch.find_garbage();
        let (values, garbage) = (&scratch.values, &scratch.garbage);
        let finalize: Vec<Value> = garbage.iter().map(|&i| &values[i as usize]).filter(|v| needs_finalizer(v)).cloned().collect();
        if !finalize.is_empty() {
            for v in &finalize {
                if let Value::Instance(i) = v {
                    i.mark_finalized();
                }
            }
            st.lock().young.extend(downgrade_all(values.iter()));
            resume_world();
            scratch.release();
            crate::signals::run_batch(finalize);
            continue;
        }
        // (No large allocation here: one would make malloc consolidate
        // the many small blocks programs free between collections.)
        let mut bin: Bin = Vec::new();
        for &i in garbage {
            clear(&values[i as usize], &mut bin);
        }
        let mut s = st.lock();
        let survivors = downgrade_all(values.iter().zip(&scratch.flags).filter(|(_, &f)| f & REACHED != 0).map(|(v, _)| v));
        let gen = if full { 2 } else { 0 };
        if full {
            s.old.extend(survivors);
            s.old_live = s.old.len();
            s.promoted = 0;
            s.young_runs = 0;
        } else {
            let before = s.old.len();
            s.old.extend(survivors);
            s.promoted += s.old.len() - before;
            s.young_runs += 1;
            // A weak entry keeps its object's allocation (not what the
            // object owned): look at four old entries per young one.
            sweep_old(&mut s, 4 * values.len().max(DEFAULT_THRESHOLD.0));
        }
        s.stats[gen].collections += 1;
        s.stats[gen].collected += garbage.len();
        drop(s);
        resume_world();
        found += garbage.len();
        for b in bin {
            crate::trashcan::release(b);
        }
        scratch.release();
        break;
    }
    found
}

/// Look at up to `budget` old entries from where the last sweep stopped,
/// dropping the dead ones.
fn sweep_old(s: &mut Shared, budget: usize) {
    let mut i = s.sweep_pos;
    for _ in 0..budget {
        if s.old.is_empty() {
            break;
        }
        if i >= s.old.len() {
            i = 0;
        }
        if s.old[i].alive() {
            i += 1;
        } else {
            s.old.swap_remove(i);
        }
    }
    s.sweep_pos = i;
}

/// A collection asked for by a young buffer (at a safe point).
pub(crate) fn collect_auto() {
    let st = state();
    if !st.enabled.load(Ordering::Relaxed) || st.thresholds[0].load(Ordering::Relaxed) == 0 {
        return;
    }
    let full = {
        let s = st.lock();
        // CPython's middle generation is collected every `threshold1`
        // young collections and the old one every `threshold2` of those,
        // when it has grown by a quarter.
        let runs = st.thresholds[1].load(Ordering::Relaxed).max(1) * st.thresholds[2].load(Ordering::Relaxed).max(1);
        s.young_runs >= runs && s.promoted * 4 > s.old_live
    };
    collect(if full { 2 } else { 0 });
}

pub fn enable() {
    state().enabled.store(true, Ordering::Relaxed);
}

pub fn disable() {
    state().enabled.store(false, Ordering::Relaxed);
}

pub fn is_enabled() -> bool {
    state().enabled.load(Ordering::Relaxed)
}

pub fn thresholds() -> (usize, usize, usize) {
    let t = &state().thresholds;
    (t[0].load(Ordering::Relaxed), t[1].load(Ordering::Relaxed), t[2].load(Ordering::Relaxed))
}

pub fn set_thresholds(t0: usize, t1: Option<usize>, t2: Option<usize>) {
    let t = &state().thresholds;
    t[0].store(t0, Ordering::Relaxed);
    if let Some(v) = t1 {
        t[1].store(v, Ordering::Relaxed);
    }
    if let Some(v) = t2 {
        t[2].store(v, Ordering::Relaxed);
    }
}

/// `gc.get_count()`: young objects (this thread's and flushed ones),
/// young collections since the last full one, and 0.
pub fn count() -> (usize, usize, usize) {
    let local = with_thread(|ts| ts.gc.young.borrow().len());
    let s = state().lock();
    (s.young.len() + local, s.young_runs, 0)
}

/// `gc.get_stats()`: (collections, collected) per generation.
pub fn stats() -> [(usize, usize); 3] {
    let s = state().lock();
    s.stats.map(|x| (x.collections, x.collected))
}

/// Every live tracked object (with the world stopped, so other threads'
/// young buffers are included). Frozen objects are left out unless asked.
pub fn objects(include_frozen: bool) -> Vec<Value> {
    let st = state();
    let _collecting = st.collecting.lock().unwrap_or_else(|e| e.into_inner());
    let stopped = is_attached() && stop_world();
    let mut s = st.lock();
    if !stopped {
        flush_local(&mut s);
    }
    let mut seen: rustc_hash::FxHashSet<usize> = Default::default();
    let mut out = Vec::new();
    let lists: [&Vec<Tracked>; 3] = [&s.young, &s.old, &s.frozen];
    for (k, list) in lists.into_iter().enumerate() {
        if k == 2 && !include_frozen {
            continue;
        }
        for v in list.iter().filter_map(Tracked::upgrade) {
            if seen.insert(address(&v).unwrap_or(0)) {
                out.push(v);
            }
        }
    }
    drop(s);
    if stopped {
        resume_world();
    }
    out
}

/// `gc.get_referents(obj)`: the objects `obj` refers to.
pub fn referents(v: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    traverse(v, &mut |e: Edge<'_>| out.push(e.to_value()));
    out
}

/// `gc.is_tracked(obj)`.
pub fn is_tracked(v: &Value) -> bool {
    match v {
        Value::Tuple(t) => holds_containers(t.items()),
        Value::Dict(d) => d.snapshot().iter().any(|e| address(&e.key).is_some() || address(&e.value).is_some()),
        _ => address(v).is_some(),
    }
}

/// `gc.freeze()`: move everything tracked to a generation no collection
/// examines.
pub fn freeze() {
    let st = state();
    let mut s = st.lock();
    flush_local(&mut s);
    let mut moved = std::mem::take(&mut s.young);
    moved.append(&mut s.old);
    s.frozen.append(&mut moved);
    s.old_live = 0;
    s.promoted = 0;
}

pub fn unfreeze() {
    let st = state();
    let mut s = st.lock();
    let mut moved = std::mem::take(&mut s.frozen);
    s.old.append(&mut moved);
}

pub fn freeze_count() -> usize {
    let st = state();
    let mut s = st.lock();
    s.frozen.retain(Tracked::alive);
    s.frozen.len()
}
