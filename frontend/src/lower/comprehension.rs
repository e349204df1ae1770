//! Comprehensions and generator expressions: a nested code taking the
//! iterator over the first iterable as its one parameter `.0`, called on
//! the spot. List, set and dict comprehensions build their result in a
//! temporary; a generator expression yields.

use std::sync::Arc;

use ruff_python_ast::{self as ast, Expr as AstExpr};
use ruff_text_size::TextRange;

use super::desugar::AsyncIterator;
use super::{Lower, Result};
use crate::ir::{Args, Code, CodeKind, Elt, Expr, MakeFunction, Params, Stmt, StmtKind, Target};
use crate::scope::ComprehensionKind;

impl<'a> Lower<'a> {
    /// `element` is the list/set element, the generator's yielded value, or
    /// the dict key (with `value` the dict value).
    pub(super) fn comprehension<T>(
        &mut self,
        node: &T,
        range: TextRange,
        kind: ComprehensionKind,
        generators: &[ast::Comprehension],
        element: &AstExpr,
        value: Option<&AstExpr>,
    ) -> Result<Expr> {
        let (Some(scope), Some(first)) = (self.cx.scopes.of_node(node), generators.first()) else {
            return Err(self.error(range, "internal error: comprehension without a scope"));
        };
        // The first iterable is evaluated here, in the enclosing scope.
        let iterable = self.expr(&first.iter)?;
        let iterator = self.builtin(if first.is_async { "aiter" } else { "iter" });
        let iterator = Expr::Call(
            Box::new(iterator),
            Args {
                args: vec![Elt::Item(iterable)],
                kwargs: Vec::new(),
            },
        );

        let qualname = self.qualname_for(kind.code_name(), None);
        let line = self.line(range);
        let mut inner = self.nested(scope, CodeKind::Comprehension, qualname, line);
        inner.code.params = Params {
            positional: 1,
            ..Params::default()
        };
        let body = inner.comprehension_body(kind, generators, element, value, line)?;
        let code: Arc<Code> = Arc::new(inner.code.finish(body));
        let is_async = code.is_coroutine && kind != ComprehensionKind::Generator;
        let closure = self.closure_for(&code, range)?;
        let function = MakeFunction {
            code,
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            closure,
        };
        let call = Expr::Call(
            Box::new(Expr::Function(Box::new(function))),
            Args {
                args: vec![Elt::Item(iterator)],
                kwargs: Vec::new(),
            },
        );
        // An asynchronous list/set/dict comprehension is a coroutine to await.
        Ok(if is_async {
            Expr::Await(Box::new(call))
        } else {
            call
        })
    }

    fn comprehension_body(
        &mut self,
        kind: ComprehensionKind,
        generators: &[ast::Comprehension],
        element: &AstExpr,
        value: Option<&AstExpr>,
        line: u32,
    ) -> Result<Vec<Stmt>> {
        let mut body = Vec::new();
        let result = match kind {
            ComprehensionKind::Generator => None,
            _ => {
                let slot = self.temp();
                let empty = match kind {
                    ComprehensionKind::List => Expr::List(Vec::new()),
                    ComprehensionKind::Dict => Expr::Dict(Vec::new()),
                    _ => Expr::Call(Box::new(self.builtin("set")), Args::default()),
                };
                body.push(Stmt {
                    line,
                    kind: StmtKind::Assign(vec![Target::Local(slot)], empty),
                });
                Some(slot)
            }
        };
        let innermost = self.comprehension_step(kind, result, element, value, line)?;
        body.extend(self.comprehension_loops(generators, innermost, line)?);
        if let Some(slot) = result {
            body.push(Stmt {
                line,
                kind: StmtKind::Return(Some(Expr::Local(slot))),
            });
        }
        Ok(body)
    }

    /// What each innermost iteration does with the element.
    fn comprehension_step(
        &mut self,
        kind: ComprehensionKind,
        result: Option<u32>,
        element: &AstExpr,
        value: Option<&AstExpr>,
        line: u32,
    ) -> Result<Vec<Stmt>> {
        let element = self.expr(element)?;
        let add = |method: &str, this: &mut Self, element: Expr| -> Stmt {
            let object = Box::new(Expr::Local(result.unwrap_or_default()));
            let name = this.code.name_id(method);
            let call = Expr::CallMethod(
                object,
                name,
                Args {
                    args: vec![Elt::Item(element)],
                    kwargs: Vec::new(),
                },
            );
            Stmt {
                line,
                kind: StmtKind::Expr(call),
            }
        };
        Ok(match kind {
            ComprehensionKind::Generator => {
                vec![Stmt {
                    line,
                    kind: StmtKind::Expr(Expr::Yield(Some(Box::new(element)))),
                }]
            }
            ComprehensionKind::List => vec![add("append", self, element)],
            ComprehensionKind::Set => vec![add("add", self, element)],
            ComprehensionKind::Dict => {
                // The key is evaluated before the value (3.8+), so it is
                // kept in a temporary while the value is computed.
                let key_slot = self.temp();
                let store_key = Stmt {
                    line,
                    kind: StmtKind::Assign(vec![Target::Local(key_slot)], element),
                };
                let value = match value {
                    Some(value) => self.expr(value)?,
                    None => Expr::Local(key_slot),
                };
                let target = Target::Subscript(
                    Expr::Local(result.unwrap_or_default()),
                    Expr::Local(key_slot),
                );
                vec![
                    store_key,
                    Stmt {
                        line,
                        kind: StmtKind::Assign(vec![target], value),
                    },
                ]
            }
        })
    }

    /// The `for` clauses around `innermost`, the first iterating `.0`.
    fn comprehension_loops(
        &mut self,
        generators: &[ast::Comprehension],
        innermost: Vec<Stmt>,
        line: u32,
    ) -> Result<Vec<Stmt>> {
        // Lowered outermost first, so that temporaries and constants are
        // numbered in source order; then nested from the inside out.
        let mut clauses = Vec::with_capacity(generators.len());
        for (i, generator) in generators.iter().enumerate() {
            let iter = if i == 0 {
                Expr::Local(0)
            } else {
                self.expr(&generator.iter)?
            };
            let target = self.target(&generator.target)?;
            let conditions = generator
                .ifs
                .iter()
                .map(|c| self.expr(c))
                .collect::<Result<Vec<_>>>()?;
            clauses.push((generator.is_async, i == 0, target, iter, conditions));
        }
        let mut body = innermost;
        for (is_async, first, target, iter, conditions) in clauses.into_iter().rev() {
            for condition in conditions.into_iter().rev() {
                body = vec![Stmt {
                    line,
                    kind: StmtKind::If(condition, body, Vec::new()),
                }];
            }
            body = if is_async {
                // `.0` already went through `aiter()`.
                let iterator = if first {
                    AsyncIterator::Slot(0)
                } else {
                    AsyncIterator::Iterable(iter)
                };
                self.async_loop(line, target, iterator, body, Vec::new())
            } else {
                vec![Stmt {
                    line,
                    kind: StmtKind::For {
                        target,
                        iter,
                        body,
                        orelse: Vec::new(),
                    },
                }]
            };
        }
        Ok(body)
    }
}
