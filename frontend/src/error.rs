//! `SyntaxError`: the one error type of the front end. Every failure (bad
//! tokens, bad grammar, bad scoping, input too deeply nested, constructs the
//! lowering does not handle yet) ends up here, with the location and source
//! line that CPython would report, and prints the way CPython's traceback
//! module prints a `SyntaxError`.

use std::fmt;

/// Which class of CPython's `SyntaxError` family the error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    Syntax,
    /// `IndentationError`, a subclass of `SyntaxError`.
    Indentation,
    /// `TabError`, a subclass of `IndentationError`.
    Tab,
}

impl SyntaxErrorKind {
    /// The Python class name, as printed before the message.
    pub fn class_name(self) -> &'static str {
        match self {
            SyntaxErrorKind::Syntax => "SyntaxError",
            SyntaxErrorKind::Indentation => "IndentationError",
            SyntaxErrorKind::Tab => "TabError",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub filename: String,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in characters (CPython's `offset`).
    pub col: u32,
    /// 1-based column just past the offending text on the same line
    /// (CPython's `end_offset`); `None` when only a point is known.
    pub end_col: Option<u32>,
    /// The source line, without its line terminator.
    pub text: Option<String>,
}

impl std::error::Error for SyntaxError {}

impl fmt::Display for SyntaxError {
    /// The text CPython's traceback module prints for an uncaught
    /// `SyntaxError` (without a trailing newline).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  File \"{}\", line {}", self.filename, self.line)?;
        if let Some(text) = &self.text {
            write_source_and_carets(f, text, self.col, self.end_col)?;
        }
        write!(f, "{}: {}", self.kind.class_name(), self.msg)
    }
}

/// Follows `traceback.TracebackException._format_syntax_error`: the line is
/// printed with its leading blanks removed and the carets are shifted to
/// match; a column inside the removed blanks prints no caret line at all.
fn write_source_and_carets(
    f: &mut fmt::Formatter<'_>,
    text: &str,
    col: u32,
    end_col: Option<u32>,
) -> fmt::Result {
    let rtext = text.trim_end_matches(['\n', '\r']);
    let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
    let len = rtext.chars().count() as i64;
    let spaces = len - ltext.chars().count() as i64;
    let mut offset = i64::from(col);
    let mut end_offset = match end_col {
        Some(end) if end != 0 => i64::from(end),
        _ => offset,
    };
    // CPython compares with the length of the line including its newline.
    if offset > len + 1 {
        offset = len + 1;
    }
    if end_offset > len + 1 {
        end_offset = len + 1;
    }
    if offset >= end_offset || end_offset < 0 {
        end_offset = offset + 1;
    }
    let colno = offset - 1 - spaces;
    let end_colno = end_offset - 1 - spaces;
    writeln!(f, "    {ltext}")?;
    if colno >= 0 {
        // Tabs and other blanks are kept so the caret lines up with them.
        let lead: String = ltext
            .chars()
            .take(colno as usize)
            .map(|c| if c.is_whitespace() { c } else { ' ' })
            .collect();
        let carets = "^".repeat((end_colno - colno).max(1) as usize);
        writeln!(f, "    {lead}{carets}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str, col: u32, end_col: Option<u32>, msg: &str) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::Syntax,
            msg: msg.to_string(),
            filename: "bad.py".to_string(),
            line: 3,
            col,
            end_col,
            text: Some(text.to_string()),
        }
    }

    #[test]
    fn single_caret_under_column() {
        let e = error("x = (1,", 5, None, "'(' was never closed");
        assert_eq!(
            e.to_string(),
            "  File \"bad.py\", line 3\n    x = (1,\n        ^\nSyntaxError: '(' was never closed"
        );
    }

    #[test]
    fn range_and_leading_blanks_stripped() {
        let e = error("    return 1", 5, Some(13), "'return' outside function");
        assert_eq!(
            e.to_string(),
            "  File \"bad.py\", line 3\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function"
        );
    }

    #[test]
    fn column_inside_indentation_prints_no_caret() {
        let mut e = error(" x", 1, None, "unexpected indent");
        e.kind = SyntaxErrorKind::Indentation;
        assert_eq!(
            e.to_string(),
            "  File \"bad.py\", line 3\n    x\nIndentationError: unexpected indent"
        );
    }

    #[test]
    fn column_past_end_is_clamped() {
        let e = error("  b", 40, None, "m");
        assert_eq!(
            e.to_string(),
            "  File \"bad.py\", line 3\n    b\n     ^\nSyntaxError: m"
        );
    }

    #[test]
    fn tabs_are_kept_for_alignment() {
        let e = error("x =\t$", 5, None, "invalid syntax");
        assert_eq!(
            e.to_string(),
            "  File \"bad.py\", line 3\n    x =\t$\n       \t^\nSyntaxError: invalid syntax"
        );
    }
}
