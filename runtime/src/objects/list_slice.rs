//! Slice assignment and deletion on lists: `a[i:j] = it`, `a[::2] = it`,
//! `del a[i:j]`.

use crate::error::{PyErr, PyResult};
use crate::objects::list::ListObj;
use crate::objects::slice::SliceObj;
use crate::ops;
use crate::value::Value;

pub fn assign_slice(l: &ListObj, s: &SliceObj, value: Option<Value>) -> PyResult<()> {
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
                        return Err(PyErr::value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new.len(),
                            idx.len
                        )));
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
