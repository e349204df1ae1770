//! Ruff's parse errors, reworded and relocated as CPython reports them.
//! Where CPython has no matching message, Ruff's is kept.

use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType,
    UnsupportedSyntaxError, UnsupportedSyntaxErrorKind,
};

use super::{targets, ErrorContext};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::source::Source;

/// A reworded error. `generic` marks CPython's catch-all "invalid syntax",
/// which an unclosed bracket can still override.
pub(super) struct Mapped {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub start: usize,
    pub end: usize,
    pub generic: bool,
}

impl Mapped {
    pub(super) fn new(msg: impl Into<String>, start: usize, end: usize) -> Self {
        Mapped {
            kind: SyntaxErrorKind::Syntax,
            msg: msg.into(),
            start,
            end,
            generic: false,
        }
    }

    fn invalid_syntax(start: usize, end: usize) -> Self {
        Mapped {
            generic: true,
            ..Mapped::new("invalid syntax", start, end)
        }
    }

    fn indentation(msg: impl Into<String>, start: usize, end: usize) -> Self {
        Mapped {
            kind: SyntaxErrorKind::Indentation,
            ..Mapped::new(msg, start, end)
        }
    }
}

pub(super) fn describe(context: &ErrorContext, error: &ParseError) -> Mapped {
    let start = error.location.start().to_usize();
    let end = error.location.end().to_usize();
    use ParseErrorType as E;
    match &error.error {
        E::Lexical(lexical) => lexical_error(context, lexical, start, end),
        E::FStringError(e) => interpolated(context, e, "f", start, end),
        E::TStringError(e) => interpolated(context, e, "t", start, end),
        // The location is the indentation itself; CPython points at its
        // last character.
        E::UnexpectedIndentation => Mapped::indentation(
            "unexpected indent",
            end.saturating_sub(1),
            end.saturating_sub(1),
        ),
        E::OtherError(msg) => other(context, msg, start, end),
        E::ExpectedToken { expected, .. } => {
            use ruff_python_ast::token::TokenKind as T;
            let msg = match expected {
                T::Else => "expected 'else' after 'if' expression",
                T::Colon => "expected ':'",
                _ => "invalid syntax",
            };
            // Inside brackets left open, CPython blames the bracket instead.
            Mapped {
                generic: true,
                ..Mapped::new(msg, start, end)
            }
        }
        E::SimpleStatementsOnSameLine => missing_print_parens(context, start)
            .or_else(|| invalid_decimal(context.source.text, start))
            .unwrap_or_else(|| Mapped::invalid_syntax(start, end)),
        E::InvalidAssignmentTarget => targets::assignment(context, start, end),
        E::InvalidAugmentedAssignmentTarget => targets::augmented(context, start, end),
        E::InvalidDeleteTarget => targets::delete(context, start, end),
        E::InvalidNamedAssignmentTarget => targets::named(context, start, end),
        E::InvalidAnnotatedAssignmentTarget => targets::annotated(context, start, end),
        other_kind => fixed_message(other_kind)
            .map(|msg| Mapped::new(msg, start, end))
            .unwrap_or_else(|| Mapped::invalid_syntax(start, end)),
    }
}

/// Errors whose CPython wording does not depend on the source.
fn fixed_message(error: &ParseErrorType) -> Option<&'static str> {
    use ParseErrorType as E;
    Some(match error {
        E::PositionalAfterKeywordArgument => "positional argument follows keyword argument",
        E::PositionalAfterKeywordUnpacking => {
            "positional argument follows keyword argument unpacking"
        }
        E::InvalidArgumentUnpackingOrder => {
            "iterable argument unpacking follows keyword argument unpacking"
        }
        E::IterableUnpackingInComprehension => "iterable unpacking cannot be used in comprehension",
        E::UnparenthesizedGeneratorExpression => "Generator expression must be parenthesized",
        E::NonDefaultParamAfterDefaultParam => {
            "parameter without a default follows parameter with a default"
        }
        E::ParamAfterVarKeywordParam => "arguments cannot follow var-keyword argument",
        E::VarParameterWithDefault => "var-positional argument cannot have default value",
        E::ExpectedKeywordParam => "named arguments must follow bare *",
        E::InvalidStarredExpressionUsage => "can't use starred expression here",
        E::EmptyImportNames => "Expected one or more names after 'import'",
        E::ExpectedRealNumber => "real number required in complex literal",
        E::ExpectedImaginaryNumber => "imaginary number required in complex literal",
        _ => return None,
    })
}

fn lexical_error(
    context: &ErrorContext,
    error: &LexicalErrorType,
    start: usize,
    end: usize,
) -> Mapped {
    use LexicalErrorType as L;
    let text = context.source.text;
    match error {
        L::UnclosedStringError => unterminated_string(context, "", start),
        L::IndentationError => {
            let line_end = line_end(text, start);
            Mapped::indentation(crate::prescan::DEDENT_MISMATCH, line_end, line_end)
        }
        L::UnrecognizedToken { tok } => unrecognized(*tok, start, end),
        L::LineContinuationError => Mapped::new(
            "unexpected character after line continuation character",
            end,
            end,
        ),
        L::Eof => Mapped {
            generic: true,
            ..Mapped::new("unexpected EOF while parsing", start, end)
        },
        L::FStringError(e) => interpolated(context, e, "f", start, end),
        L::TStringError(e) => interpolated(context, e, "t", start, end),
        L::InvalidByteLiteral => {
            let token = token_start(text, start);
            Mapped::new(
                "bytes can only contain ASCII literal characters",
                token,
                end,
            )
        }
        L::UnicodeError | L::MissingUnicodeLbrace | L::MissingUnicodeRbrace | L::StringError => {
            let token = token_start(text, start);
            Mapped::new(
                "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape",
                token,
                end,
            )
        }
        L::OtherError(msg) if msg.contains("literal") || msg.contains("ParseIntError") => {
            number_error(text, start, end)
        }
        L::OtherError(msg) => Mapped::new(msg.to_string(), start, end),
    }
}

/// CPython's tokenizer turns ASCII punctuation it does not know into an
/// operator token that the parser then rejects; other characters are
/// reported by name.
fn unrecognized(tok: char, start: usize, end: usize) -> Mapped {
    if tok.is_ascii_graphic() {
        Mapped::invalid_syntax(start, end)
    } else if tok.is_control() || tok == '\u{a0}' {
        Mapped::new(
            format!("invalid non-printable character U+{:04X}", tok as u32),
            start,
            end,
        )
    } else {
        Mapped::new(
            format!("invalid character '{tok}' (U+{:04X})", tok as u32),
            start,
            end,
        )
    }
}

/// `1_` or `1abc`: CPython's tokenizer rejects a number running into a
/// name; Ruff splits them and complains about the second statement.
fn invalid_decimal(text: &str, start: usize) -> Option<Mapped> {
    let before = text.get(..start)?.chars().next_back()?;
    let next = text.get(start..)?.chars().next()?;
    (before.is_ascii_digit() && (next == '_' || next.is_alphabetic()))
        .then(|| Mapped::new("invalid decimal literal", start, start))
}

fn number_error(text: &str, start: usize, end: usize) -> Mapped {
    let literal = text.get(start..end).unwrap_or("").to_ascii_lowercase();
    let prefixed = match literal.get(..2) {
        Some("0x") => Some("hexadecimal"),
        Some("0o") => Some("octal"),
        Some("0b") => Some("binary"),
        _ => None,
    };
    // CPython points at the end of a bad prefixed literal.
    if let Some(kind) = prefixed {
        let at = end.saturating_sub(1);
        return Mapped::new(format!("invalid {kind} literal"), at, at);
    }
    let msg = if literal.len() > 1
        && literal.starts_with('0')
        && literal.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
    } else {
        "invalid decimal literal"
    };
    Mapped::new(msg, start, start + 1)
}

fn unterminated_string(context: &ErrorContext, kind: &str, start: usize) -> Mapped {
    let text = context.source.text;
    let rest = text.get(start..).unwrap_or("");
    let prefix = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let quotes = rest.get(prefix..).unwrap_or("");
    let triple = quotes.starts_with("'''") || quotes.starts_with("\"\"\"");
    // A single-quoted string ends with its line; a triple-quoted one runs to
    // the end of the file.
    let detected = if triple {
        context
            .source
            .line_of(text.trim_end_matches(['\n', '\r']).len())
    } else {
        context.source.line_of(start)
    };
    let which = if triple { "triple-quoted " } else { "" };
    let msg = format!("unterminated {which}{kind}string literal (detected at line {detected})");
    Mapped::new(msg, start, start)
}

fn interpolated(
    context: &ErrorContext,
    error: &InterpolatedStringErrorType,
    letter: &str,
    start: usize,
    end: usize,
) -> Mapped {
    use InterpolatedStringErrorType as F;
    let text = context.source.text;
    let detail = match error {
        F::UnclosedLbrace => "expecting '}'".to_string(),
        F::SingleRbrace => "single '}' is not allowed".to_string(),
        F::InvalidConversionFlag => match text.get(start..).and_then(|s| s.chars().next()) {
            Some('}' | ':') | None => "missing conversion character".to_string(),
            Some(flag) => {
                format!("invalid conversion character '{flag}': expected 's', 'r', or 'a'")
            }
        },
        F::LambdaWithoutParentheses => {
            "lambda expressions are not allowed without parentheses".into()
        }
        F::ConversionFlagNotImmediatelyAfterExclamation => {
            // CPython's spelling, typo included.
            "conversion type must come right after the exclamanation mark".into()
        }
        F::NewlineInFormatSpec => {
            "newlines are not allowed in format specifiers for single quoted f-strings".into()
        }
        F::UnterminatedString | F::UnterminatedTripleQuotedString => {
            let token = token_start(text, start);
            return unterminated_string(context, &format!("{letter}-"), token);
        }
    };
    Mapped::new(format!("{letter}-string: {detail}"), start, end)
}

/// Ruff's free-form messages, matched by their wording.
fn other(context: &ErrorContext, msg: &str, start: usize, end: usize) -> Mapped {
    if let Some(clause) = msg.strip_prefix("Expected an indented block after ") {
        return missing_block(context, clause, start, end);
    }
    if msg.starts_with("Expected `except` or `finally`") {
        return Mapped::new("expected 'except' or 'finally' block", start, end);
    }
    if msg.starts_with("Cannot have both 'except' and 'except*'") {
        return Mapped::new(
            "cannot have both 'except' and 'except*' on the same 'try'",
            start,
            end,
        );
    }
    if msg.starts_with("Bytes literal cannot be mixed") {
        return Mapped::new("cannot mix bytes and nonbytes literals", start, end);
    }
    if msg.starts_with("Cannot mix t-string literals") {
        return Mapped::new(
            "cannot mix t-string literals with string or bytes literals",
            start,
            end,
        );
    }
    if msg == "Expected a parameter name" {
        // `f(True=1)`: a keyword where a keyword argument's name should be.
        let word = context.source.text.get(start..end).unwrap_or("");
        if matches!(word, "True" | "False" | "None") {
            return Mapped::new(format!("cannot assign to {word}"), start, end);
        }
    }
    if msg == "Star import must be the only import" || msg == "Trailing comma not allowed" {
        return Mapped::new(
            "trailing comma not allowed without surrounding parentheses",
            start,
            end,
        );
    }
    // The rest are Ruff's descriptions of what it expected where CPython's
    // parser just says "invalid syntax".
    Mapped::invalid_syntax(start, end)
}

/// `expected an indented block after 'if' statement on line 3`.
fn missing_block(context: &ErrorContext, clause: &str, start: usize, end: usize) -> Mapped {
    let text = context.source.text;
    let header = header_start(context, start);
    let header_text = text.get(header..).unwrap_or("");
    let keyword = clause.split('`').nth(1).unwrap_or("");
    let what = match keyword {
        "" if clause.starts_with("function") => "function definition".to_string(),
        "class" => "class definition".to_string(),
        "except"
            if header_text
                .strip_prefix("except")
                .is_some_and(|r| r.trim_start().starts_with('*')) =>
        {
            "'except*' statement".to_string()
        }
        keyword => format!("'{keyword}' statement"),
    };
    let line = context.source.line_of(header);
    let msg = format!("expected an indented block after {what} on line {line}");
    Mapped::indentation(msg, start, end)
}

/// The start of the logical line whose header ends with the `:` before
/// `offset`: back over blank lines and comments to the colon, then to the
/// first line of that logical line (brackets and backslashes join lines).
fn header_start(context: &ErrorContext, offset: usize) -> usize {
    let text = context.source.text;
    let before = text.get(..offset.min(text.len())).unwrap_or("");
    let colon = before.rfind(':').unwrap_or(0);
    let mut line_start = before[..colon].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    loop {
        let joined = context
            .scan
            .brackets
            .iter()
            .filter(|b| b.open < line_start && b.close.is_none_or(|c| c >= line_start))
            .map(|b| b.open)
            .min();
        let continued = before[..line_start]
            .trim_end_matches(['\n', '\r'])
            .ends_with('\\');
        let earlier = match joined {
            Some(open) => open,
            None if continued && line_start > 0 => line_start - 1,
            None => break,
        };
        line_start = before[..earlier].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    }
    line_start + before[line_start..].len() - before[line_start..].trim_start().len()
}

/// `print "x"`: CPython suggests the call syntax.
fn missing_print_parens(context: &ErrorContext, start: usize) -> Option<Mapped> {
    let text = context.source.text;
    let line_start = text.get(..start)?.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let head = text.get(line_start..start)?;
    let word = head.trim_start();
    for name in ["print", "exec"] {
        if word
            .strip_prefix(name)
            .is_some_and(|rest| !rest.is_empty() && rest.trim().is_empty())
        {
            let statement = line_start + head.len() - word.len();
            let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
            return Some(Mapped::new(msg, statement, line_end(text, start)));
        }
    }
    None
}

fn line_end(text: &str, from: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.find(['\n', '\r']))
        .map_or(text.len(), |i| from + i)
}

/// The start of the string token containing `offset` (its prefix letters
/// and opening quote), found by scanning back to the nearest quote run.
fn token_start(text: &str, offset: usize) -> usize {
    let before = text.get(..offset.min(text.len())).unwrap_or("");
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let Some(quote) = before[line_start..].find(['\'', '"']) else {
        return offset;
    };
    let quote = line_start + quote;
    let prefix = before[line_start..quote]
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    quote - prefix
}

/// Syntax newer than 3.14: what CPython 3.14 says about it.
pub(super) fn unsupported(source: &Source, error: &UnsupportedSyntaxError) -> SyntaxError {
    let start = error.range.start().to_usize();
    let end = error.range.end().to_usize();
    let msg = match error.kind {
        // The kind's type is not exported by Ruff; its name is enough.
        UnsupportedSyntaxErrorKind::UnpackingInComprehension(kind) => {
            if format!("{kind:?}") == "DictInDict" {
                "dict unpacking cannot be used in dict comprehension"
            } else {
                "iterable unpacking cannot be used in comprehension"
            }
        }
        _ => "invalid syntax",
    };
    source.error_span(SyntaxErrorKind::Syntax, msg, start, end)
}
