//! Statements.

use ruff_python_ast::{self as ast, Expr as AstExpr, Stmt as AstStmt};
use ruff_text_size::{Ranged, TextRange};

use super::{Lower, Result};
use crate::ir::{Args, Elt, Expr, Handler, Stmt, StmtKind, Target, Try, UnaryOp};
use crate::Mode;

impl<'a> Lower<'a> {
    /// A module body: its docstring is also stored as `__doc__`.
    pub(super) fn module_body(&mut self, body: &[AstStmt]) -> Result<Vec<Stmt>> {
        let mut out = Vec::new();
        if let Some(first) = body.first() {
            out.extend(self.setup_annotations(body, first.range()));
        }
        let rest = match docstring(body) {
            Some((text, range)) => {
                let doc = clean_docstring(&text);
                let value = self.str_const(&doc);
                let target = if self.cx.mode == Mode::Module {
                    Target::Global(self.code.name_id("__doc__"))
                } else {
                    Target::Name(self.code.name_id("__doc__"))
                };
                out.push(self.stmt_at(range, StmtKind::Assign(vec![target], value)));
                self.code.docstring = Some(doc.into());
                body.get(1..).unwrap_or_default()
            }
            None => body,
        };
        for stmt in rest {
            self.stmt(stmt, &mut out)?;
        }
        Ok(out)
    }

    pub(super) fn block(&mut self, body: &[AstStmt]) -> Result<Vec<Stmt>> {
        let mut out = Vec::with_capacity(body.len());
        for stmt in body {
            self.stmt(stmt, &mut out)?;
        }
        Ok(out)
    }

    pub(super) fn stmt(&mut self, stmt: &AstStmt, out: &mut Vec<Stmt>) -> Result<()> {
        self.enter(stmt.range())?;
        let result = self.stmt_inner(stmt, out);
        self.leave();
        result
    }

    fn stmt_inner(&mut self, stmt: &AstStmt, out: &mut Vec<Stmt>) -> Result<()> {
        let range = stmt.range();
        let kind = match stmt {
            AstStmt::FunctionDef(def) => return self.function_def(def, out),
            AstStmt::ClassDef(class) => return self.class_def(class, out),
            AstStmt::Return(ret) => {
                let value = ret.value.as_deref().map(|v| self.expr(v)).transpose()?;
                StmtKind::Return(value)
            }
            AstStmt::Delete(del) => {
                let mut targets = Vec::new();
                for target in &del.targets {
                    self.delete_targets(target, &mut targets)?;
                }
                StmtKind::Delete(targets)
            }
            AstStmt::Assign(assign) => {
                let value = self.expr(&assign.value)?;
                let targets = assign
                    .targets
                    .iter()
                    .map(|t| self.target(t))
                    .collect::<Result<_>>()?;
                StmtKind::Assign(targets, value)
            }
            AstStmt::AugAssign(aug) => return self.aug_assign(aug, out),
            AstStmt::AnnAssign(ann) => return self.ann_assign(ann, out),
            AstStmt::For(f) if f.is_async => return self.async_for(f, out),
            AstStmt::For(f) => {
                let iter = self.expr(&f.iter)?;
                let target = self.target(&f.target)?;
                let body = self.block(&f.body)?;
                let orelse = self.block(&f.orelse)?;
                StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                }
            }
            AstStmt::While(w) => {
                let test = self.expr(&w.test)?;
                StmtKind::While(test, self.block(&w.body)?, self.block(&w.orelse)?)
            }
            AstStmt::If(i) => self.if_stmt(&i.test, &i.body, &i.elif_else_clauses)?,
            AstStmt::With(with) => return self.with_stmt(with, out),
            #[cfg(feature = "match-statements")]
            AstStmt::Match(m) => self.match_stmt(m)?,
            #[cfg(not(feature = "match-statements"))]
            AstStmt::Match(m) => {
                return Err(self.error(m.range, "match statements are not supported yet"))
            }
            AstStmt::Raise(raise) => {
                let exc = raise.exc.as_deref().map(|e| self.expr(e)).transpose()?;
                let cause = raise.cause.as_deref().map(|e| self.expr(e)).transpose()?;
                StmtKind::Raise(exc, cause)
            }
            AstStmt::Try(t) => self.try_stmt(t)?,
            AstStmt::Assert(assert) => self.assert_stmt(assert)?,
            AstStmt::Import(import) => return self.import(import, out),
            AstStmt::ImportFrom(import) => return self.import_from(import, out),
            AstStmt::Global(_) | AstStmt::Nonlocal(_) => return Ok(()),
            AstStmt::Expr(e) => StmtKind::Expr(self.expr(&e.value)?),
            AstStmt::Pass(_) => StmtKind::Pass,
            AstStmt::Break(_) => StmtKind::Break,
            AstStmt::Continue(_) => StmtKind::Continue,
            AstStmt::TypeAlias(alias) => return self.type_alias(alias, out),
            AstStmt::IpyEscapeCommand(c) => return Err(self.error(c.range, "invalid syntax")),
        };
        out.push(self.stmt_at(range, kind));
        Ok(())
    }

    /// `if`/`elif`/`else` as nested `If`s.
    fn if_stmt(
        &mut self,
        test: &AstExpr,
        body: &[AstStmt],
        clauses: &[ast::ElifElseClause],
    ) -> Result<StmtKind> {
        let test = self.expr(test)?;
        let body = self.block(body)?;
        let orelse = match clauses.split_first() {
            None => Vec::new(),
            Some((clause, rest)) => match &clause.test {
                None => self.block(&clause.body)?,
                Some(elif_test) => {
                    // Each `elif` nests one level deeper in the IR.
                    self.enter(clause.range)?;
                    let nested = self.if_stmt(elif_test, &clause.body, rest);
                    self.leave();
                    vec![self.stmt_at(clause.range, nested?)]
                }
            },
        };
        Ok(StmtKind::If(test, body, orelse))
    }

    fn try_stmt(&mut self, t: &ast::StmtTry) -> Result<StmtKind> {
        let body = self.block(&t.body)?;
        let mut handlers = Vec::with_capacity(t.handlers.len());
        for handler in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            let typ = handler.type_.as_deref().map(|e| self.expr(e)).transpose()?;
            let name = handler.name.as_ref().map(|n| self.store(n));
            let body = self.block(&handler.body)?;
            handlers.push(Handler {
                line: self.line(handler.range),
                typ,
                name,
                body,
            });
        }
        let orelse = self.block(&t.orelse)?;
        let finalbody = self.block(&t.finalbody)?;
        Ok(StmtKind::Try(Box::new(Try {
            body,
            handlers,
            orelse,
            finalbody,
            star: t.is_star,
        })))
    }

    /// `assert test, msg` -> `if not test: raise AssertionError(msg)`.
    fn assert_stmt(&mut self, assert: &ast::StmtAssert) -> Result<StmtKind> {
        let test = self.expr(&assert.test)?;
        let error = self.builtin("AssertionError");
        let exception = match &assert.msg {
            Some(msg) => {
                let msg = self.expr(msg)?;
                Expr::Call(
                    Box::new(error),
                    Args {
                        args: vec![Elt::Item(msg)],
                        kwargs: Vec::new(),
                    },
                )
            }
            None => error,
        };
        let raise = self.stmt_at(assert.range, StmtKind::Raise(Some(exception), None));
        Ok(StmtKind::If(
            Expr::Unary(UnaryOp::Not, Box::new(test)),
            vec![raise],
            Vec::new(),
        ))
    }

    /// `x: T = v` is `x = v`; without a value only the parts of a complex
    /// target that CPython evaluates are kept. In module and class bodies
    /// a simple name's annotation goes to `__annotations__`.
    fn ann_assign(&mut self, ann: &ast::StmtAnnAssign, out: &mut Vec<Stmt>) -> Result<()> {
        if let Some(value) = &ann.value {
            let value = self.expr(value)?;
            let target = self.target(&ann.target)?;
            out.push(self.stmt_at(ann.range, StmtKind::Assign(vec![target], value)));
            out.extend(self.store_annotation(ann)?);
            return Ok(());
        }
        if let Some(stored) = self.store_annotation(ann)? {
            out.push(stored);
            return Ok(());
        }
        let evaluated: Vec<&AstExpr> = match ann.target.as_ref() {
            AstExpr::Attribute(a) => vec![&a.value],
            AstExpr::Subscript(s) => vec![&s.value, &s.slice],
            _ => Vec::new(),
        };
        for part in evaluated {
            let value = self.expr(part)?;
            out.push(self.stmt_at(ann.range, StmtKind::Expr(value)));
        }
        Ok(())
    }
}

/// The docstring of a body: its first statement, if a plain string.
pub(super) fn docstring(body: &[AstStmt]) -> Option<(String, TextRange)> {
    match body.first()? {
        AstStmt::Expr(e) => match e.value.as_ref() {
            AstExpr::StringLiteral(s) => Some((s.value.to_str().to_string(), e.range)),
            _ => None,
        },
        _ => None,
    }
}

/// Docstrings lose their indentation at compile time (CPython 3.13+): tabs
/// are expanded, the first line loses its leading spaces and the others
/// their common indentation.
pub(super) fn clean_docstring(doc: &str) -> String {
    let expanded = expand_tabs(doc);
    let mut lines = expanded.split('\n');
    let first = lines.next().unwrap_or("").trim_start_matches(' ');
    let rest: Vec<&str> = lines.collect();
    let margin = rest
        .iter()
        .filter(|line| !line.trim_start_matches(' ').is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(expanded.len());
    out.push_str(first);
    for line in rest {
        out.push('\n');
        let indent = line.len() - line.trim_start_matches(' ').len();
        out.push_str(&line[indent.min(margin)..]);
    }
    out
}

/// `str.expandtabs()`: tabs to the next multiple of 8 columns.
fn expand_tabs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let spaces = 8 - column % 8;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}
