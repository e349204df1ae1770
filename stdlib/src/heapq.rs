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

/// `a < b` when it needs no Python code (numbers, strs, and tuples of
/// them); `None` otherwise.
fn fast_lt(a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => Some(x < y),
        (Float(x), Float(y)) => Some(x < y),
        (Int(_) | Float(_) | Bool(_) | BigInt(_), Int(_) | Float(_) | Bool(_) | BigInt(_)) => {
            ops::compare_bool(a, b, CompareOp::Lt).ok()
        }
        (Str(x), Str(y)) => Some(x.as_str() < y.as_str()),
        (Tuple(x), Tuple(y)) => {
            for (p, q) in x.items().iter().zip(y.items()) {
                if !fast_eq(p, q)? {
                    return fast_lt(p, q);
                }
            }
            Some(x.len() < y.len())
        }
        _ => Option::None,
    }
}

fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => Some(x == y),
        (Str(x), Str(y)) => Some(x.as_str() == y.as_str()),
        (Int(_) | Float(_) | Bool(_) | BigInt(_), Int(_) | Float(_) | Bool(_) | BigInt(_)) => ops::eq(a, b).ok(),
        (None, None) => Some(true),
        (Tuple(x), Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.items().iter().zip(y.items()) {
                if !fast_eq(p, q)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        _ => Option::None,
    }
}

/// Where a sift stopped when it met items only Python code can compare.
enum Resume {
    /// Continue `sift_down(start, pos)`.
    Down(usize, usize),
    /// Continue `sift_up` at `pos`, the sift having begun at `start`.
    Up(usize, usize),
}

impl Heap {
    fn lt(&self, a: &Value, b: &Value) -> PyResult<bool> {
        if self.max {
            ops::compare_bool(b, a, CompareOp::Lt)
        } else {
            ops::compare_bool(a, b, CompareOp::Lt)
        }
    }

    fn fast(&self, a: &Value, b: &Value) -> Option<bool> {
        if self.max {
            fast_lt(b, a)
        } else {
            fast_lt(a, b)
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

    /// `sift_down` on the vector itself, under the list's lock.
    fn fast_down(&self, v: &mut [Value], start: usize, mut pos: usize) -> Result<(), Resume> {
        let item = v[pos].clone();
        while pos > start {
            let parent = (pos - 1) >> 1;
            match self.fast(&item, &v[parent]) {
                Some(true) => {
                    v[pos] = v[parent].clone();
                    pos = parent;
                }
                Some(false) => break,
                None => {
                    v[pos] = item;
                    return Err(Resume::Down(start, pos));
                }
            }
        }
        v[pos] = item;
        Ok(())
    }

    /// `sift_up` on the vector itself, under the list's lock.
    fn fast_up(&self, v: &mut [Value], start: usize, mut pos: usize) -> Result<(), Resume> {
        let end = v.len();
        let item = v[pos].clone();
        let mut child = 2 * pos + 1;
        while child < end {
            let right = child + 1;
            if right < end {
                match self.fast(&v[child], &v[right]) {
                    Some(true) => {}
                    Some(false) => child = right,
                    None => {
                        v[pos] = item;
                        return Err(Resume::Up(start, pos));
                    }
                }
            }
            v[pos] = v[child].clone();
            pos = child;
            child = 2 * pos + 1;
        }
        v[pos] = item;
        self.fast_down(v, start, pos)
    }

    /// Finish a sift the fast path gave up on, one slot at a time.
    fn resume(&self, r: Resume) -> PyResult<()> {
        match r {
            Resume::Down(start, pos) => self.sift_down(start, pos),
            Resume::Up(start, pos) => self.sift_up_from(start, pos),
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
    /// item there and sift it back towards `start`.
    fn sift_up_from(&self, start: usize, mut pos: usize) -> PyResult<()> {
        let end = self.list.len();
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

    fn run_up(&self, pos: usize) -> PyResult<()> {
        match self.list.with_mut(|v| if pos < v.len() { self.fast_up(v, pos, pos) } else { Ok(()) }) {
            Ok(()) => Ok(()),
            Err(r) => self.resume(r),
        }
    }

    fn push(&self, item: Value) -> PyResult<()> {
        let r = self.list.with_mut(|v| {
            v.push(item);
            let last = v.len() - 1;
            self.fast_down(v, 0, last)
        });
        match r {
            Ok(()) => Ok(()),
            Err(r) => self.resume(r),
        }
    }

    fn pop(&self) -> PyResult<Value> {
        let last = self.list.with_mut(|v| v.pop()).ok_or_else(|| PyErr::index_error("index out of range"))?;
        let top = self.list.with_mut(|v| v.first_mut().map(|slot| std::mem::replace(slot, last.clone())));
        let Some(top) = top else { return Ok(last) };
        self.run_up(0)?;
        Ok(top)
    }

    fn replace(&self, item: Value) -> PyResult<Value> {
        let top = self
            .list
            .with_mut(|v| v.first_mut().map(|slot| std::mem::replace(slot, item)))
            .ok_or_else(|| PyErr::index_error("index out of range"))?;
        self.run_up(0)?;
        Ok(top)
    }

    fn pushpop(&self, item: Value) -> PyResult<Value> {
        let Some(top) = self.list.get(0) else { return Ok(item) };
        if !self.lt(&top, &item)? {
            return Ok(item);
        }
        self.replace(item)
    }

    fn heapify(&self) -> PyResult<()> {
        let n = self.list.len();
        for i in (0..n / 2).rev() {
            self.run_up(i)?;
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
