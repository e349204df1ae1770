//! Builtins about objects and types: `isinstance`, `issubclass`, the
//! attribute functions, `vars`, `dir`, and `type(name, bases, ns)`.

use std::sync::Arc;

use crate::args::{check_fn, CallArgs};
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::function::BuiltinFn;
use crate::objects::typeobj::{self, TypeObj};
use crate::ops;
use crate::value::Value;

pub const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("isinstance", isinstance_builtin),
    ("issubclass", issubclass_builtin),
    ("getattr", getattr),
    ("setattr", setattr),
    ("hasattr", hasattr),
    ("delattr", delattr),
    ("vars", vars),
    ("dir", dir),
];

fn class_list(cls: &Value, fname: &str) -> PyResult<Vec<Value>> {
    match cls {
        Value::Tuple(t) => {
            let mut out = Vec::new();
            for c in t.items() {
                out.extend(class_list(c, fname)?);
            }
            Ok(out)
        }
        Value::Type(_) => Ok(vec![cls.clone()]),
        Value::Native(_) if ops::type_name(cls) == "GenericAlias" => Err(PyErr::type_error(format!(
            "{fname}() argument 2 cannot be a parameterized generic"
        ))),
        other => {
            if ops::lookup_special(other, "__instancecheck__").is_some() || ops::lookup_special(other, "__subclasscheck__").is_some() {
                return Ok(vec![cls.clone()]);
            }
            Err(PyErr::type_error(format!(
                "{fname}() arg 2 must be a type, a tuple of types, or a union"
            )))
        }
    }
}

/// `isinstance(v, cls)` including tuples and `__instancecheck__`.
pub fn isinstance(v: &Value, cls: &Value) -> PyResult<bool> {
    if let Value::Type(t) = cls {
        if ops::type_of(v).is_subtype(t) {
            return Ok(true);
        }
        let meta = t.metaclass();
        if meta.is_builtin {
            return Ok(false);
        }
    }
    for c in class_list(cls, "isinstance")? {
        if let Value::Type(t) = &c {
            let meta = t.metaclass();
            if !meta.is_builtin {
                if let Some(f) = meta.lookup_str("__instancecheck__") {
                    let r = ops::call(&f, CallArgs::positional_only(&[c.clone(), v.clone()]))?;
                    if ops::truthy(&r)? {
                        return Ok(true);
                    }
                    continue;
                }
            }
            if ops::type_of(v).is_subtype(t) {
                return Ok(true);
            }
        } else if let Some(f) = ops::lookup_special(&c, "__instancecheck__") {
            let r = ops::call(&f, CallArgs::positional_only(&[c.clone(), v.clone()]))?;
            if ops::truthy(&r)? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

pub fn issubclass(sub: &Value, cls: &Value) -> PyResult<bool> {
    let Value::Type(s) = sub else {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    };
    for c in class_list(cls, "issubclass")? {
        if let Value::Type(t) = &c {
            let meta = t.metaclass();
            if !meta.is_builtin {
                if let Some(f) = meta.lookup_str("__subclasscheck__") {
                    let r = ops::call(&f, CallArgs::positional_only(&[c.clone(), sub.clone()]))?;
                    if ops::truthy(&r)? {
                        return Ok(true);
                    }
                    continue;
                }
            }
            if s.is_subtype(t) {
                return Ok(true);
            }
        } else if let Some(f) = ops::lookup_special(&c, "__subclasscheck__") {
            // An object standing for a class (typing.List): its own check.
            let r = ops::call(&f, CallArgs::positional_only(&[c.clone(), sub.clone()]))?;
            if ops::truthy(&r)? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn isinstance_builtin(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "isinstance", 2, 2)?;
    Ok(Value::Bool(isinstance(&pos[0], &pos[1])?))
}

fn issubclass_builtin(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "issubclass", 2, 2)?;
    Ok(Value::Bool(issubclass(&pos[0], &pos[1])?))
}

fn getattr(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "getattr", 2, 3)?;
    if !matches!(pos[1], Value::Str(_)) {
        return Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            ops::type_name(&pos[1])
        )));
    }
    match ops::getattr(&pos[0], &pos[1]) {
        Ok(v) => Ok(v),
        Err(e) if pos.len() == 3 && e.is_instance(&ctx().exc.attribute_error) => Ok(pos[2].clone()),
        Err(e) => Err(e),
    }
}

fn setattr(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "setattr", 3, 3)?;
    ops::setattr(&pos[0], &pos[1], pos[2].clone())?;
    Ok(Value::None)
}

fn hasattr(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "hasattr", 2, 2)?;
    match ops::getattr(&pos[0], &pos[1]) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if e.is_instance(&ctx().exc.attribute_error) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn delattr(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "delattr", 2, 2)?;
    ops::delattr(&pos[0], &pos[1])?;
    Ok(Value::None)
}

fn vars(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "vars", 0, 1)?;
    match pos.first() {
        None => (ctx().hooks().current_locals)(),
        Some(v) => match ops::getattr_opt(v, "__dict__")? {
            Some(d) => Ok(d),
            None => Err(PyErr::type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

fn dir(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "dir", 0, 1)?;
    let mut names: Vec<String> = Vec::new();
    match pos.first() {
        None => {
            if let Value::Dict(d) = (ctx().hooks().current_locals)()? {
                names.extend(d.keys().iter().filter_map(|k| k.as_str().map(str::to_owned)));
            }
        }
        Some(v) => {
            if let Some(f) = ops::lookup_special(v, "__dir__") {
                if !matches!(f, Value::Builtin(_)) {
                    let r = ops::call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                    let mut items = ops::collect(&r)?;
                    let sorted = crate::objects::sequence::sort_values(std::mem::take(&mut items), None, false)
                        .map_err(|(e, _)| e)?;
                    return Ok(Value::list(sorted));
                }
            }
            let mut add_dict = |d: &DictObj| {
                for k in d.keys() {
                    if let Some(s) = k.as_str() {
                        names.push(s.to_owned());
                    }
                }
            };
            match v {
                Value::Module(m) => add_dict(&m.dict),
                Value::Type(t) => {
                    for c in t.mro_with_self() {
                        add_dict(&c.dict);
                    }
                }
                _ => {
                    if let Value::Instance(i) = v {
                        add_dict(&i.dict);
                    }
                    for c in ops::type_of(v).mro_with_self() {
                        add_dict(&c.dict);
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

/// `type(name, bases, namespace)`.
pub fn type_new(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    if pos.len() != 3 {
        return Err(PyErr::type_error("type() takes 1 or 3 arguments"));
    }
    let Value::Str(name) = &pos[0] else {
        return Err(PyErr::type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            ops::type_name(&pos[0])
        )));
    };
    let Value::Tuple(bases) = &pos[1] else {
        return Err(PyErr::type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            ops::type_name(&pos[1])
        )));
    };
    let Value::Dict(ns) = &ops::payload(&pos[2]) else {
        return Err(PyErr::type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            ops::type_name(&pos[2])
        )));
    };
    let mut base_types: Vec<Arc<TypeObj>> = Vec::new();
    for b in bases.items() {
        match b {
            Value::Type(t) => base_types.push(t.clone()),
            other => {
                return Err(PyErr::type_error(format!(
                    "type.__new__() argument 2 must be a tuple of types, not {}",
                    ops::type_name(other)
                )))
            }
        }
    }
    let cls = make_class(None, name.as_str(), base_types, ns, &[])?;
    Ok(Value::Type(cls))
}

/// Create a class and run the class-creation hooks (`__set_name__`,
/// `__init_subclass__`), as `type.__new__` does.
pub fn make_class(
    meta: Option<Arc<TypeObj>>,
    name: &str,
    bases: Vec<Arc<TypeObj>>,
    ns: &DictObj,
    kwargs: &[(Value, Value)],
) -> PyResult<Arc<TypeObj>> {
    if ns.get_str("__eq__").is_some() && ns.get_str("__hash__").is_none() {
        ns.set_str("__hash__", Value::None);
    }
    if ns.get_str("__module__").is_none() {
        if let Some(g) = (ctx().hooks().current_globals)() {
            if let Some(m) = g.get_str("__name__") {
                ns.set_str("__module__", m);
            }
        }
    }
    let cls = typeobj::new_class(meta, name, bases, ns)?;
    let cls_value = crate::gc::tracked(Value::Type(cls.clone()));
    // Functions defined in the body: wrap special static/class methods.
    if let Some(f @ Value::Function(_)) = cls.dict.get_str("__init_subclass__") {
        cls.dict.set_str("__init_subclass__", crate::objects::descriptor::class_method(f));
    }
    if let Some(f @ Value::Function(_)) = cls.dict.get_str("__class_getitem__") {
        cls.dict.set_str("__class_getitem__", crate::objects::descriptor::class_method(f));
    }
    if let Some(f @ Value::Function(_)) = cls.dict.get_str("__new__") {
        cls.dict.set_str("__new__", crate::objects::descriptor::static_method(f));
    }
    ctx().bump_type_version();
    for (k, v) in cls.dict.items() {
        if let Some(set_name) = ops::lookup_special(&v, "__set_name__") {
            if !matches!(v, Value::Builtin(_)) {
                ops::call(&set_name, CallArgs::positional_only(&[v.clone(), cls_value.clone(), k.clone()]))?;
            }
        }
    }
    // super(cls, cls).__init_subclass__(**kwargs)
    let sup = crate::objects::descriptor::Super::new(cls.clone(), cls_value.clone())?;
    if let Some(init_sub) = sup.lookup("__init_subclass__")? {
        let mut args = Vec::new();
        let mut names = Vec::new();
        for (k, v) in kwargs {
            names.push(k.clone());
            args.push(v.clone());
        }
        ops::call(&init_sub, CallArgs::new(&args, &names))?;
    } else if !kwargs.is_empty() {
        return Err(PyErr::type_error(format!("{name}.__init_subclass__() takes no keyword arguments")));
    }
    Ok(cls)
}
