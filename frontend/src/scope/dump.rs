//! A text form of the scope tree, for tests: one line per scope, then one
//! per name with where it lives.

use std::fmt::Write;

use super::{flags, Resolved, ScopeId, ScopeKind, ScopeTable};

pub(crate) fn dump(table: &ScopeTable) -> String {
    let mut out = String::new();
    dump_scope(table, ScopeTable::ROOT, 0, &mut out);
    out
}

fn dump_scope(table: &ScopeTable, id: ScopeId, indent: usize, out: &mut String) {
    let scope = table.get(id);
    let pad = "  ".repeat(indent);
    let kind = match scope.kind {
        ScopeKind::Module => "module",
        ScopeKind::Function => "function",
        ScopeKind::Lambda => "lambda",
        ScopeKind::Class => "class",
        ScopeKind::Comprehension(_) => "comprehension",
        ScopeKind::Annotation(_) => "annotation",
    };
    let mut traits = String::new();
    for (on, label) in [
        (scope.is_generator, " generator"),
        (scope.is_coroutine, " coroutine"),
        (scope.needs_class_cell, " needs-class-cell"),
        (scope.needs_classdict, " needs-classdict"),
        (scope.can_see_class_scope, " sees-class"),
    ] {
        if on {
            traits.push_str(label);
        }
    }
    let _ = writeln!(out, "{pad}{kind} {}{traits}", scope.name);
    for symbol in scope.symbols() {
        let resolved = match symbol.resolved {
            Resolved::Local => "local",
            Resolved::GlobalExplicit => "global-explicit",
            Resolved::GlobalImplicit => "global-implicit",
            Resolved::Free => "free",
            Resolved::Cell => "cell",
        };
        let param = if symbol.flags & flags::PARAM != 0 {
            " param"
        } else {
            ""
        };
        let free_class = if symbol.flags & flags::FREE_CLASS != 0 {
            " free-class"
        } else {
            ""
        };
        let _ = writeln!(out, "{pad}  {}: {resolved}{param}{free_class}", symbol.name);
    }
    for &child in &scope.children {
        dump_scope(table, child, indent + 1, out);
    }
}
