//! The `itertools` module: lazy iterator building blocks. Each iterator is
//! a `NativeIter` state machine; the combinatoric ones live in
//! `itertools_comb.rs`, `groupby` and `tee` in `itertools_group.rs`.

use std::any::Any;
use std::sync::Arc;

use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::ops::{self, BinaryOp};
use protopy_runtime::{CallArgs, PyErr, PyResult, Value};

use crate::itertools_comb as comb;
use crate::itertools_group as group;
use crate::native_iter::{iter_class, IterState, NativeIter};
use crate::util::{expect_args, params};

/// The class `itertools.<name>`, whose constructor is `ctor`.
pub fn class(name: &'static str, ctor: protopy_runtime::objects::function::BuiltinFn) -> Arc<TypeObj> {
    iter_class("itertools", name, Some(ctor))
}

/// A new iterator object of class `itertools.<name>`.
pub fn make(name: &'static str, ctor: protopy_runtime::objects::function::BuiltinFn, state: impl IterState) -> Value {
    NativeIter::new_value(class(name, ctor), "itertools", state)
}

macro_rules! any_impl {
    () => {
        fn as_any(&self) -> &dyn Any {
            self
        }
    };
}
pub(crate) use any_impl;

// ---- count, cycle, repeat -------------------------------------------------

struct Count {
    cur: Value,
    step: Value,
}

impl IterState for Count {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let next = ops::binary_op(BinaryOp::Add, &self.cur, &self.step)?;
        Ok(Some(std::mem::replace(&mut self.cur, next)))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let step_is_one = matches!(self.step, Value::Int(1));
        Some((|| {
            let cur = ops::repr(&self.cur)?;
            Ok(if step_is_one { format!("count({cur})") } else { format!("count({cur}, {})", ops::repr(&self.step)?) })
        })())
    }
    any_impl!();
}

fn is_number(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_) | Value::Complex(_) => true,
        Value::Instance(_) => ops::lookup_special(v, "__add__").is_some(),
        _ => false,
    }
}

fn count_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "count", &["start", "step"], 0)?;
    let start = p[0].clone().unwrap_or(Value::Int(0));
    let step = p[1].clone().unwrap_or(Value::Int(1));
    if !is_number(&start) || !is_number(&step) {
        return Err(PyErr::type_error("a number is required"));
    }
    Ok(make("count", count_new, Count { cur: start, step }))
}

struct Cycle {
    it: Option<Value>,
    saved: Vec<Value>,
    index: usize,
}

impl IterState for Cycle {
    fn next(&mut self) -> PyResult<Option<Value>> {
        if let Some(it) = &self.it {
            match ops::next(it)? {
                Some(v) => {
                    self.saved.push(v.clone());
                    return Ok(Some(v));
                }
                None => self.it = None,
            }
        }
        if self.saved.is_empty() {
            return Ok(None);
        }
        let v = self.saved[self.index % self.saved.len()].clone();
        self.index = (self.index + 1) % self.saved.len();
        Ok(Some(v))
    }
    any_impl!();
}

fn cycle_new(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "cycle", 1, 1)?;
    let it = ops::iter(&pos[0])?;
    Ok(make("cycle", cycle_new, Cycle { it: Some(it), saved: Vec::new(), index: 0 }))
}

struct Repeat {
    object: Value,
    times: Option<i64>,
}

impl IterState for Repeat {
    fn next(&mut self) -> PyResult<Option<Value>> {
        match &mut self.times {
            None => Ok(Some(self.object.clone())),
            Some(0) => Ok(None),
            Some(n) => {
                *n -= 1;
                Ok(Some(self.object.clone()))
            }
        }
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(ops::repr(&self.object).map(|o| match self.times {
            Some(n) => format!("repeat({o}, {n})"),
            None => format!("repeat({o})"),
        }))
    }
    any_impl!();
}

fn repeat_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "repeat", &["object", "times"], 1)?;
    let object = p[0].clone().unwrap_or(Value::None);
    let times = match &p[1] {
        Some(t) => Some(ops::index_value(t)?.max(0)),
        None => None,
    };
    Ok(make("repeat", repeat_new, Repeat { object, times }))
}

// ---- accumulate, chain, compress -------------------------------------------

struct Accumulate {
    it: Value,
    func: Option<Value>,
    total: Option<Value>,
    initial: Option<Value>,
}

impl IterState for Accumulate {
    fn next(&mut self) -> PyResult<Option<Value>> {
        if let Some(init) = self.initial.take() {
            self.total = Some(init.clone());
            return Ok(Some(init));
        }
        let Some(v) = ops::next(&self.it)? else { return Ok(None) };
        let total = match self.total.take() {
            None => v,
            Some(t) => match &self.func {
                None => ops::add(&t, &v)?,
                Some(f) => ops::call(f, CallArgs::positional_only(&[t, v]))?,
            },
        };
        self.total = Some(total.clone());
        Ok(Some(total))
    }
    any_impl!();
}

fn accumulate_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "accumulate", &["iterable", "func", "initial"], 1)?;
    if a.positional().len() > 2 {
        return Err(PyErr::type_error(format!(
            "accumulate() takes at most 2 positional arguments ({} given)",
            a.positional().len()
        )));
    }
    let it = ops::iter(p[0].as_ref().unwrap_or(&Value::None))?;
    let func = crate::util::not_none(p[1].clone());
    let initial = crate::util::not_none(p[2].clone());
    Ok(make("accumulate", accumulate_new, Accumulate { it, func, total: None, initial }))
}

struct Chain {
    sources: Value,
    current: Option<Value>,
}

impl IterState for Chain {
    fn next(&mut self) -> PyResult<Option<Value>> {
        loop {
            if let Some(cur) = &self.current {
                if let Some(v) = ops::next(cur)? {
                    return Ok(Some(v));
                }
                self.current = None;
            }
            match ops::next(&self.sources)? {
                Some(src) => self.current = Some(ops::iter(&src)?),
                None => return Ok(None),
            }
        }
    }
    any_impl!();
}

fn chain_new(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("chain")?;
    let sources = ops::iter(&Value::tuple(a.positional().to_vec()))?;
    Ok(make("chain", chain_new, Chain { sources, current: None }))
}

fn chain_from_iterable(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "from_iterable", 2, 2)?;
    let sources = ops::iter(&pos[1])?;
    Ok(make("chain", chain_new, Chain { sources, current: None }))
}

struct Compress {
    data: Value,
    selectors: Value,
}

impl IterState for Compress {
    fn next(&mut self) -> PyResult<Option<Value>> {
        loop {
            let Some(d) = ops::next(&self.data)? else { return Ok(None) };
            let Some(s) = ops::next(&self.selectors)? else { return Ok(None) };
            if ops::truthy(&s)? {
                return Ok(Some(d));
            }
        }
    }
    any_impl!();
}

fn compress_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "compress", &["data", "selectors"], 2)?;
    let data = ops::iter(p[0].as_ref().unwrap_or(&Value::None))?;
    let selectors = ops::iter(p[1].as_ref().unwrap_or(&Value::None))?;
    Ok(make("compress", compress_new, Compress { data, selectors }))
}

// ---- predicate-driven iterators --------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum PredKind {
    DropWhile,
    TakeWhile,
    FilterFalse,
}

struct Predicate {
    kind: PredKind,
    pred: Value,
    it: Value,
    /// dropwhile: dropping is over; takewhile: the end was reached.
    done: bool,
}

impl Predicate {
    fn test(&self, v: &Value) -> PyResult<bool> {
        if self.kind == PredKind::FilterFalse && self.pred.is_none() {
            return ops::truthy(v);
        }
        ops::truthy(&ops::call1(&self.pred, v.clone())?)
    }
}

impl IterState for Predicate {
    fn next(&mut self) -> PyResult<Option<Value>> {
        match self.kind {
            PredKind::DropWhile => loop {
                let Some(v) = ops::next(&self.it)? else { return Ok(None) };
                if self.done || !self.test(&v)? {
                    self.done = true;
                    return Ok(Some(v));
                }
            },
            PredKind::TakeWhile => {
                if self.done {
                    return Ok(None);
                }
                let Some(v) = ops::next(&self.it)? else { return Ok(None) };
                if self.test(&v)? {
                    return Ok(Some(v));
                }
                self.done = true;
                Ok(None)
            }
            PredKind::FilterFalse => loop {
                let Some(v) = ops::next(&self.it)? else { return Ok(None) };
                if !self.test(&v)? {
                    return Ok(Some(v));
                }
            },
        }
    }
    any_impl!();
}

fn predicate(a: CallArgs, name: &'static str, kind: PredKind, ctor: protopy_runtime::objects::function::BuiltinFn) -> PyResult<Value> {
    let pos = expect_args(&a, name, 2, 2)?;
    let it = ops::iter(&pos[1])?;
    Ok(make(name, ctor, Predicate { kind, pred: pos[0].clone(), it, done: false }))
}

fn dropwhile_new(a: CallArgs) -> PyResult<Value> {
    predicate(a, "dropwhile", PredKind::DropWhile, dropwhile_new)
}

fn takewhile_new(a: CallArgs) -> PyResult<Value> {
    predicate(a, "takewhile", PredKind::TakeWhile, takewhile_new)
}

fn filterfalse_new(a: CallArgs) -> PyResult<Value> {
    predicate(a, "filterfalse", PredKind::FilterFalse, filterfalse_new)
}

// ---- islice, pairwise, starmap, batched, zip_longest -----------------------

struct ISlice {
    it: Option<Value>,
    /// Items consumed so far.
    count: usize,
    /// Index of the next item to yield.
    next: usize,
    stop: Option<usize>,
    step: usize,
}

impl IterState for ISlice {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let Some(it) = self.it.clone() else { return Ok(None) };
        while self.count < self.next {
            if ops::next(&it)?.is_none() {
                self.it = None;
                return Ok(None);
            }
            self.count += 1;
        }
        if self.stop.is_some_and(|s| self.count >= s) {
            self.it = None;
            return Ok(None);
        }
        let Some(v) = ops::next(&it)? else {
            self.it = None;
            return Ok(None);
        };
        self.count += 1;
        self.next = self.next.saturating_add(self.step);
        if let Some(s) = self.stop {
            self.next = self.next.min(s);
        }
        Ok(Some(v))
    }
    any_impl!();
}

fn islice_index(v: &Value, what: &str) -> PyResult<Option<usize>> {
    let bad = || PyErr::value_error(format!("{what} for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
    if v.is_none() {
        return Ok(None);
    }
    match ops::index_value(v) {
        Ok(i) if i >= 0 => Ok(Some(i as usize)),
        Ok(_) => Err(bad()),
        Err(e) if e.is_instance(&protopy_runtime::ctx().exc.overflow_error) => Ok(Some(usize::MAX)),
        Err(_) => Err(bad()),
    }
}

fn islice_new(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "islice", 2, 4)?;
    let (start, stop, step) = if pos.len() == 2 {
        (None, islice_index(&pos[1], "Stop argument")?, None)
    } else {
        let start = islice_index(&pos[1], "Indices")?;
        let stop = islice_index(&pos[2], "Stop argument")?;
        let step = match pos.get(3) {
            None => None,
            Some(v) if v.is_none() => None,
            Some(v) => match ops::index_value(v) {
                Ok(s) if s >= 1 => Some(s as usize),
                _ => return Err(PyErr::value_error("Step for islice() must be a positive integer or None.")),
            },
        };
        (start, stop, step)
    };
    let it = ops::iter(&pos[0])?;
    let start = start.unwrap_or(0);
    let state = ISlice { it: Some(it), count: 0, next: start, stop, step: step.unwrap_or(1) };
    Ok(make("islice", islice_new, state))
}

struct Pairwise {
    it: Option<Value>,
    last: Option<Value>,
}

impl IterState for Pairwise {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let Some(it) = self.it.clone() else { return Ok(None) };
        let first = match self.last.take() {
            Some(v) => v,
            None => match ops::next(&it)? {
                Some(v) => v,
                None => {
                    self.it = None;
                    return Ok(None);
                }
            },
        };
        match ops::next(&it)? {
            Some(second) => {
                self.last = Some(second.clone());
                Ok(Some(Value::tuple(vec![first, second])))
            }
            None => {
                self.it = None;
                Ok(None)
            }
        }
    }
    any_impl!();
}

fn pairwise_new(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "pairwise", 1, 1)?;
    let it = ops::iter(&pos[0])?;
    Ok(make("pairwise", pairwise_new, Pairwise { it: Some(it), last: None }))
}

struct Starmap {
    func: Value,
    it: Value,
}

impl IterState for Starmap {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let Some(item) = ops::next(&self.it)? else { return Ok(None) };
        let args = ops::collect(&item)?;
        ops::call(&self.func, CallArgs::positional_only(&args)).map(Some)
    }
    any_impl!();
}

fn starmap_new(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "starmap", 2, 2)?;
    let it = ops::iter(&pos[1])?;
    Ok(make("starmap", starmap_new, Starmap { func: pos[0].clone(), it }))
}

struct Batched {
    it: Option<Value>,
    n: usize,
    strict: bool,
}

impl IterState for Batched {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let Some(it) = self.it.clone() else { return Ok(None) };
        let mut batch = Vec::with_capacity(self.n.min(1024));
        while batch.len() < self.n {
            match ops::next(&it)? {
                Some(v) => batch.push(v),
                None => {
                    self.it = None;
                    break;
                }
            }
        }
        if batch.is_empty() {
            return Ok(None);
        }
        if self.strict && batch.len() < self.n {
            return Err(PyErr::value_error("batched(): incomplete batch"));
        }
        Ok(Some(Value::tuple(batch)))
    }
    any_impl!();
}

fn batched_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "batched", &["iterable", "n", "strict"], 2)?;
    if a.positional().len() > 2 {
        return Err(PyErr::type_error(format!(
            "batched() takes at most 2 positional arguments ({} given)",
            a.positional().len()
        )));
    }
    let n = ops::index_value(p[1].as_ref().unwrap_or(&Value::None))?;
    if n < 1 {
        return Err(PyErr::value_error("n must be at least one"));
    }
    let strict = match &p[2] {
        Some(v) => ops::truthy(v)?,
        None => false,
    };
    let it = ops::iter(p[0].as_ref().unwrap_or(&Value::None))?;
    Ok(make("batched", batched_new, Batched { it: Some(it), n: n as usize, strict }))
}

struct ZipLongest {
    its: Vec<Option<Value>>,
    active: usize,
    fill: Value,
}

impl IterState for ZipLongest {
    fn next(&mut self) -> PyResult<Option<Value>> {
        if self.active == 0 || self.its.is_empty() {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(self.its.len());
        for slot in self.its.iter_mut() {
            let v = match slot {
                Some(it) => match ops::next(it)? {
                    Some(v) => v,
                    None => {
                        *slot = None;
                        self.active -= 1;
                        if self.active == 0 {
                            return Ok(None);
                        }
                        self.fill.clone()
                    }
                },
                None => self.fill.clone(),
            };
            out.push(v);
        }
        Ok(Some(Value::tuple(out)))
    }
    any_impl!();
}

fn zip_longest_new(a: CallArgs) -> PyResult<Value> {
    let mut fill = Value::None;
    for (k, v) in a.kwargs() {
        if k != "fillvalue" {
            return Err(PyErr::type_error("zip_longest() got an unexpected keyword argument"));
        }
        fill = v.clone();
    }
    let its = a.positional().iter().map(|v| ops::iter(v).map(Some)).collect::<PyResult<Vec<_>>>()?;
    let active = its.len();
    Ok(make("zip_longest", zip_longest_new, ZipLongest { its, active, fill }))
}

/// Make `itertools`.
pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module("itertools", &[("tee", group::tee)]);
    let classes: [(&'static str, protopy_runtime::objects::function::BuiltinFn); 19] = [
        ("count", count_new),
        ("cycle", cycle_new),
        ("repeat", repeat_new),
        ("accumulate", accumulate_new),
        ("chain", chain_new),
        ("compress", compress_new),
        ("dropwhile", dropwhile_new),
        ("takewhile", takewhile_new),
        ("filterfalse", filterfalse_new),
        ("islice", islice_new),
        ("pairwise", pairwise_new),
        ("starmap", starmap_new),
        ("batched", batched_new),
        ("zip_longest", zip_longest_new),
        ("groupby", group::groupby_new),
        ("product", comb::product_new),
        ("permutations", comb::permutations_new),
        ("combinations", comb::combinations_new),
        ("combinations_with_replacement", comb::cwr_new),
    ];
    for (name, ctor) in classes {
        m.set(name, Value::Type(class(name, ctor)));
    }
    class("chain", chain_new).add_classmethod("from_iterable", chain_from_iterable);
    Ok(Value::Module(m))
}
