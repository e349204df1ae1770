//! Argument handling shared by the `str`, `bytes` and `bytearray` method
//! tables: CPython's binding rules and messages for methods that take
//! keywords (Argument Clinic's), for positional-only methods, for the
//! `start`/`end` slice arguments of the search methods, and the size bound
//! that turns absurd results into `MemoryError` before anything is
//! allocated.

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::ops;
use crate::value::Value;

/// Largest str or bytes a method builds, in bytes. Past it the method
/// raises `MemoryError`, as CPython's allocator would fail, instead of
/// letting the allocation abort the process.
pub const MAX_BUILD: usize = isize::MAX as usize / 4;

/// `MemoryError` unless `bytes` can be allocated. A large request is tried
/// for real (and released) so that a refused allocation becomes an
/// exception rather than an abort.
pub fn check_alloc(bytes: usize) -> PyResult<()> {
    if bytes > MAX_BUILD {
        return Err(PyErr::memory_error());
    }
    if bytes >= 1 << 24 {
        let mut probe: Vec<u8> = Vec::new();
        probe.try_reserve_exact(bytes).map_err(|_| PyErr::memory_error())?;
    }
    Ok(())
}

/// `self` of a builtin method called through the type without arguments
/// (`str.upper()`).
pub fn receiver<'a>(a: &CallArgs<'a>, qualname: &str) -> PyResult<&'a Value> {
    a.positional()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("unbound method {qualname}() needs an argument")))
}

/// CPython's message for a method of `ty` applied to a foreign object.
pub fn descriptor_error(name: &str, ty: &str, v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "descriptor '{name}' for '{ty}' objects doesn't apply to a '{}' object",
        ops::type_name(v)
    ))
}

/// Positional-only arguments, `self` included in `min`/`max`. Keywords are
/// refused with the qualified name (`str.center() takes no keyword
/// arguments`); arity errors use the bare name, as CPython's do.
pub fn positional<'a>(a: &CallArgs<'a>, ty: &str, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if a.has_kwargs() {
        return Err(PyErr::type_error(format!("{ty}.{name}() takes no keyword arguments")));
    }
    if a.positional().is_empty() {
        return Err(PyErr::type_error(format!("unbound method {ty}.{name}() needs an argument")));
    }
    a.range_kw(name, min, max)
}

/// `self` and exactly `N - 1` positional arguments of a method CPython
/// declares with one or no parameters (`str.zfill() takes exactly one
/// argument (0 given)`).
pub fn exact<'a, const N: usize>(a: &CallArgs<'a>, ty: &str, name: &str) -> PyResult<[&'a Value; N]> {
    if a.positional().is_empty() {
        return Err(PyErr::type_error(format!("unbound method {ty}.{name}() needs an argument")));
    }
    if a.has_kwargs() {
        return Err(PyErr::type_error(format!("{ty}.{name}() takes no keyword arguments")));
    }
    let pos = a.positional();
    if pos.len() != N {
        return Err(crate::args::arity_error(&format!("{ty}.{name}"), N, N, pos.len(), true));
    }
    Ok(std::array::from_fn(|i| &pos[i]))
}

/// Binds the parameters after `self` of a method whose parameters may be
/// given by keyword (`split(sep=None, maxsplit=-1)`), with Argument
/// Clinic's messages. The first `posonly` parameters are positional-only.
pub fn bind<'a, const N: usize>(
    a: &CallArgs<'a>,
    ty: &str,
    fname: &str,
    names: [&str; N],
    posonly: usize,
) -> PyResult<(&'a Value, [Option<&'a Value>; N])> {
    let pos = a.positional();
    let Some((this, rest)) = pos.split_first() else {
        return Err(PyErr::type_error(format!("unbound method {ty}.{fname}() needs an argument")));
    };
    // Clinic counts keyword arguments too before matching any names.
    let given = rest.len() + a.kwnames.len();
    if given > N {
        let plural = if N == 1 { "" } else { "s" };
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most {N} argument{plural} ({given} given)"
        )));
    }
    let mut out: [Option<&'a Value>; N] = [None; N];
    for (slot, v) in out.iter_mut().zip(rest) {
        *slot = Some(v);
    }
    for (k, v) in a.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) if i < posonly => {
                return Err(PyErr::type_error(format!(
                    "{fname}() got some positional-only arguments passed as keyword arguments: '{k}'"
                )))
            }
            Some(i) if i < rest.len() => {
                return Err(PyErr::type_error(format!(
                    "argument for {fname}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(PyErr::type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    Ok((this, out))
}

/// A `start`/`end` argument of `find`, `count`, `startswith`...: `None`
/// means absent; huge values saturate, as CPython clamps them.
pub fn slice_index(v: Option<&Value>) -> PyResult<Option<i64>> {
    let Some(v) = v else { return Ok(None) };
    let int_like = match v {
        Value::None => return Ok(None),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => true,
        Value::Instance(_) => ops::lookup_special(v, "__index__").is_some(),
        _ => false,
    };
    if !int_like {
        return Err(PyErr::type_error(
            "slice indices must be integers or None or have an __index__ method",
        ));
    }
    match ops::index_value(v) {
        Ok(i) => Ok(Some(i)),
        Err(e) if e.is_instance(&ctx().exc.overflow_error) => {
            Ok(Some(if ops::is_negative(&ops::payload(v)) { i64::MIN } else { i64::MAX }))
        }
        Err(e) => Err(e),
    }
}

/// `maxsplit` / `count` arguments: negative means unlimited.
pub fn limit_arg(v: Option<&Value>) -> PyResult<usize> {
    match v {
        None => Ok(usize::MAX),
        Some(v) => {
            let n = ops::index_value(v)?;
            Ok(usize::try_from(n).unwrap_or(usize::MAX))
        }
    }
}

/// A C `int` argument (`expandtabs(tabsize)`), with CPython's overflow
/// messages.
pub fn c_int(v: &Value) -> PyResult<i32> {
    let n = match ops::index_value(v) {
        Ok(n) => n,
        Err(e) if e.is_instance(&ctx().exc.overflow_error) => {
            return Err(PyErr::overflow("Python int too large to convert to C int"))
        }
        Err(e) => return Err(e),
    };
    i32::try_from(n).map_err(|_| PyErr::overflow("Python int too large to convert to C int"))
}

/// How Argument Clinic's messages name the type of a bad argument: `None`
/// for None, the type name otherwise (`argument 1 must be str, not None`).
pub fn clinic_type_name(v: &Value) -> String {
    if v.is_none() {
        "None".to_owned()
    } else {
        ops::type_name(v)
    }
}

/// A `str` argument as a `&str`-holding value, or `None` if `v` is not a
/// str (nor an instance of a subclass).
pub fn as_str(v: &Value) -> Option<std::sync::Arc<crate::objects::str::StrObj>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        Value::Instance(_) => match ops::payload(v) {
            Value::Str(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Helpers for the unit tests of the str/bytes method tables: call a
/// method through the runtime and compare with what CPython prints.
#[cfg(test)]
pub(crate) mod testing {
    use crate::args::CallArgs;
    use crate::error::PyResult;
    use crate::objects::exception;
    use crate::ops;
    use crate::value::Value;

    /// The context, fully set up. `ctx()` may return while another test
    /// thread is still installing the method tables; `init()` waits for it.
    pub fn ready() -> &'static crate::context::Context {
        crate::context::init()
    }

    pub fn call(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
        ready();
        ops::call_method(obj, name, args)
    }

    pub fn call_kw(obj: &Value, name: &str, args: &[Value], kwargs: &[(&str, Value)]) -> PyResult<Value> {
        ready();
        let method = ops::getattr_str(obj, name)?;
        let mut all = args.to_vec();
        let mut names = Vec::new();
        for (k, v) in kwargs {
            all.push(v.clone());
            names.push(Value::str(k));
        }
        ops::call(&method, CallArgs::new(&all, &names))
    }

    /// `repr()` of a result, or `TypeName: message` for an exception.
    pub fn show(r: PyResult<Value>) -> String {
        match r {
            Ok(v) => ops::repr(&v).unwrap_or_else(|e| format!("repr failed: {e:?}")),
            Err(e) => format!(
                "{}: {}",
                exception::exc_type(e.exc()).name(),
                exception::exc_str(e.exc()).unwrap_or_default()
            ),
        }
    }

    #[track_caller]
    pub fn check(r: PyResult<Value>, want: &str) {
        assert_eq!(show(r), want);
    }

    pub fn s(text: &str) -> Value {
        ready();
        Value::str(text)
    }

    pub fn i(n: i64) -> Value {
        ready();
        Value::Int(n)
    }

    pub fn b(data: &[u8]) -> Value {
        ready();
        crate::objects::bytes_methods::bytes_value(data.to_vec())
    }

    pub fn ba(data: &[u8]) -> Value {
        ready();
        crate::objects::bytes_methods::bytearray_value(data.to_vec())
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        ready();
        Value::tuple(items)
    }

    pub fn list(items: Vec<Value>) -> Value {
        ready();
        Value::list(items)
    }

    pub fn dict(items: Vec<(Value, Value)>) -> Value {
        ready();
        let d = crate::objects::dict::DictObj::new();
        for (k, v) in items {
            d.set_item(k, v).expect("hashable test key");
        }
        Value::Dict(std::sync::Arc::new(d))
    }
}
