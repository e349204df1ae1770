//! Generators and coroutines: the body runs on its own stack (a stackful
//! coroutine), so interpreted and compiled code suspend the same way — a
//! `yield` is a call that returns the value sent in. Stacks are pooled.

use std::sync::Arc;

use corosensei::stack::{DefaultStack, Stack};
use corosensei::{Coroutine, CoroutineResult, Yielder};
use crate::sync::{Mutex, RwLock};

use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::exception;
use crate::value::Value;

const STACK_SIZE: usize = 4 * 1024 * 1024;
const POOL_MAX: usize = 64;

static STACK_POOL: Mutex<Vec<DefaultStack>> = Mutex::new(Vec::new());

fn take_stack() -> PyResult<DefaultStack> {
    if let Some(s) = STACK_POOL.lock().pop() {
        return Ok(s);
    }
    DefaultStack::new(STACK_SIZE).map_err(|_| PyErr::memory_error())
}

fn give_stack(s: DefaultStack) {
    let mut pool = STACK_POOL.lock();
    if pool.len() < POOL_MAX {
        pool.push(s);
    }
}

/// What a suspended generator is resumed with.
pub enum Resume {
    Send(Value),
    Throw(PyErr),
}

pub type GenYielder = Yielder<Resume, Value>;
pub type GenBody = Box<dyn FnOnce(&GenYielder) -> PyResult<Value> + Send>;

type Co = Coroutine<Resume, Value, PyResult<Value>, DefaultStack>;

enum State {
    Fresh(GenBody),
    Suspended(Box<Co>),
    Done,
}

// SAFETY: a coroutine's stack only holds runtime values, which are all
// Send + Sync; it is only ever resumed by one thread at a time (the state
// mutex is held across a resume).
unsafe impl Send for State {}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

pub struct GeneratorObj {
    pub name: RwLock<Value>,
    pub qualname: RwLock<Value>,
    pub kind: GenKind,
    /// Held while the body runs: only ever tried (a second resume finds
    /// it taken and fails), so no waiter spins through a running body.
    state: Mutex<State>,
}

pub enum Step {
    Yielded(Value),
    Returned(Value),
}

impl GeneratorObj {
    pub fn new(kind: GenKind, name: Value, qualname: Value, body: GenBody) -> GeneratorObj {
        GeneratorObj {
            name: RwLock::new(name),
            qualname: RwLock::new(qualname),
            kind,
            state: Mutex::new(State::Fresh(body)),
        }
    }

    fn noun(&self) -> &'static str {
        match self.kind {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }

    pub fn is_running(&self) -> bool {
        self.state.is_locked()
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.state.try_lock().as_deref(), Some(State::Done))
    }

    /// Resume the body: run until the next `yield` or the end.
    pub fn resume(&self, input: Resume) -> PyResult<Step> {
        let Some(mut state) = self.state.try_lock() else {
            return Err(PyErr::value_error(format!("{} already executing", self.noun())));
        };
        let (mut co, input) = match std::mem::replace(&mut *state, State::Done) {
            State::Done => {
                return match input {
                    Resume::Send(_) => Ok(Step::Returned(Value::None)),
                    Resume::Throw(e) => Err(e),
                }
            }
            State::Fresh(body) => match input {
                Resume::Throw(e) => return Err(e),
                Resume::Send(v) if !v.is_none() => {
                    *state = State::Fresh(body);
                    return Err(PyErr::type_error(format!(
                        "can't send non-None value to a just-started {}",
                        self.noun()
                    )));
                }
                Resume::Send(_) => {
                    let stack = take_stack()?;
                    let lowest = stack.limit().get();
                    let co = Box::new(Co::with_stack(stack, move |y: &GenYielder, _first: Resume| {
                        let prev = crate::stack::set_lowest(lowest);
                        let r = body(y);
                        crate::stack::restore(prev);
                        r
                    }));
                    (co, Resume::Send(Value::None))
                }
            },
            State::Suspended(co) => (co, input),
        };
        // The body runs on this thread until it yields or ends: one visit
        // to the thread's state saves and restores its stack limit.
        let thread = crate::process::thread_state_ptr();
        // SAFETY: this thread's state, alive for the whole call.
        let saved = unsafe { (*thread).stack_limit.get() };
        let r = co.resume(input);
        // SAFETY: as above, still on this thread.
        unsafe { (*thread).stack_limit.set(saved) };
        match r {
            CoroutineResult::Yield(v) => {
                *state = State::Suspended(co);
                Ok(Step::Yielded(v))
            }
            CoroutineResult::Return(r) => {
                give_stack((*co).into_stack());
                match r {
                    Ok(v) => Ok(Step::Returned(v)),
                    Err(e) => Err(self.convert_stop_iteration(e)),
                }
            }
        }
    }

    /// PEP 479: StopIteration escaping a generator becomes RuntimeError.
    fn convert_stop_iteration(&self, e: PyErr) -> PyErr {
        let c = ctx();
        let (is_stop, msg) = match self.kind {
            GenKind::AsyncGenerator => (
                e.is_instance(&c.exc.stop_async_iteration) || e.is_instance(&c.exc.stop_iteration),
                "async generator raised StopAsyncIteration",
            ),
            GenKind::Generator => (e.is_instance(&c.exc.stop_iteration), "generator raised StopIteration"),
            GenKind::Coroutine => (e.is_instance(&c.exc.stop_iteration), "coroutine raised StopIteration"),
        };
        if !is_stop {
            return e;
        }
        let new = PyErr::runtime_error(msg);
        exception::set_cause(new.exc(), e.exc().clone());
        exception::set_context(new.exc(), e.into_exc());
        new
    }

    /// `close()`: throw GeneratorExit in; a yielded value is an error.
    pub fn close(&self) -> PyResult<()> {
        {
            let Some(mut state) = self.state.try_lock() else {
                return Err(PyErr::value_error(format!("{} already executing", self.noun())));
            };
            if !matches!(*state, State::Suspended(_)) {
                *state = State::Done;
                return Ok(());
            }
        }
        let exit = PyErr::with_args(&ctx().exc.generator_exit, vec![]);
        match self.resume(Resume::Throw(exit)) {
            Ok(Step::Yielded(_)) => Err(PyErr::runtime_error(format!("{} ignored GeneratorExit", self.noun()))),
            Ok(Step::Returned(_)) => Ok(()),
            Err(e) if e.is_instance(&ctx().exc.generator_exit) || e.is_instance(&ctx().exc.stop_iteration) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl Drop for GeneratorObj {
    fn drop(&mut self) {
        if matches!(&*self.state.get_mut(), State::Suspended(_)) {
            // Run the body's `finally` blocks, as CPython's close() on
            // finalisation does; errors are ignored (CPython reports them
            // as unraisable).
            let _ = self.close();
        }
    }
}

/// Called from inside a generator body: hand `value` out and wait to be
/// resumed; a thrown exception comes back as the error.
pub fn yield_value(y: &GenYielder, value: Value) -> PyResult<Value> {
    let mine = crate::stack::current();
    let input = y.suspend(value);
    crate::stack::restore(mine);
    match input {
        Resume::Send(v) => Ok(v),
        Resume::Throw(e) => Err(e),
    }
}

pub fn new_value(g: GeneratorObj) -> Value {
    Value::Generator(Arc::new(g))
}

pub(crate) fn this(v: &Value) -> PyResult<Arc<GeneratorObj>> {
    match v {
        Value::Generator(g) => Ok(g.clone()),
        other => Err(PyErr::type_error(format!(
            "descriptor requires a 'generator' object but received a '{}'",
            crate::ops::type_name(other)
        ))),
    }
}

/// The result of a resume as a method returns it: the yielded value, or
/// StopIteration carrying the return value.
fn step_result(step: Step) -> PyResult<Value> {
    match step {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(PyErr::stop_iteration(if v.is_none() { None } else { Some(v) })),
    }
}

fn send(a: crate::args::CallArgs) -> PyResult<Value> {
    let [g, v] = a.exact::<2>("send")?;
    step_result(this(g)?.resume(Resume::Send(v.clone()))?)
}

fn next_method(a: crate::args::CallArgs) -> PyResult<Value> {
    let [g] = a.exact::<1>("__next__")?;
    step_result(this(g)?.resume(Resume::Send(Value::None))?)
}

fn iter_method(a: crate::args::CallArgs) -> PyResult<Value> {
    let [g] = a.exact::<1>("__iter__")?;
    Ok(g.clone())
}

fn throw(a: crate::args::CallArgs) -> PyResult<Value> {
    let args = a.range("throw", 2, 4)?;
    let g = this(&args[0])?;
    step_result(g.resume(Resume::Throw(thrown(&args[1..])?))?)
}

/// The exception `throw(typ[, val[, tb]])` raises inside the body.
pub fn thrown(args: &[Value]) -> PyResult<PyErr> {
    let typ = &args[0];
    let exc = match (typ, args.get(1)) {
        (Value::Type(t), val) if t.is_exception => match val {
            Some(v) if exception::is_exception(v) => v.clone(),
            Some(Value::None) | None => crate::ops::call(typ, crate::args::CallArgs::positional_only(&[]))?,
            Some(v) => crate::ops::call(typ, crate::args::CallArgs::positional_only(std::slice::from_ref(v)))?,
        },
        (v, _) if exception::is_exception(v) => v.clone(),
        _ => return Err(PyErr::type_error("exceptions must be classes or instances deriving from BaseException, not ".to_string() + &crate::ops::type_name(typ))),
    };
    Ok(PyErr::from_exception(exc))
}

fn close(a: crate::args::CallArgs) -> PyResult<Value> {
    let [g] = a.exact::<1>("close")?;
    this(g)?.close()?;
    Ok(Value::None)
}

fn await_method(a: crate::args::CallArgs) -> PyResult<Value> {
    let [g] = a.exact::<1>("__await__")?;
    Ok(g.clone())
}

pub fn init_types() {
    let c = ctx();
    for t in [&c.types.generator, &c.types.coroutine] {
        t.add_method("send", send);
        t.add_method("throw", throw);
        t.add_method("close", close);
    }
    c.types.generator.add_method("__next__", next_method);
    c.types.generator.add_method("__iter__", iter_method);
    c.types.coroutine.add_method("__await__", await_method);
    crate::objects::async_generator::init_types();
}
