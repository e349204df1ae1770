//! Native stack guard: deep Python recursion raises RecursionError well
//! before the machine stack runs out. Each thread records the lowest safe
//! stack address; generator coroutines swap in the bounds of their own
//! stack while they run.

use crate::error::{PyErr, PyResult};
use crate::process::with_thread;

/// Room kept free below the limit for the error path itself.
const MARGIN: usize = 64 * 1024;

#[inline(always)]
pub fn approx_sp() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// Declare the current thread's stack: `size` bytes below the caller's frame.
pub fn init_thread(size: usize) {
    let sp = approx_sp();
    with_thread(|t| t.stack_limit.set(sp.saturating_sub(size) + MARGIN));
}

/// Set the limit to `lowest + MARGIN`; returns the previous one.
pub fn set_lowest(lowest: usize) -> usize {
    with_thread(|t| t.stack_limit.replace(lowest + MARGIN))
}

pub fn current() -> usize {
    with_thread(|t| t.stack_limit.get())
}

pub fn restore(prev: usize) {
    with_thread(|t| t.stack_limit.set(prev));
}

/// RecursionError when the native stack is nearly used up.
#[inline]
pub fn check() -> PyResult<()> {
    let limit = with_thread(|t| t.stack_limit.get());
    if limit != 0 && approx_sp() < limit {
        return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
    }
    Ok(())
}
