//! Lowering: the syntax tree and its scopes to the IR. Names become slots,
//! cells or namespace lookups as the scope analysis decided; the sugar of
//! Python (comprehensions, `with`, `async for`, augmented assignment,
//! decorators, `assert`, class bodies, imports) becomes plain statements,
//! expressions and temporaries. One file per family of constructs.

mod annotation;
mod class;
mod code;
mod comprehension;
mod desugar;
mod expr;
mod function;
mod generic;
mod import;
mod literal;
#[cfg(feature = "match-statements")]
mod pattern;
mod stmt;
mod target;
mod tstring;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;

use ruff_text_size::{Ranged, TextRange};

use crate::error::SyntaxError;
use crate::ir::{Code, CodeKind, Const, Expr, Name, Stmt, StmtKind, Target};
use crate::parse::Parsed;
use crate::scope::{ComprehensionKind, Resolved, Scope, ScopeId, ScopeKind, ScopeTable};
use crate::source::Source;
use crate::Mode;
use code::CodeBuilder;

type Result<T> = std::result::Result<T, SyntaxError>;

/// What every code of one compilation shares.
struct Context<'a> {
    source: &'a Source<'a>,
    scopes: &'a ScopeTable,
    mode: Mode,
    filename: Name,
    /// For each class body being lowered, innermost last, the attributes
    /// its methods assign on `self` (CPython 3.13+'s
    /// `__static_attributes__`).
    static_attributes: RefCell<Vec<BTreeSet<String>>>,
    /// `from __future__ import annotations`: annotations are kept as text.
    future_annotations: bool,
}

/// Lowers the body of one scope into one `Code`.
struct Lower<'a> {
    cx: &'a Context<'a>,
    scope: ScopeId,
    code: CodeBuilder,
    /// Recursion depth, carried into nested scopes.
    depth: usize,
    /// How codes defined here qualify their names (`None` at module level).
    child_prefix: Option<Name>,
    /// A list/set/dict comprehension at the top level of an `exec` or
    /// `eval` source: CPython 3.12+ inlines it, so the names it does not
    /// bind are looked up in the locals mapping first, as at the top level.
    namespace_globals: bool,
}

pub(crate) fn lower(
    source: &Source,
    scopes: &ScopeTable,
    parsed: &Parsed,
    mode: Mode,
) -> Result<Arc<Code>> {
    let cx = Context {
        source,
        scopes,
        mode,
        filename: source.filename.into(),
        static_attributes: RefCell::new(Vec::new()),
        future_annotations: match parsed {
            Parsed::Module(module) => annotation::future_annotations(&module.body),
            Parsed::Expression(_) => false,
        },
    };
    let root = scopes.get(ScopeTable::ROOT);
    let code = CodeBuilder::new(
        CodeKind::Module,
        root,
        "<module>".into(),
        cx.filename.clone(),
        1,
    );
    let mut lower = Lower {
        cx: &cx,
        scope: ScopeTable::ROOT,
        code,
        depth: 0,
        child_prefix: None,
        namespace_globals: false,
    };
    let body = match parsed {
        Parsed::Module(module) => lower.module_body(&module.body)?,
        Parsed::Expression(expression) => {
            let line = lower.line(expression.body.range());
            let value = lower.expr(&expression.body)?;
            vec![Stmt {
                line,
                kind: StmtKind::Return(Some(value)),
            }]
        }
    };
    Ok(Arc::new(lower.code.finish(body)))
}

impl<'a> Lower<'a> {
    fn scope_data(&self) -> &'a Scope {
        self.cx.scopes.get(self.scope)
    }

    fn line(&self, range: TextRange) -> u32 {
        self.cx.source.line_of(range.start().to_usize())
    }

    fn error(&self, range: TextRange, msg: impl Into<String>) -> SyntaxError {
        self.cx.source.error_at(range, msg)
    }

    /// Guards the recursion of the lowering.
    fn enter(&mut self, range: TextRange) -> Result<()> {
        if self.depth >= crate::MAX_TREE_DEPTH {
            return Err(self.error(
                range,
                "too complex: statements and expressions nested too deeply",
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn constant(&mut self, value: Const) -> Expr {
        Expr::Const(self.code.const_id(value))
    }

    fn str_const(&mut self, value: &str) -> Expr {
        self.constant(Const::Str(value.into()))
    }

    fn builtin(&mut self, name: &str) -> Expr {
        Expr::Builtin(self.code.name_id(name))
    }

    fn mangle(&self, name: &str) -> String {
        self.scope_data().mangle(name).into_owned()
    }

    /// An attribute name: mangled like variables are.
    fn attr_id(&mut self, name: &str) -> u32 {
        let mangled = self.mangle(name);
        self.code.name_id(&mangled)
    }

    fn temp(&mut self) -> u32 {
        self.code.temp()
    }

    fn stmt_at(&self, range: TextRange, kind: StmtKind) -> Stmt {
        Stmt {
            line: self.line(range),
            kind,
        }
    }

    /// Module and class bodies keep their variables in a namespace: the
    /// module's globals, or for `exec` and class bodies a mapping searched
    /// before the globals.
    fn in_namespace(&self) -> bool {
        let kind = self.scope_data().kind;
        kind == ScopeKind::Class || (kind == ScopeKind::Module && self.cx.mode != Mode::Module)
    }

    /// Reading the (unmangled) variable `name`.
    fn load(&mut self, name: &str) -> Expr {
        let mangled = self.mangle(name);
        self.load_mangled(&mangled)
    }

    fn load_mangled(&mut self, name: &str) -> Expr {
        let plain = self.load_resolved(name);
        self.class_namespace_first(name, plain)
    }

    fn load_resolved(&mut self, name: &str) -> Expr {
        let scope = self.scope_data();
        let resolved = scope.resolve(name);
        let fast = match resolved {
            Resolved::Local if scope.kind.is_function_like() => {
                self.code.local_slot(name).map(Expr::Local)
            }
            Resolved::Cell => self.code.cell_index(name).map(Expr::Cell),
            Resolved::Free if scope.kind != ScopeKind::Class => {
                self.code.cell_index(name).map(Expr::Cell)
            }
            _ => None,
        };
        if let Some(fast) = fast {
            return fast;
        }
        let id = self.code.name_id(name);
        match resolved {
            Resolved::Free => match self.code.cell_index(name) {
                Some(cell) if scope.kind == ScopeKind::Class => Expr::ClassDeref(id, cell),
                _ => Expr::Global(id),
            },
            Resolved::GlobalImplicit if self.namespace_globals => Expr::Name(id),
            Resolved::GlobalExplicit => Expr::Global(id),
            Resolved::GlobalImplicit | Resolved::Local | Resolved::Cell
                if scope.kind.is_function_like() =>
            {
                Expr::Global(id)
            }
            _ if self.in_namespace() => Expr::Name(id),
            _ => Expr::Global(id),
        }
    }

    /// Storing to (or deleting) the (unmangled) variable `name`.
    fn store(&mut self, name: &str) -> Target {
        let mangled = self.mangle(name);
        self.store_mangled(&mangled)
    }

    fn store_mangled(&mut self, name: &str) -> Target {
        let scope = self.scope_data();
        let resolved = scope.resolve(name);
        let fast = match resolved {
            Resolved::Local if scope.kind.is_function_like() => {
                self.code.local_slot(name).map(Target::Local)
            }
            Resolved::Cell | Resolved::Free => self.code.cell_index(name).map(Target::Cell),
            _ => None,
        };
        if let Some(fast) = fast {
            return fast;
        }
        let id = self.code.name_id(name);
        match resolved {
            Resolved::GlobalExplicit => Target::Global(id),
            _ if scope.kind.is_function_like() => Target::Global(id),
            _ if self.in_namespace() => Target::Name(id),
            _ => Target::Global(id),
        }
    }

    /// The cells of this code that a nested code's free variables bind to.
    fn closure_for(&self, inner: &Code, range: TextRange) -> Result<Vec<u32>> {
        inner
            .freevars
            .iter()
            .map(|name| {
                self.code.cell_index(name).ok_or_else(|| {
                    self.error(
                        range,
                        format!("internal error: no cell for free variable '{name}'"),
                    )
                })
            })
            .collect()
    }

    /// The qualified name of a code defined in this scope, as CPython
    /// computes it (`f.<locals>.g`, `C.m`); a name declared global here
    /// is not qualified.
    fn qualname_for(&self, name: &str, mangled: Option<&str>) -> Name {
        if mangled.is_some_and(|m| self.scope_data().resolve(m) == Resolved::GlobalExplicit) {
            return name.into();
        }
        match &self.child_prefix {
            Some(prefix) => format!("{prefix}.{name}").into(),
            None => name.into(),
        }
    }

    /// What codes nested in a code of `kind` with `qualname` prefix their
    /// names with. List, set and dict comprehensions are inlined by
    /// CPython 3.12+, so they pass their parent's prefix through.
    fn prefix_inside(&self, kind: ScopeKind, qualname: &Name) -> Option<Name> {
        match kind {
            ScopeKind::Module => None,
            ScopeKind::Class => Some(qualname.clone()),
            ScopeKind::Comprehension(k) if k != ComprehensionKind::Generator => {
                self.child_prefix.clone()
            }
            // Annotation scopes do not show in qualified names.
            ScopeKind::Annotation(_) => self.child_prefix.clone(),
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension(_) => {
                Some(format!("{qualname}.<locals>").into())
            }
        }
    }

    /// A lowering for the nested scope `scope` (its code named `qualname`).
    fn nested(&self, scope: ScopeId, kind: CodeKind, qualname: Name, first_line: u32) -> Lower<'a> {
        let data = self.cx.scopes.get(scope);
        let code = CodeBuilder::new(
            kind,
            data,
            qualname.clone(),
            self.cx.filename.clone(),
            first_line,
        );
        let child_prefix = self.prefix_inside(data.kind, &qualname);
        let inlined =
            matches!(data.kind, ScopeKind::Comprehension(k) if k != ComprehensionKind::Generator);
        let top_level = self.scope_data().kind == ScopeKind::Module || self.namespace_globals;
        let namespace_globals = inlined && top_level && self.cx.mode != Mode::Module;
        Lower {
            cx: self.cx,
            scope,
            code,
            depth: self.depth,
            child_prefix,
            namespace_globals,
        }
    }
}
