//! protopyc: the ahead-of-time compiler. It reads a Python module, lowers
//! it with the shared front end, generates Rust that calls the runtime for
//! every operation (`codegen`), builds it with cargo into a cdylib against
//! the runtime source it was itself built from (`build`), and installs the
//! library where protopy's importer finds it. It depends on the front end
//! only; the runtime is a path dependency of the generated crates.

pub mod build;
pub mod cli;
pub mod codegen;
pub mod diagnostics;

pub use codegen::generate;
pub use diagnostics::Diagnostic;
