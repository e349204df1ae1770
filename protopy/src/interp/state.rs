//! Per-thread interpreter state: the stack of running frames (for
//! `globals()`, `locals()` and tracebacks), the exceptions being handled
//! (for bare `raise` and `__context__`), and the call depth (for the
//! recursion limit). All three live in the runtime (one per thread for the
//! whole process), so compiled frames take part in them too.

use std::sync::Arc;

use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::process::{self, FrameLink};

use super::frame::Frame;

pub use protopy_runtime::process::{current_handled, frame_depth, handled_depth, pop_handled, push_handled, DepthGuard};

/// Registers an interpreted frame as running on this thread until dropped.
pub struct FrameGuard(process::FrameGuard);

impl FrameGuard {
    pub fn enter(frame: &Frame<'_>) -> FrameGuard {
        FrameGuard(process::FrameGuard::enter(frame_link(frame)))
    }
}

/// The registration of an interpreted frame (the host reads its globals).
pub fn frame_link(frame: &Frame<'_>) -> FrameLink {
    FrameLink { ptr: frame as *const Frame<'_> as usize, globals: None, locals: None }
}

/// Run `f` with the innermost running frame if it is an interpreted one.
pub fn with_current_frame<R>(f: impl FnOnce(Option<&Frame<'_>>) -> R) -> R {
    match process::top_frame() {
        // SAFETY: interpreted frames are registered by FrameGuard for
        // exactly as long as they are alive on this thread's stack.
        Some(FrameLink { ptr, globals: None, .. }) => f(Some(unsafe { &*(ptr as *const Frame<'static>) })),
        _ => f(None),
    }
}

/// `locals()` of the innermost running frame when it is a compiled one.
pub fn compiled_locals() -> Option<protopy_runtime::Value> {
    match process::top_frame() {
        Some(FrameLink { ptr, locals: Some(read), .. }) => Some(read(ptr)),
        _ => None,
    }
}

/// Globals of the innermost running frame, interpreted or compiled.
pub fn current_globals() -> Option<Arc<DictObj>> {
    match process::top_frame() {
        Some(FrameLink { ptr, globals: Some(read), .. }) => Some(read(ptr)),
        _ => with_current_frame(|f| f.map(|f| f.globals.clone())),
    }
}
