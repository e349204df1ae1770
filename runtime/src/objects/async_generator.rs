//! Async generators (PEP 525) on top of the generator machinery: the body
//! is an ordinary `GeneratorObj` of kind `AsyncGenerator`. Its `yield v`
//! suspends with `v` wrapped in a marker, while an `await` inside the body
//! suspends with the awaited object's own values; the awaitables returned
//! by `__anext__`/`asend`/`athrow`/`aclose` turn a wrapped value into the
//! result of the `await` (StopIteration) and pass anything else through to
//! whoever drives the outer coroutine (an event loop). `anext(it, default)`
//! is one more awaitable that maps StopAsyncIteration to the default.

use std::any::Any;
use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::generator::{self, GenKind, GeneratorObj, Resume, Step};
use crate::objects::native::{downcast, NativeObject};
use crate::objects::typeobj::TypeObj;
use crate::ops;
use crate::sync::Mutex;
use crate::value::Value;

/// The value of an async generator's `yield`, on its way out.
pub struct WrappedValue(Value);

impl NativeObject for WrappedValue {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.async_generator_wrapped_value.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// What `yield value` suspends with in an async generator's body.
pub fn wrap(value: Value) -> Value {
    Value::native(WrappedValue(value))
}

fn unwrap(v: &Value) -> Option<Value> {
    downcast::<WrappedValue>(v).map(|w| w.0.clone())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Init,
    Iter,
    Closed,
}

/// What an awaitable does to the generator when first resumed.
enum Op {
    /// `__anext__()` / `asend(value)`.
    Send(Value),
    /// `athrow(...)`: the exception instance to throw in.
    Throw(Value),
    /// `aclose()`.
    Close,
}

/// The awaitable of `__anext__`, `asend`, `athrow` and `aclose`.
pub struct AsyncGenAwaitable {
    gen: Arc<GeneratorObj>,
    op: Op,
    state: Mutex<State>,
}

fn stop_async_iteration() -> PyErr {
    PyErr::with_args(&ctx().exc.stop_async_iteration, vec![])
}

impl AsyncGenAwaitable {
    fn is_send(&self) -> bool {
        matches!(self.op, Op::Send(_))
    }

    fn set_state(&self, s: State) {
        *self.state.lock() = s;
    }

    /// Resume the generator for this awaitable: `Yielded` passes a value
    /// out to the event loop, `Returned` ends the `await` with its result.
    pub fn step(&self, input: Resume) -> PyResult<Step> {
        let state = *self.state.lock();
        match state {
            State::Closed => {
                let what = if self.is_send() { "__anext__()/asend()" } else { "aclose()/athrow()" };
                return Err(PyErr::runtime_error(format!("cannot reuse already awaited {what}")));
            }
            State::Init => {
                if !self.is_send() && self.gen.is_finished() {
                    // Nothing left to throw into: the await ends at once.
                    self.set_state(State::Closed);
                    return Ok(Step::Returned(Value::None));
                }
                if let (false, Resume::Send(v)) = (self.is_send(), &input) {
                    if !v.is_none() {
                        return Err(PyErr::runtime_error("can't send non-None value to a just-started coroutine"));
                    }
                }
                self.set_state(State::Iter);
                let first = match (&self.op, input) {
                    (Op::Send(v), Resume::Send(x)) => Resume::Send(if x.is_none() { v.clone() } else { x }),
                    (Op::Throw(e), Resume::Send(_)) => Resume::Throw(PyErr::from_exception(e.clone())),
                    (Op::Close, Resume::Send(_)) => {
                        Resume::Throw(PyErr::with_args(&ctx().exc.generator_exit, vec![]))
                    }
                    (_, throw) => throw,
                };
                self.finish(self.gen.resume(first))
            }
            State::Iter => self.finish(self.gen.resume(input)),
        }
    }

    fn finish(&self, r: PyResult<Step>) -> PyResult<Step> {
        let c = ctx();
        match r {
            Ok(Step::Yielded(v)) => match unwrap(&v) {
                Some(value) => {
                    self.set_state(State::Closed);
                    match self.op {
                        Op::Close => Err(PyErr::runtime_error("async generator ignored GeneratorExit")),
                        _ => Ok(Step::Returned(value)),
                    }
                }
                None => Ok(Step::Yielded(v)),
            },
            Ok(Step::Returned(_)) => {
                self.set_state(State::Closed);
                match self.op {
                    Op::Close => Ok(Step::Returned(Value::None)),
                    _ => Err(stop_async_iteration()),
                }
            }
            Err(e) => {
                self.set_state(State::Closed);
                let ends = e.is_instance(&c.exc.stop_async_iteration) || e.is_instance(&c.exc.generator_exit);
                if ends && matches!(self.op, Op::Close) {
                    return Ok(Step::Returned(Value::None));
                }
                Err(e)
            }
        }
    }
}

impl NativeObject for AsyncGenAwaitable {
    fn type_obj(&self) -> Arc<TypeObj> {
        let t = &ctx().types;
        if self.is_send() { t.async_generator_asend.clone() } else { t.async_generator_athrow.clone() }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(this.clone()))
    }
    fn iter_next(&self) -> Option<PyResult<Option<Value>>> {
        Some(match self.step(Resume::Send(Value::None)) {
            Ok(Step::Yielded(v)) => Ok(Some(v)),
            Ok(Step::Returned(_)) => Ok(None),
            Err(e) => Err(e),
        })
    }
}

/// `anext(iterator, default)`: awaits `iterator.__anext__()` and ends with
/// `default` instead of StopAsyncIteration.
pub struct AnextAwaitable {
    awaitable: Value,
    default: Value,
    iterator: Mutex<Option<Value>>,
}

impl AnextAwaitable {
    fn step(&self, input: Resume) -> PyResult<Step> {
        let it = {
            let current = self.iterator.lock().clone();
            match current {
                Some(it) => it,
                None => {
                    let it = crate::exec_support::await_iterator(&self.awaitable)?;
                    *self.iterator.lock() = Some(it.clone());
                    it
                }
            }
        };
        match crate::exec_support::resume_delegate(&it, input) {
            Err(e) if e.is_instance(&ctx().exc.stop_async_iteration) => Ok(Step::Returned(self.default.clone())),
            r => r,
        }
    }
}

impl NativeObject for AnextAwaitable {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.anext_awaitable.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(this.clone()))
    }
    fn iter_next(&self) -> Option<PyResult<Option<Value>>> {
        Some(match self.step(Resume::Send(Value::None)) {
            Ok(Step::Yielded(v)) => Ok(Some(v)),
            Ok(Step::Returned(_)) => Ok(None),
            Err(e) => Err(e),
        })
    }
}

/// Resume one of this module's awaitables; `None` for any other value.
pub fn step_native(it: &Value, input: Resume) -> Result<PyResult<Step>, Resume> {
    if let Some(a) = downcast::<AsyncGenAwaitable>(it) {
        return Ok(a.step(input));
    }
    if let Some(a) = downcast::<AnextAwaitable>(it) {
        return Ok(a.step(input));
    }
    Err(input)
}

/// `anext(iterator[, default])`.
pub fn anext(a: CallArgs) -> PyResult<Value> {
    let pos = crate::args::check_fn(&a, "anext", 1, 2)?;
    let it = &pos[0];
    let Some(f) = ops::lookup_special(it, "__anext__") else {
        return Err(PyErr::type_error(format!("'{}' object is not an async iterator", ops::type_name(it))));
    };
    let awaitable = ops::call(&f, CallArgs::positional_only(std::slice::from_ref(it)))?;
    let Some(default) = pos.get(1) else {
        return Ok(awaitable);
    };
    Ok(Value::native(AnextAwaitable {
        awaitable,
        default: default.clone(),
        iterator: Mutex::new(None),
    }))
}

/// `aiter(iterable)`.
pub fn aiter(a: CallArgs) -> PyResult<Value> {
    let pos = crate::args::check_fn(&a, "aiter", 1, 1)?;
    let obj = &pos[0];
    let Some(f) = ops::lookup_special(obj, "__aiter__") else {
        return Err(PyErr::type_error(format!("'{}' object is not an async iterable", ops::type_name(obj))));
    };
    let it = ops::call(&f, CallArgs::positional_only(std::slice::from_ref(obj)))?;
    if ops::lookup_special(&it, "__anext__").is_none() {
        return Err(PyErr::type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            ops::type_name(&it)
        )));
    }
    Ok(it)
}

fn async_gen(v: &Value, method: &str) -> PyResult<Arc<GeneratorObj>> {
    match generator::this(v) {
        Ok(g) if g.kind == GenKind::AsyncGenerator => Ok(g),
        _ => Err(PyErr::type_error(format!(
            "descriptor '{method}' requires a 'async_generator' object but received a '{}'",
            ops::type_name(v)
        ))),
    }
}

fn awaitable(gen: Arc<GeneratorObj>, op: Op) -> Value {
    Value::native(AsyncGenAwaitable { gen, op, state: Mutex::new(State::Init) })
}

fn aiter_method(a: CallArgs) -> PyResult<Value> {
    let [g] = a.exact::<1>("__aiter__")?;
    async_gen(g, "__aiter__")?;
    Ok(g.clone())
}

fn anext_method(a: CallArgs) -> PyResult<Value> {
    let [g] = a.exact::<1>("__anext__")?;
    Ok(awaitable(async_gen(g, "__anext__")?, Op::Send(Value::None)))
}

fn asend(a: CallArgs) -> PyResult<Value> {
    let [g, v] = a.exact::<2>("async_generator.asend")?;
    Ok(awaitable(async_gen(g, "asend")?, Op::Send(v.clone())))
}

fn athrow(a: CallArgs) -> PyResult<Value> {
    let args = a.range("athrow", 2, 4)?;
    let g = async_gen(&args[0], "athrow")?;
    let exc = generator::thrown(&args[1..])?;
    Ok(awaitable(g, Op::Throw(exc.into_exc())))
}

fn aclose(a: CallArgs) -> PyResult<Value> {
    let [g] = a.exact::<1>("aclose")?;
    Ok(awaitable(async_gen(g, "aclose")?, Op::Close))
}

fn self_method(a: CallArgs) -> PyResult<Value> {
    let [this] = a.exact::<1>("__await__")?;
    Ok(this.clone())
}

fn step_result(this: &Value, input: Resume) -> PyResult<Value> {
    let r = match step_native(this, input) {
        Ok(r) => r?,
        Err(_) => {
            return Err(PyErr::type_error(format!(
                "descriptor requires an awaitable but received a '{}'",
                ops::type_name(this)
            )))
        }
    };
    match r {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(PyErr::stop_iteration(if v.is_none() { None } else { Some(v) })),
    }
}

fn next_method(a: CallArgs) -> PyResult<Value> {
    let [this] = a.exact::<1>("__next__")?;
    step_result(this, Resume::Send(Value::None))
}

fn send_method(a: CallArgs) -> PyResult<Value> {
    let [this, v] = a.exact::<2>("send")?;
    step_result(this, Resume::Send(v.clone()))
}

fn throw_method(a: CallArgs) -> PyResult<Value> {
    let args = a.range("throw", 2, 4)?;
    step_result(&args[0], Resume::Throw(generator::thrown(&args[1..])?))
}

fn close_method(a: CallArgs) -> PyResult<Value> {
    let [this] = a.exact::<1>("close")?;
    if let Some(aw) = downcast::<AsyncGenAwaitable>(this) {
        aw.set_state(State::Closed);
    }
    Ok(Value::None)
}

pub fn init_types() {
    let t = &ctx().types;
    t.async_generator.add_method("__aiter__", aiter_method);
    t.async_generator.add_method("__anext__", anext_method);
    t.async_generator.add_method("asend", asend);
    t.async_generator.add_method("athrow", athrow);
    t.async_generator.add_method("aclose", aclose);
    for ty in [&t.async_generator_asend, &t.async_generator_athrow, &t.anext_awaitable] {
        ty.add_method("__await__", self_method);
        ty.add_method("__iter__", self_method);
        ty.add_method("__next__", next_method);
        ty.add_method("send", send_method);
        ty.add_method("throw", throw_method);
        ty.add_method("close", close_method);
    }
}
