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
//!   operands, comparisons, `not`, the counter of `for _ in range(...)`).
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Unknown,
    Is(Ty),
    Any,
}

impl State {
    fn join(self, t: Option<Ty>) -> State {
        match (self, t) {
            (State::Any, _) | (_, None) => State::Any,
            (State::Unknown, Some(t)) => State::Is(t),
            (State::Is(a), Some(b)) if a == b => State::Is(a),
            _ => State::Any,
        }
    }
}

/// The builtins typed code relies on, when the module may rebind them
/// (then nothing is inferred from them).
pub struct Builtins {
    pub int: bool,
    pub float: bool,
    pub range: bool,
}

/// The static type of `e`, given the locals' types.
pub fn expr_ty(e: &Expr, locals: &[Option<Ty>], code: &Code, builtins: &Builtins) -> Option<Ty> {
    let local = |slot: u32| match locals.get(slot as usize).copied().flatten() {
        Some(t) => State::Is(t),
        None => State::Any,
    };
    match expr_state(e, &local, code, builtins) {
        State::Is(t) => Some(t),
        _ => None,
    }
}

/// Both operands' types, or what decides without them: any untyped
/// operand makes the result untyped; otherwise an operand not yet known
/// makes it not yet known.
fn both(a: State, b: State) -> Result<(Ty, Ty), State> {
    match (a, b) {
        (State::Is(x), State::Is(y)) => Ok((x, y)),
        (State::Any, _) | (_, State::Any) => Err(State::Any),
        _ => Err(State::Unknown),
    }
}

fn known(t: Option<Ty>) -> State {
    match t {
        Some(t) => State::Is(t),
        None => State::Any,
    }
}

/// `expr_ty` during inference, where a local may not be known yet.
fn expr_state(e: &Expr, local: &dyn Fn(u32) -> State, code: &Code, builtins: &Builtins) -> State {
    let ty = |x: &Expr| expr_state(x, local, code, builtins);
    match e {
        Expr::Const(i) => match code.consts.get(*i as usize) {
            Some(Const::Int(_)) => State::Is(Ty::Int),
            Some(Const::Float(_)) => State::Is(Ty::Float),
            Some(Const::True | Const::False) => State::Is(Ty::Bool),
            _ => State::Any,
        },
        Expr::Local(slot) => local(*slot),
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
        _ => State::Any,
    }
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
        Expr::Call(f, args) => {
            builtins.range
                && matches!(&**f, Expr::Global(id) if code.names.get(*id as usize).is_some_and(|n| &**n == "range"))
                && args.kwargs.is_empty()
                && (1..=3).contains(&args.args.len())
                && args.args.iter().all(|a| matches!(a, Elt::Item(_)))
        }
        _ => false,
    }
}

/// The type of each fast local of `code`; `params` gives the annotated
/// type of each parameter.
pub fn infer_locals(code: &Code, params: &[Option<Ty>], builtins: &Builtins) -> Vec<Option<Ty>> {
    let n = code.locals.len();
    if matches!(code.kind, CodeKind::Module | CodeKind::Class) || uses_locals(code) {
        return vec![None; n];
    }
    let mut state = vec![State::Unknown; n];
    for (i, s) in state.iter_mut().enumerate().take(code.params.total()) {
        // A `float` parameter may be passed an int, which must stay one.
        *s = match params.get(i).copied().flatten() {
            Some(Ty::Int) => State::Is(Ty::Int),
            _ => State::Any,
        };
    }
    for &(slot, _) in &code.cell_params {
        if let Some(s) = state.get_mut(slot as usize) {
            *s = State::Any;
        }
    }
    loop {
        let mut next = state.clone();
        let mut store = |slot: u32, t: State| {
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
        let typed = |e: &Expr| expr_state(e, &local, code, builtins);
        stores(&code.body, code, builtins, &typed, &mut store);
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
fn stores(body: &[Stmt], code: &Code, builtins: &Builtins, ty: &dyn Fn(&Expr) -> State, store: &mut dyn FnMut(u32, State)) {
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
                    Target::Local(slot) if is_range_call(iter, code, builtins) => store(*slot, State::Is(Ty::Int)),
                    other => untyped(other, store),
                }
                stores(body, code, builtins, ty, store);
                stores(orelse, code, builtins, ty, store);
            }
            StmtKind::If(_, a, b) | StmtKind::While(_, a, b) => {
                stores(a, code, builtins, ty, store);
                stores(b, code, builtins, ty, store);
            }
            StmtKind::Try(t) => {
                stores(&t.body, code, builtins, ty, store);
                for h in &t.handlers {
                    if let Some(n) = &h.name {
                        untyped(n, store);
                    }
                    stores(&h.body, code, builtins, ty, store);
                }
                stores(&t.orelse, code, builtins, ty, store);
                stores(&t.finalbody, code, builtins, ty, store);
            }
            StmtKind::Delete(targets) => targets.iter().for_each(|t| untyped(t, store)),
            StmtKind::Match(_, cases) => {
                for c in cases {
                    pattern_targets(&c.pattern, store);
                    stores(&c.body, code, builtins, ty, store);
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
fn untyped(t: &Target, store: &mut dyn FnMut(u32, State)) {
    match t {
        Target::Local(slot) => store(*slot, State::Any),
        Target::Unpack(ts, _) => ts.iter().for_each(|t| untyped(t, store)),
        _ => {}
    }
}

fn pattern_targets(p: &Pattern, store: &mut dyn FnMut(u32, State)) {
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
/// `__annotate__` function (PEP 649): `return {'x': int, ...}`.
pub fn annotated_params(f: &Code, annotate: &Code, builtins: &Builtins) -> Vec<Option<Ty>> {
    let nparams = f.params.total();
    let mut out = vec![None; nparams];
    let mut found = None;
    for s in &annotate.body {
        if let StmtKind::Return(Some(Expr::Dict(items))) = &s.kind {
            found = Some(items);
        }
    }
    let Some(items) = found else { return out };
    for item in items {
        let protopy_frontend::ir::DictItem::Pair(Expr::Const(k), Expr::Global(g)) = item else { continue };
        let Some(Const::Str(param)) = annotate.consts.get(*k as usize) else { continue };
        let ty = match annotate.names.get(*g as usize).map(|n| &**n) {
            Some("int") if builtins.int => Ty::Int,
            Some("float") if builtins.float => Ty::Float,
            _ => continue,
        };
        // Only positional parameters (keyword-only ones and `*args` keep
        // their values).
        let positional = f.params.positional as usize;
        if let Some(i) = f.locals.iter().take(positional).position(|n| n == param) {
            out[i] = Some(ty);
        }
    }
    out
}
