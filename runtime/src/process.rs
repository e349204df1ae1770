//! Process-wide and per-thread state that must exist once per process even
//! though every compiled module links its own copy of the runtime. The
//! host's copy makes the `Context`; the functions stored here are the host
//! copy's, so a module's copy that calls them reaches the host's statics and
//! thread-locals, never its own.
//!
//! Per thread: the exceptions being handled (bare `raise`, `__context__`),
//! the Python call depth (recursion limit) and the native stack limit.

use std::cell::{Cell, RefCell};
use std::sync::atomic::Ordering;
use std::sync::Arc;


use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::value::Value;

/// A running Python frame, innermost last. `globals` reads a compiled
/// frame's globals (the interpreter's frames leave it None and are read by
/// the host).
#[derive(Clone, Copy)]
pub struct FrameLink {
    pub ptr: usize,
    pub globals: Option<fn(usize) -> Arc<DictObj>>,
    /// `locals()` of a compiled frame, as far as it can be known from
    /// outside the frame's fn (its namespace, or its globals).
    pub locals: Option<fn(usize) -> Value>,
}

/// One thread's execution state.
pub struct ThreadState {
    /// Running frames of both back ends (for `globals()`, `eval()`).
    pub frames: RefCell<Vec<FrameLink>>,
    pub handled: RefCell<Vec<Value>>,
    pub depth: Cell<usize>,
    pub stack_limit: Cell<usize>,
    /// The thread that runs signal handlers (`__main__`'s thread).
    pub is_main: Cell<bool>,
    /// The cycle collector's young buffer and attachment.
    pub gc: crate::gc::ThreadGc,
}

thread_local! {
    static THREAD: ThreadState = const {
        ThreadState {
            frames: RefCell::new(Vec::new()),
            handled: RefCell::new(Vec::new()),
            depth: Cell::new(0),
            stack_limit: Cell::new(0),
            is_main: Cell::new(false),
            gc: crate::gc::ThreadGc::new(),
        }
    };
}

#[inline]
fn local_thread_state() -> *const ThreadState {
    THREAD.with(|t| t as *const ThreadState)
}

fn local_stdout() -> &'static crate::sync::BlockingMutex<crate::io::Out> {
    crate::io::local_stdout()
}

/// The host copy's accessors, stored in the context.
pub struct ProcessState {
    thread_state: fn() -> *const ThreadState,
    stdout: fn() -> &'static crate::sync::BlockingMutex<crate::io::Out>,
    pub(crate) signals: crate::signals::Signals,
    pub(crate) gc: crate::gc::GcState,
}

impl ProcessState {
    pub(crate) fn new() -> ProcessState {
        ProcessState { thread_state: local_thread_state, stdout: local_stdout, signals: crate::signals::Signals::new(), gc: crate::gc::GcState::new() }
    }
}

/// Whether this copy of the runtime made the context (the host's copy):
/// then its own thread-locals are the process's, reached without the
/// indirect call through the context.
static OWNS_CONTEXT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(crate) fn set_owns_context() {
    OWNS_CONTEXT.store(true, Ordering::Release);
}

/// Run `f` with this thread's state (the host's, from any runtime copy).
#[inline]
pub fn with_thread<R>(f: impl FnOnce(&ThreadState) -> R) -> R {
    let p = thread_state_ptr();
    // SAFETY: the pointer is to the calling thread's thread-local in the host
    // copy, which lives as long as the thread; it is only used on this thread
    // and for the duration of `f`.
    f(unsafe { &*p })
}

/// This thread's state, for a caller that keeps it for a while on this
/// thread (a compiled frame, see `compiled::Frame::call_direct`).
#[inline]
pub fn thread_state_ptr() -> *const ThreadState {
    if OWNS_CONTEXT.load(Ordering::Relaxed) {
        return local_thread_state();
    }
    (ctx().process.thread_state)()
}

pub(crate) fn stdout() -> &'static crate::sync::BlockingMutex<crate::io::Out> {
    (ctx().process.stdout)()
}

/// Registers a frame as running on this thread until dropped.
pub struct FrameGuard;

impl FrameGuard {
    pub fn enter(link: FrameLink) -> FrameGuard {
        with_thread(|t| t.frames.borrow_mut().push(link));
        FrameGuard
    }
}

impl Drop for FrameGuard {
    fn drop(&mut self) {
        with_thread(|t| {
            t.frames.borrow_mut().pop();
        });
    }
}

/// The innermost running frame.
pub fn top_frame() -> Option<FrameLink> {
    with_thread(|t| t.frames.borrow().last().copied())
}

pub fn frame_depth() -> usize {
    with_thread(|t| t.frames.borrow().len())
}

/// What a generator takes with it when it suspends: the frames and handled
/// exceptions registered since it was resumed, the call depth and the stack
/// limit. Up to two frames (the usual case: the generator's own) are kept
/// without a heap allocation.
pub struct Suspended {
    inline: [FrameLink; 2],
    count: usize,
    spilled: Vec<FrameLink>,
    handled: Vec<Value>,
    depth: usize,
    stack_limit: usize,
}

const NO_FRAME: FrameLink = FrameLink { ptr: 0, globals: None, locals: None };

/// Take this thread's state above the generator's resume point (one visit
/// to the thread's state).
pub fn suspend_above(frames_from: usize, handled_from: usize) -> Suspended {
    with_thread(|t| {
        let mut f = t.frames.borrow_mut();
        let d = frames_from.min(f.len());
        let mut saved = Suspended {
            inline: [NO_FRAME; 2],
            count: f.len() - d,
            spilled: Vec::new(),
            handled: Vec::new(),
            depth: t.depth.get(),
            stack_limit: t.stack_limit.get(),
        };
        if saved.count <= 2 {
            saved.inline[..saved.count].copy_from_slice(&f[d..]);
            f.truncate(d);
        } else {
            saved.spilled = f.split_off(d);
        }
        let mut h = t.handled.borrow_mut();
        let hd = handled_from.min(h.len());
        if hd < h.len() {
            saved.handled = h.split_off(hd);
        }
        saved
    })
}

/// Put back what `suspend_above` took, on whatever thread resumes the
/// generator; returns the new resume point (frames, handled exceptions).
pub fn resume_from(saved: Suspended) -> (usize, usize) {
    with_thread(|t| {
        t.stack_limit.set(saved.stack_limit);
        t.depth.set(saved.depth);
        let mut f = t.frames.borrow_mut();
        let mut h = t.handled.borrow_mut();
        let point = (f.len(), h.len());
        if saved.spilled.is_empty() {
            f.extend_from_slice(&saved.inline[..saved.count]);
        } else {
            f.extend(saved.spilled);
        }
        h.extend(saved.handled);
        point
    })
}



pub fn push_handled(e: Value) {
    with_thread(|t| t.handled.borrow_mut().push(e));
}

pub fn pop_handled() {
    with_thread(|t| {
        t.handled.borrow_mut().pop();
    });
}

/// The exception currently being handled, innermost.
pub fn current_handled() -> Option<Value> {
    with_thread(|t| t.handled.borrow().last().cloned())
}

pub fn handled_depth() -> usize {
    with_thread(|t| t.handled.borrow().len())
}



/// Make the calling thread the one that runs signal handlers.
pub fn set_main_thread() {
    with_thread(|t| t.is_main.set(true));
}

pub fn is_main_thread() -> bool {
    with_thread(|t| t.is_main.get())
}

pub fn depth() -> usize {
    with_thread(|t| t.depth.get())
}


/// A running call: counted against the recursion limit and registered as
/// this thread's innermost frame until dropped (`DepthGuard` and
/// `FrameGuard` in one visit to the thread's state).
pub struct CallGuard(*const ThreadState);

impl CallGuard {
    #[inline]
    pub fn enter(link: FrameLink) -> PyResult<CallGuard> {
        let p = thread_state_ptr();
        // SAFETY: this thread's state, which outlives the call; the guard
        // is dropped on this thread (it is neither Send nor Sync).
        let t = unsafe { &*p };
        enter_call(t)?;
        t.frames.borrow_mut().push(link);
        Ok(CallGuard(p))
    }
}

/// A Python call begins on thread `t`: pending signals run, then the call
/// counts against the recursion limit and the native stack is checked.
#[inline]
fn enter_call(t: &ThreadState) -> PyResult<()> {
    crate::signals::check()?;
    let n = t.depth.get() + 1;
    // An unknown stack limit is 0, which no stack pointer is below.
    if n > ctx().recursion_limit.load(Ordering::Relaxed) || crate::stack::approx_sp() < t.stack_limit.get() {
        return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
    }
    t.depth.set(n);
    Ok(())
}

impl Drop for CallGuard {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: as in `enter`: the same thread's state.
        let t = unsafe { &*self.0 };
        t.frames.borrow_mut().pop();
        t.depth.set(t.depth.get().saturating_sub(1));
    }
}

/// `CallGuard` for a direct call between compiled functions, which has
/// the thread's state at hand. The callee is not registered as a running
/// frame: it is a function of the caller's module, called from a function
/// or the module body (never a class body), so what `globals()`, `eval()`
/// and `vars()` read through the innermost registered frame (that
/// module's globals) is the same.
pub struct DirectGuard<'t>(&'t ThreadState);

impl<'t> DirectGuard<'t> {
    #[inline]
    pub fn enter(t: &'t ThreadState) -> PyResult<DirectGuard<'t>> {
        enter_call(t)?;
        Ok(DirectGuard(t))
    }
}

impl Drop for DirectGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        self.0.depth.set(self.0.depth.get() - 1);
    }
}

/// Counts a Python call against the recursion limit until dropped.
pub struct DepthGuard;

impl DepthGuard {
    pub fn enter() -> PyResult<DepthGuard> {
        let d = with_thread(|t| {
            let n = t.depth.get() + 1;
            t.depth.set(n);
            n
        });
        let guard = DepthGuard;
        if d > ctx().recursion_limit.load(Ordering::Relaxed) {
            return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
        }
        crate::stack::check()?;
        crate::signals::check()?;
        Ok(guard)
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        with_thread(|t| t.depth.set(t.depth.get().saturating_sub(1)));
    }
}
