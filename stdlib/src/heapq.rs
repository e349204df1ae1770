//! `_heapq`: the binary-heap primitives of `heapq` on lists (min-heaps,
//! and the max-heap variants). The list's lock is never held while an
//! element's `__lt__` runs: each step reads and writes single slots, and a
//! list resized meanwhile is reported as CPython reports it.

use std::sync::Arc;

use protopy_runtime::objects::list::ListObj;
use protopy_runtime::ops::{self, CompareOp};
use protopy_runtime::{CallArgs, PyErr, PyResult, Value};

fn heap_arg(v: &Value, fname: &str) -> PyResult<Arc<ListObj>> {
    match ops::payload(v) {
        Value::List(l) => Ok(l),
        _ => Err(PyErr::type_error(format!("{fname}() argument 1 must be list, not {}", ops::type_name(v)))),
    }
}

/// A heap ordered by `<` (min-heap) or by `>` (max-heap).
struct Heap {
    list: Arc<ListObj>,
    max: bool,
}

impl Heap {
    fn lt(&self, a: &Value, b: &Value) -> PyResult<bool> {
        if self.max {
            ops::compare_bool(b, a, CompareOp::Lt)
        } else {
            ops::compare_bool(a, b, CompareOp::Lt)
        }
    }

    fn get(&self, i: usize) -> PyResult<Value> {
        self.list.get(i).ok_or_else(changed)
    }

    fn set(&self, i: usize, v: Value) -> PyResult<()> {
        if self.list.set(i, v) {
            Ok(())
        } else {
            Err(changed())
        }
    }

    /// Move the item at `pos` up towards `start` until its parent is not
    /// greater.
    fn sift_down(&self, start: usize, mut pos: usize) -> PyResult<()> {
        let size = self.list.len();
        let item = self.get(pos)?;
        while pos > start {
            let parent_pos = (pos - 1) >> 1;
            let parent = self.get(parent_pos)?;
            let less = self.lt(&item, &parent)?;
            if self.list.len() != size {
                return Err(changed());
            }
            if !less {
                break;
            }
            self.set(pos, parent)?;
            pos = parent_pos;
        }
        self.set(pos, item)
    }

    /// Move the smaller child up into `pos` until a leaf, then put the
    /// original item there and sift it back down.
    fn sift_up(&self, mut pos: usize) -> PyResult<()> {
        let end = self.list.len();
        let start = pos;
        let item = self.get(pos)?;
        let mut child = 2 * pos + 1;
        while child < end {
            let right = child + 1;
            if right < end {
                let (c, r) = (self.get(child)?, self.get(right)?);
                let less = self.lt(&c, &r)?;
                if self.list.len() != end {
                    return Err(changed());
                }
                if !less {
                    child = right;
                }
            }
            self.set(pos, self.get(child)?)?;
            pos = child;
            child = 2 * pos + 1;
        }
        self.set(pos, item)?;
        self.sift_down(start, pos)
    }

    fn push(&self, item: Value) -> PyResult<()> {
        self.list.push(item);
        self.sift_down(0, self.list.len() - 1)
    }

    fn pop(&self) -> PyResult<Value> {
        let last = self.list.with_mut(|v| v.pop()).ok_or_else(|| PyErr::index_error("index out of range"))?;
        if self.list.is_empty() {
            return Ok(last);
        }
        let top = self.get(0)?;
        self.set(0, last)?;
        self.sift_up(0)?;
        Ok(top)
    }

    fn replace(&self, item: Value) -> PyResult<Value> {
        let top = self.list.get(0).ok_or_else(|| PyErr::index_error("index out of range"))?;
        self.set(0, item)?;
        self.sift_up(0)?;
        Ok(top)
    }

    fn pushpop(&self, item: Value) -> PyResult<Value> {
        let Some(top) = self.list.get(0) else { return Ok(item) };
        if !self.lt(&top, &item)? {
            return Ok(item);
        }
        let top = self.get(0)?;
        self.set(0, item)?;
        self.sift_up(0)?;
        Ok(top)
    }

    fn heapify(&self) -> PyResult<()> {
        let n = self.list.len();
        for i in (0..n / 2).rev() {
            self.sift_up(i)?;
        }
        Ok(())
    }
}

fn changed() -> PyErr {
    PyErr::runtime_error("list changed size during iteration")
}

fn heap_of(v: &Value, max: bool, fname: &str) -> PyResult<Heap> {
    Ok(Heap { list: heap_arg(v, fname)?, max })
}

fn two<'a>(a: &CallArgs<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    let pos = crate::util::expect_args(a, name, 2, 2)?;
    Ok((&pos[0], &pos[1]))
}

fn one<'a>(a: &CallArgs<'a>, name: &str) -> PyResult<&'a Value> {
    let pos = a.positional();
    a.no_kwargs(name)?;
    if pos.len() != 1 {
        return Err(protopy_runtime::args::arity_error_fn(name, 1, 1, pos.len()));
    }
    Ok(&pos[0])
}

macro_rules! variants {
    ($($push:ident, $pop:ident, $replace:ident, $pushpop:ident, $heapify:ident: $max:expr, $sfx:literal;)*) => {
        $(
            fn $push(a: CallArgs) -> PyResult<Value> {
                let (h, item) = two(&a, concat!("heappush", $sfx))?;
                heap_of(h, $max, concat!("heappush", $sfx))?.push(item.clone())?;
                Ok(Value::None)
            }
            fn $pop(a: CallArgs) -> PyResult<Value> {
                heap_of(one(&a, concat!("heappop", $sfx))?, $max, concat!("heappop", $sfx))?.pop()
            }
            fn $replace(a: CallArgs) -> PyResult<Value> {
                let (h, item) = two(&a, concat!("heapreplace", $sfx))?;
                heap_of(h, $max, concat!("heapreplace", $sfx))?.replace(item.clone())
            }
            fn $pushpop(a: CallArgs) -> PyResult<Value> {
                let (h, item) = two(&a, concat!("heappushpop", $sfx))?;
                heap_of(h, $max, concat!("heappushpop", $sfx))?.pushpop(item.clone())
            }
            fn $heapify(a: CallArgs) -> PyResult<Value> {
                heap_of(one(&a, concat!("heapify", $sfx))?, $max, concat!("heapify", $sfx))?.heapify()?;
                Ok(Value::None)
            }
        )*
    };
}

variants! {
    heappush, heappop, heapreplace, heappushpop, heapify: false, "";
    heappush_max, heappop_max, heapreplace_max, heappushpop_max, heapify_max: true, "_max";
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "_heapq",
        &[
            ("heappush", heappush),
            ("heappop", heappop),
            ("heapreplace", heapreplace),
            ("heappushpop", heappushpop),
            ("heapify", heapify),
            ("heappush_max", heappush_max),
            ("heappop_max", heappop_max),
            ("heapreplace_max", heapreplace_max),
            ("heappushpop_max", heappushpop_max),
            ("heapify_max", heapify_max),
        ],
    );
    Ok(Value::Module(m))
}
