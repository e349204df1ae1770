//! Signals delivered as CPython delivers them: the operating-system
//! handler (installed by the host) only records that a signal arrived; the
//! main thread runs the Python-level handler at its next check — a call,
//! a loop back-edge, a slice of a blocking wait — so a handler never runs
//! inside an internal lock or halfway through an operation. The default
//! handler for SIGINT raises `KeyboardInterrupt`.
//!
//! The state lives in the `Context` (beside the per-thread state), so a compiled module's copy of the
//! runtime sees the host's pending signals and handlers.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::sync::Mutex;
use crate::value::Value;
use crate::CallArgs;

pub const SIGINT: i32 = 2;

/// Signals are numbered below this (one bit each in the pending set).
pub const NSIG: i32 = 64;

/// Pending signals and the Python-level handlers.
pub struct Signals {
    /// One bit per signal that arrived and has not been handled yet.
    pending: AtomicU64,
    /// `signal.signal(n, handler)`: `None` entries keep the default
    /// behaviour (`default_int_handler` for SIGINT).
    handlers: Mutex<Vec<Option<Value>>>,
}

impl Signals {
    pub(crate) fn new() -> Signals {
        Signals { pending: AtomicU64::new(0), handlers: Mutex::new(vec![None; NSIG as usize]) }
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

#[cold]
fn run_pending() -> PyResult<()> {
    if !crate::process::is_main_thread() {
        return Ok(());
    }
    let signals = &ctx().process.signals;
    let mut bits = signals.pending.swap(0, Ordering::AcqRel);
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
        std::thread::sleep((deadline - now).min(SLICE));
    }
}
