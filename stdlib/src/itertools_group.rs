//! `itertools.groupby` and `itertools.tee`: iterators whose children share
//! state with a parent.

use std::any::Any;
use std::sync::Arc;

use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

use crate::itertools::{any_impl, make};
use crate::native_iter::{IterState, ReLock};
use crate::util::params;

// ---- groupby ------------------------------------------------------------------

/// What a `groupby` and the groups it hands out share.
struct GroupShared {
    it: Value,
    key: Option<Value>,
    /// Key of the current group (`None`: before the first item).
    target: Option<Value>,
    /// The item last read and its key.
    current: Option<(Value, Value)>,
    /// Bumped for each new group; an old group stops when it changes.
    generation: u64,
    exhausted: bool,
}

impl GroupShared {
    fn key_of(&self, v: &Value) -> PyResult<Value> {
        match &self.key {
            Some(f) => ops::call1(f, v.clone()),
            None => Ok(v.clone()),
        }
    }

    /// Read the next item; false at the end of the input.
    fn advance(&mut self) -> PyResult<bool> {
        if self.exhausted {
            return Ok(false);
        }
        match ops::next(&self.it)? {
            Some(v) => {
                let k = self.key_of(&v)?;
                self.current = Some((v, k));
                Ok(true)
            }
            None => {
                self.exhausted = true;
                self.current = None;
                Ok(false)
            }
        }
    }

    /// Whether the current item belongs to the target group.
    fn in_target(&self) -> PyResult<bool> {
        match (&self.current, &self.target) {
            (Some((_, k)), Some(t)) => ops::eq(k, t),
            _ => Ok(false),
        }
    }
}

struct GroupBy {
    shared: Arc<ReLock<GroupShared>>,
}

impl IterState for GroupBy {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let mut s = self.shared.lock()?;
        s.generation += 1;
        loop {
            if s.current.is_none() || s.in_target()? {
                if !s.advance()? {
                    return Ok(None);
                }
                if s.target.is_none() {
                    break;
                }
                continue;
            }
            break;
        }
        let key = match &s.current {
            Some((_, k)) => k.clone(),
            None => return Ok(None),
        };
        s.target = Some(key.clone());
        let grouper = Grouper { shared: self.shared.clone(), generation: s.generation, step_first: false, done: false };
        drop(s);
        Ok(Some(Value::tuple(vec![key, make("_grouper", grouper_new, grouper)])))
    }
    any_impl!();
}

struct Grouper {
    shared: Arc<ReLock<GroupShared>>,
    generation: u64,
    /// Whether the current item was already yielded (read the next first).
    step_first: bool,
    done: bool,
}

impl IterState for Grouper {
    fn next(&mut self) -> PyResult<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        let mut s = self.shared.lock()?;
        if s.generation != self.generation {
            self.done = true;
            return Ok(None);
        }
        if self.step_first && !s.advance()? {
            self.done = true;
            return Ok(None);
        }
        if !s.in_target()? {
            self.done = true;
            return Ok(None);
        }
        self.step_first = true;
        Ok(s.current.as_ref().map(|(v, _)| v.clone()))
    }
    any_impl!();
}

fn grouper_new(_a: CallArgs) -> PyResult<Value> {
    Err(PyErr::type_error("cannot create 'itertools._grouper' instances"))
}

pub fn groupby_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "groupby", &["iterable", "key"], 1)?;
    let it = ops::iter(p[0].as_ref().unwrap_or(&Value::None))?;
    let key = crate::util::not_none(p[1].clone());
    let shared = GroupShared { it, key, target: None, current: None, generation: 0, exhausted: false };
    Ok(make("groupby", groupby_new, GroupBy { shared: Arc::new(ReLock::new(shared)) }))
}

// ---- tee ----------------------------------------------------------------------

/// The buffer the copies made by `tee` read from.
struct TeeShared {
    it: Value,
    /// Items read but not yet seen by every copy; `buffer[0]` has absolute
    /// index `base`.
    buffer: std::collections::VecDeque<Value>,
    base: usize,
    /// Absolute position of each copy.
    positions: Vec<usize>,
}

struct Tee {
    shared: Arc<ReLock<TeeShared>>,
    slot: usize,
}

impl IterState for Tee {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let mut s = self.shared.lock()?;
        let pos = s.positions[self.slot];
        let v = if pos - s.base < s.buffer.len() {
            s.buffer[pos - s.base].clone()
        } else {
            match ops::next(&s.it.clone())? {
                Some(v) => {
                    s.buffer.push_back(v.clone());
                    v
                }
                None => return Ok(None),
            }
        };
        s.positions[self.slot] = pos + 1;
        // Drop what every copy has read.
        let min = s.positions.iter().copied().min().unwrap_or(0);
        while s.base < min && !s.buffer.is_empty() {
            s.buffer.pop_front();
            s.base += 1;
        }
        Ok(Some(v))
    }
    any_impl!();
}

fn tee_object_new(_a: CallArgs) -> PyResult<Value> {
    Err(PyErr::type_error("cannot create '_tee' instances"))
}

/// `tee(iterable, n=2)`.
pub fn tee(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "tee", 1, 2)?;
    let n = match pos.get(1) {
        Some(v) => ops::index_value(v)?,
        None => 2,
    };
    if n < 0 {
        return Err(PyErr::value_error("n must be >= 0"));
    }
    let it = ops::iter(&pos[0])?;
    let n = n as usize;
    let shared = Arc::new(ReLock::new(TeeShared {
        it,
        buffer: std::collections::VecDeque::new(),
        base: 0,
        positions: vec![0; n],
    }));
    let copies = (0..n).map(|slot| make("_tee", tee_object_new, Tee { shared: shared.clone(), slot })).collect();
    Ok(Value::tuple(copies))
}
