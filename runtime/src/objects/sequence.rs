//! Algorithms shared by the sequence types: index bounds, sorting,
//! lexicographic comparison, repetition.

use crate::args::CallArgs;
use crate::error::{PyErr, PyResult};
use crate::ops::{self, CompareOp};
use crate::value::Value;

/// `start`/`stop` arguments of `index()`-style methods, clamped to 0..=len.
pub fn slice_bounds(start: Option<&Value>, stop: Option<&Value>, len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let norm = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = ops::index_value(v)?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
        }
    };
    Ok((norm(start, 0)? as usize, norm(stop, n)? as usize))
}

/// Normalise a possibly negative index; None when out of range.
#[inline]
pub fn normalize_index(i: i64, len: usize) -> Option<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        None
    } else {
        Some(j as usize)
    }
}

enum Keys {
    Ints(Vec<i64>),
    Floats(Vec<f64>),
    Strs(Vec<Value>),
    Any(Vec<Value>),
}

fn classify(keys: Vec<Value>) -> Keys {
    if keys.iter().all(|k| matches!(k, Value::Int(_))) {
        return Keys::Ints(keys.iter().map(|k| if let Value::Int(i) = k { *i } else { 0 }).collect());
    }
    if keys.iter().all(|k| matches!(k, Value::Float(f) if !f.is_nan())) {
        return Keys::Floats(keys.iter().map(|k| if let Value::Float(f) = k { *f } else { 0.0 }).collect());
    }
    if keys.iter().all(|k| matches!(k, Value::Str(_))) {
        return Keys::Strs(keys);
    }
    Keys::Any(keys)
}

/// Stable merge sort of `order` (indices) by `lt`, which may fail.
fn merge_sort(order: &mut [usize], lt: &mut dyn FnMut(usize, usize) -> PyResult<bool>) -> PyResult<()> {
    let n = order.len();
    // Insertion-sort runs of 16, then merge bottom-up.
    const RUN: usize = 16;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && lt(order[j], order[j - 1])? {
                order.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    let mut buf = order.to_vec();
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // Take from the right only when strictly smaller: stable.
                if lt(order[j], order[i])? {
                    buf[k] = order[j];
                    j += 1;
                } else {
                    buf[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&order[i..mid]);
            let k2 = k + (mid - i);
            buf[k2..k2 + (hi - j)].copy_from_slice(&order[j..hi]);
            lo = hi;
        }
        order.copy_from_slice(&buf);
        width *= 2;
    }
    Ok(())
}

/// Sort `items` as `list.sort(key=..., reverse=...)`. On error the original
/// items come back with it.
pub fn sort_values(
    mut items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> Result<Vec<Value>, (PyErr, Vec<Value>)> {
    if reverse {
        items.reverse();
    }
    let keys = match key {
        None => items.clone(),
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for it in &items {
                match ops::call(f, CallArgs::positional_only(std::slice::from_ref(it))) {
                    Ok(k) => ks.push(k),
                    Err(e) => {
                        if reverse {
                            items.reverse();
                        }
                        return Err((e, items));
                    }
                }
            }
            ks
        }
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    let result = match classify(keys) {
        Keys::Ints(k) => {
            order.sort_by_key(|&i| k[i]);
            Ok(())
        }
        Keys::Floats(k) => {
            order.sort_by(|&a, &b| k[a].partial_cmp(&k[b]).unwrap_or(std::cmp::Ordering::Equal));
            Ok(())
        }
        Keys::Strs(k) => {
            order.sort_by(|&a, &b| k[a].as_str().unwrap_or("").cmp(k[b].as_str().unwrap_or("")));
            Ok(())
        }
        Keys::Any(k) => merge_sort(&mut order, &mut |a, b| ops::compare_bool(&k[a], &k[b], CompareOp::Lt)),
    };
    if let Err(e) = result {
        if reverse {
            items.reverse();
        }
        return Err((e, items));
    }
    let mut slots: Vec<Option<Value>> = items.into_iter().map(Some).collect();
    let mut out: Vec<Value> = order.iter().map(|&i| slots[i].take().unwrap_or(Value::None)).collect();
    if reverse {
        out.reverse();
    }
    Ok(out)
}

/// Lexicographic rich comparison of two sequences, as list/tuple do it.
pub fn compare_seq(a: &[Value], b: &[Value], op: CompareOp) -> PyResult<bool> {
    let n = a.len().min(b.len());
    for i in 0..n {
        if a[i].is(&b[i]) {
            continue;
        }
        if !ops::eq(&a[i], &b[i])? {
            return match op {
                CompareOp::Eq => Ok(false),
                CompareOp::Ne => Ok(true),
                _ => ops::compare_bool(&a[i], &b[i], op),
            };
        }
    }
    Ok(match op {
        CompareOp::Eq => a.len() == b.len(),
        CompareOp::Ne => a.len() != b.len(),
        CompareOp::Lt => a.len() < b.len(),
        CompareOp::Le => a.len() <= b.len(),
        CompareOp::Gt => a.len() > b.len(),
        CompareOp::Ge => a.len() >= b.len(),
    })
}

/// `seq * n` with CPython's MemoryError for absurd sizes.
pub fn repeat<T: Clone>(items: &[T], n: i64) -> PyResult<Vec<T>> {
    if n <= 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    let total = (items.len() as u128) * (n as u128);
    if total > (isize::MAX as u128) / 16 {
        return Err(PyErr::memory_error());
    }
    let mut out = Vec::new();
    out.try_reserve(total as usize).map_err(|_| PyErr::memory_error())?;
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}
