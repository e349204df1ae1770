//! protopy: the host. It runs Python programs with the interpreter over the
//! front end's IR, owns the runtime context, installs the import system and
//! the hooks the runtime needs (`exec`, `globals()`), and prints tracebacks
//! as CPython does. The command line lives in `cli`.

pub mod cli;
pub mod import;
pub mod interp;
mod library_check;
pub mod repl;
pub mod native_import;
pub mod traceback;

/// Make the runtime context and connect the host's hooks to it. The
/// calling thread becomes the main thread: it runs signal handlers.
pub fn init() {
    protopy_runtime::context::init();
    protopy_stdlib::signal::install_default_handlers();
    interp::hooks::install();
    import::install();
}
