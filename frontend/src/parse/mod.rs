//! Parsing: Ruff's Python parser (`ruff_python_parser`, targeting 3.14)
//! behind a small interface. Its AST types stay inside this crate; its
//! errors are turned into `SyntaxError`s worded and located as CPython's.
//!
//! Tokenizer-level errors CPython reports (bracket mismatches, mixed tabs and
//! spaces) come from the pre-scan; whichever of those and the parser's first
//! error comes first in the source is the one reported.

mod messages;
mod targets;

use ruff_python_ast::{Mod, ModExpression, ModModule, PythonVersion};
use ruff_python_parser::{parse_unchecked, Mode as RuffMode, ParseError, ParseOptions};

use crate::error::SyntaxError;
use crate::prescan::Scan;
use crate::source::Source;

/// A successfully parsed source.
pub(crate) enum Parsed {
    Module(ModModule),
    Expression(ModExpression),
}

/// What error reporting needs to know besides the error itself.
pub(super) struct ErrorContext<'a> {
    pub source: &'a Source<'a>,
    pub scan: &'a Scan,
    pub syntax: &'a Mod,
}

/// Parse `source` as a module (`expression == false`) or as a single
/// expression.
pub(crate) fn parse(source: &Source, scan: &Scan, expression: bool) -> Result<Parsed, SyntaxError> {
    let mode = if expression {
        RuffMode::Expression
    } else {
        RuffMode::Module
    };
    let options = ParseOptions::from(mode).with_target_version(PythonVersion::PY314);
    let parsed = parse_unchecked(source.text, options);
    let first = parsed.errors().iter().min_by_key(|e| e.location.start());
    let tokenizer = scan.tokenizer_error.as_ref();
    if let Some(early) = tokenizer {
        if first.is_none_or(|e| early.start <= e.location.start().to_usize()) {
            return Err(source.error_span(early.kind, early.msg.clone(), early.start, early.end));
        }
    }
    if let Some(error) = first {
        let context = ErrorContext {
            source,
            scan,
            syntax: parsed.syntax(),
        };
        return Err(report(&context, error));
    }
    // Syntax newer than 3.14 (Ruff parses it and flags it as unsupported).
    if let Some(unsupported) = parsed.unsupported_syntax_errors().first() {
        return Err(messages::unsupported(source, unsupported));
    }
    Ok(match parsed.into_syntax() {
        Mod::Module(module) => Parsed::Module(module),
        Mod::Expression(expression) => Parsed::Expression(expression),
    })
}

fn report(context: &ErrorContext, error: &ParseError) -> SyntaxError {
    let mapped = messages::describe(context, error);
    // CPython replaces a plain "invalid syntax" by "'(' was never closed"
    // when a bracket opened on an earlier line is still open there, or
    // when the file ended inside brackets.
    if mapped.generic {
        let start = error.location.start().to_usize();
        if let Some(open) = context.scan.open_bracket_at(start.max(1)) {
            let at_end = start >= context.source.text.trim_end().len();
            let earlier_line = context.source.line_of(open.open) < context.source.line_of(start);
            if at_end || earlier_line {
                let msg = format!("'{}' was never closed", open.ch as char);
                return context.source.error_span(
                    crate::error::SyntaxErrorKind::Syntax,
                    msg,
                    open.open,
                    open.open + 1,
                );
            }
        }
    }
    context
        .source
        .error_span(mapped.kind, mapped.msg, mapped.start, mapped.end)
}
