//! Resolution across scopes, following CPython's `analyze_block`: a name
//! bound in an enclosing function and used in an inner scope is free there
//! and a cell where it is bound; class bodies bind names their methods
//! cannot see; `global` and `nonlocal` are checked against the enclosing
//! bindings.

use std::collections::HashSet;

use super::checks::{Errors, Phase};
use super::{flags, Resolved, ScopeId, ScopeKind, ScopeTable, CLASSDICT};
use crate::source::Source;

type Names = HashSet<String>;

pub(super) fn analyze(table: &mut ScopeTable, source: &Source, errors: &mut Errors) {
    let mut free = Names::new();
    let mut context = Context {
        table,
        source,
        errors,
        type_params: Names::new(),
    };
    context.block(ScopeTable::ROOT, None, Names::new(), &mut free);
}

struct Context<'t, 's> {
    table: &'t mut ScopeTable,
    source: &'t Source<'s>,
    errors: &'t mut Errors,
    /// The names an enclosing annotation scope binds as type parameters
    /// (and no nearer function rebinds): `nonlocal` may not name them.
    type_params: Names,
}

impl Context<'_, '_> {
    /// Resolves the names of scope `id`. `bound` holds the names bound in
    /// enclosing functions (`None` for the module), `global` those declared
    /// global in enclosing scopes; the names free in this scope or its
    /// children that an enclosing function must provide go into `free`.
    fn block(
        &mut self,
        id: ScopeId,
        mut bound: Option<Names>,
        mut global: Names,
        free: &mut Names,
    ) {
        let kind = self.table.scopes[id].kind;
        let mut local = Names::new();
        let mut child_global = Names::new();
        let mut child_bound = Names::new();
        if kind == ScopeKind::Class {
            // Declarations in a class body do not reach its methods.
            child_global.extend(global.iter().cloned());
            child_bound.extend(bound.iter().flatten().cloned());
        }
        for i in 0..self.table.scopes[id].symbols.len() {
            let resolved = self.name(id, i, bound.as_mut(), &mut local, free, &mut global);
            self.table.scopes[id].symbols[i].resolved = resolved;
        }
        let inherited_type_params = self.type_params.clone();
        if kind.is_function_like() {
            let scope = &self.table.scopes[id];
            self.type_params.retain(|name| !local.contains(name));
            let own = scope
                .symbols
                .iter()
                .filter(|s| s.flags & flags::TYPE_PARAM != 0);
            self.type_params.extend(own.map(|s| s.name.clone()));
        }
        if kind == ScopeKind::Class {
            child_bound.insert("__class__".to_string());
            child_bound.insert(CLASSDICT.to_string());
        } else {
            if kind.is_function_like() {
                child_bound.extend(local);
            }
            child_bound.extend(bound.iter().flatten().cloned());
            child_global.extend(global);
        }
        let mut child_free = Names::new();
        let children = self.table.scopes[id].children.clone();
        for child in children {
            let mut free_here = Names::new();
            self.block(
                child,
                Some(child_bound.clone()),
                child_global.clone(),
                &mut free_here,
            );
            child_free.extend(free_here);
        }
        self.type_params = inherited_type_params;
        let scope = &mut self.table.scopes[id];
        if kind.is_function_like() {
            for symbol in scope.symbols.iter_mut() {
                if symbol.resolved == Resolved::Local && child_free.remove(&symbol.name) {
                    symbol.resolved = Resolved::Cell;
                }
            }
        } else if kind == ScopeKind::Class {
            scope.needs_class_cell = child_free.remove("__class__");
            scope.needs_classdict = child_free.remove(CLASSDICT);
        }
        self.record_child_free(id, bound.as_ref(), &child_free);
        free.extend(child_free);
    }

    fn name(
        &mut self,
        id: ScopeId,
        index: usize,
        bound: Option<&mut Names>,
        local: &mut Names,
        free: &mut Names,
        global: &mut Names,
    ) -> Resolved {
        let symbol = &self.table.scopes[id].symbols[index];
        let (name, flag_set, directive) = (symbol.name.clone(), symbol.flags, symbol.directive);
        let at = directive.unwrap_or_default();
        if flag_set & flags::GLOBAL != 0 {
            if flag_set & flags::NONLOCAL != 0 {
                let msg = format!("name '{name}' is nonlocal and global");
                self.errors.add(self.source, Phase::Analysis, at, msg);
            }
            if let Some(bound) = bound {
                bound.remove(&name);
            }
            global.insert(name);
            return Resolved::GlobalExplicit;
        }
        if flag_set & flags::NONLOCAL != 0 {
            // At module level the builder has already reported it.
            if bound.as_ref().is_some_and(|b| !b.contains(&name)) {
                let msg = format!("no binding for nonlocal '{name}' found");
                self.errors.add(self.source, Phase::Analysis, at, msg);
            } else if self.type_params.contains(&name) {
                let msg = format!("nonlocal binding not allowed for type parameter '{name}'");
                self.errors.add(self.source, Phase::Analysis, at, msg);
            }
            free.insert(name);
            return Resolved::Free;
        }
        if flag_set & flags::BOUND != 0 {
            global.remove(&name);
            local.insert(name);
            return Resolved::Local;
        }
        if bound.is_some_and(|b| b.contains(&name)) {
            free.insert(name);
            return Resolved::Free;
        }
        Resolved::GlobalImplicit
    }

    /// Names free in children: a class keeps passing through those it also
    /// binds; names this scope does not know and an enclosing function
    /// binds become free here too.
    fn record_child_free(&mut self, id: ScopeId, bound: Option<&Names>, child_free: &Names) {
        let scope = &mut self.table.scopes[id];
        let is_class = scope.kind == ScopeKind::Class;
        let mut names: Vec<&String> = child_free.iter().collect();
        // Deterministic order for the closure layout.
        names.sort();
        for name in names {
            if let Some(&i) = scope.index.get(name.as_str()) {
                if is_class {
                    scope.symbols[i].flags |= flags::FREE_CLASS;
                }
                continue;
            }
            if bound.is_some_and(|b| !b.contains(name.as_str())) {
                continue;
            }
            scope.add_flag(name, 0).resolved = Resolved::Free;
        }
    }
}
