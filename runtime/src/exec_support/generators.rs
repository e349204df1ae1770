//! `yield from` and `await`: delegating to a sub-iterator. The caller
//! supplies how to suspend its own generator (the interpreter and compiled
//! code keep different frame bookkeeping around a suspension).

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::generator::{Resume, Step};
use crate::ops;
use crate::value::Value;

use super::exceptions::stop_value;

/// `yield from src`: delegate until the sub-iterator returns; its return
/// value is the result.
pub fn yield_from(src: Value, suspend: &mut dyn FnMut(Value) -> PyResult<Resume>) -> PyResult<Value> {
    let it = match &src {
        Value::Generator(_) => src.clone(),
        _ => ops::iter(&src)?,
    };
    let mut step = match &it {
        Value::Generator(g) => g.resume(Resume::Send(Value::None))?,
        _ => match ops::next(&it)? {
            Some(v) => Step::Yielded(v),
            None => Step::Returned(Value::None),
        },
    };
    loop {
        let v = match step {
            Step::Returned(r) => return Ok(r),
            Step::Yielded(v) => v,
        };
        let input = suspend(v)?;
        step = match (&it, input) {
            (Value::Generator(g), Resume::Send(x)) => g.resume(Resume::Send(x))?,
            (Value::Generator(g), Resume::Throw(e)) => {
                if e.is_instance(&ctx().exc.generator_exit) {
                    g.close()?;
                    return Err(e);
                }
                g.resume(Resume::Throw(e))?
            }
            (_, Resume::Send(x)) => {
                if x.is_none() {
                    match ops::next(&it)? {
                        Some(v) => Step::Yielded(v),
                        None => Step::Returned(Value::None),
                    }
                } else {
                    match ops::call_method(&it, "send", &[x]) {
                        Ok(v) => Step::Yielded(v),
                        Err(e) if e.is_instance(&ctx().exc.stop_iteration) => Step::Returned(stop_value(&e)),
                        Err(e) => return Err(e),
                    }
                }
            }
            (_, Resume::Throw(e)) => match ops::getattr_opt(&it, "throw")? {
                Some(t) if !e.is_instance(&ctx().exc.generator_exit) => {
                    match ops::call(&t, CallArgs::positional_only(&[e.exc().clone()])) {
                        Ok(v) => Step::Yielded(v),
                        Err(e2) if e2.is_instance(&ctx().exc.stop_iteration) => Step::Returned(stop_value(&e2)),
                        Err(e2) => return Err(e2),
                    }
                }
                _ => return Err(e),
            },
        };
    }
}

/// The iterator `await aw` delegates to.
pub fn await_iterator(aw: &Value) -> PyResult<Value> {
    match aw {
        Value::Generator(_) => Ok(aw.clone()),
        _ => match ops::lookup_special(aw, "__await__") {
            Some(f) => ops::call(&f, CallArgs::positional_only(std::slice::from_ref(aw))),
            None => Err(PyErr::type_error(format!("'{}' object can't be awaited", ops::type_name(aw)))),
        },
    }
}
