//! Arbitrary bytes as source: the front end answers with IR or a
//! `SyntaxError`, never a panic (a panic it catches itself is reported as
//! an "internal compiler error", which counts as a crash here too).
#![no_main]

use libfuzzer_sys::fuzz_target;
use protopy_frontend::{compile, Mode};

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    for mode in [Mode::Module, Mode::Exec, Mode::Eval] {
        if let Err(e) = compile(&source, "<fuzz>", mode) {
            assert!(!e.msg.starts_with("internal compiler error"), "{}", e.msg);
            // Rendering the error (source line, caret) must not panic either.
            let _ = e.to_string();
        }
    }
});
