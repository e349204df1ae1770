//! Statement execution and assignment.

use protopy_frontend::ir::{BinOp, Expr, Handler, Stmt, StmtKind, Target, Try};
use protopy_runtime::exec_support::exceptions::{group_members, group_rest, split_group};
use protopy_runtime::exec_support::{exception_matches, raise_error, unpack};
use protopy_runtime::objects::exception;
use protopy_runtime::ops::{self, BinaryOp};
use protopy_runtime::{signals, PyErr, PyResult, Value};

use super::frame::Frame;
use super::state;

/// How a block of statements ended.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Normal,
    /// A `return`: the value is in `Frame::ret`.
    Return,
    Break,
    Continue,
}

impl<'a> Frame<'a> {
    pub fn exec_block(&mut self, body: &[Stmt]) -> PyResult<Flow> {
        for s in body {
            match self.exec(s)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    pub fn exec(&mut self, s: &Stmt) -> PyResult<Flow> {
        self.line = s.line;
        signals::run_finalizers_if_queued();
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(e)?;
            }
            StmtKind::Assign(targets, value) => {
                if let [Target::Local(slot)] = targets.as_slice() {
                    if let Expr::InPlace(BinOp::Add, lhs, rhs) = value {
                        if matches!(**lhs, Expr::Local(s2) if s2 == *slot) {
                            return self.local_add_in_place(*slot, rhs).map(|_| Flow::Normal);
                        }
                    }
                    // The common store, without going through `assign`.
                    let v = self.eval(value)?;
                    if let Some(x) = self.locals.get_mut(*slot as usize) {
                        *x = Some(v);
                    }
                    return Ok(Flow::Normal);
                }
                let v = self.eval(value)?;
                match targets.as_slice() {
                    [t] => self.assign(t, v)?,
                    many => {
                        for t in many {
                            self.assign(t, v.clone())?;
                        }
                    }
                }
            }
            StmtKind::If(test, body, orelse) => {
                return if self.eval_test(test)? { self.exec_block(body) } else { self.exec_block(orelse) };
            }
            StmtKind::While(test, body, orelse) => {
                loop {
                    self.line = s.line;
                    // A loop back-edge: where a pending signal is handled.
                    signals::check()?;
                    if !self.eval_test(test)? {
                        return self.exec_block(orelse);
                    }
                    match self.exec_block(body)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return => return Ok(Flow::Return),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                let src = self.eval(iter)?;
                if let Value::Range(r) = &src {
                    // A range is immutable and its iterator never escapes
                    // this loop: count instead of stepping an iterator.
                    for i in 0..r.len() {
                        signals::check()?;
                        self.assign(target, Value::Int(r.item(i)))?;
                        match self.exec_block(body)? {
                            Flow::Break => return Ok(Flow::Normal),
                            Flow::Return => return Ok(Flow::Return),
                            Flow::Normal | Flow::Continue => {}
                        }
                        self.line = s.line;
                    }
                    return self.exec_block(orelse);
                }
                let it = ops::iter(&src)?;
                loop {
                    signals::check()?;
                    let Some(item) = ops::next(&it)? else {
                        return self.exec_block(orelse);
                    };
                    self.assign(target, item)?;
                    match self.exec_block(body)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return => return Ok(Flow::Return),
                        Flow::Normal | Flow::Continue => {}
                    }
                    self.line = s.line;
                }
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Return(v) => {
                let r = match v {
                    Some(e) => self.eval(e)?,
                    None => Value::None,
                };
                self.ret = r;
                return Ok(Flow::Return);
            }
            StmtKind::Pass => {}
            StmtKind::Raise(exc, cause) => return Err(self.raise(exc.as_ref(), cause.as_ref())),
            StmtKind::Try(t) => return self.exec_try(t),
            StmtKind::Match(subject, cases) => return self.exec_match(subject, cases),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
        }
        Ok(Flow::Normal)
    }

    /// `x += rhs` on a fast local: a uniquely held str grows in place.
    fn local_add_in_place(&mut self, slot: u32, rhs: &Expr) -> PyResult<()> {
        let current = self.load_local(slot)?;
        let r = self.eval(rhs)?;
        if let (Value::Str(_), Value::Str(_)) = (&current, &r) {
            drop(current);
            let owned = self.locals[slot as usize].take().unwrap_or(Value::None);
            let v = ops::inplace_add_owned(owned, &r)?;
            self.locals[slot as usize] = Some(v);
            return Ok(());
        }
        let v = ops::inplace_op(BinaryOp::Add, &current, &r)?;
        if let Some(old) = self.locals[slot as usize].replace(v) {
            old.release();
        }
        current.release();
        r.release();
        Ok(())
    }

    pub fn assign(&mut self, t: &Target, v: Value) -> PyResult<()> {
        match t {
            Target::Local(slot) => {
                let i = *slot as usize;
                if let Some(slot) = self.locals.get_mut(i) {
                    if let Some(old) = slot.replace(v) {
                        old.release();
                    }
                }
                Ok(())
            }
            Target::Cell(i) => {
                self.store_cell(*i, Some(v));
                Ok(())
            }
            Target::Global(id) => self.globals.set_str_item(self.name(*id), v),
            Target::Name(id) => self.store_name(*id, v),
            Target::Attribute(obj, id) => {
                if let Some(o) = self.peek(obj) {
                    return self.set_attr(o, *id, v);
                }
                let o = self.eval(obj)?;
                self.set_attr(&o, *id, v)
            }
            Target::Subscript(obj, key) => self.with_pair(obj, key, |o, k| super::eval::setitem(o, k, v)),
            Target::Unpack(targets, star) => {
                let items = unpack(&v, targets.len(), *star)?;
                for (t, item) in targets.iter().zip(items) {
                    self.assign(t, item)?;
                }
                Ok(())
            }
        }
    }

    fn delete(&mut self, t: &Target) -> PyResult<()> {
        match t {
            Target::Local(slot) => {
                let i = *slot as usize;
                match self.locals.get_mut(i) {
                    Some(x @ Some(_)) => {
                        *x = None;
                        Ok(())
                    }
                    _ => Err(PyErr::unbound_local(self.local_name(*slot))),
                }
            }
            Target::Cell(i) => {
                self.load_cell(*i)?;
                self.store_cell(*i, None);
                Ok(())
            }
            Target::Global(id) => self.delete_global(*id),
            Target::Name(id) => self.delete_name(*id),
            Target::Attribute(obj, id) => {
                let o = self.eval(obj)?;
                ops::delattr(&o, self.name(*id))
            }
            Target::Subscript(obj, key) => {
                let o = self.eval(obj)?;
                let k = self.eval(key)?;
                ops::delitem(&o, &k)
            }
            Target::Unpack(targets, _) => {
                for t in targets {
                    self.delete(t)?;
                }
                Ok(())
            }
        }
    }

    fn raise(&mut self, exc: Option<&Expr>, cause: Option<&Expr>) -> PyErr {
        let exc = match exc.map(|e| self.eval(e)).transpose() {
            Ok(v) => v,
            Err(e) => return e,
        };
        let cause = match cause.map(|e| self.eval(e)).transpose() {
            Ok(v) => v,
            Err(e) => return e,
        };
        raise_error(exc, cause)
    }

    fn exec_try(&mut self, t: &Try) -> PyResult<Flow> {
        let mut result = match self.exec_block(&t.body) {
            Ok(Flow::Normal) => self.exec_block(&t.orelse),
            Ok(flow) => Ok(flow),
            Err(e) if is_uncatchable(&e) => Err(e),
            Err(e) => {
                if t.star {
                    self.handle_star(&t.handlers, e)
                } else {
                    self.handle(&t.handlers, e)
                }
            }
        };
        if t.finalbody.is_empty() {
            return result;
        }
        // The finally block sees a propagating exception as "being handled".
        let pending = match &mut result {
            Err(e) => {
                e.push_frame(self.trace_entry());
                e.save_traceback();
                Some(e.exc().clone())
            }
            _ => None,
        };
        if let Some(p) = &pending {
            state::push_handled(p.clone());
        }
        let fin = self.exec_block(&t.finalbody);
        if pending.is_some() {
            state::pop_handled();
        }
        if !matches!(fin, Ok(Flow::Normal | Flow::Return)) && matches!(result, Ok(Flow::Return)) {
            // The finally block's exit replaces the try's return.
            self.ret = Value::None;
        }
        match fin {
            Ok(Flow::Normal) => result,
            Err(e2) => {
                if let Some(p) = pending {
                    if !e2.exc().is(&p) {
                        exception::set_context(e2.exc(), p);
                    }
                }
                Err(e2)
            }
            other => other,
        }
    }

    fn handler_matches(&mut self, h: &Handler, exc: &Value) -> PyResult<bool> {
        let Some(typ) = &h.typ else { return Ok(true) };
        let t = self.eval(typ)?;
        exception_matches(exc, &t)
    }

    fn handle(&mut self, handlers: &[Handler], mut e: PyErr) -> PyResult<Flow> {
        // The frame that catches an exception is part of its traceback.
        e.push_frame(self.trace_entry());
        let exc = e.exc().clone();
        for h in handlers {
            let matched = match self.handler_matches(h, &exc) {
                Ok(m) => m,
                Err(e2) => {
                    exception::set_context(e2.exc(), exc.clone());
                    return Err(e2);
                }
            };
            if !matched {
                continue;
            }
            e.save_traceback();
            self.line = h.line;
            if let Some(name) = &h.name {
                self.assign(name, exc.clone())?;
            }
            state::push_handled(exc.clone());
            let r = self.exec_block(&h.body);
            state::pop_handled();
            if let Some(name) = &h.name {
                let _ = self.delete(name);
            }
            return match r {
                Err(e2) => {
                    if !e2.exc().is(&exc) {
                        exception::set_context(e2.exc(), exc);
                    }
                    Err(e2)
                }
                other => other,
            };
        }
        Err(e)
    }

    /// `except*`: split the group among the handlers; what no handler takes
    /// is re-raised as a group.
    fn handle_star(&mut self, handlers: &[Handler], mut e: PyErr) -> PyResult<Flow> {
        e.push_frame(self.trace_entry());
        e.save_traceback();
        let exc = e.exc().clone();
        let mut rest = group_members(&exc)?;
        let mut raised: Vec<PyErr> = Vec::new();
        for h in handlers {
            if rest.is_empty() {
                break;
            }
            let Some(typ) = &h.typ else { continue };
            let t = self.eval(typ)?;
            let Some(group) = split_group(&exc, &mut rest, &t)? else { continue };
            if let Some(name) = &h.name {
                self.assign(name, group.clone())?;
            }
            state::push_handled(group.clone());
            let r = self.exec_block(&h.body);
            state::pop_handled();
            match r {
                Ok(Flow::Normal) => {}
                Ok(_) => {
                    return Err(PyErr::system_error("'break', 'continue' and 'return' cannot appear in an except* block"))
                }
                Err(e2) => raised.push(e2),
            }
        }
        if let Some(e2) = raised.into_iter().next() {
            return Err(e2);
        }
        group_rest(&exc, rest, e)?;
        Ok(Flow::Normal)
    }
}

/// KeyboardInterrupt-free check: every exception can be caught by Python
/// code; kept as a hook for signals.
fn is_uncatchable(_e: &PyErr) -> bool {
    false
}
