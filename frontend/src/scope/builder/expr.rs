//! The scope walk over expressions, targets, parameters and
//! comprehensions.

use std::collections::HashSet;

use ruff_python_ast::{self as ast, Expr, InterpolatedStringElement};
use ruff_text_size::{Ranged, TextRange};

use super::{Builder, TargetKind};
use crate::scope::checks::{self, Phase};
use crate::scope::{flags, ComprehensionKind, ScopeKind};

impl<'a> Builder<'a> {
    pub(super) fn visit_expr(&mut self, expr: &'a Expr) {
        if !self.enter(expr.range()) {
            return;
        }
        match expr {
            Expr::BoolOp(b) => b.values.iter().for_each(|v| self.visit_expr(v)),
            Expr::Named(named) => self.visit_named(named),
            Expr::BinOp(b) => {
                self.visit_expr(&b.left);
                self.visit_expr(&b.right);
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand),
            Expr::Lambda(lambda) => self.visit_lambda(lambda),
            Expr::If(i) => {
                self.visit_expr(&i.test);
                self.visit_expr(&i.body);
                self.visit_expr(&i.orelse);
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(key) = &item.key {
                        self.visit_expr(key);
                    }
                    self.visit_expr(&item.value);
                }
            }
            Expr::Set(s) => self.visit_elements(&s.elts),
            Expr::List(l) => self.visit_elements(&l.elts),
            Expr::Tuple(t) => self.visit_elements(&t.elts),
            Expr::ListComp(c) => self.visit_comprehension(
                c,
                c.range,
                ComprehensionKind::List,
                &c.generators,
                &[&c.elt],
            ),
            Expr::SetComp(c) => self.visit_comprehension(
                c,
                c.range,
                ComprehensionKind::Set,
                &c.generators,
                &[&c.elt],
            ),
            Expr::Generator(c) => self.visit_comprehension(
                c,
                c.range,
                ComprehensionKind::Generator,
                &c.generators,
                &[&c.elt],
            ),
            Expr::DictComp(c) => {
                let mut parts: Vec<&'a Expr> = Vec::with_capacity(2);
                if let Some(key) = &c.key {
                    parts.push(key);
                }
                parts.push(&c.value);
                self.visit_comprehension(c, c.range, ComprehensionKind::Dict, &c.generators, &parts)
            }
            Expr::Await(a) => {
                self.check_await(a.range);
                self.visit_expr(&a.value);
            }
            Expr::Yield(y) => {
                self.check_yield(y.range);
                if let Some(value) = &y.value {
                    self.visit_expr(value);
                }
            }
            Expr::YieldFrom(y) => {
                self.check_yield(y.range);
                let scope = &self.scopes[self.current()];
                if scope.kind == ScopeKind::Function && scope.is_async {
                    self.error(
                        Phase::Compile,
                        y.range,
                        "'yield from' inside async function",
                    );
                }
                self.visit_expr(&y.value);
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left);
                c.comparators.iter().for_each(|e| self.visit_expr(e));
            }
            Expr::Call(call) => {
                self.visit_expr(&call.func);
                self.visit_arguments(&call.arguments);
            }
            Expr::FString(f) => {
                for element in f.value.elements() {
                    self.visit_interpolation(element);
                }
            }
            Expr::TString(t) => {
                for element in t.value.elements() {
                    self.visit_interpolation(element);
                }
            }
            Expr::Attribute(a) => self.visit_expr(&a.value),
            Expr::Subscript(s) => {
                self.visit_expr(&s.value);
                self.visit_expr(&s.slice);
            }
            Expr::Starred(s) => {
                self.error(Phase::Compile, s.range, "can't use starred expression here");
                self.visit_expr(&s.value);
            }
            Expr::Name(name) => self.use_name(&name.id),
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.visit_expr(part);
                }
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => {}
        }
        self.leave();
    }

    /// Elements of a display or positional arguments: `*x` is allowed here.
    fn visit_elements(&mut self, elements: &'a [Expr]) {
        for element in elements {
            match element {
                Expr::Starred(s) => self.visit_expr(&s.value),
                other => self.visit_expr(other),
            }
        }
    }

    fn visit_interpolation(&mut self, element: &'a InterpolatedStringElement) {
        if let InterpolatedStringElement::Interpolation(field) = element {
            self.visit_expr(&field.expression);
            if let Some(spec) = &field.format_spec {
                for inner in spec.elements.iter() {
                    self.visit_interpolation(inner);
                }
            }
        }
    }

    pub(super) fn visit_arguments(&mut self, arguments: &'a ast::Arguments) {
        self.visit_elements(&arguments.args);
        let mut seen = HashSet::new();
        for keyword in arguments.keywords.iter() {
            if let Some(name) = &keyword.arg {
                self.check_debug(name, keyword.range, false);
                if !seen.insert(name.as_str()) {
                    let msg = format!("keyword argument repeated: {name}");
                    self.error(Phase::Compile, keyword.range, msg);
                }
            }
            self.visit_expr(&keyword.value);
        }
    }

    /// Assignment and deletion targets.
    pub(super) fn visit_target(&mut self, target: &'a Expr, kind: TargetKind) {
        if !self.enter(target.range()) {
            return;
        }
        match target {
            Expr::Name(name) => {
                self.check_debug(&name.id, name.range, kind == TargetKind::Delete);
                let flag = match kind {
                    TargetKind::ComprehensionIter => flags::LOCAL | flags::COMP_ITER,
                    _ => flags::LOCAL,
                };
                self.bind(&name.id, flag);
            }
            Expr::Attribute(a) => {
                if kind != TargetKind::Delete {
                    self.check_debug(&a.attr, a.range, false);
                }
                self.visit_expr(&a.value);
            }
            Expr::Subscript(s) => {
                self.visit_expr(&s.value);
                self.visit_expr(&s.slice);
            }
            Expr::Tuple(ast::ExprTuple { elts, range, .. })
            | Expr::List(ast::ExprList { elts, range, .. }) => {
                let starred = elts.iter().filter(|e| e.is_starred_expr()).count();
                if starred > 1 && kind != TargetKind::Delete {
                    self.error(
                        Phase::Compile,
                        *range,
                        "multiple starred expressions in assignment",
                    );
                }
                for element in elts {
                    match element {
                        Expr::Starred(s) => self.visit_target(&s.value, kind),
                        other => self.visit_target(other, kind),
                    }
                }
            }
            Expr::Starred(s) => {
                let msg = "starred assignment target must be in a list or tuple";
                self.error(Phase::Compile, s.range, msg);
                self.visit_target(&s.value, kind);
            }
            // The parser has already rejected anything else.
            other => self.visit_expr(other),
        }
        self.leave();
    }

    /// Defaults are evaluated where the function is defined.
    pub(super) fn visit_defaults(&mut self, parameters: &'a ast::Parameters) {
        for parameter in parameters.posonlyargs.iter().chain(parameters.args.iter()) {
            if let Some(default) = &parameter.default {
                self.visit_expr(default);
            }
        }
        for parameter in parameters.kwonlyargs.iter() {
            if let Some(default) = &parameter.default {
                self.visit_expr(default);
            }
        }
    }

    /// Binds the parameters in the new scope, in slot order.
    pub(super) fn visit_parameters(&mut self, parameters: &'a ast::Parameters) {
        let positional = parameters.posonlyargs.iter().chain(parameters.args.iter());
        self.scope().positional = parameters.posonlyargs.len() + parameters.args.len();
        let mut names: Vec<&ast::Parameter> = positional.map(|p| &p.parameter).collect();
        names.extend(parameters.kwonlyargs.iter().map(|p| &p.parameter));
        names.extend(parameters.vararg.as_deref());
        names.extend(parameters.kwarg.as_deref());
        for parameter in names {
            self.add_parameter(&parameter.name, parameter.name.range);
        }
    }

    pub(super) fn add_parameter(&mut self, name: &str, range: TextRange) {
        self.check_debug(name, range, false);
        let mangled = self.mangled(name);
        if self.scopes[self.current()].flags_of(&mangled) & flags::PARAM != 0 {
            let msg = format!("duplicate argument '{name}' in function definition");
            self.error(Phase::Symtable, range, msg);
            return;
        }
        self.scope().add_flag(&mangled, flags::PARAM);
        self.scope().params.push(mangled);
    }

    fn visit_lambda(&mut self, lambda: &'a ast::ExprLambda) {
        if let Some(parameters) = &lambda.parameters {
            self.visit_defaults(parameters);
        }
        self.enter_scope(ScopeKind::Lambda, "<lambda>", lambda);
        if let Some(parameters) = &lambda.parameters {
            self.visit_parameters(parameters);
        }
        self.visit_expr(&lambda.body);
        self.exit_scope();
    }

    /// The first iterable belongs to the enclosing scope; everything else to
    /// the comprehension's own scope, whose only parameter (`.0`) is the
    /// iterator over that first iterable.
    fn visit_comprehension<T>(
        &mut self,
        node: &T,
        range: TextRange,
        kind: ComprehensionKind,
        generators: &'a [ast::Comprehension],
        parts: &[&'a Expr],
    ) {
        let Some(first) = generators.first() else {
            return;
        };
        self.frame().comp_iter_expr += 1;
        self.visit_expr(&first.iter);
        self.frame().comp_iter_expr -= 1;
        let id = self.enter_scope(ScopeKind::Comprehension(kind), kind.code_name(), node);
        self.scopes[id].is_generator = kind == ComprehensionKind::Generator;
        self.add_parameter(".0", range);
        self.scopes[id].positional = 1;
        for (i, generator) in generators.iter().enumerate() {
            if generator.is_async {
                self.scopes[id].is_coroutine = true;
            }
            self.visit_target(&generator.target, TargetKind::ComprehensionIter);
            if i > 0 {
                self.frame().comp_iter_expr += 1;
                self.visit_expr(&generator.iter);
                self.frame().comp_iter_expr -= 1;
            }
            generator.ifs.iter().for_each(|e| self.visit_expr(e));
        }
        for part in parts {
            self.visit_expr(part);
        }
        self.exit_scope();
        self.check_async_comprehension(id, kind, range);
    }

    /// An awaiting list/set/dict comprehension is itself awaited where it
    /// is evaluated, which must then be asynchronous too.
    fn check_async_comprehension(&mut self, id: usize, kind: ComprehensionKind, range: TextRange) {
        if !self.scopes[id].is_coroutine || kind == ComprehensionKind::Generator {
            return;
        }
        let parent = self.current();
        let scope = &mut self.scopes[parent];
        match scope.kind {
            ScopeKind::Function if scope.is_async => {}
            ScopeKind::Comprehension(_) => scope.is_coroutine = true,
            _ => self.error(Phase::Compile, range, checks::ASYNC_COMPREHENSION),
        }
    }

    fn check_await(&mut self, range: TextRange) {
        let current = self.current();
        let scope = &mut self.scopes[current];
        match scope.kind {
            ScopeKind::Annotation(kind) => {
                let msg = format!("await expression cannot be used within {}", kind.within());
                self.error(Phase::Symtable, range, msg)
            }
            ScopeKind::Module | ScopeKind::Class => {
                self.error(Phase::Compile, range, "'await' outside function")
            }
            ScopeKind::Function if scope.is_async => {}
            ScopeKind::Function | ScopeKind::Lambda => {
                self.error(Phase::Compile, range, "'await' outside async function")
            }
            ScopeKind::Comprehension(_) => scope.is_coroutine = true,
        }
    }

    fn check_yield(&mut self, range: TextRange) {
        let kind = self.kind();
        match checks::yield_error(kind) {
            Some((phase, msg)) => self.error(phase, range, msg),
            None => self.scope().is_generator = true,
        }
    }

    /// `target := value`; in a comprehension the target belongs to the
    /// nearest enclosing function (or the module).
    fn visit_named(&mut self, named: &'a ast::ExprNamed) {
        if self.frame().comp_iter_expr > 0 {
            self.error(Phase::Symtable, named.range, checks::NAMED_IN_ITERABLE);
        }
        if let ScopeKind::Annotation(kind) = self.kind() {
            let msg = format!("named expression cannot be used within {}", kind.within());
            self.error(Phase::Symtable, named.range, msg);
        }
        if let Expr::Name(target) = named.target.as_ref() {
            if matches!(self.kind(), ScopeKind::Comprehension(_)) {
                self.extend_named_scope(&target.id, target.range);
            }
        }
        self.visit_expr(&named.value);
        self.visit_target(&named.target, TargetKind::Store);
    }

    fn extend_named_scope(&mut self, name: &str, range: TextRange) {
        let mangled = self.mangled(name);
        let current = self.current();
        let mut id = current;
        loop {
            let scope = &self.scopes[id];
            match scope.kind {
                ScopeKind::Comprehension(_) => {
                    if scope.flags_of(&mangled) & flags::COMP_ITER != 0 {
                        let msg = format!(
                            "assignment expression cannot rebind comprehension iteration variable '{name}'"
                        );
                        self.error(Phase::Symtable, range, msg);
                        return;
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Module => {
                    let module = scope.kind == ScopeKind::Module;
                    let global = module || scope.flags_of(&mangled) & flags::GLOBAL != 0;
                    let declared = if global {
                        flags::GLOBAL
                    } else {
                        flags::NONLOCAL
                    };
                    let symbol = self.scopes[current].add_flag(&mangled, declared);
                    symbol.directive.get_or_insert(range);
                    let bound = if module { flags::GLOBAL } else { flags::LOCAL };
                    self.scopes[id].add_flag(&mangled, bound);
                    return;
                }
                ScopeKind::Class => {
                    self.error(Phase::Symtable, range, checks::NAMED_IN_CLASS);
                    return;
                }
                ScopeKind::Annotation(kind) => {
                    let msg = format!(
                        "assignment expression within a comprehension cannot be used {}",
                        kind.comprehension_context()
                    );
                    self.error(Phase::Symtable, range, msg);
                    return;
                }
            }
            match scope.parent {
                Some(parent) => id = parent,
                None => return,
            }
        }
    }
}
