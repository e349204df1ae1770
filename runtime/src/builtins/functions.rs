//! Builtin functions for output, conversion to text, and evaluation.

use std::sync::Arc;

use crate::args::{check_fn, CallArgs};
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::format;
use crate::io;
use crate::objects::dict::DictObj;
use crate::objects::function::BuiltinFn;
use crate::objects::native::downcast;
use crate::ops;
use crate::value::Value;

pub const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("print", print),
    ("len", len),
    ("repr", repr),
    ("ascii", ascii),
    ("format", format_builtin),
    ("input", input),
    ("iter", iter),
    ("next", next),
    ("aiter", crate::objects::async_generator::aiter),
    ("anext", crate::objects::async_generator::anext),
    ("hash", hash),
    ("id", id),
    ("callable", callable),
    ("exec", exec),
    ("eval", eval),
    ("globals", globals),
    ("locals", locals),
    ("__import__", import),
];

/// Where `print` writes by default: `sys.stdout`.
fn default_stdout() -> Value {
    if let Some(Value::Module(sys)) = ctx().modules.get_str("sys") {
        if let Some(out) = sys.get("stdout") {
            return out;
        }
    }
    io::stream(io::Which::Stdout)
}

fn write_to(file: &Value, s: &str) -> PyResult<()> {
    if let Some(stream) = downcast::<io::StdStream>(file) {
        return match stream.which {
            io::Which::Stdout => io::write_stdout(s),
            io::Which::Stderr => io::write_stderr(s),
        };
    }
    ops::call_method(file, "write", &[Value::str(s)]).map(|_| ())
}

fn print(a: CallArgs) -> PyResult<Value> {
    let mut sep = None;
    let mut end = None;
    let mut file = None;
    let mut flush = false;
    for (k, v) in a.kwargs() {
        let as_text = |v: &Value, what: &str| -> PyResult<Option<String>> {
            match v {
                Value::None => Ok(None),
                Value::Str(s) => Ok(Some(s.as_str().to_string())),
                other => Err(PyErr::type_error(format!(
                    "{what} must be None or a string, not {}",
                    ops::type_name(other)
                ))),
            }
        };
        match k {
            "sep" => sep = as_text(v, "sep")?,
            "end" => end = as_text(v, "end")?,
            "file" => file = if v.is_none() { None } else { Some(v.clone()) },
            "flush" => flush = ops::truthy(v)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "print() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    let mut out = String::new();
    for (i, v) in a.positional().iter().enumerate() {
        if i > 0 {
            out.push_str(sep.as_deref().unwrap_or(" "));
        }
        match v {
            Value::Str(s) => out.push_str(s.as_str()),
            other => out.push_str(&ops::str_of(other)?),
        }
    }
    out.push_str(end.as_deref().unwrap_or("\n"));
    let file = file.unwrap_or_else(default_stdout);
    write_to(&file, &out)?;
    if flush {
        if downcast::<io::StdStream>(&file).is_some() {
            io::flush_stdout();
        } else {
            ops::call_method(&file, "flush", &[])?;
        }
    }
    Ok(Value::None)
}

fn len(a: CallArgs) -> PyResult<Value> {
    let [v] = exact1(&a, "len")?;
    Ok(Value::from_usize(ops::len(v)?))
}

fn exact1<'a>(a: &CallArgs<'a>, name: &str) -> PyResult<[&'a Value; 1]> {
    let pos = check_fn(a, name, 1, 1)?;
    Ok([&pos[0]])
}

fn repr(a: CallArgs) -> PyResult<Value> {
    let [v] = exact1(&a, "repr")?;
    Ok(Value::string(ops::repr(v)?))
}

fn ascii(a: CallArgs) -> PyResult<Value> {
    let [v] = exact1(&a, "ascii")?;
    let r = ops::repr(v)?;
    if r.is_ascii() {
        return Ok(Value::string(r));
    }
    let mut out = String::new();
    for c in r.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    Ok(Value::string(out))
}

/// The exception for a message from the `format_*` functions.
fn format_failure(msg: String) -> PyErr {
    match format::format_error_kind(&msg) {
        format::FormatErrorKind::OverflowError => PyErr::overflow(msg),
        format::FormatErrorKind::MemoryError => PyErr::with_args(&crate::ctx().exc.memory_error, vec![]),
        format::FormatErrorKind::ValueError => PyErr::value_error(msg),
    }
}

/// `format(v, spec)`: `type(v).__format__(v, spec)`.
pub fn format_value(v: &Value, spec: &str) -> PyResult<String> {
    let payload = ops::payload(v);
    let user = matches!(v, Value::Instance(_));
    if user {
        if let Some(f) = ops::type_of(v).lookup_str("__format__") {
            if !matches!(f, Value::Builtin(_)) {
                let r = ops::call(&f, CallArgs::positional_only(&[v.clone(), Value::str(spec)]))?;
                return match r {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => Err(PyErr::type_error(format!(
                        "__format__ must return a str, not {}",
                        ops::type_name(&other)
                    ))),
                };
            }
        }
    }
    // The type's name only appears in error messages: not made for an
    // empty spec, which parses to the default.
    let parse = || {
        if spec.is_empty() {
            return Ok(format::FormatSpec::default());
        }
        format::FormatSpec::parse(spec, &ops::type_name(v)).map_err(format_failure)
    };
    match &payload {
        Value::Int(i) => format::format_int(crate::num::IntRef::Small(*i), &parse()?).map_err(format_failure),
        Value::Bool(b) => {
            if spec.is_empty() {
                return Ok(if *b { "True" } else { "False" }.into());
            }
            format::format_int(crate::num::IntRef::Small(*b as i64), &parse()?).map_err(format_failure)
        }
        Value::BigInt(b) => {
            let spec = parse()?;
            if matches!(spec.ty, None | Some('d' | 'n')) {
                ops::check_decimal_digits(b)?;
            }
            format::format_int(crate::num::IntRef::Big(b), &spec).map_err(format_failure)
        }
        Value::Float(f) => format::format_float(*f, &parse()?).map_err(format_failure),
        Value::Complex(c) => format::format_complex(c.re, c.im, &parse()?).map_err(format_failure),
        Value::Str(s) => {
            if spec.is_empty() {
                return Ok(s.as_str().to_string());
            }
            format::format_str(s.as_str(), &parse()?).map_err(format_failure)
        }
        _ => {
            if spec.is_empty() {
                return ops::str_of(v);
            }
            Err(PyErr::type_error(format!(
                "unsupported format string passed to {}.__format__",
                ops::type_name(v)
            )))
        }
    }
}

fn format_builtin(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "format", 1, 2)?;
    let spec = match pos.get(1) {
        None => String::new(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "format() argument 2 must be str, not {}",
                ops::type_name(other)
            )))
        }
    };
    Ok(Value::string(format_value(&pos[0], &spec)?))
}

fn input(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "input", 0, 1)?;
    if let Some(p) = pos.first() {
        io::write_stdout(&ops::str_of(p)?)?;
    }
    io::flush_stdout();
    let mut line = String::new();
    let n = {
        let _detached = crate::gc::blocking();
        std::io::stdin().read_line(&mut line)
    }
    .map_err(|e| io::os_error(&e))?;
    if n == 0 {
        return Err(PyErr::new(&ctx().exc.eof_error, "EOF when reading a line"));
    }
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    Ok(Value::string(line))
}

fn iter(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "iter", 1, 2)?;
    match pos {
        [v] => ops::iter(v),
        [f, sentinel] => {
            if !ops::is_callable(f) {
                return Err(PyErr::type_error("iter(v, w): v must be callable"));
            }
            Ok(Value::Iter(Arc::new(crate::objects::iter::IterObj::Callable(
                f.clone(),
                sentinel.clone(),
                std::sync::atomic::AtomicBool::new(false),
            ))))
        }
        _ => Err(PyErr::type_error("iter expected 1 or 2 arguments")),
    }
}

fn next(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "next", 1, 2)?;
    let it = &pos[0];
    if !matches!(it, Value::Iter(_) | Value::Generator(_)) && ops::type_of(it).lookup_str("__next__").is_none() {
        if !matches!(it, Value::Native(_)) {
            return Err(PyErr::type_error(format!("'{}' object is not an iterator", ops::type_name(it))));
        }
    }
    // The awaitables of async generators end with a value as well.
    let step = match crate::objects::async_generator::step_native(it, crate::objects::generator::Resume::Send(Value::None)) {
        Ok(step) => Some(step?),
        Err(_) => None,
    };
    if let Some(step) = step {
        use crate::objects::generator::Step;
        return match step {
            Step::Yielded(v) => Ok(v),
            Step::Returned(r) => match pos.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::stop_iteration(if r.is_none() { None } else { Some(r) })),
            },
        };
    }
    // A generator's return value travels in the StopIteration.
    if let Value::Generator(g) = it {
        use crate::objects::generator::{Resume, Step};
        return match g.resume(Resume::Send(Value::None))? {
            Step::Yielded(v) => Ok(v),
            Step::Returned(r) => match pos.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::stop_iteration(if r.is_none() { None } else { Some(r) })),
            },
        };
    }
    match ops::next(it)? {
        Some(v) => Ok(v),
        None => match pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::stop_iteration(None)),
        },
    }
}

fn hash(a: CallArgs) -> PyResult<Value> {
    let [v] = exact1(&a, "hash")?;
    Ok(Value::Int(ops::hash(v)?))
}

fn id(a: CallArgs) -> PyResult<Value> {
    let [v] = exact1(&a, "id")?;
    Ok(match v.heap_ptr() {
        Some(p) => Value::from_usize(p),
        None => Value::Int(ops::hash(v).unwrap_or(0).wrapping_mul(31) & 0x7fff_ffff_ffff),
    })
}

fn callable(a: CallArgs) -> PyResult<Value> {
    let [v] = exact1(&a, "callable")?;
    Ok(Value::Bool(ops::is_callable(v)))
}

fn dict_arg(v: Option<&Value>, what: &str) -> PyResult<Option<Arc<DictObj>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Dict(d)) => Ok(Some(d.clone())),
        Some(other) => Err(PyErr::type_error(format!(
            "{what} must be a dict, not {}",
            ops::type_name(other)
        ))),
    }
}

fn run_code(a: CallArgs, mode: &str) -> PyResult<Value> {
    a.only_kwargs(mode, &["globals", "locals"])?;
    let pos = a.positional();
    if pos.is_empty() || pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{mode} expected at least 1 argument, got {}",
            pos.len()
        )));
    }
    let globals = dict_arg(a.get(1, "globals").as_ref(), "globals")?;
    let locals = a.get(2, "locals").filter(|v| !v.is_none());
    let hook = ctx().hooks().exec;
    hook(&pos[0], globals, locals, mode)
}

fn exec(a: CallArgs) -> PyResult<Value> {
    run_code(a, "exec")
}

fn eval(a: CallArgs) -> PyResult<Value> {
    run_code(a, "eval")
}

fn globals(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "globals", 0, 0)?;
    match (ctx().hooks().current_globals)() {
        Some(d) => Ok(Value::Dict(d)),
        None => Err(PyErr::system_error("globals(): no current frame")),
    }
}

fn locals(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "locals", 0, 0)?;
    (ctx().hooks().current_locals)()
}

fn import(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("__import__", &["name", "globals", "locals", "fromlist", "level"])?;
    let name = match a.get(0, "name") {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => return Err(PyErr::type_error("__import__() argument 1 must be str")),
    };
    let globals = match a.get(1, "globals") {
        Some(Value::Dict(d)) => Some(d),
        _ => None,
    };
    let fromlist = match a.get(3, "fromlist") {
        Some(v) if !v.is_none() => ops::collect(&v)?,
        _ => Vec::new(),
    };
    let level = match a.get(4, "level") {
        Some(v) => ops::index_value(&v)? as u32,
        None => 0,
    };
    (ctx().hooks().import)(&name, globals.as_ref(), &fromlist, level)
}
