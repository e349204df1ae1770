//! `slice` objects and the index arithmetic of `slice.indices`.

use crate::error::{PyErr, PyResult};
use crate::ops;
use crate::value::Value;

pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// Normalised slice over a sequence of length `len`: (start, stop, step, count).
#[derive(Clone, Copy, Debug)]
pub struct SliceIndices {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

impl SliceIndices {
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(move |i| (self.start + i as i64 * self.step) as usize)
    }
}

fn bound(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        other => match ops::index_value(other) {
            Ok(i) => Ok(Some(i)),
            Err(e) if e.is_instance(&crate::context::ctx().exc.overflow_error) => {
                // Clamp huge bounds as CPython does.
                Ok(Some(if ops::is_negative(other) { i64::MIN / 2 } else { i64::MAX / 2 }))
            }
            Err(_) => Err(PyErr::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        },
    }
}

impl SliceObj {
    pub fn indices(&self, len: usize) -> PyResult<SliceIndices> {
        let step = match bound(&self.step)? {
            None => 1,
            Some(0) => return Err(PyErr::value_error("slice step cannot be zero")),
            Some(s) => s.max(-i64::MAX),
        };
        let n = len as i64;
        let (lower, upper) = if step < 0 { (-1, n - 1) } else { (0, n) };
        let fix = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(mut x) => {
                    if x < 0 {
                        x += n;
                        if x < lower {
                            x = lower;
                        }
                    } else if x > upper {
                        x = upper;
                    }
                    x
                }
            }
        };
        let start = fix(bound(&self.start)?, if step < 0 { upper } else { lower });
        let stop = fix(bound(&self.stop)?, if step < 0 { lower } else { upper });
        let count = if step < 0 {
            if stop < start { (start - stop - 1) / (-step) + 1 } else { 0 }
        } else if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        Ok(SliceIndices { start, stop, step, len: count as usize })
    }
}

fn indices_method(a: crate::args::CallArgs) -> PyResult<Value> {
    let [s, n] = a.exact::<2>("indices")?;
    let Value::Slice(sl) = s else {
        return Err(PyErr::type_error("descriptor 'indices' requires a 'slice' object"));
    };
    let len = ops::index_value(n)?;
    if len < 0 {
        return Err(PyErr::value_error("length should not be negative"));
    }
    let idx = sl.indices(len as usize)?;
    Ok(Value::tuple(vec![Value::Int(idx.start), Value::Int(idx.stop), Value::Int(idx.step)]))
}

pub fn init_type() {
    crate::context::ctx().types.slice.add_method("indices", indices_method);
}
