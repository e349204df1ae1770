//! `collections.deque`: a double-ended queue over a `VecDeque`, with an
//! optional maximum length. Python code (an element's `__eq__`) never runs
//! under the deque's lock: searches work on a snapshot, and a change made
//! meanwhile is reported as CPython reports it.

use std::any::Any;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use protopy_runtime::objects::native::{downcast, NativeObject};
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::ops::{self, CompareOp};
use protopy_runtime::{CallArgs, PyErr, PyResult, Value};

use crate::util::params;

pub struct Deque {
    items: Mutex<VecDeque<Value>>,
    /// `usize::MAX` for none; `__init__` of a subclass instance sets it.
    maxlen_raw: AtomicUsize,
    /// Bumped on every change, so iterators notice mutation.
    state: AtomicU64,
}

pub fn deque_type() -> Arc<TypeObj> {
    crate::native_iter::registered("collections", "deque", make_type)
}

impl Deque {
    fn new(items: VecDeque<Value>, maxlen: Option<usize>) -> Deque {
        let maxlen_raw = AtomicUsize::new(maxlen.unwrap_or(usize::MAX));
        Deque { items: Mutex::new(items), maxlen_raw, state: AtomicU64::new(0) }
    }

    fn maxlen(&self) -> Option<usize> {
        match self.maxlen_raw.load(Ordering::Relaxed) {
            usize::MAX => None,
            m => Some(m),
        }
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.lock().iter().cloned().collect()
    }

    fn changed(&self) {
        self.state.fetch_add(1, Ordering::Relaxed);
    }

    fn push_back(&self, v: Value) {
        let mut d = self.items.lock();
        if self.maxlen() == Some(0) {
            return;
        }
        if self.maxlen().is_some_and(|m| d.len() >= m) {
            d.pop_front();
        }
        d.push_back(v);
        drop(d);
        self.changed();
    }

    fn push_front(&self, v: Value) {
        let mut d = self.items.lock();
        if self.maxlen() == Some(0) {
            return;
        }
        if self.maxlen().is_some_and(|m| d.len() >= m) {
            d.pop_back();
        }
        d.push_front(v);
        drop(d);
        self.changed();
    }

    fn repr_string(&self, name: &str) -> PyResult<String> {
        let items = Value::list(self.snapshot());
        let inner = ops::repr(&items)?;
        Ok(match self.maxlen() {
            Some(m) => format!("{name}({inner}, maxlen={m})"),
            None => format!("{name}({inner})"),
        })
    }
}

fn this(v: &Value) -> PyResult<&Deque> {
    downcast::<Deque>(v).ok_or_else(|| {
        PyErr::type_error(format!("descriptor requires a 'collections.deque' object but received a '{}'", ops::type_name(v)))
    })
}

fn new_value(d: Deque) -> Value {
    Value::native(d)
}

impl NativeObject for Deque {
    fn type_obj(&self) -> Arc<TypeObj> {
        deque_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "maxlen" => Some(Ok(self.maxlen().map(Value::from_usize).unwrap_or(Value::None))),
            _ => None,
        }
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(self.repr_string("deque"))
    }
    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(iterator(this, false)))
    }
    fn hash(&self) -> Option<PyResult<i64>> {
        Some(Err(PyErr::type_error("unhashable type: 'collections.deque'")))
    }
    fn eq(&self, other: &Value) -> Option<PyResult<bool>> {
        let o = downcast::<Deque>(other)?;
        Some(compare_deques(self, o, CompareOp::Eq).and_then(|v| ops::truthy(&v)))
    }
    fn len(&self) -> Option<PyResult<usize>> {
        Some(Ok(self.items.lock().len()))
    }
    fn getitem(&self, key: &Value) -> Option<PyResult<Value>> {
        let n = self.items.lock().len();
        Some(index_arg(key, n).and_then(|i| {
            self.items.lock().get(i).cloned().ok_or_else(|| PyErr::index_error("deque index out of range"))
        }))
    }
    fn contains(&self, item: &Value) -> Option<PyResult<bool>> {
        Some((|| {
            for v in self.snapshot() {
                if ops::eq(&v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        })())
    }
}

/// A subscript as a position in a deque of length `n`.
fn index_arg(key: &Value, n: usize) -> PyResult<usize> {
    let i = match key {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => ops::index_value(key).unwrap_or(i64::MAX),
        Value::Instance(_) if ops::lookup_special(key, "__index__").is_some() => ops::index_value(key)?,
        _ => {
            return Err(PyErr::type_error(format!(
                "sequence index must be integer, not '{}'",
                ops::type_name(key)
            )))
        }
    };
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(PyErr::index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn compare_deques(a: &Deque, b: &Deque, op: CompareOp) -> PyResult<Value> {
    let (x, y) = (Value::list(a.snapshot()), Value::list(b.snapshot()));
    ops::compare(&x, &y, op)
}

// ---- iteration -----------------------------------------------------------------

struct DequeIter {
    deque: Value,
    index: usize,
    state: u64,
    reverse: bool,
}

impl crate::native_iter::IterState for DequeIter {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let d = this(&self.deque)?;
        if d.state.load(Ordering::Relaxed) != self.state {
            return Err(PyErr::runtime_error("deque mutated during iteration"));
        }
        let items = d.items.lock();
        if self.index >= items.len() {
            return Ok(None);
        }
        let i = if self.reverse { items.len() - 1 - self.index } else { self.index };
        self.index += 1;
        Ok(items.get(i).cloned())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn iterator(this_v: &Value, reverse: bool) -> Value {
    let state = downcast::<Deque>(this_v).map(|d| d.state.load(Ordering::Relaxed)).unwrap_or(0);
    let name = if reverse { "_deque_reverse_iterator" } else { "_deque_iterator" };
    let ty = crate::native_iter::iter_class("collections", name, None);
    crate::native_iter::NativeIter::new_value(ty, "collections", DequeIter { deque: this_v.clone(), index: 0, state, reverse })
}

// ---- construction --------------------------------------------------------------

fn maxlen_arg(v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(Value::None) => Ok(None),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            let m = ops::index_value(v)?;
            if m < 0 {
                return Err(PyErr::value_error("maxlen must be non-negative"));
            }
            Ok(Some(m as usize))
        }
        Some(_) => Err(PyErr::type_error("an integer is required")),
    }
}

fn deque_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "deque", &["iterable", "maxlen"], 0)?;
    let maxlen = maxlen_arg(p[1].as_ref())?;
    let d = Deque::new(VecDeque::new(), maxlen);
    if let Some(src) = &p[0] {
        for v in ops::collect(src)? {
            d.push_back(v);
        }
    }
    Ok(new_value(d))
}

/// `deque.__init__(iterable=(), maxlen=None)`: (re)fills the deque; a
/// subclass instance's deque is made empty and filled here.
fn deque_init(a: CallArgs) -> PyResult<Value> {
    let Some((s, rest)) = a.args.split_first() else {
        return Err(PyErr::type_error("descriptor '__init__' of 'collections.deque' object needs an argument"));
    };
    let d = this(s)?;
    let p = params(&CallArgs::new(rest, a.kwnames), "deque", &["iterable", "maxlen"], 0)?;
    let maxlen = maxlen_arg(p[1].as_ref())?;
    let items = match &p[0] {
        Some(src) => ops::collect(src)?,
        None => Vec::new(),
    };
    d.items.lock().clear();
    d.maxlen_raw.store(maxlen.unwrap_or(usize::MAX), Ordering::Relaxed);
    d.changed();
    for v in items {
        d.push_back(v);
    }
    Ok(Value::None)
}

// ---- methods -----------------------------------------------------------------

fn one_arg<'a>(a: &CallArgs<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    let [s, v] = a.exact::<2>(&format!("deque.{name}"))?;
    Ok((s, v))
}

fn no_arg<'a>(a: &CallArgs<'a>, name: &str) -> PyResult<&'a Deque> {
    let [s] = a.exact::<1>(&format!("deque.{name}"))?;
    this(s)
}

fn append(a: CallArgs) -> PyResult<Value> {
    let (s, v) = one_arg(&a, "append")?;
    this(s)?.push_back(v.clone());
    Ok(Value::None)
}

fn appendleft(a: CallArgs) -> PyResult<Value> {
    let (s, v) = one_arg(&a, "appendleft")?;
    this(s)?.push_front(v.clone());
    Ok(Value::None)
}

fn pop(a: CallArgs) -> PyResult<Value> {
    let d = no_arg(&a, "pop")?;
    let v = d.items.lock().pop_back();
    d.changed();
    v.ok_or_else(|| PyErr::index_error("pop from an empty deque"))
}

fn popleft(a: CallArgs) -> PyResult<Value> {
    let d = no_arg(&a, "popleft")?;
    let v = d.items.lock().pop_front();
    d.changed();
    v.ok_or_else(|| PyErr::index_error("pop from an empty deque"))
}

fn extend(a: CallArgs) -> PyResult<Value> {
    let (s, src) = one_arg(&a, "extend")?;
    let d = this(s)?;
    for v in ops::collect(src)? {
        d.push_back(v);
    }
    Ok(Value::None)
}

fn extendleft(a: CallArgs) -> PyResult<Value> {
    let (s, src) = one_arg(&a, "extendleft")?;
    let d = this(s)?;
    for v in ops::collect(src)? {
        d.push_front(v);
    }
    Ok(Value::None)
}

fn clear(a: CallArgs) -> PyResult<Value> {
    let d = no_arg(&a, "clear")?;
    let old = std::mem::take(&mut *d.items.lock());
    d.changed();
    drop(old);
    Ok(Value::None)
}

fn copy(a: CallArgs) -> PyResult<Value> {
    let d = no_arg(&a, "copy")?;
    if let Value::Instance(_) = &a.args[0] {
        // A subclass makes its copies through its own constructor.
        let mut args = vec![Value::list(d.snapshot())];
        args.extend(d.maxlen().map(Value::from_usize));
        return ops::call(&Value::Type(ops::type_of(&a.args[0])), CallArgs::positional_only(&args));
    }
    let items = d.items.lock().clone();
    Ok(new_value(Deque::new(items, d.maxlen())))
}

fn count(a: CallArgs) -> PyResult<Value> {
    let (s, x) = one_arg(&a, "count")?;
    let d = this(s)?;
    let state = d.state.load(Ordering::Relaxed);
    let mut n = 0;
    for v in d.snapshot() {
        if ops::eq(&v, x)? {
            n += 1;
        }
        if d.state.load(Ordering::Relaxed) != state {
            return Err(PyErr::runtime_error("deque mutated during iteration"));
        }
    }
    Ok(Value::Int(n))
}

/// Clamp a start/stop argument of `index` to `0..=n`.
fn clamp(v: Option<&Value>, n: usize, default: usize) -> PyResult<usize> {
    let Some(v) = v else { return Ok(default) };
    let i = ops::index_value(v)?;
    Ok(if i < 0 { (i + n as i64).max(0) as usize } else { (i as usize).min(n) })
}

fn index(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("index")?;
    let pos = a.positional();
    if pos.len() < 2 || pos.len() > 4 {
        return Err(protopy_runtime::args::arity_error("index", 2, 4, pos.len(), true));
    }
    let d = this(&pos[0])?;
    let items = d.snapshot();
    let start = clamp(pos.get(2), items.len(), 0)?;
    let stop = clamp(pos.get(3), items.len(), items.len())?;
    let state = d.state.load(Ordering::Relaxed);
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
        if ops::eq(v, &pos[1])? {
            return Ok(Value::from_usize(i));
        }
        if d.state.load(Ordering::Relaxed) != state {
            return Err(PyErr::runtime_error("deque mutated during iteration"));
        }
    }
    Err(PyErr::value_error(format!("{} is not in deque", ops::repr(&pos[1])?)))
}

fn insert(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "insert", 3, 3).map_err(|_| {
        PyErr::type_error(format!("insert expected 2 arguments, got {}", a.positional().len().saturating_sub(1)))
    })?;
    let d = this(&pos[0])?;
    let i = ops::index_value(&pos[1])?;
    let mut items = d.items.lock();
    if d.maxlen().is_some_and(|m| items.len() >= m) {
        return Err(PyErr::index_error("deque already at its maximum size"));
    }
    let n = items.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    items.insert(at, pos[2].clone());
    drop(items);
    d.changed();
    Ok(Value::None)
}

fn remove(a: CallArgs) -> PyResult<Value> {
    let (s, x) = one_arg(&a, "remove")?;
    let d = this(s)?;
    let state = d.state.load(Ordering::Relaxed);
    for (i, v) in d.snapshot().iter().enumerate() {
        if ops::eq(v, x)? {
            if d.state.load(Ordering::Relaxed) != state {
                return Err(PyErr::index_error("deque mutated during remove()."));
            }
            d.items.lock().remove(i);
            d.changed();
            return Ok(Value::None);
        }
    }
    Err(PyErr::value_error(format!("{} is not in deque", ops::repr(x)?)))
}

fn reverse(a: CallArgs) -> PyResult<Value> {
    let d = no_arg(&a, "reverse")?;
    d.items.lock().make_contiguous().reverse();
    d.changed();
    Ok(Value::None)
}

fn rotate(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "rotate", 1, 2)?;
    let d = this(&pos[0])?;
    let n = match pos.get(1) {
        Some(v) => ops::index_value(v)?,
        None => 1,
    };
    let mut items = d.items.lock();
    let len = items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    drop(items);
    d.changed();
    Ok(Value::None)
}

fn reversed(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__reversed__")?;
    this(s)?;
    Ok(iterator(s, true))
}

fn setitem(a: CallArgs) -> PyResult<Value> {
    let [s, k, v] = a.exact::<3>("__setitem__")?;
    let d = this(s)?;
    let n = d.items.lock().len();
    let i = index_arg(k, n)?;
    let mut items = d.items.lock();
    match items.get_mut(i) {
        Some(slot) => *slot = v.clone(),
        None => return Err(PyErr::index_error("deque index out of range")),
    }
    Ok(Value::None)
}

fn delitem(a: CallArgs) -> PyResult<Value> {
    let [s, k] = a.exact::<2>("__delitem__")?;
    let d = this(s)?;
    let n = d.items.lock().len();
    let i = index_arg(k, n)?;
    if d.items.lock().remove(i).is_none() {
        return Err(PyErr::index_error("deque index out of range"));
    }
    d.changed();
    Ok(Value::None)
}

fn add(a: CallArgs) -> PyResult<Value> {
    let [s, o] = a.exact::<2>("__add__")?;
    let d = this(s)?;
    let Some(other) = downcast::<Deque>(o) else {
        return Err(PyErr::type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            ops::type_name(o)
        )));
    };
    let out = Deque::new(VecDeque::new(), d.maxlen());
    for v in d.snapshot().into_iter().chain(other.snapshot()) {
        out.push_back(v);
    }
    Ok(new_value(out))
}

fn iadd(a: CallArgs) -> PyResult<Value> {
    let [s, o] = a.exact::<2>("__iadd__")?;
    let d = this(s)?;
    for v in ops::collect(o)? {
        d.push_back(v);
    }
    Ok(s.clone())
}

fn repeat_items(d: &Deque, n: &Value) -> PyResult<Vec<Value>> {
    let n = ops::index_value(n)?;
    let items = d.snapshot();
    if n <= 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    let total = (items.len() as u128) * (n as u128);
    if total > (1u128 << 32) {
        return Err(PyErr::memory_error());
    }
    let mut out = Vec::with_capacity(total as usize);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(out)
}

fn mul(a: CallArgs) -> PyResult<Value> {
    let [s, n] = a.exact::<2>("__mul__")?;
    let d = this(s)?;
    if !matches!(n, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) {
        return Ok(Value::NotImplemented);
    }
    let out = Deque::new(VecDeque::new(), d.maxlen());
    for v in repeat_items(d, n)? {
        out.push_back(v);
    }
    Ok(new_value(out))
}

fn imul(a: CallArgs) -> PyResult<Value> {
    let [s, n] = a.exact::<2>("__imul__")?;
    let d = this(s)?;
    let items = repeat_items(d, n)?;
    d.items.lock().clear();
    for v in items {
        d.push_back(v);
    }
    d.changed();
    Ok(s.clone())
}

fn richcompare(a: &CallArgs, op: CompareOp) -> PyResult<Value> {
    let [s, o] = a.exact::<2>(op.dunder())?;
    let d = this(s)?;
    match downcast::<Deque>(o) {
        Some(other) => compare_deques(d, other, op),
        None => Ok(Value::NotImplemented),
    }
}

fn lt(a: CallArgs) -> PyResult<Value> {
    richcompare(&a, CompareOp::Lt)
}
fn le(a: CallArgs) -> PyResult<Value> {
    richcompare(&a, CompareOp::Le)
}
fn gt(a: CallArgs) -> PyResult<Value> {
    richcompare(&a, CompareOp::Gt)
}
fn ge(a: CallArgs) -> PyResult<Value> {
    richcompare(&a, CompareOp::Ge)
}
fn eq(a: CallArgs) -> PyResult<Value> {
    richcompare(&a, CompareOp::Eq)
}
fn ne(a: CallArgs) -> PyResult<Value> {
    richcompare(&a, CompareOp::Ne)
}

/// `(type, () or ((), maxlen), __dict__ or None, iterator)`: how `copy`
/// and `pickle` rebuild a deque (the items are appended one by one).
fn reduce(a: CallArgs) -> PyResult<Value> {
    let d = no_arg(&a, "__reduce__")?;
    let me = &a.args[0];
    let args = match d.maxlen() {
        None => Value::tuple(Vec::new()),
        Some(m) => Value::tuple(vec![Value::tuple(Vec::new()), Value::from_usize(m)]),
    };
    let state = match me {
        Value::Instance(i) if !i.dict.is_empty() => ops::getattr_str(me, "__dict__")?,
        _ => Value::None,
    };
    let items = ops::iter(&Value::list(d.snapshot()))?;
    Ok(Value::tuple(vec![Value::Type(ops::type_of(me)), args, state, items]))
}

fn iter_method(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__iter__")?;
    this(s)?;
    Ok(iterator(s, false))
}

fn getitem_method(a: CallArgs) -> PyResult<Value> {
    let [s, k] = a.exact::<2>("__getitem__")?;
    let d = this(s)?;
    let n = d.items.lock().len();
    let i = index_arg(k, n)?;
    let item = d.items.lock().get(i).cloned();
    item.ok_or_else(|| PyErr::index_error("deque index out of range"))
}

fn contains_method(a: CallArgs) -> PyResult<Value> {
    let [s, x] = a.exact::<2>("__contains__")?;
    Ok(Value::Bool(ops::contains(s, x)?))
}

fn repr_method(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__repr__")?;
    Ok(Value::string(this(s)?.repr_string(&ops::type_name(s))?))
}

fn len_method(a: CallArgs) -> PyResult<Value> {
    let d = no_arg(&a, "__len__")?;
    Ok(Value::from_usize(d.items.lock().len()))
}

fn make_type() -> Arc<TypeObj> {
    let t = crate::util::native_base_class(
        "deque",
        Some(deque_new),
        &[
            ("__init__", deque_init),
            ("append", append),
            ("appendleft", appendleft),
            ("pop", pop),
            ("popleft", popleft),
            ("extend", extend),
            ("extendleft", extendleft),
            ("clear", clear),
            ("copy", copy),
            ("__copy__", copy),
            ("count", count),
            ("index", index),
            ("insert", insert),
            ("remove", remove),
            ("reverse", reverse),
            ("rotate", rotate),
            ("__reversed__", reversed),
            ("__setitem__", setitem),
            ("__delitem__", delitem),
            ("__add__", add),
            ("__iadd__", iadd),
            ("__mul__", mul),
            ("__rmul__", mul),
            ("__imul__", imul),
            ("__lt__", lt),
            ("__le__", le),
            ("__gt__", gt),
            ("__ge__", ge),
            ("__eq__", eq),
            ("__ne__", ne),
            ("__len__", len_method),
            ("__iter__", iter_method),
            ("__getitem__", getitem_method),
            ("__contains__", contains_method),
            ("__repr__", repr_method),
            ("__reduce__", reduce),
        ],
    );
    t.dict.set_str("__hash__", Value::None);
    t.dict.set_str("__module__", Value::str("collections"));
    protopy_runtime::objects::descriptor::add_getset(&t, "maxlen", maxlen_get, None);
    t
}

fn maxlen_get(v: &Value) -> PyResult<Value> {
    Ok(this(v)?.maxlen().map(Value::from_usize).unwrap_or(Value::None))
}

/// The `_collections` module: the native core of `collections`.
pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module("_collections", &[]);
    m.set("deque", Value::Type(deque_type()));
    Ok(Value::Module(m))
}
