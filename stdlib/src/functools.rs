//! `_functools`: the native core of `functools` (`reduce`).

use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

/// `reduce(function, iterable[, initial])`.
fn reduce(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "reduce", 2, 3)?;
    let it = ops::iter(&pos[1]).map_err(|e| {
        if e.is_instance(&protopy_runtime::ctx().exc.type_error) {
            PyErr::type_error("reduce() arg 2 must support iteration")
        } else {
            e
        }
    })?;
    let mut acc = match pos.get(2) {
        Some(v) => v.clone(),
        None => match ops::next(&it)? {
            Some(v) => v,
            None => return Err(PyErr::type_error("reduce() of empty iterable with no initial value")),
        },
    };
    let f = &pos[0];
    while let Some(v) = ops::next(&it)? {
        acc = ops::call(f, CallArgs::positional_only(&[acc, v]))?;
    }
    Ok(acc)
}

pub fn module() -> PyResult<Value> {
    Ok(Value::Module(crate::util::new_module("_functools", &[("reduce", reduce)])))
}
