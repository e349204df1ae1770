//! Expressions: each becomes a Rust expression of type `Value` (errors
//! leave through `?`), evaluated left to right as Python does.

use proc_macro2::{Literal, TokenStream};
use protopy_frontend::ir::{Args, BinOp, Code, CmpOp, DictItem, Elt, Expr, FPart, Kwarg, MakeClass, MakeFunction, UnaryOp};
use quote::quote;

use super::scope::FnGen;
use super::types::Ty;

pub fn binop(op: BinOp) -> TokenStream {
    match op {
        BinOp::Add => quote!(BinaryOp::Add),
        BinOp::Sub => quote!(BinaryOp::Sub),
        BinOp::Mul => quote!(BinaryOp::Mul),
        BinOp::MatMul => quote!(BinaryOp::MatMul),
        BinOp::TrueDiv => quote!(BinaryOp::TrueDiv),
        BinOp::FloorDiv => quote!(BinaryOp::FloorDiv),
        BinOp::Mod => quote!(BinaryOp::Mod),
        BinOp::Pow => quote!(BinaryOp::Pow),
        BinOp::LShift => quote!(BinaryOp::LShift),
        BinOp::RShift => quote!(BinaryOp::RShift),
        BinOp::BitOr => quote!(BinaryOp::Or),
        BinOp::BitXor => quote!(BinaryOp::Xor),
        BinOp::BitAnd => quote!(BinaryOp::And),
    }
}

impl<'a> FnGen<'a> {
    /// `e` as a `Value` expression: computed unboxed where its type is
    /// known (`unboxed.rs`), then boxed.
    pub fn expr(&mut self, e: &Expr) -> TokenStream {
        if !matches!(e, Expr::Const(_)) {
            if let Some(ty) = self.ty(e) {
                let t = self.typed(e, ty);
                return super::unboxed::boxed(t, ty);
            }
        }
        self.generic_expr(e)
    }

    /// `e` as a `Value` expression, each operation a runtime call.
    pub fn generic_expr(&mut self, e: &Expr) -> TokenStream {
        match e {
            Expr::Const(i) => self.constant(*i),
            Expr::Local(slot) => {
                let (id, name) = self.local(*slot);
                match self.local_ty(*slot) {
                    Some(ty) => {
                        let t = self.typed(e, ty);
                        super::unboxed::boxed(t, ty)
                    }
                    None => quote!(load_local(&#id, #name)?),
                }
            }
            Expr::Cell(i) => {
                let i = proc_macro2::Literal::usize_unsuffixed(*i as usize);
                quote!(frame.load_cell(#i)?)
            }
            Expr::Global(id) => {
                let load = self.global_result(*id);
                quote!(#load?)
            }
            Expr::Name(id) => {
                let n = self.name(*id);
                quote!(frame.load_name(#n)?)
            }
            Expr::ClassDeref(id, cell) => {
                let n = self.name(*id);
                let c = proc_macro2::Literal::usize_unsuffixed(*cell as usize);
                quote!(frame.load_class_deref(#n, #c)?)
            }
            Expr::Builtin(id) => {
                let n = self.name(*id);
                quote!(frame.builtin(#n)?)
            }
            Expr::Attribute(o, id) => {
                let o = self.operand(o);
                let n = self.name(*id);
                let site = self.module.attr_site();
                let attrs = self.attrs();
                quote!(get_attr(#attrs, #site, #o, #n)?)
            }
            Expr::Subscript(o, k) => {
                let o = self.operand(o);
                if let Expr::Slice(a, b, c) = &**k {
                    let (a, b, c) = self.slice_parts(a, b, c);
                    return quote!(fast::getslice(#o, #a, #b, #c)?);
                }
                let k = self.operand(k);
                quote!(fast::getitem(#o, #k)?)
            }
            Expr::Slice(a, b, c) => {
                let (a, b, c) = self.slice_parts(a, b, c);
                quote!(new_slice(#a, #b, #c))
            }
            Expr::BinOp(op, a, b) => {
                let op = binop(*op);
                let a = self.operand(a);
                let b = self.operand(b);
                quote!(fast::binary_op(#op, #a, #b)?)
            }
            Expr::InPlace(op, a, b) => {
                let op = binop(*op);
                let a = self.operand(a);
                let b = self.operand(b);
                quote!(fast::inplace_op(#op, #a, #b)?)
            }
            Expr::Unary(op, a) => {
                let a = self.expr(a);
                match op {
                    UnaryOp::Not => quote!(Value::Bool(!fast::truthy(&#a)?)),
                    UnaryOp::Neg => quote!(ops::unary_op(UnaryOp::Neg, &#a)?),
                    UnaryOp::Pos => quote!(ops::unary_op(UnaryOp::Pos, &#a)?),
                    UnaryOp::Invert => quote!(ops::unary_op(UnaryOp::Invert, &#a)?),
                }
            }
            Expr::And(a, b) | Expr::Or(a, b) => {
                let a = self.expr(a);
                let b = self.expr(b);
                let left = self.tmp("left");
                if matches!(e, Expr::And(..)) {
                    quote!({
                        let #left = #a;
                        if fast::truthy(&#left)? { #b } else { #left }
                    })
                } else {
                    quote!({
                        let #left = #a;
                        if fast::truthy(&#left)? { #left } else { #b }
                    })
                }
            }
            Expr::Compare(first, rest) => self.compare(first, rest),
            Expr::IfElse(t, a, b) => {
                let t = self.test(t);
                let a = self.expr(a);
                let b = self.expr(b);
                quote!(if #t { #a } else { #b })
            }
            Expr::Call(f, args) if args.args.is_empty() && args.kwargs.is_empty() && self.is_locals_call(f) => {
                let callee = self.expr(f);
                let locals = self.expr(&Expr::Locals);
                let func = self.tmp("value");
                quote!({
                    let #func = #callee;
                    if frame.is_builtin(&#func, "locals") || frame.is_builtin(&#func, "vars") {
                        #locals
                    } else {
                        ops::call(&#func, CallArgs::positional_only(&[]))?
                    }
                })
            }
            Expr::Call(f, args) => self.call(Callee::Function(f), args),
            Expr::CallMethod(o, id, args)
                if self.name_text(*id) == "append" && args.kwargs.is_empty() && matches!(&args.args[..], [Elt::Item(_)]) =>
            {
                // `xs.append(x)`: lists append in place.
                let n = self.name(*id);
                let site = self.module.attr_site();
                let recv = self.operand(o);
                let [Elt::Item(item)] = &args.args[..] else { unreachable!() };
                let item = self.expr(item);
                let (r, v) = (self.tmp("left"), self.tmp("value"));
                let attrs = self.attrs();
                quote!({
                    let #r = #recv;
                    let #v = #item;
                    call_append(#attrs, #site, #r, #n, #v)?
                })
            }
            Expr::CallMethod(o, id, args) => {
                let n = self.name(*id);
                let site = self.module.attr_site();
                // Not from a class body: a direct call registers no frame
                // (see `process::DirectGuard`).
                if self.code.kind != protopy_frontend::ir::CodeKind::Class
                    && args.kwargs.is_empty()
                    && args.args.iter().all(|e| matches!(e, Elt::Item(_)))
                {
                    let module = self.module;
                    let targets = module.method_defs(&self.name_text(*id), args.args.len() + 1);
                    if !targets.is_empty() {
                        return self.method_direct_call(o, n, site, &targets, &positional(args));
                    }
                }
                self.call(Callee::Method(o, n, site), args)
            }
            Expr::Tuple(elts) => {
                let v = self.elts(elts);
                quote!(Value::tuple(#v))
            }
            Expr::List(elts) => {
                let v = self.elts(elts);
                quote!(Value::list(#v))
            }
            Expr::Set(elts) => {
                let v = self.elts(elts);
                quote!(new_set(#v)?)
            }
            Expr::Dict(items) => self.dict(items),
            Expr::Function(mf) => self.make_function(mf),
            Expr::Class(mc) => self.make_class(mc),
            Expr::FString(parts) => {
                let text = self.fstring(parts, "text");
                quote!(Value::string(#text))
            }
            Expr::Yield(v) => {
                let v = match v {
                    Some(v) => self.expr(v),
                    None => quote!(Value::None),
                };
                {
                    let t = self.tmp("value");
                    quote!({
                        let #t = #v;
                        frame.yield_value(#t)?
                    })
                }
            }
            Expr::YieldFrom(v) => {
                let v = self.expr(v);
                {
                    let t = self.tmp("value");
                    quote!({
                        let #t = #v;
                        frame.yield_from(#t)?
                    })
                }
            }
            Expr::Await(v) => {
                let v = self.expr(v);
                {
                    let t = self.tmp("value");
                    quote!({
                        let #t = #v;
                        frame.await_value(#t)?
                    })
                }
            }
            Expr::Named(t, v) => {
                let v = self.expr(v);
                let value = self.tmp("value");
                let store = self.assign(t, quote!(#value.clone()));
                quote!({
                    let #value = #v;
                    #store
                    #value
                })
            }
            Expr::Import { name, fromlist, level } => {
                let modname = Literal::string(&self.name_text(*name));
                let names: Vec<TokenStream> = fromlist.iter().map(|i| self.name(*i)).collect();
                let level = Literal::u32_unsuffixed(*level);
                quote!(frame.import(#modname, &[#(#names),*], #level)?)
            }
            Expr::ImportFrom(m, id) => {
                let m = self.expr(m);
                let n = self.name(*id);
                quote!(rt::import_from(&#m, #n)?)
            }
            Expr::ImportStar(m) => {
                let m = self.expr(m);
                quote!(frame.import_star(&#m)?)
            }
            Expr::Super(cls, first) => {
                let c = self.expr_result(cls);
                let f = self.expr_result(first);
                quote!(zero_arg_super(#c, #f)?)
            }
            Expr::CurrentException => quote!(current_exception()),
            Expr::Locals => {
                let mut pairs = Vec::new();
                for (slot, n) in self.code.locals.iter().enumerate() {
                    if n.starts_with('$') || n.starts_with('.') {
                        continue;
                    }
                    let (id, lit) = self.local(slot as u32);
                    pairs.push(quote!((#lit, &#id)));
                }
                quote!(frame.locals_dict(&[#(#pairs),*])?)
            }
        }
    }

    /// `locals()` / `vars()` in a function: the locals are Rust variables
    /// of this fn, so the call is answered here when it is the builtin.
    fn is_locals_call(&self, f: &Expr) -> bool {
        match f {
            Expr::Global(id) => {
                let n = self.name_text(*id);
                (n == "locals" || n == "vars") && self.code.kind != protopy_frontend::ir::CodeKind::Module
            }
            _ => false,
        }
    }

    /// `e` as an operand an operation only reads: a `&Value` expression,
    /// borrowing string constants and fast locals where it can.
    pub fn operand(&mut self, e: &Expr) -> TokenStream {
        match e {
            Expr::Const(i) if self.const_str(*i).is_some() => {
                let lit = Literal::string(self.const_str(*i).unwrap_or(""));
                quote!(name!(#lit))
            }
            Expr::Local(slot) if self.borrow_locals && self.local_ty(*slot).is_none() => {
                let (id, name) = self.local(*slot);
                quote!(local_ref(&#id, #name)?)
            }
            other => {
                let v = self.expr(other);
                quote!(&#v)
            }
        }
    }

    /// `e` as a `PyResult<Value>` expression (errors not yet raised).
    pub fn expr_result(&mut self, e: &Expr) -> TokenStream {
        match e {
            Expr::Local(slot) if self.local_ty(*slot).is_none() => {
                let (id, name) = self.local(*slot);
                quote!(load_local(&#id, #name))
            }
            Expr::Cell(i) => {
                let i = proc_macro2::Literal::usize_unsuffixed(*i as usize);
                quote!(frame.load_cell(#i))
            }
            Expr::Global(id) => self.global_result(*id),
            Expr::Name(id) => {
                let n = self.name(*id);
                quote!(frame.load_name(#n))
            }
            Expr::Builtin(id) => {
                let n = self.name(*id);
                quote!(frame.builtin(#n))
            }
            other => {
                let v = self.expr(other);
                quote!((|| -> PyResult<Value> { Ok(#v) })())
            }
        }
    }

    /// `e` as a Rust `bool` (its truth value).
    pub fn test(&mut self, e: &Expr) -> TokenStream {
        if let Some(t) = self.typed_test(e) {
            return t;
        }
        match e {
            Expr::Unary(UnaryOp::Not, a) => {
                let a = self.test(a);
                quote!(!#a)
            }
            Expr::Subscript(x, k) if !matches!(**k, Expr::Slice(..)) && self.ty(k) == Some(Ty::Int) => {
                let o = self.operand(x);
                let k = self.int_operand(k);
                quote!(typed::item_truth(#o, #k)?)
            }
            Expr::Compare(a, rest) if rest.len() == 1 => {
                let (op, b) = (&rest[0].0, &rest[0].1);
                let a = self.operand(a);
                let b = self.operand(b);
                match cmpop(*op) {
                    Some(op) => quote!(fast::compare_bool(#a, #b, #op)?),
                    None => match op {
                        CmpOp::Is => quote!((#a).is(#b)),
                        CmpOp::IsNot => quote!(!(#a).is(#b)),
                        CmpOp::In => {
                            // The container is evaluated second but searched first.
                            let (item, container) = (self.tmp("left"), self.tmp("right"));
                            quote!({
                                let #item = #a;
                                let #container = #b;
                                ops::contains(#container, #item)?
                            })
                        }
                        _ => {
                            let (item, container) = (self.tmp("left"), self.tmp("right"));
                            quote!({
                                let #item = #a;
                                let #container = #b;
                                !ops::contains(#container, #item)?
                            })
                        }
                    },
                }
            }
            other => {
                let v = self.expr(other);
                quote!(fast::truthy(&#v)?)
            }
        }
    }

    fn compare(&mut self, first: &Expr, rest: &[(CmpOp, Expr)]) -> TokenStream {
        let first = self.expr(first);
        let left = self.tmp("left");
        let inner = self.compare_rest(&left, rest);
        quote!({
            let #left = #first;
            #inner
        })
    }

    fn compare_rest(&mut self, left: &proc_macro2::Ident, rest: &[(CmpOp, Expr)]) -> TokenStream {
        let Some(((op, right_e), more)) = rest.split_first() else { return quote!(Value::Bool(true)) };
        let r = self.expr(right_e);
        let right = self.tmp("right");
        let result = match cmpop(*op) {
            Some(op) => quote!(fast::compare(&#left, &#right, #op)?),
            None => match op {
                CmpOp::Is => quote!(Value::Bool(#left.is(&#right))),
                CmpOp::IsNot => quote!(Value::Bool(!#left.is(&#right))),
                CmpOp::In => quote!(Value::Bool(ops::contains(&#right, &#left)?)),
                _ => quote!(Value::Bool(!ops::contains(&#right, &#left)?)),
            },
        };
        if more.is_empty() {
            return quote!({
                let #right = #r;
                #result
            });
        }
        let next = self.compare_rest(&right, more);
        let value = self.tmp("value");
        quote!({
            let #right = #r;
            let #value = #result;
            if fast::truthy(&#value)? { #next } else { #value }
        })
    }

    /// Items of a display: `vec![..]`, or a block building the vector when
    /// there is a starred item.
    pub fn elts(&mut self, elts: &[Elt]) -> TokenStream {
        if elts.iter().all(|e| matches!(e, Elt::Item(_))) {
            let items: Vec<TokenStream> = elts
                .iter()
                .map(|e| match e {
                    Elt::Item(x) | Elt::Star(x) => self.expr(x),
                })
                .collect();
            return quote!(vec![#(#items),*]);
        }
        let items = self.tmp("items");
        let mut steps = Vec::new();
        for e in elts {
            match e {
                Elt::Item(x) => {
                    let x = self.expr(x);
                    steps.push(quote!(#items.push(#x);));
                }
                Elt::Star(x) => {
                    let x = self.expr(x);
                    steps.push(quote!(rt::extend_star(&mut #items, &#x)?;));
                }
            }
        }
        quote!({
            let mut #items = Vec::new();
            #(#steps)*
            #items
        })
    }

    /// A slice's start, stop and step (None where omitted), in order.
    pub fn slice_parts(&mut self, a: &Option<Box<Expr>>, b: &Option<Box<Expr>>, c: &Option<Box<Expr>>) -> (TokenStream, TokenStream, TokenStream) {
        let mut part = |x: &Option<Box<Expr>>| match x {
            Some(x) => self.expr(x),
            None => quote!(Value::None),
        };
        (part(a), part(b), part(c))
    }

    /// A global load through the module's cache, as a `PyResult<Value>`.
    pub fn global_result(&self, id: u32) -> TokenStream {
        let slot = Literal::usize_unsuffixed(self.module.global_slot(&self.name_text(id)));
        let n = self.name(id);
        quote!(frame.global(&GLOBALS, #slot, #n))
    }

    /// `f(a, b)` where global `f` names a module-level `def` taking exactly
    /// these positional arguments: while the global still holds that
    /// function, its body is entered directly. The result is a `Value`, or
    /// with `want`, the unboxed value of the function's typed return (what
    /// a rebound name returns instead is checked to be of that type).
    pub fn direct_call(&mut self, id: u32, target: &Code, args: &Args, want: Option<Ty>) -> TokenStream {
        let slot = Literal::usize_unsuffixed(self.module.global_slot(&self.name_text(id)));
        let n = self.name(id);
        let info = self.module.static_of(target);
        let site = self.module.direct_site();
        let direct = self.module.direct_fn_of(target).unwrap_or_else(|| quote::format_ident!("missing_direct"));
        let func = self.tmp("func");
        let (steps, direct_args, values) = self.direct_arguments(target, &positional(args));
        let entered: Vec<proc_macro2::Ident> = direct_args.iter().map(|_| self.tmp("entered")).collect();
        let entry = quote!(frame.call_direct(&#info, |frame| self::#direct(frame, #(#entered),*))?);
        let generic = quote!(ops::call(&#func, CallArgs::positional_only(&[#(#values),*]))?);
        let (entry, generic) = match (self.module.return_ty_of(target), want) {
            (Some(r), Some(w)) if r == w => (entry, super::unboxed::unbox(generic, w)),
            (Some(r), _) => (super::unboxed::boxed(entry, r), generic),
            _ => (entry, generic),
        };
        quote!({
            let #func = frame.direct_target(&DIRECT[#site], &GLOBALS, #slot, #n, &#info)?;
            #(#steps)*
            match #func {
                None => {
                    #(let #entered = #direct_args;)*
                    #entry
                }
                Some(#func) => #generic,
            }
        })
    }

    /// The arguments of a call that may enter `target` directly: the steps
    /// evaluating them, each as the callee's parameter slot takes it, and
    /// each as a `Value` (for the generic call).
    fn direct_arguments(&mut self, target: &Code, args: &[&Expr]) -> (Vec<TokenStream>, Vec<TokenStream>, Vec<TokenStream>) {
        let annotated = self.module.params_of(target);
        let slots = self.module.local_types(target);
        let mut steps = Vec::new();
        let mut direct_args = Vec::new();
        let mut values = Vec::new();
        for (i, x) in args.iter().enumerate() {
            let t = self.tmp("operand");
            let slot = slots.get(i).copied().flatten();
            // Unboxed only when the parameter is.
            let arg_ty = if slot.is_some() { self.ty(x) } else { None };
            let v = match arg_ty {
                Some(ty) => self.typed(x, ty),
                None => self.expr(x),
            };
            steps.push(quote!(let #t = #v;));
            let value = match arg_ty {
                Some(ty) => super::unboxed::boxed(quote!(#t), ty),
                None => quote!(#t),
            };
            let declared = annotated.get(i).copied().flatten();
            direct_args.push(self.entered_param(target, i, slot, declared, arg_ty, quote!(#t), value.clone()));
            values.push(value);
        }
        (steps, direct_args, values)
    }

    /// Argument `i` as the directly entered body takes parameter `i`
    /// (slot type `slot`, annotated `declared`): `typed` is the argument
    /// evaluated as `arg_ty`, `value` the same as a `Value`.
    #[allow(clippy::too_many_arguments)]
    fn entered_param(
        &self,
        target: &Code,
        i: usize,
        slot: Option<Ty>,
        declared: Option<Ty>,
        arg_ty: Option<Ty>,
        typed: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        let index = Literal::usize_unsuffixed(i);
        let info = self.module.static_of(target);
        match (slot, declared, arg_ty) {
            (Some(s), _, Some(a)) if s == a => quote!(Some(#typed)),
            (Some(_), _, _) => quote!(Some(typed::param_int(#value, &#info, #index)?)),
            (None, Some(Ty::Int), _) => quote!(typed::opt_check_int(Some(#value), &#info, #index)?),
            (None, Some(_), _) => quote!(typed::opt_check_float(Some(#value), &#info, #index)?),
            (None, None, _) if self.module.list_params_of(target).get(i).copied().flatten().is_some() => {
                quote!(typed::opt_check_list(Some(#value), &#info, #index)?)
            }
            (None, None, _) => quote!(Some(#value)),
        }
    }

    /// Each argument evaluated into a temporary, in order: the `let`s and
    /// the temporaries.
    fn bound_operands(&mut self, args: &[&Expr]) -> (Vec<TokenStream>, Vec<TokenStream>) {
        let mut steps = Vec::new();
        let mut values = Vec::new();
        for x in args {
            let t = self.tmp("operand");
            let v = self.expr(x);
            steps.push(quote!(let #t = #v;));
            values.push(quote!(#t));
        }
        (steps, values)
    }

    /// `C(args)` for a global `C` where the module defines plain
    /// `__init__` methods `inits` taking these arguments: while `C` is a
    /// class whose call makes a plain instance and runs one of them, that
    /// `__init__` is entered directly.
    fn construct_call(&mut self, id: u32, inits: &[&Code], args: &Args) -> TokenStream {
        let cls = self.tmp("cls");
        let obj = self.tmp("obj");
        let load = self.global_result(id);
        let site = self.module.attr_site();
        let (steps, values) = self.bound_operands(&positional(args));
        let attrs = self.attrs();
        let (infos, arms) = self.entry_arms(inits, quote!(#obj), true, &values, |call| {
            quote!({
                init_returned(#call)?;
                #obj
            })
        });
        quote!({
            let #cls = #load?;
            #(#steps)*
            match construct_target(#attrs, #site, &#cls, name!("__init__"), frame.globals, &[#(#infos),*]) {
                #(#arms)*
                _ => ops::call(&#cls, CallArgs::positional_only(&[#(#values),*]))?,
            }
        })
    }

    /// For each of `targets` (entered with `first` as `self` and then
    /// `values`): its `CodeInfo`, and the match arm `Some((k, first))`
    /// that enters it (`first` is cloned when `keep_first`, else moved in);
    /// `wrap` finishes the arm from the call's value.
    fn entry_arms(
        &mut self,
        targets: &[&Code],
        first: TokenStream,
        keep_first: bool,
        values: &[TokenStream],
        wrap: impl Fn(TokenStream) -> TokenStream,
    ) -> (Vec<TokenStream>, Vec<TokenStream>) {
        let mut infos = Vec::new();
        let mut arms = Vec::new();
        for (k, target) in targets.iter().enumerate() {
            let info = self.module.static_of(target);
            let direct = self.module.direct_fn_of(target).unwrap_or_else(|| quote::format_ident!("missing_direct"));
            let annotated = self.module.params_of(target);
            let slots = self.module.local_types(target);
            let mut entered = Vec::new();
            let mut lets = Vec::new();
            for i in 0..=values.len() {
                let value = match i {
                    0 if keep_first => quote!(#first.clone()),
                    0 => first.clone(),
                    _ => values[i - 1].clone(),
                };
                let p = self.tmp("entered");
                let slot = slots.get(i).copied().flatten();
                let declared = annotated.get(i).copied().flatten();
                let arg = self.entered_param(target, i, slot, declared, None, value.clone(), value);
                lets.push(quote!(let #p = #arg;));
                entered.push(p);
            }
            let k = Literal::usize_unsuffixed(k);
            let call = wrap(quote!(frame.call_direct(&#info, |frame| self::#direct(frame, #(#entered),*))?));
            let pattern = quote!(Some((#k, #first)));
            arms.push(quote!(#pattern => {
                #(#lets)*
                #call
            }));
            infos.push(quote!(&#info));
        }
        (infos, arms)
    }

    /// `obj.name(args)` where the module defines plain methods `targets`
    /// called so: while the site's cache finds one of them as the method
    /// of `obj`'s class (and nothing in `obj` shadows it), or `obj` is a
    /// `super()` object finding one, its body is entered directly with
    /// the instance as `self`.
    fn method_direct_call(&mut self, o: &Expr, name: TokenStream, site: Literal, targets: &[&Code], args: &[&Expr]) -> TokenStream {
        let recv = self.tmp("recv");
        let recv_tokens = self.operand(o);
        let (steps, values) = self.bound_operands(args);
        let (infos, arms) = self.entry_arms(targets, quote!(#recv), false, &values, |call| call);
        let attrs = self.attrs();
        quote!({
            let #recv = #recv_tokens;
            #(#steps)*
            match method_target(#attrs, #site, #recv, #name, frame.globals, &[#(#infos),*]) {
                #(#arms)*
                _ => call_method(#attrs, #site, #recv, #name, CallArgs::positional_only(&[#(#values),*]))?,
            }
        })
    }

    /// A call. `callee` is the function (a `Value` expression) or, for a
    /// method call, the receiver (a `&Value` expression) and the name.
    /// Arguments that make new objects are bound in a block, so they are
    /// released as soon as the call returns (as CPython's reference
    /// counting does: a generator's `finally` or a `__del__` runs then).
    fn call(&mut self, callee: Callee, args: &Args) -> TokenStream {
        // Not from a class body: a direct call registers no frame (see
        // `process::DirectGuard`).
        if let (Callee::Function(Expr::Global(id)), false) = (&callee, self.code.kind == protopy_frontend::ir::CodeKind::Class) {
            if args.kwargs.is_empty() && args.args.iter().all(|e| matches!(e, Elt::Item(_))) {
                if let Some(target) = self.module.direct_def(&self.name_text(*id), args.args.len()) {
                    return self.direct_call(*id, target, args, None);
                }
                let module = self.module;
                let inits = module.method_defs("__init__", args.args.len() + 1);
                if !inits.is_empty() {
                    return self.construct_call(*id, &inits, args);
                }
            }
        }
        let simple_kw = args.kwargs.iter().all(|k| matches!(k, Kwarg::Named(..)));
        let simple_pos = args.args.iter().all(|e| matches!(e, Elt::Item(_)));
        let all_loads = args.args.iter().all(|e| matches!(e, Elt::Item(x) if is_load(x)))
            && args.kwargs.iter().all(|k| matches!(k, Kwarg::Named(_, x) if is_load(x)));
        if simple_pos && simple_kw {
            let mut values: Vec<TokenStream> = Vec::new();
            let mut kwnames = Vec::new();
            let callee_tokens = self.callee(&callee);
            for e in &args.args {
                let (Elt::Item(x) | Elt::Star(x)) = e;
                values.push(self.expr(x));
            }
            for k in &args.kwargs {
                if let Kwarg::Named(id, x) = k {
                    values.push(self.expr(x));
                    let n = self.name(*id);
                    kwnames.push(quote!(#n.clone()));
                }
            }
            let call_args = |values: TokenStream| {
                if kwnames.is_empty() {
                    quote!(CallArgs::positional_only(#values))
                } else {
                    quote!(CallArgs::new(#values, &[#(#kwnames),*]))
                }
            };
            if all_loads {
                let ca = call_args(quote!(&[#(#values),*]));
                return invoke(&callee, self.callee_attrs(&callee), callee_tokens, ca);
            }
            let func = self.tmp("func");
            let argv = self.tmp("args");
            let ca = call_args(quote!(&#argv));
            let call = invoke(&callee, self.callee_attrs(&callee), quote!(#func), ca);
            return quote!({
                let #func = #callee_tokens;
                let #argv = [#(#values),*];
                #call
            });
        }
        let func = self.tmp("func");
        let callee_tokens = self.callee(&callee);
        let args_v = self.tmp("args");
        let names_v = self.tmp("kwnames");
        let values_v = self.tmp("kwvalues");
        let pos = self.elts(&args.args);
        let mut steps = Vec::new();
        for k in &args.kwargs {
            match k {
                Kwarg::Named(id, x) => {
                    let x = self.expr(x);
                    let n = self.name(*id);
                    steps.push(quote! {
                        #names_v.push(#n.clone());
                        #values_v.push(#x);
                    });
                }
                Kwarg::Unpack(x) => {
                    let x = self.expr(x);
                    steps.push(quote!(rt::push_kwargs_unpack(&#x, &mut #names_v, &mut #values_v)?;));
                }
            }
        }
        let call = invoke(&callee, self.callee_attrs(&callee), quote!(#func), quote!(CallArgs::new(&#args_v, &#names_v)));
        quote!({
            let #func = #callee_tokens;
            let mut #args_v = #pos;
            let mut #names_v: Vec<Value> = Vec::new();
            let mut #values_v: Vec<Value> = Vec::new();
            #(#steps)*
            #args_v.extend(#values_v);
            #call
        })
    }

    /// The callee's tokens: the function value, or the receiver reference.
    /// The attribute cache a method call uses (nothing for a function).
    fn callee_attrs(&self, callee: &Callee) -> TokenStream {
        match callee {
            Callee::Function(_) => TokenStream::new(),
            Callee::Method(..) => self.attrs(),
        }
    }

    fn callee(&mut self, callee: &Callee) -> TokenStream {
        match callee {
            Callee::Function(f) => self.expr(f),
            Callee::Method(o, ..) => self.operand(o),
        }
    }

    fn dict(&mut self, items: &[DictItem]) -> TokenStream {
        if items.is_empty() {
            return quote!(Value::Dict(new_dict()));
        }
        let dict = self.tmp("dict");
        let mut steps = Vec::new();
        for it in items {
            match it {
                DictItem::Pair(k, v) => {
                    let k = self.expr(k);
                    let v = self.expr(v);
                    steps.push(quote!(#dict.set_item(#k, #v)?;));
                }
                DictItem::Unpack(m) => {
                    let m = self.expr(m);
                    steps.push(quote!(rt::update_dict_unpack(&#dict, &#m)?;));
                }
            }
        }
        quote!({
            let #dict = new_dict();
            #(#steps)*
            Value::Dict(#dict)
        })
    }

    fn make_function(&mut self, mf: &MakeFunction) -> TokenStream {
        let info = self.module.static_of(&mf.code);
        let defaults: Vec<TokenStream> = mf.defaults.iter().map(|d| self.expr(d)).collect();
        let kwdefaults: Vec<TokenStream> = mf
            .kwdefaults
            .iter()
            .map(|(id, d)| {
                let n = self.name(*id);
                let d = self.expr(d);
                quote!((#n.clone(), #d))
            })
            .collect();
        let closure: Vec<proc_macro2::Literal> = mf.closure.iter().map(|&i| proc_macro2::Literal::usize_unsuffixed(i as usize)).collect();
        // Arguments before the call: a direct call among them takes the frame.
        let (d, k) = (self.tmp("items"), self.tmp("items"));
        quote!({
            let #d = vec![#(#defaults),*];
            let #k = vec![#(#kwdefaults),*];
            frame.make_function(&#info, #d, #k, &[#(#closure),*])
        })
    }

    fn make_class(&mut self, mc: &MakeClass) -> TokenStream {
        let info = self.module.static_of(&mc.code);
        let name = self.name(mc.name);
        let bases = self.elts(&mc.bases);
        let keywords = self.tmp("kwnames");
        let mut steps = Vec::new();
        for k in &mc.keywords {
            match k {
                Kwarg::Named(id, x) => {
                    let n = self.name(*id);
                    let x = self.expr(x);
                    steps.push(quote!(#keywords.push((#n.clone(), #x));));
                }
                Kwarg::Unpack(x) => {
                    let x = self.expr(x);
                    steps.push(quote!(rt::class::class_keywords_from(&#x, &mut #keywords);));
                }
            }
        }
        let closure: Vec<proc_macro2::Literal> = mc.closure.iter().map(|&i| proc_macro2::Literal::usize_unsuffixed(i as usize)).collect();
        let cell = match mc.class_cell {
            Some(i) => {
                let i = proc_macro2::Literal::usize_unsuffixed(i as usize);
                quote!(Some(#i))
            }
            None => quote!(None),
        };
        let bases_v = self.tmp("items");
        if steps.is_empty() {
            return quote!({
                let #bases_v = #bases;
                frame.make_class(&#info, #name, #bases_v, Vec::new(), &[#(#closure),*], #cell)?
            });
        }
        quote!({
            let #bases_v = #bases;
            let mut #keywords = Vec::new();
            #(#steps)*
            frame.make_class(&#info, #name, #bases_v, #keywords, &[#(#closure),*], #cell)?
        })
    }

    /// An f-string as a Rust `String` expression.
    fn fstring(&mut self, parts: &[FPart], stem: &str) -> TokenStream {
        if let Some(lit) = self.literal_fstring(parts) {
            let lit = Literal::string(&lit);
            return quote!(String::from(#lit));
        }
        let text = self.tmp(stem);
        let mut steps = Vec::new();
        for p in parts {
            match p {
                FPart::Literal(i) => {
                    let s = Literal::string(self.const_str(*i).unwrap_or(""));
                    steps.push(quote!(#text.push_str(#s);));
                }
                FPart::Value { expr, conversion: None, spec: None } if self.ty(expr) == Some(Ty::Int) => {
                    let v = self.int_operand(expr);
                    steps.push(quote!(rt::push_int(&mut #text, #v)?;));
                }
                FPart::Value { expr, conversion, spec } => {
                    let v = self.expr(expr);
                    let conv = match conversion {
                        Some(c) => {
                            let c = Literal::character(*c);
                            quote!(Some(#c))
                        }
                        None => quote!(None),
                    };
                    let spec = match spec {
                        None => quote!(""),
                        Some(parts) => match self.literal_fstring(parts) {
                            Some(s) => {
                                let s = Literal::string(&s);
                                quote!(#s)
                            }
                            None => {
                                let s = self.fstring(parts, "spec");
                                quote!(&#s)
                            }
                        },
                    };
                    steps.push(quote!(rt::format_fvalue(&mut #text, #v, #conv, #spec)?;));
                }
            }
        }
        quote!({
            let mut #text = String::new();
            #(#steps)*
            #text
        })
    }

    fn literal_fstring(&self, parts: &[FPart]) -> Option<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Literal(i) => out.push_str(self.const_str(*i)?),
                FPart::Value { .. } => return None,
            }
        }
        Some(out)
    }
}

pub(super) fn cmpop(op: CmpOp) -> Option<TokenStream> {
    Some(match op {
        CmpOp::Eq => quote!(CompareOp::Eq),
        CmpOp::NotEq => quote!(CompareOp::Ne),
        CmpOp::Lt => quote!(CompareOp::Lt),
        CmpOp::LtE => quote!(CompareOp::Le),
        CmpOp::Gt => quote!(CompareOp::Gt),
        CmpOp::GtE => quote!(CompareOp::Ge),
        _ => return None,
    })
}

/// What a call calls.
/// The positional arguments' expressions (callers have checked there is
/// no `*` among them).
fn positional(args: &Args) -> Vec<&Expr> {
    args.args
        .iter()
        .map(|e| match e {
            Elt::Item(x) | Elt::Star(x) => x,
        })
        .collect()
}

enum Callee<'e> {
    Function(&'e Expr),
    /// Receiver, method name and attribute-cache site.
    Method(&'e Expr, TokenStream, Literal),
}

/// The call itself, given the callee's (bound or inline) tokens.
fn invoke(callee: &Callee, attrs: TokenStream, tokens: TokenStream, args: TokenStream) -> TokenStream {
    match callee {
        Callee::Function(_) => quote!(ops::call(&#tokens, #args)?),
        Callee::Method(_, name, site) => quote!(call_method(#attrs, #site, #tokens, #name, #args)?),
    }
}

/// A load that makes no new object (its temporary may live to the end of
/// the statement without changing when anything is released).
fn is_load(e: &Expr) -> bool {
    matches!(e, Expr::Const(_) | Expr::Local(_) | Expr::Cell(_) | Expr::Global(_) | Expr::Name(_) | Expr::Builtin(_))
}
