//! Small generated programs run by the interpreter in this process: any
//! outcome is fine (a result, a Python exception, a SyntaxError) except a
//! panic, an abort or a crash. The generator (`program.rs`) renders fuzzer
//! bytes as Python source; loops are bounded, and a watchdog interrupts a
//! program that runs too long (through the SIGINT path: a pending signal
//! raises KeyboardInterrupt at the next call or loop back-edge).
#![no_main]

mod program;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Once;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use protopy_runtime::{ctx, signals};

/// Milliseconds a program may run before it is interrupted.
const BUDGET_MS: u64 = 300;

/// When the running program started (ms since the watchdog's epoch, plus
/// one); 0 when none runs.
static STARTED: AtomicU64 = AtomicU64::new(0);

fn epoch() -> &'static std::time::Instant {
    static EPOCH: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    EPOCH.get_or_init(std::time::Instant::now)
}

fn now_ms() -> u64 {
    epoch().elapsed().as_millis() as u64 + 1
}

fn setup() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        protopy::init();
        protopy_stdlib::sys::install(&["fuzz".to_string()], ".");
        // libFuzzer runs inputs on the process's main thread (8 MiB of
        // stack); keep well inside it.
        protopy_runtime::stack::init_thread(5 << 20);
        ctx().recursion_limit.store(80, Ordering::Relaxed);
        epoch();
        std::thread::spawn(|| loop {
            std::thread::sleep(Duration::from_millis(50));
            let started = STARTED.load(Ordering::Relaxed);
            if started != 0 && now_ms().saturating_sub(started) > BUDGET_MS {
                signals::record(signals::SIGINT);
            }
        });
    });
}

fuzz_target!(|data: &[u8]| {
    setup();
    let source = program::render(data);
    if std::env::var_os("PROTOPY_FUZZ_PRINT").is_some() {
        eprintln!("{source}");
    }
    let Ok(code) = protopy_frontend::compile(&source, "<fuzz>", protopy_frontend::Mode::Module) else {
        return;
    };
    let module = protopy::import::new_module("__main__", None, None);
    STARTED.store(now_ms(), Ordering::Relaxed);
    let result = protopy::interp::run_module_code(&code, module.dict.clone());
    STARTED.store(0, Ordering::Relaxed);
    // Formatting the exception runs `__str__`/`__repr__` too.
    if let Err(e) = result {
        let _ = protopy_runtime::ops::str_of(e.exc());
    }
    // A signal recorded after the program ended is dropped here.
    let _ = signals::check();
    // Functions and classes reference the module's globals, which
    // reference them: without a cycle collector, clearing the globals (as
    // CPython's module teardown does) is what frees a run's objects.
    module.dict.clear();
    let _ = signals::check();
    // Every frame and every `except` block the program entered has been
    // left: a leak here makes later exceptions chain to stale ones.
    assert_eq!(protopy_runtime::process::handled_depth(), 0, "handled exceptions left behind");
    assert_eq!(protopy_runtime::process::frame_depth(), 0, "frames left behind");
});
