//! `match` statements: the subject tests of sequence, mapping and class
//! patterns. Which sub-pattern runs when is the back ends' job; what a
//! sequence, a mapping or a class pattern's attributes are is decided here.

use std::sync::Arc;

use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::instance::Payload;
use crate::ops;
use crate::value::Value;

/// The items of a subject that takes part in sequence patterns (not
/// str/bytes), or None.
pub fn as_sequence(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.to_vec()),
        Value::Tuple(t) => Some(t.items().to_vec()),
        Value::Range(_) => ops::collect(v).ok(),
        Value::Instance(i) => match &i.payload {
            Payload::Builtin(inner @ (Value::List(_) | Value::Tuple(_))) => as_sequence(inner),
            _ => {
                // collections.deque and registered sequences.
                if ops::type_name(v) == "deque" {
                    ops::collect(v).ok()
                } else {
                    None
                }
            }
        },
        _ => None,
    }
}

/// Whether a subject takes part in mapping patterns.
pub fn is_mapping(v: &Value) -> bool {
    match v {
        Value::Dict(_) => true,
        Value::Instance(i) => matches!(&i.payload, Payload::Builtin(Value::Dict(_))),
        _ => false,
    }
}

/// `case {key: p}`: the value for `key` (None if missing); `seen` collects
/// the keys so far and rejects duplicates.
pub fn mapping_get(s: &Value, key: Value, seen: &mut Vec<Value>) -> PyResult<Option<Value>> {
    for prev in seen.iter() {
        if ops::eq(prev, &key)? {
            return Err(PyErr::value_error(format!("mapping pattern checks duplicate key ({})", ops::repr(&key)?)));
        }
    }
    let value = match ops::payload(s) {
        Value::Dict(d) => d.get_item(&key)?,
        _ => None,
    };
    seen.push(key);
    Ok(value)
}

/// `case {..., **rest}`: a new dict of the items whose keys were not matched.
pub fn mapping_rest(s: &Value, seen: &[Value]) -> PyResult<Value> {
    let out = Arc::new(DictObj::new());
    if let Value::Dict(d) = ops::payload(s) {
        for (k, v) in d.items() {
            let mut taken = false;
            for prev in seen {
                if ops::eq(prev, &k)? {
                    taken = true;
                    break;
                }
            }
            if !taken {
                out.set_item(k, v)?;
            }
        }
    }
    Ok(crate::gc::tracked(Value::Dict(out)))
}

/// Builtin classes whose single positional sub-pattern matches the subject.
fn matches_self(t: &Value) -> bool {
    let c = &ctx().types;
    match t {
        Value::Type(ty) => [&c.bool, &c.bytearray, &c.bytes, &c.dict, &c.float, &c.frozenset, &c.int, &c.list, &c.set, &c.str, &c.tuple]
            .iter()
            .any(|b| Arc::ptr_eq(b, ty)),
        _ => false,
    }
}

/// `case C(p1, p2, name=q)`: None when the subject is not an instance of
/// `C` or lacks an attribute; else the values the `npos` positional and the
/// keyword sub-patterns are matched against, in that order.
pub fn class_attrs(cls: &Value, s: &Value, npos: usize, kwd_names: &[Value]) -> PyResult<Option<Vec<Value>>> {
    if !matches!(cls, Value::Type(_)) {
        return Err(PyErr::type_error("called match pattern must be a class"));
    }
    if !crate::builtins::isinstance(s, cls)? {
        return Ok(None);
    }
    let mut values = Vec::with_capacity(npos + kwd_names.len());
    let mut attrs: Vec<Value> = Vec::new();
    if npos > 0 {
        if matches_self(cls) && npos == 1 {
            values.push(s.clone());
        } else {
            let args = match ops::getattr_opt(cls, "__match_args__")? {
                Some(v @ Value::Tuple(_)) => ops::collect(&v)?,
                Some(_) => return Err(PyErr::type_error("__match_args__ must be a tuple")),
                None => Vec::new(),
            };
            if npos > args.len() {
                let cname = match cls {
                    Value::Type(t) => t.name().to_string(),
                    _ => "?".into(),
                };
                return Err(PyErr::type_error(format!(
                    "{cname}() accepts {} positional sub-pattern{} ({npos} given)",
                    args.len(),
                    if args.len() == 1 { "" } else { "s" },
                )));
            }
            for name in args.into_iter().take(npos) {
                let Some(v) = ops::getattr_opt(s, name.as_str().unwrap_or(""))? else { return Ok(None) };
                attrs.push(name);
                values.push(v);
            }
        }
    }
    for name in kwd_names {
        if attrs.iter().any(|a| a.as_str() == name.as_str()) {
            return Err(PyErr::type_error(format!(
                "{}() got multiple sub-patterns for attribute {}",
                ops::type_name(s),
                ops::repr(name)?
            )));
        }
        let Some(v) = ops::getattr_opt(s, name.as_str().unwrap_or(""))? else { return Ok(None) };
        values.push(v);
    }
    Ok(Some(values))
}
