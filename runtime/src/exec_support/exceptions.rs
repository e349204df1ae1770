//! `raise` and `except` clauses.

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::exception;
use crate::ops;
use crate::process;
use crate::value::Value;

/// Whether `exc` matches the class (or tuple of classes) of an except clause.
pub fn exception_matches(exc: &Value, t: &Value) -> PyResult<bool> {
    match t {
        Value::Type(ty) if ty.is_exception => Ok(ops::type_of(exc).is_subtype(ty)),
        Value::Tuple(items) => {
            for i in items.items() {
                if exception_matches(exc, i)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}

/// The exception instance `raise v` raises (instantiating a class).
pub fn make_exception(v: &Value, is_cause: bool) -> PyResult<Value> {
    match v {
        Value::Type(t) if t.is_exception => {
            let inst = ops::call(v, CallArgs::positional_only(&[]))?;
            if !exception::is_exception(&inst) {
                return Err(PyErr::type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    ops::repr(v)?,
                    ops::type_name(&inst)
                )));
            }
            Ok(inst)
        }
        _ if exception::is_exception(v) => Ok(v.clone()),
        _ => Err(PyErr::type_error(if is_cause {
            "exception causes must derive from BaseException"
        } else {
            "exceptions must derive from BaseException"
        })),
    }
}

/// The error `raise exc from cause` raises; `exc` None is a bare `raise`
/// (the exception being handled). `cause` is `Some(None)` for `from None`.
pub fn raise_error(exc: Option<Value>, cause: Option<Value>) -> PyErr {
    let r = (|| -> PyResult<PyErr> {
        let Some(v) = exc else {
            return Ok(match process::current_handled() {
                Some(e) => PyErr::from_exception(e),
                None => PyErr::runtime_error("No active exception to reraise"),
            });
        };
        let inst = make_exception(&v, false)?;
        if let Some(cv) = cause {
            let cause_inst = if cv.is_none() { Value::None } else { make_exception(&cv, true)? };
            exception::set_cause(&inst, cause_inst);
        }
        if let Some(ctx_exc) = process::current_handled() {
            exception::set_context(&inst, ctx_exc);
        }
        Ok(PyErr::from_exception(inst))
    })();
    match r {
        Ok(e) | Err(e) => e,
    }
}

/// The value a StopIteration carries.
pub fn stop_value(e: &PyErr) -> Value {
    exception::args_of(e.exc()).into_iter().next().unwrap_or(Value::None)
}

/// The error an `except` body ended with gets the handled one as context.
pub fn chain_context(e: PyErr, handled: &Value) -> PyErr {
    if !e.exc().is(handled) {
        exception::set_context(e.exc(), handled.clone());
    }
    e
}

/// `except*`: split the exceptions of `exc` (a group or one exception) into
/// those matching `t` and the rest. Returns the matched ones as the group a
/// handler binds, or None.
pub fn split_group(exc: &Value, rest: &mut Vec<Value>, t: &Value) -> PyResult<Option<Value>> {
    let c = ctx();
    let mut matched = Vec::new();
    let mut kept = Vec::new();
    for x in std::mem::take(rest) {
        if exception_matches(&x, t)? {
            matched.push(x);
        } else {
            kept.push(x);
        }
    }
    *rest = kept;
    if matched.is_empty() {
        return Ok(None);
    }
    let is_group = ops::type_of(exc).is_subtype(&c.exc.base_exception_group);
    if is_group {
        return Ok(Some(ops::call_method(exc, "derive", &[Value::list(matched)])?));
    }
    let message = Value::str("");
    let group = ops::call(
        &Value::Type(c.exc.exception_group.clone()),
        CallArgs::positional_only(&[message.clone(), Value::list(matched.clone())]),
    )
    .or_else(|_| {
        ops::call(
            &Value::Type(c.exc.base_exception_group.clone()),
            CallArgs::positional_only(&[message, Value::list(matched)]),
        )
    })?;
    Ok(Some(group))
}

/// The exceptions of a group, or the one exception, for `except*`.
pub fn group_members(exc: &Value) -> PyResult<Vec<Value>> {
    let c = ctx();
    if ops::type_of(exc).is_subtype(&c.exc.base_exception_group) {
        return match exception::args_of(exc).get(1) {
            Some(v) => ops::collect(v),
            None => Ok(Vec::new()),
        };
    }
    Ok(vec![exc.clone()])
}

/// What `except*` re-raises for the exceptions no handler took.
pub fn group_rest(exc: &Value, rest: Vec<Value>, original: PyErr) -> PyResult<()> {
    if rest.is_empty() {
        return Ok(());
    }
    if !ops::type_of(exc).is_subtype(&ctx().exc.base_exception_group) {
        return Err(original);
    }
    let remaining = ops::call_method(exc, "derive", &[Value::list(rest)])?;
    Err(PyErr::from_exception(remaining))
}
