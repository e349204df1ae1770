//! The cycle collector: cyclic garbage is freed (memory stays bounded in
//! a loop that makes it), `__del__` runs once per object and a finalizer
//! may resurrect, the `gc` module behaves as CPython's, and collections
//! run while other threads mutate shared objects or wait in blocking calls.
//! Expected outputs are CPython 3.13's.

use std::path::Path;
use std::process::Command;

fn run(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gc");
    let out = Command::new(env!("CARGO_BIN_EXE_protopy")).arg(dir.join(name)).output().expect("run protopy");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name} failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn expect(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gc");
    let expected = std::fs::read_to_string(dir.join(name.replace(".py", ".expected"))).expect("expected output");
    assert_eq!(run(name), expected, "{name}");
}

#[test]
fn finalizers_resurrection_and_the_gc_module() {
    expect("finalizers_and_interface.py");
}

#[test]
fn collections_while_threads_mutate_and_wait() {
    expect("threads.py");
}

/// Run `name`, check its output lines before the last, and return the
/// peak RSS its last line ("peak_kb N") reports.
fn peak_after(name: &str, expected: &[&str]) -> u64 {
    let out = run(name);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..lines.len().saturating_sub(1)], expected, "{name}");
    lines.last().and_then(|l| l.strip_prefix("peak_kb ")).and_then(|n| n.parse().ok()).expect("peak line")
}

#[test]
fn a_million_cycles_keep_memory_bounded() {
    // The second line says a collection ran.
    let peak = peak_after("bounded.py", &["49999500000", "True"]);
    // Without collection the cycles take well over 100 MB; CPython 3.13
    // peaks at about 10 MB.
    assert!(peak < 40_000, "peak RSS {peak} kB");
}

#[test]
fn code_compiled_in_a_loop_keeps_memory_bounded() {
    let peak = peak_after("exec_loop.py", &["240000"]);
    // Each iteration's code, class and module dict used to stay behind
    // (about 6 kB each: over 350 MB here); CPython 3.13 peaks near 10 MB.
    assert!(peak < 40_000, "peak RSS {peak} kB");
}
