//! Scope analysis, as CPython's symtable does it: one `Scope` per module,
//! function, lambda, class body and comprehension, with every name used in
//! it classified as local, global (explicit or implicit), free or cell.
//!
//! `builder` walks the tree once, recording how each scope uses each name
//! (and reporting the syntax errors CPython finds while doing so, and those
//! its compiler finds in the same places); `analyze` then resolves the
//! names across scopes.

mod analyze;
mod builder;
mod checks;
#[cfg(test)]
mod dump;

use std::collections::HashMap;

use ruff_text_size::TextRange;

pub(crate) use builder::{annotations, build, generic_default_name, Body, TYPE_PARAMS};
#[cfg(test)]
pub(crate) use dump::dump;

pub(crate) type ScopeId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ComprehensionKind {
    List,
    Set,
    Dict,
    Generator,
}

impl ComprehensionKind {
    /// The code name CPython gives it (`<listcomp>`, ...).
    pub fn code_name(self) -> &'static str {
        match self {
            ComprehensionKind::List => "<listcomp>",
            ComprehensionKind::Set => "<setcomp>",
            ComprehensionKind::Dict => "<dictcomp>",
            ComprehensionKind::Generator => "<genexpr>",
        }
    }

    /// How CPython's messages name it (`'yield' inside list comprehension`).
    pub fn description(self) -> &'static str {
        match self {
            ComprehensionKind::List => "list comprehension",
            ComprehensionKind::Set => "set comprehension",
            ComprehensionKind::Dict => "dict comprehension",
            ComprehensionKind::Generator => "generator expression",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Function,
    Lambda,
    Class,
    Comprehension(ComprehensionKind),
    /// A PEP 695 annotation scope: a function the compiler makes to hold a
    /// generic's type parameters, or to evaluate a bound, a default or a
    /// type alias's value lazily.
    Annotation(AnnotationKind),
}

impl ScopeKind {
    /// Functions, lambdas, comprehensions and annotation scopes keep their
    /// variables in fast locals and cells; modules and class bodies in a
    /// namespace.
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            ScopeKind::Function
                | ScopeKind::Lambda
                | ScopeKind::Comprehension(_)
                | ScopeKind::Annotation(_)
        )
    }
}

/// What an annotation scope is for; CPython's messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AnnotationKind {
    /// The type parameters of `def f[T]`, `class C[T]`, `type A[T]`.
    TypeParams,
    /// A TypeVar's bound or constraints.
    Bound,
    /// A type parameter's default; the kind of parameter (`TypeVar`, ...).
    Default(&'static str),
    /// The value of a `type` statement.
    TypeAlias,
    /// A function's parameter and return annotations (its `__annotate__`).
    Annotate,
}

impl AnnotationKind {
    /// `yield expression cannot be used within <this>`.
    pub fn within(self) -> String {
        match self {
            AnnotationKind::TypeParams => "the definition of a generic".to_string(),
            AnnotationKind::Bound => "a TypeVar bound".to_string(),
            AnnotationKind::Default(kind) => format!("a {kind} default"),
            AnnotationKind::TypeAlias => "a type alias".to_string(),
            AnnotationKind::Annotate => "an annotation".to_string(),
        }
    }

    /// `assignment expression within a comprehension cannot be used <this>`.
    pub fn comprehension_context(self) -> &'static str {
        match self {
            AnnotationKind::TypeParams => "within the definition of a generic",
            AnnotationKind::Bound | AnnotationKind::Default(_) => "in a TypeVar bound",
            AnnotationKind::TypeAlias => "in a type alias",
            AnnotationKind::Annotate => "within an annotation",
        }
    }
}

/// How a name is used in one scope (CPython's `DEF_*` flags).
pub(crate) mod flags {
    /// Bound here: assigned, deleted, imported, defined, a loop or `with`
    /// or `except` target.
    pub const LOCAL: u32 = 1;
    pub const PARAM: u32 = 1 << 1;
    pub const GLOBAL: u32 = 1 << 2;
    pub const NONLOCAL: u32 = 1 << 3;
    pub const USE: u32 = 1 << 4;
    pub const ANNOTATED: u32 = 1 << 5;
    /// An iteration variable of this comprehension.
    pub const COMP_ITER: u32 = 1 << 6;
    /// Local to this class body and also free in one of its methods, so
    /// the class must pass the enclosing cell through.
    pub const FREE_CLASS: u32 = 1 << 7;
    /// A type parameter of a generic (bound in its annotation scope).
    pub const TYPE_PARAM: u32 = 1 << 8;
    pub const BOUND: u32 = LOCAL | PARAM;
}

/// Where a name lives, once resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    /// A cell received from an enclosing function.
    Free,
    /// A local captured by an inner scope.
    Cell,
}

#[derive(Clone, Debug)]
pub(crate) struct Symbol {
    pub name: String,
    pub flags: u32,
    pub resolved: Resolved,
    /// The first `global`/`nonlocal` statement naming it.
    pub directive: Option<TextRange>,
}

#[derive(Debug)]
pub(crate) struct Scope {
    pub kind: ScopeKind,
    /// The unmangled name: function or class name, `<lambda>`, `<listcomp>`.
    pub name: String,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    symbols: Vec<Symbol>,
    index: HashMap<String, usize>,
    /// Parameter names (mangled) in slot order.
    pub params: Vec<String>,
    /// How many of them are positional.
    pub positional: usize,
    pub is_async: bool,
    pub is_generator: bool,
    /// An `async def`, or a comprehension that awaits.
    pub is_coroutine: bool,
    /// A class body whose methods use `__class__` (or `super`).
    pub needs_class_cell: bool,
    /// A class body with annotation scopes that read its namespace: it
    /// keeps the namespace in a `__classdict__` cell.
    pub needs_classdict: bool,
    /// An annotation scope directly in a class body (or nested in one that
    /// is): names it does not bind are looked up in the class namespace
    /// (the `__classdict__` cell) first.
    pub can_see_class_scope: bool,
    /// The class name used for private name mangling here, if any.
    pub private: Option<String>,
    /// In the annotation scope of a generic class (and the scopes in it),
    /// only these names (its type parameters) are mangled.
    pub mangled_names: Option<Vec<String>>,
}

impl Scope {
    fn new(kind: ScopeKind, name: String, parent: Option<ScopeId>) -> Self {
        Scope {
            kind,
            name,
            parent,
            children: Vec::new(),
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            positional: 0,
            is_async: false,
            is_generator: false,
            is_coroutine: false,
            needs_class_cell: false,
            needs_classdict: false,
            can_see_class_scope: false,
            private: None,
            mangled_names: None,
        }
    }

    #[cfg(test)]
    pub fn symbols(&self) -> &[Symbol] {
        &self.symbols
    }

    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).and_then(|&i| self.symbols.get(i))
    }

    fn flags_of(&self, name: &str) -> u32 {
        self.lookup(name).map_or(0, |s| s.flags)
    }

    /// Adds `flag` to `name`, creating the symbol on first sight.
    fn add_flag(&mut self, name: &str, flag: u32) -> &mut Symbol {
        let i = match self.index.get(name) {
            Some(&i) => i,
            None => {
                self.symbols.push(Symbol {
                    name: name.to_string(),
                    flags: 0,
                    resolved: Resolved::GlobalImplicit,
                    directive: None,
                });
                self.index.insert(name.to_string(), self.symbols.len() - 1);
                self.symbols.len() - 1
            }
        };
        let symbol = &mut self.symbols[i];
        symbol.flags |= flag;
        symbol
    }

    /// Where `name` (already mangled) lives in this scope. Names the
    /// analysis never saw are globals.
    pub fn resolve(&self, name: &str) -> Resolved {
        self.lookup(name)
            .map_or(Resolved::GlobalImplicit, |s| s.resolved)
    }

    /// Private name mangling: `__x` in class `C` is `_C__x`.
    pub fn mangle<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        match &self.mangled_names {
            Some(names) if !names.iter().any(|n| n == name) => name.into(),
            _ => mangle(self.private.as_deref(), name),
        }
    }

    /// Variables of an inner scope's closure this scope creates.
    pub fn cellvars(&self) -> Vec<String> {
        let mut cells: Vec<String> = self
            .symbols
            .iter()
            .filter(|s| s.resolved == Resolved::Cell)
            .map(|s| s.name.clone())
            .collect();
        if self.needs_class_cell {
            cells.push("__class__".to_string());
        }
        if self.needs_classdict {
            cells.push(CLASSDICT.to_string());
        }
        cells
    }

    /// Variables this scope receives from its closure. A class body also
    /// receives those its methods need even when it has a local of the
    /// same name.
    pub fn freevars(&self) -> Vec<String> {
        self.symbols
            .iter()
            .filter(|s| {
                s.resolved == Resolved::Free
                    || (self.kind == ScopeKind::Class && s.flags & flags::FREE_CLASS != 0)
            })
            .map(|s| s.name.clone())
            .collect()
    }

    /// Fast locals after the parameters, in order of first appearance.
    pub fn plain_locals(&self) -> Vec<String> {
        if !self.kind.is_function_like() {
            return Vec::new();
        }
        self.symbols
            .iter()
            .filter(|s| s.resolved == Resolved::Local && s.flags & flags::PARAM == 0)
            .map(|s| s.name.clone())
            .collect()
    }
}

pub(crate) fn mangle<'n>(private: Option<&str>, name: &'n str) -> std::borrow::Cow<'n, str> {
    let Some(private) = private else {
        return name.into();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let stripped = private.trim_start_matches('_');
    if stripped.is_empty() {
        return name.into();
    }
    format!("_{stripped}{name}").into()
}

/// The cell in which a class body keeps its namespace for the annotation
/// scopes defined in it.
pub(crate) const CLASSDICT: &str = "__classdict__";

/// How a scope-creating node is keyed: its address. A node that creates
/// two scopes (a TypeVar's bound and default) uses `node_key + 1` for the
/// second; nodes are aligned, so that is never another node's address.
pub(crate) fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// All scopes of one source, the module first.
#[derive(Debug)]
pub(crate) struct ScopeTable {
    scopes: Vec<Scope>,
    /// Scope of each scope-creating node, keyed by the node's address (the
    /// tree is not moved between analysis and lowering).
    by_node: HashMap<usize, ScopeId>,
}

impl ScopeTable {
    pub fn get(&self, id: ScopeId) -> &Scope {
        // Ids only come from this table.
        &self.scopes[id]
    }

    pub fn of_node<T>(&self, node: &T) -> Option<ScopeId> {
        self.of_key(node_key(node))
    }

    /// The scope registered under `key` (see `node_key`).
    pub fn of_key(&self, key: usize) -> Option<ScopeId> {
        self.by_node.get(&key).copied()
    }

    pub const ROOT: ScopeId = 0;
}
