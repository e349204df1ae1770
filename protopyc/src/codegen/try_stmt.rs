//! `try` statements. Each block (body, handlers, `else`, `finally`) runs in
//! a closure returning `PyResult<Flow>`, so an exception is a value the
//! statement can inspect; what leaves a block (`return`, `break`,
//! `continue`) is finished after the statement.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use protopy_frontend::ir::{Handler, Try};
use quote::quote;

use super::scope::{Escape, FnGen};

impl<'a> FnGen<'a> {
    pub fn try_stmt(&mut self, t: &Try) -> TokenStream {
        let mut escapes = BTreeSet::new();
        let (body, esc) = self.closure_block(&t.body);
        escapes.extend(esc);
        let outcome = self.tmp("outcome");
        let mut code = vec![quote!(let #outcome = #body;)];
        if !t.handlers.is_empty() || !t.orelse.is_empty() {
            let orelse_arm = if t.orelse.is_empty() {
                quote!()
            } else {
                let (orelse, esc) = self.closure_block(&t.orelse);
                escapes.extend(esc);
                quote!(Ok(Flow::Normal) => #orelse,)
            };
            let error_arm = if t.handlers.is_empty() {
                quote!()
            } else {
                let (handlers, esc) = self.in_closure(|g| if t.star { g.star_handlers(&t.handlers) } else { g.handlers(&t.handlers) });
                escapes.extend(esc);
                quote!(Err(mut error) => (|| -> PyResult<Flow> { #handlers })(),)
            };
            code.push(quote! {
                let #outcome = match #outcome {
                    #orelse_arm
                    #error_arm
                    other => other,
                };
            });
        }
        if !t.finalbody.is_empty() {
            let (fin, esc) = self.closure_block(&t.finalbody);
            escapes.extend(esc);
            let pending = self.tmp("pending");
            code.push(quote! {
                let mut #outcome = #outcome;
                let #pending = frame.enter_finally(&mut #outcome);
                let fin = #fin;
                let #outcome = frame.leave_finally(#outcome, fin, #pending);
            });
        }
        let dispatch = self.dispatch(quote!(#outcome), escapes);
        quote!({
            #(#code)*
            #dispatch
        })
    }

    /// The body of the closure that handles `error` (one level deeper).
    fn handlers(&mut self, handlers: &[Handler]) -> TokenStream {
        let mut code = vec![quote!(let exc = frame.catch(&mut error);)];
        let mut exhaustive = false;
        for h in handlers {
            let line = proc_macro2::Literal::u32_unsuffixed(h.line);
            let (body, esc) = self.closure_block(&h.body);
            // The handler's result is returned as it is: its transfers
            // leave this closure too.
            for e in esc {
                self.record_escape(e);
            }
            let bind = match &h.name {
                Some(t) => self.assign(t, quote!(exc.clone())),
                None => quote!(),
            };
            let unbind = match &h.name {
                Some(t) => self.unbind(t),
                None => quote!(),
            };
            let run = quote! {
                frame.enter_handler(&error, #line);
                #bind
                let result = #body;
                let result = frame.leave_handler(result, &exc);
                #unbind
                return result;
            };
            match &h.typ {
                None => {
                    code.push(run);
                    exhaustive = true;
                    break;
                }
                Some(typ) => {
                    let typ = self.expr_result(typ);
                    let t = self.tmp("value");
                    code.push(quote! {
                        let #t = #typ;
                        if frame.handler_matches(&exc, #t)? {
                            #run
                        }
                    });
                }
            }
        }
        if !exhaustive {
            code.push(quote!(Err(error)));
        }
        quote!(#(#code)*)
    }

    /// `except*` handlers: each takes its part of the exception group.
    fn star_handlers(&mut self, handlers: &[Handler]) -> TokenStream {
        let mut code = vec![quote! {
            let exc = frame.catch(&mut error);
            error.save_traceback();
            let mut rest = rt::exceptions::group_members(&exc)?;
            let mut raised: Option<PyErr> = None;
        }];
        for h in handlers {
            let Some(typ) = &h.typ else { continue };
            let line = proc_macro2::Literal::u32_unsuffixed(h.line);
            let typ = self.expr(typ);
            let (body, _) = self.closure_block(&h.body);
            let bind = match &h.name {
                Some(t) => self.assign(t, quote!(group.clone())),
                None => quote!(),
            };
            code.push(quote! {
                if !rest.is_empty() {
                    if let Some(group) = rt::exceptions::split_group(&exc, &mut rest, &#typ)? {
                        #bind
                        frame.enter_star_handler(&group, #line);
                        let result = #body;
                        frame.leave_star_handler();
                        match result {
                            Ok(Flow::Normal) => {}
                            Ok(_) => {
                                return Err(PyErr::system_error("'break', 'continue' and 'return' cannot appear in an except* block"));
                            }
                            Err(e) => {
                                if raised.is_none() {
                                    raised = Some(e);
                                }
                            }
                        }
                    }
                }
            });
        }
        code.push(quote! {
            if let Some(e) = raised {
                return Err(e);
            }
            rt::exceptions::group_rest(&exc, rest, error)?;
            Ok(Flow::Normal)
        });
        quote!(#(#code)*)
    }

    fn record_escape(&mut self, e: Escape) {
        if let Some(set) = self.closures.last_mut() {
            set.insert(e);
        }
    }

    /// `except E as name`: the name is deleted when the handler ends.
    fn unbind(&mut self, t: &protopy_frontend::ir::Target) -> TokenStream {
        use protopy_frontend::ir::Target;
        match t {
            Target::Local(slot) => {
                let (id, _) = self.local(*slot);
                quote!(#id = None;)
            }
            Target::Cell(i) => {
                let i = proc_macro2::Literal::usize_unsuffixed(*i as usize);
                quote!(let _ = frame.delete_cell(#i);)
            }
            Target::Global(id) => {
                let n = self.name(*id);
                quote!(let _ = frame.delete_global(#n);)
            }
            Target::Name(id) => {
                let n = self.name(*id);
                quote!(let _ = frame.delete_name(#n);)
            }
            _ => quote!(),
        }
    }
}
