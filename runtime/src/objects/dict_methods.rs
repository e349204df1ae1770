//! `dict` methods and the live views `keys()`, `values()`, `items()`.

use std::any::Any;
use std::sync::Arc;

use crate::args::{check_fn, CallArgs};
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::iter::{DictIterKind, IterObj};
use crate::objects::native::{downcast, NativeObject};
use crate::objects::typeobj::TypeObj;
use crate::ops;
use crate::value::Value;

fn this(v: &Value) -> PyResult<Arc<DictObj>> {
    match ops::payload(v) {
        Value::Dict(d) => Ok(d),
        _ => Err(PyErr::type_error(format!(
            "descriptor requires a 'dict' object but received a '{}'",
            ops::type_name(v)
        ))),
    }
}

/// `d.update(src)` for a mapping or an iterable of pairs.
pub fn update_from_value(d: &DictObj, src: &Value) -> PyResult<()> {
    match ops::payload(src) {
        Value::Dict(other) => return d.update_from(&other.snapshot()),
        _ => {}
    }
    if ops::hasattr(src, "keys")? {
        let keys = ops::call_method(src, "keys", &[])?;
        for k in ops::collect(&keys)? {
            let v = ops::getitem(src, &k)?;
            d.set_item(k, v)?;
        }
        return Ok(());
    }
    let it = ops::iter(src).map_err(|_| {
        PyErr::type_error(format!("'{}' object is not iterable", ops::type_name(src)))
    })?;
    let mut i = 0;
    while let Some(item) = ops::next(&it)? {
        let pair = ops::collect(&item).map_err(|_| {
            PyErr::type_error(format!(
                "cannot convert dictionary update sequence element #{i} to a sequence"
            ))
        })?;
        if pair.len() != 2 {
            return Err(PyErr::value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        if let (Some(k), Some(v)) = (p.next(), p.next()) {
            d.set_item(k, v)?;
        }
        i += 1;
    }
    Ok(())
}

/// `a == b` for dicts: same keys, equal values.
pub fn dict_eq(a: &DictObj, b: &DictObj) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (k, v) in a.items() {
        match b.get_item(&k)? {
            Some(w) => {
                if !ops::eq(&v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn get(a: CallArgs) -> PyResult<Value> {
    let args = a.range("get", 2, 3)?;
    let d = this(&args[0])?;
    Ok(d.get_item(&args[1])?.unwrap_or_else(|| args.get(2).cloned().unwrap_or(Value::None)))
}

fn pop(a: CallArgs) -> PyResult<Value> {
    let args = a.range("pop", 2, 3)?;
    let d = this(&args[0])?;
    match d.remove(&args[1])? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(PyErr::key_error(args[1].clone())),
        },
    }
}

fn popitem(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("popitem")?;
    match this(s)?.popitem() {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(PyErr::key_error(Value::str("popitem(): dictionary is empty"))),
    }
}

fn setdefault(a: CallArgs) -> PyResult<Value> {
    let args = a.range("setdefault", 2, 3)?;
    let d = this(&args[0])?;
    d.setdefault(args[1].clone(), args.get(2).cloned().unwrap_or(Value::None))
}

fn update(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    if pos.is_empty() || pos.len() > 2 {
        return Err(PyErr::type_error(format!("update expected at most 1 argument, got {}", pos.len().saturating_sub(1))));
    }
    let d = this(&pos[0])?;
    if let Some(src) = pos.get(1) {
        update_from_value(&d, src)?;
    }
    for (k, v) in a.kwnames.iter().zip(a.kwvalues()) {
        d.set_item(k.clone(), v.clone())?;
    }
    Ok(Value::None)
}

fn clear(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("clear")?;
    this(s)?.clear();
    Ok(Value::None)
}

fn copy(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("copy")?;
    Ok(Value::dict(this(s)?.copy()))
}

fn fromkeys(a: CallArgs) -> PyResult<Value> {
    let args = a.range("fromkeys", 2, 3)?;
    let value = args.get(2).cloned().unwrap_or(Value::None);
    let d = Arc::new(DictObj::new());
    for k in ops::collect(&args[1])? {
        d.set_item(k, value.clone())?;
    }
    match &args[0] {
        Value::Type(t) if !Arc::ptr_eq(t, &ctx().types.dict) => {
            let obj = ops::call(&args[0], CallArgs::positional_only(&[]))?;
            for (k, v) in d.items() {
                ops::setitem(&obj, &k, v)?;
            }
            Ok(obj)
        }
        _ => Ok(Value::Dict(d)),
    }
}

fn init(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let d = this(&pos[0])?;
    if let Some(src) = pos.get(1) {
        update_from_value(&d, src)?;
    }
    for (k, v) in a.kwnames.iter().zip(a.kwvalues()) {
        d.set_item(k.clone(), v.clone())?;
    }
    Ok(Value::None)
}

pub struct DictView {
    pub dict: Arc<DictObj>,
    pub kind: DictIterKind,
}

impl DictView {
    fn items(&self) -> Vec<Value> {
        match self.kind {
            DictIterKind::Keys => self.dict.keys(),
            DictIterKind::Values => self.dict.values(),
            DictIterKind::Items => self.dict.items().into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect(),
        }
    }
}

impl NativeObject for DictView {
    fn type_obj(&self) -> Arc<TypeObj> {
        let t = &ctx().types;
        match self.kind {
            DictIterKind::Keys => t.dict_keys.clone(),
            DictIterKind::Values => t.dict_values.clone(),
            DictIterKind::Items => t.dict_items.clone(),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn iter(&self, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(Value::Iter(Arc::new(IterObj::new_dict(self.dict.clone(), self.kind)))))
    }
    fn len(&self) -> Option<PyResult<usize>> {
        Some(Ok(self.dict.len()))
    }
    fn contains(&self, item: &Value) -> Option<PyResult<bool>> {
        Some(match self.kind {
            DictIterKind::Keys => self.dict.contains(item),
            DictIterKind::Items => (|| {
                let Value::Tuple(t) = item else { return Ok(false) };
                let [k, v] = t.items() else { return Ok(false) };
                match self.dict.get_item(k)? {
                    Some(w) => ops::eq(&w, v),
                    None => Ok(false),
                }
            })(),
            DictIterKind::Values => (|| {
                for v in self.dict.values() {
                    if ops::eq(&v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            })(),
        })
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let name = match self.kind {
            DictIterKind::Keys => "dict_keys",
            DictIterKind::Values => "dict_values",
            DictIterKind::Items => "dict_items",
        };
        Some(ops::repr(&Value::list(self.items())).map(|r| format!("{name}({r})")))
    }
    fn eq(&self, other: &Value) -> Option<PyResult<bool>> {
        if self.kind == DictIterKind::Values {
            return None;
        }
        let mine = Value::set(crate::objects::set::SetObj::from_values(self.items()).ok()?);
        let theirs = match other {
            Value::Set(_) | Value::FrozenSet(_) => other.clone(),
            Value::Native(_) => match downcast::<DictView>(other) {
                Some(v) => Value::set(crate::objects::set::SetObj::from_values(v.items()).ok()?),
                None => return Some(Ok(false)),
            },
            _ => return Some(Ok(false)),
        };
        Some(ops::eq(&mine, &theirs))
    }
}

fn view(a: &CallArgs, kind: DictIterKind, name: &str) -> PyResult<Value> {
    let args = check_fn(a, name, 1, 1)?;
    Ok(Value::native(DictView { dict: this(&args[0])?, kind }))
}

fn keys(a: CallArgs) -> PyResult<Value> {
    view(&a, DictIterKind::Keys, "keys")
}
fn values(a: CallArgs) -> PyResult<Value> {
    view(&a, DictIterKind::Values, "values")
}
fn items(a: CallArgs) -> PyResult<Value> {
    view(&a, DictIterKind::Items, "items")
}

/// Set operators on key views: `d.keys() & other` gives a set.
fn view_setop(a: CallArgs, op: crate::ops::BinaryOp) -> PyResult<Value> {
    let [me, other] = a.exact::<2>("__and__")?;
    let mine = Value::set(crate::objects::set::SetObj::from_values(ops::collect(me)?)?);
    let theirs = Value::set(crate::objects::set::SetObj::from_values(ops::collect(other)?)?);
    ops::binary_op(op, &mine, &theirs)
}

fn view_and(a: CallArgs) -> PyResult<Value> {
    view_setop(a, crate::ops::BinaryOp::And)
}
fn view_or(a: CallArgs) -> PyResult<Value> {
    view_setop(a, crate::ops::BinaryOp::Or)
}
fn view_sub(a: CallArgs) -> PyResult<Value> {
    view_setop(a, crate::ops::BinaryOp::Sub)
}
fn view_xor(a: CallArgs) -> PyResult<Value> {
    view_setop(a, crate::ops::BinaryOp::Xor)
}

pub fn init_type() {
    let c = ctx();
    let t = &c.types.dict;
    t.add_method("get", get);
    t.add_method("pop", pop);
    t.add_method("popitem", popitem);
    t.add_method("setdefault", setdefault);
    t.add_method("update", update);
    t.add_method("clear", clear);
    t.add_method("copy", copy);
    t.add_method("keys", keys);
    t.add_method("values", values);
    t.add_method("items", items);
    t.add_method("__init__", init);
    t.add_classmethod("fromkeys", fromkeys);
    for vt in [&c.types.dict_keys, &c.types.dict_items] {
        vt.add_method("__and__", view_and);
        vt.add_method("__or__", view_or);
        vt.add_method("__sub__", view_sub);
        vt.add_method("__xor__", view_xor);
    }
}
