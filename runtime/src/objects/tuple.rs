//! `tuple`: an immutable vector of values.

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::sequence;
use crate::ops;
use crate::value::Value;

pub struct TupleObj {
    items: Box<[Value]>,
    pub(crate) gc: crate::gc::GcHeader,
}

impl Drop for TupleObj {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
        if !self.items.is_empty() {
            crate::trashcan::release(std::mem::take(&mut self.items));
        }
    }
}

impl TupleObj {
    pub fn new(items: Vec<Value>) -> TupleObj {
        TupleObj { items: items.into_boxed_slice(), gc: crate::gc::GcHeader::new() }
    }

    #[inline]
    pub fn items(&self) -> &[Value] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

fn items_of(v: &Value) -> PyResult<Vec<Value>> {
    match ops::payload(v) {
        Value::Tuple(t) => Ok(t.items().to_vec()),
        _ => Err(PyErr::type_error("descriptor requires a 'tuple' object")),
    }
}

fn index(a: CallArgs) -> PyResult<Value> {
    let args = a.range("index", 2, 4)?;
    let items = items_of(&args[0])?;
    let (start, stop) = sequence::slice_bounds(args.get(2), args.get(3), items.len())?;
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if ops::eq(item, &args[1])? {
            return Ok(Value::from_usize(i));
        }
    }
    Err(PyErr::value_error("tuple.index(x): x not in tuple"))
}

fn count(a: CallArgs) -> PyResult<Value> {
    let [s, x] = a.exact::<2>("count")?;
    let mut n = 0;
    for item in items_of(s)?.iter() {
        if ops::eq(item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn tuple_new(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("tuple")?;
    let args = crate::args::check_fn(&a, "tuple", 0, 1)?;
    match args.first() {
        None => Ok(Value::tuple(Vec::new())),
        Some(Value::Tuple(t)) => Ok(Value::Tuple(t.clone())),
        Some(it) => Ok(Value::tuple(ops::collect(it)?)),
    }
}

pub fn constructor() -> crate::objects::function::BuiltinFn {
    tuple_new
}

pub fn init_type() {
    let t = &ctx().types.tuple;
    t.add_method("index", index);
    t.add_method("count", count);
}
