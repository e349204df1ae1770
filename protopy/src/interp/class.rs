//! `class` statements: bases, metaclass, namespace, running the body, and
//! filling the `__class__` cell for zero-argument `super()`.

use std::sync::Arc;

use protopy_frontend::ir::{Kwarg, MakeClass};
use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::function::CellObj;
use protopy_runtime::exec_support::select_metaclass;
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::{ctx, ops, CallArgs, PyErr, PyResult, Value};

use super::frame::Frame;
use super::function::run_with_namespace;

pub fn make_class(frame: &mut Frame<'_>, mc: &MakeClass) -> PyResult<Value> {
    let bases = frame.eval_elts(&mc.bases)?;
    let mut meta_explicit = None;
    let mut kwargs: Vec<(Value, Value)> = Vec::new();
    for kw in &mc.keywords {
        match kw {
            Kwarg::Named(id, e) => {
                let v = frame.eval(e)?;
                if frame.name(*id).as_str() == Some("metaclass") {
                    meta_explicit = Some(v);
                } else {
                    kwargs.push((frame.name(*id).clone(), v));
                }
            }
            Kwarg::Unpack(e) => {
                let m = frame.eval(e)?;
                if let Value::Dict(d) = ops::payload(&m) {
                    for (k, v) in d.items() {
                        if k.as_str() == Some("metaclass") {
                            meta_explicit = Some(v);
                        } else {
                            kwargs.push((k, v));
                        }
                    }
                }
            }
        }
    }
    let name = frame.name(mc.name).clone();
    let meta = select_metaclass(meta_explicit, &bases)?;
    let is_type_meta = matches!(&meta, Value::Type(t) if Arc::ptr_eq(t, &ctx().types.type_));
    // __prepare__ gives the namespace.
    let ns = if is_type_meta {
        Value::Dict(Arc::new(DictObj::new()))
    } else {
        match ops::getattr_opt(&meta, "__prepare__")? {
            Some(p) => {
                let (vals, names) = split_kwargs(&[name.clone(), Value::tuple(bases.clone())], &kwargs);
                ops::call(&p, CallArgs::new(&vals, &names))?
            }
            None => Value::Dict(Arc::new(DictObj::new())),
        }
    };
    let closure: Vec<Arc<CellObj>> = mc.closure.iter().filter_map(|&i| frame.cells.get(i as usize).cloned()).collect();
    let (_, cells) = run_with_namespace(&mc.code, frame.globals.clone(), ns.clone(), &closure)?;
    let cls = if is_type_meta {
        let base_types = bases
            .iter()
            .map(|b| match b {
                Value::Type(t) => Ok(t.clone()),
                other => Err(PyErr::type_error(format!(
                    "bases must be types, not {}",
                    ops::type_name(other)
                ))),
            })
            .collect::<PyResult<Vec<Arc<TypeObj>>>>()?;
        let Value::Dict(d) = &ns else { return Err(PyErr::type_error("class namespace must be a dict")) };
        Value::Type(protopy_runtime::builtins::make_class(None, name.as_str().unwrap_or("?"), base_types, d, &kwargs)?)
    } else {
        let ns_dict = match &ns {
            Value::Dict(_) => ns.clone(),
            other => {
                let d = Arc::new(DictObj::new());
                protopy_runtime::objects::dict_methods::update_from_value(&d, other)?;
                Value::Dict(d)
            }
        };
        let (vals, names) = split_kwargs(&[name.clone(), Value::tuple(bases.clone()), ns_dict], &kwargs);
        ops::call(&meta, CallArgs::new(&vals, &names))?
    };
    if let Some(i) = mc.class_cell {
        if let Some(c) = cells.get(i as usize) {
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
