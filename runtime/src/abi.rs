//! The module ABI between the host and a compiled module (a cdylib that
//! links its own copy of this crate). The module exports, with C linkage:
//!
//! - `PROTOPY_ABI`: a `ModuleHeader` — the ABI fingerprint of the runtime
//!   it was built with, a probe of the core types' layout, and the hash of
//!   the Python source it was compiled from;
//! - `protopy_module_init`: binds the module's runtime copy to the host's
//!   context and runs the module body (see `InitFn`).
//!
//! The host refuses a module whose fingerprint or layout differs from its
//! own, so the two copies agree on every type they exchange.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::compiled::{CodeInfo, ModuleInfo};
use crate::context::Context;
use crate::error::PyErr;
use crate::value::Value;

/// The fingerprint of this build (see `build.rs`), 64 hex digits.
pub const ABI_FINGERPRINT: &str = env!("PROTOPY_ABI_FINGERPRINT");

/// The first 8 hex digits, as in `hot.protopy-1a2b3c4d.so`.
pub fn abi_tag() -> &'static str {
    &ABI_FINGERPRINT[..8]
}

const MAGIC: [u8; 8] = *b"protopy1";
pub const LAYOUT_LEN: usize = 12;

/// What a compiled module exports as `PROTOPY_ABI`. Plain C data: the host
/// reads it before trusting anything else about the library.
#[repr(C)]
pub struct ModuleHeader {
    pub magic: [u8; 8],
    pub fingerprint: [u8; 64],
    pub source_hash: [u8; 64],
    pub layout: [u64; LAYOUT_LEN],
}

/// Sizes and alignments of the types the host and a module exchange.
pub const fn layout_probe() -> [u64; LAYOUT_LEN] {
    use std::mem::{align_of, size_of};
    [
        size_of::<Value>() as u64,
        align_of::<Value>() as u64,
        size_of::<PyErr>() as u64,
        size_of::<crate::error::PyResult<Value>>() as u64,
        size_of::<Context>() as u64,
        align_of::<Context>() as u64,
        size_of::<crate::objects::function::Function>() as u64,
        size_of::<crate::objects::typeobj::TypeObj>() as u64,
        size_of::<crate::objects::dict::DictObj>() as u64,
        size_of::<crate::objects::module::ModuleObj>() as u64,
        size_of::<crate::error::TraceEntry>() as u64,
        size_of::<HostInit>() as u64,
    ]
}

const fn copy64(s: &str) -> [u8; 64] {
    let b = s.as_bytes();
    let mut out = [0u8; 64];
    let mut i = 0;
    while i < 64 && i < b.len() {
        out[i] = b[i];
        i += 1;
    }
    out
}

/// The header a module built from source with hash `source_hash` exports.
pub const fn header(source_hash: &str) -> ModuleHeader {
    ModuleHeader {
        magic: MAGIC,
        fingerprint: copy64(ABI_FINGERPRINT),
        source_hash: copy64(source_hash),
        layout: layout_probe(),
    }
}

impl ModuleHeader {
    pub fn is_valid(&self) -> bool {
        self.magic == MAGIC
    }

    pub fn fingerprint(&self) -> String {
        String::from_utf8_lossy(&self.fingerprint).trim_end_matches('\0').to_string()
    }

    pub fn source_hash(&self) -> String {
        String::from_utf8_lossy(&self.source_hash).trim_end_matches('\0').to_string()
    }

    /// Why this library cannot be used by this host, if it cannot.
    pub fn mismatch(&self) -> Option<String> {
        if !self.is_valid() {
            return Some("not a protopy module".into());
        }
        let theirs = self.fingerprint();
        if theirs != ABI_FINGERPRINT {
            return Some(format!(
                "built for runtime ABI {} but this protopy has ABI {}",
                &theirs[..theirs.len().min(8)],
                abi_tag()
            ));
        }
        if self.layout != layout_probe() {
            return Some("the runtime's type layouts differ from this protopy's".into());
        }
        None
    }
}

/// What the host hands a module at init.
#[repr(C)]
pub struct HostInit {
    pub context: *const Context,
    pub hash_k0: u64,
    pub hash_k1: u64,
    /// The module object (already in `sys.modules`).
    pub module: *const Value,
    /// The source path the module stands for (for tracebacks), UTF-8.
    pub filename: *const u8,
    pub filename_len: usize,
}

/// `protopy_module_init(host, err) -> status`: 0 when the body ran, else 1
/// with `*err` set to the exception (a panic becomes a SystemError).
pub type InitFn = unsafe extern "C" fn(*const HostInit, *mut Option<PyErr>) -> i32;

/// The host side: what to pass a module's init.
pub fn host_init(module: &Value, filename: &str) -> HostInit {
    let (hash_k0, hash_k1) = crate::num::hash_key();
    HostInit {
        context: crate::context::raw_context(),
        hash_k0,
        hash_k1,
        module: module as *const Value,
        filename: filename.as_ptr(),
        filename_len: filename.len(),
    }
}

/// The module side of `protopy_module_init` (called by `export_module!`).
///
/// # Safety
/// `host` must point to a `HostInit` made by `host_init` in a host whose
/// ABI fingerprint equals this crate's, valid for the call; `err` must be
/// valid for writes.
pub unsafe fn module_init(host: *const HostInit, err: *mut Option<PyErr>, module: &'static ModuleInfo, body: &'static CodeInfo) -> i32 {
    let run = AssertUnwindSafe(|| {
        // SAFETY: the caller guarantees `host` is valid (see above).
        let host = unsafe { &*host };
        // SAFETY: the context is the host's, leaked for the process.
        crate::context::bind(unsafe { &*host.context });
        crate::num::set_hash_key(host.hash_k0, host.hash_k1);
        // SAFETY: pointer and length of a str the host keeps alive.
        let filename = unsafe { std::slice::from_raw_parts(host.filename, host.filename_len) };
        module.set_filename(&String::from_utf8_lossy(filename));
        // SAFETY: the host's module value outlives the call.
        let m = unsafe { &*host.module };
        let globals = match m {
            Value::Module(md) => md.dict.clone(),
            _ => Arc::new(crate::objects::dict::DictObj::new()),
        };
        crate::compiled::code::run_module(body, globals)
    });
    let outcome = match catch_unwind(run) {
        Ok(Ok(_)) => return 0,
        Ok(Err(e)) => e,
        Err(_) => PyErr::system_error(format!("panic while initialising compiled module {}", module.name)),
    };
    // SAFETY: the caller guarantees `err` is valid for writes.
    unsafe { *err = Some(outcome) };
    1
}

/// The two exports of a compiled module, and its allocator: `export_module!(MODULE, BODY, "source-hash")`.
#[macro_export]
macro_rules! export_module {
    ($module:path, $body:path, $source_hash:literal) => {
        /// The process's `malloc`, as the host uses it (see `alloc`).
        #[global_allocator]
        static PROTOPY_ALLOC: $crate::alloc::Guarded = $crate::alloc::Guarded;

        #[no_mangle]
        pub static PROTOPY_ABI: $crate::abi::ModuleHeader = $crate::abi::header($source_hash);

        /// # Safety
        /// Called by the protopy host's importer only (see `abi::InitFn`).
        #[no_mangle]
        pub unsafe extern "C" fn protopy_module_init(
            host: *const $crate::abi::HostInit,
            err: *mut Option<$crate::PyErr>,
        ) -> i32 {
            // SAFETY: forwarded from the host, which passes valid pointers.
            unsafe { $crate::abi::module_init(host, err, &$module, &$body) }
        }
    };
}
