//! Per-thread interpreter state: the stack of running frames (for
//! `globals()`, `locals()` and tracebacks), the exceptions being handled
//! (for bare `raise` and `__context__`), and the call depth (for the
//! recursion limit).

use std::cell::RefCell;
use std::sync::Arc;

use protopy_runtime::objects::dict::DictObj;

use super::frame::Frame;

thread_local! {
    static FRAMES: RefCell<Vec<*const Frame<'static>>> = const { RefCell::new(Vec::new()) };
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

// The handled-exception stack and the call depth live in the runtime (one
// per thread for the whole process), so compiled code shares them.
pub use protopy_runtime::process::{current_handled, handled_depth, pop_handled, push_handled, DepthGuard};
