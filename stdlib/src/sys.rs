//! The `sys` module. Made by the host at start-up (it needs `argv` and the
//! first `sys.path` entry) and registered in `sys.modules`.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use protopy_runtime::args::check_fn;
use protopy_runtime::io;
use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::instance::{Instance, Payload};
use protopy_runtime::{ctx, ops, CallArgs, PyErr, PyResult, Value};

fn exit(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "exit", 0, 1)?;
    // As CPython: `exit(None)` is SystemExit with no arguments.
    let args = pos.iter().filter(|v| !v.is_none()).cloned().collect();
    Err(PyErr::with_args(&ctx().exc.system_exit, args))
}

fn getrecursionlimit(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "getrecursionlimit", 0, 0)?;
    Ok(Value::from_usize(ctx().recursion_limit.load(Ordering::Relaxed)))
}

fn setrecursionlimit(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "setrecursionlimit", 1, 1)?;
    let n = ops::index_value(&pos[0])?;
    if n < 1 {
        return Err(PyErr::value_error("recursion limit must be greater or equal than 1"));
    }
    ctx().recursion_limit.store(n as usize, Ordering::Relaxed);
    Ok(Value::None)
}

fn intern(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "intern", 1, 1)?;
    match &pos[0] {
        Value::Str(s) => Ok(protopy_runtime::intern(s.as_str())),
        other => Err(PyErr::type_error(format!(
            "intern() argument must be str, not {}",
            ops::type_name(other)
        ))),
    }
}

fn get_int_max_str_digits(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "get_int_max_str_digits", 0, 0)?;
    Ok(Value::from_usize(ctx().int_max_str_digits()))
}

fn set_int_max_str_digits(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("set_int_max_str_digits", &["maxdigits"])?;
    let v = a.get(0, "maxdigits").ok_or_else(|| PyErr::type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)"))?;
    let n = ops::index_value(&v)?;
    if n != 0 && n < 640 {
        return Err(PyErr::value_error("maxdigits must be 0 or larger than 640"));
    }
    ctx().set_int_max_str_digits(n as usize);
    Ok(Value::None)
}

fn exc_info(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "exc_info", 0, 0)?;
    Ok(match (ctx().hooks().current_exception)() {
        Some(e) => {
            let tb = ops::getattr_opt(&e, "__traceback__")?.unwrap_or(Value::None);
            Value::tuple(vec![Value::Type(ops::type_of(&e)), e, tb])
        }
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn exception(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "exception", 0, 0)?;
    Ok((ctx().hooks().current_exception)().unwrap_or(Value::None))
}

fn getsizeof(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "getsizeof", 1, 2)?;
    let n = match &pos[0] {
        Value::Str(s) => 49 + s.as_str().len(),
        Value::List(l) => 56 + 8 * l.len(),
        Value::Tuple(t) => 40 + 8 * t.len(),
        Value::Dict(d) => 64 + 24 * d.len(),
        _ => 32,
    };
    Ok(Value::from_usize(n))
}

/// A plain object with attributes (like `types.SimpleNamespace`).
fn namespace(name: &str, attrs: &[(&str, Value)]) -> PyResult<Value> {
    let c = ctx();
    let ns = DictObj::new();
    let cls = protopy_runtime::objects::typeobj::new_class(None, name, vec![c.types.object.clone()], &ns)?;
    let inst = Instance::new(cls, Payload::None);
    for (k, v) in attrs {
        inst.dict.set_str(k, v.clone());
    }
    Ok(Value::Instance(Arc::new(inst)))
}

const VERSION_FIELDS: [&str; 5] = ["major", "minor", "micro", "releaselevel", "serial"];

/// `sys.version_info`: a tuple whose items are also named attributes.
fn version_info() -> PyResult<Value> {
    let c = ctx();
    let ns = DictObj::new();
    let repr = protopy_runtime::objects::function::BuiltinFunction::method("__repr__", version_info_repr);
    ns.set_str("__repr__", Value::Builtin(Arc::new(repr)));
    let cls = protopy_runtime::objects::typeobj::new_class(None, "version_info", vec![c.types.tuple.clone()], &ns)?;
    *cls.qualname.write() = "sys.version_info".into();
    let items = vec![Value::Int(3), Value::Int(14), Value::Int(0), Value::str("final"), Value::Int(0)];
    let inst = Instance::new(cls, Payload::Builtin(Value::tuple(items.clone())));
    for (k, v) in VERSION_FIELDS.iter().zip(items) {
        inst.dict.set_str(k, v);
    }
    Ok(Value::Instance(Arc::new(inst)))
}

fn version_info_repr(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "__repr__", 1, 1)?;
    let items = ops::collect(&ops::payload(&pos[0]))?;
    let mut parts = Vec::new();
    for (k, v) in VERSION_FIELDS.iter().zip(items.iter()) {
        parts.push(format!("{k}={}", ops::repr(v)?));
    }
    Ok(Value::string(format!("sys.version_info({})", parts.join(", "))))
}

/// Make `sys` and register it in `sys.modules`.
pub fn install(argv: &[String], first_path: &str) {
    let c = ctx();
    let m = crate::util::new_module(
        "sys",
        &[
            ("exit", exit),
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
            ("intern", intern),
            ("get_int_max_str_digits", get_int_max_str_digits),
            ("set_int_max_str_digits", set_int_max_str_digits),
            ("exc_info", exc_info),
            ("exception", exception),
            ("getsizeof", getsizeof),
        ],
    );
    m.set("argv", Value::list(argv.iter().map(|s| Value::str(s)).collect()));
    let mut path = vec![Value::str(first_path)];
    if let Ok(extra) = std::env::var("PROTOPYPATH") {
        for p in extra.split(':').filter(|p| !p.is_empty()) {
            path.push(Value::str(p));
        }
    }
    m.set("path", Value::list(path));
    m.set("modules", Value::Dict(c.modules.clone()));
    m.set("stdout", io::stream(io::Which::Stdout));
    m.set("stderr", io::stream(io::Which::Stderr));
    m.set("__stdout__", io::stream(io::Which::Stdout));
    m.set("__stderr__", io::stream(io::Which::Stderr));
    m.set("version", Value::str("3.14.0 (protoPython 0.1.0)"));
    if let Ok(info) = version_info() {
        m.set("version_info", info);
    }
    m.set("hexversion", Value::Int(0x030E00F0));
    m.set("maxsize", Value::Int(i64::MAX));
    m.set("maxunicode", Value::Int(0x10FFFF));
    m.set("platform", Value::str("linux"));
    m.set("byteorder", Value::str(if cfg!(target_endian = "little") { "little" } else { "big" }));
    m.set("executable", Value::string(std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default()));
    m.set("builtin_module_names", Value::tuple(vec![Value::str("sys"), Value::str("builtins")]));
    if let Ok(imp) = namespace(
        "implementation",
        &[
            ("name", Value::str("protopy")),
            ("cache_tag", Value::None),
            ("version", Value::tuple(vec![Value::Int(0), Value::Int(1), Value::Int(0), Value::str("alpha"), Value::Int(0)])),
        ],
    ) {
        m.set("implementation", imp);
    }
    if let Ok(info) = namespace(
        "int_info",
        &[
            ("bits_per_digit", Value::Int(30)),
            ("sizeof_digit", Value::Int(4)),
            ("default_max_str_digits", Value::Int(4300)),
            ("str_digits_check_threshold", Value::Int(640)),
        ],
    ) {
        m.set("int_info", info);
    }
    c.modules.set_str("sys", Value::Module(m));
    crate::io::install_builtins();
    c.modules.set_str("builtins", Value::Module(c.builtins.clone()));
}
