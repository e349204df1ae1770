//! Work that waits for a safe point (CPython's "eval breaker"): signals,
//! `__del__` finalizers and the cycle collector (a collection to run, or
//! one that needs this thread parked). The operating-system handler (installed by
//! the host) only records that a signal arrived; the main thread runs the
//! Python-level handler at its next check — a statement, a call, a loop
//! back-edge, a slice of a blocking wait — so a handler never runs inside
//! an internal lock or halfway through an operation. The default handler
//! for SIGINT raises `KeyboardInterrupt`. Finalizers of dropped instances
//! run at the next check of any thread, for the same reason.
//!
//! The state lives in the `Context` (beside the per-thread state), so a compiled module's copy of the
//! runtime sees the host's pending signals and handlers.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::sync::Mutex;
use crate::value::Value;
use crate::CallArgs;

pub const SIGINT: i32 = 2;

/// Signals are numbered below this (one bit each in the pending set).
pub const NSIG: i32 = 64;

/// Bit 0 of the pending set (no signal has number 0): runtime work is
/// due (one of the bits of `work`).
const WORK: u64 = 1;

/// Runtime work bits: finalizers are queued.
pub(crate) const FINALIZERS: u32 = 1;
/// A collection is stopping the world: park.
pub(crate) const GC_STOP: u32 = 2;
/// A young buffer is full: collect.
pub(crate) const GC_WANTED: u32 = 4;

/// Pending signals and finalizers, and the Python-level signal handlers.
pub struct Signals {
    /// One bit per signal that arrived and has not been handled yet; bit 0
    /// while any `work` bit is set.
    pending: AtomicU64,
    work: AtomicU32,
    /// `signal.signal(n, handler)`: `None` entries keep the default
    /// behaviour (`default_int_handler` for SIGINT).
    handlers: Mutex<Vec<Option<Value>>>,
    /// Instances whose `__del__` is due.
    finalizers: Mutex<Vec<Value>>,
}

impl Signals {
    pub(crate) fn new() -> Signals {
        Signals {
            pending: AtomicU64::new(0),
            work: AtomicU32::new(0),
            handlers: Mutex::new(vec![None; NSIG as usize]),
            finalizers: Mutex::new(Vec::new()),
        }
    }
}

/// Queue `obj` for its class's `__del__` at the next safe point.
pub fn queue_finalizer(obj: Value) {
    let state = &ctx().process.signals;
    state.finalizers.lock().push(obj);
    post_work(FINALIZERS);
}

/// Ask every thread's next safe point for `bit`'s work.
pub(crate) fn post_work(bit: u32) {
    let s = &ctx().process.signals;
    s.work.fetch_or(bit, Ordering::AcqRel);
    s.pending.fetch_or(WORK, Ordering::Release);
}

/// `bit`'s work is over (or taken by one thread).
pub(crate) fn end_work(bit: u32) {
    let s = &ctx().process.signals;
    s.work.fetch_and(!bit, Ordering::AcqRel);
    if s.work.load(Ordering::Acquire) == 0 {
        s.pending.fetch_and(!WORK, Ordering::AcqRel);
        // Work posted between the two steps keeps its bit.
        if s.work.load(Ordering::Acquire) != 0 {
            s.pending.fetch_or(WORK, Ordering::Release);
        }
    }
}

/// Take `bit`'s work for this thread: true if it was posted.
fn take_work(bit: u32) -> bool {
    let s = &ctx().process.signals;
    let had = s.work.load(Ordering::Acquire) & bit != 0 && s.work.fetch_and(!bit, Ordering::AcqRel) & bit != 0;
    if had {
        end_work(0);
    }
    had
}

/// Do the runtime work that is due: park for a collection, run queued
/// finalizers, run a collection a young buffer asked for.
#[cold]
fn run_work() {
    let work = ctx().process.signals.work.load(Ordering::Acquire);
    if work & GC_STOP != 0 {
        crate::gc::park();
    }
    if work & FINALIZERS != 0 && take_work(FINALIZERS) {
        run_finalizers();
    }
    if work & GC_WANTED != 0 && take_work(GC_WANTED) {
        crate::gc::collect_auto();
    }
}

/// Call `__del__` on the queued objects. An exception is reported as
/// CPython reports it ("Exception ignored in: ...") and goes no further.
fn run_finalizers() {
    // Finalizers that drop more objects with finalizers queue them; they
    // run in this same pass (up to a bound, in case each one makes more).
    for _ in 0..1000 {
        let batch = std::mem::take(&mut *ctx().process.signals.finalizers.lock());
        if batch.is_empty() {
            return;
        }
        run_batch(batch);
    }
    post_work(FINALIZERS);
}

pub(crate) fn run_batch(batch: Vec<Value>) {
    for obj in batch {
        let Value::Instance(inst) = &obj else { continue };
        let class = inst.class();
        if class.special_flags() & crate::objects::typeobj::special::DEL == 0 {
            continue;
        }
        let Some(del) = class.lookup_str("__del__") else { continue };
        if let Err(e) = crate::ops::call(&del, CallArgs::positional_only(std::slice::from_ref(&obj))) {
            let what = crate::ops::repr(&del).unwrap_or_else(|_| "<__del__>".to_string());
            crate::io::flush_stdout();
            let report = (ctx().hooks().format_exception)(&e);
            let _ = crate::io::write_stderr(&format!("Exception ignored in: {what}\n{report}"));
        }
    }
}

/// Record that `signum` arrived. Async-signal-safe once the context
/// exists: an atomic load and an atomic or.
pub fn record(signum: i32) {
    if (1..NSIG).contains(&signum) {
        ctx().process.signals.pending.fetch_or(1 << signum, Ordering::Relaxed);
    }
}

/// Run the handlers of pending signals if this is the main thread. The
/// common case (nothing pending) is one relaxed load.
#[inline]
pub fn check() -> PyResult<()> {
    if ctx().process.signals.pending.load(Ordering::Relaxed) == 0 {
        return Ok(());
    }
    run_pending()
}

/// Run queued finalizers and the collector's work only (signals wait for
/// a call or a loop back-edge, where CPython handles them): the
/// interpreter calls this before each statement, so `del x` is followed
/// by `x.__del__()` before the next statement runs.
#[inline]
pub fn run_finalizers_if_queued() {
    if ctx().process.signals.pending.load(Ordering::Relaxed) & WORK != 0 {
        run_work();
    }
}

#[cold]
fn run_pending() -> PyResult<()> {
    let signals = &ctx().process.signals;
    if signals.pending.load(Ordering::Relaxed) & WORK != 0 {
        run_work();
    }
    if !crate::process::is_main_thread() || signals.pending.load(Ordering::Relaxed) & !WORK == 0 {
        return Ok(());
    }
    let mut bits = signals.pending.fetch_and(WORK, Ordering::AcqRel) & !WORK;
    while bits != 0 {
        let signum = bits.trailing_zeros() as i32;
        bits &= bits - 1;
        if let Err(e) = run_handler(signum) {
            // Signals not handled yet stay pending for the next check.
            signals.pending.fetch_or(bits, Ordering::Relaxed);
            return Err(e);
        }
    }
    Ok(())
}

fn run_handler(signum: i32) -> PyResult<()> {
    match handler(signum) {
        Some(h) => crate::ops::call(&h, CallArgs::positional_only(&[Value::Int(signum as i64), Value::None])).map(|_| ()),
        None if signum == SIGINT => Err(keyboard_interrupt()),
        None => Ok(()),
    }
}

/// The Python-level handler set for `signum`, if any.
pub fn handler(signum: i32) -> Option<Value> {
    ctx().process.signals.handlers.lock().get(signum as usize).cloned().flatten()
}

/// Set (or with `None`, reset to the default) the handler for `signum`.
pub fn set_handler(signum: i32, h: Option<Value>) {
    if let Some(slot) = ctx().process.signals.handlers.lock().get_mut(signum as usize) {
        *slot = h;
    }
}

pub fn keyboard_interrupt() -> PyErr {
    PyErr::with_args(&ctx().exc.keyboard_interrupt, vec![])
}

/// Sleep for `duration`, in slices, so a signal interrupts the wait as
/// it interrupts CPython's `time.sleep`.
pub fn sleep(duration: std::time::Duration) -> PyResult<()> {
    const SLICE: std::time::Duration = std::time::Duration::from_millis(5);
    let deadline = std::time::Instant::now() + duration;
    loop {
        check()?;
        let now = std::time::Instant::now();
        if now >= deadline {
            return Ok(());
        }
        let _detached = crate::gc::blocking();
        std::thread::sleep((deadline - now).min(SLICE));
    }
}
