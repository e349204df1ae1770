//! Number literals and f-strings.

use num_bigint::BigUint;
use ruff_python_ast::{self as ast, FStringPart, InterpolatedStringElement, Number};

use super::{Lower, Result};
use crate::ir::{Const, Expr, FPart};

impl<'a> Lower<'a> {
    pub(super) fn number(&mut self, number: &Number) -> Expr {
        let value = match number {
            Number::Int(int) => match int.as_i64() {
                Some(small) => Const::Int(small),
                None => Const::BigInt(decimal_digits(&int.to_string()).into()),
            },
            Number::Float(f) => Const::Float(*f),
            // A literal's real part is always zero.
            Number::Complex { imag, .. } => Const::Imaginary(*imag),
        };
        self.constant(value)
    }

    /// An f-string, with implicitly concatenated plain strings and
    /// adjacent literal text merged into single parts. Without any
    /// replacement field it is just a string constant.
    pub(super) fn fstring(&mut self, value: &ast::FStringValue) -> Result<Expr> {
        let mut parts = Vec::new();
        let mut text = String::new();
        for part in value.iter() {
            match part {
                FStringPart::Literal(literal) => text.push_str(&literal.value),
                FStringPart::FString(f) => {
                    self.fstring_elements(&f.elements, &mut parts, &mut text)?
                }
            }
        }
        if parts.is_empty() {
            return Ok(self.str_const(&text));
        }
        self.flush_literal(&mut parts, &mut text);
        Ok(Expr::FString(parts))
    }

    pub(super) fn flush_literal(&mut self, parts: &mut Vec<FPart>, text: &mut String) {
        if !text.is_empty() {
            let id = self.code.const_id(Const::Str(text.as_str().into()));
            parts.push(FPart::Literal(id));
            text.clear();
        }
    }

    pub(super) fn fstring_elements(
        &mut self,
        elements: &ast::InterpolatedStringElements,
        parts: &mut Vec<FPart>,
        text: &mut String,
    ) -> Result<()> {
        for element in elements.iter() {
            match element {
                InterpolatedStringElement::Literal(literal) => text.push_str(&literal.value),
                InterpolatedStringElement::Interpolation(field) => {
                    // `{x=}` prints its own source text first.
                    if let Some(debug) = &field.debug_text {
                        text.push_str(debug.leading());
                        text.push_str(debug.expression());
                        text.push_str(debug.trailing());
                    }
                    self.flush_literal(parts, text);
                    let expr = self.expr(&field.expression)?;
                    let spec = match &field.format_spec {
                        Some(spec) => {
                            let mut spec_parts = Vec::new();
                            let mut spec_text = String::new();
                            self.fstring_elements(&spec.elements, &mut spec_parts, &mut spec_text)?;
                            self.flush_literal(&mut spec_parts, &mut spec_text);
                            Some(spec_parts)
                        }
                        None => None,
                    };
                    // `{x=}` defaults to `!r` unless a format spec is given.
                    let conversion = field.conversion.to_char().or(
                        if field.debug_text.is_some() && spec.is_none() {
                            Some('r')
                        } else {
                            None
                        },
                    );
                    parts.push(FPart::Value {
                        expr,
                        conversion,
                        spec,
                    });
                }
            }
        }
        Ok(())
    }
}

/// The decimal digits of an integer literal too large for `i64`. Ruff
/// gives either the value in decimal or, for other bases, the literal text.
fn decimal_digits(literal: &str) -> String {
    if literal.bytes().all(|b| b.is_ascii_digit()) {
        return literal.to_string();
    }
    let lower = literal.to_ascii_lowercase();
    let (radix, digits) = match lower.get(..2) {
        Some("0x") => (16, &lower[2..]),
        Some("0o") => (8, &lower[2..]),
        Some("0b") => (2, &lower[2..]),
        _ => (10, lower.as_str()),
    };
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    BigUint::parse_bytes(digits.as_bytes(), radix)
        .map_or_else(|| literal.to_string(), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::decimal_digits;

    #[test]
    fn big_literals_in_any_base_become_decimal() {
        assert_eq!(
            decimal_digits("18446744073709551616"),
            "18446744073709551616"
        );
        assert_eq!(
            decimal_digits("0xFFFF_FFFF_FFFF_FFFF_F"),
            "295147905179352825855"
        );
        assert_eq!(
            decimal_digits("0o1000000000000000000000"),
            "9223372036854775808"
        );
        assert_eq!(decimal_digits("0b1"), "1");
    }
}
