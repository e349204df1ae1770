//! Statements, assignment targets and loops.

use proc_macro2::TokenStream;
use protopy_frontend::ir::{BinOp, Expr, Stmt, StmtKind, Target};
use quote::quote;

use super::scope::{loop_label, Escape, FnGen, LoopCtx};

impl<'a> FnGen<'a> {
    pub fn block(&mut self, body: &[Stmt]) -> TokenStream {
        let stmts: Vec<TokenStream> = body.iter().map(|s| self.stmt(s)).collect();
        quote!(#(#stmts)*)
    }

    fn stmt(&mut self, s: &Stmt) -> TokenStream {
        let line = proc_macro2::Literal::u32_unsuffixed(s.line);
        let code = match &s.kind {
            StmtKind::Expr(e) => {
                let e = self.expr(e);
                quote!(#e;)
            }
            StmtKind::Assign(targets, value) => self.assign_stmt(targets, value),
            StmtKind::If(test, body, orelse) => {
                let t = self.test(test);
                let body = self.block(body);
                if orelse.is_empty() {
                    quote!(if #t { #body })
                } else {
                    let orelse = self.block(orelse);
                    quote!(if #t { #body } else { #orelse })
                }
            }
            StmtKind::While(test, body, orelse) => self.while_loop(s.line, test, body, orelse),
            StmtKind::For { target, iter, body, orelse } => self.for_loop(s.line, target, iter, body, orelse),
            StmtKind::Break => match self.loops.last().map(|l| l.id) {
                Some(id) => self.escape(Escape::Break(id), None),
                None => quote!(),
            },
            StmtKind::Continue => match self.loops.last().map(|l| l.id) {
                Some(id) => self.escape(Escape::Continue(id), None),
                None => quote!(),
            },
            StmtKind::Return(v) => {
                let v = match (v, self.ret) {
                    (Some(e), Some(t)) => Some(self.typed(e, t)),
                    (v, _) => v.as_ref().map(|e| self.expr(e)),
                };
                self.escape(Escape::Return, v)
            }
            StmtKind::Pass => quote!(),
            StmtKind::Raise(exc, cause) => {
                let exc = match exc {
                    Some(e) => {
                        let e = self.expr(e);
                        quote!(Some(#e))
                    }
                    None => quote!(None),
                };
                let cause = match cause {
                    Some(e) => {
                        let e = self.expr(e);
                        quote!(Some(#e))
                    }
                    None => quote!(None),
                };
                quote!(return Err(rt::raise_error(#exc, #cause));)
            }
            StmtKind::Try(t) => self.try_stmt(t),
            StmtKind::Delete(targets) => {
                let dels: Vec<TokenStream> = targets.iter().map(|t| self.delete(t)).collect();
                quote!(#(#dels)*)
            }
            StmtKind::Match(subject, cases) => self.match_stmt(subject, cases),
        };
        quote! {
            frame.line = #line;
            #code
        }
    }

    fn assign_stmt(&mut self, targets: &[Target], value: &Expr) -> TokenStream {
        // A typed local takes the value unboxed (`types.rs` made sure its
        // type is the local's).
        if let [Target::Local(slot)] = targets {
            if let Some(ty) = self.local_ty(*slot) {
                if self.ty(value) == Some(ty) {
                    let v = self.typed(value, ty);
                    let (id, _) = self.local(*slot);
                    return quote!(#id = Some(#v););
                }
            }
        }
        // A typed value stored at an int key, or as an item of an annotated
        // list of its type: written in place into a compact list, boxed
        // only for anything else (the value first, then the object and
        // the key).
        if let [Target::Subscript(obj, key)] = targets {
            if let Some(ty) = self.ty(value) {
                let int_key = self.ty(key) == Some(super::types::Ty::Int);
                if int_key || self.scope().item_of(obj, key) == Some(ty) {
                    let v = self.tmp("value");
                    let value = self.typed(value, ty);
                    let o = self.operand(obj);
                    let store = if self.ty(key) == Some(super::types::Ty::Int) {
                        let k = self.int_operand(key);
                        quote!(typed::set_item(#o, #k, #v)?;)
                    } else {
                        let k = self.operand(key);
                        quote!(typed::set_item_slow(#o, #k, #v)?;)
                    };
                    return quote!({
                        let #v = #value;
                        #store
                    });
                }
            }
        }
        // `x += rhs` on a local: in place, so `s += t` in a loop is linear.
        if let ([Target::Local(slot)], Expr::InPlace(BinOp::Add, lhs, rhs)) = (targets, value) {
            if matches!(**lhs, Expr::Local(s2) if s2 == *slot) && self.local_ty(*slot).is_none() {
                let (id, name) = self.local(*slot);
                let rhs = self.expr(rhs);
                let v = self.tmp("value");
                return quote!({
                    let #v = #rhs;
                    inplace_add_local(&mut #id, #name, &#v)?;
                });
            }
        }
        let v = self.expr(value);
        match targets {
            [t] => self.assign(t, v),
            many => {
                let value = self.tmp("value");
                let stores: Vec<TokenStream> = many.iter().map(|t| self.assign(t, quote!(#value.clone()))).collect();
                quote!({
                    let #value = #v;
                    #(#stores)*
                })
            }
        }
    }

    /// Store `value` (an expression evaluated first) into a target.
    pub fn assign(&mut self, t: &Target, value: TokenStream) -> TokenStream {
        match t {
            Target::Local(slot) => {
                let (id, _) = self.local(*slot);
                match self.local_ty(*slot) {
                    Some(ty) => {
                        let v = super::unboxed::unbox(value, ty);
                        quote!(#id = Some(#v);)
                    }
                    None => quote!(#id = Some(#value);),
                }
            }
            Target::Cell(i) => {
                let i = proc_macro2::Literal::usize_unsuffixed(*i as usize);
                let t = self.tmp("value");
                quote!({
                    let #t = #value;
                    frame.store_cell(#i, #t);
                })
            }
            Target::Global(id) => {
                let n = self.name(*id);
                let t = self.tmp("value");
                quote!({
                    let #t = #value;
                    frame.store_global(#n, #t)?;
                })
            }
            Target::Name(id) => {
                let n = self.name(*id);
                let t = self.tmp("value");
                quote!({
                    let #t = #value;
                    frame.store_name(#n, #t)?;
                })
            }
            // The value first, then the object (and key), as Python
            // evaluates them; a local object is borrowed, not cloned.
            Target::Attribute(obj, id) => {
                let v = self.tmp("value");
                let o = self.operand(obj);
                let n = self.name(*id);
                let site = self.module.attr_site();
                let attrs = self.attrs();
                quote!({
                    let #v = #value;
                    set_attr(#attrs, #site, #o, #n, #v)?;
                })
            }
            Target::Subscript(obj, key) => {
                let v = self.tmp("value");
                let o = self.operand(obj);
                if let Expr::Slice(a, b, c) = key {
                    let (a, b, c) = self.slice_parts(a, b, c);
                    return quote!({
                        let #v = #value;
                        fast::setslice(#o, #a, #b, #c, #v)?;
                    });
                }
                let k = self.operand(key);
                quote!({
                    let #v = #value;
                    fast::setitem(#o, #k, #v)?;
                })
            }
            Target::Unpack(targets, star) => {
                let items = self.tmp("items");
                let n = proc_macro2::Literal::usize_unsuffixed(targets.len());
                let star = match star {
                    Some(s) => {
                        let s = proc_macro2::Literal::usize_unsuffixed(*s);
                        quote!(Some(#s))
                    }
                    None => quote!(None),
                };
                let stores: Vec<TokenStream> = targets
                    .iter()
                    .map(|t| self.assign(t, quote!(#items.next().unwrap_or(Value::None))))
                    .collect();
                quote!({
                    let mut #items = rt::unpack(&#value, #n, #star)?.into_iter();
                    #(#stores)*
                })
            }
        }
    }

    fn delete(&mut self, t: &Target) -> TokenStream {
        match t {
            Target::Local(slot) => {
                let (id, name) = self.local(*slot);
                quote!(delete_local(&mut #id, #name)?;)
            }
            Target::Cell(i) => {
                let i = proc_macro2::Literal::usize_unsuffixed(*i as usize);
                quote!(frame.delete_cell(#i)?;)
            }
            Target::Global(id) => {
                let n = self.name(*id);
                quote!(frame.delete_global(#n)?;)
            }
            Target::Name(id) => {
                let n = self.name(*id);
                quote!(frame.delete_name(#n)?;)
            }
            Target::Attribute(obj, id) => {
                let o = self.expr(obj);
                let n = self.name(*id);
                quote!(ops::delattr(&#o, #n)?;)
            }
            Target::Subscript(obj, key) => {
                let o = self.expr(obj);
                let k = self.expr(key);
                quote!(ops::delitem(&#o, &#k)?;)
            }
            Target::Unpack(targets, _) => {
                let dels: Vec<TokenStream> = targets.iter().map(|t| self.delete(t)).collect();
                quote!(#(#dels)*)
            }
        }
    }

    fn enter_loop(&mut self) -> u32 {
        let id = self.fresh();
        self.loops.push(LoopCtx { id, depth: self.depth() });
        id
    }

    fn while_loop(&mut self, line: u32, test: &Expr, body: &[Stmt], orelse: &[Stmt]) -> TokenStream {
        let line = proc_macro2::Literal::u32_unsuffixed(line);
        let t = self.test(test);
        let orelse = self.block(orelse);
        let id = self.enter_loop();
        let label = loop_label(id);
        let body = self.block(body);
        self.loops.pop();
        quote! {
            #label: loop {
                frame.line = #line;
                fast::check_interrupts()?;
                if !#t {
                    #orelse
                    break #label;
                }
                #body
            }
        }
    }

    fn for_loop(&mut self, line: u32, target: &Target, iter: &Expr, body: &[Stmt], orelse: &[Stmt]) -> TokenStream {
        let line = proc_macro2::Literal::u32_unsuffixed(line);
        // `for x in range(...)`: while `range` is the builtin, the loop
        // counts without making a range object.
        let start = match iter {
            Expr::Call(f, args)
                if matches!(&**f, Expr::Global(id) | Expr::Builtin(id) if self.name_text(*id) == "range")
                    && args.kwargs.is_empty()
                    && (1..=3).contains(&args.args.len())
                    && args.args.iter().all(|a| matches!(a, protopy_frontend::ir::Elt::Item(_))) =>
            {
                let func = self.expr(f);
                let values: Vec<TokenStream> = args
                    .args
                    .iter()
                    .map(|a| match a {
                        protopy_frontend::ir::Elt::Item(x) | protopy_frontend::ir::Elt::Star(x) => self.expr(x),
                    })
                    .collect();
                quote!(fast::ForIter::range(&#func, &[#(#values),*])?)
            }
            _ => {
                let src = self.expr(iter);
                quote!(fast::ForIter::new(&#src)?)
            }
        };
        let orelse = self.block(orelse);
        let it = self.tmp("iter");
        let item = self.tmp("item");
        // A typed counter (`for i in range(...)`) takes each int unboxed.
        let (next, store) = match target {
            Target::Local(slot) if self.local_ty(*slot) == Some(super::types::Ty::Int) => {
                let (id, _) = self.local(*slot);
                (quote!(next_int), quote!(#id = Some(#item);))
            }
            _ => (quote!(next), self.assign(target, quote!(#item))),
        };
        let id = self.enter_loop();
        let label = loop_label(id);
        let body = self.block(body);
        self.loops.pop();
        quote! {
            let mut #it = #start;
            #label: loop {
                fast::check_interrupts()?;
                let Some(#item) = #it.#next()? else {
                    #orelse
                    break #label;
                };
                #store
                #body
                frame.line = #line;
            }
        }
    }
}
