//! Variable annotations in module and class bodies: `x: T` stores `T` in
//! the body's `__annotations__` dict, made when the body starts, as
//! CPython 3.13 does (eagerly; with `from __future__ import annotations`
//! the annotation's source text is stored instead). `dataclasses`,
//! `typing.NamedTuple` and `TypedDict` read them. Annotations of function
//! parameters and of names local to functions are not kept.

use ruff_python_ast::{self as ast, Expr as AstExpr, Stmt as AstStmt};
use ruff_text_size::{Ranged, TextRange};

use super::{Lower, Result};
use crate::ir::{DictItem, Expr, Stmt, StmtKind, Target};
use crate::scope::ScopeKind;

const ANNOTATIONS: &str = "__annotations__";

/// Whether a module starts with `from __future__ import annotations`.
pub(super) fn future_annotations(body: &[AstStmt]) -> bool {
    body.iter()
        .take_while(|s| matches!(s, AstStmt::ImportFrom(_) | AstStmt::Expr(_)))
        .any(|s| match s {
            AstStmt::ImportFrom(i) => {
                i.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
                    && i.names.iter().any(|n| n.name.as_str() == "annotations")
            }
            _ => false,
        })
}

/// Whether a body (not counting nested functions and classes) has an
/// annotated simple name, so it needs an `__annotations__` dict.
pub(super) fn has_simple_annotations(body: &[AstStmt]) -> bool {
    body.iter().any(|s| match s {
        AstStmt::AnnAssign(a) => a.simple,
        AstStmt::If(s) => {
            has_simple_annotations(&s.body) || s.elif_else_clauses.iter().any(|c| has_simple_annotations(&c.body))
        }
        AstStmt::For(s) => has_simple_annotations(&s.body) || has_simple_annotations(&s.orelse),
        AstStmt::While(s) => has_simple_annotations(&s.body) || has_simple_annotations(&s.orelse),
        AstStmt::With(s) => has_simple_annotations(&s.body),
        AstStmt::Try(s) => {
            has_simple_annotations(&s.body)
                || has_simple_annotations(&s.orelse)
                || has_simple_annotations(&s.finalbody)
                || s.handlers.iter().any(|h| match h {
                    ast::ExceptHandler::ExceptHandler(h) => has_simple_annotations(&h.body),
                })
        }
        AstStmt::Match(s) => s.cases.iter().any(|c| has_simple_annotations(&c.body)),
        _ => false,
    })
}

/// `repr()` of a str: single quotes unless only double quotes avoid
/// escaping.
fn quoted(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

impl<'a> Lower<'a> {
    /// An annotation as `from __future__ import annotations` keeps it.
    pub(super) fn annotation_text(&self, annotation: &AstExpr) -> String {
        match annotation {
            // A string annotation is kept as the repr of its text, as
            // CPython's unparsing spells it.
            AstExpr::StringLiteral(s) => quoted(s.value.to_str()),
            other => {
                let range = other.range();
                self.cx.source.text[range.start().to_usize()..range.end().to_usize()].to_string()
            }
        }
    }

    /// Module and class bodies keep the annotations of their names.
    fn keeps_annotations(&self) -> bool {
        matches!(self.scope_data().kind, ScopeKind::Module | ScopeKind::Class)
    }

    /// `__annotations__ = {}` at the start of a body that has annotations.
    pub(super) fn setup_annotations(&mut self, body: &[AstStmt], range: TextRange) -> Option<Stmt> {
        if !self.keeps_annotations() || !has_simple_annotations(body) {
            return None;
        }
        let target = self.store_mangled(ANNOTATIONS);
        Some(self.stmt_at(range, StmtKind::Assign(vec![target], Expr::Dict(Vec::<DictItem>::new()))))
    }

    /// `__annotations__['x'] = T` after `x: T [= v]`.
    pub(super) fn store_annotation(&mut self, ann: &ast::StmtAnnAssign) -> Result<Option<Stmt>> {
        let AstExpr::Name(name) = ann.target.as_ref() else { return Ok(None) };
        if !ann.simple || !self.keeps_annotations() {
            return Ok(None);
        }
        let value = if self.cx.future_annotations {
            let text = self.annotation_text(&ann.annotation);
            self.str_const(&text)
        } else {
            self.expr(&ann.annotation)?
        };
        let key = self.mangle(&name.id);
        let key = self.str_const(&key);
        let dict = self.load_mangled(ANNOTATIONS);
        let target = Target::Subscript(dict, key);
        Ok(Some(self.stmt_at(ann.range, StmtKind::Assign(vec![target], value))))
    }
}
