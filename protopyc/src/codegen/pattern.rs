//! `match` statements. Each case's pattern is a labelled block that breaks
//! out with `false` at the first failed test; captures are stored as the
//! pattern matches, then the guard runs.

use proc_macro2::{Ident, TokenStream};
use protopy_frontend::ir::{Expr, MatchCase, Pattern};
use quote::quote;

use super::scope::FnGen;

fn label(name: &str, n: u32) -> syn::Lifetime {
    syn::Lifetime::new(&format!("'{name}{n}"), proc_macro2::Span::call_site())
}

impl<'a> FnGen<'a> {
    pub fn match_stmt(&mut self, subject: &Expr, cases: &[MatchCase]) -> TokenStream {
        let s = self.expr(subject);
        let subject = self.tmp("subject");
        let done = label("match", self.fresh());
        let mut arms = Vec::new();
        for case in cases {
            let line = proc_macro2::Literal::u32_unsuffixed(case.line);
            let pat_label = label("case", self.fresh());
            let test = self.pattern(&case.pattern, &subject, &pat_label);
            let guard = match &case.guard {
                Some(g) => {
                    let g = self.test(g);
                    quote!(&& #g)
                }
                None => quote!(),
            };
            let body = self.block(&case.body);
            let matched = self.tmp("matched");
            arms.push(quote! {
                frame.line = #line;
                let #matched = #pat_label: { #test true };
                if #matched #guard {
                    #body
                    break #done;
                }
            });
        }
        quote! {
            let #subject = #s;
            #done: {
                #(#arms)*
            }
        }
    }

    /// Tests of `p` against `s`; each failure breaks `fail` with false.
    fn pattern(&mut self, p: &Pattern, s: &Ident, fail: &syn::Lifetime) -> TokenStream {
        match p {
            Pattern::Value(e) => {
                let v = self.expr(e);
                quote!(if !fast::compare_bool(&#s, &#v, CompareOp::Eq)? { break #fail false; })
            }
            Pattern::Singleton(id) => {
                let v = self.constant(*id);
                quote!(if !#s.is(&#v) { break #fail false; })
            }
            Pattern::Sequence(items) => self.sequence_pattern(items, s, fail),
            Pattern::Star(t) => match t {
                Some(t) => self.assign(t, quote!(Value::list(vec![#s.clone()]))),
                None => quote!(),
            },
            Pattern::Mapping { keys, patterns, rest } => {
                let seen = self.tmp("seen");
                let mut code = vec![quote! {
                    if !rt::pattern::is_mapping(&#s) { break #fail false; }
                    let mut #seen: Vec<Value> = Vec::new();
                }];
                for (k, p) in keys.iter().zip(patterns) {
                    let key = self.expr(k);
                    let item = self.tmp("item");
                    let sub = self.pattern(p, &item, fail);
                    code.push(quote! {
                        let Some(#item) = rt::pattern::mapping_get(&#s, #key, &mut #seen)? else { break #fail false; };
                        #sub
                    });
                }
                if let Some(t) = rest {
                    let store = self.assign(t, quote!(rt::pattern::mapping_rest(&#s, &#seen)?));
                    code.push(store);
                }
                quote!(#(#code)*)
            }
            Pattern::Class { cls, patterns, kwd_attrs, kwd_patterns } => {
                let c = self.expr(cls);
                let values = self.tmp("values");
                let npos = proc_macro2::Literal::usize_unsuffixed(patterns.len());
                let names: Vec<TokenStream> = kwd_attrs
                    .iter()
                    .map(|id| {
                        let n = self.name(*id);
                        quote!(#n.clone())
                    })
                    .collect();
                let mut code = vec![quote! {
                    let Some(#values) = rt::pattern::class_attrs(&#c, &#s, #npos, &[#(#names),*])? else { break #fail false; };
                    let mut #values = #values.into_iter();
                }];
                for p in patterns.iter().chain(kwd_patterns) {
                    let item = self.tmp("item");
                    let sub = self.pattern(p, &item, fail);
                    code.push(quote! {
                        let #item = #values.next().unwrap_or(Value::None);
                        #sub
                    });
                }
                quote!(#(#code)*)
            }
            Pattern::As(inner, target) => {
                let test = match inner {
                    Some(p) => self.pattern(p, s, fail),
                    None => quote!(),
                };
                let store = match target {
                    Some(t) => self.assign(t, quote!(#s.clone())),
                    None => quote!(),
                };
                quote!(#test #store)
            }
            Pattern::Or(alts) => {
                let matched = self.tmp("matched");
                let mut code = vec![quote!(let mut #matched = false;)];
                for a in alts {
                    let alt = label("alt", self.fresh());
                    let test = self.pattern(a, s, &alt);
                    code.push(quote! {
                        if !#matched {
                            #matched = #alt: { #test true };
                        }
                    });
                }
                code.push(quote!(if !#matched { break #fail false; }));
                quote!(#(#code)*)
            }
        }
    }

    fn sequence_pattern(&mut self, items: &[Pattern], s: &Ident, fail: &syn::Lifetime) -> TokenStream {
        let seq = self.tmp("items");
        let n = items.len();
        let lit = proc_macro2::Literal::usize_unsuffixed;
        let star = items.iter().position(|p| matches!(p, Pattern::Star(_)));
        let mut code = vec![quote! {
            let Some(#seq) = rt::pattern::as_sequence(&#s) else { break #fail false; };
        }];
        match star {
            None => {
                let n = lit(n);
                code.push(quote!(if #seq.len() != #n { break #fail false; }))
            }
            Some(_) => {
                let min = lit(n - 1);
                code.push(quote!(if #seq.len() < #min { break #fail false; }));
            }
        }
        for (i, p) in items.iter().enumerate() {
            let item = self.tmp("item");
            match star {
                Some(k) if i == k => {
                    let (after, k) = (lit(n - k - 1), lit(k));
                    if let Pattern::Star(Some(t)) = p {
                        let store =
                            self.assign(t, quote!(Value::list(#seq[#k..#seq.len() - #after].to_vec())));
                        code.push(store);
                    }
                    continue;
                }
                Some(k) if i > k => {
                    let from_end = lit(n - i);
                    code.push(quote!(let #item = #seq[#seq.len() - #from_end].clone();));
                }
                _ => {
                    let i = lit(i);
                    code.push(quote!(let #item = #seq[#i].clone();))
                }
            }
            let sub = self.pattern(p, &item, fail);
            code.push(sub);
        }
        quote!(#(#code)*)
    }
}

/// Visit the expressions inside a pattern (for finding nested scopes).
pub fn visit_pattern(p: &Pattern, f: &mut dyn FnMut(&Expr)) {
    match p {
        Pattern::Value(e) => super::visit_expr(e, f),
        Pattern::Sequence(items) | Pattern::Or(items) => items.iter().for_each(|p| visit_pattern(p, f)),
        Pattern::Mapping { keys, patterns, .. } => {
            keys.iter().for_each(|k| super::visit_expr(k, f));
            patterns.iter().for_each(|p| visit_pattern(p, f));
        }
        Pattern::Class { cls, patterns, kwd_patterns, .. } => {
            super::visit_expr(cls, f);
            patterns.iter().chain(kwd_patterns).for_each(|p| visit_pattern(p, f));
        }
        Pattern::As(Some(p), _) => visit_pattern(p, f),
        Pattern::As(None, _) | Pattern::Singleton(_) | Pattern::Star(_) => {}
    }
}
