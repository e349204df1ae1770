//! PEP 695 generics in the scope walk: the annotation scopes of type
//! parameters, of TypeVar bounds and defaults, and of `type` statement
//! values.
//!
//! A generic `def`, `class` or `type` gets an annotation scope named
//! `<generic parameters of NAME>` that binds the type parameters; the
//! function, class body or alias value is nested in it, so it sees them as
//! free variables. Bounds, constraints, defaults and alias values each get
//! their own annotation scope, evaluated lazily. An annotation scope in a
//! class body sees the class's names through the `__classdict__` cell.

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::Builder;
use crate::scope::checks::Phase;
use crate::scope::{flags, node_key, AnnotationKind, ScopeId, ScopeKind, CLASSDICT};

/// The annotation-scope variable holding a generic class's type
/// parameters, which its body stores as `__type_params__`.
pub(crate) const TYPE_PARAMS: &str = ".type_params";

/// The parameter of a function's `__annotate__` (a name code cannot spell).
pub(crate) const ANNOTATE_FORMAT: &str = ".format";

/// A function's annotated parameters, then `return`, with their annotations.
pub(crate) fn annotations<'a>(
    parameters: &'a ast::Parameters,
    returns: Option<&'a Expr>,
) -> Vec<(&'a str, &'a Expr)> {
    let mut out = Vec::new();
    let positional = parameters.posonlyargs.iter().chain(parameters.args.iter());
    let mut params: Vec<&ast::Parameter> = positional.map(|p| &p.parameter).collect();
    params.extend(parameters.vararg.as_deref());
    params.extend(parameters.kwonlyargs.iter().map(|p| &p.parameter));
    params.extend(parameters.kwarg.as_deref());
    for p in params {
        if let Some(annotation) = p.annotation.as_deref() {
            out.push((p.name.as_str(), annotation));
        }
    }
    if let Some(r) = returns {
        out.push(("return", r));
    }
    out
}

/// The parameter of a generic function's annotation scope through which
/// its `i`-th default value (positional ones first) is passed in.
pub(crate) fn generic_default_name(i: usize) -> String {
    format!(".defaults{i}")
}

/// How many defaults a parameter list has (positional and keyword-only).
pub(crate) fn default_count(parameters: &ast::Parameters) -> usize {
    let positional = parameters.posonlyargs.iter().chain(parameters.args.iter());
    positional.filter(|p| p.default.is_some()).count()
        + parameters
            .kwonlyargs
            .iter()
            .filter(|p| p.default.is_some())
            .count()
}

fn type_param_name(param: &ast::TypeParam) -> &str {
    match param {
        ast::TypeParam::TypeVar(tv) => &tv.name,
        ast::TypeParam::TypeVarTuple(tv) => &tv.name,
        ast::TypeParam::ParamSpec(ps) => &ps.name,
    }
}

impl<'a> Builder<'a> {
    /// Enters the annotation scope of a generic named `owner` and binds its
    /// type parameters there. The caller exits it. A generic class's type
    /// parameters are mangled with its name (`class C[__T]` binds
    /// `_C__T`), and nothing else in the scope is.
    pub(super) fn enter_type_params(
        &mut self,
        params: &'a ast::TypeParams,
        owner: &str,
        class: Option<&str>,
    ) {
        let name = format!("<generic parameters of {owner}>");
        let id = self.enter_annotation(AnnotationKind::TypeParams, &name, node_key(params));
        if let Some(class) = class {
            self.scopes[id].private = Some(class.to_string());
            let names = params.iter().map(|p| type_param_name(p).to_string());
            self.scopes[id].mangled_names = Some(names.collect());
        }
        for param in params.iter() {
            self.visit_type_param(param);
        }
    }

    /// Enters an annotation scope; in (or below) a class body it reads the
    /// class namespace through the `__classdict__` cell.
    fn enter_annotation(&mut self, kind: AnnotationKind, name: &str, key: usize) -> ScopeId {
        let parent = &self.scopes[self.current()];
        let sees_class = parent.kind == ScopeKind::Class || parent.can_see_class_scope;
        let id = self.enter_scope_at(ScopeKind::Annotation(kind), name, key);
        if sees_class {
            self.scopes[id].can_see_class_scope = true;
            self.scope().add_flag(CLASSDICT, flags::USE);
        }
        id
    }

    fn visit_type_param(&mut self, param: &'a ast::TypeParam) {
        let (name, default, kind) = match param {
            ast::TypeParam::TypeVar(tv) => (&tv.name, &tv.default, "TypeVar"),
            ast::TypeParam::TypeVarTuple(tv) => (&tv.name, &tv.default, "TypeVarTuple"),
            ast::TypeParam::ParamSpec(ps) => (&ps.name, &ps.default, "ParamSpec"),
        };
        let mangled = self.mangled(name);
        if self.scopes[self.current()].flags_of(&mangled) & flags::TYPE_PARAM != 0 {
            let msg = format!("duplicate type parameter '{name}'");
            self.error(Phase::Symtable, param.range(), msg);
        }
        self.check_debug(name, name.range, false);
        self.bind(name, flags::LOCAL | flags::TYPE_PARAM);
        // Keys: the parameter node for its bound, one past it for its
        // default (the lowering finds them the same way).
        let key = match param {
            ast::TypeParam::TypeVar(tv) => node_key(tv),
            ast::TypeParam::TypeVarTuple(tv) => node_key(tv),
            ast::TypeParam::ParamSpec(ps) => node_key(ps),
        };
        if let ast::TypeParam::TypeVar(tv) = param {
            if let Some(bound) = &tv.bound {
                self.visit_lazy(bound, name, AnnotationKind::Bound, key);
            }
        }
        if let Some(default) = default {
            self.visit_lazy(default, name, AnnotationKind::Default(kind), key + 1);
        }
    }

    /// An expression evaluated lazily, in its own annotation scope.
    fn visit_lazy(&mut self, expr: &'a Expr, name: &str, kind: AnnotationKind, key: usize) {
        self.enter_annotation(kind, name, key);
        self.visit_expr(expr);
        self.exit_scope();
    }

    /// A function's annotations, evaluated lazily in one annotation scope
    /// (keyed by its parameter list) whose parameter is the format.
    pub(super) fn visit_annotations(&mut self, def: &'a ast::StmtFunctionDef) {
        let annotations = annotations(&def.parameters, def.returns.as_deref());
        if annotations.is_empty() {
            return;
        }
        let key = node_key(&*def.parameters);
        self.enter_annotation(AnnotationKind::Annotate, "__annotate__", key);
        self.add_parameter(ANNOTATE_FORMAT, def.range);
        self.scope().positional = 1;
        for (_, annotation) in annotations {
            match annotation {
                // `*args: *Ts`: the starred value is allowed here.
                Expr::Starred(star) => self.visit_expr(&star.value),
                other => self.visit_expr(other),
            }
        }
        self.exit_scope();
    }

    /// `type Name[params] = value`: the name is bound where the statement
    /// is; the value is evaluated lazily (keyed by the statement).
    pub(super) fn visit_type_alias(&mut self, alias: &'a ast::StmtTypeAlias) {
        let name = match alias.name.as_ref() {
            Expr::Name(name) => name.id.as_str(),
            _ => "",
        };
        // CPython reports `type __debug__ = ...` at the statement.
        self.check_debug(name, alias.range, false);
        self.visit_target(&alias.name, super::TargetKind::Store);
        if let Some(params) = &alias.type_params {
            self.enter_type_params(params, name, None);
        }
        self.visit_lazy(
            &alias.value,
            name,
            AnnotationKind::TypeAlias,
            node_key(alias),
        );
        if alias.type_params.is_some() {
            self.exit_scope();
        }
    }
}
