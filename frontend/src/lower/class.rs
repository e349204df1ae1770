//! `class` statements: the body becomes a `Class` code run in the new
//! namespace, which starts and ends by setting what CPython 3.13+ class
//! bodies set (`__module__`, `__qualname__`, `__firstlineno__`, `__doc__`;
//! `__static_attributes__`).

use std::sync::Arc;

use ruff_python_ast as ast;

use super::function::apply_decorators;
use super::stmt::{clean_docstring, docstring, PEP_695};
use super::{Lower, Result};
use crate::ir::{Code, CodeKind, Const, Expr, MakeClass, Stmt, StmtKind, Target};

impl<'a> Lower<'a> {
    pub(super) fn class_def(
        &mut self,
        class: &ast::StmtClassDef,
        out: &mut Vec<Stmt>,
    ) -> Result<()> {
        if class.type_params.is_some() {
            return Err(self.error(class.range, PEP_695));
        }
        let Some(scope) = self.cx.scopes.of_node(class) else {
            return Err(self.error(class.range, "internal error: class without a scope"));
        };
        let decorators = self.decorators(&class.decorator_list)?;
        let (bases, keywords) = match &class.arguments {
            Some(arguments) => {
                let args = self.arguments(arguments)?;
                (args.args, args.kwargs)
            }
            None => (Vec::new(), Vec::new()),
        };
        let mangled = self.mangle(&class.name);
        let qualname = self.qualname_for(&class.name, Some(&mangled));
        let line = self.line(class.range);
        let mut inner = self.nested(scope, CodeKind::Class, qualname.clone(), line);
        let mut body = inner.class_prologue(&qualname, line);
        let statements = match docstring(&class.body) {
            Some((text, range)) => {
                let doc = clean_docstring(&text);
                let value = inner.str_const(&doc);
                let target = Target::Name(inner.code.name_id("__doc__"));
                body.push(inner.stmt_at(range, StmtKind::Assign(vec![target], value)));
                inner.code.docstring = Some(doc.into());
                class.body.get(1..).unwrap_or_default()
            }
            None => &class.body[..],
        };
        self.cx
            .static_attributes
            .borrow_mut()
            .push(Default::default());
        let lowered = statements
            .iter()
            .try_for_each(|stmt| inner.stmt(stmt, &mut body));
        let attributes = self
            .cx
            .static_attributes
            .borrow_mut()
            .pop()
            .unwrap_or_default();
        lowered?;
        body.push(inner.static_attributes(attributes, line));
        let class_cell = inner
            .code
            .own_cell("__class__")
            .filter(|_| inner.scope_data().needs_class_cell);
        let code: Arc<Code> = Arc::new(inner.code.finish(body));
        let closure = self.closure_for(&code, class.range)?;
        let name = self.code.name_id(&class.name);
        let made = Expr::Class(Box::new(MakeClass {
            code,
            name,
            bases,
            keywords,
            closure,
            class_cell,
        }));
        let value = apply_decorators(decorators, made);
        let target = self.store_mangled(&mangled);
        out.push(self.stmt_at(class.range, StmtKind::Assign(vec![target], value)));
        Ok(())
    }

    /// `__static_attributes__ = ('a', 'b')`, ending every class body.
    fn static_attributes(&mut self, names: std::collections::BTreeSet<String>, line: u32) -> Stmt {
        let items = names
            .iter()
            .map(|n| crate::ir::Elt::Item(self.str_const(n)))
            .collect();
        let target = Target::Name(self.code.name_id("__static_attributes__"));
        Stmt {
            line,
            kind: StmtKind::Assign(vec![target], Expr::Tuple(items)),
        }
    }

    /// `__module__ = __name__`, `__qualname__ = '...'`,
    /// `__firstlineno__ = N`, as CPython 3.13+ class bodies begin.
    fn class_prologue(&mut self, qualname: &str, line: u32) -> Vec<Stmt> {
        let module_name = Expr::Global(self.code.name_id("__name__"));
        let qualname = self.str_const(qualname);
        let first_line = self.constant(Const::Int(i64::from(line)));
        [
            ("__module__", module_name),
            ("__qualname__", qualname),
            ("__firstlineno__", first_line),
        ]
        .into_iter()
        .map(|(name, value)| {
            let target = Target::Name(self.code.name_id(name));
            Stmt {
                line,
                kind: StmtKind::Assign(vec![target], value),
            }
        })
        .collect()
    }
}
