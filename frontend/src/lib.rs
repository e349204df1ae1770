//! protopy-frontend: Python 3.14 source text in, IR out.
//!
//! The pipeline is `prescan` (nesting limits, bracket bookkeeping) ->
//! `parse` (Ruff's parser, errors reworded as CPython's) -> `scope`
//! (CPython-style symbol tables) -> `lower` (names resolved to slots,
//! sugar removed) -> `ir::Code`, which both back ends consume. Every
//! failure is a `SyntaxError` that prints as CPython prints it; no input
//! makes this crate panic or overflow its stack.
//!
//! Inputs: a source string, a file name, a `Mode`. Output: an
//! `Arc<ir::Code>` for the module, `exec` string or `eval` expression.
//! This crate must not depend on the runtime or on any other crate of the
//! project; no other crate sees the parser's syntax tree.

pub mod ir;

mod error;
mod lower;
mod parse;
mod prescan;
mod scope;
mod source;

#[cfg(test)]
mod tests;

use std::sync::Arc;

pub use error::{SyntaxError, SyntaxErrorKind};

/// What a source string is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// A module body: top-level variables are module globals.
    Module,
    /// An `exec()` string: top-level names are looked up in the locals
    /// mapping, then globals, then builtins.
    Exec,
    /// An `eval()` expression: the code returns its value.
    Eval,
}

/// The deepest the passes after parsing recurse. The pre-scan keeps valid
/// input well below it; reaching it is reported, never a stack overflow.
pub(crate) const MAX_TREE_DEPTH: usize = prescan::MAX_EXPRESSION_NESTING + 1000;

/// The parser recurses once per nesting level and is not ours to bound, so
/// a deeply nested source is compiled on a thread with a stack far larger
/// than anything the pre-scan lets through needs (about 2.5 KiB per level).
const COMPILER_STACK_SIZE: usize = 256 << 20;

/// A short source cannot nest deeper than its length, and no nesting level
/// costs more than about 2.5 KiB of stack (measured; 40 KiB in all for a
/// typical module). With this much per byte left on the caller's stack, a
/// compilation runs there, sparing the ~30-100 µs a thread costs, which
/// matters for `exec` and `eval` of short strings.
const STACK_PER_BYTE: usize = 4 << 10;
const STACK_BASE: usize = 256 << 10;

/// Parse and lower a whole source file / exec string / eval expression.
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<Arc<ir::Code>, SyntaxError> {
    // `eval()` ignores leading blanks, as CPython's does.
    let text = match mode {
        Mode::Eval => source.trim_start_matches([' ', '\t']),
        Mode::Module | Mode::Exec => source,
    };
    let source = source::Source::new(text, filename);
    if let Some(at) = text.find('\0') {
        let msg = "source code string cannot contain null bytes";
        return Err(source.error_span(SyntaxErrorKind::Syntax, msg, at, at));
    }
    if u32::try_from(text.len()).is_err() {
        return Err(source.error_span(SyntaxErrorKind::Syntax, "source code too large", 0, 0));
    }
    let scan = prescan::scan(text).map_err(|e| source.error_span(e.kind, e.msg, e.start, e.end))?;
    let needed = STACK_BASE.saturating_add(text.len().saturating_mul(STACK_PER_BYTE));
    if stacker::remaining_stack().is_some_and(|left| left > needed) {
        let run = std::panic::AssertUnwindSafe(|| compile_scanned(&source, &scan, mode));
        return std::panic::catch_unwind(run)
            .unwrap_or_else(|panic| Err(internal_error(filename, &*panic)));
    }
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("protopy-compiler".to_string())
            .stack_size(COMPILER_STACK_SIZE)
            .spawn_scoped(scope, || compile_scanned(&source, &scan, mode));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| Err(internal_error(filename, &*panic))),
            Err(e) => Err(whole_file_error(
                filename,
                format!("cannot start the compiler thread: {e}"),
            )),
        }
    })
}

/// A panic is a bug of this crate or of the parser; the caller still gets
/// a `SyntaxError`, never an unwinding panic.
fn internal_error(filename: &str, panic: &(dyn std::any::Any + Send)) -> SyntaxError {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    whole_file_error(filename, format!("internal compiler error: {detail}"))
}

fn whole_file_error(filename: &str, msg: String) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        msg,
        filename: filename.to_string(),
        line: 1,
        col: 1,
        end_col: None,
        text: None,
    }
}

fn compile_scanned(
    source: &source::Source,
    scan: &prescan::Scan,
    mode: Mode,
) -> Result<Arc<ir::Code>, SyntaxError> {
    let parsed = parse::parse(source, scan, mode == Mode::Eval)?;
    let body = match &parsed {
        parse::Parsed::Module(module) => scope::Body::Module(&module.body),
        parse::Parsed::Expression(expression) => scope::Body::Expression(&expression.body),
    };
    let scopes = scope::build(source, body)?;
    lower::lower(source, &scopes, &parsed, mode)
}
