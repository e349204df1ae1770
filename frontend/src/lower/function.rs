//! `def`, `lambda`, their parameters and defaults, decorators, and
//! zero-argument `super()`.

use std::sync::Arc;

use ruff_python_ast::{self as ast, Expr as AstExpr, Stmt as AstStmt};
use ruff_text_size::TextRange;

use super::stmt::{clean_docstring, docstring};
use super::{Lower, Result};
use crate::ir::{Args, Code, CodeKind, DictItem, Elt, Expr, MakeFunction, Params, Stmt, StmtKind};
use crate::scope::{annotations, generic_default_name, node_key, Resolved, ScopeKind};

/// Positional defaults, and keyword-only ones by name.
type Defaults = (Vec<Expr>, Vec<(u32, Expr)>);

/// The body of a function-like code.
enum Body<'t> {
    Statements(&'t [AstStmt]),
    Expression(&'t AstExpr),
}

impl<'a> Lower<'a> {
    /// `@d1 @d2 def f(...): ...` -> `f = d1(d2(<function f>))`. Decorator
    /// expressions are evaluated top to bottom before the function (and its
    /// defaults), since a call evaluates its callee before its arguments;
    /// they apply bottom-up.
    pub(super) fn function_def(
        &mut self,
        def: &ast::StmtFunctionDef,
        out: &mut Vec<Stmt>,
    ) -> Result<()> {
        let decorators = self.decorators(&def.decorator_list)?;
        let mangled = self.mangle(&def.name);
        let qualname = self.qualname_for(&def.name, Some(&mangled));
        let defaults = self.defaults(&def.parameters)?;
        let body = Body::Statements(&def.body);
        let made = match &def.type_params {
            None => {
                let made =
                    self.make_function(def, &def.parameters, body, qualname, def.range, defaults)?;
                self.with_annotate(def, made)?
            }
            Some(params) => self.generic_function(def, params, qualname, defaults)?,
        };
        let value = apply_decorators(decorators, made);
        let target = self.store_mangled(&mangled);
        out.push(self.stmt_at(def.range, StmtKind::Assign(vec![target], value)));
        Ok(())
    }

    /// Decorator expressions, in order. Applying them nests the IR one
    /// level per decorator, which counts against the depth limit.
    pub(super) fn decorators(&mut self, decorators: &[ast::Decorator]) -> Result<Vec<Expr>> {
        if let Some(last) = decorators.last() {
            if self.depth + decorators.len() >= crate::MAX_TREE_DEPTH {
                return Err(self.error(last.range, "too complex: too many decorators"));
            }
        }
        decorators
            .iter()
            .map(|d| self.expr(&d.expression))
            .collect()
    }

    pub(super) fn lambda(&mut self, lambda: &ast::ExprLambda) -> Result<Expr> {
        let qualname = self.qualname_for("<lambda>", None);
        let empty = ast::Parameters::default();
        let parameters = lambda.parameters.as_deref().unwrap_or(&empty);
        let defaults = self.defaults(parameters)?;
        self.make_function(
            lambda,
            parameters,
            Body::Expression(&lambda.body),
            qualname,
            lambda.range,
            defaults,
        )
    }

    /// `def f[T](x=d)`: the defaults are evaluated here and passed to the
    /// annotation scope, which makes the function with them and sets its
    /// `__type_params__`.
    fn generic_function(
        &mut self,
        def: &ast::StmtFunctionDef,
        params: &ast::TypeParams,
        qualname: crate::ir::Name,
        (positional, keyword): Defaults,
    ) -> Result<Expr> {
        let keyword_names = keyword_default_names(self, &def.parameters);
        let count = positional.len();
        let args: Vec<Expr> = positional
            .into_iter()
            .chain(keyword.into_iter().map(|(_, value)| value))
            .collect();
        self.generic_scope(params, args, def.range, |inner, type_params, _| {
            let mut passed = (0..count + keyword_names.len())
                .map(|i| inner.load_mangled(&generic_default_name(i)))
                .collect::<Vec<_>>();
            let keyword_values = passed.split_off(count);
            let keyword = keyword_names
                .iter()
                .zip(keyword_values)
                .map(|(name, value)| (inner.code.name_id(name), value))
                .collect();
            let body = Body::Statements(&def.body);
            let range = def.range;
            let defaults = (passed, keyword);
            let function =
                inner.make_function(def, &def.parameters, body, qualname, range, defaults)?;
            let function = inner.with_annotate(def, function)?;
            Ok(inner.call_builtin("$set_type_params", vec![function, type_params]))
        })
    }

    /// `$set_annotate(function, __annotate__)` for a function with
    /// annotations: `__annotate__(format)` returns the dict of them,
    /// evaluated when first asked for (PEP 649); with `from __future__
    /// import annotations` the values are their source text.
    fn with_annotate(&mut self, def: &ast::StmtFunctionDef, function: Expr) -> Result<Expr> {
        let annotations: Vec<_> = annotations(&def.parameters, def.returns.as_deref())
            .into_iter()
            .map(|(name, annotation)| (self.mangle(name), annotation))
            .collect();
        let Some(scope) = self.cx.scopes.of_key(node_key(&*def.parameters)) else {
            return Ok(function);
        };
        let qualname = self.qualname_for(&format!("{}.__annotate__", def.name), None);
        let line = self.line(def.range);
        let mut inner = self.nested(scope, CodeKind::Function, qualname, line);
        inner.code.params = Params { posonly: 1, positional: 1, kwonly: 0, vararg: false, kwarg: false };
        let mut items = Vec::with_capacity(annotations.len());
        for (name, annotation) in annotations {
            let key = inner.str_const(&name);
            let value = if inner.cx.future_annotations {
                let text = inner.annotation_text(annotation);
                inner.str_const(&text)
            } else if let AstExpr::Starred(star) = annotation {
                // `*args: *Ts` is the one item `*Ts` unpacks to.
                let unpacked = Expr::Tuple(vec![Elt::Star(inner.expr(&star.value)?)]);
                let first = inner.constant(crate::ir::Const::Int(0));
                Expr::Subscript(Box::new(unpacked), Box::new(first))
            } else {
                inner.expr(annotation)?
            };
            items.push(DictItem::Pair(key, value));
        }
        // Formats beyond VALUE_WITH_FAKE_GLOBALS (2) are annotationlib's to
        // compute from the source: `if format > 2: raise NotImplementedError`.
        let unsupported = Expr::Compare(
            Box::new(Expr::Local(0)),
            vec![(crate::ir::CmpOp::Gt, inner.constant(crate::ir::Const::Int(2)))],
        );
        let raise = Stmt { line, kind: StmtKind::Raise(Some(inner.builtin("NotImplementedError")), None) };
        let body = vec![
            Stmt { line, kind: StmtKind::If(unsupported, vec![raise], Vec::new()) },
            Stmt { line, kind: StmtKind::Return(Some(Expr::Dict(items))) },
        ];
        let code: Arc<Code> = Arc::new(inner.code.finish(body));
        let closure = self.closure_for(&code, def.range)?;
        let annotate = Expr::Function(Box::new(MakeFunction {
            code,
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            closure,
        }));
        Ok(self.call_builtin("$set_annotate", vec![function, annotate]))
    }

    /// Builds the function's code in its own scope and the expression that
    /// creates it (defaults evaluated here, in the enclosing scope).
    fn make_function<T>(
        &mut self,
        node: &T,
        parameters: &ast::Parameters,
        body: Body,
        qualname: crate::ir::Name,
        range: TextRange,
        defaults: Defaults,
    ) -> Result<Expr> {
        let Some(scope) = self.cx.scopes.of_node(node) else {
            return Err(self.error(range, "internal error: function without a scope"));
        };
        let kind = match body {
            Body::Statements(_) => CodeKind::Function,
            Body::Expression(_) => CodeKind::Lambda,
        };
        let mut inner = self.nested(scope, kind, qualname, self.line(range));
        inner.code.params = params_shape(parameters);
        let statements = match body {
            Body::Statements(statements) => {
                let rest = match docstring(statements) {
                    Some((text, _)) => {
                        inner.code.docstring = Some(clean_docstring(&text).into());
                        statements.get(1..).unwrap_or_default()
                    }
                    None => statements,
                };
                inner.block(rest)?
            }
            Body::Expression(value) => {
                let line = inner.line(ruff_text_size::Ranged::range(value));
                vec![Stmt {
                    line,
                    kind: StmtKind::Return(Some(inner.expr(value)?)),
                }]
            }
        };
        let code: Arc<Code> = Arc::new(inner.code.finish(statements));
        let closure = self.closure_for(&code, range)?;
        let (defaults, kwdefaults) = defaults;
        Ok(Expr::Function(Box::new(MakeFunction {
            code,
            defaults,
            kwdefaults,
            closure,
        })))
    }

    /// Positional defaults in order, then keyword-only ones by name.
    fn defaults(&mut self, parameters: &ast::Parameters) -> Result<Defaults> {
        let mut defaults = Vec::new();
        for parameter in parameters.posonlyargs.iter().chain(parameters.args.iter()) {
            if let Some(default) = &parameter.default {
                defaults.push(self.expr(default)?);
            }
        }
        let mut kwdefaults = Vec::new();
        for parameter in parameters.kwonlyargs.iter() {
            if let Some(default) = &parameter.default {
                let value = self.expr(default)?;
                let name = self.mangle(&parameter.parameter.name);
                kwdefaults.push((self.code.name_id(&name), value));
            }
        }
        Ok((defaults, kwdefaults))
    }

    /// Zero-argument `super()` in a function nested in a class, where
    /// `super` is the builtin: `Super(__class__ cell, first argument)`.
    /// Anywhere else it stays a plain call and fails at run time, as in
    /// CPython.
    pub(super) fn zero_argument_super(&mut self, call: &ast::ExprCall) -> Option<Expr> {
        let AstExpr::Name(func) = call.func.as_ref() else {
            return None;
        };
        if func.id.as_str() != "super"
            || !call.arguments.args.is_empty()
            || !call.arguments.keywords.is_empty()
        {
            return None;
        }
        let scope = self.scope_data();
        if !scope.kind.is_function_like()
            || !matches!(
                scope.resolve("super"),
                Resolved::GlobalImplicit | Resolved::GlobalExplicit
            )
            || scope.resolve("__class__") != Resolved::Free
        {
            return None;
        }
        let first = self.super_self_name()?;
        let class_cell = self.code.cell_index("__class__")?;
        let instance = self.load_mangled(&first);
        Some(Expr::Super(
            Box::new(Expr::Cell(class_cell)),
            Box::new(instance),
        ))
    }

    /// The variable holding `super()`'s second argument: the first
    /// positional parameter of the function, or for a comprehension (which
    /// CPython inlines into its function) that of the enclosing function.
    fn super_self_name(&self) -> Option<String> {
        let mut id = self.scope;
        loop {
            let scope = self.cx.scopes.get(id);
            match scope.kind {
                ScopeKind::Comprehension(_) => id = scope.parent?,
                ScopeKind::Function | ScopeKind::Lambda => {
                    return (scope.positional > 0)
                        .then(|| scope.params.first().cloned())
                        .flatten();
                }
                ScopeKind::Module | ScopeKind::Class | ScopeKind::Annotation(_) => return None,
            }
        }
    }
}

pub(super) fn apply_decorators(decorators: Vec<Expr>, made: Expr) -> Expr {
    decorators.into_iter().rev().fold(made, |value, decorator| {
        Expr::Call(
            Box::new(decorator),
            Args {
                args: vec![Elt::Item(value)],
                kwargs: Vec::new(),
            },
        )
    })
}

/// The (mangled) names of the keyword-only parameters that have defaults,
/// in order.
fn keyword_default_names(lower: &Lower, parameters: &ast::Parameters) -> Vec<String> {
    parameters
        .kwonlyargs
        .iter()
        .filter(|p| p.default.is_some())
        .map(|p| lower.mangle(&p.parameter.name))
        .collect()
}

fn params_shape(parameters: &ast::Parameters) -> Params {
    let posonly = parameters.posonlyargs.len() as u32;
    Params {
        posonly,
        positional: posonly + parameters.args.len() as u32,
        kwonly: parameters.kwonlyargs.len() as u32,
        vararg: parameters.vararg.is_some(),
        kwarg: parameters.kwarg.is_some(),
    }
}
