//! Tests of the front end as a whole: scope classification, lowering
//! snapshots through the IR printer, syntax errors, and inputs nested
//! deeply enough to break a recursive implementation.

mod deep;
mod errors;
mod generics;
mod lowering;
mod robustness;
mod scopes;

use crate::{compile, Mode, SyntaxError};

/// The printed IR of a module.
fn ir(source: &str) -> String {
    match compile(source, "test.py", Mode::Module) {
        Ok(code) => code.to_string(),
        Err(e) => panic!("unexpected error:\n{e}"),
    }
}

fn error(source: &str) -> SyntaxError {
    match compile(source, "test.py", Mode::Module) {
        Ok(code) => panic!("expected a SyntaxError, got:\n{code}"),
        Err(e) => e,
    }
}

/// The scope tree of a module, as `scope::dump` prints it.
fn scopes(source: &str) -> String {
    let text = crate::source::Source::new(source, "test.py");
    let scan = crate::prescan::scan(source).expect("scan");
    let parsed = crate::parse::parse(&text, &scan, false).expect("parse");
    let crate::parse::Parsed::Module(module) = &parsed else {
        panic!("not a module")
    };
    let table =
        crate::scope::build(&text, crate::scope::Body::Module(&module.body)).expect("scopes");
    crate::scope::dump(&table)
}

/// Compares texts line by line after removing the common indentation of
/// the expected text, so expectations can be written indented inline.
#[track_caller]
fn assert_text(actual: &str, expected: &str) {
    let expected = dedent(expected);
    if actual.trim_end() != expected.trim_end() {
        panic!(
            "text differs\n--- expected\n{}\n--- actual\n{}\n",
            expected.trim_end(),
            actual.trim_end()
        );
    }
}

fn dedent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let margin = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(margin..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
#[should_panic(expected = "text differs")]
fn assert_text_detects_differences() {
    assert_text("a\nb", "\n    a\n    c\n");
}
