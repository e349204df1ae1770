//! Generating one scope's Rust fn: its locals, loops, and the closures
//! that `try` statements run their blocks in (a `return`, `break` or
//! `continue` leaving such a closure travels out as a `Flow`).

use std::cell::Cell;
use std::collections::{BTreeSet, HashSet};

use proc_macro2::{Ident, Literal, TokenStream};
use protopy_frontend::ir::{Code, Const, Stmt};
use quote::{format_ident, quote};

use super::names;
use super::types::Ty;
use super::ModuleGen;

/// A control transfer that leaves a closure.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Escape {
    Return,
    Break(u32),
    Continue(u32),
}

pub struct LoopCtx {
    pub id: u32,
    /// How many closures deep the loop itself is.
    pub depth: usize,
}

pub struct FnGen<'a> {
    pub module: &'a ModuleGen,
    pub code: &'a Code,
    pub locals: Vec<Ident>,
    /// The type of each local, where it is known (`types.rs`).
    pub types: Vec<Option<Ty>>,
    /// Which `Value` locals hold annotated lists (`types::ListTy`).
    pub lists: Vec<Option<super::types::ListTy>>,
    /// Which locals are never given a negative number.
    pub nonneg: Vec<bool>,
    pub loops: Vec<LoopCtx>,
    /// One set per closure currently open: what leaves it.
    pub closures: Vec<BTreeSet<Escape>>,
    /// Operands may borrow fast locals (no `:=` assigns one mid-expression).
    pub borrow_locals: bool,
    /// The unboxed type every `return` gives (`ModuleGen::return_ty_of`).
    pub ret: Option<Ty>,
    counter: Cell<u32>,
    /// The body used the per-call `attrs` handle (see `attrs`).
    uses_attrs: Cell<bool>,
}

impl<'a> FnGen<'a> {
    fn new(module: &'a ModuleGen, code: &'a Code, types: Vec<Option<Ty>>) -> FnGen<'a> {
        let mut used: HashSet<String> = HashSet::new();
        let locals: Vec<Ident> = code.locals.iter().map(|n| names::local_ident(n, &mut used)).collect();
        let mut walrus = false;
        for s in &code.body {
            super::visit_stmt(s, &mut |e| {
                if let protopy_frontend::ir::Expr::Named(t, _) = e {
                    walrus |= matches!(**t, protopy_frontend::ir::Target::Local(_));
                }
            });
        }
        FnGen {
            module,
            code,
            locals,
            types,
            lists: module.local_lists(code),
            nonneg: module.local_nonneg(code),
            loops: Vec::new(),
            closures: Vec::new(),
            borrow_locals: !walrus,
            ret: module.return_ty_of(code),
            counter: Cell::new(0),
            uses_attrs: Cell::new(false),
        }
    }

    /// The Rust type of each local's slot contents.
    fn slot_tys(&self) -> Vec<TokenStream> {
        self.types
            .iter()
            .map(|t| match t {
                Some(t) => super::unboxed::rust_type(*t),
                None => quote!(Value),
            })
            .collect()
    }

    /// The fn `name` that runs the body with the parameters as locals
    /// (`prelude` first), returning the typed return's type or a `Value`.
    fn direct_fn(&mut self, name: &Ident, doc: &str, prelude: TokenStream) -> TokenStream {
        let nparams = self.code.params.total();
        let slot_tys = self.slot_tys();
        let body = self.block(&self.code.body);
        // The attribute cache, looked up once per call where the body uses it.
        let attrs = self.uses_attrs.get().then(|| quote!(let attrs = Attrs::of(&ATTRS);));
        let params: Vec<&Ident> = self.locals.iter().take(nparams).collect();
        let param_slot_tys = &slot_tys[..nparams];
        let rest: Vec<&Ident> = self.locals.iter().skip(nparams).collect();
        let rest_tys = &slot_tys[nparams..];
        // A typed return: the body's every path returns (`types::returns_as`).
        let (returns, tail) = match self.ret {
            Some(t) => (super::unboxed::rust_type(t), quote!()),
            None => (quote!(Value), quote!(Ok(Value::None))),
        };
        quote! {
            #[doc = #doc]
            #[inline]
            fn #name(frame: &mut Frame<'_>, #(mut #params: Option<#param_slot_tys>),*) -> PyResult<#returns> {
                #prelude
                #attrs
                #(let mut #rest: Option<#rest_tys> = None;)*
                #body
                #tail
            }
        }
    }

    pub fn generate(module: &'a ModuleGen, code: &'a Code) -> TokenStream {
        let param_tys = module.params_of(code);
        let list_params = module.list_params_of(code);
        let mut g = FnGen::new(module, code, module.local_types(code));
        let fname = module.fn_of(code);
        let info = module.static_of(code);
        let nparams = code.params.total();
        // Each parameter from its bound argument: annotated ones checked,
        // an `int` one unboxed where the local stays typed. A `float` one
        // stays a `Value`: an int passed for it must stay an int.
        let entry: Vec<TokenStream> = (0..nparams)
            .map(|i| {
                let index = Literal::usize_unsuffixed(i);
                match (param_tys.get(i).copied().flatten(), g.types[i]) {
                    (Some(Ty::Int), Some(_)) => quote!(typed::opt_param_int(params.next(), &#info, #index)?),
                    (Some(Ty::Int), None) => quote!(typed::opt_check_int(params.next(), &#info, #index)?),
                    (Some(Ty::Float), _) => quote!(typed::opt_check_float(params.next(), &#info, #index)?),
                    _ if list_params.get(i).copied().flatten().is_some() => quote!(typed::opt_check_list(params.next(), &#info, #index)?),
                    _ => quote!(params.next()),
                }
            })
            .collect();
        let doc = format!(" `{}` ({}:{})", code.qualname, module.file, code.first_line);
        if let Some(direct) = module.direct_fn_of(code) {
            // The body takes its parameters as locals; the `CodeInfo` entry
            // point unpacks the bound arguments into it.
            let entered = match g.ret {
                Some(t) => {
                    let boxed = super::unboxed::boxed(quote!(#direct(frame, #(#entry),*)?), t);
                    quote!(Ok(#boxed))
                }
                None => quote!(#direct(frame, #(#entry),*)),
            };
            let direct_doc = format!(" `{}` entered with its parameters ({}:{})", code.qualname, module.file, code.first_line);
            let mut floats = quote!();
            let mut dispatch = quote!();
            if let Some((name, types)) = module.float_version_of(code) {
                // Every `float` parameter a float: enter the version where
                // they are unboxed.
                let (mut tests, mut float_params, mut args) = (Vec::new(), Vec::new(), Vec::new());
                for (i, p) in g.locals.iter().take(nparams).enumerate() {
                    if param_tys.get(i).copied().flatten() == Some(Ty::Float) && types[i] == Some(Ty::Float) {
                        tests.push(quote!(Some(Value::Float(#p))));
                        float_params.push(p);
                        args.push(quote!(Some(*#p)));
                    } else {
                        args.push(quote!(#p));
                    }
                }
                dispatch = quote! {
                    if let (#(#tests,)*) = (#(&#float_params,)*) {
                        return self::#name(frame, #(#args),*);
                    }
                };
                let float_doc = format!(" `{}` entered with a float for every `float` parameter ({}:{})", code.qualname, module.file, code.first_line);
                floats = FnGen::new(module, code, types).direct_fn(&name, &float_doc, quote!());
            }
            let direct_fn = g.direct_fn(&direct, &direct_doc, dispatch);
            return quote! {
                #[doc = #doc]
                fn #fname(frame: &mut Frame<'_>, params: Vec<Value>) -> PyResult<Value> {
                    let mut params = params.into_iter();
                    #entered
                }

                #direct_fn

                #floats
            };
        }
        let slot_tys = g.slot_tys();
        let mut prologue = Vec::new();
        if nparams > 0 {
            prologue.push(quote!(let mut params = params.into_iter();));
        }
        for (i, id) in g.locals.iter().enumerate() {
            let t = &slot_tys[i];
            if i < nparams {
                let e = &entry[i];
                prologue.push(quote!(let mut #id: Option<#t> = #e;));
            } else {
                prologue.push(quote!(let mut #id: Option<#t> = None;));
            }
        }
        let body = g.block(&code.body);
        // The attribute cache, looked up once per call where the body uses it.
        let attrs = g.uses_attrs.get().then(|| quote!(let attrs = Attrs::of(&ATTRS);));
        quote! {
            #[doc = #doc]
            fn #fname(frame: &mut Frame<'_>, params: Vec<Value>) -> PyResult<Value> {
                #attrs
                #(#prologue)*
                #body
                Ok(Value::None)
            }
        }
    }

    /// The attribute sites' cache: a handle taken once per call, unless
    /// the body can suspend (a generator may resume on another thread, so
    /// it reaches the thread-local cache at each site).
    pub fn attrs(&self) -> TokenStream {
        if self.code.is_generator || self.code.is_coroutine {
            return quote!(&ATTRS);
        }
        self.uses_attrs.set(true);
        quote!(attrs)
    }

    /// A fresh number for labels and temporaries.
    pub fn fresh(&self) -> u32 {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        n
    }

    pub fn tmp(&self, stem: &str) -> Ident {
        format_ident!("{}{}", stem, self.fresh())
    }

    pub fn local(&self, slot: u32) -> (Ident, Literal) {
        let id = self.locals.get(slot as usize).cloned().unwrap_or_else(|| format_ident!("missing_local"));
        let name = self.code.locals.get(slot as usize).map(|s| &**s).unwrap_or("?");
        (id, Literal::string(name))
    }

    /// The interned str for `code.names[id]`.
    pub fn name(&self, id: u32) -> TokenStream {
        let text = self.code.names.get(id as usize).map(|s| &**s).unwrap_or("?");
        let lit = Literal::string(text);
        quote!(name!(#lit))
    }

    pub fn name_text(&self, id: u32) -> String {
        self.code.names.get(id as usize).map(|s| s.to_string()).unwrap_or_default()
    }

    pub fn constant(&self, id: u32) -> TokenStream {
        match self.code.consts.get(id as usize) {
            None | Some(Const::None) => quote!(Value::None),
            Some(Const::True) => quote!(Value::Bool(true)),
            Some(Const::False) => quote!(Value::Bool(false)),
            Some(Const::Ellipsis) => quote!(Value::Ellipsis),
            Some(Const::Int(i)) => {
                let lit = Literal::i64_unsuffixed(*i);
                quote!(Value::Int(#lit))
            }
            Some(Const::BigInt(d)) => {
                let lit = Literal::string(d);
                quote!(bigint_const(#lit))
            }
            Some(Const::Float(f)) => {
                let f = float_tokens(*f);
                quote!(Value::Float(#f))
            }
            Some(Const::Imaginary(f)) => {
                let f = float_tokens(*f);
                quote!(imaginary_const(#f))
            }
            Some(Const::Str(s)) => {
                let lit = Literal::string(s);
                quote!(name!(#lit).clone())
            }
            Some(Const::Bytes(b)) => {
                let lit = Literal::byte_string(b);
                quote!(bytes_const(#lit))
            }
        }
    }

    pub fn const_str(&self, id: u32) -> Option<&str> {
        match self.code.consts.get(id as usize) {
            Some(Const::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn depth(&self) -> usize {
        self.closures.len()
    }

    /// Run `f` generating a closure body one level deeper; returns what
    /// leaves it.
    pub fn in_closure(&mut self, f: impl FnOnce(&mut Self) -> TokenStream) -> (TokenStream, BTreeSet<Escape>) {
        self.closures.push(BTreeSet::new());
        let body = f(self);
        let escapes = self.closures.pop().unwrap_or_default();
        (body, escapes)
    }

    /// A block run as `(|| -> PyResult<Flow> { ... })()`.
    pub fn closure_block(&mut self, body: &[Stmt]) -> (TokenStream, BTreeSet<Escape>) {
        let (inner, esc) = self.in_closure(|g| g.block(body));
        (
            quote! {
                (|| -> PyResult<Flow> {
                    #inner
                    Ok(Flow::Normal)
                })()
            },
            esc,
        )
    }

    /// Code for a control transfer at the current depth.
    pub fn escape(&mut self, e: Escape, value: Option<TokenStream>) -> TokenStream {
        let depth = self.depth();
        match e {
            Escape::Return => {
                let v = value.unwrap_or_else(|| quote!(Value::None));
                if depth == 0 {
                    quote!(return Ok(#v);)
                } else {
                    self.record(e);
                    quote!(return Ok(Flow::Return(#v));)
                }
            }
            Escape::Break(id) | Escape::Continue(id) => {
                let loop_depth = self.loops.iter().find(|l| l.id == id).map(|l| l.depth).unwrap_or(0);
                let label = loop_label(id);
                let id = Literal::u32_unsuffixed(id);
                let is_break = matches!(e, Escape::Break(_));
                if loop_depth == depth {
                    if is_break {
                        quote!(break #label;)
                    } else {
                        quote!(continue #label;)
                    }
                } else {
                    self.record(e);
                    if is_break {
                        quote!(return Ok(Flow::Break(#id));)
                    } else {
                        quote!(return Ok(Flow::Continue(#id));)
                    }
                }
            }
        }
    }

    fn record(&mut self, e: Escape) {
        if let Some(set) = self.closures.last_mut() {
            set.insert(e);
        }
    }

    /// After a closure: finish the transfers that left it.
    pub fn dispatch(&mut self, outcome: TokenStream, escapes: BTreeSet<Escape>) -> TokenStream {
        if escapes.is_empty() {
            return quote!(#outcome?;);
        }
        let mut arms = Vec::new();
        for e in escapes {
            match e {
                Escape::Return => {
                    let code = self.escape(e, Some(quote!(value)));
                    arms.push(quote!(Flow::Return(value) => { #code }));
                }
                Escape::Break(id) => {
                    let code = self.escape(e, None);
                    let id = Literal::u32_unsuffixed(id);
                    arms.push(quote!(Flow::Break(#id) => { #code }));
                }
                Escape::Continue(id) => {
                    let code = self.escape(e, None);
                    let id = Literal::u32_unsuffixed(id);
                    arms.push(quote!(Flow::Continue(#id) => { #code }));
                }
            }
        }
        quote! {
            match #outcome? {
                #(#arms)*
                _ => {}
            }
        }
    }
}

pub fn loop_label(id: u32) -> syn::Lifetime {
    syn::Lifetime::new(&format!("'loop{id}"), proc_macro2::Span::call_site())
}

pub fn float_tokens(f: f64) -> TokenStream {
    if f.is_finite() {
        let lit = Literal::f64_suffixed(f);
        quote!(#lit)
    } else if f.is_nan() {
        quote!(f64::NAN)
    } else if f > 0.0 {
        quote!(f64::INFINITY)
    } else {
        quote!(f64::NEG_INFINITY)
    }
}
