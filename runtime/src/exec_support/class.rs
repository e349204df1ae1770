//! `class` statements: choosing the metaclass, `__prepare__`, running the
//! body in the namespace, creating the class and filling the `__class__`
//! cell for zero-argument `super()`.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::function::CellObj;
use crate::objects::typeobj::TypeObj;
use crate::ops;
use crate::value::Value;

/// The most derived metaclass among the explicit one and the bases'.
pub fn select_metaclass(explicit: Option<Value>, bases: &[Value]) -> PyResult<Value> {
    let mut winner: Value = match explicit {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => Value::Type(ops::type_of(b)),
            None => Value::Type(ctx().types.type_.clone()),
        },
    };
    let Value::Type(mut w) = winner.clone() else { return Ok(winner) };
    for b in bases {
        let bt = ops::type_of(b);
        if w.is_subtype(&bt) {
            continue;
        }
        if bt.is_subtype(&w) {
            w = bt;
            winner = Value::Type(w.clone());
            continue;
        }
        return Err(PyErr::type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// PEP 560: bases that are not classes may stand for others through
/// `__mro_entries__` (`Generic[T]`, `typing.List`, `NamedTuple`). Returns
/// the resolved bases and whether any was replaced.
pub fn resolve_mro_entries(bases: Vec<Value>) -> PyResult<(Vec<Value>, bool)> {
    if bases.iter().all(|b| matches!(b, Value::Type(_))) {
        return Ok((bases, false));
    }
    let original = Value::tuple(bases.clone());
    let mut out = Vec::with_capacity(bases.len());
    let mut changed = false;
    for b in bases {
        if matches!(b, Value::Type(_)) {
            out.push(b);
            continue;
        }
        // `Generic[T]`, `list[int]`: the origin. (Matched by type name, not
        // by downcasting: the alias may come from another runtime copy.)
        if matches!(b, Value::Native(_)) && ops::type_name(&b) == "GenericAlias" {
            out.push(ops::getattr_str(&b, "__origin__")?);
            changed = true;
            continue;
        }
        match ops::getattr_opt(&b, "__mro_entries__")? {
            Some(f) => {
                let entries = ops::call1(&f, original.clone())?;
                let Value::Tuple(t) = &entries else {
                    return Err(PyErr::type_error("__mro_entries__ must return a tuple"));
                };
                out.extend(t.items().iter().cloned());
                changed = true;
            }
            None => out.push(b),
        }
    }
    Ok((out, changed))
}

/// Keyword arguments of a class statement from a `**mapping`.
pub fn class_keywords_from(m: &Value, out: &mut Vec<(Value, Value)>) {
    if let Value::Dict(d) = ops::payload(m) {
        out.extend(d.items());
    }
}

/// Create a class. `keywords` may include `metaclass`; `body` runs the
/// class body in the namespace it is given and returns the body's cells;
/// `class_cell` is the index among them of the `__class__` cell.
pub fn build_class(
    name: Value,
    bases: Vec<Value>,
    keywords: Vec<(Value, Value)>,
    class_cell: Option<usize>,
    body: &mut dyn FnMut(Value) -> PyResult<Vec<Arc<CellObj>>>,
) -> PyResult<Value> {
    let mut meta_explicit = None;
    let mut kwargs: Vec<(Value, Value)> = Vec::new();
    for (k, v) in keywords {
        if k.as_str() == Some("metaclass") {
            meta_explicit = Some(v);
        } else {
            kwargs.push((k, v));
        }
    }
    let original_bases = Value::tuple(bases.clone());
    let (bases, replaced) = resolve_mro_entries(bases)?;
    let meta = select_metaclass(meta_explicit, &bases)?;
    let is_type_meta = matches!(&meta, Value::Type(t) if Arc::ptr_eq(t, &ctx().types.type_));
    // __prepare__ gives the namespace.
    let ns = if is_type_meta {
        Value::dict(DictObj::new())
    } else {
        match ops::getattr_opt(&meta, "__prepare__")? {
            Some(p) => {
                let (vals, names) = split_kwargs(&[name.clone(), Value::tuple(bases.clone())], &kwargs);
                ops::call(&p, CallArgs::new(&vals, &names))?
            }
            None => Value::dict(DictObj::new()),
        }
    };
    if replaced {
        ops::setitem(&ns, &crate::context::intern("__orig_bases__"), original_bases)?;
    }
    let cells = body(ns.clone())?;
    let cls = if is_type_meta {
        let base_types = bases
            .iter()
            .map(|b| match b {
                Value::Type(t) => Ok(t.clone()),
                other => Err(PyErr::type_error(format!("bases must be types, not {}", ops::type_name(other)))),
            })
            .collect::<PyResult<Vec<Arc<TypeObj>>>>()?;
        let Value::Dict(d) = &ns else { return Err(PyErr::type_error("class namespace must be a dict")) };
        Value::Type(crate::builtins::make_class(None, name.as_str().unwrap_or("?"), base_types, d, &kwargs)?)
    } else {
        // The metaclass gets the namespace `__prepare__` made (a dict or a
        // dict subclass, as enum's); other mappings are copied into a dict.
        let ns_dict = match ops::payload(&ns) {
            Value::Dict(_) => ns.clone(),
            _ => {
                let other = &ns;
                let d = Arc::new(DictObj::new());
                crate::objects::dict_methods::update_from_value(&d, other)?;
                crate::gc::tracked(Value::Dict(d))
            }
        };
        let (vals, names) = split_kwargs(&[name.clone(), Value::tuple(bases.clone()), ns_dict], &kwargs);
        ops::call(&meta, CallArgs::new(&vals, &names))?
    };
    if let Some(i) = class_cell {
        if let Some(c) = cells.get(i) {
            c.set(Some(cls.clone()));
        }
    }
    Ok(cls)
}

fn split_kwargs(pos: &[Value], kwargs: &[(Value, Value)]) -> (Vec<Value>, Vec<Value>) {
    let mut vals = pos.to_vec();
    let mut names = Vec::new();
    for (k, v) in kwargs {
        vals.push(v.clone());
        names.push(k.clone());
    }
    (vals, names)
}
