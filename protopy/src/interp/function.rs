//! Interpreted functions: creating function objects from the IR, binding
//! arguments, running bodies (or making generators of them), and running
//! module and class bodies.

use std::borrow::Cow;
use std::mem::MaybeUninit;
use std::sync::Arc;

use protopy_frontend::ir::{Code, MakeFunction};
use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::function::{bind_args, CellObj, Function, FunctionCode, Signature};
use protopy_runtime::objects::generator::{GenKind, GenYielder};
use protopy_runtime::{CallArgs, PyResult, Value};

use super::exec::Flow;
use super::frame::Frame;
use super::prepared::Prepared;
use super::state::{self, DepthGuard, FrameGuard};

pub struct InterpFunction {
    pub code: Arc<Code>,
    signature: Signature,
    /// `Prepared::of(&code)`, looked up once.
    prep: *const Prepared,
    /// Whether a call runs the body at once (not a generator or coroutine)
    /// with its locals in an on-stack buffer.
    inline_locals: bool,
    /// Whether the code has cell variables (a call makes cells for them,
    /// and for a closure).
    needs_cells: bool,
}

// SAFETY: `prep` points into `code.prepared`, which is set once and lives as
// long as `code`, which this function keeps alive; `Prepared` is Sync.
unsafe impl Send for InterpFunction {}
unsafe impl Sync for InterpFunction {}

/// Fast locals kept on the Rust stack for a call: frames with more use a
/// heap vector.
const INLINE_LOCALS: usize = 12;

/// Drops the initialized fast locals of an on-stack buffer (made in
/// place in `InterpFunction::invoke`: moving the buffer would copy it).
struct DropSlots(*mut Option<Value>, usize);

impl DropSlots {
    #[inline(always)]
    fn slots(&mut self) -> &mut [Option<Value>] {
        // SAFETY: the buffer outlives this guard and its first `len` slots
        // are initialized.
        unsafe { std::slice::from_raw_parts_mut(self.0, self.1) }
    }
}

impl Drop for DropSlots {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: as in `slots`; nothing uses them after this.
        unsafe { std::ptr::drop_in_place(self.slots()) }
    }
}

impl InterpFunction {
    pub fn new(code: Arc<Code>) -> InterpFunction {
        let prep = Prepared::of(&code);
        let signature = prep.signature.clone();
        let prep = prep as *const Prepared;
        let inline_locals = !code.is_generator && !code.is_coroutine && code.locals.len() <= INLINE_LOCALS;
        let needs_cells = !code.cellvars.is_empty();
        InterpFunction { code, signature, prep, inline_locals, needs_cells }
    }

    #[inline]
    fn prep(&self) -> &Prepared {
        // SAFETY: see the Send/Sync impls above.
        unsafe { &*self.prep }
    }
}

/// Run a frame's body to completion, recording the traceback line on error.
pub fn run_frame(frame: &mut Frame<'_>) -> PyResult<Value> {
    let _guard = FrameGuard::enter(frame);
    run_entered(frame)
}

/// `run_frame` for a frame already registered as running.
fn run_entered(frame: &mut Frame<'_>) -> PyResult<Value> {
    let r = frame.exec_block(&frame.code.body);
    match r {
        Ok(Flow::Return) => Ok(std::mem::take(&mut frame.ret)),
        Ok(_) => Ok(Value::None),
        Err(mut e) => {
            e.push_frame(frame.trace_entry());
            Err(e)
        }
    }
}

/// Fresh cells for `code`: its own cell variables (parameters moved in)
/// followed by the closure's cells.
fn make_cells(code: &Code, locals: &mut [Option<Value>], closure: &[Arc<CellObj>]) -> Vec<Arc<CellObj>> {
    if code.cellvars.is_empty() && closure.is_empty() {
        return Vec::new();
    }
    let mut cells: Vec<Arc<CellObj>> = Vec::with_capacity(code.cellvars.len() + closure.len());
    for _ in 0..code.cellvars.len() {
        cells.push(Arc::new(CellObj::new(None)));
    }
    for &(slot, cell) in &code.cell_params {
        if let (Some(v), Some(c)) = (locals.get_mut(slot as usize), cells.get(cell as usize)) {
            c.set(v.take());
        }
    }
    cells.extend(closure.iter().cloned());
    cells
}

impl FunctionCode for InterpFunction {
    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn call(&self, func: &Arc<Function>, args: CallArgs) -> PyResult<Value> {
        let sig = &self.signature;
        let n = args.args.len();
        if args.kwnames.is_empty() && self.takes_positionally(n) {
            // The common call: positional parameters only, the last ones
            // perhaps from the defaults.
            return self.invoke(func, |locals| {
                for (slot, a) in locals.iter_mut().zip(args.args) {
                    *slot = Some(a.clone());
                }
                self.fill_defaults(func, locals, n)
            });
        }
        let mut bound: Vec<Value> = Vec::with_capacity(sig.total());
        bind_args(func, sig, args, &mut bound)?;
        self.invoke(func, |locals| {
            for (slot, a) in locals.iter_mut().zip(bound) {
                *slot = Some(a);
            }
            Ok(())
        })
    }

    fn call_taking(&self, func: &Arc<Function>, args: &mut [Value]) -> PyResult<Value> {
        let n = args.len();
        if !self.takes_positionally(n) {
            return self.call(func, CallArgs::positional_only(args));
        }
        self.invoke(func, |locals| {
            for (slot, a) in locals.iter_mut().zip(args.iter_mut()) {
                *slot = Some(std::mem::take(a));
            }
            self.fill_defaults(func, locals, n)
        })
    }

    fn filename(&self) -> &str {
        &self.code.filename
    }

    fn first_line(&self) -> u32 {
        self.code.first_line
    }

    fn is_generator(&self) -> bool {
        self.code.is_generator
    }

    fn is_coroutine(&self) -> bool {
        self.code.is_coroutine
    }

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }
}

impl InterpFunction {
    /// Whether a call with `n` positional arguments and no keywords binds
    /// them to the first `n` local slots and the other parameters (if any)
    /// from the defaults: no keyword-only parameters, `*args` or `**kwargs`.
    #[inline]
    pub fn takes_positionally(&self, n: usize) -> bool {
        let sig = &self.signature;
        n <= sig.positional && sig.kwonly == 0 && !sig.vararg && !sig.kwarg
    }

    /// For a call `takes_positionally(n)` with the arguments in the first
    /// `n` slots of `locals`: the remaining parameters from the defaults as
    /// they are now, or the error `bind_args` gives for a missing argument.
    #[inline]
    pub fn fill_defaults(&self, func: &Arc<Function>, locals: &mut [Option<Value>], n: usize) -> PyResult<()> {
        let p = self.signature.positional;
        if n >= p {
            return Ok(());
        }
        {
            let defaults = func.defaults.read();
            let first = p.saturating_sub(defaults.len());
            if n >= first {
                for (i, slot) in locals.iter_mut().enumerate().take(p).skip(n) {
                    *slot = Some(defaults[i - first].clone());
                }
                return Ok(());
            }
        }
        let given: Vec<Value> = locals[..n].iter().map(|v| v.clone().unwrap_or(Value::None)).collect();
        let mut bound = Vec::with_capacity(self.signature.total());
        bind_args(func, &self.signature, CallArgs::positional_only(&given), &mut bound)?;
        for (slot, v) in locals.iter_mut().zip(bound) {
            *slot = Some(v);
        }
        Ok(())
    }

    /// Call the function with its parameters put in place by `fill` (given
    /// all the fast locals, unbound): the body runs with them in an
    /// on-stack buffer, or a generator is made of it.
    #[inline(never)]
    pub fn invoke(&self, func: &Arc<Function>, fill: impl FnOnce(&mut [Option<Value>]) -> PyResult<()>) -> PyResult<Value> {
        let n = self.code.locals.len();
        if !self.inline_locals {
            let mut locals: Vec<Option<Value>> = vec![None; n];
            fill(&mut locals)?;
            if self.code.is_generator || self.code.is_coroutine {
                let cells = make_cells(&self.code, &mut locals, &func.closure);
                return Ok(self.make_generator(func, locals, cells));
            }
            let result = self.run_body(func, &mut locals);
            drop(locals);
            protopy_runtime::signals::run_finalizers_if_queued();
            return result;
        }
        let n = n.min(INLINE_LOCALS);
        let mut buf: [MaybeUninit<Option<Value>>; INLINE_LOCALS] = [const { MaybeUninit::uninit() }; INLINE_LOCALS];
        for slot in &mut buf[..n] {
            slot.write(None);
        }
        let mut guard = DropSlots(buf.as_mut_ptr().cast::<Option<Value>>(), n);
        fill(guard.slots())?;
        let result = self.run_body(func, guard.slots());
        // The frame's locals are gone: their finalizers run before the
        // caller goes on, as CPython's do.
        drop(guard);
        protopy_runtime::signals::run_finalizers_if_queued();
        result
    }

    /// Run the body with the parameters in `locals`.
    #[inline]
    fn run_body(&self, func: &Arc<Function>, locals: &mut [Option<Value>]) -> PyResult<Value> {
        let code = &*self.code;
        let cells = if self.needs_cells {
            Cow::Owned(make_cells(code, locals, &func.closure))
        } else {
            Cow::Borrowed(&func.closure[..])
        };
        let mut frame = Frame::new(code, self.prep(), &func.globals, locals);
        frame.cells = cells;
        // Recursion depth, stack limit and the running-frame registration
        // in one visit to the thread's state.
        let running = protopy_runtime::process::CallGuard::enter(state::frame_link(&frame))?;
        let result = run_entered(&mut frame);
        drop(running);
        result
    }

    fn make_generator(&self, func: &Arc<Function>, locals: Vec<Option<Value>>, cells: Vec<Arc<CellObj>>) -> Value {
        let code = self.code.clone();
        let globals = func.globals.clone();
        let kind = match (code.is_coroutine, code.is_generator) {
            (true, true) => GenKind::AsyncGenerator,
            (true, false) => GenKind::Coroutine,
            _ => GenKind::Generator,
        };
        let body = Box::new(move |y: &GenYielder| -> PyResult<Value> {
            let mut locals = locals;
            let prep = Prepared::of(&code);
            let mut frame = Frame::new(&code, prep, &globals, &mut locals);
            frame.cells = Cow::Owned(cells);
            frame.yielder = Some(y);
            frame.resume_frames = state::frame_depth();
            frame.resume_handled = state::handled_depth();
            let _depth = DepthGuard::enter()?;
            run_frame(&mut frame)
        });
        super::eval::new_generator(kind, func.name.read().clone(), func.qualname.read().clone(), body)
    }
}

/// Evaluate a `def`/`lambda`: defaults now, closure cells from this frame.
pub fn make_function(frame: &mut Frame<'_>, mf: &MakeFunction) -> PyResult<Value> {
    let mut defaults = Vec::with_capacity(mf.defaults.len());
    for d in &mf.defaults {
        defaults.push(frame.eval(d)?);
    }
    let mut kwdefaults = Vec::with_capacity(mf.kwdefaults.len());
    for (id, d) in &mf.kwdefaults {
        let v = frame.eval(d)?;
        kwdefaults.push((frame.name(*id).clone(), v));
    }
    let closure: Vec<Arc<CellObj>> = mf.closure.iter().filter_map(|&i| frame.cells.get(i as usize).cloned()).collect();
    Ok(new_function(mf.code.clone(), frame.globals.clone(), defaults, kwdefaults, closure))
}

pub fn new_function(
    code: Arc<Code>,
    globals: Arc<DictObj>,
    defaults: Vec<Value>,
    kwdefaults: Vec<(Value, Value)>,
    closure: Vec<Arc<CellObj>>,
) -> Value {
    use protopy_runtime::sync::{Mutex, RwLock};
    let module = globals.get_str("__name__").unwrap_or(Value::None);
    let doc = match &code.docstring {
        Some(d) => Value::str(d),
        None => Value::None,
    };
    let f = Function {
        name: RwLock::new(Value::str(&code.name)),
        qualname: RwLock::new(Value::str(&code.qualname)),
        code: Arc::new(InterpFunction::new(code)),
        globals,
        defaults: RwLock::new(defaults),
        kwdefaults: RwLock::new(kwdefaults),
        closure,
        doc: RwLock::new(doc),
        module,
        dict: DictObj::new(),
        annotations: Mutex::new(None),
        annotate: Mutex::new(None),
        gc: Default::default(),
    };
    f.into_value()
}

/// Run a module body (`CodeKind::Module`) in `globals`.
pub fn run_module_code(code: &Arc<Code>, globals: Arc<DictObj>) -> PyResult<Value> {
    let prep = Prepared::of(code);
    let mut locals = vec![None; code.locals.len()];
    let mut frame = Frame::new(code, prep, &globals, &mut locals);
    let result = run_frame(&mut frame);
    drop(frame);
    drop(locals);
    protopy_runtime::signals::run_finalizers_if_queued();
    result
}

/// Run a class body or exec/eval code with a namespace mapping.
pub fn run_with_namespace(
    code: &Arc<Code>,
    globals: Arc<DictObj>,
    namespace: Value,
    closure: &[Arc<CellObj>],
) -> PyResult<(Value, Vec<Arc<CellObj>>)> {
    let prep = Prepared::of(code);
    let mut locals = vec![None; code.locals.len()];
    let cells = make_cells(code, &mut locals, closure);
    let mut frame = Frame::new(code, prep, &globals, &mut locals);
    frame.cells = Cow::Owned(cells);
    frame.namespace = Some(namespace);
    let r = run_frame(&mut frame)?;
    Ok((r, std::mem::take(&mut frame.cells).into_owned()))
}
