//! The `bisect` module: binary search and insertion in sorted sequences.

use protopy_runtime::ops::{self, CompareOp};
use protopy_runtime::{CallArgs, PyErr, PyResult, Value};

use crate::util::params;

struct Search {
    seq: Value,
    x: Value,
    lo: i64,
    hi: Option<i64>,
    key: Option<Value>,
}

fn parse(a: &CallArgs, fname: &str) -> PyResult<Search> {
    let p = params(a, fname, &["a", "x", "lo", "hi", "key"], 2)?;
    if a.positional().len() > 4 {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most 4 positional arguments ({} given)",
            a.positional().len()
        )));
    }
    let lo = match &p[2] {
        Some(v) => ops::index_value(v)?,
        None => 0,
    };
    if lo < 0 {
        return Err(PyErr::value_error("lo must be non-negative"));
    }
    let hi = match &p[3] {
        Some(v) if !v.is_none() => Some(ops::index_value(v)?),
        _ => None,
    };
    Ok(Search {
        seq: p[0].clone().unwrap_or(Value::None),
        x: p[1].clone().unwrap_or(Value::None),
        lo,
        hi,
        key: crate::util::not_none(p[4].clone()),
    })
}

/// Where `x` goes in `seq[lo:hi]`: before equal items (`left`) or after.
fn position(s: &Search, x: &Value, left: bool) -> PyResult<i64> {
    let mut lo = s.lo;
    let mut hi = match s.hi {
        Some(h) => h,
        None => ops::len(&s.seq)? as i64,
    };
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mut item = ops::getitem(&s.seq, &Value::Int(mid))?;
        if let Some(k) = &s.key {
            item = ops::call1(k, item)?;
        }
        let go_right = if left {
            ops::compare_bool(&item, x, CompareOp::Lt)?
        } else {
            !ops::compare_bool(x, &item, CompareOp::Lt)?
        };
        if go_right {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

fn bisect_left(a: CallArgs) -> PyResult<Value> {
    let s = parse(&a, "bisect_left")?;
    position(&s, &s.x, true).map(Value::Int)
}

fn bisect_right(a: CallArgs) -> PyResult<Value> {
    let s = parse(&a, "bisect_right")?;
    position(&s, &s.x, false).map(Value::Int)
}

fn insort(a: &CallArgs, fname: &str, left: bool) -> PyResult<Value> {
    let s = parse(a, fname)?;
    let probe = match &s.key {
        Some(k) => ops::call1(k, s.x.clone())?,
        None => s.x.clone(),
    };
    let i = position(&s, &probe, left)?;
    if let Value::List(l) = &s.seq {
        l.with_mut(|items| {
            let at = (i as usize).min(items.len());
            items.insert(at, s.x.clone());
        });
    } else {
        ops::call_method(&s.seq, "insert", &[Value::Int(i), s.x.clone()])?;
    }
    Ok(Value::None)
}

fn insort_left(a: CallArgs) -> PyResult<Value> {
    insort(&a, "insort_left", true)
}

fn insort_right(a: CallArgs) -> PyResult<Value> {
    insort(&a, "insort_right", false)
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "bisect",
        &[
            ("bisect_left", bisect_left),
            ("bisect_right", bisect_right),
            ("bisect", bisect_right),
            ("insort_left", insort_left),
            ("insort_right", insort_right),
            ("insort", insort_right),
        ],
    );
    Ok(Value::Module(m))
}
