//! `import` and `from ... import`.

use ruff_python_ast as ast;

use super::{Lower, Result};
use crate::ir::{Expr, Stmt, StmtKind, Target};

impl<'a> Lower<'a> {
    /// `import a.b.c` binds `a` to the top package; `import a.b.c as d`
    /// binds `d` to the submodule, reached from the top package the way
    /// CPython's `IMPORT_FROM` does.
    pub(super) fn import(&mut self, import: &ast::StmtImport, out: &mut Vec<Stmt>) -> Result<()> {
        for alias in &import.names {
            let full = alias.name.as_str();
            let name = self.code.name_id(full);
            let mut value = Expr::Import {
                name,
                fromlist: Vec::new(),
                level: 0,
            };
            let stored = match &alias.asname {
                Some(asname) => {
                    for part in full.split('.').skip(1) {
                        let part = self.code.name_id(part);
                        value = Expr::ImportFrom(Box::new(value), part);
                    }
                    asname.as_str()
                }
                None => full.split('.').next().unwrap_or(full),
            };
            let target = self.store(stored);
            out.push(self.stmt_at(alias.range, StmtKind::Assign(vec![target], value)));
        }
        Ok(())
    }

    /// `from .m import x as y, z`: the module once (in a temporary when more
    /// than one name is taken from it), then one `ImportFrom` per name.
    pub(super) fn import_from(
        &mut self,
        import: &ast::StmtImportFrom,
        out: &mut Vec<Stmt>,
    ) -> Result<()> {
        let module = import.module.as_ref().map_or("", |m| m.as_str());
        let name = self.code.name_id(module);
        let fromlist = import
            .names
            .iter()
            .map(|a| self.code.name_id(&a.name))
            .collect();
        let module_value = Expr::Import {
            name,
            fromlist,
            level: import.level,
        };
        if import.names.iter().any(|a| a.name.as_str() == "*") {
            let star = Expr::ImportStar(Box::new(module_value));
            out.push(self.stmt_at(import.range, StmtKind::Expr(star)));
            return Ok(());
        }
        let single = import.names.len() == 1;
        let mut module_value = Some(module_value);
        let mut module_slot = None;
        if !single {
            let slot = self.temp();
            let value = module_value.take().unwrap_or(Expr::Local(slot));
            out.push(self.stmt_at(
                import.range,
                StmtKind::Assign(vec![Target::Local(slot)], value),
            ));
            module_slot = Some(slot);
        }
        for alias in &import.names {
            let source = match (module_value.take(), module_slot) {
                (Some(value), _) => value,
                (None, Some(slot)) => Expr::Local(slot),
                (None, None) => return Err(self.error(alias.range, "invalid syntax")),
            };
            let attr = self.code.name_id(&alias.name);
            let value = Expr::ImportFrom(Box::new(source), attr);
            let target = self.store(alias.asname.as_ref().unwrap_or(&alias.name));
            out.push(self.stmt_at(alias.range, StmtKind::Assign(vec![target], value)));
        }
        Ok(())
    }
}
