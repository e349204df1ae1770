//! Compiled functions: the static description of each Python function a
//! module defines, and `CompiledCode`, the `FunctionCode` that runs it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

use crate::sync::{Mutex, RwLock};

use crate::args::CallArgs;
use crate::context::intern;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::function::{bind_args, CellObj, Function, FunctionCode, Signature};
use crate::objects::generator::{self, GenKind, GenYielder, GeneratorObj};
use crate::process::{self, DepthGuard};
use crate::value::Value;

use super::frame::Frame;

/// A compiled body: the frame and one value per parameter.
pub type Body = fn(&mut Frame<'_>, Vec<Value>) -> PyResult<Value>;

/// The module a compiled function belongs to.
pub struct ModuleInfo {
    pub name: &'static str,
    /// The source path, as the host imported the module (set at init).
    filename: OnceLock<Arc<str>>,
    /// The dict the module body first ran in (kept alive, so no other dict
    /// takes its address): direct-call sites remember what they verified
    /// for it.
    globals: OnceLock<Arc<DictObj>>,
}

impl ModuleInfo {
    pub const fn new(name: &'static str) -> ModuleInfo {
        ModuleInfo { name, filename: OnceLock::new(), globals: OnceLock::new() }
    }

    /// Whether `g` is the module's own globals.
    #[inline]
    pub fn is_own_globals(&self, g: &Arc<DictObj>) -> bool {
        self.globals.get().is_some_and(|m| Arc::ptr_eq(m, g))
    }

    pub fn set_filename(&self, f: &str) {
        let _ = self.filename.set(f.into());
    }

    pub fn filename(&self) -> Arc<str> {
        self.filename.get().cloned().unwrap_or_else(|| format!("{}.py", self.name).into())
    }
}

/// One Python scope compiled to the native fn `body`.
pub struct CodeInfo {
    pub module: &'static ModuleInfo,
    pub name: &'static str,
    pub qualname: &'static str,
    pub first_line: u32,
    /// Parameter names: positional, keyword-only, `*args`, `**kwargs`.
    pub params: &'static [&'static str],
    pub posonly: usize,
    pub positional: usize,
    pub kwonly: usize,
    pub vararg: bool,
    pub kwarg: bool,
    /// Cells this scope creates, then the ones it receives.
    pub cellvars: &'static [&'static str],
    pub freevars: &'static [&'static str],
    /// Parameters that live in a cell: (parameter index, cell index).
    pub cell_params: &'static [(usize, usize)],
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub docstring: Option<&'static str>,
    pub body: Body,
    /// The `FunctionCode` shared by every function object made from this.
    pub prepared: OnceLock<Arc<CompiledCode>>,
}

impl CodeInfo {
    /// The function-code object for this scope, made once.
    pub fn code(&'static self) -> Arc<CompiledCode> {
        self.prepared
            .get_or_init(|| {
                let signature = Signature {
                    names: self.params.iter().map(|n| intern(n)).collect(),
                    posonly: self.posonly,
                    positional: self.positional,
                    kwonly: self.kwonly,
                    vararg: self.vararg,
                    kwarg: self.kwarg,
                };
                Arc::new(CompiledCode { info: self, signature })
            })
            .clone()
    }

    /// Name of cell `i` (own cells first, then free variables).
    pub fn cell_name(&self, i: usize) -> &'static str {
        match self.cellvars.get(i) {
            Some(n) => n,
            None => self.freevars.get(i - self.cellvars.len()).copied().unwrap_or("?"),
        }
    }

    /// Fresh cells for a call: own cells (parameters moved in), then the
    /// closure's.
    #[inline]
    pub fn make_cells(&self, args: &[Value], closure: &[Arc<CellObj>]) -> Vec<Arc<CellObj>> {
        if self.cellvars.is_empty() && closure.is_empty() {
            return Vec::new();
        }
        let mut cells: Vec<Arc<CellObj>> = Vec::with_capacity(self.cellvars.len() + closure.len());
        for _ in 0..self.cellvars.len() {
            cells.push(Arc::new(CellObj::new(None)));
        }
        for &(slot, cell) in self.cell_params {
            if let (Some(v), Some(c)) = (args.get(slot), cells.get(cell)) {
                c.set(Some(v.clone()));
            }
        }
        cells.extend(closure.iter().cloned());
        cells
    }
}

pub struct CompiledCode {
    pub info: &'static CodeInfo,
    signature: Signature,
}

/// Run a body; a panic becomes a SystemError, an error leaving the frame
/// gets the frame's traceback line.
pub fn run_body(frame: &mut Frame<'_>, args: Vec<Value>) -> PyResult<Value> {
    let body = frame.code.body;
    let _running = process::FrameGuard::enter(frame.link());
    run_entered(frame, move |f| body(f, args))
}

/// Run a body whose frame is already registered as running.
#[inline]
pub fn run_entered(frame: &mut Frame<'_>, body: impl FnOnce(&mut Frame<'_>) -> PyResult<Value>) -> PyResult<Value> {
    let r = catch_unwind(AssertUnwindSafe(|| body(&mut *frame)));
    match r {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(mut e)) => {
            e.push_frame(frame.trace_entry());
            Err(e)
        }
        Err(panic) => Err(panic_error(frame, panic)),
    }
}

#[cold]
fn panic_error(frame: &Frame<'_>, panic: Box<dyn std::any::Any + Send>) -> PyErr {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    let mut e = PyErr::system_error(format!("panic in compiled code: {msg}"));
    e.push_frame(frame.trace_entry());
    e
}

impl FunctionCode for CompiledCode {
    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn call(&self, func: &Arc<Function>, args: CallArgs) -> PyResult<Value> {
        let mut bound: Vec<Value> = Vec::with_capacity(self.signature.total());
        bind_args(func, &self.signature, args, &mut bound)?;
        self.run_bound(func, bound)
    }

    fn call_taking(&self, func: &Arc<Function>, args: &mut [Value]) -> PyResult<Value> {
        let sig = &self.signature;
        if args.len() == sig.positional && sig.total() == sig.positional {
            let bound: Vec<Value> = args.iter_mut().map(std::mem::take).collect();
            return self.run_bound(func, bound);
        }
        self.call(func, CallArgs::positional_only(args))
    }

    fn filename(&self) -> &str {
        match self.info.module.filename.get() {
            Some(f) => f,
            None => self.info.module.name,
        }
    }

    fn first_line(&self) -> u32 {
        self.info.first_line
    }

    fn is_generator(&self) -> bool {
        self.info.is_generator
    }

    fn is_coroutine(&self) -> bool {
        self.info.is_coroutine
    }
}

impl CompiledCode {
    /// Run the body with the arguments bound to the parameters.
    fn run_bound(&self, func: &Arc<Function>, bound: Vec<Value>) -> PyResult<Value> {
        let info = self.info;
        let cells = info.make_cells(&bound, &func.closure);
        if info.is_generator || info.is_coroutine {
            return Ok(self.make_generator(func, bound, cells));
        }
        let mut frame = Frame::new(info, &func.globals);
        frame.cells = cells;
        let _running = process::CallGuard::enter(frame.link())?;
        let body = info.body;
        run_entered(&mut frame, move |f| body(f, bound))
    }

    fn make_generator(&self, func: &Arc<Function>, args: Vec<Value>, cells: Vec<Arc<CellObj>>) -> Value {
        let info = self.info;
        let globals = func.globals.clone();
        let kind = match (info.is_coroutine, info.is_generator) {
            (true, true) => GenKind::AsyncGenerator,
            (true, false) => GenKind::Coroutine,
            _ => GenKind::Generator,
        };
        let body = Box::new(move |y: &GenYielder| -> PyResult<Value> {
            let mut frame = Frame::new(info, &globals);
            frame.cells = cells;
            frame.yielder = Some(y);
            frame.resume_frames = process::frame_depth();
            frame.resume_handled = process::handled_depth();
            let _depth = DepthGuard::enter()?;
            run_body(&mut frame, args)
        });
        let name = func.name.read().clone();
        let qualname = func.qualname.read().clone();
        generator::new_value(GeneratorObj::new(kind, name, qualname, body))
    }
}

/// A function object for `info` (a `def` or `lambda` being executed).
pub fn make_function(
    info: &'static CodeInfo,
    globals: Arc<DictObj>,
    defaults: Vec<Value>,
    kwdefaults: Vec<(Value, Value)>,
    closure: Vec<Arc<CellObj>>,
) -> Value {
    let module = globals.get_str("__name__").unwrap_or(Value::None);
    let doc = match info.docstring {
        Some(d) => Value::str(d),
        None => Value::None,
    };
    let f = Function {
        name: RwLock::new(Value::str(info.name)),
        qualname: RwLock::new(Value::str(info.qualname)),
        code: info.code(),
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

/// Run a module body in `globals`.
pub fn run_module(info: &'static CodeInfo, globals: Arc<DictObj>) -> PyResult<Value> {
    let _ = info.module.globals.set(globals.clone());
    let mut frame = Frame::new(info, &globals);
    run_body(&mut frame, Vec::new())
}

/// Run a class body with its namespace; returns the body's cells.
pub fn run_class_body(
    info: &'static CodeInfo,
    globals: Arc<DictObj>,
    namespace: Value,
    closure: Vec<Arc<CellObj>>,
) -> PyResult<Vec<Arc<CellObj>>> {
    let mut frame = Frame::new(info, &globals);
    frame.cells = info.make_cells(&[], &closure);
    frame.namespace = Some(namespace);
    run_body(&mut frame, Vec::new())?;
    Ok(std::mem::take(&mut frame.cells))
}
