//! Cycle collection. Reference counting frees everything except cyclic
//! garbage; this finds that with CPython's algorithm (trial deletion) and
//! breaks it, while other threads run Python code without a global lock.
//!
//! - **Tracking.** Objects that can be part of a cycle (lists, dicts,
//!   sets, tuples holding containers, instances, functions, closure cells,
//!   bound methods, classes) are registered when made: their address goes
//!   into a slot of the making thread's *shard* of the registry, and the
//!   object's `GcHeader` records the slot. An object's `Drop` empties its
//!   slot (so memory is freed at once, as without a collector). An object
//!   never registered is simply never collected: every collection is
//!   conservative about what it cannot see.
//! - **Generations.** A shard's young objects are examined when it holds
//!   `threshold0` of them; survivors move to its old list, which is
//!   examined whole when the old generation has grown by a quarter after
//!   `threshold1 * threshold2` young collections (CPython's rule).
//! - **Stopping the world.** A collection runs with every other thread
//!   that runs Python code parked at a safe point (the places that check
//!   for signals) or detached (waiting in a blocking call). Parked threads
//!   hold no object locks and are not inside a `Drop`, so contents and
//!   reference counts stay still and every registered object is alive.
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

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, MutexGuard};
use std::time::{Duration, Instant};


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

/// Registry shards: one per attached thread (threads beyond this share).
const SHARDS: usize = 256;

/// A registry slot: the object's address, its kind in the top byte (user
/// addresses fit in 48 bits on the targets we build for); 0 when free.
type Slot = u64;
const ADDR: u64 = (1 << 56) - 1;

/// Where a tracked object is registered: shard, generation and slot (0
/// when it is not registered). Every tracked object type has one; it
/// changes only under its shard's lock. A tracked object must never be
/// moved out of its `Arc` (its slot would point at freed memory).
#[derive(Default)]
pub struct GcHeader(AtomicU64);

impl GcHeader {
    pub const fn new() -> GcHeader {
        GcHeader(AtomicU64::new(0))
    }

    /// Registered with the cycle collector.
    #[inline]
    pub fn is_tracked(&self) -> bool {
        self.0.load(Ordering::Relaxed) != 0
    }
}

const YOUNG: u64 = 0;
const OLD: u64 = 1;
const FROZEN: u64 = 2;

fn encode(shard: usize, gen: u64, index: usize) -> u64 {
    ((shard as u64) << 48) | (gen << 46) | (index as u64 + 1)
}

fn decode(h: u64) -> (usize, u64, usize) {
    ((h >> 48) as usize, (h >> 46) & 3, ((h & ((1 << 46) - 1)) - 1) as usize)
}

/// An object type the collector tracks: its kind number in registry slots
/// and its header.
trait Trackable {
    const KIND: u64;
    fn header(&self) -> &GcHeader;
}

/// The registry slot and header of a tracked object.
fn slot_of_arc<T: Trackable>(a: &Arc<T>) -> (Slot, &GcHeader) {
    slot_of_object(&**a)
}

/// The registry slot of an object that lives inside an `Arc`.
fn slot_of_object<T: Trackable>(t: &T) -> (Slot, &GcHeader) {
    (t as *const T as *const () as u64 | (T::KIND << 56), t.header())
}

macro_rules! tracked_kinds {
    ($($kind:ident($ty:ty) = $n:literal),* $(,)?) => {
        $(impl Trackable for $ty {
            const KIND: u64 = $n;
            fn header(&self) -> &GcHeader {
                &self.gc
            }
        })*

        /// The registry slot and header of a trackable object.
        fn slot_of(v: &Value) -> Option<(Slot, &GcHeader)> {
            match v {
                $(Value::$kind(a) => Some(slot_of_arc(a)),)*
                _ => None,
            }
        }

        /// The object in `slot`, with a strong reference for the caller.
        ///
        /// SAFETY: the world is stopped and `slot` is registered, so the
        /// object is alive and no other thread changes its count to zero.
        unsafe fn upgrade(slot: Slot) -> Option<Value> {
            let addr = (slot & ADDR) as usize;
            match slot >> 56 {
                $($n => {
                    let p = addr as *const $ty;
                    let probe = std::mem::ManuallyDrop::new(unsafe { Arc::from_raw(p) });
                    if Arc::strong_count(&probe) == 0 {
                        return None;
                    }
                    unsafe { Arc::increment_strong_count(p) };
                    Some(Value::$kind(unsafe { Arc::from_raw(p) }))
                })*
                _ => None,
            }
        }

        /// The object in `slot` as a value, without a reference of its own
        /// (never to be dropped as a `Value`).
        ///
        /// SAFETY: as for `upgrade`, and the value must not outlive the
        /// stopped world.
        unsafe fn peek(slot: Slot) -> std::mem::ManuallyDrop<Value> {
            let addr = (slot & ADDR) as usize;
            std::mem::ManuallyDrop::new(match slot >> 56 {
                $($n => Value::$kind(unsafe { Arc::from_raw(addr as *const $ty) }),)*
                _ => Value::None,
            })
        }

        /// The header of a trackable value.
        fn header_of(v: &Value) -> Option<&GcHeader> {
            match v {
                $(Value::$kind(a) => Some(&a.gc),)*
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
    List(ListObj) = 1,
    Tuple(TupleObj) = 2,
    Dict(DictObj) = 3,
    Set(SetObj) = 4,
    Function(Function) = 5,
    BoundMethod(BoundMethod) = 6,
    Type(TypeObj) = 7,
    Instance(Instance) = 8,
    Cell(CellObj) = 9,
}

/// A reference from one object to another, as `traverse` reports it.
pub enum Edge<'a> {
    Value(&'a Value),
    Type(&'a Arc<TypeObj>),
    Cell(&'a Arc<CellObj>),
    Dict(&'a Arc<DictObj>),
}

impl Edge<'_> {
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

/// Whether `v` is a container the collector tracks (it may be part of a
/// cycle).
#[inline]
pub fn is_container(v: &Value) -> bool {
    header_of(v).is_some()
}

/// Whether a tuple with these items can be part of a cycle.
fn holds_containers(items: &[Value]) -> bool {
    items.iter().any(is_container)
}

/// One generation of a shard: slots and the free ones among them.
#[derive(Default)]
struct Gen {
    slots: Vec<Slot>,
    free: Vec<u32>,
}

impl Gen {
    fn live(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    fn add(&mut self, slot: Slot) -> usize {
        match self.free.pop() {
            Some(i) => {
                self.slots[i as usize] = slot;
                i as usize
            }
            None => {
                self.slots.push(slot);
                self.slots.len() - 1
            }
        }
    }

    fn remove(&mut self, i: usize) {
        if let Some(s) = self.slots.get_mut(i) {
            if *s != 0 {
                *s = 0;
                self.free.push(i as u32);
            }
        }
    }

    fn clear(&mut self) {
        self.slots.clear();
        self.free.clear();
    }
}

#[derive(Default)]
struct Shard {
    gens: [Gen; 3],
    /// A collection has been asked for since this shard's last one.
    wanted: bool,
}

/// Per-thread part of the collector's state (in the host's thread state).
pub struct ThreadGc {
    attached: Cell<bool>,
    /// This thread's registry shard (while it is alive).
    shard: Cell<usize>,
    /// When a collection last let this thread go.
    released: Cell<Option<Instant>>,
}

impl ThreadGc {
    pub const fn new() -> ThreadGc {
        ThreadGc { attached: Cell::new(false), shard: Cell::new(usize::MAX), released: Cell::new(None) }
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
    /// Bumped when the world restarts: parked threads go on even if
    /// another stop has begun.
    epoch: u64,
    /// Shards of threads that have ended, for the next threads.
    free_shards: Vec<usize>,
    next_shard: usize,
    /// Old objects alive after the last full collection.
    old_live: usize,
    /// Young survivors promoted since then.
    promoted: usize,
    /// Young collections since the last full one.
    young_runs: usize,
    stats: [Stats; 3],
}

/// Process-wide collector state (in the context, so compiled modules'
/// copies share the host's).
pub struct GcState {
    shared: std::sync::Mutex<Shared>,
    cv: Condvar,
    /// Held by the collecting thread.
    collecting: std::sync::Mutex<Scratch>,
    shards: Box<[std::sync::Mutex<Shard>]>,
    enabled: AtomicBool,
    thresholds: [AtomicUsize; 3],
}

impl GcState {
    pub(crate) fn new() -> GcState {
        GcState {
            shared: std::sync::Mutex::new(Shared::default()),
            cv: Condvar::new(),
            collecting: std::sync::Mutex::new(Scratch::default()),
            shards: (0..SHARDS).map(|_| std::sync::Mutex::new(Shard::default())).collect(),
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

    fn shard(&self, i: usize) -> MutexGuard<'_, Shard> {
        self.shards[i].lock().unwrap_or_else(|e| e.into_inner())
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
    match v {
        Value::Tuple(items) if !holds_containers(items.items()) => return,
        // A list that holds no container cannot be part of a cycle; it is
        // tracked when it first may (`track_list`).
        Value::List(l) if !l.may_hold_containers() => return,
        _ => {}
    }
    if let Some((slot, header)) = slot_of(v) {
        register(slot, header);
    }
}

/// Track a list made without containers (untracked) that now may hold
/// one; `l` is the list inside its `Arc`.
pub fn track_list(l: &crate::objects::list::ListObj) {
    let (slot, header) = slot_of_object(l);
    register(slot, header);
}

/// `track` for a new dict not yet in a `Value`.
pub fn track_dict(d: &Arc<DictObj>) {
    let (slot, header) = slot_of_arc(d);
    register(slot, header);
}

/// `track` for the closure cells of a new function.
pub fn track_cells(cells: &[Arc<CellObj>]) {
    for c in cells {
        let (slot, header) = slot_of_arc(c);
        register(slot, header);
    }
}

/// `track` for a value about to be returned.
#[inline]
pub fn tracked(v: Value) -> Value {
    track(&v);
    v
}

#[inline]
fn register(slot: Slot, header: &GcHeader) {
    let shard = with_thread(|ts| if ts.gc.attached.get() { ts.gc.shard.get() } else { usize::MAX });
    if shard == usize::MAX || header.0.load(Ordering::Relaxed) != 0 {
        return;
    }
    let st = state();
    let mut sh = st.shard(shard);
    let i = sh.gens[YOUNG as usize].add(slot);
    header.0.store(encode(shard, YOUNG, i), Ordering::Relaxed);
    let threshold = st.thresholds[0].load(Ordering::Relaxed);
    if threshold > 0 && !sh.wanted && sh.gens[YOUNG as usize].live() >= threshold && st.enabled.load(Ordering::Relaxed) {
        sh.wanted = true;
        drop(sh);
        crate::signals::post_work(crate::signals::GC_WANTED);
    }
}

/// Called by a tracked object's `Drop`: empty its registry slot.
#[inline]
pub fn untrack(header: &GcHeader) {
    let h = header.0.load(Ordering::Relaxed);
    if h == 0 {
        return;
    }
    untrack_slow(header, h);
}

fn untrack_slow(header: &GcHeader, h: u64) {
    let (shard, _, _) = decode(h);
    let st = state();
    let mut sh = st.shard(shard);
    // Read again under the lock: a collection moves objects between
    // generations (never between shards).
    let h = header.0.load(Ordering::Relaxed);
    if h == 0 {
        return;
    }
    let (_, gen, i) = decode(h);
    sh.gens[gen as usize].remove(i);
    header.0.store(0, Ordering::Relaxed);
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
        if ts.gc.shard.get() == usize::MAX {
            // Beyond `SHARDS` threads, threads share shards.
            let id = s.free_shards.pop().unwrap_or_else(|| {
                s.next_shard += 1;
                (s.next_shard - 1) % SHARDS
            });
            ts.gc.shard.set(id);
        }
        ts.gc.attached.set(true);
    })
}

fn unregister_thread(ending: bool) {
    with_thread(|ts| {
        if !ts.gc.attached.get() {
            return;
        }
        let st = state();
        let mut s = st.lock();
        s.attached -= 1;
        ts.gc.attached.set(false);
        if ending && ts.gc.shard.get() != usize::MAX {
            s.free_shards.push(ts.gc.shard.get());
            ts.gc.shard.set(usize::MAX);
        }
        st.cv.notify_all();
    })
}

struct Attached;

impl Drop for Attached {
    fn drop(&mut self) {
        unregister_thread(true);
    }
}

thread_local! {
    /// Set when a thread attaches and dropped with the thread's other
    /// thread-locals. Made before the caches of the runtime copies, it is
    /// destroyed after them (in reverse order of creation), so the thread
    /// is still counted while those caches drop what they hold: a
    /// collection never sees an object dropped under it.
    static LIFETIME: std::cell::RefCell<Option<Attached>> = const { std::cell::RefCell::new(None) };
}

/// Make the calling thread one that runs Python code, until it ends:
/// collections stop it at safe points, and the objects it makes are
/// tracked.
pub fn attach_thread() {
    register_thread();
    let _ = LIFETIME.try_with(|l| *l.borrow_mut() = Some(Attached));
}

/// A blocking wait in progress: the thread runs no Python code and
/// touches no object until this is dropped, so collections go on without
/// it. Dropping it waits for a running collection to finish.
pub struct Blocking(bool);

pub fn blocking() -> Blocking {
    let was = is_attached();
    if was {
        unregister_thread(false);
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

/// A thread a collection let go runs this long before it parks for the
/// next one (back-to-back collections would otherwise starve it), as a
/// thread holding CPython's lock runs for its switch interval.
const GRACE: Duration = Duration::from_millis(2);

/// Called at a safe point when a collection wants the world stopped.
pub(crate) fn park() {
    let (attached, released) = with_thread(|ts| (ts.gc.attached.get(), ts.gc.released.get()));
    if !attached || released.is_some_and(|t| t.elapsed() < GRACE) {
        return;
    }
    let st = state();
    let mut s = st.lock();
    if !s.stopping {
        return;
    }
    s.parked += 1;
    st.cv.notify_all();
    let epoch = s.epoch;
    while s.stopping && s.epoch == epoch {
        s = st.wait(s);
    }
    // (The restart counted this thread out: `parked` is back to zero.)
    drop(s);
    with_thread(|ts| ts.gc.released.set(Some(Instant::now())));
}

/// Stop every other attached thread; false (and nothing stopped) if one
/// does not park in time.
fn stop_world() -> bool {
    let st = state();
    let mut s = st.lock();
    s.stopping = true;
    crate::signals::post_work(crate::signals::GC_STOP);
    let deadline = Instant::now() + STOP_TIMEOUT;
    while s.parked + 1 < s.attached {
        let now = Instant::now();
        if now >= deadline {
            s.stopping = false;
            s.epoch += 1;
            s.parked = 0;
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
    // Every parked thread goes on (even if another stop begins before it
    // wakes): none is parked for the next stop until it parks again.
    s.epoch += 1;
    s.parked = 0;
    crate::signals::end_work(crate::signals::GC_STOP);
    st.cv.notify_all();
    drop(s);
}

/// The shards in use (every thread that ever attached has one).
fn shards_in_use() -> usize {
    state().lock().next_shard.min(SHARDS)
}

/// The collector's working memory, kept from one collection to the next
/// (allocating and freeing it each time costs more than the search: a
/// freed block this big makes malloc consolidate its free lists).
///
/// While the world is stopped, a candidate's header holds `COLLECTING`
/// and its position here (its registry position is kept in `origin`), so
/// an edge finds its target's candidate number without a lookup table,
/// and candidates are read through their slots without taking references.
#[derive(Default)]
pub(crate) struct Scratch {
    slots: Vec<Slot>,
    /// Each candidate's header before the collection.
    origin: Vec<u64>,
    refs: Vec<i32>,
    /// Per candidate: `OPAQUE` (contents locked), `REACHED`.
    flags: Vec<u8>,
    stack: Vec<u32>,
    garbage: Vec<u32>,
}

const OPAQUE: u8 = 1;
const REACHED: u8 = 2;
const COLLECTING: u64 = 1 << 63;

/// The candidate number an edge's target has in this collection.
#[inline]
fn candidate(e: &Edge<'_>) -> Option<usize> {
    let h = match e {
        Edge::Value(v) => header_of(v)?,
        Edge::Type(t) => &t.gc,
        Edge::Cell(c) => &c.gc,
        Edge::Dict(d) => &d.gc,
    };
    let x = h.0.load(Ordering::Relaxed);
    (x & COLLECTING != 0).then_some((x & !COLLECTING) as usize)
}

impl Scratch {
    /// The objects of generations `gens` of every shard become the
    /// candidates. The world is stopped and `shards` are all the shard
    /// locks: no registered object can be dropped meanwhile.
    fn load(&mut self, shards: &[MutexGuard<'_, Shard>], gens: &[u64]) {
        self.slots.clear();
        self.origin.clear();
        for sh in shards {
            for &g in gens {
                for &slot in &sh.gens[g as usize].slots {
                    if slot == 0 {
                        continue;
                    }
                    // SAFETY: a registered object is alive (see `load`).
                    let v = unsafe { peek(slot) };
                    let Some(h) = header_of(&v) else { continue };
                    let cur = h.0.load(Ordering::Relaxed);
                    if cur & COLLECTING != 0 {
                        continue;
                    }
                    h.0.store(COLLECTING | self.slots.len() as u64, Ordering::Relaxed);
                    self.origin.push(cur);
                    self.slots.push(slot);
                }
            }
        }
    }

    /// Fill `garbage` with the unreachable candidates.
    fn find_garbage(&mut self) {
        let Scratch { slots, refs, flags, stack, garbage, .. } = self;
        let n = slots.len();
        refs.clear();
        // SAFETY (each `peek` below): candidates are alive while the world
        // is stopped.
        refs.extend(slots.iter().map(|&s| strong_count(&*unsafe { peek(s) }).min(i32::MAX as usize) as i32));
        flags.clear();
        flags.resize(n, 0);
        for (i, &s) in slots.iter().enumerate() {
            let ok = traverse(&*unsafe { peek(s) }, &mut |e: Edge<'_>| {
                if let Some(j) = candidate(&e) {
                    refs[j] -= 1;
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
            traverse(&*unsafe { peek(slots[i]) }, &mut |e: Edge<'_>| {
                if let Some(j) = candidate(&e) {
                    if flags[j] & REACHED == 0 {
                        flags[j] |= REACHED;
                        stack.push(j as u32);
                    }
                }
            });
        }
        garbage.clear();
        garbage.extend((0..n as u32).filter(|&i| flags[i as usize] & REACHED == 0));
    }

    /// Give every candidate its header from before the collection.
    fn restore_headers(&self) {
        for (&s, &h) in self.slots.iter().zip(&self.origin) {
            // SAFETY: candidates are alive while the world is stopped.
            if let Some(hd) = header_of(&*unsafe { peek(s) }) {
                hd.0.store(h, Ordering::Relaxed);
            }
        }
    }

    /// Let go of the candidates, keeping the memory unless a big
    /// collection left far more of it than usual.
    fn release(&mut self) {
        self.slots.clear();
        self.origin.clear();
        let keep = 4 * DEFAULT_THRESHOLD.0;
        if self.slots.capacity() > 4 * keep {
            *self = Scratch::default();
        }
    }
}

fn needs_finalizer(v: &Value) -> bool {
    let Value::Instance(inst) = v else { return false };
    let class = inst.class();
    !class.is_builtin
        && class.special_flags() & crate::objects::typeobj::special::DEL != 0
        && !inst.is_finalized()
}

fn lock_shards(st: &GcState, n: usize) -> Vec<MutexGuard<'_, Shard>> {
    (0..n).map(|i| st.shard(i)).collect()
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
    let gens: &[u64] = if full { &[YOUNG, OLD] } else { &[YOUNG] };
    let mut found = 0;
    // A pass that runs finalizers is followed by one that frees; a third
    // is only needed if finalizers made more garbage with finalizers.
    for _ in 0..3 {
        if !stop_world() {
            return found;
        }
        let mut shards = lock_shards(st, shards_in_use());
        scratch.load(&shards, gens);
        scratch.find_garbage();
        // SAFETY (each `peek`/`upgrade` below): candidates are alive while
        // the world is stopped.
        let finalize: Vec<Value> = scratch
            .garbage
            .iter()
            .map(|&i| scratch.slots[i as usize])
            .filter(|&s| needs_finalizer(&*unsafe { peek(s) }))
            .filter_map(|s| unsafe { upgrade(s) })
            .collect();
        if !finalize.is_empty() {
            for v in &finalize {
                if let Value::Instance(i) = v {
                    i.mark_finalized();
                }
            }
            scratch.restore_headers();
            drop(shards);
            resume_world();
            scratch.release();
            crate::signals::run_batch(finalize);
            continue;
        }
        // Garbage leaves the registry (its drop will not look at it) and
        // its contents are taken out; survivors move to (or stay in) the
        // old generation of their shard. No large allocation here: one
        // would make malloc consolidate the many small blocks programs
        // free between collections.
        let mut bin: Bin = Vec::new();
        let mut held: Vec<Value> = Vec::with_capacity(scratch.garbage.len());
        for &i in &scratch.garbage {
            let Some(v) = (unsafe { upgrade(scratch.slots[i as usize]) }) else { continue };
            if let Some(h) = header_of(&v) {
                h.0.store(0, Ordering::Relaxed);
            }
            clear(&v, &mut bin);
            held.push(v);
        }
        for sh in shards.iter_mut() {
            sh.gens[YOUNG as usize].clear();
            sh.wanted = false;
            if full {
                sh.gens[OLD as usize].clear();
            }
        }
        let mut moved = 0;
        for ((&slot, &origin), &f) in scratch.slots.iter().zip(&scratch.origin).zip(&scratch.flags) {
            if f & REACHED == 0 {
                continue;
            }
            let v = unsafe { peek(slot) };
            let Some(h) = header_of(&v) else { continue };
            let (shard, _, _) = decode(origin);
            let i = shards[shard].gens[OLD as usize].add(slot);
            h.0.store(encode(shard, OLD, i), Ordering::Relaxed);
            moved += 1;
        }
        drop(shards);
        let collected = scratch.garbage.len();
        let mut s = st.lock();
        let gen = if full { 2 } else { 0 };
        if full {
            s.old_live = moved;
            s.promoted = 0;
            s.young_runs = 0;
        } else {
            s.promoted += moved;
            s.young_runs += 1;
        }
        s.stats[gen].collections += 1;
        s.stats[gen].collected += collected;
        drop(s);
        resume_world();
        found += collected;
        scratch.release();
        for b in bin {
            crate::trashcan::release(b);
        }
        drop(held);
        break;
    }
    found
}

/// A collection asked for by a young generation (at a safe point).
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

/// `gc.get_count()`: young objects, young collections since the last
/// full one, and 0.
pub fn count() -> (usize, usize, usize) {
    let st = state();
    let young: usize = (0..shards_in_use()).map(|i| st.shard(i).gens[YOUNG as usize].live()).sum();
    let s = st.lock();
    (young, s.young_runs, 0)
}

/// `gc.get_stats()`: (collections, collected) per generation.
pub fn stats() -> [(usize, usize); 3] {
    let s = state().lock();
    s.stats.map(|x| (x.collections, x.collected))
}

/// Every live tracked object (with the world stopped). Frozen objects are
/// left out unless asked for.
pub fn objects(include_frozen: bool) -> Vec<Value> {
    let st = state();
    let mut scratch = st.collecting.lock().unwrap_or_else(|e| e.into_inner());
    if !(is_attached() && stop_world()) {
        return Vec::new();
    }
    let shards = lock_shards(st, shards_in_use());
    let gens: &[u64] = if include_frozen { &[YOUNG, OLD, FROZEN] } else { &[YOUNG, OLD] };
    scratch.load(&shards, gens);
    // SAFETY: candidates are alive while the world is stopped.
    let out: Vec<Value> = scratch.slots.iter().filter_map(|&s| unsafe { upgrade(s) }).collect();
    scratch.restore_headers();
    drop(shards);
    resume_world();
    scratch.release();
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
        Value::Dict(d) => d.snapshot().iter().any(|e| header_of(&e.key).is_some() || header_of(&e.value).is_some()),
        _ => header_of(v).is_some(),
    }
}

/// `gc.freeze()`: move everything tracked to a generation no collection
/// examines.

/// `gc.freeze()`: move everything tracked to a generation no collection
/// examines.
pub fn freeze() {
    move_all(&[YOUNG, OLD], FROZEN);
    let mut s = state().lock();
    s.old_live = 0;
    s.promoted = 0;
}

pub fn unfreeze() {
    move_all(&[FROZEN], OLD);
}

/// Move the objects of generations `from` to `to` (world stopped).
fn move_all(from: &[u64], to: u64) {
    let st = state();
    let _scratch = st.collecting.lock().unwrap_or_else(|e| e.into_inner());
    if !(is_attached() && stop_world()) {
        return;
    }
    let mut shards = lock_shards(st, shards_in_use());
    // References taken here are let go after the shards are unlocked.
    let mut held = Vec::new();
    for (id, sh) in shards.iter_mut().enumerate() {
        for &g in from {
            let slots = std::mem::take(&mut sh.gens[g as usize].slots);
            sh.gens[g as usize].free.clear();
            for slot in slots.into_iter().filter(|&s| s != 0) {
                // SAFETY: the world is stopped and the slot registered.
                let Some(v) = (unsafe { upgrade(slot) }) else { continue };
                if let Some(h) = header_of(&v) {
                    let i = sh.gens[to as usize].add(slot);
                    h.0.store(encode(id, to, i), Ordering::Relaxed);
                }
                held.push(v);
            }
        }
    }
    drop(shards);
    resume_world();
    drop(held);
}

pub fn freeze_count() -> usize {
    let st = state();
    (0..shards_in_use()).map(|i| st.shard(i).gens[FROZEN as usize].live()).sum()
}
