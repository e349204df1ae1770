//! IR -> Rust. One Rust fn per Python scope (module body, function, lambda,
//! class body, comprehension), each described by a static `CodeInfo`; every
//! operation is a call into the runtime (`ops`, `exec_support`, the
//! compiled `Frame`), so generated code never decides semantics. The code
//! is built with `quote`, parsed with `syn` and printed by `prettyplease`;
//! a `// file.py:LINE` comment is added before each statement's code.

mod expr;
mod names;
mod pattern;
mod scope;
mod stmt;
mod try_stmt;
mod types;
mod unboxed;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use proc_macro2::{Ident, Literal, TokenStream};
use protopy_frontend::ir::{Code, Expr, Stmt, StmtKind};
use quote::{format_ident, quote};

use crate::diagnostics::Diagnostic;

/// Stack for code generation: it recurses once per nesting level of the
/// source (bounded by the front end), through `quote`, `syn` and the printer.
const CODEGEN_STACK: usize = 256 << 20;

/// The Rust source of a compiled module. `path` names the source in
/// diagnostics, `display_name` in the generated comments.
pub fn generate(source: &str, path: &str, display_name: &str, module_name: &str) -> Result<String, Diagnostic> {
    let run = || generate_here(source, path, display_name, module_name);
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new().stack_size(CODEGEN_STACK).spawn_scoped(s, run);
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(Diagnostic::internal(display_name, "code generation panicked".into()))),
            Err(_) => run(),
        }
    })
}

fn generate_here(source: &str, path: &str, display_name: &str, module_name: &str) -> Result<String, Diagnostic> {
    let code = protopy_frontend::compile(source, path, protopy_frontend::Mode::Module)
        .map_err(|e| Diagnostic::from_syntax_error(&e, source))?;
    let hash = blake3::hash(source.as_bytes()).to_hex().to_string();
    let mut module = ModuleGen::new(display_name);
    module.plan(&code);
    module.plan_direct(&code);
    module.plan_types(&code);
    let body_static = module.static_of(&code);
    let mut items = Vec::new();
    module.emit_all(&code, &mut items);
    let cache_size = Literal::usize_unsuffixed(module.global_count());
    let attr_sites = Literal::usize_unsuffixed(module.attr_sites.get());
    let direct_sites = Literal::usize_unsuffixed(module.direct_sites.get());
    items.push(quote! {
        /// What each direct-call site last verified (see `DirectSite`).
        static DIRECT: [DirectSite; #direct_sites] = [const { DirectSite::new() }; #direct_sites];
    });
    items.push(quote! {
        thread_local! {
            /// Per-thread caches: this module's global loads (one entry per
            /// name) and attribute sites (one entry per site).
            static GLOBALS: GlobalCache = GlobalCache::new(#cache_size);
            static ATTRS: AttrCache = AttrCache::new(#attr_sites);
        }
    });
    let module_lit = Literal::string(module_name);
    let hash_lit = Literal::string(&hash);
    let header = format!(" Compiled by protopyc from {display_name}. Do not edit: rebuild instead.");
    let file = quote! {
        #![doc = #header]
        #![allow(unused_mut, unused_variables, unused_imports, unreachable_code, non_snake_case, non_upper_case_globals, clippy::all)]

        use protopy_runtime::compiled::prelude::*;

        static MODULE: ModuleInfo = ModuleInfo::new(#module_lit);

        protopy_runtime::export_module!(MODULE, #body_static, #hash_lit);

        #(#items)*
    };
    let parsed: syn::File = syn::parse2(file)
        .map_err(|e| Diagnostic::internal(display_name, format!("generated code does not parse: {e}")))?;
    let text = prettyplease::unparse(&parsed);
    Ok(add_line_comments(&text, display_name))
}

/// prettyplease drops comments, so each statement's `frame.line = N;` gets
/// its `// file.py:N` comment after printing.
fn add_line_comments(text: &str, file: &str) -> String {
    let mut out = String::with_capacity(text.len() * 5 / 4);
    for line in text.lines() {
        let trimmed = line.trim_start();
        // A blank line between top-level items.
        if (line.starts_with("static ") || line.starts_with("///") || line.starts_with("protopy_runtime::export_module")) && !out.ends_with("\n\n") && !out.ends_with("*/\n") {
            if !out.lines().last().is_some_and(|l| l.starts_with("///")) {
                out.push('\n');
            }
        }
        if let Some(n) = trimmed.strip_prefix("frame.line = ").and_then(|r| r.strip_suffix(';')) {
            if n.chars().all(|c| c.is_ascii_digit()) {
                let indent = &line[..line.len() - trimmed.len()];
                out.push_str(indent);
                out.push_str(&format!("// {file}:{n}\n"));
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Names given to every code object of the module, decided before any is
/// generated (nested scopes are referred to before they are emitted).
pub struct ModuleGen {
    pub file: String,
    fn_names: HashMap<*const Code, Ident>,
    static_names: HashMap<*const Code, Ident>,
    /// Functions a call can enter directly: the Rust fn taking the
    /// parameters as locals.
    direct_names: HashMap<*const Code, Ident>,
    /// Module-level `def`s that can be called directly, by global name.
    direct_defs: HashMap<String, Arc<Code>>,
    /// Methods (plain `def`s in class bodies) that a call through an
    /// instance can enter directly, by name.
    method_defs: HashMap<String, Vec<Arc<Code>>>,
    /// Global names read by the module's code: index into the cache.
    globals: RefCell<HashMap<String, usize>>,
    /// Attribute sites numbered so far (reads, stores, method calls).
    attr_sites: std::cell::Cell<usize>,
    /// Direct-call sites numbered so far.
    direct_sites: std::cell::Cell<usize>,
    used: HashSet<String>,
    /// The builtins type facts rely on that the module leaves alone.
    pub builtins: types::Builtins,
    /// Each function's annotated parameter types (checked on entry).
    param_types: HashMap<*const Code, Vec<Option<types::Annotation>>>,
    /// Each scope's inferred local types, computed once (its own code and
    /// every direct call into it need them).
    local_types: RefCell<HashMap<*const Code, Vec<Option<types::Ty>>>>,
    /// Each scope's locals holding annotated lists, computed once.
    local_lists: RefCell<HashMap<*const Code, Vec<Option<types::ListTy>>>>,
    /// Each scope's locals never given a negative number, computed once.
    local_nonneg: RefCell<HashMap<*const Code, Vec<bool>>>,
    /// Module functions entered directly whose every return has one type:
    /// their direct fn returns it unboxed.
    return_types: HashMap<*const Code, types::Ty>,
    /// Names of the float-argument versions (`float_version_of`).
    float_names: HashMap<*const Code, Ident>,
}

impl ModuleGen {
    fn new(file: &str) -> ModuleGen {
        let mut used = HashSet::new();
        used.insert("MODULE".to_string());
        ModuleGen {
            file: file.to_string(),
            fn_names: HashMap::new(),
            static_names: HashMap::new(),
            direct_names: HashMap::new(),
            direct_defs: HashMap::new(),
            method_defs: HashMap::new(),
            globals: RefCell::new(HashMap::new()),
            attr_sites: std::cell::Cell::new(0),
            direct_sites: std::cell::Cell::new(0),
            used,
            builtins: types::Builtins { int: false, float: false, range: false, list: false, bool_: false, len: false, returns: HashMap::new() },
            param_types: HashMap::new(),
            local_types: RefCell::new(HashMap::new()),
            local_lists: RefCell::new(HashMap::new()),
            local_nonneg: RefCell::new(HashMap::new()),
            return_types: HashMap::new(),
            float_names: HashMap::new(),
        }
    }

    /// The cache slot of global `name`.
    pub fn global_slot(&self, name: &str) -> usize {
        let mut g = self.globals.borrow_mut();
        let n = g.len();
        *g.entry(name.to_string()).or_insert(n)
    }

    /// A new direct-call site.
    pub fn direct_site(&self) -> Literal {
        let n = self.direct_sites.get();
        self.direct_sites.set(n + 1);
        Literal::usize_unsuffixed(n)
    }

    /// A new attribute-cache site.
    pub fn attr_site(&self) -> Literal {
        let n = self.attr_sites.get();
        self.attr_sites.set(n + 1);
        Literal::usize_unsuffixed(n)
    }

    pub fn global_count(&self) -> usize {
        self.globals.borrow().len()
    }

    /// The module-level function a call of global `name` with `nargs`
    /// positional arguments may enter directly.
    pub fn direct_def(&self, name: &str, nargs: usize) -> Option<&Code> {
        let code = self.direct_defs.get(name)?;
        (code.params.positional as usize == nargs).then_some(&**code)
    }

    /// The methods named `name` taking `nargs` positional arguments
    /// (`self` included) that a method call may enter directly.
    /// More than `MAX_CANDIDATES` is none: each is a match arm at every
    /// call site.
    pub fn method_defs(&self, name: &str, nargs: usize) -> Vec<&Code> {
        let Some(defs) = self.method_defs.get(name) else { return Vec::new() };
        let found: Vec<&Code> = defs.iter().filter(|c| c.params.positional as usize == nargs).map(|c| &**c).collect();
        if found.len() > MAX_CANDIDATES {
            return Vec::new();
        }
        found
    }

    pub fn direct_fn_of(&self, code: &Code) -> Option<Ident> {
        self.direct_names.get(&(code as *const Code)).cloned()
    }

    /// Find the module's directly callable `def`s (module body and its
    /// `if` blocks): plain functions (no generator or coroutine, no
    /// `*args`/`**kwargs`/keyword-only parameters, no cells).
    fn plan_direct(&mut self, module: &Code) {
        /// The enterable `def`s a body binds (and those of its `if`
        /// blocks): module-level functions by global name, or a class
        /// body's methods by their name in the class namespace.
        fn defs(body: &[Stmt], code: &Code, out: &mut Vec<(String, Arc<Code>)>) {
            use protopy_frontend::ir::Target;
            let in_class = code.kind == protopy_frontend::ir::CodeKind::Class;
            for s in body {
                match &s.kind {
                    StmtKind::Assign(targets, value) if targets.len() == 1 => {
                        let Some(mf) = defined_function(value, code) else { continue };
                        let id = match &targets[0] {
                            Target::Global(id) if !in_class => id,
                            Target::Name(id) if in_class => id,
                            _ => continue,
                        };
                        if let (true, Some(name)) = (enterable(mf), code.names.get(*id as usize)) {
                            out.push((name.to_string(), mf.code.clone()));
                        }
                    }
                    StmtKind::If(_, a, b) => {
                        defs(a, code, out);
                        defs(b, code, out);
                    }
                    _ => {}
                }
            }
        }
        /// The plain `def`s of every class body in `body` (and in the
        /// bodies of the code objects it defines), by method name.
        fn methods(body: &[Stmt], out: &mut Vec<(String, Arc<Code>)>) {
            for nested in nested_codes(body) {
                if nested.kind == protopy_frontend::ir::CodeKind::Class {
                    defs(&nested.body, &nested, out);
                }
                methods(&nested.body, out);
            }
        }
        let mut found = Vec::new();
        defs(&module.body, module, &mut found);
        for (name, f) in found {
            self.name_direct(&f);
            // The last definition of a name wins (the guard checks which
            // one the global holds at each call).
            self.direct_defs.insert(name, f);
        }
        let mut found = Vec::new();
        methods(&module.body, &mut found);
        for (name, f) in found {
            self.name_direct(&f);
            self.method_defs.entry(name).or_default().push(f);
        }
    }

    /// Name the Rust fn that enters `f` with its parameters.
    fn name_direct(&mut self, f: &Arc<Code>) {
        if self.direct_names.contains_key(&Arc::as_ptr(f)) {
            return;
        }
        let base = self.fn_names.get(&Arc::as_ptr(f)).map(|i| i.to_string().trim_start_matches("r#").to_string()).unwrap_or_default();
        let direct = self.unique(format!("{base}__direct"));
        self.direct_names.insert(Arc::as_ptr(f), names::ident(&direct));
    }

    /// The annotated parameter types of `code` (None for each untyped one).
    pub fn params_of(&self, code: &Code) -> Vec<Option<types::Ty>> {
        self.annotations_of(code, |a| match a {
            types::Annotation::Scalar(t) => Some(t),
            _ => None,
        })
    }

    /// The annotated list types of `code`'s parameters.
    pub fn list_params_of(&self, code: &Code) -> Vec<Option<types::ListTy>> {
        self.annotations_of(code, |a| match a {
            types::Annotation::List(l) => Some(l),
            _ => None,
        })
    }

    fn annotations_of<T>(&self, code: &Code, pick: impl Fn(types::Annotation) -> Option<T>) -> Vec<Option<T>> {
        match self.param_types.get(&(code as *const Code)) {
            Some(p) => p.iter().map(|a| a.and_then(&pick)).collect(),
            None => (0..code.params.total()).map(|_| None).collect(),
        }
    }

    /// Which of `code`'s locals are never given a negative number.
    pub fn local_nonneg(&self, code: &Code) -> Vec<bool> {
        let key = code as *const Code;
        if let Some(t) = self.local_nonneg.borrow().get(&key) {
            return t.clone();
        }
        let t = types::infer_nonneg(code);
        self.local_nonneg.borrow_mut().insert(key, t.clone());
        t
    }

    /// Which of `code`'s `Value` locals hold annotated lists.
    pub fn local_lists(&self, code: &Code) -> Vec<Option<types::ListTy>> {
        let key = code as *const Code;
        if let Some(t) = self.local_lists.borrow().get(&key) {
            return t.clone();
        }
        let t = types::infer_lists(&self.list_params_of(code), code);
        self.local_lists.borrow_mut().insert(key, t.clone());
        t
    }

    /// The type of each fast local of `code` (`types::infer_locals`).
    pub fn local_types(&self, code: &Code) -> Vec<Option<types::Ty>> {
        let key = code as *const Code;
        if let Some(t) = self.local_types.borrow().get(&key) {
            return t.clone();
        }
        let lists = self.local_lists(code);
        let t = types::infer_locals(&self.params_of(code), false, types::Scope { code, builtins: &self.builtins, lists: &lists, nonneg: &self.local_nonneg(code) });
        self.local_types.borrow_mut().insert(key, t.clone());
        t
    }

    /// Which builtins the module leaves alone (no store, `del` or `import
    /// *` of their global names anywhere), then every function's annotated
    /// parameters.
    fn plan_types(&mut self, module: &Code) {
        fn rebinds(code: &Code, name: &str) -> bool {
            let mut found = false;
            let is = |id: &u32| code.names.get(*id as usize).is_some_and(|n| &**n == name);
            fn targets(t: &protopy_frontend::ir::Target, hit: &mut dyn FnMut(&u32)) {
                use protopy_frontend::ir::Target;
                match t {
                    Target::Global(id) => hit(id),
                    Target::Unpack(ts, _) => ts.iter().for_each(|t| targets(t, hit)),
                    _ => {}
                }
            }
            let mut check_stmt = |s: &Stmt| {
                let mut hit = |id: &u32| found |= is(id);
                match &s.kind {
                    StmtKind::Assign(ts, _) | StmtKind::Delete(ts) => ts.iter().for_each(|t| targets(t, &mut hit)),
                    StmtKind::For { target, .. } => targets(target, &mut hit),
                    _ => {}
                }
            };
            fn walk(body: &[Stmt], f: &mut dyn FnMut(&Stmt)) {
                for s in body {
                    f(s);
                    match &s.kind {
                        StmtKind::If(_, a, b) | StmtKind::While(_, a, b) => {
                            walk(a, f);
                            walk(b, f);
                        }
                        StmtKind::For { body, orelse, .. } => {
                            walk(body, f);
                            walk(orelse, f);
                        }
                        StmtKind::Try(t) => {
                            walk(&t.body, f);
                            t.handlers.iter().for_each(|h| walk(&h.body, f));
                            walk(&t.orelse, f);
                            walk(&t.finalbody, f);
                        }
                        StmtKind::Match(_, cases) => cases.iter().for_each(|c| walk(&c.body, f)),
                        _ => {}
                    }
                }
            }
            walk(&code.body, &mut check_stmt);
            for s in &code.body {
                visit_stmt(s, &mut |e| match e {
                    Expr::ImportStar(_) => found = true,
                    Expr::Named(t, _) => {
                        if let protopy_frontend::ir::Target::Global(id) = &**t {
                            found |= is(id);
                        }
                    }
                    _ => {}
                });
            }
            found || nested_codes(&code.body).iter().any(|c| rebinds(c, name))
        }
        self.builtins = types::Builtins {
            int: !rebinds(module, "int"),
            float: !rebinds(module, "float"),
            range: !rebinds(module, "range"),
            list: !rebinds(module, "list"),
            bool_: !rebinds(module, "bool"),
            len: !rebinds(module, "len"),
            returns: HashMap::new(),
        };
        type Annotated = (HashMap<*const Code, Vec<Option<types::Annotation>>>, HashMap<*const Code, types::Ty>);
        fn annotations(code: &Code, builtins: &types::Builtins, out: &mut Annotated) {
            for s in &code.body {
                visit_stmt(s, &mut |e| {
                    if let Expr::Call(f, args) = e {
                        if let (Expr::Builtin(id), [protopy_frontend::ir::Elt::Item(Expr::Function(mf)), protopy_frontend::ir::Elt::Item(Expr::Function(ann))]) =
                            (&**f, &args.args[..])
                        {
                            if code.names.get(*id as usize).is_some_and(|n| &**n == "$set_annotate") {
                                let params = types::annotated_params(&mf.code, &ann.code, builtins);
                                if params.iter().any(|p| p.is_some()) {
                                    out.0.insert(Arc::as_ptr(&mf.code), params);
                                }
                                if let Some(t) = types::annotated_return(&ann.code, builtins) {
                                    out.1.insert(Arc::as_ptr(&mf.code), t);
                                }
                            }
                        }
                    }
                });
            }
            for c in nested_codes(&code.body) {
                annotations(&c, builtins, out);
            }
        }
        let mut out = (HashMap::new(), HashMap::new());
        annotations(module, &self.builtins, &mut out);
        self.param_types = out.0;
        self.plan_returns(&out.1);
        let mut floats: Vec<(*const Code, String)> = self
            .direct_names
            .iter()
            .filter(|(code, _)| self.param_types.get(*code).is_some_and(|p| p.contains(&Some(types::Annotation::Scalar(types::Ty::Float)))))
            .map(|(code, name)| (*code, format!("{}_floats", name.to_string().trim_start_matches("r#"))))
            .collect();
        floats.sort_by(|a, b| a.1.cmp(&b.1));
        for (code, name) in floats {
            let unique = self.unique(name);
            self.float_names.insert(code, names::ident(&unique));
        }
    }

    /// Which module functions return their annotated type on every path
    /// (`types::returns_as`). Each one's locals may depend on what the
    /// others return (and on what it returns itself, when it recurses), so
    /// all start assumed typed and the ones that fail the check drop out,
    /// until none does.
    fn plan_returns(&mut self, declared: &HashMap<*const Code, types::Ty>) {
        let mut returns: HashMap<String, (usize, types::Ty)> = self
            .direct_defs
            .iter()
            .filter_map(|(name, code)| Some((name.clone(), (code.params.positional as usize, *declared.get(&Arc::as_ptr(code))?))))
            .collect();
        loop {
            self.builtins.returns = returns.clone();
            self.local_types.borrow_mut().clear();
            let kept: HashMap<String, (usize, types::Ty)> = returns
                .iter()
                .filter(|(name, (_, ty))| {
                    let code = &self.direct_defs[*name];
                    let lists = self.local_lists(code);
                    types::returns_as(&self.local_types(code), types::Scope { code, builtins: &self.builtins, lists: &lists, nonneg: &self.local_nonneg(code) }, *ty)
                })
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            if kept.len() == returns.len() {
                break;
            }
            returns = kept;
        }
        self.return_types = returns.iter().map(|(name, (_, ty))| (Arc::as_ptr(&self.direct_defs[name]), *ty)).collect();
    }

    /// For a function entered directly with `float` parameters: the name of
    /// its version for float arguments and that version's local types
    /// (each `float` parameter an unboxed float), when some of them stay
    /// floats. The direct fn enters it when every `float` parameter holds
    /// a float (an int passed for one must stay an int, so the general
    /// version keeps them as `Value`s).
    pub fn float_version_of(&self, code: &Code) -> Option<(Ident, Vec<Option<types::Ty>>)> {
        let name = self.float_names.get(&(code as *const Code))?;
        let params = self.params_of(code);
        let lists = self.local_lists(code);
        let t = types::infer_locals(&params, true, types::Scope { code, builtins: &self.builtins, lists: &lists, nonneg: &self.local_nonneg(code) });
        let typed = params.iter().zip(&t).any(|(p, l)| *p == Some(types::Ty::Float) && *l == Some(types::Ty::Float));
        typed.then(|| (name.clone(), t))
    }

    /// The unboxed type `code`'s direct fn returns, if it has one.
    pub fn return_ty_of(&self, code: &Code) -> Option<types::Ty> {
        self.return_types.get(&(code as *const Code)).copied()
    }

    fn unique(&mut self, base: String) -> String {
        let mut name = base.clone();
        let mut n = 2;
        while self.used.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.used.insert(name.clone());
        name
    }

    fn plan(&mut self, code: &Arc<Code>) {
        let base = names::item_base(&code.qualname, code.first_line);
        let fname = self.unique(base.clone());
        let sname = self.unique(format!("CODE_{base}"));
        let key = Arc::as_ptr(code);
        self.fn_names.insert(key, names::ident(&fname));
        self.static_names.insert(key, names::ident(&sname));
        for nested in nested_codes(&code.body) {
            self.plan(&nested);
        }
    }

    pub fn fn_of(&self, code: &Code) -> Ident {
        self.fn_names.get(&(code as *const Code)).cloned().unwrap_or_else(|| format_ident!("missing_code"))
    }

    pub fn static_of(&self, code: &Code) -> Ident {
        self.static_names.get(&(code as *const Code)).cloned().unwrap_or_else(|| format_ident!("MISSING_CODE"))
    }

    fn emit_all(&self, code: &Arc<Code>, items: &mut Vec<TokenStream>) {
        items.push(self.code_info(code));
        items.push(scope::FnGen::generate(self, code));
        for nested in nested_codes(&code.body) {
            self.emit_all(&nested, items);
        }
    }

    fn code_info(&self, code: &Code) -> TokenStream {
        let sname = self.static_of(code);
        let fname = self.fn_of(code);
        let name = Literal::string(&code.name);
        let qualname = Literal::string(&code.qualname);
        let line = Literal::u32_unsuffixed(code.first_line);
        let p = &code.params;
        let params: Vec<Literal> = code.locals.iter().take(p.total()).map(|n| Literal::string(n)).collect();
        let unsuffixed = |n: u32| Literal::usize_unsuffixed(n as usize);
        let (posonly, positional, kwonly) = (unsuffixed(p.posonly), unsuffixed(p.positional), unsuffixed(p.kwonly));
        let (vararg, kwarg) = (p.vararg, p.kwarg);
        let cellvars: Vec<Literal> = code.cellvars.iter().map(|n| Literal::string(n)).collect();
        let freevars: Vec<Literal> = code.freevars.iter().map(|n| Literal::string(n)).collect();
        let cell_params: Vec<TokenStream> = code
            .cell_params
            .iter()
            .map(|&(s, c)| {
                let (s, c) = (Literal::usize_unsuffixed(s as usize), Literal::usize_unsuffixed(c as usize));
                quote!((#s, #c))
            })
            .collect();
        let (is_gen, is_coro) = (code.is_generator, code.is_coroutine);
        let doc = match &code.docstring {
            Some(d) => {
                let d = Literal::string(d);
                quote!(Some(#d))
            }
            None => quote!(None),
        };
        quote! {
            static #sname: CodeInfo = CodeInfo {
                module: &MODULE,
                name: #name,
                qualname: #qualname,
                first_line: #line,
                params: &[#(#params),*],
                posonly: #posonly,
                positional: #positional,
                kwonly: #kwonly,
                vararg: #vararg,
                kwarg: #kwarg,
                cellvars: &[#(#cellvars),*],
                freevars: &[#(#freevars),*],
                cell_params: &[#(#cell_params),*],
                is_generator: #is_gen,
                is_coroutine: #is_coro,
                docstring: #doc,
                body: #fname,
                prepared: std::sync::OnceLock::new(),
            };
        }
    }
}

/// The function a `def` statement's value makes: `make_function(...)`,
/// possibly wrapped in the call that attaches its `__annotate__`.
pub(crate) fn defined_function<'e>(value: &'e Expr, code: &Code) -> Option<&'e protopy_frontend::ir::MakeFunction> {
    match value {
        Expr::Function(mf) => Some(mf),
        Expr::Call(f, args) if args.kwargs.is_empty() => match (&**f, args.args.first()) {
            (Expr::Builtin(id), Some(protopy_frontend::ir::Elt::Item(Expr::Function(mf))))
                if code.names.get(*id as usize).is_some_and(|n| &**n == "$set_annotate") =>
            {
                Some(mf)
            }
            _ => None,
        },
        _ => None,
    }
}

/// At most this many methods (or `__init__`s) of one name are tried for
/// a call that may enter one directly.
const MAX_CANDIDATES: usize = 8;

/// A plain function a call may enter directly: no generator or
/// coroutine, no `*args`/`**kwargs`/keyword-only parameters, no cells.
fn enterable(mf: &protopy_frontend::ir::MakeFunction) -> bool {
    let f = &mf.code;
    f.kind == protopy_frontend::ir::CodeKind::Function
        && !f.is_generator
        && !f.is_coroutine
        && !f.params.vararg
        && !f.params.kwarg
        && f.params.kwonly == 0
        && f.cellvars.is_empty()
        && f.freevars.is_empty()
        && f.cell_params.is_empty()
        && mf.closure.is_empty()
}

/// The code objects defined directly in a body (not inside nested ones).
fn nested_codes(body: &[Stmt]) -> Vec<Arc<Code>> {
    let mut out = Vec::new();
    let mut v = |e: &Expr| match e {
        Expr::Function(mf) => out.push(mf.code.clone()),
        Expr::Class(mc) => out.push(mc.code.clone()),
        _ => {}
    };
    for s in body {
        visit_stmt(s, &mut v);
    }
    out
}

pub(crate) fn visit_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    use protopy_frontend::ir::Target;
    fn target(t: &Target, f: &mut dyn FnMut(&Expr)) {
        match t {
            Target::Attribute(e, _) => visit_expr(e, f),
            Target::Subscript(a, b) => {
                visit_expr(a, f);
                visit_expr(b, f);
            }
            Target::Unpack(ts, _) => ts.iter().for_each(|t| target(t, f)),
            _ => {}
        }
    }
    let block = |b: &[Stmt], f: &mut dyn FnMut(&Expr)| b.iter().for_each(|s| visit_stmt(s, f));
    match &s.kind {
        StmtKind::Expr(e) => visit_expr(e, f),
        StmtKind::Assign(ts, e) => {
            visit_expr(e, f);
            ts.iter().for_each(|t| target(t, f));
        }
        StmtKind::If(e, a, b) | StmtKind::While(e, a, b) => {
            visit_expr(e, f);
            block(a, f);
            block(b, f);
        }
        StmtKind::For { target: t, iter, body, orelse } => {
            visit_expr(iter, f);
            target(t, f);
            block(body, f);
            block(orelse, f);
        }
        StmtKind::Return(Some(e)) => visit_expr(e, f),
        StmtKind::Raise(a, b) => {
            if let Some(a) = a {
                visit_expr(a, f);
            }
            if let Some(b) = b {
                visit_expr(b, f);
            }
        }
        StmtKind::Try(t) => {
            block(&t.body, f);
            for h in &t.handlers {
                if let Some(e) = &h.typ {
                    visit_expr(e, f);
                }
                if let Some(n) = &h.name {
                    target(n, f);
                }
                block(&h.body, f);
            }
            block(&t.orelse, f);
            block(&t.finalbody, f);
        }
        StmtKind::Delete(ts) => ts.iter().for_each(|t| target(t, f)),
        StmtKind::Match(e, cases) => {
            visit_expr(e, f);
            for c in cases {
                pattern::visit_pattern(&c.pattern, f);
                if let Some(g) = &c.guard {
                    visit_expr(g, f);
                }
                block(&c.body, f);
            }
        }
        StmtKind::Return(None) | StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
    }
}

/// Visit `e` and its sub-expressions, not entering nested scopes' bodies.
pub(crate) fn visit_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    use protopy_frontend::ir::{DictItem, Elt, FPart, Kwarg};
    f(e);
    let elts = |es: &[Elt], f: &mut dyn FnMut(&Expr)| {
        for el in es {
            match el {
                Elt::Item(x) | Elt::Star(x) => visit_expr(x, f),
            }
        }
    };
    let kws = |ks: &[Kwarg], f: &mut dyn FnMut(&Expr)| {
        for k in ks {
            match k {
                Kwarg::Named(_, x) | Kwarg::Unpack(x) => visit_expr(x, f),
            }
        }
    };
    fn fparts(ps: &[FPart], f: &mut dyn FnMut(&Expr)) {
        for p in ps {
            if let FPart::Value { expr, spec, .. } = p {
                visit_expr(expr, f);
                if let Some(s) = spec {
                    fparts(s, f);
                }
            }
        }
    }
    match e {
        Expr::Attribute(a, _) | Expr::Unary(_, a) | Expr::YieldFrom(a) | Expr::Await(a) | Expr::ImportFrom(a, _) | Expr::ImportStar(a) => {
            visit_expr(a, f)
        }
        Expr::Yield(a) => {
            if let Some(a) = a {
                visit_expr(a, f);
            }
        }
        Expr::Subscript(a, b) | Expr::BinOp(_, a, b) | Expr::InPlace(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) | Expr::Super(a, b) => {
            visit_expr(a, f);
            visit_expr(b, f);
        }
        Expr::Slice(a, b, c) => {
            for x in [a, b, c].into_iter().flatten() {
                visit_expr(x, f);
            }
        }
        Expr::Compare(a, rest) => {
            visit_expr(a, f);
            rest.iter().for_each(|(_, x)| visit_expr(x, f));
        }
        Expr::IfElse(a, b, c) => {
            visit_expr(a, f);
            visit_expr(b, f);
            visit_expr(c, f);
        }
        Expr::Call(func, args) => {
            visit_expr(func, f);
            elts(&args.args, f);
            kws(&args.kwargs, f);
        }
        Expr::CallMethod(o, _, args) => {
            visit_expr(o, f);
            elts(&args.args, f);
            kws(&args.kwargs, f);
        }
        Expr::Tuple(es) | Expr::List(es) | Expr::Set(es) => elts(es, f),
        Expr::Dict(items) => {
            for it in items {
                match it {
                    DictItem::Pair(k, v) => {
                        visit_expr(k, f);
                        visit_expr(v, f);
                    }
                    DictItem::Unpack(m) => visit_expr(m, f),
                }
            }
        }
        Expr::Function(mf) => {
            mf.defaults.iter().for_each(|d| visit_expr(d, f));
            mf.kwdefaults.iter().for_each(|(_, d)| visit_expr(d, f));
        }
        Expr::Class(mc) => {
            elts(&mc.bases, f);
            kws(&mc.keywords, f);
        }
        Expr::FString(parts) => fparts(parts, f),
        Expr::Named(t, v) => {
            visit_expr(v, f);
            if let protopy_frontend::ir::Target::Attribute(a, _) = &**t {
                visit_expr(a, f);
            }
        }
        Expr::Const(_)
        | Expr::Local(_)
        | Expr::Cell(_)
        | Expr::Global(_)
        | Expr::Name(_)
        | Expr::ClassDeref(..)
        | Expr::Builtin(_)
        | Expr::Import { .. }
        | Expr::CurrentException
        | Expr::Locals => {}
    }
}
