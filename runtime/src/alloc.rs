//! The global allocator every part of the process declares (the host and
//! each compiled module): the system allocator, `malloc`, which refuses a
//! single request larger than the machine's memory.
//!
//! The host links mimalloc as the process's `malloc`. Like any allocator
//! that reserves address space without committing it, mimalloc grants a
//! request for terabytes, and the process is killed later when it touches
//! the pages. CPython, on the kernel's default overcommit heuristic, gets
//! NULL for such a request and raises `MemoryError`. Refusing what cannot
//! fit in RAM plus swap (the kernel's own rule) keeps `bytearray(10**13)` a
//! `MemoryError` here too.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator with the size check.
pub struct Guarded;

/// Requests below this size are never checked.
const CHECK_FROM: usize = 1 << 30;

/// RAM plus swap in bytes, once known (0: not read yet). A fact about the
/// machine, cached; each copy of the runtime reads it for itself.
static LIMIT: AtomicUsize = AtomicUsize::new(0);

#[cold]
fn limit() -> usize {
    match LIMIT.load(Ordering::Relaxed) {
        0 => {
            let limit = machine_memory();
            LIMIT.store(limit, Ordering::Relaxed);
            limit
        }
        limit => limit,
    }
}

#[cfg(target_os = "linux")]
fn machine_memory() -> usize {
    // SAFETY: sysinfo only fills the struct it is given.
    let mut info: libc::sysinfo = unsafe { std::mem::zeroed() };
    if unsafe { libc::sysinfo(&mut info) } != 0 {
        return usize::MAX;
    }
    let total = (info.totalram as u128 + info.totalswap as u128) * info.mem_unit.max(1) as u128;
    usize::try_from(total).unwrap_or(usize::MAX).max(CHECK_FROM)
}

#[cfg(not(target_os = "linux"))]
fn machine_memory() -> usize {
    usize::MAX
}

#[inline]
fn fits(size: usize) -> bool {
    size < CHECK_FROM || size <= limit()
}

// SAFETY: every call is forwarded to `System` unchanged, or refused with
// null (which `GlobalAlloc` allows for any request).
unsafe impl GlobalAlloc for Guarded {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if fits(layout.size()) {
            unsafe { System.alloc(layout) }
        } else {
            std::ptr::null_mut()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if fits(layout.size()) {
            unsafe { System.alloc_zeroed(layout) }
        } else {
            std::ptr::null_mut()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if fits(new_size) {
            unsafe { System.realloc(ptr, layout, new_size) }
        } else {
            std::ptr::null_mut()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_requests_are_refused() {
        let layout = Layout::from_size_align(usize::MAX / 4, 8).unwrap();
        // SAFETY: a refused request returns null and allocates nothing.
        assert!(unsafe { Guarded.alloc(layout) }.is_null());
        assert!(limit() >= CHECK_FROM);
        let small = Layout::from_size_align(64, 8).unwrap();
        // SAFETY: allocated and released with the same layout.
        unsafe {
            let p = Guarded.alloc(small);
            assert!(!p.is_null());
            Guarded.dealloc(p, small);
        }
    }
}
