//! The run-time state of one compiled scope, and the loads, stores and
//! suspensions generated code performs through it. Fast locals are Rust
//! variables (`Option<Value>`, None while unbound) in the generated fn.

use std::sync::Arc;

use crate::context::ctx;
use crate::error::{PyErr, PyResult, TraceEntry};
use crate::exec_support;
use crate::objects::dict::DictObj;
use crate::objects::function::CellObj;
use crate::objects::generator::{GenYielder, Resume};
use crate::ops;
use crate::process;
use crate::value::Value;

use super::code::{self, CodeInfo};

pub struct Frame<'a> {
    pub code: &'static CodeInfo,
    /// Borrowed from the function object (or the caller's frame) for the
    /// call: no reference count changes per call.
    pub globals: &'a Arc<DictObj>,
    pub cells: Vec<Arc<CellObj>>,
    /// Class body namespace (`Name` loads and stores).
    pub namespace: Option<Value>,
    /// The line of the statement being executed.
    pub line: u32,
    /// Set while running a generator body.
    pub yielder: Option<&'a GenYielder>,
    /// Frames and handled exceptions registered below this generator frame
    /// when it was last resumed (saved and restored around each yield).
    pub resume_frames: usize,
    pub resume_handled: usize,
    /// This thread's state, looked up on first need (null until then, and
    /// again after a generator frame is resumed, maybe on another thread).
    thread: std::cell::Cell<*const process::ThreadState>,
    /// How many direct calls deep this frame is running (see
    /// `call_direct`): each activation is its own traceback frame.
    activation: usize,
}

#[cold]
#[inline(never)]
fn direct_error(frame: &Frame<'_>, mut e: PyErr) -> PyErr {
    e.push_frame(frame.trace_entry());
    e
}

/// Read a fast local: `UnboundLocalError` while it has no value.
#[inline]
pub fn load_local(v: &Option<Value>, name: &str) -> PyResult<Value> {
    match v {
        Some(v) => Ok(v.clone()),
        None => Err(PyErr::unbound_local(name)),
    }
}

/// Borrow a fast local for an operation that only reads it.
#[inline]
pub fn local_ref<'v>(v: &'v Option<Value>, name: &str) -> PyResult<&'v Value> {
    match v {
        Some(v) => Ok(v),
        None => Err(PyErr::unbound_local(name)),
    }
}

/// `del x` on a fast local.
pub fn delete_local(v: &mut Option<Value>, name: &str) -> PyResult<()> {
    match v.take() {
        Some(_) => Ok(()),
        None => Err(PyErr::unbound_local(name)),
    }
}

/// `x += rhs` on a fast local: a uniquely held str grows in place (so
/// `s += t` in a loop stays linear), anything else is `inplace_op`.
#[inline]
pub fn inplace_add_local(slot: &mut Option<Value>, name: &str, rhs: &Value) -> PyResult<()> {
    if let (Some(current @ (Value::Int(_) | Value::Float(_))), Value::Int(_) | Value::Float(_)) = (&*slot, rhs) {
        let r = super::fast::inplace_op(ops::BinaryOp::Add, current, rhs)?;
        *slot = Some(r);
        return Ok(());
    }
    let Some(current) = slot.take() else { return Err(PyErr::unbound_local(name)) };
    let result = if let (Value::Str(_), Value::Str(_)) = (&current, rhs) {
        ops::inplace_add_owned(current, rhs)
    } else {
        let r = ops::inplace_op(ops::BinaryOp::Add, &current, rhs);
        if r.is_err() {
            *slot = Some(current);
        }
        r
    };
    *slot = Some(result?);
    Ok(())
}

fn name_str(v: &Value) -> &str {
    v.as_str().unwrap_or("?")
}

impl<'a> Frame<'a> {
    pub fn new(code: &'static CodeInfo, globals: &'a Arc<DictObj>) -> Frame<'a> {
        Frame {
            code,
            globals,
            cells: Vec::new(),
            namespace: None,
            line: code.first_line,
            yielder: None,
            resume_frames: 0,
            resume_handled: 0,
            thread: std::cell::Cell::new(std::ptr::null()),
            activation: 0,
        }
    }

    /// This frame's traceback line as it is now.
    pub fn trace_entry(&self) -> TraceEntry {
        TraceEntry {
            filename: self.code.module.filename(),
            name: self.code.name.into(),
            line: self.line,
            // The frame's address (user addresses fit in 48 bits) and its
            // activation: a traceback lists each activation once.
            frame: (self as *const Frame<'_> as usize) ^ (self.activation << 48),
        }
    }

    /// Global `name` through the module's cache (slot `idx`).
    #[inline]
    pub fn global(&self, cache: &'static std::thread::LocalKey<super::GlobalCache>, idx: usize, name: &Value) -> PyResult<Value> {
        cache.with(|g| g.load(self, idx, name))
    }

    /// For a call of global `name` that may enter `info` directly: `None`
    /// to do so, else the value to call (see `GlobalCache::call_target`).
    #[inline]
    pub fn call_target(
        &self,
        cache: &'static std::thread::LocalKey<super::GlobalCache>,
        idx: usize,
        name: &Value,
        info: &'static CodeInfo,
    ) -> PyResult<Option<Value>> {
        cache.with(|g| g.call_target(self, idx, name, info))
    }

    pub fn global_name_error(&self, name: &Value) -> PyErr {
        PyErr::name_error(name_str(name))
    }

    /// Call the body of a module-level function made from `info` in these
    /// globals directly (the caller checked `globals::is_function_of`).
    ///
    /// The callee inherits this frame's thread state, so entering it costs
    /// no thread-local lookup, and is not registered as a running frame
    /// (see `process::DirectGuard`); a panic is turned into an error by the
    /// nearest generic call below.
    ///
    /// The callee (a plain function of the same module: same globals, no
    /// cells, not a generator) runs in this very frame with its code and
    /// line swapped in, unless this frame has cells, a namespace or a
    /// generator of its own, which the callee must not see. (So generated
    /// code never calls a frame method with an argument that makes a
    /// direct call: it evaluates such arguments first.)
    #[inline]
    pub fn call_direct<R>(&mut self, info: &'static CodeInfo, body: impl FnOnce(&mut Frame<'_>) -> PyResult<R>) -> PyResult<R> {
        let thread = self.thread_state();
        // SAFETY: the pointer is this thread's state, which outlives the call.
        let _running = process::DirectGuard::enter(unsafe { &*thread })?;
        if !self.cells.is_empty() || self.namespace.is_some() || self.yielder.is_some() {
            return self.call_in_new_frame(info, thread, body);
        }
        let code = std::mem::replace(&mut self.code, info);
        let line = std::mem::replace(&mut self.line, info.first_line);
        self.activation = self.activation.wrapping_add(1);
        let r = match body(self) {
            Ok(v) => Ok(v),
            Err(e) => Err(direct_error(self, e)),
        };
        self.activation = self.activation.wrapping_sub(1);
        self.code = code;
        self.line = line;
        r
    }

    #[inline(never)]
    fn call_in_new_frame<R>(&self, info: &'static CodeInfo, thread: *const process::ThreadState, body: impl FnOnce(&mut Frame<'_>) -> PyResult<R>) -> PyResult<R> {
        let mut frame = Frame::new(info, self.globals);
        frame.thread.set(thread);
        match body(&mut frame) {
            Ok(v) => Ok(v),
            Err(e) => Err(direct_error(&frame, e)),
        }
    }

    /// This thread's state (see the `thread` field).
    #[inline]
    fn thread_state(&self) -> *const process::ThreadState {
        let t = self.thread.get();
        if !t.is_null() {
            return t;
        }
        let t = process::thread_state_ptr();
        self.thread.set(t);
        t
    }

    /// Module globals, then builtins.
    pub fn load_global(&self, name: &Value) -> PyResult<Value> {
        match super::globals::lookup_global(self.globals, name) {
            Some((v, _)) => Ok(v),
            None => Err(self.global_name_error(name)),
        }
    }

    pub fn store_global(&self, name: &Value, v: Value) -> PyResult<()> {
        self.globals.set_str_item(name, v)
    }

    pub fn delete_global(&self, name: &Value) -> PyResult<()> {
        match self.globals.remove(name)? {
            Some(_) => Ok(()),
            None => Err(PyErr::name_error(name_str(name))),
        }
    }

    /// A builtin the lowering refers to; user code cannot shadow it.
    pub fn builtin(&self, name: &Value) -> PyResult<Value> {
        match ctx().builtins.dict.get_str_key(name) {
            Some(v) => Ok(v),
            None => Err(PyErr::name_error(name_str(name))),
        }
    }

    /// Class body: the namespace, then globals, then builtins.
    pub fn load_name(&self, name: &Value) -> PyResult<Value> {
        if let Some(ns) = &self.namespace {
            if let Some(v) = lookup_mapping(ns, name)? {
                return Ok(v);
            }
        }
        self.load_global(name)
    }

    pub fn store_name(&self, name: &Value, v: Value) -> PyResult<()> {
        match &self.namespace {
            Some(Value::Dict(d)) => d.set_item(name.clone(), v),
            Some(ns) => ops::setitem(ns, name, v),
            None => self.globals.set_item(name.clone(), v),
        }
    }

    pub fn delete_name(&self, name: &Value) -> PyResult<()> {
        let removed = match &self.namespace {
            Some(Value::Dict(d)) => d.remove(name)?.is_some(),
            Some(ns) => {
                ops::delitem(ns, name)?;
                true
            }
            None => self.globals.remove(name)?.is_some(),
        };
        if removed {
            Ok(())
        } else {
            Err(PyErr::name_error(name_str(name)))
        }
    }

    /// Class body reading a variable of an enclosing function.
    pub fn load_class_deref(&self, name: &Value, cell: usize) -> PyResult<Value> {
        if let Some(ns) = &self.namespace {
            if let Some(v) = lookup_mapping(ns, name)? {
                return Ok(v);
            }
        }
        self.load_cell(cell)
    }

    pub fn load_cell(&self, i: usize) -> PyResult<Value> {
        match self.cells.get(i).and_then(|c| c.get()) {
            Some(v) => Ok(v),
            None => {
                let name = self.code.cell_name(i);
                if i < self.code.cellvars.len() {
                    Err(PyErr::unbound_local(name))
                } else {
                    Err(PyErr::unbound_free(name))
                }
            }
        }
    }

    pub fn store_cell(&self, i: usize, v: Value) {
        if let Some(c) = self.cells.get(i) {
            c.set(Some(v));
        }
    }

    pub fn delete_cell(&self, i: usize) -> PyResult<()> {
        self.load_cell(i)?;
        if let Some(c) = self.cells.get(i) {
            c.set(None);
        }
        Ok(())
    }

    /// The cells a nested function or class closes over.
    pub fn closure(&self, indexes: &[usize]) -> Vec<Arc<CellObj>> {
        indexes.iter().filter_map(|&i| self.cells.get(i).cloned()).collect()
    }

    /// `def` / `lambda`: a function object for the nested scope `info`.
    pub fn make_function(
        &self,
        info: &'static CodeInfo,
        defaults: Vec<Value>,
        kwdefaults: Vec<(Value, Value)>,
        closure: &[usize],
    ) -> Value {
        code::make_function(info, self.globals.clone(), defaults, kwdefaults, self.closure(closure))
    }

    /// `class`: run the body `info` and create the class.
    pub fn make_class(
        &self,
        info: &'static CodeInfo,
        name: &Value,
        bases: Vec<Value>,
        keywords: Vec<(Value, Value)>,
        closure: &[usize],
        class_cell: Option<usize>,
    ) -> PyResult<Value> {
        let cells = self.closure(closure);
        let globals = self.globals.clone();
        exec_support::build_class(name.clone(), bases, keywords, class_cell, &mut |ns| {
            code::run_class_body(info, globals.clone(), ns, cells.clone())
        })
    }

    /// `import name` / `from name import ...`.
    pub fn import(&self, name: &str, fromlist: &[&Value], level: u32) -> PyResult<Value> {
        let names: Vec<Value> = fromlist.iter().map(|v| (*v).clone()).collect();
        exec_support::import(name, &self.globals, &names, level)
    }

    /// `from module import *` into this scope's namespace.
    pub fn import_star(&self, m: &Value) -> PyResult<Value> {
        for (n, v) in exec_support::import_star_items(m)? {
            match &self.namespace {
                Some(ns) => ops::setitem(ns, &n, v)?,
                None => self.globals.set_item(n, v)?,
            }
        }
        Ok(Value::None)
    }

    /// Whether `v` is the builtin `name` (so `locals()` can be answered by
    /// the frame that has the locals).
    pub fn is_builtin(&self, v: &Value, name: &str) -> bool {
        ctx().builtin(name).is_some_and(|b| b.is(v))
    }

    /// `locals()`: the namespace, the module globals, or a snapshot of the
    /// given fast locals and this frame's cells.
    pub fn locals_dict(&self, locals: &[(&str, &Option<Value>)]) -> PyResult<Value> {
        if let Some(ns) = &self.namespace {
            return Ok(ns.clone());
        }
        if self.code.qualname == "<module>" {
            return Ok(Value::Dict(self.globals.clone()));
        }
        let d = DictObj::new();
        for (name, v) in locals {
            if let Some(v) = v {
                d.set_str(name, v.clone());
            }
        }
        for (i, c) in self.cells.iter().enumerate() {
            if let Some(v) = c.get() {
                d.set_str(self.code.cell_name(i), v);
            }
        }
        Ok(Value::dict(d))
    }

    /// Suspend the generator running this frame, handing out `value`.
    fn suspend(&mut self, value: Value) -> PyResult<Resume> {
        let Some(y) = self.yielder else {
            return Err(PyErr::system_error("yield outside a generator frame"));
        };
        let input = suspend_generator(y, &mut self.resume_frames, &mut self.resume_handled, value);
        self.thread.set(std::ptr::null());
        Ok(input)
    }

    /// `yield value`: what the generator is resumed with.
    pub fn yield_value(&mut self, value: Value) -> PyResult<Value> {
        // An async generator's `yield` (a coroutine's body has none).
        let value = if self.code.is_coroutine { crate::objects::async_generator::wrap(value) } else { value };
        match self.suspend(value)? {
            Resume::Send(v) => Ok(v),
            Resume::Throw(e) => Err(e),
        }
    }

    /// `yield from src`.
    pub fn yield_from(&mut self, src: Value) -> PyResult<Value> {
        exec_support::yield_from(src, &mut |v| self.suspend(v))
    }

    /// `await aw`.
    pub fn await_value(&mut self, aw: Value) -> PyResult<Value> {
        let it = exec_support::await_iterator(&aw)?;
        self.yield_from(it)
    }

    /// An exception is being caught in this frame: it becomes part of the
    /// traceback; returns the exception instance.
    pub fn catch(&self, e: &mut PyErr) -> Value {
        e.push_frame(self.trace_entry());
        e.exc().clone()
    }

    /// Whether the exception `exc` being caught matches an `except`
    /// clause's type (an error evaluating the type gets `exc` as context).
    pub fn handler_matches(&self, exc: &Value, typ: PyResult<Value>) -> PyResult<bool> {
        let r = typ.and_then(|t| exec_support::exception_matches(exc, &t));
        r.map_err(|e| {
            crate::objects::exception::set_context(e.exc(), exc.clone());
            e
        })
    }

    /// Entering an `except*` body with the group it handles.
    pub fn enter_star_handler(&mut self, group: &Value, line: u32) {
        self.line = line;
        process::push_handled(group.clone());
    }

    /// Leaving an `except*` body.
    pub fn leave_star_handler(&self) {
        process::pop_handled();
    }

    /// Entering an `except` body (or `finally` with an exception pending).
    pub fn enter_handler(&mut self, e: &PyErr, line: u32) {
        e.save_traceback();
        self.line = line;
        process::push_handled(e.exc().clone());
    }

    /// Leaving an `except` body: the error it raised, if any, gets the
    /// handled exception as its context.
    pub fn leave_handler<T>(&self, r: PyResult<T>, handled: &Value) -> PyResult<T> {
        process::pop_handled();
        r.map_err(|e| exec_support::exceptions::chain_context(e, handled))
    }

    /// Entering a `finally` block with the outcome of the `try` so far:
    /// a pending exception is "being handled" while the block runs.
    pub fn enter_finally<T>(&self, outcome: &mut PyResult<T>) -> Option<Value> {
        match outcome {
            Err(e) => {
                e.push_frame(self.trace_entry());
                e.save_traceback();
                let exc = e.exc().clone();
                process::push_handled(exc.clone());
                Some(exc)
            }
            Ok(_) => None,
        }
    }

    /// Leaving a `finally` block: its own error or control flow wins over
    /// the pending outcome.
    pub fn leave_finally(&self, outcome: PyResult<super::Flow>, fin: PyResult<super::Flow>, pending: Option<Value>) -> PyResult<super::Flow> {
        if pending.is_some() {
            process::pop_handled();
        }
        match fin {
            Ok(super::Flow::Normal) => outcome,
            Err(e2) => Err(match pending {
                Some(p) => exec_support::exceptions::chain_context(e2, &p),
                None => e2,
            }),
            other => other,
        }
    }
}

/// Suspend a generator body (either back end): this frame's part of the
/// thread state (running frames, handled exceptions, call depth, stack
/// bounds) leaves with it and is put back on resumption.
pub fn suspend_generator(y: &GenYielder, resume_frames: &mut usize, resume_handled: &mut usize, value: Value) -> Resume {
    let saved = process::suspend_above(*resume_frames, *resume_handled);
    let input = y.suspend(value);
    (*resume_frames, *resume_handled) = process::resume_from(saved);
    input
}

/// The globals of a running compiled frame (see `process::FrameLink`).
fn frame_globals(ptr: usize) -> Arc<DictObj> {
    // SAFETY: `ptr` is a `Frame` registered by `run_body` for exactly as
    // long as it is alive on this thread's stack.
    let frame = unsafe { &*(ptr as *const Frame<'static>) };
    frame.globals.clone()
}

/// The namespace of a running compiled frame, or its globals.
fn frame_locals(ptr: usize) -> Value {
    // SAFETY: as in `frame_globals`.
    let frame = unsafe { &*(ptr as *const Frame<'static>) };
    match &frame.namespace {
        Some(ns) => ns.clone(),
        None => Value::Dict(frame.globals.clone()),
    }
}

impl<'a> Frame<'a> {
    /// This frame as a running frame for `globals()` and `eval()`.
    pub fn link(&self) -> process::FrameLink {
        process::FrameLink { ptr: self as *const Frame<'a> as usize, globals: Some(frame_globals), locals: Some(frame_locals) }
    }
}

/// `mapping[key]` returning None for a missing key.
pub fn lookup_mapping(ns: &Value, key: &Value) -> PyResult<Option<Value>> {
    match ns {
        Value::Dict(d) => Ok(d.get_str_key(key)),
        other => match ops::getitem(other, key) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance(&ctx().exc.key_error) => Ok(None),
            Err(e) => Err(e),
        },
    }
}
