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
    let mut step = resume_delegate(&it, Resume::Send(Value::None))?;
    loop {
        let v = match step {
            Step::Returned(r) => return Ok(r),
            Step::Yielded(v) => v,
        };
        let input = suspend(v)?;
        if let Resume::Throw(e) = &input {
            if e.is_instance(&ctx().exc.generator_exit) {
                match &it {
                    Value::Generator(g) => g.close()?,
                    _ => {
                        if let Some(close) = ops::getattr_opt(&it, "close")? {
                            ops::call(&close, CallArgs::positional_only(&[]))?;
                        }
                    }
                }
                if let Resume::Throw(e) = input {
                    return Err(e);
                }
            }
        }
        step = resume_delegate(&it, input)?;
    }
}

/// Resume the iterator a `yield from`/`await` delegates to: `Yielded`
/// passes a value out, `Returned` ends the delegation with its result.
pub fn resume_delegate(it: &Value, input: Resume) -> PyResult<Step> {
    if let Value::Generator(g) = it {
        return g.resume(input);
    }
    let input = match crate::objects::async_generator::step_native(it, input) {
        Ok(r) => return r,
        Err(input) => input,
    };
    let r = match input {
        Resume::Send(x) if x.is_none() => match it {
            Value::Instance(_) | Value::Native(_) => match ops::lookup_special(it, "__next__") {
                Some(f) => ops::call(&f, CallArgs::positional_only(std::slice::from_ref(it))),
                None => return ops::next(it).map(next_step),
            },
            _ => return ops::next(it).map(next_step),
        },
        Resume::Send(x) => ops::call_method(it, "send", &[x]),
        Resume::Throw(e) => match ops::getattr_opt(it, "throw")? {
            Some(t) => ops::call(&t, CallArgs::positional_only(&[e.exc().clone()])),
            None => return Err(e),
        },
    };
    match r {
        Ok(v) => Ok(Step::Yielded(v)),
        Err(e) if e.is_instance(&ctx().exc.stop_iteration) => Ok(Step::Returned(stop_value(&e))),
        Err(e) => Err(e),
    }
}

fn next_step(v: Option<Value>) -> Step {
    match v {
        Some(v) => Step::Yielded(v),
        None => Step::Returned(Value::None),
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
