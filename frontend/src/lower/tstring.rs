//! t-strings (PEP 750). `t"a{x!r:>{w}}"` becomes a call of the private
//! `$template` with the literal text and, for each replacement field, a
//! call of `$interpolation(value, expression text, conversion,
//! format_spec)`; the runtime's `Template` constructor joins adjacent strings and puts
//! empty ones between interpolations. A format spec with fields of its own
//! is an f-string, evaluated after the value, as CPython does.

use ruff_python_ast::{self as ast, InterpolatedStringElement};
use ruff_text_size::Ranged;

use super::{Lower, Result};
use crate::ir::{Const, Expr};

impl<'a> Lower<'a> {
    pub(super) fn tstring(&mut self, value: &ast::TStringValue) -> Result<Expr> {
        let mut args = Vec::new();
        let mut text = String::new();
        for element in value.elements() {
            match element {
                InterpolatedStringElement::Literal(literal) => text.push_str(&literal.value),
                InterpolatedStringElement::Interpolation(field) => {
                    // `{x=}` puts its source text in the preceding string.
                    if let Some(debug) = &field.debug_text {
                        text.push_str(debug.leading());
                        text.push_str(debug.expression());
                        text.push_str(debug.trailing());
                    }
                    if !text.is_empty() {
                        args.push(self.str_const(&text));
                        text.clear();
                    }
                    args.push(self.interpolation(field)?);
                }
            }
        }
        if !text.is_empty() {
            args.push(self.str_const(&text));
        }
        Ok(self.call_builtin("$template", args))
    }

    fn interpolation(&mut self, field: &ast::InterpolatedElement) -> Result<Expr> {
        let value = self.expr(&field.expression)?;
        let start = field.range.start().to_usize() + 1;
        let end = field.expression.range().end().to_usize();
        let source = expression_text(self.cx.source.text, start, end);
        let expression = self.str_const(&source);
        // `{x=}` defaults to `!r` unless a format spec is given.
        let conversion = field.conversion.to_char().or(
            if field.debug_text.is_some() && field.format_spec.is_none() {
                Some('r')
            } else {
                None
            },
        );
        let conversion = match conversion {
            Some(c) => self.str_const(c.encode_utf8(&mut [0; 4])),
            None => self.constant(Const::None),
        };
        let spec = match &field.format_spec {
            None => self.str_const(""),
            Some(spec) => {
                let mut parts = Vec::new();
                let mut text = String::new();
                self.fstring_elements(&spec.elements, &mut parts, &mut text)?;
                if parts.is_empty() {
                    self.str_const(&text)
                } else {
                    self.flush_literal(&mut parts, &mut text);
                    Expr::FString(parts)
                }
            }
        };
        Ok(self.call_builtin("$interpolation", vec![value, expression, conversion, spec]))
    }
}

/// An interpolation's `expression`: its source text from after the `{` to
/// the `=`, `!`, `:` or `}` that ends it, whitespace included and comments
/// removed. `expression_end` is where the parsed expression ends (closing
/// parentheses are not part of its range).
fn expression_text(source: &str, start: usize, expression_end: usize) -> String {
    let bytes = source.as_bytes();
    let mut end = expression_end;
    loop {
        match bytes.get(end) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b')') => end += 1,
            Some(b'\\') if matches!(bytes.get(end + 1), Some(b'\n' | b'\r')) => end += 2,
            Some(b'#') => {
                while !matches!(bytes.get(end), None | Some(b'\n' | b'\r')) {
                    end += 1;
                }
            }
            _ => break,
        }
    }
    let text = source.get(start..end).unwrap_or("");
    // A comment runs to the end of its line, so only a field spanning
    // lines can hold one.
    if text.contains(['\n', '\r']) {
        strip_comments(text)
    } else {
        text.to_string()
    }
}

/// `text` without its `#` comments (their line ends are kept); string
/// literals in it are left alone.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The quote of the string literal being copied, and whether tripled.
    let mut quote: Option<(char, bool)> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        match quote {
            Some((q, triple)) => {
                if c == '\\' {
                    let escaped = rest[len..].chars().next().map_or(0, char::len_utf8);
                    out.push_str(&rest[..len + escaped]);
                    rest = &rest[len + escaped..];
                    continue;
                }
                let closing = if triple { 3 * len } else { len };
                if c == q
                    && rest
                        .get(..closing)
                        .is_some_and(|s| s.chars().all(|x| x == q))
                {
                    out.push_str(&rest[..closing]);
                    rest = &rest[closing..];
                    quote = None;
                    continue;
                }
            }
            None if c == '#' => {
                let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
                rest = &rest[line_end..];
                continue;
            }
            None if c == '"' || c == '\'' => {
                let triple = rest
                    .get(..3 * len)
                    .is_some_and(|s| s.chars().all(|x| x == c));
                let opening = if triple { 3 * len } else { len };
                out.push_str(&rest[..opening]);
                rest = &rest[opening..];
                quote = Some((c, triple));
                continue;
            }
            None => {}
        }
        out.push(c);
        rest = &rest[len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{expression_text, strip_comments};

    /// The expression text of the first field of `source` (a t-string).
    fn first_field(source: &str, expression: &str) -> String {
        let start = source.find('{').expect("a field") + 1;
        let end =
            source[start..].find(expression).expect("the expression") + start + expression.len();
        expression_text(source, start, end)
    }

    #[test]
    fn expression_text_keeps_whitespace_and_stops_before_markers() {
        assert_eq!(first_field("t'{x}'", "x"), "x");
        assert_eq!(first_field("t'{ x }'", "x"), " x ");
        assert_eq!(first_field("t'{ x = }'", "x"), " x ");
        assert_eq!(first_field("t'{x!r}'", "x"), "x");
        assert_eq!(first_field("t'{ x :.2f}'", "x"), " x ");
        assert_eq!(first_field("t'{x == 42 = }'", "x == 42"), "x == 42 ");
        assert_eq!(first_field("t'{(x)}'", "x"), "(x)");
        assert_eq!(first_field("t'''{\n  x\n}'''", "x"), "\n  x\n");
        assert_eq!(first_field("t'''{x =\\\n}'''", "x"), "x ");
    }

    #[test]
    fn comments_are_dropped_but_not_inside_strings() {
        assert_eq!(
            first_field("t'''{x != y # outside\n}'''", "x != y"),
            "x != y \n"
        );
        assert_eq!(strip_comments("(1,  # note\n '\"#')"), "(1,  \n '\"#')");
        assert_eq!(strip_comments("'''a' # in'''\n"), "'''a' # in'''\n");
        assert_eq!(strip_comments("\"\\\"#\" # x\n"), "\"\\\"#\" \n");
    }
}
