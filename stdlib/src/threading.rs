//! `threading`: real OS threads running Python code in parallel (there is
//! no global interpreter lock), and the synchronisation primitives built on
//! parking_lot mutexes and condition variables. No internal lock is held
//! while Python code runs: waiting happens on the primitive's own condvar.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::exception;
use protopy_runtime::objects::function::{BuiltinFn, BuiltinFunction};
use protopy_runtime::objects::instance::{Instance, Payload};
use protopy_runtime::objects::module::ModuleObj;
use protopy_runtime::objects::native::downcast;
use protopy_runtime::objects::typeobj::{BaseKind, TypeObj};
use protopy_runtime::{ctx, intern, ops, CallArgs, PyErr, PyResult, Value};

use crate::sync::add_sync_types;

/// Native stack of each thread started from Python.
const THREAD_STACK: usize = 256 * 1024 * 1024;

static NEXT_IDENT: AtomicU64 = AtomicU64::new(1);
static THREAD_COUNTER: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static IDENT: u64 = NEXT_IDENT.fetch_add(1, Ordering::Relaxed);
    static CURRENT: std::cell::RefCell<Option<Value>> = const { std::cell::RefCell::new(None) };
}

pub fn get_ident() -> u64 {
    IDENT.with(|i| *i)
}

/// What a started thread shares with its `Thread` object.
pub struct ThreadState {
    started: AtomicBool,
    done: Mutex<bool>,
    cv: Condvar,
    ident: AtomicU64,
}

impl protopy_runtime::objects::native::NativeObject for ThreadState {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.object.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Threads started and not yet finished, for `enumerate()` and the wait at
/// exit for non-daemon threads.
fn registry() -> &'static Mutex<Vec<Value>> {
    static R: OnceLock<Mutex<Vec<Value>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(Vec::new()))
}

fn thread_type() -> &'static Arc<TypeObj> {
    static T: OnceLock<Arc<TypeObj>> = OnceLock::new();
    T.get_or_init(|| {
        let t = TypeObj::new_builtin("Thread", Some(&ctx().types.object), BaseKind::Object, None);
        t.add_method("__init__", thread_init);
        t.add_method("start", thread_start);
        t.add_method("run", thread_run);
        t.add_method("join", thread_join);
        t.add_method("is_alive", thread_is_alive);
        t.add_method("__repr__", thread_repr);
        t.dict.set_str("__module__", Value::str("threading"));
        t
    })
}

/// Run `f` with the shared state of a `Thread` object.
fn with_state<R>(thread: &Value, f: impl FnOnce(&ThreadState) -> R) -> PyResult<R> {
    let v = ops::getattr_opt(thread, "_tstate")?.ok_or_else(not_initialised)?;
    match downcast::<ThreadState>(&v) {
        Some(st) => Ok(f(st)),
        None => Err(not_initialised()),
    }
}

fn not_initialised() -> PyErr {
    PyErr::runtime_error("thread.__init__() not called")
}

fn set(obj: &Value, name: &str, v: Value) -> PyResult<()> {
    ops::setattr(obj, &intern(name), v)
}

fn thread_init(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("Thread", &["group", "target", "name", "args", "kwargs", "daemon"])?;
    let pos = a.positional();
    let me = pos.first().cloned().ok_or_else(|| PyErr::type_error("Thread.__init__ needs self"))?;
    let target = a.get(2, "target").unwrap_or(Value::None);
    let name = match a.get(3, "name").filter(|v| !v.is_none()) {
        Some(v) => ops::str_value(&v)?,
        None => {
            let n = THREAD_COUNTER.fetch_add(1, Ordering::Relaxed);
            let tname = match ops::getattr_opt(&target, "__name__")? {
                Some(Value::Str(s)) if !target.is_none() => format!(" ({})", s.as_str()),
                _ => String::new(),
            };
            Value::string(format!("Thread-{n}{tname}"))
        }
    };
    let args = a.get(4, "args").unwrap_or_else(|| Value::tuple(vec![]));
    let kwargs = a.get(5, "kwargs").filter(|v| !v.is_none()).unwrap_or_else(|| Value::dict(DictObj::new()));
    let daemon = match a.kwarg("daemon").filter(|v| !v.is_none()) {
        Some(d) => ops::truthy(&d)?,
        None => current_thread_value().and_then(|t| ops::getattr_opt(&t, "daemon")).ok().flatten().map(|d| ops::truthy(&d).unwrap_or(false)).unwrap_or(false),
    };
    set(&me, "_target", target)?;
    set(&me, "_args", args)?;
    set(&me, "_kwargs", kwargs)?;
    set(&me, "name", name)?;
    set(&me, "daemon", Value::Bool(daemon))?;
    set(&me, "ident", Value::None)?;
    set(&me, "native_id", Value::None)?;
    let st = ThreadState { started: AtomicBool::new(false), done: Mutex::new(false), cv: Condvar::new(), ident: AtomicU64::new(0) };
    set(&me, "_tstate", Value::native(st))?;
    Ok(Value::None)
}

fn thread_run(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("run")?;
    let target = ops::getattr_opt(me, "_target")?.unwrap_or(Value::None);
    if target.is_none() {
        return Ok(Value::None);
    }
    let args = ops::collect(&ops::getattr_str(me, "_args")?)?;
    let kwargs = ops::getattr_str(me, "_kwargs")?;
    let mut vals = args;
    let mut names = Vec::new();
    if let Value::Dict(d) = &kwargs {
        for (k, v) in d.items() {
            names.push(k);
            vals.push(v);
        }
    }
    ops::call(&target, CallArgs::new(&vals, &names))?;
    Ok(Value::None)
}

/// Report an exception that ended a thread, as `threading.excepthook` does.
fn report(thread: &Value, err: &PyErr) {
    if err.is_instance(&ctx().exc.system_exit) {
        return;
    }
    let name = ops::getattr_opt(thread, "name").ok().flatten().and_then(|n| n.as_str().map(str::to_owned)).unwrap_or_default();
    let text = (ctx().hooks().format_exception)(err);
    let _ = protopy_runtime::io::write_stderr(&format!("Exception in thread {name}:\n{text}"));
}

fn thread_start(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("start")?;
    if with_state(me, |st| st.started.swap(true, Ordering::SeqCst))? {
        return Err(PyErr::runtime_error("threads can only be started once"));
    }
    let thread = me.clone();
    registry().lock().push(thread.clone());
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<u64>();
    let spawned = std::thread::Builder::new().stack_size(THREAD_STACK).spawn(move || {
        protopy_runtime::stack::init_thread(THREAD_STACK - 256 * 1024);
        protopy_runtime::gc::attach_thread();
        let ident = get_ident();
        let _ = ready_tx.send(ident);
        CURRENT.with(|c| *c.borrow_mut() = Some(thread.clone()));
        if let Err(e) = ops::call_method(&thread, "run", &[]) {
            report(&thread, &e);
        }
        CURRENT.with(|c| *c.borrow_mut() = None);
        registry().lock().retain(|t| !t.is(&thread));
        let _ = with_state(&thread, |st| {
            *st.done.lock() = true;
            st.cv.notify_all();
        });
        drop(thread);
    });
    if let Err(e) = spawned {
        registry().lock().retain(|t| !t.is(me));
        return Err(PyErr::runtime_error(format!("can't start new thread: {e}")));
    }
    let ident = ready_rx.recv().unwrap_or(0);
    with_state(me, |st| st.ident.store(ident, Ordering::SeqCst))?;
    set(me, "ident", Value::Int(ident as i64))?;
    set(me, "native_id", Value::Int(ident as i64))?;
    Ok(Value::None)
}

fn timeout_arg(v: Option<Value>) -> PyResult<Option<Duration>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(t) => {
            let secs = ops::to_f64(&t)?;
            if secs < 0.0 {
                return Ok(Some(Duration::ZERO));
            }
            Ok(Some(Duration::from_secs_f64(secs.min(1e9))))
        }
    }
}

fn thread_join(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("join", &["timeout"])?;
    let me = a.positional().first().cloned().ok_or_else(|| PyErr::type_error("join needs self"))?;
    let timeout = timeout_arg(a.get(1, "timeout"))?;
    let state = ops::getattr_opt(&me, "_tstate")?.ok_or_else(not_initialised)?;
    let st = downcast::<ThreadState>(&state).ok_or_else(not_initialised)?;
    if !st.started.load(Ordering::SeqCst) {
        return Err(PyErr::runtime_error("cannot join thread before it is started"));
    }
    if st.ident.load(Ordering::SeqCst) == get_ident() {
        return Err(PyErr::runtime_error("cannot join current thread"));
    }
    protopy_runtime::io::flush_stdout();
    let mut done = st.done.lock();
    crate::sync::wait_interruptible(&st.cv, &mut done, timeout.map(|t| Instant::now() + t), |d| *d)?;
    Ok(Value::None)
}

fn thread_is_alive(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("is_alive")?;
    with_state(me, |st| Value::Bool(st.started.load(Ordering::SeqCst) && !*st.done.lock()))
}

fn thread_repr(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("__repr__")?;
    let name = ops::str_of(&ops::getattr_str(me, "name")?)?;
    let status = with_state(me, |st| {
        if !st.started.load(Ordering::SeqCst) {
            "initial".to_string()
        } else if *st.done.lock() {
            "stopped".to_string()
        } else {
            format!("started {}", st.ident.load(Ordering::SeqCst))
        }
    })?;
    let daemon = if ops::truthy(&ops::getattr_str(me, "daemon")?)? { " daemon" } else { "" };
    Ok(Value::string(format!("<{}({name}, {status}{daemon})>", ops::type_name(me))))
}

/// The `Thread` object of the main thread, made on first use.
fn main_thread_value() -> PyResult<Value> {
    static MAIN: OnceLock<Value> = OnceLock::new();
    if let Some(v) = MAIN.get() {
        return Ok(v.clone());
    }
    let inst = Value::Instance(Arc::new(Instance::new(thread_type().clone(), Payload::None)));
    set(&inst, "name", Value::str("MainThread"))?;
    set(&inst, "daemon", Value::Bool(false))?;
    set(&inst, "ident", Value::Int(get_ident() as i64))?;
    set(&inst, "native_id", Value::Int(get_ident() as i64))?;
    set(&inst, "_target", Value::None)?;
    let st = ThreadState { started: AtomicBool::new(true), done: Mutex::new(false), cv: Condvar::new(), ident: AtomicU64::new(get_ident()) };
    set(&inst, "_tstate", Value::native(st))?;
    Ok(MAIN.get_or_init(|| inst).clone())
}

fn current_thread_value() -> PyResult<Value> {
    if let Some(t) = CURRENT.with(|c| c.borrow().clone()) {
        return Ok(t);
    }
    main_thread_value()
}

fn current_thread(a: CallArgs) -> PyResult<Value> {
    protopy_runtime::args::check_fn(&a, "current_thread", 0, 0)?;
    current_thread_value()
}

fn main_thread(a: CallArgs) -> PyResult<Value> {
    protopy_runtime::args::check_fn(&a, "main_thread", 0, 0)?;
    main_thread_value()
}

fn get_ident_fn(a: CallArgs) -> PyResult<Value> {
    protopy_runtime::args::check_fn(&a, "get_ident", 0, 0)?;
    Ok(Value::Int(get_ident() as i64))
}

fn enumerate(a: CallArgs) -> PyResult<Value> {
    protopy_runtime::args::check_fn(&a, "enumerate", 0, 0)?;
    let mut v = vec![main_thread_value()?];
    v.extend(registry().lock().iter().cloned());
    Ok(Value::list(v))
}

fn active_count(a: CallArgs) -> PyResult<Value> {
    protopy_runtime::args::check_fn(&a, "active_count", 0, 0)?;
    Ok(Value::from_usize(1 + registry().lock().len()))
}

fn excepthook(a: CallArgs) -> PyResult<Value> {
    let pos = protopy_runtime::args::check_fn(&a, "excepthook", 1, 1)?;
    let exc = ops::getattr_str(&pos[0], "exc_value")?;
    let thread = ops::getattr_opt(&pos[0], "thread")?.unwrap_or(Value::None);
    if exception::is_exception(&exc) {
        report(&thread, &PyErr::from_exception(exc));
    }
    Ok(Value::None)
}

/// Wait for every non-daemon thread (called by the host at exit).
pub fn wait_for_threads() {
    loop {
        let pending: Vec<Value> = registry()
            .lock()
            .iter()
            .filter(|t| !ops::getattr_opt(t, "daemon").ok().flatten().map(|d| ops::truthy(&d).unwrap_or(false)).unwrap_or(false))
            .cloned()
            .collect();
        let Some(t) = pending.into_iter().next() else { return };
        let _ = with_state(&t, |st| {
            // Dropped after the lock: a collection that runs meanwhile may
            // need the finishing thread to take it.
            let _detached = protopy_runtime::gc::blocking();
            let mut done = st.done.lock();
            while !*done {
                st.cv.wait(&mut done);
            }
        });
        registry().lock().retain(|x| !x.is(&t));
    }
}

fn timer_init(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    if pos.len() < 3 {
        return Err(PyErr::type_error("Timer() needs an interval and a function"));
    }
    let me = pos[0].clone();
    thread_init(CallArgs::positional_only(std::slice::from_ref(&me)))?;
    set(&me, "interval", pos[1].clone())?;
    set(&me, "function", pos[2].clone())?;
    set(&me, "_args", a.get(3, "args").unwrap_or_else(|| Value::tuple(vec![])))?;
    set(&me, "_kwargs", a.get(4, "kwargs").filter(|v| !v.is_none()).unwrap_or_else(|| Value::dict(DictObj::new())))?;
    let finished = ops::call(&crate::sync::event_type_value(), CallArgs::positional_only(&[]))?;
    set(&me, "finished", finished)?;
    Ok(Value::None)
}

fn timer_run(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("run")?;
    let finished = ops::getattr_str(me, "finished")?;
    let interval = ops::getattr_str(me, "interval")?;
    ops::call_method(&finished, "wait", &[interval])?;
    if !ops::truthy(&ops::call_method(&finished, "is_set", &[])?)? {
        let f = ops::getattr_str(me, "function")?;
        let mut vals = ops::collect(&ops::getattr_str(me, "_args")?)?;
        let mut names = Vec::new();
        if let Value::Dict(d) = ops::getattr_str(me, "_kwargs")? {
            for (k, v) in d.items() {
                names.push(k);
                vals.push(v);
            }
        }
        ops::call(&f, CallArgs::new(&vals, &names))?;
    }
    ops::call_method(&finished, "set", &[])?;
    Ok(Value::None)
}

fn timer_cancel(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("cancel")?;
    ops::call_method(&ops::getattr_str(me, "finished")?, "set", &[])?;
    Ok(Value::None)
}

fn timer_type() -> Arc<TypeObj> {
    let t = TypeObj::new_builtin("Timer", Some(thread_type()), BaseKind::Object, None);
    t.add_method("__init__", timer_init);
    t.add_method("run", timer_run);
    t.add_method("cancel", timer_cancel);
    t.dict.set_str("__module__", Value::str("threading"));
    t
}

fn add_functions(m: &ModuleObj, fns: &[(&'static str, BuiltinFn)]) {
    for (n, f) in fns {
        m.set(n, Value::Builtin(Arc::new(BuiltinFunction::function(n, *f))));
    }
}

pub fn module() -> PyResult<Value> {
    let m = Arc::new(ModuleObj::new("threading"));
    m.set("Thread", Value::Type(thread_type().clone()));
    m.set("Timer", Value::Type(timer_type()));
    add_functions(
        &m,
        &[
            ("current_thread", current_thread),
            ("currentThread", current_thread),
            ("main_thread", main_thread),
            ("get_ident", get_ident_fn),
            ("get_native_id", get_ident_fn),
            ("enumerate", enumerate),
            ("active_count", active_count),
            ("excepthook", excepthook),
        ],
    );
    m.set("TIMEOUT_MAX", Value::Float(1e9));
    add_sync_types(&m);
    Ok(Value::Module(m))
}

/// `_thread`: the low-level primitives.
pub fn thread_module() -> PyResult<Value> {
    let m = Arc::new(ModuleObj::new("_thread"));
    add_functions(&m, &[("get_ident", get_ident_fn), ("get_native_id", get_ident_fn)]);
    add_sync_types(&m);
    m.set("LockType", m.get("Lock").unwrap_or(Value::None));
    m.set("allocate_lock", m.get("Lock").unwrap_or(Value::None));
    m.set("TIMEOUT_MAX", Value::Float(1e9));
    Ok(Value::Module(m))
}

