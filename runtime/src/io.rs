//! Standard streams: `sys.stdout` and `sys.stderr` as objects with
//! `write`/`flush`, buffered for speed (flushed at exit, before reading
//! input, before anything goes to stderr, and per line on a terminal).

use std::any::Any;
use std::io::{BufWriter, IsTerminal, Write};
use std::sync::{Arc, OnceLock};

use crate::sync::BlockingMutex as Mutex;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::function::BuiltinFunction;
use crate::objects::native::NativeObject;
use crate::objects::typeobj::{BaseKind, TypeObj};
use crate::value::Value;

pub(crate) struct Out {
    writer: BufWriter<std::io::Stdout>,
    line_buffered: bool,
}

/// The process's stdout buffer: the host copy's, reached through the
/// context so compiled modules write into the same buffer.
fn stdout() -> &'static Mutex<Out> {
    crate::process::stdout()
}

pub(crate) fn local_stdout() -> &'static Mutex<Out> {
    static OUT: OnceLock<Mutex<Out>> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = std::io::stdout();
        let line_buffered = out.is_terminal();
        Mutex::new(Out { writer: BufWriter::with_capacity(64 * 1024, out), line_buffered })
    })
}

pub fn write_stdout(s: &str) -> PyResult<()> {
    let mut o = stdout().lock();
    let r = o.writer.write_all(s.as_bytes());
    if o.line_buffered && s.contains('\n') {
        let _ = o.writer.flush();
    }
    r.map_err(|e| os_error(&e))
}

pub fn flush_stdout() {
    let _ = stdout().lock().writer.flush();
}

pub fn write_stderr(s: &str) -> PyResult<()> {
    flush_stdout();
    let mut e = std::io::stderr().lock();
    e.write_all(s.as_bytes()).map_err(|e| os_error(&e))
}

pub fn os_error(e: &std::io::Error) -> PyErr {
    let c = ctx();
    let (ty, code) = match e.kind() {
        std::io::ErrorKind::NotFound => (&c.exc.file_not_found_error, 2),
        std::io::ErrorKind::BrokenPipe => (&c.exc.os_error, 32),
        _ => (&c.exc.os_error, e.raw_os_error().unwrap_or(5)),
    };
    let msg = e.to_string();
    let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
    PyErr::with_args(ty, vec![Value::Int(code as i64), Value::string(msg)])
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Stdout,
    Stderr,
}

pub struct StdStream {
    pub which: Which,
}

fn stream_type() -> Arc<TypeObj> {
    static T: OnceLock<usize> = OnceLock::new();
    let _ = T;
    // One type object per context; cached in the builtins module dict under
    // a private name so both runtime copies share it.
    let c = ctx();
    if let Some(Value::Type(t)) = c.builtins.get("$TextIOWrapper") {
        return t;
    }
    let t = TypeObj::new_builtin("TextIOWrapper", Some(&c.types.object), BaseKind::Other, None);
    c.builtins.set("$TextIOWrapper", Value::Type(t.clone()));
    t
}

fn write_method(a: CallArgs) -> PyResult<Value> {
    let [me, s] = a.exact::<2>("write")?;
    let Some(stream) = crate::objects::native::downcast::<StdStream>(me) else {
        return Err(PyErr::type_error("write() needs a stream"));
    };
    let Value::Str(text) = s else {
        return Err(PyErr::type_error(format!(
            "write() argument must be str, not {}",
            crate::ops::type_name(s)
        )));
    };
    match stream.which {
        Which::Stdout => write_stdout(text.as_str())?,
        Which::Stderr => write_stderr(text.as_str())?,
    }
    Ok(Value::from_usize(text.char_len()))
}

fn flush_method(_a: CallArgs) -> PyResult<Value> {
    flush_stdout();
    Ok(Value::None)
}

impl NativeObject for StdStream {
    fn type_obj(&self) -> Arc<TypeObj> {
        stream_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> Option<PyResult<Value>> {
        let f: crate::objects::function::BuiltinFn = match name {
            "write" => write_method,
            "flush" => flush_method,
            "isatty" => |_| Ok(Value::Bool(false)),
            "name" => {
                return Some(Ok(Value::str(if self.which == Which::Stdout { "<stdout>" } else { "<stderr>" })))
            }
            "encoding" => return Some(Ok(Value::str("utf-8"))),
            _ => return None,
        };
        let mut b = BuiltinFunction::method(if name == "write" { "write" } else { "flush" }, f);
        b.bound = Some(this.clone());
        Some(Ok(Value::Builtin(Arc::new(b))))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let name = if self.which == Which::Stdout { "<stdout>" } else { "<stderr>" };
        Some(Ok(format!("<_io.TextIOWrapper name='{name}' mode='w' encoding='utf-8'>")))
    }
}

pub fn stream(which: Which) -> Value {
    Value::native(StdStream { which })
}
