//! Per-thread interpreter state: the stack of running frames (for
//! `globals()`, `locals()` and tracebacks), the exceptions being handled
//! (for bare `raise` and `__context__`), and the call depth (for the
//! recursion limit).

use std::cell::{Cell, RefCell};
use std::sync::atomic::Ordering;
use std::sync::Arc;

use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::{ctx, PyErr, PyResult, Value};

use super::frame::Frame;

thread_local! {
    static FRAMES: RefCell<Vec<*const Frame<'static>>> = const { RefCell::new(Vec::new()) };
    static HANDLED: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Registers a frame as running on this thread until dropped.
pub struct FrameGuard;

impl FrameGuard {
    pub fn enter(frame: &Frame<'_>) -> FrameGuard {
        let p = frame as *const Frame<'_> as *const Frame<'static>;
        FRAMES.with(|f| f.borrow_mut().push(p));
        FrameGuard
    }
}

impl Drop for FrameGuard {
    fn drop(&mut self) {
        FRAMES.with(|f| {
            f.borrow_mut().pop();
        });
    }
}

/// Run `f` with the innermost running frame, if any.
pub fn with_current_frame<R>(f: impl FnOnce(Option<&Frame<'_>>) -> R) -> R {
    let p = FRAMES.with(|fr| fr.borrow().last().copied());
    match p {
        // SAFETY: frames are registered by FrameGuard for exactly as long as
        // they are alive on this thread's stack (the guard is dropped first).
        Some(p) => f(Some(unsafe { &*p })),
        None => f(None),
    }
}

pub fn current_globals() -> Option<Arc<DictObj>> {
    with_current_frame(|f| f.map(|f| f.globals.clone()))
}

/// Number of frames registered on this thread (a generator saves and
/// restores its own while suspended).
pub fn frame_depth() -> usize {
    FRAMES.with(|f| f.borrow().len())
}

pub fn take_frames_above(depth: usize) -> Vec<*const Frame<'static>> {
    FRAMES.with(|f| f.borrow_mut().split_off(depth))
}

pub fn restore_frames(saved: Vec<*const Frame<'static>>) {
    FRAMES.with(|f| f.borrow_mut().extend(saved));
}

pub fn push_handled(e: Value) {
    HANDLED.with(|h| h.borrow_mut().push(e));
}

pub fn pop_handled() {
    HANDLED.with(|h| {
        h.borrow_mut().pop();
    });
}

/// The exception currently being handled, innermost.
pub fn current_handled() -> Option<Value> {
    HANDLED.with(|h| h.borrow().last().cloned())
}

pub fn handled_depth() -> usize {
    HANDLED.with(|h| h.borrow().len())
}

pub fn take_handled_above(depth: usize) -> Vec<Value> {
    HANDLED.with(|h| {
        let mut h = h.borrow_mut();
        let d = depth.min(h.len());
        h.split_off(d)
    })
}

pub fn restore_handled(saved: Vec<Value>) {
    HANDLED.with(|h| h.borrow_mut().extend(saved));
}

/// Counts a Python call against the recursion limit until dropped.
pub struct DepthGuard;

impl DepthGuard {
    pub fn enter() -> PyResult<DepthGuard> {
        let d = DEPTH.with(|d| {
            let n = d.get() + 1;
            d.set(n);
            n
        });
        let guard = DepthGuard;
        if d > ctx().recursion_limit.load(Ordering::Relaxed) {
            return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
        }
        protopy_runtime::stack::check()?;
        Ok(guard)
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

pub fn depth() -> usize {
    DEPTH.with(|d| d.get())
}

pub fn set_depth(n: usize) {
    DEPTH.with(|d| d.set(n));
}
