//! The `protopy` executable: the interpreter host.

// mimalloc, linked with `override`, is the process's malloc: the runtime,
// compiled modules and libc all allocate through it, so memory freed on
// either side of a module boundary goes back to the allocator it came from.
extern crate libmimalloc_sys;

/// The system allocator (mimalloc, above), as compiled modules declare it.
#[global_allocator]
static ALLOC: protopy_runtime::alloc::Guarded = protopy_runtime::alloc::Guarded;

extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc's option enumeration.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

fn main() {
    // Return freed pages to the system at once rather than after 10 ms:
    // programs that drop and rebuild large structures otherwise keep both in
    // memory (a third more peak RSS on bench/memory_pressure.py).
    // SAFETY: setting an option is allowed at any time; nothing else runs yet.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    std::process::exit(protopy::cli::main());
}
