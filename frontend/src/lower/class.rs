//! `class` statements: the body becomes a `Class` code run in the new
//! namespace, which starts and ends by setting what CPython 3.13+ class
//! bodies set (`__module__`, `__qualname__`, `__firstlineno__`, `__doc__`;
//! `__static_attributes__`).

use std::sync::Arc;

use ruff_python_ast as ast;

use super::function::apply_decorators;
use super::stmt::{clean_docstring, docstring};
use super::{Lower, Result};
use crate::ir::{Code, CodeKind, Const, Elt, Expr, MakeClass, Name, Stmt, StmtKind, Target};
use crate::scope::{CLASSDICT, TYPE_PARAMS};

impl<'a> Lower<'a> {
    pub(super) fn class_def(
        &mut self,
        class: &ast::StmtClassDef,
        out: &mut Vec<Stmt>,
    ) -> Result<()> {
        let decorators = self.decorators(&class.decorator_list)?;
        let mangled = self.mangle(&class.name);
        let qualname = self.qualname_for(&class.name, Some(&mangled));
        let made = match &class.type_params {
            None => self.make_class(class, qualname, false)?,
            // `class C[T](B)`: the annotation scope binds the type
            // parameters and `.type_params`, then makes the class with
            // `typing.Generic` as its last base.
            Some(params) => {
                self.generic_scope(params, Vec::new(), class.range, |inner, tuple, body| {
                    let target = inner.store_mangled(TYPE_PARAMS);
                    body.push(inner.stmt_at(class.range, StmtKind::Assign(vec![target], tuple)));
                    inner.make_class(class, qualname, true)
                })?
            }
        };
        let value = apply_decorators(decorators, made);
        let target = self.store_mangled(&mangled);
        out.push(self.stmt_at(class.range, StmtKind::Assign(vec![target], value)));
        Ok(())
    }

    /// The class-making expression: bases and keywords evaluated here, the
    /// body in a code of its own.
    fn make_class(
        &mut self,
        class: &ast::StmtClassDef,
        qualname: Name,
        generic: bool,
    ) -> Result<Expr> {
        let Some(scope) = self.cx.scopes.of_node(class) else {
            return Err(self.error(class.range, "internal error: class without a scope"));
        };
        let (mut bases, keywords) = match &class.arguments {
            Some(arguments) => {
                let args = self.arguments(arguments)?;
                (args.args, args.kwargs)
            }
            None => (Vec::new(), Vec::new()),
        };
        if generic {
            bases.push(Elt::Item(self.builtin("$Generic")));
        }
        let line = self.line(class.range);
        let mut inner = self.nested(scope, CodeKind::Class, qualname.clone(), line);
        let mut body = inner.class_prologue(&qualname, line, generic);
        body.extend(inner.setup_annotations(&class.body, class.range));
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
        Ok(Expr::Class(Box::new(MakeClass {
            code,
            name,
            bases,
            keywords,
            closure,
            class_cell,
        })))
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
    /// `__firstlineno__ = N`, as CPython 3.13+ class bodies begin; then
    /// `__type_params__` for a generic class. A class whose annotation
    /// scopes read its names first keeps its namespace in a cell.
    fn class_prologue(&mut self, qualname: &str, line: u32, generic: bool) -> Vec<Stmt> {
        let module_name = Expr::Global(self.code.name_id("__name__"));
        let qualname = self.str_const(qualname);
        let first_line = self.constant(Const::Int(i64::from(line)));
        let mut assignments = vec![
            ("__module__", module_name),
            ("__qualname__", qualname),
            ("__firstlineno__", first_line),
        ];
        if generic {
            let params = self.load_mangled(TYPE_PARAMS);
            assignments.push(("__type_params__", params));
        }
        let mut prologue: Vec<Stmt> = assignments
            .into_iter()
            .map(|(name, value)| {
                let target = Target::Name(self.code.name_id(name));
                Stmt {
                    line,
                    kind: StmtKind::Assign(vec![target], value),
                }
            })
            .collect();
        if let Some(cell) = self.code.own_cell(CLASSDICT) {
            let kind = StmtKind::Assign(vec![Target::Cell(cell)], Expr::Locals);
            prologue.insert(0, Stmt { line, kind });
        }
        prologue
    }
}
