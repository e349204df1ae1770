//! Iterable unpacking: `a, *b = v` and `*v` in displays and calls.

use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::ops;
use crate::value::Value;

/// Unpack `v` into exactly `n` values (one of them a list when starred).
pub fn unpack(v: &Value, n: usize, star: Option<usize>) -> PyResult<Vec<Value>> {
    let items = match v {
        Value::Tuple(t) => t.items().to_vec(),
        Value::List(l) => l.to_vec(),
        _ => {
            let it = ops::iter(v).map_err(|e| {
                if e.is_instance(&ctx().exc.type_error) {
                    PyErr::type_error(format!("cannot unpack non-iterable {} object", ops::type_name(v)))
                } else {
                    e
                }
            })?;
            let mut out = Vec::new();
            while let Some(x) = ops::next(&it)? {
                out.push(x);
                if star.is_none() && out.len() > n {
                    break;
                }
            }
            out
        }
    };
    match star {
        None => {
            if items.len() < n {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                )));
            }
            if items.len() > n {
                return Err(PyErr::value_error(format!("too many values to unpack (expected {n})")));
            }
            Ok(items)
        }
        Some(s) => {
            let after = n - s - 1;
            if items.len() < n - 1 {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    n - 1,
                    items.len()
                )));
            }
            let mut items = items;
            let tail = items.split_off(items.len() - after);
            let middle = items.split_off(s);
            items.push(Value::list(middle));
            items.extend(tail);
            Ok(items)
        }
    }
}

/// `*v` in a list/tuple/set display or a call: append its items to `out`.
pub fn extend_star(out: &mut Vec<Value>, v: &Value) -> PyResult<()> {
    match ops::collect(v) {
        Ok(items) => {
            out.extend(items);
            Ok(())
        }
        Err(e) => Err(star_error(e, v)),
    }
}

fn star_error(e: PyErr, v: &Value) -> PyErr {
    if e.is_instance(&ctx().exc.type_error) && ops::iter(v).is_err() {
        return PyErr::type_error(format!("Value after * must be an iterable, not {}", ops::type_name(v)));
    }
    e
}
