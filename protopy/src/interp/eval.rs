//! Expression evaluation.

use std::sync::Arc;

use protopy_frontend::ir::{self, BinOp, CmpOp, DictItem, Elt, Expr, FPart, Kwarg, UnaryOp};
use protopy_runtime::compiled::frame::suspend_generator;
use protopy_runtime::exec_support;
use protopy_runtime::objects::generator::{self, GeneratorObj, Resume};
use protopy_runtime::objects::set::SetObj;
use protopy_runtime::objects::slice::SliceObj;
use protopy_runtime::ops::{self, BinaryOp, CompareOp};
use protopy_runtime::{ctx, CallArgs, PyErr, PyResult, Value};

use super::frame::Frame;
use super::state;

pub fn binop(op: BinOp) -> BinaryOp {
    match op {
        BinOp::Add => BinaryOp::Add,
        BinOp::Sub => BinaryOp::Sub,
        BinOp::Mul => BinaryOp::Mul,
        BinOp::MatMul => BinaryOp::MatMul,
        BinOp::TrueDiv => BinaryOp::TrueDiv,
        BinOp::FloorDiv => BinaryOp::FloorDiv,
        BinOp::Mod => BinaryOp::Mod,
        BinOp::Pow => BinaryOp::Pow,
        BinOp::LShift => BinaryOp::LShift,
        BinOp::RShift => BinaryOp::RShift,
        BinOp::BitOr => BinaryOp::Or,
        BinOp::BitXor => BinaryOp::Xor,
        BinOp::BitAnd => BinaryOp::And,
    }
}

fn cmpop(op: CmpOp) -> Option<CompareOp> {
    Some(match op {
        CmpOp::Eq => CompareOp::Eq,
        CmpOp::NotEq => CompareOp::Ne,
        CmpOp::Lt => CompareOp::Lt,
        CmpOp::LtE => CompareOp::Le,
        CmpOp::Gt => CompareOp::Gt,
        CmpOp::GtE => CompareOp::Ge,
        _ => return None,
    })
}

impl<'a> Frame<'a> {
    pub fn eval(&mut self, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Const(i) => Ok(self.prep.consts[*i as usize].clone()),
            Expr::Local(slot) => self.load_local(*slot),
            Expr::Cell(i) => self.load_cell(*i),
            Expr::Global(id) => self.load_global(*id),
            Expr::Name(id) => self.load_name(*id),
            Expr::ClassDeref(id, cell) => {
                if let Some(ns) = &self.namespace {
                    if let Some(v) = super::frame::lookup_mapping(ns, self.name(*id))? {
                        return Ok(v);
                    }
                }
                self.load_cell(*cell)
            }
            Expr::Builtin(id) => match ctx().builtins.dict.get_str_key(self.name(*id)) {
                Some(v) => Ok(v),
                None => Err(PyErr::name_error(self.name(*id).as_str().unwrap_or("?"))),
            },
            Expr::Attribute(obj, id) => {
                if let Some(o) = self.peek(obj) {
                    return self.get_attr(o, *id);
                }
                let o = self.eval(obj)?;
                self.get_attr(&o, *id)
            }
            Expr::Subscript(obj, key) => self.with_pair(obj, key, getitem),
            Expr::Slice(a, b, c) => {
                let mut part = |x: &Option<Box<Expr>>| -> PyResult<Value> {
                    match x {
                        Some(x) => self.eval(x),
                        None => Ok(Value::None),
                    }
                };
                let start = part(a)?;
                let stop = part(b)?;
                let step = part(c)?;
                Ok(Value::Slice(Arc::new(SliceObj { start, stop, step })))
            }
            Expr::BinOp(op, a, b) => {
                let op = binop(*op);
                self.with_pair(a, b, |x, y| ops::binary_op(op, x, y))
            }
            Expr::InPlace(op, a, b) => {
                let op = binop(*op);
                self.with_pair(a, b, |x, y| ops::inplace_op(op, x, y))
            }
            Expr::Unary(op, a) => {
                let x = self.eval(a)?;
                match op {
                    UnaryOp::Not => Ok(Value::Bool(!ops::truthy(&x)?)),
                    UnaryOp::Neg => ops::unary_op(ops::UnaryOp::Neg, &x),
                    UnaryOp::Pos => ops::unary_op(ops::UnaryOp::Pos, &x),
                    UnaryOp::Invert => ops::unary_op(ops::UnaryOp::Invert, &x),
                }
            }
            Expr::And(a, b) => {
                let x = self.eval(a)?;
                if !ops::truthy(&x)? {
                    return Ok(x);
                }
                self.eval(b)
            }
            Expr::Or(a, b) => {
                let x = self.eval(a)?;
                if ops::truthy(&x)? {
                    return Ok(x);
                }
                self.eval(b)
            }
            Expr::Compare(first, rest) => self.eval_compare(first, rest),
            Expr::IfElse(test, a, b) => {
                if self.eval_test(test)? {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            Expr::Call(f, args) => {
                let func = self.eval(f)?;
                if let Some(r) = self.call_interpreted_fast(&func, args) {
                    return r;
                }
                self.call_with(&func, args)
            }
            Expr::CallMethod(obj, id, args) => self.eval_call_method(obj, *id, args),
            Expr::Tuple(elts) => Ok(Value::tuple(self.eval_elts(elts)?)),
            Expr::List(elts) => Ok(Value::list(self.eval_elts(elts)?)),
            Expr::Set(elts) => {
                let items = self.eval_elts(elts)?;
                Ok(Value::set(SetObj::from_values(items)?))
            }
            Expr::Dict(items) => self.eval_dict(items),
            Expr::Function(mf) => super::function::make_function(self, mf),
            Expr::Class(mc) => super::class::make_class(self, mc),
            Expr::FString(parts) => Ok(Value::string(self.eval_fstring(parts)?)),
            Expr::Yield(v) => {
                let value = match v {
                    Some(x) => self.eval(x)?,
                    None => Value::None,
                };
                self.yield_value(value)
            }
            Expr::YieldFrom(v) => {
                let it = self.eval(v)?;
                self.yield_from(it)
            }
            Expr::Await(v) => {
                let aw = self.eval(v)?;
                let it = exec_support::await_iterator(&aw)?;
                self.yield_from(it)
            }
            Expr::Named(target, value) => {
                let v = self.eval(value)?;
                self.assign(target, v.clone())?;
                Ok(v)
            }
            Expr::Import { name, fromlist, level } => {
                let names: Vec<Value> = fromlist.iter().map(|i| self.name(*i).clone()).collect();
                let modname = self.name(*name).as_str().unwrap_or("").to_string();
                (ctx().hooks().import)(&modname, Some(self.globals), &names, *level)
            }
            Expr::ImportFrom(module, id) => {
                let m = self.eval(module)?;
                exec_support::import_from(&m, self.name(*id))
            }
            Expr::ImportStar(module) => {
                let m = self.eval(module)?;
                self.import_star(&m)?;
                Ok(Value::None)
            }
            Expr::Super(cls, first) => {
                let c = match self.eval(cls) {
                    Ok(c) => c,
                    Err(_) => return Err(PyErr::runtime_error("super(): empty __class__ cell")),
                };
                let o = self.eval(first).map_err(|_| PyErr::runtime_error("super(): no arguments"))?;
                protopy_runtime::objects::descriptor::make_super(&c, &o)
            }
            Expr::CurrentException => Ok(state::current_handled().unwrap_or(Value::None)),
            Expr::Locals => self.locals_dict(),
        }
    }

    /// The truth of `e` where only that is used (`if`, `while`, a
    /// conditional expression's test): a single comparison gives its
    /// outcome without a bool object, and each operand of `and`, `or` and
    /// `not` is tested once, as CPython's jumps do.
    pub fn eval_test(&mut self, e: &Expr) -> PyResult<bool> {
        match e {
            Expr::Compare(first, rest) if rest.len() == 1 => {
                let (op, right) = &rest[0];
                let op = *op;
                self.with_pair(first, right, |l, r| match op {
                    CmpOp::Is => Ok(l.is(r)),
                    CmpOp::IsNot => Ok(!l.is(r)),
                    CmpOp::In => ops::contains(r, l),
                    CmpOp::NotIn => Ok(!ops::contains(r, l)?),
                    other => ops::compare_bool(l, r, cmpop(other).unwrap_or(CompareOp::Eq)),
                })
            }
            Expr::Unary(UnaryOp::Not, a) => Ok(!self.eval_test(a)?),
            Expr::And(a, b) => Ok(self.eval_test(a)? && self.eval_test(b)?),
            Expr::Or(a, b) => Ok(self.eval_test(a)? || self.eval_test(b)?),
            Expr::Const(_) | Expr::Local(_) => match self.peek(e) {
                Some(v) => ops::truthy(v),
                None => {
                    let v = self.eval(e)?;
                    ops::truthy(&v)
                }
            },
            _ => {
                let v = self.eval(e)?;
                ops::truthy(&v)
            }
        }
    }

    /// The value of `e` without evaluating it, when it is a constant or a
    /// bound fast local: a borrow, where `eval` would clone.
    #[inline]
    pub fn peek(&self, e: &Expr) -> Option<&Value> {
        match e {
            Expr::Local(slot) => self.locals.get(*slot as usize)?.as_ref(),
            Expr::Const(i) => self.prep.consts.get(*i as usize),
            _ => None,
        }
    }

    /// `f(a, b)` with `a` evaluated before `b`, borrowing constants and
    /// fast locals instead of cloning them where that cannot change what is
    /// seen: a constant always; a local when what comes after it is only
    /// peeked too (evaluating it could rebind the local), or when it is
    /// the last operand.
    #[inline]
    pub fn with_pair<R>(&mut self, a: &Expr, b: &Expr, f: impl FnOnce(&Value, &Value) -> PyResult<R>) -> PyResult<R> {
        let prep: &'a super::prepared::Prepared = self.prep;
        if let Expr::Const(i) = a {
            if let Some(x) = prep.consts.get(*i as usize) {
                if let Some(y) = self.peek(b) {
                    return f(x, y);
                }
                let y = self.eval(b)?;
                return f(x, &y);
            }
        }
        if let (Some(x), Some(y)) = (self.peek(a), self.peek(b)) {
            return f(x, y);
        }
        let x = self.eval(a)?;
        if let Some(y) = self.peek(b) {
            return f(&x, y);
        }
        let y = self.eval(b)?;
        f(&x, &y)
    }

    fn compare_one(left: &Value, op: CmpOp, r: &Value) -> PyResult<Value> {
        Ok(match op {
            CmpOp::Is => Value::Bool(left.is(r)),
            CmpOp::IsNot => Value::Bool(!left.is(r)),
            CmpOp::In => Value::Bool(ops::contains(r, left)?),
            CmpOp::NotIn => Value::Bool(!ops::contains(r, left)?),
            other => {
                let op = cmpop(other).unwrap_or(CompareOp::Eq);
                match (left, r) {
                    (Value::Int(_), Value::Int(_)) | (Value::Float(_), Value::Float(_)) | (Value::Str(_), Value::Str(_)) => {
                        Value::Bool(ops::compare_bool(left, r, op)?)
                    }
                    _ => ops::compare(left, r, op)?,
                }
            }
        })
    }

    fn eval_compare(&mut self, first: &Expr, rest: &[(CmpOp, Expr)]) -> PyResult<Value> {
        if let [(op, right)] = rest {
            let op = *op;
            return self.with_pair(first, right, |l, r| Self::compare_one(l, op, r));
        }
        let mut left = self.eval(first)?;
        let n = rest.len();
        for (i, (op, right)) in rest.iter().enumerate() {
            let r = self.eval(right)?;
            let result = Self::compare_one(&left, *op, &r)?;
            if i + 1 == n {
                return Ok(result);
            }
            if !ops::truthy(&result)? {
                return Ok(result);
            }
            left = r;
        }
        Ok(Value::Bool(true))
    }

    pub fn eval_elts(&mut self, elts: &[Elt]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(elts.len());
        for e in elts {
            match e {
                Elt::Item(x) => out.push(self.eval(x)?),
                Elt::Star(x) => {
                    let v = self.eval(x)?;
                    exec_support::extend_star(&mut out, &v)?;
                }
            }
        }
        Ok(out)
    }

    fn eval_dict(&mut self, items: &[DictItem]) -> PyResult<Value> {
        let d = protopy_runtime::compiled::new_dict();
        for item in items {
            match item {
                DictItem::Pair(k, v) => {
                    let key = self.eval(k)?;
                    let value = self.eval(v)?;
                    d.set_item(key, value)?;
                }
                DictItem::Unpack(m) => {
                    let src = self.eval(m)?;
                    exec_support::update_dict_unpack(&d, &src)?;
                }
            }
        }
        Ok(Value::Dict(d))
    }

    /// Evaluate call arguments into (positional + keyword values, keyword names).
    pub fn eval_args(&mut self, args: &ir::Args) -> PyResult<(Vec<Value>, Vec<Value>)> {
        let mut vals = self.eval_elts(&args.args)?;
        let mut names: Vec<Value> = Vec::new();
        if args.kwargs.is_empty() {
            return Ok((vals, names));
        }
        let mut kwvals = Vec::new();
        for kw in &args.kwargs {
            match kw {
                Kwarg::Named(id, e) => {
                    let v = self.eval(e)?;
                    let name = self.name(*id).clone();
                    names.push(name);
                    kwvals.push(v);
                }
                Kwarg::Unpack(e) => {
                    let m = self.eval(e)?;
                    exec_support::push_kwargs_unpack(&m, &mut names, &mut kwvals)?;
                }
            }
        }
        vals.extend(kwvals);
        Ok((vals, names))
    }

    /// A call of an interpreted function with plain positional arguments:
    /// the arguments are evaluated straight into the callee's locals.
    #[inline]
    fn call_interpreted_fast(&mut self, func: &Value, args: &ir::Args) -> Option<PyResult<Value>> {
        let Value::Function(f) = func else { return None };
        if !args.kwargs.is_empty() {
            return None;
        }
        let interp = f.code.as_any()?.downcast_ref::<super::function::InterpFunction>()?;
        let n = args.args.len();
        if !interp.takes_positionally(n) || args.args.iter().any(|a| matches!(a, Elt::Star(_))) {
            return None;
        }
        Some(interp.invoke(f, |locals| {
            for (slot, a) in locals.iter_mut().zip(&args.args) {
                if let Elt::Item(e) = a {
                    *slot = Some(self.eval(e)?);
                }
            }
            interp.fill_defaults(f, locals, n)
        }))
    }

    /// `obj.name(args)`. Out of line (as are calls): `eval` recurses, and
    /// its frame stays small.
    #[inline(never)]
    fn eval_call_method(&mut self, obj: &Expr, id: u32, args: &ir::Args) -> PyResult<Value> {
        if let Some(r) = self.call_method_peeked(obj, id, args) {
            return r;
        }
        let o = self.eval(obj)?;
        if let Some(r) = self.small_args(args, |f, a| {
            // `list.append`: an exact list's method cannot be replaced.
            if let (Value::List(l), [item]) = (&o, a) {
                if id == f.prep.append_name {
                    l.push(item.clone());
                    return Ok(Value::None);
                }
            }
            f.call_method(&o, id, CallArgs::positional_only(a))
        }) {
            return r;
        }
        let (vals, names) = self.eval_args(args)?;
        self.call_method(&o, id, CallArgs::new(&vals, &names))
    }

    /// `obj.name(args)` when the object and the arguments are constants or
    /// bound fast locals: nothing to evaluate, so the object is borrowed
    /// instead of cloned (the call cannot rebind this frame's locals).
    #[inline]
    fn call_method_peeked(&self, obj: &Expr, id: u32, args: &ir::Args) -> Option<PyResult<Value>> {
        if !args.kwargs.is_empty() {
            return None;
        }
        let o = self.peek(obj)?;
        let arg = |a: &Elt| match a {
            Elt::Item(e) => self.peek(e).cloned(),
            Elt::Star(_) => None,
        };
        Some(match args.args.as_slice() {
            [] => self.call_method(o, id, CallArgs::positional_only(&[])),
            [a] => {
                let a = arg(a)?;
                if let Value::List(l) = o {
                    if id == self.prep.append_name {
                        l.push(a);
                        return Some(Ok(Value::None));
                    }
                }
                self.call_method(o, id, CallArgs::positional_only(std::slice::from_ref(&a)))
            }
            [a, b] => {
                let (a, b) = (arg(a)?, arg(b)?);
                self.call_method(o, id, CallArgs::positional_only(&[a, b]))
            }
            _ => return None,
        })
    }

    /// `f(self, values)` for up to three plain positional arguments,
    /// evaluated onto the stack instead of into a vector; None (nothing
    /// evaluated) for other argument lists.
    #[inline]
    fn small_args<R>(&mut self, args: &ir::Args, f: impl FnOnce(&Self, &[Value]) -> PyResult<R>) -> Option<PyResult<R>> {
        if !args.kwargs.is_empty() {
            return None;
        }
        macro_rules! arg {
            ($e:expr) => {
                match self.eval($e) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                }
            };
        }
        Some(match args.args.as_slice() {
            [] => f(self, &[]),
            [Elt::Item(a)] => {
                let a = arg!(a);
                f(self, std::slice::from_ref(&a))
            }
            [Elt::Item(a), Elt::Item(b)] => {
                let a = arg!(a);
                let b = arg!(b);
                f(self, &[a, b])
            }
            [Elt::Item(a), Elt::Item(b), Elt::Item(c)] => {
                let a = arg!(a);
                let b = arg!(b);
                let c = arg!(c);
                f(self, &[a, b, c])
            }
            _ => return None,
        })
    }

    #[inline(never)]
    pub fn call_with(&mut self, func: &Value, args: &ir::Args) -> PyResult<Value> {
        if let Some(r) = self.small_args(args, |_, a| ops::call(func, CallArgs::positional_only(a))) {
            return r;
        }
        let (vals, names) = self.eval_args(args)?;
        ops::call(func, CallArgs::new(&vals, &names))
    }

    fn eval_fstring(&mut self, parts: &[FPart]) -> PyResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Literal(i) => {
                    if let Some(s) = self.prep.consts[*i as usize].as_str() {
                        out.push_str(s);
                    }
                }
                FPart::Value { expr, conversion, spec } => {
                    let v = self.eval(expr)?;
                    let spec = match spec {
                        Some(parts) => self.eval_fstring(parts)?,
                        None => String::new(),
                    };
                    exec_support::format_fvalue(&mut out, v, *conversion, &spec)?;
                }
            }
        }
        Ok(out)
    }

    /// Suspend the generator running this frame, handing out `value`.
    fn suspend(&mut self, value: Value) -> PyResult<Resume> {
        let Some(y) = self.yielder else {
            return Err(PyErr::system_error("yield outside a generator frame"));
        };
        // This frame's part of the thread state leaves with it.
        let input = suspend_generator(y, &mut self.resume_frames, &mut self.resume_handled, value);
        Ok(input)
    }

    fn yield_value(&mut self, value: Value) -> PyResult<Value> {
        let value = if self.code.is_coroutine {
            protopy_runtime::objects::async_generator::wrap(value)
        } else {
            value
        };
        match self.suspend(value)? {
            Resume::Send(v) => Ok(v),
            Resume::Throw(e) => Err(e),
        }
    }

    /// `yield from it`: delegate to a sub-iterator until it returns.
    fn yield_from(&mut self, src: Value) -> PyResult<Value> {
        exec_support::yield_from(src, &mut |v| self.suspend(v))
    }

    fn import_star(&mut self, m: &Value) -> PyResult<()> {
        for (n, v) in exec_support::import_star_items(m)? {
            match &self.namespace {
                Some(ns) => ops::setitem(ns, &n, v)?,
                None => self.globals.set_item(n, v)?,
            }
        }
        Ok(())
    }
}

/// `obj[key]`, with an exact list and an int index read directly.
#[inline]
pub fn getitem(obj: &Value, key: &Value) -> PyResult<Value> {
    match (obj, key) {
        (Value::List(l), Value::Int(i)) => l.get_index(*i),
        _ => ops::getitem(obj, key),
    }
}

/// `obj[key] = value`, with an exact list and an int index stored directly.
#[inline]
pub fn setitem(obj: &Value, key: &Value, value: Value) -> PyResult<()> {
    match (obj, key) {
        (Value::List(l), Value::Int(i)) => l.set_index(*i, value),
        _ => ops::setitem(obj, key, value),
    }
}

/// A generator object for `code` whose body runs `body` on its own stack.
pub fn new_generator(kind: generator::GenKind, name: Value, qualname: Value, body: generator::GenBody) -> Value {
    generator::new_value(GeneratorObj::new(kind, name, qualname, body))
}
