//! Type facts: which fast locals of a scope always hold an `int`, a
//! `float` or a `bool`, so their code can work on unboxed values
//! (`runtime::compiled::typed`).
//!
//! Facts come from two places:
//! - **annotations** of parameters: `x: int` and `x: float` (the builtin
//!   names, when the module never rebinds them) are checked on entry, as
//!   mypyc does: a wrong type is a TypeError naming the parameter, an int
//!   passed for a float is converted;
//! - **inference** over the scope's stores: a local is typed when every
//!   store into it has the same static type (literals, arithmetic on typed
//!   operands, comparisons, `not`, the counter of `for _ in range(...)`,
//!   `len(x)`, calls of module functions with a typed return, items of
//!   annotated lists).
//!   Anything else (unpacking, `del`, `except ... as`, `match` captures, a
//!   store of an untyped value) leaves the local a plain `Value`.
//!
//! The analysis is flow-insensitive and optimistic: every local starts
//! "unknown" and only moves towards "any", so it reaches a fixed point.

use protopy_frontend::ir::{BinOp, CmpOp, Code, CodeKind, Const, Elt, Expr, Pattern, Stmt, StmtKind, Target, UnaryOp};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Int,
    Float,
    Bool,
}

/// What typed code knows of a `Value` local holding an annotated list:
/// `depth` levels of `list[...]` around items of type `item`
/// (`list[list[float]]` is depth 2, float). Only a hint for reading and
/// writing its items: the local stays a `Value`, and a list that does not
/// hold what the annotation says is found out item by item (see the
/// runtime's `typed::ListItem`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListTy {
    pub depth: u8,
    pub item: Ty,
}

impl ListTy {
    /// The type of an item: the inner list, or (None) the scalar.
    pub fn inner(self) -> Option<ListTy> {
        (self.depth > 1).then_some(ListTy { depth: self.depth - 1, item: self.item })
    }
}

/// A parameter annotation typed code uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Annotation {
    Scalar(Ty),
    List(ListTy),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State<T> {
    Unknown,
    Is(T),
    Any,
}

impl<T: Copy + PartialEq> State<T> {
    fn join(self, t: Option<T>) -> State<T> {
        match (self, t) {
            (State::Any, _) | (_, None) => State::Any,
            (State::Unknown, Some(t)) => State::Is(t),
            (State::Is(a), Some(b)) if a == b => State::Is(a),
            _ => State::Any,
        }
    }
}

/// What typed code relies on about the module: the builtins it leaves
/// alone (nothing is inferred from one it may rebind), and the module
/// functions whose calls have a static type.
pub struct Builtins {
    pub int: bool,
    pub float: bool,
    pub range: bool,
    pub list: bool,
    pub bool_: bool,
    pub len: bool,
    /// By global name: the positional parameter count and the return type
    /// of a module-level function every `return` of which has that type
    /// (see `returns_as`). A call of the name with that many positional
    /// arguments has that type: entered directly it returns the unboxed
    /// value, and through whatever the name is rebound to the result is
    /// checked (a TypeError if it is not of that type).
    pub returns: std::collections::HashMap<String, (usize, Ty)>,
}

/// What typed code knows of a scope: its code, the module's facts and
/// which of its `Value` locals hold annotated lists.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub code: &'a Code,
    pub builtins: &'a Builtins,
    pub lists: &'a [Option<ListTy>],
    /// Locals never given a negative number (`infer_nonneg`).
    pub nonneg: &'a [bool],
}

impl Scope<'_> {
    /// The annotated list `e` is, if known: a list-typed local or an item
    /// of a list of lists.
    pub fn list_ty(&self, e: &Expr) -> Option<ListTy> {
        match e {
            Expr::Local(slot) => self.lists.get(*slot as usize).copied().flatten(),
            Expr::Subscript(x, k) if !matches!(**k, Expr::Slice(..)) => self.list_ty(x)?.inner(),
            _ => None,
        }
    }

    /// The scalar type of item `e` (`x[k]`, not a slice) of an annotated
    /// list.
    pub fn item_ty(&self, e: &Expr) -> Option<Ty> {
        match e {
            Expr::Subscript(x, k) => self.item_of(x, k),
            _ => None,
        }
    }

    /// The scalar type of `x[k]`, as `item_ty`.
    pub fn item_of(&self, x: &Expr, k: &Expr) -> Option<Ty> {
        if matches!(k, Expr::Slice(..)) {
            return None;
        }
        let l = self.list_ty(x)?;
        (l.depth == 1).then_some(l.item)
    }
}

/// The static type of `e`, given the locals' types.
pub fn expr_ty(e: &Expr, locals: &[Option<Ty>], scope: Scope<'_>) -> Option<Ty> {
    let local = |slot: u32| match locals.get(slot as usize).copied().flatten() {
        Some(t) => State::Is(t),
        None => State::Any,
    };
    match expr_state(e, &local, scope) {
        State::Is(t) => Some(t),
        _ => None,
    }
}

/// Both operands' types, or what decides without them: any untyped
/// operand makes the result untyped; otherwise an operand not yet known
/// makes it not yet known.
fn both(a: State<Ty>, b: State<Ty>) -> Result<(Ty, Ty), State<Ty>> {
    match (a, b) {
        (State::Is(x), State::Is(y)) => Ok((x, y)),
        (State::Any, _) | (_, State::Any) => Err(State::Any),
        _ => Err(State::Unknown),
    }
}

fn known(t: Option<Ty>) -> State<Ty> {
    match t {
        Some(t) => State::Is(t),
        None => State::Any,
    }
}

/// `expr_ty` during inference, where a local may not be known yet.
fn expr_state(e: &Expr, local: &dyn Fn(u32) -> State<Ty>, scope: Scope<'_>) -> State<Ty> {
    let ty = |x: &Expr| expr_state(x, local, scope);
    let (code, builtins) = (scope.code, scope.builtins);
    match e {
        Expr::Const(i) => match code.consts.get(*i as usize) {
            Some(Const::Int(_)) => State::Is(Ty::Int),
            Some(Const::Float(_)) => State::Is(Ty::Float),
            Some(Const::True | Const::False) => State::Is(Ty::Bool),
            _ => State::Any,
        },
        Expr::Local(slot) => local(*slot),
        Expr::BinOp(BinOp::Pow, a, b) | Expr::InPlace(BinOp::Pow, a, b) => match both(ty(a), ty(b)) {
            // A float to an integral power is a float; to any power, a
            // float that is not negative is (a negative one may give a
            // complex number).
            Ok((Ty::Float, Ty::Int)) => State::Is(Ty::Float),
            Ok((Ty::Float, Ty::Float)) if nonneg(a, &|s| scope.nonneg.get(s as usize).copied().unwrap_or(false), code) => State::Is(Ty::Float),
            Ok(_) => State::Any,
            Err(s) => s,
        },
        Expr::BinOp(op, a, b) | Expr::InPlace(op, a, b) => match both(ty(a), ty(b)) {
            Ok((x, y)) => known(arith_ty(*op, x, y)),
            Err(s) => s,
        },
        Expr::Unary(UnaryOp::Not, _) => State::Is(Ty::Bool),
        Expr::Unary(op, a) => match (op, ty(a)) {
            (_, State::Unknown) => State::Unknown,
            (UnaryOp::Neg | UnaryOp::Pos, State::Is(t @ (Ty::Int | Ty::Float))) => State::Is(t),
            (UnaryOp::Invert, State::Is(Ty::Int)) => State::Is(Ty::Int),
            _ => State::Any,
        },
        Expr::Compare(a, rest) if rest.len() == 1 => {
            let (op, b) = (&rest[0].0, &rest[0].1);
            match op {
                CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn => State::Is(Ty::Bool),
                _ => match both(ty(a), ty(b)) {
                    Ok((Ty::Int | Ty::Float, Ty::Int | Ty::Float)) => State::Is(Ty::Bool),
                    Ok(_) => State::Any,
                    Err(s) => s,
                },
            }
        }
        Expr::And(a, b) | Expr::Or(a, b) => match both(ty(a), ty(b)) {
            Ok((Ty::Bool, Ty::Bool)) => State::Is(Ty::Bool),
            Ok(_) => State::Any,
            Err(s) => s,
        },
        Expr::IfElse(_, a, b) => match both(ty(a), ty(b)) {
            Ok((x, y)) if x == y => State::Is(x),
            Ok(_) => State::Any,
            Err(s) => s,
        },
        Expr::Named(_, v) => ty(v),
        // `len(x)` is an int (or raises).
        Expr::Call(f, args) if builtins.len && global_call(f, args, code) == Some(("len", 1)) => State::Is(Ty::Int),
        Expr::Call(f, args) => known(returned_ty(f, args, code, builtins)),
        Expr::Subscript(..) => known(scope.item_ty(e)),
        _ => State::Any,
    }
}

/// The static type of the call `f(args)`: a module function with a typed
/// return (`Builtins::returns`) called with its positional parameters.
pub fn returned_ty(f: &Expr, args: &protopy_frontend::ir::Args, code: &Code, builtins: &Builtins) -> Option<Ty> {
    let (name, n) = global_call(f, args, code)?;
    let (nargs, ty) = builtins.returns.get(name)?;
    (n == *nargs).then_some(*ty)
}

/// Whether every way out of `code`'s body returns a value of type `ty`:
/// each `return` has a value of that type, the body cannot run off its
/// end, and no `try` (whose blocks run as closures) is involved.
pub fn returns_as(locals: &[Option<Ty>], scope: Scope<'_>, ty: Ty) -> bool {
    let code = scope.code;
    fn ends(body: &[Stmt]) -> bool {
        match body.last().map(|s| &s.kind) {
            Some(StmtKind::Return(_) | StmtKind::Raise(..)) => true,
            Some(StmtKind::If(_, a, b)) => ends(a) && ends(b),
            _ => false,
        }
    }
    fn walk(body: &[Stmt], ok: &mut dyn FnMut(&Stmt) -> bool) -> bool {
        body.iter().all(|s| {
            ok(s)
                && match &s.kind {
                    StmtKind::If(_, a, b) | StmtKind::While(_, a, b) | StmtKind::For { body: a, orelse: b, .. } => walk(a, ok) && walk(b, ok),
                    StmtKind::Try(_) | StmtKind::Match(..) => false,
                    _ => true,
                }
        })
    }
    if code.is_generator || code.is_coroutine || !ends(&code.body) {
        return false;
    }
    walk(&code.body, &mut |s| match &s.kind {
        StmtKind::Return(Some(e)) => expr_ty(e, locals, scope) == Some(ty),
        StmtKind::Return(None) => false,
        _ => true,
    })
}

/// The annotated return type of a function, read from its `__annotate__`.
pub fn annotated_return(annotate: &Code, builtins: &Builtins) -> Option<Ty> {
    annotation_items(annotate, builtins).find_map(|(k, t)| match t {
        Annotation::Scalar(t) if k == "return" => Some(t),
        _ => None,
    })
}

/// The annotation `e` of an `__annotate__` function: `int`, `float`, or
/// `list[...]` of one of them (or of `bool`, or of such a list).
fn annotation(e: &Expr, annotate: &Code, builtins: &Builtins) -> Option<Annotation> {
    let name = |g: &u32| annotate.names.get(*g as usize).map(|n| &**n);
    match e {
        Expr::Global(g) => match name(g) {
            Some("int") if builtins.int => Some(Annotation::Scalar(Ty::Int)),
            Some("float") if builtins.float => Some(Annotation::Scalar(Ty::Float)),
            _ => None,
        },
        Expr::Subscript(l, item) if builtins.list && matches!(&**l, Expr::Global(g) if name(g) == Some("list")) => {
            let inner = match &**item {
                Expr::Global(g) if name(g) == Some("bool") && builtins.bool_ => ListTy { depth: 1, item: Ty::Bool },
                other => match annotation(other, annotate, builtins)? {
                    Annotation::Scalar(t) => ListTy { depth: 1, item: t },
                    Annotation::List(l) if l.depth < 8 => ListTy { depth: l.depth + 1, item: l.item },
                    Annotation::List(_) => return None,
                },
            };
            Some(Annotation::List(inner))
        }
        _ => None,
    }
}

/// The `name: annotation` pairs of an `__annotate__` function (PEP 649:
/// `return {'x': int, ...}`) that typed code uses.
fn annotation_items<'c>(annotate: &'c Code, builtins: &'c Builtins) -> impl Iterator<Item = (String, Annotation)> + 'c {
    let mut found = None;
    for s in &annotate.body {
        if let StmtKind::Return(Some(Expr::Dict(items))) = &s.kind {
            found = Some(items);
        }
    }
    found.into_iter().flatten().filter_map(move |item| {
        let protopy_frontend::ir::DictItem::Pair(Expr::Const(k), value) = item else { return None };
        let Some(Const::Str(key)) = annotate.consts.get(*k as usize) else { return None };
        Some((key.to_string(), annotation(value, annotate, builtins)?))
    })
}

/// The type of `a op b` for typed operands, where Python's result type is
/// fixed by the operand types.
pub fn arith_ty(op: BinOp, a: Ty, b: Ty) -> Option<Ty> {
    use BinOp::*;
    match (a, b) {
        (Ty::Int, Ty::Int) => match op {
            Add | Sub | Mul | FloorDiv | Mod | BitAnd | BitOr | BitXor | LShift | RShift => Some(Ty::Int),
            TrueDiv => Some(Ty::Float),
            Pow | MatMul => None,
        },
        (Ty::Float, Ty::Float | Ty::Int) | (Ty::Int, Ty::Float) => match op {
            Add | Sub | Mul | TrueDiv | FloorDiv | Mod => Some(Ty::Float),
            _ => None,
        },
        _ => None,
    }
}

/// `range(...)` with one to three positional arguments, `range` being the
/// builtin.
pub fn is_range_call(e: &Expr, code: &Code, builtins: &Builtins) -> bool {
    match e {
        Expr::Call(f, args) => builtins.range && matches!(global_call(f, args, code), Some(("range", 1..=3))),
        _ => false,
    }
}

/// The global's name and the argument count of a call `f(args)` of a
/// global with positional arguments only (no keywords, no unpacking).
fn global_call<'c>(f: &Expr, args: &protopy_frontend::ir::Args, code: &'c Code) -> Option<(&'c str, usize)> {
    let Expr::Global(id) = f else { return None };
    let positional = args.kwargs.is_empty() && args.args.iter().all(|a| matches!(a, Elt::Item(_)));
    positional.then_some((&**code.names.get(*id as usize)?, args.args.len()))
}

/// The type of each fast local of `code`; `params` gives the annotated
/// type of each parameter.
/// `floats` says whether the `float` parameters hold floats (the version
/// of the function entered when every one of them was passed a float).
pub fn infer_locals(params: &[Option<Ty>], floats: bool, scope: Scope<'_>) -> Vec<Option<Ty>> {
    let (code, builtins) = (scope.code, scope.builtins);
    // Otherwise a `float` parameter may be passed an int, which must stay
    // one.
    let param = |i: usize| match params.get(i).copied().flatten() {
        Some(Ty::Int) => State::Is(Ty::Int),
        Some(Ty::Float) if floats => State::Is(Ty::Float),
        _ => State::Any,
    };
    let loop_item = |iter: &Expr, _: &dyn Fn(u32) -> State<Ty>| if is_range_call(iter, code, builtins) { State::Is(Ty::Int) } else { State::Any };
    fixed_point(code, &param, &loop_item, &|e, local| expr_state(e, local, scope))
}

/// Which `Value` locals of `code` hold annotated lists: annotated list
/// parameters, and locals only ever given an annotated list or an inner
/// list of one (`b = bodies[i]`, `for b in bodies`).
pub fn infer_lists(params: &[Option<ListTy>], code: &Code) -> Vec<Option<ListTy>> {
    let param = |i: usize| match params.get(i).copied().flatten() {
        Some(l) => State::Is(l),
        None => State::Any,
    };
    fn list_state(e: &Expr, local: &dyn Fn(u32) -> State<ListTy>) -> State<ListTy> {
        match e {
            Expr::Local(slot) => local(*slot),
            Expr::Subscript(x, k) if !matches!(**k, Expr::Slice(..)) => inner(list_state(x, local)),
            _ => State::Any,
        }
    }
    fn inner(s: State<ListTy>) -> State<ListTy> {
        match s {
            State::Is(l) => l.inner().map_or(State::Any, State::Is),
            other => other,
        }
    }
    fixed_point(code, &param, &|iter, local| inner(list_state(iter, local)), &list_state)
}

/// The optimistic fixed point of a flow-insensitive analysis of `code`'s
/// locals: `param` gives each parameter's state, `loop_item` the state of
/// a `for` target given its iterable, `state_of` an expression's state
/// given the locals'.
fn fixed_point<T: Copy + PartialEq>(
    code: &Code,
    param: &dyn Fn(usize) -> State<T>,
    loop_item: &dyn Fn(&Expr, &dyn Fn(u32) -> State<T>) -> State<T>,
    state_of: &dyn Fn(&Expr, &dyn Fn(u32) -> State<T>) -> State<T>,
) -> Vec<Option<T>> {
    let n = code.locals.len();
    if matches!(code.kind, CodeKind::Module | CodeKind::Class) || uses_locals(code) {
        return vec![None; n];
    }
    let mut state = vec![State::Unknown; n];
    for (i, s) in state.iter_mut().enumerate().take(code.params.total()) {
        *s = param(i);
    }
    for &(slot, _) in &code.cell_params {
        if let Some(s) = state.get_mut(slot as usize) {
            *s = State::Any;
        }
    }
    loop {
        let mut next = state.clone();
        let mut store = |slot: u32, t: State<T>| {
            if let Some(s) = next.get_mut(slot as usize) {
                *s = match t {
                    // Not known yet: the next round decides.
                    State::Unknown => *s,
                    State::Is(t) => s.join(Some(t)),
                    State::Any => State::Any,
                };
            }
        };
        let current = &state;
        let local = |slot: u32| current.get(slot as usize).copied().unwrap_or(State::Any);
        let typed = |e: &Expr| state_of(e, &local);
        let item = |iter: &Expr| loop_item(iter, &local);
        stores(&code.body, &item, &typed, &mut store);
        if next == state {
            break;
        }
        state = next;
    }
    state
        .into_iter()
        .map(|s| match s {
            State::Is(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Whether `e` can never be a negative number, for numbers: a square, a
/// non-negative constant, and sums, products, quotients and powers of
/// such (a NaN is not negative). `local` says the same of a local.
fn nonneg(e: &Expr, local: &dyn Fn(u32) -> bool, code: &Code) -> bool {
    let nn = |x: &Expr| nonneg(x, local, code);
    match e {
        Expr::Const(i) => match code.consts.get(*i as usize) {
            Some(Const::Int(v)) => *v >= 0,
            Some(Const::Float(f)) => *f >= 0.0,
            _ => false,
        },
        Expr::Local(slot) => local(*slot),
        Expr::BinOp(BinOp::Mul, a, b) | Expr::InPlace(BinOp::Mul, a, b) => {
            matches!((&**a, &**b), (Expr::Local(x), Expr::Local(y)) if x == y) || (nn(a) && nn(b))
        }
        Expr::BinOp(BinOp::Add | BinOp::TrueDiv, a, b) | Expr::InPlace(BinOp::Add | BinOp::TrueDiv, a, b) => nn(a) && nn(b),
        Expr::BinOp(BinOp::Pow, a, _) | Expr::InPlace(BinOp::Pow, a, _) => nn(a),
        _ => false,
    }
}

/// Which locals of `code` are never given a negative number (`nonneg`
/// of every store). Only used together with the locals' types: for a
/// local typed float, `x ** y` is a float.
pub fn infer_nonneg(code: &Code) -> Vec<bool> {
    let param = |_: usize| State::Any;
    let loop_item = |_: &Expr, _: &dyn Fn(u32) -> State<()>| State::Any;
    let state_of = |e: &Expr, local: &dyn Fn(u32) -> State<()>| {
        // Not known yet counts as non-negative (the fixed point is
        // optimistic and settles).
        if nonneg(e, &|s| !matches!(local(s), State::Any), code) {
            State::Is(())
        } else {
            State::Any
        }
    };
    fixed_point(code, &param, &loop_item, &state_of).into_iter().map(|s| s.is_some()).collect()
}

/// `locals()`, `vars()` or the lowering's locals snapshot: the locals must
/// all be `Value`s then.
fn uses_locals(code: &Code) -> bool {
    let mut found = false;
    for s in &code.body {
        super::visit_stmt(s, &mut |e| match e {
            Expr::Locals => found = true,
            Expr::Global(id) => {
                found |= code.names.get(*id as usize).is_some_and(|n| &**n == "locals" || &**n == "vars");
            }
            _ => {}
        });
    }
    found
}

/// Report every store into a fast local with the stored value's type.
fn stores<T: Copy>(body: &[Stmt], loop_item: &dyn Fn(&Expr) -> State<T>, ty: &dyn Fn(&Expr) -> State<T>, store: &mut dyn FnMut(u32, State<T>)) {
    for s in body {
        // Walrus stores anywhere in the statement's expressions.
        super::visit_stmt(s, &mut |e| {
            if let Expr::Named(t, v) = e {
                match &**t {
                    Target::Local(slot) => store(*slot, ty(v)),
                    other => untyped(other, store),
                }
            }
        });
        match &s.kind {
            StmtKind::Assign(targets, value) => match &targets[..] {
                [Target::Local(slot)] => store(*slot, ty(value)),
                many => many.iter().for_each(|t| untyped(t, store)),
            },
            StmtKind::For { target, iter, body, orelse } => {
                match target {
                    Target::Local(slot) => store(*slot, loop_item(iter)),
                    other => untyped(other, store),
                }
                stores(body, loop_item, ty, store);
                stores(orelse, loop_item, ty, store);
            }
            StmtKind::If(_, a, b) | StmtKind::While(_, a, b) => {
                stores(a, loop_item, ty, store);
                stores(b, loop_item, ty, store);
            }
            StmtKind::Try(t) => {
                stores(&t.body, loop_item, ty, store);
                for h in &t.handlers {
                    if let Some(n) = &h.name {
                        untyped(n, store);
                    }
                    stores(&h.body, loop_item, ty, store);
                }
                stores(&t.orelse, loop_item, ty, store);
                stores(&t.finalbody, loop_item, ty, store);
            }
            StmtKind::Delete(targets) => targets.iter().for_each(|t| untyped(t, store)),
            StmtKind::Match(_, cases) => {
                for c in cases {
                    pattern_targets(&c.pattern, store);
                    stores(&c.body, loop_item, ty, store);
                }
            }
            StmtKind::Expr(_)
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Return(_)
            | StmtKind::Pass
            | StmtKind::Raise(..) => {}
        }
    }
}

/// Every local a target stores into, as an untyped store.
fn untyped<T>(t: &Target, store: &mut dyn FnMut(u32, State<T>)) {
    match t {
        Target::Local(slot) => store(*slot, State::Any),
        Target::Unpack(ts, _) => ts.iter().for_each(|t| untyped(t, store)),
        _ => {}
    }
}

fn pattern_targets<T>(p: &Pattern, store: &mut dyn FnMut(u32, State<T>)) {
    match p {
        Pattern::Sequence(items) | Pattern::Or(items) => items.iter().for_each(|p| pattern_targets(p, store)),
        Pattern::Mapping { patterns, rest, .. } => {
            patterns.iter().for_each(|p| pattern_targets(p, store));
            if let Some(t) = rest {
                untyped(t, store);
            }
        }
        Pattern::Class { patterns, kwd_patterns, .. } => patterns.iter().chain(kwd_patterns).for_each(|p| pattern_targets(p, store)),
        Pattern::Star(t) => {
            if let Some(t) = t {
                untyped(t, store);
            }
        }
        Pattern::As(p, t) => {
            if let Some(p) = p {
                pattern_targets(p, store);
            }
            if let Some(t) = t {
                untyped(t, store);
            }
        }
        Pattern::Value(_) | Pattern::Singleton(_) => {}
    }
}

/// The annotated parameter types of a function, read from its
/// `__annotate__` function.
pub fn annotated_params(f: &Code, annotate: &Code, builtins: &Builtins) -> Vec<Option<Annotation>> {
    let nparams = f.params.total();
    let mut out = vec![None; nparams];
    for (param, ty) in annotation_items(annotate, builtins) {
        // Only positional parameters (keyword-only ones and `*args` keep
        // their values).
        let positional = f.params.positional as usize;
        if let Some(i) = f.locals.iter().take(positional).position(|n| **n == *param) {
            out[i] = Some(ty);
        }
    }
    out
}
