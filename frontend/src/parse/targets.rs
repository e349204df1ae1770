//! CPython's messages for expressions used where a target is required
//! (`cannot assign to literal`, `cannot delete function call`, ...). Ruff
//! gives only the location; the offending expression is looked up in the
//! tree it recovered, to name it the way CPython names it.

use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{Expr, Mod, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::messages::Mapped;
use super::ErrorContext;

pub(super) fn assignment(context: &ErrorContext, start: usize, end: usize) -> Mapped {
    let found = find(context.syntax, start, end);
    let Some((expr, statement)) = found else {
        return Mapped::new("invalid syntax", start, end);
    };
    let name = expr_name(expr);
    let single_target = matches!(statement, Some(Stmt::Assign(assign))
        if assign.targets.len() == 1 && assign.targets.first().is_some_and(|t| std::ptr::eq(t, expr)));
    let keyword = matches!(name, "True" | "False" | "None");
    let msg = if single_target && !keyword && !matches!(expr, Expr::Tuple(_) | Expr::List(_)) {
        format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
    } else {
        format!("cannot assign to {name}")
    };
    Mapped::new(msg, start, end)
}

pub(super) fn augmented(context: &ErrorContext, start: usize, end: usize) -> Mapped {
    let name = find(context.syntax, start, end).map_or("expression", |(e, _)| expr_name(e));
    Mapped::new(
        format!("'{name}' is an illegal expression for augmented assignment"),
        start,
        end,
    )
}

pub(super) fn delete(context: &ErrorContext, start: usize, end: usize) -> Mapped {
    let name = find(context.syntax, start, end).map_or("expression", |(e, _)| expr_name(e));
    Mapped::new(format!("cannot delete {name}"), start, end)
}

pub(super) fn named(context: &ErrorContext, start: usize, end: usize) -> Mapped {
    let name = find(context.syntax, start, end).map_or("expression", |(e, _)| expr_name(e));
    Mapped::new(
        format!("cannot use assignment expressions with {name}"),
        start,
        end,
    )
}

pub(super) fn annotated(context: &ErrorContext, start: usize, end: usize) -> Mapped {
    let msg = match find(context.syntax, start, end).map(|(e, _)| e) {
        Some(Expr::Tuple(_)) => "only single target (not tuple) can be annotated",
        Some(Expr::List(_)) => "only single target (not list) can be annotated",
        _ => "illegal target for annotation",
    };
    Mapped::new(msg, start, end)
}

/// How CPython names an expression in error messages.
fn expr_name(expr: &Expr) -> &'static str {
    match expr {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) => "f-string expression",
        Expr::TString(_) => "t-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}

/// The expression spanning exactly `start..end`, with its statement.
fn find(syntax: &Mod, start: usize, end: usize) -> Option<(&Expr, Option<&Stmt>)> {
    let range = TextRange::new(
        TextSize::try_from(start).ok()?,
        TextSize::try_from(end).ok()?,
    );
    let mut finder = Finder {
        range,
        found: None,
        current: None,
    };
    match syntax {
        Mod::Module(module) => finder.visit_body(&module.body),
        Mod::Expression(expression) => finder.visit_expr(&expression.body),
    }
    finder.found
}

struct Finder<'a> {
    range: TextRange,
    found: Option<(&'a Expr, Option<&'a Stmt>)>,
    current: Option<&'a Stmt>,
}

impl<'a> Visitor<'a> for Finder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_none() && stmt.range().contains_range(self.range) {
            let saved = self.current.replace(stmt);
            walk_stmt(self, stmt);
            self.current = saved;
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() || !expr.range().contains_range(self.range) {
            return;
        }
        if expr.range() == self.range {
            self.found = Some((expr, self.current));
        } else {
            walk_expr(self, expr);
        }
    }
}
