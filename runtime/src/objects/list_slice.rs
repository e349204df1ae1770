//! Slice assignment and deletion on lists: `a[i:j] = it`, `a[::2] = it`,
//! `del a[i:j]`.

use crate::error::{PyErr, PyResult};
use crate::objects::list::ListObj;
use crate::objects::list_items::Items;
use crate::objects::slice::SliceObj;
use crate::ops;
use crate::value::Value;

pub fn assign_slice(l: &ListObj, s: &SliceObj, value: Option<Value>) -> PyResult<()> {
    // A list of bools, ints or floats assigned into a list of the same
    // kind stays compact.
    let value = match value {
        Some(Value::List(src)) if l.is_compact() => match assign_compact(l, s, src.items_copy())? {
            Ok(()) => return Ok(()),
            Err(_) => Some(Value::List(src)),
        },
        other => other,
    };
    // Materialise the new items first: the source may be the list itself
    // and may run Python code.
    let new_items = match &value {
        Some(v) => Some(ops::collect(v)?),
        None => None,
    };
    l.with_mut(|items| {
        let idx = s.indices(items.len())?;
        match new_items {
            None => {
                if idx.step == 1 {
                    let start = idx.start as usize;
                    items.drain(start..start + idx.len);
                } else {
                    let mut drop: Vec<usize> = idx.positions().collect();
                    drop.sort_unstable();
                    let mut k = 0;
                    let mut i = 0;
                    items.retain(|_| {
                        let keep = !(k < drop.len() && drop[k] == i);
                        if !keep {
                            k += 1;
                        }
                        i += 1;
                        keep
                    });
                }
                Ok(())
            }
            Some(new) => {
                if idx.step == 1 {
                    let start = idx.start as usize;
                    let end = (start + idx.len).max(start);
                    items.splice(start..end, new);
                    Ok(())
                } else {
                    if new.len() != idx.len {
                        return Err(extended_size_error(new.len(), idx.len));
                    }
                    for (pos, v) in idx.positions().collect::<Vec<_>>().into_iter().zip(new) {
                        items[pos] = v;
                    }
                    Ok(())
                }
            }
        }
    })
}

/// `assign_slice` of `new` (a list's items, copied) when it is stored as
/// the same compact kind as `l`: Ok(Err(new)) when it is not.
fn assign_compact(l: &ListObj, s: &SliceObj, new: Items) -> PyResult<Result<(), Items>> {
    if matches!(new, Items::Values(_)) {
        return Ok(Err(new));
    }
    let len = l.len();
    let idx = s.indices(len)?;
    let positions: Option<Vec<usize>> = if idx.step == 1 {
        None
    } else {
        if new.len() != idx.len {
            return Err(extended_size_error(new.len(), idx.len));
        }
        Some(idx.positions().collect())
    };
    l.with_items_mut(|items| {
        // The list may have changed length since `indices`: give up on a
        // mismatch (the general path then does it under one lock).
        if items.len() != len {
            return Ok(Err(new));
        }
        let start = (idx.start.max(0) as usize).min(len);
        let end = (start + idx.len).min(len).max(start);
        Ok(items.assign_same(start, end, positions.as_deref(), new))
    })
}

/// The error for an extended slice assigned a sequence of another length.
fn extended_size_error(given: usize, wanted: usize) -> PyErr {
    PyErr::value_error(format!("attempt to assign sequence of size {given} to extended slice of size {wanted}"))
}
