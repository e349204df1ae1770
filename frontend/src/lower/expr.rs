//! Expressions.

use ruff_python_ast::{self as ast, Expr as AstExpr};
use ruff_text_size::Ranged;

use super::{Lower, Result};
use crate::ir::{Args, BinOp, CmpOp, Const, DictItem, Elt, Expr, Kwarg, UnaryOp};
use crate::scope::ComprehensionKind;

impl<'a> Lower<'a> {
    pub(super) fn expr(&mut self, expr: &AstExpr) -> Result<Expr> {
        self.enter(expr.range())?;
        let result = self.expr_inner(expr);
        self.leave();
        result
    }

    fn boxed(&mut self, expr: &AstExpr) -> Result<Box<Expr>> {
        self.expr(expr).map(Box::new)
    }

    fn optional(&mut self, expr: &Option<Box<AstExpr>>) -> Result<Option<Box<Expr>>> {
        expr.as_deref().map(|e| self.boxed(e)).transpose()
    }

    fn expr_inner(&mut self, expr: &AstExpr) -> Result<Expr> {
        Ok(match expr {
            AstExpr::BoolOp(b) => self.bool_op(b)?,
            AstExpr::Named(named) => {
                let value = self.boxed(&named.value)?;
                Expr::Named(Box::new(self.target(&named.target)?), value)
            }
            AstExpr::BinOp(b) => {
                Expr::BinOp(binary_op(b.op), self.boxed(&b.left)?, self.boxed(&b.right)?)
            }
            AstExpr::UnaryOp(u) => Expr::Unary(unary_op(u.op), self.boxed(&u.operand)?),
            AstExpr::Lambda(lambda) => self.lambda(lambda)?,
            AstExpr::If(i) => Expr::IfElse(
                self.boxed(&i.test)?,
                self.boxed(&i.body)?,
                self.boxed(&i.orelse)?,
            ),
            AstExpr::Dict(d) => self.dict(d)?,
            AstExpr::Set(s) => Expr::Set(self.elements(&s.elts)?),
            AstExpr::List(l) => Expr::List(self.elements(&l.elts)?),
            AstExpr::Tuple(t) => Expr::Tuple(self.elements(&t.elts)?),
            AstExpr::ListComp(c) => self.comprehension(
                c,
                c.range,
                ComprehensionKind::List,
                &c.generators,
                &c.elt,
                None,
            )?,
            AstExpr::SetComp(c) => self.comprehension(
                c,
                c.range,
                ComprehensionKind::Set,
                &c.generators,
                &c.elt,
                None,
            )?,
            AstExpr::Generator(c) => self.comprehension(
                c,
                c.range,
                ComprehensionKind::Generator,
                &c.generators,
                &c.elt,
                None,
            )?,
            AstExpr::DictComp(c) => match &c.key {
                Some(key) => self.comprehension(
                    c,
                    c.range,
                    ComprehensionKind::Dict,
                    &c.generators,
                    key,
                    Some(&c.value),
                )?,
                None => {
                    return Err(self.error(
                        c.range,
                        "dict unpacking cannot be used in dict comprehension",
                    ))
                }
            },
            AstExpr::Await(a) => Expr::Await(self.boxed(&a.value)?),
            AstExpr::Yield(y) => Expr::Yield(self.optional(&y.value)?),
            AstExpr::YieldFrom(y) => Expr::YieldFrom(self.boxed(&y.value)?),
            AstExpr::Compare(c) => {
                let left = self.boxed(&c.left)?;
                let mut rest = Vec::with_capacity(c.ops.len());
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    rest.push((compare_op(*op), self.expr(right)?));
                }
                Expr::Compare(left, rest)
            }
            AstExpr::Call(call) => self.call(call)?,
            AstExpr::FString(f) => self.fstring(&f.value)?,
            AstExpr::TString(t) => self.tstring(&t.value)?,
            AstExpr::StringLiteral(s) => self.str_const(s.value.to_str()),
            AstExpr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.bytes().collect();
                self.constant(Const::Bytes(bytes.into()))
            }
            AstExpr::NumberLiteral(n) => self.number(&n.value),
            AstExpr::BooleanLiteral(b) => {
                self.constant(if b.value { Const::True } else { Const::False })
            }
            AstExpr::NoneLiteral(_) => self.constant(Const::None),
            AstExpr::EllipsisLiteral(_) => self.constant(Const::Ellipsis),
            AstExpr::Attribute(a) => {
                let value = self.boxed(&a.value)?;
                Expr::Attribute(value, self.attr_id(&a.attr))
            }
            AstExpr::Subscript(s) => Expr::Subscript(self.boxed(&s.value)?, self.boxed(&s.slice)?),
            AstExpr::Starred(s) => {
                return Err(self.error(s.range, "can't use starred expression here"))
            }
            AstExpr::Name(name) => self.load(&name.id),
            AstExpr::Slice(s) => Expr::Slice(
                self.optional(&s.lower)?,
                self.optional(&s.upper)?,
                self.optional(&s.step)?,
            ),
            AstExpr::IpyEscapeCommand(c) => return Err(self.error(c.range, "invalid syntax")),
        })
    }

    /// `a and b and c` -> `And(a, And(b, c))`.
    fn bool_op(&mut self, b: &ast::ExprBoolOp) -> Result<Expr> {
        let values = b
            .values
            .iter()
            .map(|v| self.expr(v))
            .collect::<Result<Vec<_>>>()?;
        let mut values = values.into_iter().rev();
        let Some(mut folded) = values.next() else {
            return Err(self.error(b.range, "invalid syntax"));
        };
        for value in values {
            folded = match b.op {
                ast::BoolOp::And => Expr::And(Box::new(value), Box::new(folded)),
                ast::BoolOp::Or => Expr::Or(Box::new(value), Box::new(folded)),
            };
        }
        Ok(folded)
    }

    fn dict(&mut self, d: &ast::ExprDict) -> Result<Expr> {
        let mut items = Vec::with_capacity(d.items.len());
        for item in &d.items {
            items.push(match &item.key {
                Some(key) => DictItem::Pair(self.expr(key)?, self.expr(&item.value)?),
                None => DictItem::Unpack(self.expr(&item.value)?),
            });
        }
        Ok(Expr::Dict(items))
    }

    /// Elements of a display or positional arguments, `*x` included.
    pub(super) fn elements(&mut self, elements: &[AstExpr]) -> Result<Vec<Elt>> {
        elements
            .iter()
            .map(|e| match e {
                AstExpr::Starred(s) => Ok(Elt::Star(self.expr(&s.value)?)),
                other => Ok(Elt::Item(self.expr(other)?)),
            })
            .collect()
    }

    pub(super) fn arguments(&mut self, arguments: &ast::Arguments) -> Result<Args> {
        let args = self.elements(&arguments.args)?;
        let mut kwargs = Vec::with_capacity(arguments.keywords.len());
        for keyword in arguments.keywords.iter() {
            let value = self.expr(&keyword.value)?;
            // Keyword names are not mangled.
            kwargs.push(match &keyword.arg {
                Some(name) => Kwarg::Named(self.code.name_id(name), value),
                None => Kwarg::Unpack(value),
            });
        }
        Ok(Args { args, kwargs })
    }

    /// Calls; `obj.name(...)` is a method call.
    fn call(&mut self, call: &ast::ExprCall) -> Result<Expr> {
        if let Some(sup) = self.zero_argument_super(call) {
            return Ok(sup);
        }
        match call.func.as_ref() {
            AstExpr::Attribute(a) => {
                let object = self.boxed(&a.value)?;
                let name = self.attr_id(&a.attr);
                Ok(Expr::CallMethod(
                    object,
                    name,
                    self.arguments(&call.arguments)?,
                ))
            }
            func => {
                let func = self.boxed(func)?;
                Ok(Expr::Call(func, self.arguments(&call.arguments)?))
            }
        }
    }
}

pub(super) fn binary_op(op: ast::Operator) -> BinOp {
    use ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::TrueDiv,
        O::FloorDiv => BinOp::FloorDiv,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::BitOr,
        O::BitXor => BinOp::BitXor,
        O::BitAnd => BinOp::BitAnd,
    }
}

fn unary_op(op: ast::UnaryOp) -> UnaryOp {
    match op {
        ast::UnaryOp::Invert => UnaryOp::Invert,
        ast::UnaryOp::Not => UnaryOp::Not,
        ast::UnaryOp::UAdd => UnaryOp::Pos,
        ast::UnaryOp::USub => UnaryOp::Neg,
    }
}

fn compare_op(op: ast::CmpOp) -> CmpOp {
    use ast::CmpOp as C;
    match op {
        C::Eq => CmpOp::Eq,
        C::NotEq => CmpOp::NotEq,
        C::Lt => CmpOp::Lt,
        C::LtE => CmpOp::LtE,
        C::Gt => CmpOp::Gt,
        C::GtE => CmpOp::GtE,
        C::Is => CmpOp::Is,
        C::IsNot => CmpOp::IsNot,
        C::In => CmpOp::In,
        C::NotIn => CmpOp::NotIn,
    }
}
