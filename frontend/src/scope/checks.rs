//! The syntax errors found while building scopes, and the order in which
//! CPython would report them: `__future__` problems first, then symbol
//! table errors in source order, then the cross-scope resolution errors,
//! then those its compiler finds (`'return' outside function`, ...).

use ruff_text_size::TextRange;

use super::{flags, ScopeKind};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::source::Source;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Phase {
    Future,
    Symtable,
    Analysis,
    Compile,
}

/// Errors collected during the walk; the one CPython reports wins.
#[derive(Default)]
pub(super) struct Errors {
    found: Vec<(Phase, usize, SyntaxError)>,
}

impl Errors {
    pub fn add(&mut self, source: &Source, phase: Phase, range: TextRange, msg: String) {
        let error = source.error_span(
            SyntaxErrorKind::Syntax,
            msg,
            range.start().to_usize(),
            range.end().to_usize(),
        );
        let order = self.found.len();
        self.found.push((phase, order, error));
    }

    pub fn first(self) -> Option<SyntaxError> {
        self.found
            .into_iter()
            .min_by_key(|(phase, order, _)| (*phase, *order))
            .map(|(_, _, error)| error)
    }
}

/// The `__future__` features CPython knows.
pub(super) fn future_feature_error(name: &str) -> Option<String> {
    const KNOWN: [&str; 10] = [
        "nested_scopes",
        "generators",
        "division",
        "absolute_import",
        "with_statement",
        "print_function",
        "unicode_literals",
        "barry_as_FLUFL",
        "generator_stop",
        "annotations",
    ];
    if KNOWN.contains(&name) {
        None
    } else if name == "braces" {
        Some("not a chance".to_string())
    } else {
        Some(format!("future feature {name} is not defined"))
    }
}

/// The message for a `global`/`nonlocal` statement naming something the
/// scope already used, CPython's priorities included.
pub(super) fn declaration_conflict(current: u32, name: &str, keyword: &str) -> Option<String> {
    if current & flags::PARAM != 0 {
        Some(format!("name '{name}' is parameter and {keyword}"))
    } else if current & flags::USE != 0 {
        Some(format!(
            "name '{name}' is used prior to {keyword} declaration"
        ))
    } else if current & flags::ANNOTATED != 0 {
        Some(format!("annotated name '{name}' can't be {keyword}"))
    } else if current & flags::LOCAL != 0 {
        Some(format!(
            "name '{name}' is assigned to before {keyword} declaration"
        ))
    } else {
        None
    }
}

/// Why `yield` cannot appear in a scope of this kind, if it cannot.
pub(super) fn yield_error(kind: ScopeKind) -> Option<(Phase, String)> {
    match kind {
        ScopeKind::Comprehension(k) => Some((
            Phase::Symtable,
            format!("'yield' inside {}", k.description()),
        )),
        ScopeKind::Module | ScopeKind::Class => {
            Some((Phase::Compile, "'yield' outside function".to_string()))
        }
        ScopeKind::Annotation(kind) => Some((
            Phase::Symtable,
            format!("yield expression cannot be used within {}", kind.within()),
        )),
        ScopeKind::Function | ScopeKind::Lambda => None,
    }
}

pub(super) const NAMED_IN_ITERABLE: &str =
    "assignment expression cannot be used in a comprehension iterable expression";
pub(super) const NAMED_IN_CLASS: &str =
    "assignment expression within a comprehension cannot be used in a class body";
pub(super) const ASYNC_COMPREHENSION: &str =
    "asynchronous comprehension outside of an asynchronous function";
pub(super) const EXCEPT_STAR_EXIT: &str =
    "'break', 'continue' and 'return' cannot appear in an except* block";
pub(super) const TOO_DEEP: &str = "too complex: statements and expressions nested too deeply";
