//! protopyc: the ahead-of-time compiler. It reads a Python module, lowers
//! it with the shared front end, generates Rust that calls the runtime for
//! every operation (`codegen`), builds it with cargo into a cdylib against
//! the runtime source embedded in it at build time (`runtime_source`,
//! `build`), and installs the library where protopy's importer finds it.
//! Projects (`project`) name their modules in `pyproject.toml`; builds skip
//! modules that are up to date (`fresh`); `report` prints diagnostics for
//! people or JSON for CI. It depends on the front end only; the runtime is
//! a path dependency of the generated crates.

pub mod annotate;
pub mod build;
pub mod cli;
pub mod codegen;
pub mod diagnostics;
pub mod fresh;
pub mod project;
pub mod report;
pub mod runtime_source;

pub use codegen::generate;
pub use diagnostics::Diagnostic;
