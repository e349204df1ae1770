//! The `signal` module and the operating-system side of signal handling:
//! a C handler that only records the signal (`protopy_runtime::signals`),
//! installed for SIGINT at start-up and for whatever `signal.signal` is
//! given a Python handler. The main thread runs the Python handlers.

use std::sync::{Arc, OnceLock};

use protopy_runtime::args::check_fn;
use protopy_runtime::objects::function::BuiltinFunction;
use protopy_runtime::signals::{self, NSIG, SIGINT};
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

const NAMES: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGABRT", libc::SIGABRT),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGCHLD", libc::SIGCHLD),
];

extern "C" fn on_signal(signum: libc::c_int) {
    signals::record(signum);
}

/// What the operating system does on `signum`.
enum Disposition {
    Default,
    Ignore,
    Record,
}

fn set_disposition(signum: i32, how: Disposition) -> bool {
    let handler = match how {
        Disposition::Default => libc::SIG_DFL,
        Disposition::Ignore => libc::SIG_IGN,
        Disposition::Record => on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
    };
    // SAFETY: a zeroed sigaction is a valid value to fill in; the handler
    // only performs atomic operations, which are async-signal-safe.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(signum, &action, std::ptr::null_mut()) == 0
    }
}

fn is_ignored(signum: i32) -> bool {
    // SAFETY: reads the current action into a value we own.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signum, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    }
}

/// At start-up, as CPython: SIGINT raises `KeyboardInterrupt` in the main
/// thread (unless the parent made the process ignore it), and the calling
/// thread becomes the main thread.
pub fn install_default_handlers() {
    protopy_runtime::process::set_main_thread();
    if !is_ignored(SIGINT) {
        set_disposition(SIGINT, Disposition::Record);
    }
}

/// After an uncaught `KeyboardInterrupt`, end the process by SIGINT with
/// the default action, so the parent sees what CPython's parent sees (a
/// shell reports status 130).
pub fn exit_by_sigint() {
    set_disposition(SIGINT, Disposition::Default);
    // SAFETY: sends a signal to this process; no memory is involved.
    unsafe {
        libc::kill(libc::getpid(), SIGINT);
    }
}

fn signal_number(v: &Value) -> PyResult<i32> {
    let n = ops::index_value(v)?;
    if !(1..NSIG as i64).contains(&n) {
        return Err(PyErr::value_error("signal number out of range"));
    }
    Ok(n as i32)
}

fn default_int_handler(a: CallArgs) -> PyResult<Value> {
    let _ = a;
    Err(signals::keyboard_interrupt())
}

/// `signal.default_int_handler`, one object for the process.
fn default_int_handler_value() -> Value {
    static HANDLER: OnceLock<Value> = OnceLock::new();
    HANDLER
        .get_or_init(|| Value::Builtin(Arc::new(BuiltinFunction::function("default_int_handler", default_int_handler))))
        .clone()
}

fn is_default_int_handler(v: &Value) -> bool {
    match (v, default_int_handler_value()) {
        (Value::Builtin(a), Value::Builtin(b)) => Arc::ptr_eq(a, &b),
        _ => false,
    }
}

fn getsignal(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "getsignal", 1, 1)?;
    let signum = signal_number(&pos[0])?;
    Ok(current_handler(signum))
}

fn current_handler(signum: i32) -> Value {
    match signals::handler(signum) {
        Some(h) => h,
        None if is_ignored(signum) => Value::Int(SIG_IGN),
        None if signum == SIGINT => default_int_handler_value(),
        None => Value::Int(SIG_DFL),
    }
}

fn signal(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "signal", 2, 2)?;
    let signum = signal_number(&pos[0])?;
    if !protopy_runtime::process::is_main_thread() {
        return Err(PyErr::value_error("signal only works in main thread of the main interpreter"));
    }
    let old = current_handler(signum);
    let handler = &pos[1];
    let ok = match handler {
        Value::Int(n) if *n == SIG_DFL || *n == SIG_IGN => {
            signals::set_handler(signum, None);
            set_disposition(signum, if *n == SIG_IGN { Disposition::Ignore } else { Disposition::Default })
        }
        h if ops::is_callable(h) => {
            let default = signum == SIGINT && is_default_int_handler(h);
            signals::set_handler(signum, if default { None } else { Some(h.clone()) });
            set_disposition(signum, Disposition::Record)
        }
        _ => {
            return Err(PyErr::type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object"));
        }
    };
    if !ok {
        return Err(protopy_runtime::io::os_error(&std::io::Error::last_os_error()));
    }
    Ok(old)
}

fn raise_signal(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "raise_signal", 1, 1)?;
    let signum = signal_number(&pos[0])?;
    // SAFETY: sends a signal to the calling thread; no memory is involved.
    unsafe {
        libc::raise(signum);
    }
    signals::check()?;
    Ok(Value::None)
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "signal",
        &[("getsignal", getsignal), ("signal", signal), ("raise_signal", raise_signal)],
    );
    m.set("default_int_handler", default_int_handler_value());
    for (name, n) in NAMES {
        m.set(name, Value::Int(*n as i64));
    }
    m.set("SIG_DFL", Value::Int(SIG_DFL));
    m.set("SIG_IGN", Value::Int(SIG_IGN));
    m.set("NSIG", Value::Int(NSIG as i64 + 1));
    Ok(Value::Module(m))
}
