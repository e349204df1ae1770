//! The walk that builds the scopes: what each scope binds, declares and
//! uses, in source order, with the syntax errors found on the way.

use std::collections::HashMap;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::checks::{self, Errors, Phase};
use super::{flags, node_key, Scope, ScopeId, ScopeKind, ScopeTable};
use crate::error::SyntaxError;
use crate::source::Source;

/// What the analysis starts from.
pub(crate) enum Body<'a> {
    Module(&'a [Stmt]),
    Expression(&'a Expr),
}

/// Build and resolve the scopes of a module or expression.
pub(crate) fn build(source: &Source, body: Body) -> Result<ScopeTable, SyntaxError> {
    let mut builder = Builder {
        source,
        scopes: vec![Scope::new(ScopeKind::Module, "<module>".to_string(), None)],
        by_node: HashMap::new(),
        frames: vec![Frame::new(ScopeTable::ROOT)],
        errors: Errors::default(),
        depth: 0,
        future_allowed: true,
    };
    match body {
        Body::Module(statements) => builder.visit_module(statements),
        Body::Expression(expr) => {
            builder.future_allowed = false;
            builder.visit_expr(expr);
        }
    }
    let mut table = ScopeTable {
        scopes: builder.scopes,
        by_node: builder.by_node,
    };
    super::analyze::analyze(&mut table, source, &mut builder.errors);
    match builder.errors.first() {
        Some(error) => Err(error),
        None => Ok(table),
    }
}

/// Enclosing statements that `break`, `continue` and `return` care about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Loop,
    ExceptStar,
}

/// Walking state of one scope.
struct Frame {
    scope: ScopeId,
    blocks: Vec<Block>,
    /// Inside the iterable of a comprehension (no walrus allowed there).
    comp_iter_expr: usize,
    return_with_value: Option<TextRange>,
}

impl Frame {
    fn new(scope: ScopeId) -> Self {
        Frame {
            scope,
            blocks: Vec::new(),
            comp_iter_expr: 0,
            return_with_value: None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TargetKind {
    Store,
    Delete,
    /// The target of a comprehension's `for`.
    ComprehensionIter,
}

struct Builder<'a> {
    source: &'a Source<'a>,
    scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
    frames: Vec<Frame>,
    errors: Errors,
    depth: usize,
    /// Still at the top of the module, where `from __future__` may appear.
    future_allowed: bool,
}

impl<'a> Builder<'a> {
    // ----- bookkeeping -------------------------------------------------

    fn frame(&mut self) -> &mut Frame {
        // The module frame is never popped.
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    fn current(&self) -> ScopeId {
        self.frames.last().map_or(ScopeTable::ROOT, |f| f.scope)
    }

    fn scope(&mut self) -> &mut Scope {
        let id = self.current();
        &mut self.scopes[id]
    }

    fn kind(&self) -> ScopeKind {
        self.scopes[self.current()].kind
    }

    fn error(&mut self, phase: Phase, range: TextRange, msg: impl Into<String>) {
        self.errors.add(self.source, phase, range, msg.into());
    }

    /// Guards the recursion; false once the tree is deeper than allowed.
    fn enter(&mut self, range: TextRange) -> bool {
        if self.depth >= crate::MAX_TREE_DEPTH {
            self.error(Phase::Future, range, checks::TOO_DEEP);
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn mangled(&self, name: &str) -> String {
        self.scopes[self.current()].mangle(name).into_owned()
    }

    /// Records a binding of `name` in the current scope.
    fn bind(&mut self, name: &str, flag: u32) {
        let name = self.mangled(name);
        self.scope().add_flag(&name, flag);
    }

    fn use_name(&mut self, name: &str) {
        let mangled = self.mangled(name);
        self.scope().add_flag(&mangled, flags::USE);
        // Zero-argument `super()` reads the `__class__` cell.
        if name == "super" && self.kind().is_function_like() {
            self.scope().add_flag("__class__", flags::USE);
            self.use_enclosing_self();
        }
    }

    /// CPython inlines comprehensions, so `super()` in one uses the first
    /// argument of the enclosing function: make it visible here.
    fn use_enclosing_self(&mut self) {
        let mut id = self.current();
        while let ScopeKind::Comprehension(_) = self.scopes[id].kind {
            match self.scopes[id].parent {
                Some(parent) => id = parent,
                None => return,
            }
        }
        let function = &self.scopes[id];
        if id == self.current() || function.kind == ScopeKind::Class || function.positional == 0 {
            return;
        }
        if let Some(first) = function.params.first().cloned() {
            self.scope().add_flag(&first, flags::USE);
        }
    }

    fn check_debug(&mut self, name: &str, range: TextRange, delete: bool) {
        if name == "__debug__" {
            let verb = if delete { "delete" } else { "assign to" };
            self.error(Phase::Compile, range, format!("cannot {verb} __debug__"));
        }
    }

    fn enter_scope<T>(&mut self, kind: ScopeKind, name: &str, node: &T) -> ScopeId {
        self.enter_scope_at(kind, name, node_key(node))
    }

    fn enter_scope_at(&mut self, kind: ScopeKind, name: &str, key: usize) -> ScopeId {
        let parent = self.current();
        let id = self.scopes.len();
        let mut scope = Scope::new(kind, name.to_string(), Some(parent));
        scope.private = match kind {
            ScopeKind::Class => Some(name.to_string()),
            _ => self.scopes[parent].private.clone(),
        };
        if kind != ScopeKind::Class {
            scope.mangled_names = self.scopes[parent].mangled_names.clone();
        }
        self.scopes.push(scope);
        self.scopes[parent].children.push(id);
        self.by_node.insert(key, id);
        self.frames.push(Frame::new(id));
        id
    }

    fn exit_scope(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let scope = &self.scopes[frame.scope];
        if scope.is_async && scope.is_generator {
            if let Some(range) = frame.return_with_value {
                self.error(
                    Phase::Compile,
                    range,
                    "'return' with value in async generator",
                );
            }
        }
    }

    // ----- statements --------------------------------------------------

    fn visit_module(&mut self, body: &'a [Stmt]) {
        for (i, stmt) in body.iter().enumerate() {
            let docstring = i == 0 && is_string_statement(stmt);
            if !docstring && !is_future_import(stmt) {
                self.future_allowed = false;
            }
            self.visit_stmt(stmt);
        }
    }

    fn visit_body(&mut self, body: &'a [Stmt]) {
        for stmt in body {
            self.visit_stmt(stmt);
        }
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !self.enter(stmt.range()) {
            return;
        }
        match stmt {
            Stmt::FunctionDef(def) => self.visit_function_def(def),
            Stmt::ClassDef(class) => self.visit_class_def(class),
            Stmt::Return(ret) => self.visit_return(ret),
            Stmt::Delete(del) => {
                for target in &del.targets {
                    self.visit_target(target, TargetKind::Delete);
                }
            }
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    self.visit_target(target, TargetKind::Store);
                }
                self.visit_expr(&assign.value);
            }
            Stmt::AugAssign(aug) => {
                self.visit_target(&aug.target, TargetKind::Store);
                self.visit_expr(&aug.value);
            }
            Stmt::AnnAssign(ann) => self.visit_ann_assign(ann),
            Stmt::TypeAlias(alias) => self.visit_type_alias(alias),
            Stmt::For(f) => self.visit_for(f),
            Stmt::While(w) => {
                self.visit_expr(&w.test);
                self.visit_loop_body(&w.body);
                self.visit_body(&w.orelse);
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test);
                self.visit_body(&i.body);
                for clause in &i.elif_else_clauses {
                    if let Some(test) = &clause.test {
                        self.visit_expr(test);
                    }
                    self.visit_body(&clause.body);
                }
            }
            Stmt::With(with) => self.visit_with(with),
            Stmt::Match(m) => self.visit_match(m),
            Stmt::Raise(raise) => {
                if let Some(exc) = &raise.exc {
                    self.visit_expr(exc);
                }
                if let Some(cause) = &raise.cause {
                    self.visit_expr(cause);
                }
            }
            Stmt::Try(t) => self.visit_try(t),
            Stmt::Assert(assert) => {
                self.visit_expr(&assert.test);
                if let Some(msg) = &assert.msg {
                    self.visit_expr(msg);
                }
            }
            Stmt::Import(import) => self.visit_import(import),
            Stmt::ImportFrom(import) => self.visit_import_from(import),
            Stmt::Global(global) => self.visit_global(global),
            Stmt::Nonlocal(nonlocal) => self.visit_nonlocal(nonlocal),
            Stmt::Expr(e) => self.visit_expr(&e.value),
            Stmt::Break(b) => self.check_loop_exit(b.range, "'break' outside loop"),
            Stmt::Continue(c) => self.check_loop_exit(c.range, "'continue' not properly in loop"),
            Stmt::Pass(_) | Stmt::IpyEscapeCommand(_) => {}
        }
        self.leave();
    }

    fn visit_function_def(&mut self, def: &'a ast::StmtFunctionDef) {
        self.check_debug(&def.name, def.range, false);
        for decorator in &def.decorator_list {
            self.visit_expr(&decorator.expression);
        }
        self.visit_defaults(&def.parameters);
        self.bind(&def.name, flags::LOCAL);
        if let Some(params) = &def.type_params {
            self.enter_type_params(params, &def.name, None);
            // The defaults, evaluated outside, come in as parameters.
            for i in 0..default_count(&def.parameters) {
                self.add_parameter(&generic_default_name(i), def.range);
            }
            let count = self.scope().params.len();
            self.scope().positional = count;
        }
        self.visit_annotations(def);
        let id = self.enter_scope(ScopeKind::Function, &def.name, def);
        self.scopes[id].is_async = def.is_async;
        self.scopes[id].is_coroutine = def.is_async;
        self.visit_parameters(&def.parameters);
        self.visit_body(&def.body);
        self.exit_scope();
        if def.type_params.is_some() {
            self.exit_scope();
        }
    }

    fn visit_class_def(&mut self, class: &'a ast::StmtClassDef) {
        self.check_debug(&class.name, class.range, false);
        for decorator in &class.decorator_list {
            self.visit_expr(&decorator.expression);
        }
        if let Some(params) = &class.type_params {
            // Bases and keywords are evaluated in the annotation scope,
            // where the type parameters are visible.
            self.bind(&class.name, flags::LOCAL);
            self.enter_type_params(params, &class.name, Some(&class.name));
            self.scope().add_flag(TYPE_PARAMS, flags::LOCAL);
        }
        if let Some(arguments) = &class.arguments {
            self.visit_arguments(arguments);
        }
        if class.type_params.is_none() {
            self.bind(&class.name, flags::LOCAL);
        }
        self.enter_scope(ScopeKind::Class, &class.name, class);
        if class.type_params.is_some() {
            // The body sets `__type_params__` from the annotation scope.
            self.scope().add_flag(TYPE_PARAMS, flags::USE);
        }
        self.visit_body(&class.body);
        self.exit_scope();
        if class.type_params.is_some() {
            self.exit_scope();
        }
    }

    fn visit_return(&mut self, ret: &'a ast::StmtReturn) {
        if self.kind() != ScopeKind::Function {
            self.error(Phase::Compile, ret.range, "'return' outside function");
        } else if self.frame().blocks.contains(&Block::ExceptStar) {
            self.error(Phase::Compile, ret.range, checks::EXCEPT_STAR_EXIT);
        }
        if let Some(value) = &ret.value {
            let frame = self.frame();
            frame.return_with_value.get_or_insert(ret.range);
            self.visit_expr(value);
        }
    }

    fn visit_ann_assign(&mut self, ann: &'a ast::StmtAnnAssign) {
        match ann.target.as_ref() {
            Expr::Name(name) => {
                let mangled = self.mangled(&name.id);
                let current = self.scopes[self.current()].flags_of(&mangled);
                let declared = current & (flags::GLOBAL | flags::NONLOCAL);
                if declared != 0 && self.current() != ScopeTable::ROOT && ann.simple {
                    let keyword = if current & flags::GLOBAL != 0 {
                        "global"
                    } else {
                        "nonlocal"
                    };
                    let msg = format!("annotated name '{}' can't be {keyword}", name.id);
                    self.error(Phase::Symtable, name.range, msg);
                }
                self.check_debug(&name.id, name.range, false);
                if ann.simple {
                    self.bind(&name.id, flags::ANNOTATED | flags::LOCAL);
                } else if ann.value.is_some() {
                    self.bind(&name.id, flags::LOCAL);
                }
            }
            target => self.visit_target(target, TargetKind::Store),
        }
        // Annotations are evaluated lazily (3.14) and not kept: not visited.
        if let Some(value) = &ann.value {
            self.visit_expr(value);
        }
    }

    fn visit_for(&mut self, f: &'a ast::StmtFor) {
        if f.is_async {
            self.check_async_statement(f.range, "'async for' outside async function");
        }
        self.visit_target(&f.target, TargetKind::Store);
        self.visit_expr(&f.iter);
        self.visit_loop_body(&f.body);
        self.visit_body(&f.orelse);
    }

    fn visit_loop_body(&mut self, body: &'a [Stmt]) {
        self.frame().blocks.push(Block::Loop);
        self.visit_body(body);
        self.frame().blocks.pop();
    }

    fn visit_with(&mut self, with: &'a ast::StmtWith) {
        if with.is_async {
            self.check_async_statement(with.range, "'async with' outside async function");
        }
        for item in &with.items {
            self.visit_expr(&item.context_expr);
            if let Some(vars) = &item.optional_vars {
                self.visit_target(vars, TargetKind::Store);
            }
        }
        self.visit_body(&with.body);
    }

    fn check_async_statement(&mut self, range: TextRange, msg: &str) {
        let scope = &self.scopes[self.current()];
        if !(scope.kind == ScopeKind::Function && scope.is_async) {
            self.error(Phase::Compile, range, msg);
        }
    }

    fn visit_try(&mut self, t: &'a ast::StmtTry) {
        self.visit_body(&t.body);
        for handler in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            if let Some(typ) = &handler.type_ {
                self.visit_expr(typ);
            }
            if let Some(name) = &handler.name {
                self.check_debug(name, handler.range, false);
                self.bind(name, flags::LOCAL);
            }
            if t.is_star {
                self.frame().blocks.push(Block::ExceptStar);
            }
            self.visit_body(&handler.body);
            if t.is_star {
                self.frame().blocks.pop();
            }
        }
        self.visit_body(&t.orelse);
        self.visit_body(&t.finalbody);
    }

    fn check_loop_exit(&mut self, range: TextRange, outside: &str) {
        let innermost = self.frame().blocks.last().copied();
        match innermost {
            Some(Block::Loop) => {}
            Some(Block::ExceptStar) => self.error(Phase::Compile, range, checks::EXCEPT_STAR_EXIT),
            None => self.error(Phase::Compile, range, outside),
        }
    }

    fn visit_import(&mut self, import: &'a ast::StmtImport) {
        for alias in &import.names {
            let stored = match &alias.asname {
                Some(asname) => asname.id.as_str(),
                None => alias.name.split('.').next().unwrap_or(""),
            };
            self.check_debug(stored, import.range, false);
            self.bind(stored, flags::LOCAL);
        }
    }

    fn visit_import_from(&mut self, import: &'a ast::StmtImportFrom) {
        let is_future = import.level == 0 && import.module.as_deref() == Some("__future__");
        if is_future {
            if !self.future_allowed || self.current() != ScopeTable::ROOT {
                let msg = "from __future__ imports must occur at the beginning of the file";
                self.error(Phase::Future, import.range, msg);
            }
            for alias in &import.names {
                if let Some(msg) = checks::future_feature_error(&alias.name) {
                    let at = TextRange::empty(import.range.start());
                    self.error(Phase::Future, at, msg);
                }
            }
        }
        for alias in &import.names {
            if alias.name.as_str() == "*" {
                if self.kind() != ScopeKind::Module {
                    self.error(
                        Phase::Symtable,
                        alias.range,
                        "import * only allowed at module level",
                    );
                }
                continue;
            }
            let stored = alias.asname.as_ref().unwrap_or(&alias.name);
            self.check_debug(stored, import.range, false);
            self.bind(stored, flags::LOCAL);
        }
    }

    fn visit_global(&mut self, global: &'a ast::StmtGlobal) {
        for name in &global.names {
            let mangled = self.mangled(name);
            let current = self.scopes[self.current()].flags_of(&mangled);
            if let Some(msg) = checks::declaration_conflict(current, name, "global") {
                self.error(Phase::Symtable, global.range, msg);
            }
            let symbol = self.scope().add_flag(&mangled, flags::GLOBAL);
            symbol.directive.get_or_insert(global.range);
        }
    }

    fn visit_nonlocal(&mut self, nonlocal: &'a ast::StmtNonlocal) {
        if self.kind() == ScopeKind::Module {
            let msg = "nonlocal declaration not allowed at module level";
            self.error(Phase::Symtable, nonlocal.range, msg);
            return;
        }
        for name in &nonlocal.names {
            let mangled = self.mangled(name);
            let current = self.scopes[self.current()].flags_of(&mangled);
            if let Some(msg) = checks::declaration_conflict(current, name, "nonlocal") {
                self.error(Phase::Symtable, nonlocal.range, msg);
            }
            let symbol = self.scope().add_flag(&mangled, flags::NONLOCAL);
            symbol.directive.get_or_insert(nonlocal.range);
        }
    }
}

fn is_string_statement(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Expr(e) if e.value.is_string_literal_expr())
}

fn is_future_import(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::ImportFrom(i) if i.level == 0 && i.module.as_deref() == Some("__future__"))
}

mod expr;
mod generic;
mod pattern;

pub(crate) use generic::{annotations, default_count, generic_default_name, TYPE_PARAMS};
