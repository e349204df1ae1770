//! Expressions of a known type (`types.rs`) as unboxed Rust values: an
//! `int` is a `typed::Int`, a `float` an `f64`, a `bool` a `bool`. The
//! runtime's `typed` functions keep Python's results exactly (overflow to
//! big ints, float division by zero, exact int/float comparisons).

use proc_macro2::{Literal, TokenStream};
use protopy_frontend::ir::{BinOp, CmpOp, Const, Expr, Target, UnaryOp};
use quote::quote;

use super::expr::binop;
use super::scope::FnGen;
use super::types::{self, Ty};

/// Tokens for a `Value` holding a typed value.
pub fn boxed(tokens: TokenStream, ty: Ty) -> TokenStream {
    match ty {
        Ty::Int => quote!((#tokens).into_value()),
        Ty::Float => quote!(Value::Float(#tokens)),
        Ty::Bool => quote!(Value::Bool(#tokens)),
    }
}

/// The Rust type of a typed local's slot contents.
pub fn rust_type(ty: Ty) -> TokenStream {
    match ty {
        Ty::Int => quote!(Int),
        Ty::Float => quote!(f64),
        Ty::Bool => quote!(bool),
    }
}

/// A `Value` converted to `ty` where the type is known to hold (a typed
/// local receiving a value from a generic path): a TypeError if not.
pub fn unbox(tokens: TokenStream, ty: Ty) -> TokenStream {
    match ty {
        Ty::Int => quote!(typed::unbox_int(#tokens)?),
        Ty::Float => quote!(typed::unbox_float(#tokens)?),
        Ty::Bool => quote!(typed::unbox_bool(#tokens)?),
    }
}

impl<'a> FnGen<'a> {
    /// The static type of `e` in this scope.
    pub fn ty(&self, e: &Expr) -> Option<Ty> {
        types::expr_ty(e, &self.types, self.scope())
    }

    /// What typed code knows of this scope.
    pub fn scope(&self) -> types::Scope<'_> {
        types::Scope { code: self.code, builtins: &self.module.builtins, lists: &self.lists, nonneg: &self.nonneg }
    }

    /// The type of local `slot`, if it is typed.
    pub fn local_ty(&self, slot: u32) -> Option<Ty> {
        self.types.get(slot as usize).copied().flatten()
    }

    /// `e` (of static type `ty`) as an unboxed value.
    pub fn typed(&mut self, e: &Expr, ty: Ty) -> TokenStream {
        match e {
            Expr::Const(i) => match (self.code.consts.get(*i as usize), ty) {
                (Some(Const::Int(v)), Ty::Int) => int_literal(*v),
                (Some(Const::Float(f)), Ty::Float) => super::scope::float_tokens(*f),
                (Some(Const::True), Ty::Bool) => quote!(true),
                (Some(Const::False), Ty::Bool) => quote!(false),
                _ => self.typed_fallback(e, ty),
            },
            Expr::Local(slot) if self.local_ty(*slot) == Some(ty) => {
                let (id, name) = self.local(*slot);
                match ty {
                    Ty::Int => quote!(typed::int_local(&#id, #name)?.clone()),
                    _ => quote!(typed::typed_local(&#id, #name)?),
                }
            }
            Expr::BinOp(op, a, b) | Expr::InPlace(op, a, b) => self.typed_arith(e, *op, a, b, ty),
            Expr::Unary(op, a) => {
                let at = self.ty(a);
                match (op, at) {
                    (UnaryOp::Not, _) => {
                        let t = self.test(a);
                        quote!(!#t)
                    }
                    (UnaryOp::Neg, Some(Ty::Int)) => {
                        let a = self.int_operand(a);
                        quote!(typed::int_neg(#a)?)
                    }
                    (UnaryOp::Invert, Some(Ty::Int)) => {
                        let a = self.int_operand(a);
                        quote!(typed::int_invert(#a)?)
                    }
                    (UnaryOp::Neg, Some(Ty::Float)) => {
                        let a = self.typed(a, Ty::Float);
                        quote!((-#a))
                    }
                    (UnaryOp::Pos, Some(t)) => self.typed(a, t),
                    _ => self.typed_fallback(e, ty),
                }
            }
            Expr::Compare(..) => {
                let t = self.test(e);
                quote!(#t)
            }
            Expr::Subscript(x, k) if self.scope().item_ty(e) == Some(ty) => {
                let rt = rust_type(ty);
                let o = self.operand(x);
                if self.ty(k) == Some(Ty::Int) {
                    let k = self.int_operand(k);
                    quote!(typed::item::<#rt>(#o, #k)?)
                } else {
                    let k = self.operand(k);
                    quote!(typed::item_slow::<#rt>(#o, #k)?)
                }
            }
            Expr::Call(f, args) if self.code.kind != protopy_frontend::ir::CodeKind::Class => {
                let target = match &**f {
                    Expr::Global(id) => self.module.direct_def(&self.name_text(*id), args.args.len()).map(|t| (*id, t)),
                    _ => None,
                };
                match target {
                    Some((id, target)) if self.module.return_ty_of(target) == Some(ty) => self.direct_call(id, target, args, Some(ty)),
                    _ => self.typed_fallback(e, ty),
                }
            }
            Expr::And(a, b) | Expr::Or(a, b) if ty == Ty::Bool => {
                let a = self.typed(a, Ty::Bool);
                let b = self.typed(b, Ty::Bool);
                if matches!(e, Expr::And(..)) {
                    quote!((#a && #b))
                } else {
                    quote!((#a || #b))
                }
            }
            Expr::IfElse(t, a, b) => {
                let t = self.test(t);
                let a = self.typed(a, ty);
                let b = self.typed(b, ty);
                quote!(if #t { #a } else { #b })
            }
            Expr::Named(t, v) => {
                let v = self.typed(v, ty);
                let value = self.tmp("value");
                let store = match &**t {
                    Target::Local(slot) if self.local_ty(*slot) == Some(ty) => {
                        let (id, _) = self.local(*slot);
                        quote!(#id = Some(#value.clone());)
                    }
                    other => self.assign(other, boxed(quote!(#value.clone()), ty)),
                };
                quote!({
                    let #value = #v;
                    #store
                    #value
                })
            }
            _ => self.typed_fallback(e, ty),
        }
    }

    /// A typed expression the cases above do not cover: computed as a
    /// `Value` and unboxed (the type says the check cannot fail).
    fn typed_fallback(&mut self, e: &Expr, ty: Ty) -> TokenStream {
        let v = self.generic_expr(e);
        unbox(v, ty)
    }

    /// An int operand as a `&Int` expression, borrowing fast locals.
    pub fn int_operand(&mut self, e: &Expr) -> TokenStream {
        match e {
            Expr::Local(slot) if self.borrow_locals && self.local_ty(*slot) == Some(Ty::Int) => {
                let (id, name) = self.local(*slot);
                quote!(typed::int_local(&#id, #name)?)
            }
            Expr::Const(i) => match self.code.consts.get(*i as usize) {
                Some(Const::Int(v)) => {
                    let v = int_literal(*v);
                    quote!(&#v)
                }
                _ => {
                    let v = self.typed(e, Ty::Int);
                    quote!(&#v)
                }
            },
            _ => {
                let v = self.typed(e, Ty::Int);
                quote!(&#v)
            }
        }
    }

    /// `a op b` with typed operands and result type `ty`.
    fn typed_arith(&mut self, e: &Expr, op: BinOp, a: &Expr, b: &Expr, ty: Ty) -> TokenStream {
        let (Some(at), Some(bt)) = (self.ty(a), self.ty(b)) else {
            return self.typed_fallback(e, ty);
        };
        let rop = binop(op);
        match (at, bt, ty) {
            (Ty::Int, Ty::Int, Ty::Int) => {
                let a = self.int_operand(a);
                let b = self.int_operand(b);
                quote!(typed::int_op(#rop, #a, #b)?)
            }
            (Ty::Int, Ty::Int, Ty::Float) => {
                let a = self.int_operand(a);
                let b = self.int_operand(b);
                quote!(typed::int_truediv(#a, #b)?)
            }
            (Ty::Float, Ty::Float, Ty::Float) => {
                let a = self.typed(a, Ty::Float);
                let b = self.typed(b, Ty::Float);
                match float_op(op, a, b) {
                    Some(t) => t,
                    None => self.typed_fallback(e, ty),
                }
            }
            (_, _, Ty::Float) => {
                // An int operand is converted after both are evaluated, as
                // `float.__add__` does.
                let (l, r) = (self.tmp("left"), self.tmp("right"));
                let av = self.typed(a, at);
                let bv = self.typed(b, bt);
                let conv = |t: Ty, v: &proc_macro2::Ident| match t {
                    Ty::Int => quote!(typed::int_to_f64(&#v)?),
                    _ => quote!(#v),
                };
                let (lc, rc) = (conv(at, &l), conv(bt, &r));
                let Some(body) = float_op(op, lc, rc) else { return self.typed_fallback(e, ty) };
                quote!({
                    let #l = #av;
                    let #r = #bv;
                    #body
                })
            }
            _ => self.typed_fallback(e, ty),
        }
    }

    /// A single comparison of typed numbers as a Rust `bool`, or None when
    /// the operands are not both typed numbers.
    pub fn typed_compare(&mut self, a: &Expr, op: CmpOp, b: &Expr) -> Option<TokenStream> {
        let cop = super::expr::cmpop(op)?;
        let (at, bt) = (self.ty(a)?, self.ty(b)?);
        Some(match (at, bt) {
            (Ty::Int, Ty::Int) => {
                let a = self.int_operand(a);
                let b = self.int_operand(b);
                quote!(typed::int_cmp(#a, #b, #cop)?)
            }
            (Ty::Float, Ty::Float) => {
                let a = self.typed(a, Ty::Float);
                let b = self.typed(b, Ty::Float);
                quote!(typed::float_cmp(#a, #b, #cop))
            }
            (Ty::Float, Ty::Int) => {
                let a = self.typed(a, Ty::Float);
                let b = self.int_operand(b);
                quote!(typed::float_int_cmp(#a, #b, #cop)?)
            }
            (Ty::Int, Ty::Float) => {
                let a = self.int_operand(a);
                let b = self.typed(b, Ty::Float);
                quote!(typed::int_float_cmp(#a, #b, #cop)?)
            }
            _ => return None,
        })
    }

    /// The truth of a typed expression, or None when `e` is untyped.
    pub fn typed_test(&mut self, e: &Expr) -> Option<TokenStream> {
        if let Expr::Compare(a, rest) = e {
            if rest.len() == 1 {
                if let Some(t) = self.typed_compare(a, rest[0].0, &rest[0].1) {
                    return Some(t);
                }
            }
        }
        if matches!(e, Expr::Compare(..) | Expr::Unary(UnaryOp::Not, _)) {
            return None;
        }
        Some(match self.ty(e)? {
            Ty::Bool => self.typed(e, Ty::Bool),
            Ty::Int => {
                let v = self.int_operand(e);
                quote!((#v).is_true())
            }
            Ty::Float => {
                let v = self.typed(e, Ty::Float);
                quote!((#v != 0.0))
            }
        })
    }
}

/// An int constant as an `Int`: small ones are built in place (63 bits,
/// see `typed::Int`).
fn int_literal(v: i64) -> TokenStream {
    let lit = Literal::i64_unsuffixed(v);
    if (-(1i64 << 62)..(1i64 << 62)).contains(&v) {
        quote!(Int::small(#lit))
    } else {
        quote!(Int::from_i64(#lit))
    }
}

/// `a op b` on two `f64`s, for the operators with a float result.
fn float_op(op: BinOp, a: TokenStream, b: TokenStream) -> Option<TokenStream> {
    Some(match op {
        BinOp::Add => quote!((#a + #b)),
        BinOp::Sub => quote!((#a - #b)),
        BinOp::Mul => quote!((#a * #b)),
        BinOp::TrueDiv => quote!(typed::float_div(#a, #b)?),
        BinOp::FloorDiv => quote!(typed::float_floordiv(#a, #b)?),
        BinOp::Mod => quote!(typed::float_mod(#a, #b)?),
        BinOp::Pow => quote!(typed::float_pow(#a, #b)?),
        _ => return None,
    })
}
