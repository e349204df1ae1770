//! Synchronisation primitives shared by `threading` and `_thread`: Lock,
//! RLock, Condition, Semaphore, BoundedSemaphore, Event, Barrier and
//! `local`. Each is a native object whose class lives in a type object, so
//! `with lock:` and method calls go through ordinary attribute lookup.

use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use protopy_runtime::args::check_fn;
use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::function::BuiltinFn;
use protopy_runtime::objects::module::ModuleObj;
use protopy_runtime::objects::native::{downcast, NativeObject};
use protopy_runtime::objects::typeobj::{BaseKind, TypeObj};
use protopy_runtime::{ctx, ops, CallArgs, PyErr, PyResult, Value};

use crate::threading::get_ident;

/// A deadline from Python's `blocking`/`timeout` arguments: `None` waits
/// forever, `Some(now)` does not wait at all.
fn deadline(blocking: bool, timeout: Option<f64>) -> PyResult<Option<Instant>> {
    if !blocking {
        if timeout.is_some_and(|t| t != -1.0) {
            return Err(PyErr::value_error("can't specify a timeout for a non-blocking call"));
        }
        return Ok(Some(Instant::now()));
    }
    match timeout {
        None => Ok(None),
        Some(t) if t == -1.0 => Ok(None),
        Some(t) if t < 0.0 => Err(PyErr::value_error("timeout value must be a non-negative number")),
        Some(t) => Ok(Some(Instant::now() + Duration::from_secs_f64(t.min(1e9)))),
    }
}

fn float_arg(v: Option<Value>) -> PyResult<Option<f64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(x) => Ok(Some(ops::to_f64(&x)?)),
    }
}

/// Wait on `cv` until `ready` or the deadline; true when ready.
fn wait_until<T>(cv: &Condvar, guard: &mut parking_lot::MutexGuard<'_, T>, until: Option<Instant>, ready: impl Fn(&T) -> bool) -> bool {
    if ready(guard) {
        return true;
    }
    protopy_runtime::io::flush_stdout();
    loop {
        // Waiting runs no Python code: collections go on without this
        // thread.
        let detached = protopy_runtime::gc::blocking();
        let woke = wait_detached(cv, guard, until, &ready);
        // Back among the threads a collection stops, without the lock
        // (another thread may wait for it while a collection runs); what
        // was ready may not be when it is taken again.
        parking_lot::MutexGuard::unlocked(guard, || drop(detached));
        if ready(guard) {
            return true;
        }
        if !woke {
            return false;
        }
    }
}

fn wait_detached<T>(cv: &Condvar, guard: &mut parking_lot::MutexGuard<'_, T>, until: Option<Instant>, ready: impl Fn(&T) -> bool) -> bool {
    while !ready(guard) {
        match until {
            None => cv.wait(guard),
            Some(d) => {
                if cv.wait_until(guard, d).timed_out() {
                    return ready(guard);
                }
            }
        }
    }
    true
}

/// `wait_until` for a wait the program asked for: on the main thread a
/// pending signal interrupts it (SIGINT raises KeyboardInterrupt out of
/// `lock.acquire()`, `Condition.wait()`, `Thread.join()`), as in CPython.
/// The handler runs with `guard` unlocked.
pub(crate) fn wait_interruptible<T>(
    cv: &Condvar,
    guard: &mut parking_lot::MutexGuard<'_, T>,
    until: Option<Instant>,
    ready: impl Fn(&T) -> bool,
) -> PyResult<bool> {
    if !protopy_runtime::process::is_main_thread() {
        return Ok(wait_until(cv, guard, until, ready));
    }
    const SLICE: Duration = Duration::from_millis(20);
    protopy_runtime::io::flush_stdout();
    while !ready(guard) {
        let now = Instant::now();
        if until.is_some_and(|d| now >= d) {
            return Ok(false);
        }
        let slice_end = until.map_or(now + SLICE, |d| d.min(now + SLICE));
        let detached = protopy_runtime::gc::blocking();
        cv.wait_until(guard, slice_end);
        parking_lot::MutexGuard::unlocked(guard, || drop(detached));
        if !ready(guard) {
            parking_lot::MutexGuard::unlocked(guard, protopy_runtime::signals::check)?;
        }
    }
    Ok(true)
}

macro_rules! native_type {
    ($name:ident, $pyname:literal, $ctor:expr, [$(($m:literal, $f:expr)),* $(,)?]) => {
        fn $name() -> &'static Arc<TypeObj> {
            static T: OnceLock<Arc<TypeObj>> = OnceLock::new();
            T.get_or_init(|| {
                let t = TypeObj::new_builtin($pyname, Some(&ctx().types.object), BaseKind::Other, Some($ctor));
                $(t.add_method($m, $f);)*
                t.dict.set_str("__module__", Value::str("threading"));
                t
            })
        }
    };
}

fn this<'a, T: 'static>(v: &'a Value, what: &str) -> PyResult<&'a T> {
    downcast::<T>(v).ok_or_else(|| PyErr::type_error(format!("descriptor requires a '{what}' object")))
}

// --- Lock ---

pub struct Lock {
    locked: Mutex<bool>,
    cv: Condvar,
}

impl Lock {
    fn new() -> Lock {
        Lock { locked: Mutex::new(false), cv: Condvar::new() }
    }
    fn acquire(&self, until: Option<Instant>) -> bool {
        let mut g = self.locked.lock();
        if !wait_until(&self.cv, &mut g, until, |l| !*l) {
            return false;
        }
        *g = true;
        true
    }
    /// `acquire` that a signal can interrupt.
    fn acquire_interruptible(&self, until: Option<Instant>) -> PyResult<bool> {
        let mut g = self.locked.lock();
        if !wait_interruptible(&self.cv, &mut g, until, |l| !*l)? {
            return Ok(false);
        }
        *g = true;
        Ok(true)
    }
    fn release(&self) -> PyResult<()> {
        let mut g = self.locked.lock();
        if !*g {
            return Err(PyErr::runtime_error("release unlocked lock"));
        }
        *g = false;
        self.cv.notify_one();
        Ok(())
    }
}

impl NativeObject for Lock {
    fn type_obj(&self) -> Arc<TypeObj> {
        lock_type().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let state = if *self.locked.lock() { "locked" } else { "unlocked" };
        Some(Ok(format!("<{state} _thread.lock object>")))
    }
}

fn acquire_args(a: &CallArgs) -> PyResult<Option<Instant>> {
    a.only_kwargs("acquire", &["blocking", "timeout"])?;
    let blocking = match a.get(1, "blocking") {
        Some(b) => ops::truthy(&b)?,
        None => true,
    };
    deadline(blocking, float_arg(a.get(2, "timeout"))?)
}

fn lock_new(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "Lock", 0, 0)?;
    Ok(Value::native(Lock::new()))
}
fn lock_acquire(a: CallArgs) -> PyResult<Value> {
    let until = acquire_args(&a)?;
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    Ok(Value::Bool(this::<Lock>(&me, "lock")?.acquire_interruptible(until)?))
}
fn lock_release(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("release")?;
    this::<Lock>(me, "lock")?.release()?;
    Ok(Value::None)
}
fn lock_exit(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    this::<Lock>(&me, "lock")?.release()?;
    Ok(Value::None)
}
fn lock_enter(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("__enter__")?;
    this::<Lock>(me, "lock")?.acquire_interruptible(None)?;
    Ok(Value::Bool(true))
}
fn lock_locked(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("locked")?;
    Ok(Value::Bool(*this::<Lock>(me, "lock")?.locked.lock()))
}

native_type!(lock_type, "lock", lock_new, [
    ("acquire", lock_acquire), ("release", lock_release), ("__enter__", lock_enter),
    ("__exit__", lock_exit), ("locked", lock_locked), ("acquire_lock", lock_acquire), ("release_lock", lock_release),
]);

// --- RLock ---

pub struct RLock {
    /// (owner ident, recursion count)
    state: Mutex<(u64, usize)>,
    cv: Condvar,
}

impl RLock {
    fn acquire(&self, until: Option<Instant>) -> PyResult<bool> {
        let me = get_ident();
        let mut g = self.state.lock();
        if g.1 > 0 && g.0 == me {
            g.1 += 1;
            return Ok(true);
        }
        if !wait_interruptible(&self.cv, &mut g, until, |s| s.1 == 0)? {
            return Ok(false);
        }
        *g = (me, 1);
        Ok(true)
    }
    fn release(&self) -> PyResult<()> {
        let mut g = self.state.lock();
        if g.1 == 0 || g.0 != get_ident() {
            return Err(PyErr::runtime_error("cannot release un-acquired lock"));
        }
        g.1 -= 1;
        if g.1 == 0 {
            self.cv.notify_one();
        }
        Ok(())
    }
    /// Release completely (for Condition.wait), returning the count.
    fn release_all(&self) -> PyResult<usize> {
        let mut g = self.state.lock();
        if g.1 == 0 || g.0 != get_ident() {
            return Err(PyErr::runtime_error("cannot wait on un-acquired lock"));
        }
        let n = g.1;
        *g = (0, 0);
        self.cv.notify_one();
        Ok(n)
    }
    fn acquire_count(&self, n: usize) {
        let me = get_ident();
        let mut g = self.state.lock();
        wait_until(&self.cv, &mut g, None, |s| s.1 == 0);
        *g = (me, n);
    }
    fn is_owned(&self) -> bool {
        let g = self.state.lock();
        g.1 > 0 && g.0 == get_ident()
    }
}

impl NativeObject for RLock {
    fn type_obj(&self) -> Arc<TypeObj> {
        rlock_type().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn rlock_new(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "RLock", 0, 0)?;
    Ok(Value::native(RLock { state: Mutex::new((0, 0)), cv: Condvar::new() }))
}
fn rlock_acquire(a: CallArgs) -> PyResult<Value> {
    let until = acquire_args(&a)?;
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    Ok(Value::Bool(this::<RLock>(&me, "RLock")?.acquire(until)?))
}
fn rlock_release(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("release")?;
    this::<RLock>(me, "RLock")?.release()?;
    Ok(Value::None)
}
fn rlock_enter(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("__enter__")?;
    this::<RLock>(me, "RLock")?.acquire(None)?;
    Ok(Value::Bool(true))
}
fn rlock_exit(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    this::<RLock>(&me, "RLock")?.release()?;
    Ok(Value::None)
}

native_type!(rlock_type, "RLock", rlock_new, [
    ("acquire", rlock_acquire), ("release", rlock_release), ("__enter__", rlock_enter), ("__exit__", rlock_exit),
]);

// --- Condition ---

/// One waiting thread's wake-up flag.
struct Waiter {
    woken: Mutex<bool>,
    cv: Condvar,
}

pub struct Condition {
    lock: Value,
    waiters: Mutex<VecDeque<Arc<Waiter>>>,
}

impl Condition {
    /// Release the underlying lock completely; returns what to restore.
    fn release_saved(&self) -> PyResult<usize> {
        if let Some(r) = downcast::<RLock>(&self.lock) {
            return r.release_all();
        }
        if let Some(l) = downcast::<Lock>(&self.lock) {
            if !*l.locked.lock() {
                return Err(PyErr::runtime_error("cannot wait on un-acquired lock"));
            }
            l.release()?;
            return Ok(1);
        }
        ops::call_method(&self.lock, "release", &[])?;
        Ok(1)
    }
    fn restore(&self, n: usize) -> PyResult<()> {
        if let Some(r) = downcast::<RLock>(&self.lock) {
            r.acquire_count(n);
            return Ok(());
        }
        if let Some(l) = downcast::<Lock>(&self.lock) {
            l.acquire(None);
            return Ok(());
        }
        ops::call_method(&self.lock, "acquire", &[])?;
        Ok(())
    }
    fn owned(&self) -> bool {
        match downcast::<RLock>(&self.lock) {
            Some(r) => r.is_owned(),
            None => downcast::<Lock>(&self.lock).is_some_and(|l| *l.locked.lock()),
        }
    }
    fn wait(&self, until: Option<Instant>) -> PyResult<bool> {
        let w = Arc::new(Waiter { woken: Mutex::new(false), cv: Condvar::new() });
        self.waiters.lock().push_back(w.clone());
        let saved = self.release_saved()?;
        let woken = {
            let mut g = w.woken.lock();
            wait_interruptible(&w.cv, &mut g, until, |x| *x)
        };
        if !matches!(woken, Ok(true)) {
            self.waiters.lock().retain(|x| !Arc::ptr_eq(x, &w));
        }
        self.restore(saved)?;
        woken
    }
    fn notify(&self, n: usize) -> PyResult<()> {
        if !self.owned() {
            return Err(PyErr::runtime_error("cannot notify on un-acquired lock"));
        }
        let mut ws = self.waiters.lock();
        for _ in 0..n {
            let Some(w) = ws.pop_front() else { break };
            *w.woken.lock() = true;
            w.cv.notify_one();
        }
        Ok(())
    }
}

impl NativeObject for Condition {
    fn type_obj(&self) -> Arc<TypeObj> {
        condition_type().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn condition_new(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "Condition", 0, 1)?;
    let lock = match pos.first() {
        Some(l) if !l.is_none() => l.clone(),
        _ => Value::native(RLock { state: Mutex::new((0, 0)), cv: Condvar::new() }),
    };
    Ok(Value::native(Condition { lock, waiters: Mutex::new(VecDeque::new()) }))
}
fn cond(v: &Value) -> PyResult<&Condition> {
    this::<Condition>(v, "Condition")
}
fn condition_enter(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("__enter__")?;
    ops::call_method(&cond(me)?.lock, "__enter__", &[])
}
fn condition_exit(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    ops::call_method(&cond(&me)?.lock, "release", &[])?;
    Ok(Value::None)
}
fn condition_acquire(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    let lock = cond(&me)?.lock.clone();
    let f = ops::getattr_str(&lock, "acquire")?;
    ops::call(&f, CallArgs::new(&a.args[1..], a.kwnames))
}
fn condition_release(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("release")?;
    ops::call_method(&cond(me)?.lock, "release", &[])
}
fn condition_wait(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("wait", &["timeout"])?;
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    let until = deadline(true, float_arg(a.get(1, "timeout"))?)?;
    Ok(Value::Bool(cond(&me)?.wait(until)?))
}
fn condition_wait_for(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("wait_for", &["predicate", "timeout"])?;
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    let pred = a.get(1, "predicate").ok_or_else(|| PyErr::type_error("wait_for() missing 'predicate'"))?;
    let until = deadline(true, float_arg(a.get(2, "timeout"))?)?;
    loop {
        let r = ops::call(&pred, CallArgs::positional_only(&[]))?;
        if ops::truthy(&r)? {
            return Ok(r);
        }
        if until.is_some_and(|d| Instant::now() >= d) {
            return Ok(r);
        }
        cond(&me)?.wait(until)?;
    }
}
fn condition_notify(a: CallArgs) -> PyResult<Value> {
    let pos = a.range("notify", 1, 2)?;
    let n = match pos.get(1) {
        Some(v) => ops::index_value(v)?.max(0) as usize,
        None => 1,
    };
    cond(&pos[0])?.notify(n)?;
    Ok(Value::None)
}
fn condition_notify_all(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("notify_all")?;
    cond(me)?.notify(usize::MAX)?;
    Ok(Value::None)
}

native_type!(condition_type, "Condition", condition_new, [
    ("__enter__", condition_enter), ("__exit__", condition_exit), ("acquire", condition_acquire),
    ("release", condition_release), ("wait", condition_wait), ("wait_for", condition_wait_for),
    ("notify", condition_notify), ("notify_all", condition_notify_all),
]);

// --- Semaphore / BoundedSemaphore ---

pub struct Semaphore {
    value: Mutex<i64>,
    cv: Condvar,
    /// Upper bound for BoundedSemaphore.
    bound: Option<i64>,
}

impl NativeObject for Semaphore {
    fn type_obj(&self) -> Arc<TypeObj> {
        if self.bound.is_some() { bounded_semaphore_type().clone() } else { semaphore_type().clone() }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn make_semaphore(a: &CallArgs, name: &str, bounded: bool) -> PyResult<Value> {
    a.only_kwargs(name, &["value"])?;
    let v = match a.get(0, "value") {
        Some(v) => ops::index_value(&v)?,
        None => 1,
    };
    if v < 0 {
        return Err(PyErr::value_error("semaphore initial value must be >= 0"));
    }
    Ok(Value::native(Semaphore { value: Mutex::new(v), cv: Condvar::new(), bound: bounded.then_some(v) }))
}
fn semaphore_new(a: CallArgs) -> PyResult<Value> {
    make_semaphore(&a, "Semaphore", false)
}
fn bounded_semaphore_new(a: CallArgs) -> PyResult<Value> {
    make_semaphore(&a, "BoundedSemaphore", true)
}
fn sem(v: &Value) -> PyResult<&Semaphore> {
    this::<Semaphore>(v, "Semaphore")
}
fn semaphore_acquire(a: CallArgs) -> PyResult<Value> {
    let until = acquire_args(&a)?;
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    let s = sem(&me)?;
    let mut g = s.value.lock();
    if !wait_until(&s.cv, &mut g, until, |v| *v > 0) {
        return Ok(Value::Bool(false));
    }
    *g -= 1;
    Ok(Value::Bool(true))
}
fn semaphore_release(a: CallArgs) -> PyResult<Value> {
    let pos = a.range("release", 1, 2)?;
    let n = match pos.get(1) {
        Some(v) => ops::index_value(v)?,
        None => 1,
    };
    if n < 1 {
        return Err(PyErr::value_error("n must be one or more"));
    }
    let s = sem(&pos[0])?;
    let mut g = s.value.lock();
    if let Some(b) = s.bound {
        if *g + n > b {
            return Err(PyErr::value_error("Semaphore released too many times"));
        }
    }
    *g += n;
    for _ in 0..n {
        s.cv.notify_one();
    }
    Ok(Value::None)
}
fn semaphore_enter(a: CallArgs) -> PyResult<Value> {
    semaphore_acquire(a)
}
fn semaphore_exit(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    semaphore_release(CallArgs::positional_only(&[me]))
}

native_type!(semaphore_type, "Semaphore", semaphore_new, [
    ("acquire", semaphore_acquire), ("release", semaphore_release), ("__enter__", semaphore_enter), ("__exit__", semaphore_exit),
]);
native_type!(bounded_semaphore_type, "BoundedSemaphore", bounded_semaphore_new, [
    ("acquire", semaphore_acquire), ("release", semaphore_release), ("__enter__", semaphore_enter), ("__exit__", semaphore_exit),
]);

// --- Event ---

pub struct Event {
    flag: Mutex<bool>,
    cv: Condvar,
}

impl NativeObject for Event {
    fn type_obj(&self) -> Arc<TypeObj> {
        event_type().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn event_new(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "Event", 0, 0)?;
    Ok(Value::native(Event { flag: Mutex::new(false), cv: Condvar::new() }))
}
fn ev(v: &Value) -> PyResult<&Event> {
    this::<Event>(v, "Event")
}
fn event_set(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("set")?;
    let e = ev(me)?;
    *e.flag.lock() = true;
    e.cv.notify_all();
    Ok(Value::None)
}
fn event_clear(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("clear")?;
    *ev(me)?.flag.lock() = false;
    Ok(Value::None)
}
fn event_is_set(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("is_set")?;
    Ok(Value::Bool(*ev(me)?.flag.lock()))
}
fn event_wait(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("wait", &["timeout"])?;
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    let until = deadline(true, float_arg(a.get(1, "timeout"))?)?;
    let e = ev(&me)?;
    let mut g = e.flag.lock();
    Ok(Value::Bool(wait_until(&e.cv, &mut g, until, |f| *f)))
}

native_type!(event_type, "Event", event_new, [
    ("set", event_set), ("clear", event_clear), ("is_set", event_is_set), ("isSet", event_is_set), ("wait", event_wait),
]);

pub fn event_type_value() -> Value {
    Value::Type(event_type().clone())
}

// --- Barrier ---

pub struct Barrier {
    parties: usize,
    action: Value,
    timeout: Option<f64>,
    /// (arrived, generation, broken)
    state: Mutex<(usize, u64, bool)>,
    cv: Condvar,
}

impl NativeObject for Barrier {
    fn type_obj(&self) -> Arc<TypeObj> {
        barrier_type().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        let s = self.state.lock();
        Some(Ok(match name {
            "parties" => Value::from_usize(self.parties),
            "n_waiting" => Value::from_usize(s.0),
            "broken" => Value::Bool(s.2),
            _ => return None,
        }))
    }
}

fn broken_barrier_error() -> PyErr {
    let t = broken_barrier_type();
    PyErr::with_args(t, vec![])
}

fn broken_barrier_type() -> &'static Arc<TypeObj> {
    static T: OnceLock<Arc<TypeObj>> = OnceLock::new();
    T.get_or_init(|| {
        let t = TypeObj::new_builtin("BrokenBarrierError", Some(&ctx().exc.runtime_error), BaseKind::Exception, None);
        t.dict.set_str("__module__", Value::str("threading"));
        t
    })
}

fn barrier_new(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("Barrier", &["parties", "action", "timeout"])?;
    let parties = ops::index_value(&a.get(0, "parties").ok_or_else(|| PyErr::type_error("Barrier() missing 'parties'"))?)?;
    if parties < 1 {
        return Err(PyErr::value_error("parties must be >= 1"));
    }
    Ok(Value::native(Barrier {
        parties: parties as usize,
        action: a.get(1, "action").unwrap_or(Value::None),
        timeout: float_arg(a.get(2, "timeout"))?,
        state: Mutex::new((0, 0, false)),
        cv: Condvar::new(),
    }))
}
fn barrier(v: &Value) -> PyResult<&Barrier> {
    this::<Barrier>(v, "Barrier")
}
fn barrier_wait(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("wait", &["timeout"])?;
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    let b = barrier(&me)?;
    let timeout = float_arg(a.get(1, "timeout"))?.or(b.timeout);
    let until = deadline(true, timeout)?;
    let (index, generation) = {
        let mut s = b.state.lock();
        if s.2 {
            return Err(broken_barrier_error());
        }
        let index = s.0;
        s.0 += 1;
        (index, s.1)
    };
    if index + 1 == b.parties {
        if !b.action.is_none() {
            if let Err(e) = ops::call(&b.action, CallArgs::positional_only(&[])) {
                let mut s = b.state.lock();
                s.2 = true;
                b.cv.notify_all();
                return Err(e);
            }
        }
        let mut s = b.state.lock();
        s.0 = 0;
        s.1 += 1;
        b.cv.notify_all();
        return Ok(Value::from_usize(index));
    }
    let mut s = b.state.lock();
    let done = wait_until(&b.cv, &mut s, until, |st| st.1 != generation || st.2);
    if !done || s.2 {
        s.2 = true;
        b.cv.notify_all();
        return Err(broken_barrier_error());
    }
    Ok(Value::from_usize(index))
}
fn barrier_abort(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("abort")?;
    let b = barrier(me)?;
    b.state.lock().2 = true;
    b.cv.notify_all();
    Ok(Value::None)
}
fn barrier_reset(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("reset")?;
    let b = barrier(me)?;
    let mut s = b.state.lock();
    *s = (0, s.1 + 1, false);
    b.cv.notify_all();
    Ok(Value::None)
}

native_type!(barrier_type, "Barrier", barrier_new, [
    ("wait", barrier_wait), ("abort", barrier_abort), ("reset", barrier_reset),
]);

// --- local ---

/// `threading.local()`: one attribute dict per thread.
pub struct Local {
    dicts: Mutex<HashMap<u64, Arc<DictObj>>>,
}

impl Local {
    fn mine(&self) -> Arc<DictObj> {
        self.dicts.lock().entry(get_ident()).or_insert_with(|| Arc::new(DictObj::new())).clone()
    }
}

impl NativeObject for Local {
    fn type_obj(&self) -> Arc<TypeObj> {
        local_type().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> Option<PyResult<Value>> {
        let d = self.mine();
        if name == "__dict__" {
            return Some(Ok(Value::Dict(d)));
        }
        match d.get_str(name) {
            Some(v) => Some(Ok(v)),
            None => {
                if local_type().lookup_str(name).is_some() {
                    return None;
                }
                Some(Err(PyErr::attribute_error(format!(
                    "'{}' object has no attribute '{name}'",
                    ops::type_name(this)
                ))))
            }
        }
    }
    fn setattr(&self, name: &str, value: Option<Value>) -> Option<PyResult<()>> {
        let d = self.mine();
        Some(match value {
            Some(v) => d.set_item(protopy_runtime::intern(name), v),
            None => match d.del_str(name) {
                Some(_) => Ok(()),
                None => Err(PyErr::attribute_error(format!("'_thread._local' object has no attribute '{name}'"))),
            },
        })
    }
}

fn local_new(a: CallArgs) -> PyResult<Value> {
    let _ = a;
    Ok(Value::native(Local { dicts: Mutex::new(HashMap::new()) }))
}

native_type!(local_type, "local", local_new, []);

/// Put the primitives' classes into a module.
pub fn add_sync_types(m: &ModuleObj) {
    let entries: [(&str, &Arc<TypeObj>); 9] = [
        ("Lock", lock_type()),
        ("RLock", rlock_type()),
        ("Condition", condition_type()),
        ("Semaphore", semaphore_type()),
        ("BoundedSemaphore", bounded_semaphore_type()),
        ("Event", event_type()),
        ("Barrier", barrier_type()),
        ("BrokenBarrierError", broken_barrier_type()),
        ("local", local_type()),
    ];
    for (name, t) in entries {
        m.set(name, Value::Type(t.clone()));
    }
    let _: Option<BuiltinFn> = None;
}
