//! PEP 695 generics: `def f[T]`, `class C[T]`, `type A[T] = ...`.
//!
//! A generic's annotation scope becomes a function called where the
//! statement runs: it creates the type parameters (`$typevar`,
//! `$typevartuple`, `$paramspec`), binds them as its locals (cells when the
//! function, class body or alias value nested in it uses them) and returns
//! what the statement makes. Bounds, constraints, defaults and alias values
//! are functions of their own that the runtime calls on first access. No IR
//! construct is new: these are plain functions and calls of builtins the
//! user cannot shadow.
//!
//! An annotation scope in a class body reads names it does not bind from
//! the class namespace first (kept in the class's `__classdict__` cell),
//! then as a function would.

use std::sync::Arc;

use ruff_python_ast::{self as ast, Expr as AstExpr};
use ruff_text_size::{Ranged, TextRange};

use super::{Lower, Result};
use crate::ir::{
    Args, CmpOp, Code, CodeKind, Const, Elt, Expr, MakeFunction, Params, Stmt, StmtKind,
};
use crate::scope::{node_key, Resolved, CLASSDICT};

impl<'a> Lower<'a> {
    /// A call of the builtin `name` (one of the runtime's private ones).
    pub(super) fn call_builtin(&mut self, name: &str, args: Vec<Expr>) -> Expr {
        let func = self.builtin(name);
        Expr::Call(
            Box::new(func),
            Args {
                args: args.into_iter().map(Elt::Item).collect(),
                kwargs: Vec::new(),
            },
        )
    }

    /// In an annotation scope that sees a class body, a name it does not
    /// bind is `ns[name] if name in ns else <plain>`, `ns` being the class
    /// namespace; elsewhere it is `plain`.
    pub(super) fn class_namespace_first(&mut self, name: &str, plain: Expr) -> Expr {
        let scope = self.scope_data();
        if !scope.can_see_class_scope || name.starts_with('.') || name == CLASSDICT {
            return plain;
        }
        if !matches!(
            scope.resolve(name),
            Resolved::GlobalImplicit | Resolved::Free
        ) {
            return plain;
        }
        let Some(cell) = self.code.cell_index(CLASSDICT) else {
            return plain;
        };
        let key = self.code.const_id(Const::Str(name.into()));
        let present = Expr::Compare(
            Box::new(Expr::Const(key)),
            vec![(CmpOp::In, Expr::Cell(cell))],
        );
        let item = Expr::Subscript(Box::new(Expr::Cell(cell)), Box::new(Expr::Const(key)));
        Expr::IfElse(Box::new(present), Box::new(item), Box::new(plain))
    }

    /// The call of a generic's annotation scope, passing `args` as its
    /// parameters. Its body binds the type parameters, then runs what
    /// `make` adds and returns what `make` returns; `make` gets the tuple
    /// of the type parameters.
    pub(super) fn generic_scope(
        &mut self,
        params: &ast::TypeParams,
        args: Vec<Expr>,
        range: TextRange,
        make: impl FnOnce(&mut Lower<'a>, Expr, &mut Vec<Stmt>) -> Result<Expr>,
    ) -> Result<Expr> {
        let Some(scope) = self.cx.scopes.of_key(node_key(params)) else {
            return Err(self.error(range, "internal error: type parameters without a scope"));
        };
        let name = self.cx.scopes.get(scope).name.clone();
        let qualname = self.qualname_for(&name, None);
        let line = self.line(range);
        let mut inner = self.nested(scope, CodeKind::Function, qualname, line);
        inner.code.params = Params {
            positional: args.len() as u32,
            ..Params::default()
        };
        let mut body = Vec::with_capacity(params.len() + 2);
        let mut loads = Vec::with_capacity(params.len());
        for param in params.iter() {
            let (name, value) = inner.type_param(param)?;
            let target = inner.store(name);
            body.push(inner.stmt_at(param.range(), StmtKind::Assign(vec![target], value)));
            loads.push(Elt::Item(inner.load(name)));
        }
        let result = make(&mut inner, Expr::Tuple(loads), &mut body)?;
        body.push(Stmt {
            line,
            kind: StmtKind::Return(Some(result)),
        });
        let code: Arc<Code> = Arc::new(inner.code.finish(body));
        let closure = self.closure_for(&code, range)?;
        let function = Expr::Function(Box::new(MakeFunction {
            code,
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            closure,
        }));
        Ok(Expr::Call(
            Box::new(function),
            Args {
                args: args.into_iter().map(Elt::Item).collect(),
                kwargs: Vec::new(),
            },
        ))
    }

    /// A type parameter's name and the expression creating it. A bound
    /// written as a tuple is the TypeVar's constraints.
    fn type_param<'p>(&mut self, param: &'p ast::TypeParam) -> Result<(&'p str, Expr)> {
        let none = |this: &mut Self| this.constant(Const::None);
        let (name, default, key) = match param {
            ast::TypeParam::TypeVar(tv) => (tv.name.as_str(), &tv.default, node_key(tv)),
            ast::TypeParam::TypeVarTuple(tv) => (tv.name.as_str(), &tv.default, node_key(tv)),
            ast::TypeParam::ParamSpec(ps) => (ps.name.as_str(), &ps.default, node_key(ps)),
        };
        let default = match default {
            Some(value) => self.lazy(value, key + 1, name)?,
            None => none(self),
        };
        let name_value = self.str_const(name);
        let value = match param {
            ast::TypeParam::TypeVar(tv) => {
                let (bound, constraints) = match tv.bound.as_deref() {
                    Some(tuple @ AstExpr::Tuple(_)) => (none(self), self.lazy(tuple, key, name)?),
                    Some(bound) => (self.lazy(bound, key, name)?, none(self)),
                    None => (none(self), none(self)),
                };
                self.call_builtin("$typevar", vec![name_value, bound, constraints, default])
            }
            ast::TypeParam::TypeVarTuple(_) => {
                self.call_builtin("$typevartuple", vec![name_value, default])
            }
            ast::TypeParam::ParamSpec(_) => {
                self.call_builtin("$paramspec", vec![name_value, default])
            }
        };
        Ok((name, value))
    }

    /// A function (named `name`) returning `value`, in the annotation scope
    /// registered under `key`.
    fn lazy(&mut self, value: &AstExpr, key: usize, name: &str) -> Result<Expr> {
        let range = value.range();
        let Some(scope) = self.cx.scopes.of_key(key) else {
            return Err(self.error(range, "internal error: lazy value without a scope"));
        };
        let qualname = self.qualname_for(name, None);
        let line = self.line(range);
        let mut inner = self.nested(scope, CodeKind::Function, qualname, line);
        let result = inner.expr(value)?;
        let body = vec![Stmt {
            line,
            kind: StmtKind::Return(Some(result)),
        }];
        let code: Arc<Code> = Arc::new(inner.code.finish(body));
        let closure = self.closure_for(&code, range)?;
        Ok(Expr::Function(Box::new(MakeFunction {
            code,
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            closure,
        })))
    }

    /// `type Name[params] = value` -> `Name = $type_alias('Name', params,
    /// <lazy value>)`, `params` being None without type parameters.
    pub(super) fn type_alias(
        &mut self,
        alias: &ast::StmtTypeAlias,
        out: &mut Vec<Stmt>,
    ) -> Result<()> {
        let AstExpr::Name(name) = alias.name.as_ref() else {
            return Err(self.error(alias.name.range(), "invalid syntax"));
        };
        let name = name.id.as_str();
        let made = match &alias.type_params {
            Some(params) => {
                self.generic_scope(params, Vec::new(), alias.range, |inner, params, _| {
                    inner.alias_value(alias, name, params)
                })?
            }
            None => {
                let params = self.constant(Const::None);
                self.alias_value(alias, name, params)?
            }
        };
        let target = self.store(name);
        out.push(self.stmt_at(alias.range, StmtKind::Assign(vec![target], made)));
        Ok(())
    }

    fn alias_value(
        &mut self,
        alias: &ast::StmtTypeAlias,
        name: &str,
        params: Expr,
    ) -> Result<Expr> {
        let value = self.lazy(&alias.value, node_key(alias), name)?;
        let name = self.str_const(name);
        Ok(self.call_builtin("$type_alias", vec![name, params, value]))
    }
}
