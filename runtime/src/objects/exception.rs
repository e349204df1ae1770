//! Exceptions: the builtin hierarchy, the state every exception instance
//! carries (`args`, traceback, `__cause__`, `__context__`), and their
//! `str`/`repr` as CPython prints them.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult, TraceEntry};
use crate::objects::descriptor;
use crate::objects::instance::{Instance, Payload};
use crate::objects::typeobj::{BaseKind, TypeObj};
use crate::ops;
use crate::value::Value;

pub struct ExcState {
    pub args: Vec<Value>,
    pub traceback: Vec<TraceEntry>,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
}

impl ExcState {
    pub fn new(args: Vec<Value>) -> ExcState {
        ExcState {
            args,
            traceback: Vec::new(),
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
        }
    }
}

/// The builtin exception classes, by name, with their bases.
pub const HIERARCHY: &[(&str, &str)] = &[
    ("BaseExceptionGroup", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("PythonFinalizationError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopAsyncIteration", "Exception"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("BytesWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("EncodingWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("UserWarning", "Warning"),
];

pub fn new_exception(ty: &Arc<TypeObj>, args: Vec<Value>) -> Value {
    crate::gc::tracked(Value::Instance(Arc::new(Instance::new(
        ty.clone(),
        Payload::Exception(Box::new(crate::sync::Mutex::new(ExcState::new(args)))),
    ))))
}

fn state(v: &Value) -> Option<&crate::sync::Mutex<ExcState>> {
    match v {
        Value::Instance(i) => i.exc_state(),
        _ => None,
    }
}

pub fn is_exception(v: &Value) -> bool {
    state(v).is_some()
}

pub fn exc_type(v: &Value) -> Arc<TypeObj> {
    ops::type_of(v)
}

pub fn args_of(v: &Value) -> Vec<Value> {
    state(v).map(|s| s.lock().args.clone()).unwrap_or_default()
}

pub fn traceback_of(v: &Value) -> Vec<TraceEntry> {
    state(v).map(|s| s.lock().traceback.clone()).unwrap_or_default()
}

pub fn set_traceback(v: &Value, tb: Vec<TraceEntry>) {
    if let Some(s) = state(v) {
        s.lock().traceback = tb;
    }
}

pub fn cause_of(v: &Value) -> Value {
    state(v).map(|s| s.lock().cause.clone()).unwrap_or(Value::None)
}

pub fn context_of(v: &Value) -> Value {
    state(v).map(|s| s.lock().context.clone()).unwrap_or(Value::None)
}

pub fn suppress_context(v: &Value) -> bool {
    state(v).is_some_and(|s| s.lock().suppress_context)
}

pub fn set_cause(v: &Value, cause: Value) {
    if let Some(s) = state(v) {
        let mut s = s.lock();
        s.cause = cause;
        s.suppress_context = true;
    }
}

/// Chain `context` as `__context__` unless that would make a cycle.
pub fn set_context(v: &Value, context: Value) {
    if v.is(&context) {
        return;
    }
    // Break a cycle: if v is already in context's chain, cut it there.
    let mut cur = context.clone();
    let mut depth = 0;
    while !cur.is_none() && depth < 1000 {
        let next = context_of(&cur);
        if next.is(v) {
            if let Some(s) = state(&cur) {
                s.lock().context = Value::None;
            }
            break;
        }
        cur = next;
        depth += 1;
    }
    if let Some(s) = state(v) {
        s.lock().context = context;
    }
}

/// `str(exc)`.
pub fn exc_str(v: &Value) -> PyResult<String> {
    let ty = exc_type(v);
    let args = args_of(v);
    let c = ctx();
    if ty.is_subtype(&c.exc.key_error) && args.len() == 1 {
        return ops::repr(&args[0]);
    }
    if ty.is_subtype(&c.exc.os_error) && (2..=5).contains(&args.len()) {
        // OSError(errno, strerror[, filename[, winerror[, filename2]]]).
        let mut s = format!("[Errno {}] {}", ops::str_of(&args[0])?, ops::str_of(&args[1])?);
        if let Some(f) = args.get(2).filter(|f| !f.is_none()) {
            s.push_str(&format!(": {}", ops::repr(f)?));
            if let Some(f2) = args.get(4).filter(|f| !f.is_none()) {
                s.push_str(&format!(" -> {}", ops::repr(f2)?));
            }
        }
        return Ok(s);
    }
    match args.len() {
        0 => Ok(String::new()),
        1 => ops::str_of(&args[0]),
        _ => ops::repr(&Value::tuple(args)),
    }
}

/// `repr(exc)`: `ValueError('msg')`.
pub fn exc_repr(v: &Value) -> PyResult<String> {
    let ty = exc_type(v);
    let args = args_of(v);
    let inner = match args.len() {
        1 => ops::repr(&args[0])?,
        _ => {
            let r = ops::repr(&Value::tuple(args.clone()))?;
            if args.is_empty() {
                String::new()
            } else {
                r[1..r.len() - 1].to_string()
            }
        }
    };
    Ok(format!("{}({})", ty.name(), inner))
}

/// The last line of a traceback: `ValueError: message`.
pub fn format_exception_only(v: &Value) -> String {
    let ty = exc_type(v);
    let name = match ty.module_name() {
        Some(m) if m != "__main__" && m != "builtins" => format!("{}.{}", m, ty.qualname.read()),
        _ => ty.qualname.read().to_string(),
    };
    let msg = match ops::str_of(v) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

fn self_state(a: &CallArgs) -> PyResult<Value> {
    match a.positional().first() {
        Some(v) if is_exception(v) => Ok(v.clone()),
        _ => Err(PyErr::type_error("descriptor requires a 'BaseException' object")),
    }
}

fn init(a: CallArgs) -> PyResult<Value> {
    let me = self_state(&a)?;
    if let Some(s) = state(&me) {
        s.lock().args = a.positional()[1..].to_vec();
    }
    Ok(Value::None)
}

fn str_method(a: CallArgs) -> PyResult<Value> {
    Ok(Value::string(exc_str(&self_state(&a)?)?))
}

fn repr_method(a: CallArgs) -> PyResult<Value> {
    Ok(Value::string(exc_repr(&self_state(&a)?)?))
}

fn with_traceback(a: CallArgs) -> PyResult<Value> {
    self_state(&a)
}

fn add_note(a: CallArgs) -> PyResult<Value> {
    let [me, note] = a.exact::<2>("add_note")?;
    if !matches!(note, Value::Str(_)) {
        return Err(PyErr::type_error(format!("note must be a str, not '{}'", ops::type_name(note))));
    }
    let notes = match ops::getattr_opt(me, "__notes__")? {
        Some(n) => n,
        None => {
            let n = Value::list(Vec::new());
            ops::setattr(me, &crate::context::intern("__notes__"), n.clone())?;
            n
        }
    };
    ops::call_method(&notes, "append", &[note.clone()])?;
    Ok(Value::None)
}

fn get_args(v: &Value) -> PyResult<Value> {
    Ok(Value::tuple(args_of(v)))
}
fn set_args(v: &Value, new: Value) -> PyResult<()> {
    let items = ops::collect(&new)?;
    if let Some(s) = state(v) {
        s.lock().args = items;
    }
    Ok(())
}
fn get_cause(v: &Value) -> PyResult<Value> {
    Ok(cause_of(v))
}
fn set_cause_attr(v: &Value, new: Value) -> PyResult<()> {
    if !new.is_none() && !is_exception(&new) {
        return Err(PyErr::type_error("exception cause must be None or derive from BaseException"));
    }
    set_cause(v, new);
    Ok(())
}
fn get_context(v: &Value) -> PyResult<Value> {
    Ok(context_of(v))
}
fn set_context_attr(v: &Value, new: Value) -> PyResult<()> {
    if let Some(s) = state(v) {
        s.lock().context = new;
    }
    Ok(())
}
fn get_suppress(v: &Value) -> PyResult<Value> {
    Ok(Value::Bool(suppress_context(v)))
}
fn set_suppress(v: &Value, new: Value) -> PyResult<()> {
    let b = ops::truthy(&new)?;
    if let Some(s) = state(v) {
        s.lock().suppress_context = b;
    }
    Ok(())
}
fn get_traceback(_v: &Value) -> PyResult<Value> {
    Ok(Value::None)
}
fn set_traceback_attr(_v: &Value, _new: Value) -> PyResult<()> {
    Ok(())
}

/// `OSError.errno`, `.strerror`, `.filename`, `.filename2`: a value
/// assigned to the attribute, else the positional argument when the error
/// was made with at least two.
fn os_error_arg(v: &Value, name: &str, i: usize) -> Value {
    if let Value::Instance(inst) = v {
        if let Some(x) = inst.dict.get_str(name) {
            return x;
        }
    }
    let args = args_of(v);
    if args.len() >= 2 {
        args.get(i).cloned().unwrap_or(Value::None)
    } else {
        Value::None
    }
}

fn set_os_error_arg(v: &Value, name: &str, new: Value) -> PyResult<()> {
    if let Value::Instance(inst) = v {
        inst.dict.set_str(name, new);
    }
    Ok(())
}

macro_rules! os_error_attrs {
    ($($get:ident, $set:ident: $name:literal, $i:expr;)*) => {
        $(
            fn $get(v: &Value) -> PyResult<Value> {
                Ok(os_error_arg(v, $name, $i))
            }
            fn $set(v: &Value, new: Value) -> PyResult<()> {
                set_os_error_arg(v, $name, new)
            }
        )*
    };
}

os_error_attrs! {
    get_errno, set_errno: "errno", 0;
    get_strerror, set_strerror: "strerror", 1;
    get_filename, set_filename: "filename", 2;
    get_filename2, set_filename2: "filename2", 4;
}

fn first_arg_or_none(v: &Value) -> PyResult<Value> {
    Ok(args_of(v).into_iter().next().unwrap_or(Value::None))
}

fn system_exit_code(v: &Value) -> PyResult<Value> {
    let args = args_of(v);
    Ok(match args.len() {
        0 => Value::None,
        1 => args[0].clone(),
        _ => Value::tuple(args),
    })
}

/// `ExceptionGroup(message, exceptions)`.
fn group_new(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let cls = match pos.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => return Err(PyErr::type_error("BaseExceptionGroup.__new__ requires a type")),
    };
    if pos.len() != 3 {
        return Err(PyErr::type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            pos.len().saturating_sub(1)
        )));
    }
    if !matches!(pos[1], Value::Str(_)) {
        return Err(PyErr::type_error("argument 1 must be str, not ".to_string() + &ops::type_name(&pos[1])));
    }
    let excs = ops::collect(&pos[2])?;
    if excs.is_empty() {
        return Err(PyErr::value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let c = ctx();
    let mut all_exceptions = true;
    for (i, e) in excs.iter().enumerate() {
        if !is_exception(e) {
            return Err(PyErr::value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        if !exc_type(e).is_subtype(&c.exc.exception) {
            all_exceptions = false;
        }
    }
    let cls = if Arc::ptr_eq(&cls, &c.exc.base_exception_group) && all_exceptions {
        c.exc.exception_group.clone()
    } else {
        if cls.is_subtype(&c.exc.exception) && !all_exceptions {
            return Err(PyErr::type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
        cls
    };
    Ok(new_exception(&cls, vec![pos[1].clone(), Value::tuple(excs)]))
}

fn group_init(_a: CallArgs) -> PyResult<Value> {
    Ok(Value::None)
}

fn group_message(v: &Value) -> PyResult<Value> {
    Ok(args_of(v).into_iter().next().unwrap_or(Value::None))
}

fn group_exceptions(v: &Value) -> PyResult<Value> {
    Ok(args_of(v).into_iter().nth(1).unwrap_or_else(|| Value::tuple(vec![])))
}

fn group_str(a: CallArgs) -> PyResult<Value> {
    let me = self_state(&a)?;
    let args = args_of(&me);
    let msg = args.first().map(ops::str_of).transpose()?.unwrap_or_default();
    let n = match args.get(1) {
        Some(Value::Tuple(t)) => t.len(),
        _ => 0,
    };
    let s = if n == 1 { "" } else { "s" };
    Ok(Value::string(format!("{msg} ({n} sub-exception{s})")))
}

/// `eg.derive(excs)`: a group of the same kind with other members.
fn group_derive(a: CallArgs) -> PyResult<Value> {
    let [me, excs] = a.exact::<2>("derive")?;
    let msg = args_of(me).into_iter().next().unwrap_or(Value::None);
    let cls = ctx().exc.base_exception_group.clone();
    group_new(CallArgs::positional_only(&[Value::Type(cls), msg, excs.clone()]))
}

pub fn init_types() {
    let c = ctx();
    let base = &c.exc.base_exception;
    base.dict.set_str("__new__", descriptor::static_method(builtin("__new__", crate::objects::instance::builtin_new)));
    base.add_method("__init__", init);
    base.add_method("__str__", str_method);
    base.add_method("__repr__", repr_method);
    base.add_method("with_traceback", with_traceback);
    base.add_method("add_note", add_note);
    descriptor::add_getset(base, "args", get_args, Some(set_args));
    descriptor::add_getset(base, "__cause__", get_cause, Some(set_cause_attr));
    descriptor::add_getset(base, "__context__", get_context, Some(set_context_attr));
    descriptor::add_getset(base, "__suppress_context__", get_suppress, Some(set_suppress));
    descriptor::add_getset(base, "__traceback__", get_traceback, Some(set_traceback_attr));
    descriptor::add_getset(&c.exc.stop_iteration, "value", first_arg_or_none, None);
    descriptor::add_getset(&c.exc.system_exit, "code", system_exit_code, None);
    descriptor::add_getset(&c.exc.import_error, "name", |_| Ok(Value::None), None);
    descriptor::add_getset(&c.exc.os_error, "errno", get_errno, Some(set_errno));
    descriptor::add_getset(&c.exc.os_error, "strerror", get_strerror, Some(set_strerror));
    descriptor::add_getset(&c.exc.os_error, "filename", get_filename, Some(set_filename));
    descriptor::add_getset(&c.exc.os_error, "filename2", get_filename2, Some(set_filename2));
    let g = &c.exc.base_exception_group;
    g.dict.set_str("__new__", descriptor::static_method(builtin("__new__", group_new)));
    g.add_method("__init__", group_init);
    g.add_method("__str__", group_str);
    g.add_method("derive", group_derive);
    descriptor::add_getset(g, "message", group_message, None);
    descriptor::add_getset(g, "exceptions", group_exceptions, None);
    let _ = BaseKind::Exception;
}

fn builtin(name: &'static str, f: crate::objects::function::BuiltinFn) -> Value {
    Value::Builtin(Arc::new(crate::objects::function::BuiltinFunction::function(name, f)))
}
