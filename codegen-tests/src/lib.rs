//! Tests of protopyc: snapshots of the Rust generated for small modules
//! (`tests/snapshots.rs`, one per construct family), and end-to-end runs
//! that compile the program corpus in one cargo build and import every
//! module compiled into a protopy host (`tests/compiled.rs`); protopyc's
//! command line as a build step on the example project, and compiling on
//! import (`tests/project.rs`, with the `codegen-protopyc` binary).
