//! The builtin iterators: over lists, tuples, strings, ranges, dicts and
//! sets, and the lazy ones (`enumerate`, `zip`, `map`, `filter`,
//! `reversed`, `iter(callable, sentinel)`, the `__getitem__` protocol).
//! Position counters are atomic or locked briefly; the lock is never held
//! while Python code runs.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::sync::Mutex;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::list::ListObj;
use crate::objects::set::SetObj;
use crate::objects::str::StrObj;
use crate::objects::tuple::TupleObj;
use crate::ops;
use crate::value::Value;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

pub enum IterObj {
    List(Arc<ListObj>, AtomicUsize),
    ListReverse(Arc<ListObj>, Mutex<Option<usize>>),
    Tuple(Arc<TupleObj>, AtomicUsize),
    /// Byte offset of the next char.
    Str(Arc<StrObj>, Mutex<usize>),
    Bytes(Vec<u8>, AtomicUsize),
    /// start, step, length and how many were taken: `next` is one atomic
    /// step, and two threads sharing the iterator never get the same item.
    Range { start: i64, step: i64, len: usize, taken: AtomicUsize },
    Dict {
        dict: Arc<DictObj>,
        pos: Mutex<usize>,
        len: usize,
        kind: DictIterKind,
    },
    Set {
        set: Arc<SetObj>,
        pos: Mutex<usize>,
        len: usize,
    },
    /// A fixed snapshot (reversed dicts, sorted views...).
    Values(Vec<Value>, AtomicUsize),
    Enumerate(Value, Mutex<Value>),
    Zip(Vec<Value>, bool),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
    Callable(Value, Value, AtomicBool),
    /// Old-style iteration through `__getitem__` until IndexError.
    GetItem(Value, AtomicUsize, AtomicBool),
}

impl IterObj {
    pub fn type_name(&self) -> &'static str {
        match self {
            IterObj::List(..) => "list_iterator",
            IterObj::ListReverse(..) => "list_reverseiterator",
            IterObj::Tuple(..) => "tuple_iterator",
            IterObj::Str(s, _) if s.is_ascii() => "str_ascii_iterator",
            IterObj::Str(..) => "str_iterator",
            IterObj::Bytes(..) => "bytes_iterator",
            IterObj::Range { .. } => "range_iterator",
            IterObj::Dict { kind: DictIterKind::Keys, .. } => "dict_keyiterator",
            IterObj::Dict { kind: DictIterKind::Values, .. } => "dict_valueiterator",
            IterObj::Dict { kind: DictIterKind::Items, .. } => "dict_itemiterator",
            IterObj::Set { .. } => "set_iterator",
            IterObj::Values(..) => "iterator",
            IterObj::Enumerate(..) => "enumerate",
            IterObj::Zip(..) => "zip",
            IterObj::Map(..) => "map",
            IterObj::Filter(..) => "filter",
            IterObj::Callable(..) => "callable_iterator",
            IterObj::GetItem(..) => "iterator",
        }
    }

    pub fn new_dict(dict: Arc<DictObj>, kind: DictIterKind) -> IterObj {
        let len = dict.len();
        IterObj::Dict { dict, pos: Mutex::new(0), len, kind }
    }

    pub fn new_set(set: Arc<SetObj>) -> IterObj {
        let len = set.len();
        IterObj::Set { set, pos: Mutex::new(0), len }
    }

    pub fn new_range(start: i64, step: i64, len: usize) -> IterObj {
        IterObj::Range { start, step, len, taken: AtomicUsize::new(0) }
    }

    /// The next item, or `None` when exhausted.
    pub fn next(&self) -> PyResult<Option<Value>> {
        match self {
            IterObj::List(l, pos) => {
                let i = pos.fetch_add(1, Ordering::Relaxed);
                match l.get(i) {
                    Some(v) => Ok(Some(v)),
                    None => {
                        // Stay exhausted even if the list grows later.
                        pos.store(usize::MAX / 2, Ordering::Relaxed);
                        Ok(None)
                    }
                }
            }
            IterObj::ListReverse(l, pos) => {
                let mut p = pos.lock();
                match *p {
                    Some(i) if i < l.len() => {
                        *p = i.checked_sub(1);
                        Ok(l.get(i))
                    }
                    _ => {
                        *p = None;
                        Ok(None)
                    }
                }
            }
            IterObj::Tuple(t, pos) => {
                let i = pos.fetch_add(1, Ordering::Relaxed);
                Ok(t.items().get(i).cloned())
            }
            IterObj::Str(s, pos) => {
                let mut p = pos.lock();
                let rest = s.as_str().get(*p..).unwrap_or("");
                match rest.chars().next() {
                    Some(c) => {
                        *p += c.len_utf8();
                        Ok(Some(ops::char_value(c)))
                    }
                    None => Ok(None),
                }
            }
            IterObj::Bytes(b, pos) => {
                let i = pos.fetch_add(1, Ordering::Relaxed);
                Ok(b.get(i).map(|&x| Value::Int(x as i64)))
            }
            IterObj::Range { start, step, len, taken } => {
                let i = taken.fetch_add(1, Ordering::Relaxed);
                if i >= *len {
                    // Keep the count from ever wrapping around.
                    taken.store(*len, Ordering::Relaxed);
                    return Ok(None);
                }
                Ok(Some(Value::Int(crate::objects::range::RangeObj::item_of(*start, *step, i))))
            }
            IterObj::Dict { dict, pos, len, kind } => {
                let mut p = pos.lock();
                if dict.len() != *len {
                    *p = usize::MAX / 2;
                    return Err(PyErr::runtime_error("dictionary changed size during iteration"));
                }
                match dict.next_entry(*p) {
                    Some((i, k, v)) => {
                        *p = i + 1;
                        Ok(Some(match kind {
                            DictIterKind::Keys => k,
                            DictIterKind::Values => v,
                            DictIterKind::Items => Value::tuple(vec![k, v]),
                        }))
                    }
                    None => Ok(None),
                }
            }
            IterObj::Set { set, pos, len } => {
                let mut p = pos.lock();
                if set.len() != *len {
                    *p = usize::MAX / 2;
                    return Err(PyErr::runtime_error("Set changed size during iteration"));
                }
                match set.next_entry(*p) {
                    Some((i, k)) => {
                        *p = i + 1;
                        Ok(Some(k))
                    }
                    None => Ok(None),
                }
            }
            IterObj::Values(items, pos) => {
                let i = pos.fetch_add(1, Ordering::Relaxed);
                Ok(items.get(i).cloned())
            }
            IterObj::Enumerate(it, count) => {
                let Some(v) = ops::next(it)? else { return Ok(None) };
                let mut c = count.lock();
                let n = c.clone();
                *c = match &n {
                    Value::Int(i) if *i < i64::MAX => Value::Int(i + 1),
                    other => ops::add(other, &Value::Int(1))?,
                };
                Ok(Some(Value::tuple(vec![n, v])))
            }
            IterObj::Zip(iters, strict) => zip_next(iters, *strict),
            IterObj::Map(func, iters) => {
                let mut args = Vec::with_capacity(iters.len());
                for it in iters {
                    match ops::next(it)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                ops::call(func, CallArgs::positional_only(&args)).map(Some)
            }
            IterObj::Filter(func, it) => loop {
                let Some(v) = ops::next(it)? else { return Ok(None) };
                let keep = if func.is_none() {
                    ops::truthy(&v)?
                } else {
                    ops::truthy(&ops::call(func, CallArgs::positional_only(std::slice::from_ref(&v)))?)?
                };
                if keep {
                    return Ok(Some(v));
                }
            },
            IterObj::Callable(func, sentinel, done) => {
                if done.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                let v = ops::call(func, CallArgs::positional_only(&[]))?;
                if ops::eq(&v, sentinel)? {
                    done.store(true, Ordering::Relaxed);
                    return Ok(None);
                }
                Ok(Some(v))
            }
            IterObj::GetItem(seq, pos, done) => {
                if done.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                let i = pos.fetch_add(1, Ordering::Relaxed);
                match ops::getitem(seq, &Value::from_usize(i)) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.is_instance(&ctx().exc.index_error) || e.is_instance(&ctx().exc.stop_iteration) => {
                        done.store(true, Ordering::Relaxed);
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// `__length_hint__`, for preallocation.
    pub fn length_hint(&self) -> usize {
        match self {
            IterObj::List(l, p) => l.len().saturating_sub(p.load(Ordering::Relaxed)),
            IterObj::Tuple(t, p) => t.len().saturating_sub(p.load(Ordering::Relaxed)),
            IterObj::Range { len, taken, .. } => len.saturating_sub(taken.load(Ordering::Relaxed)),
            IterObj::Values(v, p) => v.len().saturating_sub(p.load(Ordering::Relaxed)),
            _ => 0,
        }
    }
}

fn zip_next(iters: &[Value], strict: bool) -> PyResult<Option<Value>> {
    if iters.is_empty() {
        return Ok(None);
    }
    let mut items = Vec::with_capacity(iters.len());
    for (i, it) in iters.iter().enumerate() {
        match ops::next(it)? {
            Some(v) => items.push(v),
            None => {
                if strict {
                    if i > 0 {
                        let s = if i == 1 { " " } else { "s 1-" };
                        let which = if i == 1 { String::new() } else { i.to_string() };
                        return Err(PyErr::value_error(format!(
                            "zip() argument {} is shorter than argument{s}{which}",
                            i + 1
                        )));
                    }
                    for (j, rest) in iters.iter().enumerate().skip(1) {
                        if ops::next(rest)?.is_some() {
                            let s = if j == 1 { " " } else { "s 1-" };
                            let which = if j == 1 { String::new() } else { j.to_string() };
                            return Err(PyErr::value_error(format!(
                                "zip() argument {} is longer than argument{s}{which}",
                                j + 1
                            )));
                        }
                    }
                }
                return Ok(None);
            }
        }
    }
    Ok(Some(Value::tuple(items)))
}
