//! Assignment targets, `del` targets and augmented assignment.

use ruff_python_ast::{self as ast, Expr as AstExpr};
use ruff_text_size::Ranged;

use super::expr::binary_op;
use super::{Lower, Result};
use crate::ir::{Expr, Stmt, StmtKind, Target};

impl<'a> Lower<'a> {
    pub(super) fn target(&mut self, target: &AstExpr) -> Result<Target> {
        self.enter(target.range())?;
        let result = self.target_inner(target);
        self.leave();
        result
    }

    fn target_inner(&mut self, target: &AstExpr) -> Result<Target> {
        match target {
            AstExpr::Name(name) => Ok(self.store(&name.id)),
            AstExpr::Attribute(a) => {
                self.note_static_attribute(a);
                self.place(target)
            }
            AstExpr::Subscript(_) => self.place(target),
            AstExpr::Tuple(ast::ExprTuple { elts, .. })
            | AstExpr::List(ast::ExprList { elts, .. }) => {
                let mut targets = Vec::with_capacity(elts.len());
                let mut star = None;
                for (i, element) in elts.iter().enumerate() {
                    match element {
                        AstExpr::Starred(s) => {
                            star = Some(i);
                            targets.push(self.target(&s.value)?);
                        }
                        other => targets.push(self.target(other)?),
                    }
                }
                Ok(Target::Unpack(targets, star))
            }
            other => Err(self.error(other.range(), "cannot assign to expression")),
        }
    }

    /// An attribute or item target.
    fn place(&mut self, target: &AstExpr) -> Result<Target> {
        match target {
            AstExpr::Attribute(a) => {
                let object = self.expr(&a.value)?;
                Ok(Target::Attribute(object, self.attr_id(&a.attr)))
            }
            AstExpr::Subscript(s) => {
                let object = self.expr(&s.value)?;
                Ok(Target::Subscript(object, self.expr(&s.slice)?))
            }
            other => Err(self.error(other.range(), "cannot assign to expression")),
        }
    }

    /// `self.name = ...` in a function within a class body records `name`
    /// (unmangled, whatever `self` is) for `__static_attributes__`.
    fn note_static_attribute(&self, attribute: &ast::ExprAttribute) {
        let is_self =
            matches!(attribute.value.as_ref(), AstExpr::Name(n) if n.id.as_str() == "self");
        if is_self && self.scope_data().kind.is_function_like() {
            if let Some(names) = self.cx.static_attributes.borrow_mut().last_mut() {
                names.insert(attribute.attr.to_string());
            }
        }
    }

    /// `del a, (b, c), d.e` deletes each name, attribute or item in turn.
    pub(super) fn delete_targets(&mut self, target: &AstExpr, out: &mut Vec<Target>) -> Result<()> {
        self.enter(target.range())?;
        let result = match target {
            AstExpr::Tuple(ast::ExprTuple { elts, .. })
            | AstExpr::List(ast::ExprList { elts, .. }) => {
                elts.iter().try_for_each(|e| self.delete_targets(e, out))
            }
            AstExpr::Name(name) => {
                out.push(self.store(&name.id));
                Ok(())
            }
            AstExpr::Attribute(_) | AstExpr::Subscript(_) => {
                self.place(target).map(|t| out.push(t))
            }
            other => Err(self.error(other.range(), "cannot delete expression")),
        };
        self.leave();
        result
    }

    /// `t op= v`: the object (and index) of `t` are evaluated once, into
    /// temporaries, then loaded, combined in place and stored back. A
    /// local variable (or constant) needs no temporary: nothing in `v`
    /// can rebind it but a walrus.
    pub(super) fn aug_assign(
        &mut self,
        aug: &ast::StmtAugAssign,
        out: &mut Vec<Stmt>,
    ) -> Result<()> {
        let op = binary_op(aug.op);
        let (target, current) = match aug.target.as_ref() {
            AstExpr::Name(name) => (self.store(&name.id), self.load(&name.id)),
            AstExpr::Attribute(a) => {
                let object = self.expr(&a.value)?;
                let attr = self.attr_id(&a.attr);
                if matches!(object, Expr::Local(_)) && !has_walrus(&aug.value) {
                    let current = Expr::Attribute(Box::new(plain_copy(&object)), attr);
                    (Target::Attribute(object, attr), current)
                } else {
                    let slot = self.temp();
                    out.push(self.stmt_at(
                        aug.range,
                        StmtKind::Assign(vec![Target::Local(slot)], object),
                    ));
                    (
                        Target::Attribute(Expr::Local(slot), attr),
                        Expr::Attribute(Box::new(Expr::Local(slot)), attr),
                    )
                }
            }
            AstExpr::Subscript(s) => {
                let object = self.expr(&s.value)?;
                let index = self.expr(&s.slice)?;
                let plain = |e: &Expr| matches!(e, Expr::Local(_) | Expr::Const(_));
                if plain(&object) && plain(&index) && !has_walrus(&aug.value) {
                    let current = Expr::Subscript(
                        Box::new(plain_copy(&object)),
                        Box::new(plain_copy(&index)),
                    );
                    (Target::Subscript(object, index), current)
                } else {
                    let object_slot = self.temp();
                    out.push(self.stmt_at(
                        aug.range,
                        StmtKind::Assign(vec![Target::Local(object_slot)], object),
                    ));
                    let index_slot = self.temp();
                    out.push(self.stmt_at(
                        aug.range,
                        StmtKind::Assign(vec![Target::Local(index_slot)], index),
                    ));
                    (
                        Target::Subscript(Expr::Local(object_slot), Expr::Local(index_slot)),
                        Expr::Subscript(
                            Box::new(Expr::Local(object_slot)),
                            Box::new(Expr::Local(index_slot)),
                        ),
                    )
                }
            }
            other => {
                return Err(self.error(other.range(), "illegal expression for augmented assignment"))
            }
        };
        let value = self.expr(&aug.value)?;
        let combined = Expr::InPlace(op, Box::new(current), Box::new(value));
        out.push(self.stmt_at(aug.range, StmtKind::Assign(vec![target], combined)));
        Ok(())
    }
}

/// Whether `e` contains an assignment expression (which could rebind a
/// local the augmented assignment's target names).
fn has_walrus(e: &AstExpr) -> bool {
    use ruff_python_ast::visitor::{walk_expr, Visitor};
    struct Find(bool);
    impl<'a> Visitor<'a> for Find {
        fn visit_expr(&mut self, expr: &'a AstExpr) {
            if matches!(expr, AstExpr::Named(_)) {
                self.0 = true;
            } else if !self.0 {
                walk_expr(self, expr);
            }
        }
    }
    let mut f = Find(false);
    f.visit_expr(e);
    f.0
}

/// Another `Expr` for a local or constant load (the only kinds an
/// augmented assignment reuses without a temporary).
fn plain_copy(e: &Expr) -> Expr {
    match e {
        Expr::Local(slot) => Expr::Local(*slot),
        Expr::Const(id) => Expr::Const(*id),
        _ => unreachable!("only local and constant loads are reused"),
    }
}
