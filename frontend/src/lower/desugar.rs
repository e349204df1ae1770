//! `with`, `async with` and `async for`, spelled out with `try`, loops and
//! temporaries.

use ruff_python_ast::{self as ast, Stmt as AstStmt};
use ruff_text_size::TextRange;

use super::{Lower, Result};
use crate::ir::{Args, Const, Elt, Expr, Handler, Stmt, StmtKind, Target, Try, UnaryOp};

/// Where an `async for` gets its asynchronous iterator.
pub(super) enum AsyncIterator {
    /// Already an iterator, in this local.
    Slot(u32),
    /// An iterable, to pass through `aiter()`.
    Iterable(Expr),
}

fn call(func: Expr, args: Vec<Expr>) -> Expr {
    Expr::Call(
        Box::new(func),
        Args {
            args: args.into_iter().map(Elt::Item).collect(),
            kwargs: Vec::new(),
        },
    )
}

fn not(value: Expr) -> Expr {
    Expr::Unary(UnaryOp::Not, Box::new(value))
}

impl<'a> Lower<'a> {
    pub(super) fn async_for(&mut self, f: &ast::StmtFor, out: &mut Vec<Stmt>) -> Result<()> {
        let iterable = self.expr(&f.iter)?;
        let target = self.target(&f.target)?;
        let body = self.block(&f.body)?;
        let orelse = self.block(&f.orelse)?;
        let line = self.line(f.range);
        out.extend(self.async_loop(
            line,
            target,
            AsyncIterator::Iterable(iterable),
            body,
            orelse,
        ));
        Ok(())
    }

    /// ```text
    /// $it = aiter(iterable); $more = True
    /// while $more:
    ///     try: $value = await anext($it)
    ///     except StopAsyncIteration: $more = False
    ///     else: target = $value; body
    /// else: orelse
    /// ```
    /// The body sits in the `else` clause, so its own exceptions are not
    /// caught and its `break`/`continue` act on the loop.
    pub(super) fn async_loop(
        &mut self,
        line: u32,
        target: Target,
        iterator: AsyncIterator,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    ) -> Vec<Stmt> {
        let at = |kind| Stmt { line, kind };
        let mut out = Vec::new();
        let it = match iterator {
            AsyncIterator::Slot(slot) => slot,
            AsyncIterator::Iterable(iterable) => {
                let slot = self.temp();
                let aiter = self.builtin("aiter");
                out.push(at(StmtKind::Assign(
                    vec![Target::Local(slot)],
                    call(aiter, vec![iterable]),
                )));
                slot
            }
        };
        let more = self.temp();
        let value = self.temp();
        let true_ = self.constant(Const::True);
        let false_ = self.constant(Const::False);
        out.push(at(StmtKind::Assign(vec![Target::Local(more)], true_)));
        let anext = self.builtin("anext");
        let next = Expr::Await(Box::new(call(anext, vec![Expr::Local(it)])));
        let mut step = vec![at(StmtKind::Assign(vec![target], Expr::Local(value)))];
        step.extend(body);
        let stop = Handler {
            line,
            typ: Some(self.builtin("StopAsyncIteration")),
            name: None,
            body: vec![at(StmtKind::Assign(vec![Target::Local(more)], false_))],
        };
        let attempt = Try {
            body: vec![at(StmtKind::Assign(vec![Target::Local(value)], next))],
            handlers: vec![stop],
            orelse: step,
            finalbody: Vec::new(),
            star: false,
        };
        let loop_body = vec![at(StmtKind::Try(Box::new(attempt)))];
        out.push(at(StmtKind::While(Expr::Local(more), loop_body, orelse)));
        out
    }

    pub(super) fn with_stmt(&mut self, with: &ast::StmtWith, out: &mut Vec<Stmt>) -> Result<()> {
        let lowered = self.with_items(&with.items, with.is_async, &with.body, with.range)?;
        out.extend(lowered);
        Ok(())
    }

    /// One context manager (the rest nest inside it):
    /// ```text
    /// $mgr = expr
    /// $enter = type($mgr).__enter__; $exit = type($mgr).__exit__
    /// $value = $enter($mgr); $handled = False
    /// try:
    ///     target = $value; body
    /// except BaseException:
    ///     $handled = True
    ///     if not $exit($mgr, type(e), e, e.__traceback__): raise
    /// finally:
    ///     if not $handled: $exit($mgr, None, None, None)
    /// ```
    /// `finally` rather than `else`, so that `return`, `break` and
    /// `continue` in the body also exit the manager.
    fn with_items(
        &mut self,
        items: &[ast::WithItem],
        is_async: bool,
        body: &[AstStmt],
        range: TextRange,
    ) -> Result<Vec<Stmt>> {
        let Some((item, rest)) = items.split_first() else {
            return self.block(body);
        };
        // Each context manager nests the rest one level deeper.
        self.enter(item.range)?;
        let lowered = self.with_item(item, rest, is_async, body, range);
        self.leave();
        lowered
    }

    fn with_item(
        &mut self,
        item: &ast::WithItem,
        rest: &[ast::WithItem],
        is_async: bool,
        body: &[AstStmt],
        range: TextRange,
    ) -> Result<Vec<Stmt>> {
        let line = self.line(item.range);
        let at = |kind| Stmt { line, kind };
        let (enter_name, exit_name) = if is_async {
            ("__aenter__", "__aexit__")
        } else {
            ("__enter__", "__exit__")
        };
        let mut out = Vec::new();
        let manager = self.expr(&item.context_expr)?;
        let mgr = self.temp();
        out.push(at(StmtKind::Assign(vec![Target::Local(mgr)], manager)));
        let enter = self.special_method(mgr, enter_name);
        let exit = self.special_method(mgr, exit_name);
        out.push(at(StmtKind::Assign(vec![Target::Local(enter.0)], enter.1)));
        out.push(at(StmtKind::Assign(vec![Target::Local(exit.0)], exit.1)));
        let entered =
            self.maybe_await(is_async, call(Expr::Local(enter.0), vec![Expr::Local(mgr)]));
        let mut protected = Vec::new();
        match &item.optional_vars {
            Some(vars) => {
                let value = self.temp();
                out.push(at(StmtKind::Assign(vec![Target::Local(value)], entered)));
                let target = self.target(vars)?;
                protected.push(at(StmtKind::Assign(vec![target], Expr::Local(value))));
            }
            None => out.push(at(StmtKind::Expr(entered))),
        }
        protected.extend(self.with_items(rest, is_async, body, range)?);
        let handled = self.temp();
        let false_ = self.constant(Const::False);
        out.push(at(StmtKind::Assign(vec![Target::Local(handled)], false_)));
        let handler = self.with_handler(line, is_async, mgr, exit.0, handled);
        let none_id = self.code.const_id(Const::None);
        let normal_exit = call(
            Expr::Local(exit.0),
            vec![
                Expr::Local(mgr),
                Expr::Const(none_id),
                Expr::Const(none_id),
                Expr::Const(none_id),
            ],
        );
        let normal_exit = self.maybe_await(is_async, normal_exit);
        let finally = vec![at(StmtKind::If(
            not(Expr::Local(handled)),
            vec![at(StmtKind::Expr(normal_exit))],
            Vec::new(),
        ))];
        let statement = Try {
            body: protected,
            handlers: vec![handler],
            orelse: Vec::new(),
            finalbody: finally,
            star: false,
        };
        out.push(at(StmtKind::Try(Box::new(statement))));
        Ok(out)
    }

    /// `except BaseException: $handled = True; if not $exit(...): raise`.
    fn with_handler(
        &mut self,
        line: u32,
        is_async: bool,
        mgr: u32,
        exit: u32,
        handled: u32,
    ) -> Handler {
        let at = |kind| Stmt { line, kind };
        let true_ = self.constant(Const::True);
        let exc_type = call(self.builtin("type"), vec![Expr::CurrentException]);
        let traceback = Expr::Attribute(
            Box::new(Expr::CurrentException),
            self.code.name_id("__traceback__"),
        );
        let exit_call = call(
            Expr::Local(exit),
            vec![
                Expr::Local(mgr),
                exc_type,
                Expr::CurrentException,
                traceback,
            ],
        );
        let exit_call = self.maybe_await(is_async, exit_call);
        let reraise = at(StmtKind::If(
            not(exit_call),
            vec![at(StmtKind::Raise(None, None))],
            Vec::new(),
        ));
        Handler {
            line,
            typ: Some(self.builtin("BaseException")),
            name: None,
            body: vec![
                at(StmtKind::Assign(vec![Target::Local(handled)], true_)),
                reraise,
            ],
        }
    }

    /// `type($mgr).name`, into a fresh temporary: (slot, value).
    fn special_method(&mut self, mgr: u32, name: &str) -> (u32, Expr) {
        let slot = self.temp();
        let type_of = call(self.builtin("type"), vec![Expr::Local(mgr)]);
        (
            slot,
            Expr::Attribute(Box::new(type_of), self.code.name_id(name)),
        )
    }

    fn maybe_await(&self, is_async: bool, value: Expr) -> Expr {
        if is_async {
            Expr::Await(Box::new(value))
        } else {
            value
        }
    }
}
