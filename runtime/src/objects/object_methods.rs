//! The methods every object inherits from `object`, the methods of `type`,
//! and the special-method wrappers of builtin types (`int.__add__`,
//! `list.__getitem__`, ...) that make `super().__eq__(x)` or
//! `(7).__add__(3)` work. Each wrapper applies the builtin operation to the
//! builtin payload of `self`, so a subclass calling up never recurses into
//! its own override.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::descriptor;
use crate::objects::function::{BuiltinFn, BuiltinFunction};
use crate::objects::instance;
use crate::objects::typeobj::TypeObj;
use crate::ops::{self, BinaryOp, CompareOp};
use crate::value::Value;

fn object_method(t: &TypeObj, name: &'static str, f: BuiltinFn) {
    let mut b = BuiltinFunction::method(name, f);
    b.qualname = Some("object".into());
    t.dict.set_str(name, Value::Builtin(Arc::new(b)));
}

fn obj_repr(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__repr__")?;
    Ok(Value::string(ops::default_repr(s)))
}

fn obj_str(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__str__")?;
    Ok(Value::string(ops::repr(s)?))
}

fn obj_eq(a: CallArgs) -> PyResult<Value> {
    let [s, o] = a.exact::<2>("__eq__")?;
    Ok(if s.is(o) { Value::Bool(true) } else { Value::NotImplemented })
}

fn obj_ne(a: CallArgs) -> PyResult<Value> {
    let [s, o] = a.exact::<2>("__ne__")?;
    let r = ops::compare(s, o, CompareOp::Eq)?;
    Ok(match r {
        Value::NotImplemented => r,
        other => Value::Bool(!ops::truthy(&other)?),
    })
}

fn obj_not_implemented(_a: CallArgs) -> PyResult<Value> {
    Ok(Value::NotImplemented)
}

fn obj_hash(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__hash__")?;
    Ok(Value::Int(ops::hash(&ops::payload(s)).unwrap_or_else(|_| (s.heap_ptr().unwrap_or(0) >> 4) as i64)))
}

fn obj_getattribute(a: CallArgs) -> PyResult<Value> {
    let [s, name] = a.exact::<2>("__getattribute__")?;
    let Some(n) = name.as_str() else {
        return Err(PyErr::type_error("attribute name must be string"));
    };
    let cls = ops::type_of(s);
    match ops::generic_getattr(s, &cls, name, n)? {
        Some(v) => Ok(v),
        None => Err(PyErr::attribute_error(format!("'{}' object has no attribute '{n}'", cls.name()))),
    }
}

fn obj_setattr(a: CallArgs) -> PyResult<Value> {
    let [s, name, v] = a.exact::<3>("__setattr__")?;
    let n = name.as_str().ok_or_else(|| PyErr::type_error("attribute name must be string"))?;
    if let Value::Type(t) = s {
        // `type.__setattr__(cls, ...)` (reached through object's slot).
        ops::type_set_or_del_attr(t, name, n, Some(v.clone()))?;
        return Ok(Value::None);
    }
    ops::generic_setattr(s, &ops::type_of(s), name, n, Some(v.clone()))?;
    Ok(Value::None)
}

fn obj_delattr(a: CallArgs) -> PyResult<Value> {
    let [s, name] = a.exact::<2>("__delattr__")?;
    let n = name.as_str().ok_or_else(|| PyErr::type_error("attribute name must be string"))?;
    if let Value::Type(t) = s {
        ops::type_set_or_del_attr(t, name, n, None)?;
        return Ok(Value::None);
    }
    ops::generic_setattr(s, &ops::type_of(s), name, n, None)?;
    Ok(Value::None)
}

fn obj_format(a: CallArgs) -> PyResult<Value> {
    let [s, spec] = a.exact::<2>("__format__")?;
    let spec = spec.as_str().unwrap_or("");
    if !spec.is_empty() && matches!(ops::payload(s), Value::Instance(_)) {
        return Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            ops::type_name(s)
        )));
    }
    Ok(Value::string(crate::builtins::format_value(&ops::payload(s), spec)?))
}

fn obj_init_subclass(a: CallArgs) -> PyResult<Value> {
    if a.has_kwargs() {
        let cls = a.positional().first().map(ops::repr).transpose()?.unwrap_or_default();
        let _ = cls;
        return Err(PyErr::type_error("object.__init_subclass__() takes no keyword arguments"));
    }
    Ok(Value::None)
}

fn obj_dir(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__dir__")?;
    let mut names: Vec<String> = Vec::new();
    if let Value::Instance(i) = s {
        names.extend(i.dict.keys().iter().filter_map(|k| k.as_str().map(str::to_owned)));
    }
    for t in ops::type_of(s).mro_with_self() {
        names.extend(t.dict.keys().iter().filter_map(|k| k.as_str().map(str::to_owned)));
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

fn type_mro(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("mro")?;
    match s {
        Value::Type(t) => Ok(Value::list(t.mro_with_self().into_iter().map(Value::Type).collect())),
        _ => Err(PyErr::type_error("descriptor 'mro' requires a 'type' object")),
    }
}

fn type_subclasses(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__subclasses__")?;
    match s {
        Value::Type(t) => Ok(Value::list(
            t.subclasses.read().iter().filter_map(|w| w.upgrade()).map(Value::Type).collect(),
        )),
        _ => Err(PyErr::type_error("descriptor '__subclasses__' requires a 'type' object")),
    }
}

/// `type.__new__(mcs, name, bases, ns, **kw)`: what a metaclass calls up to.
fn type_dunder_new(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    if pos.len() == 2 {
        return Ok(Value::Type(ops::type_of(&pos[1])));
    }
    if pos.len() != 4 {
        return Err(PyErr::type_error("type.__new__() takes exactly 3 arguments"));
    }
    let Value::Type(mcs) = &pos[0] else {
        return Err(PyErr::type_error("type.__new__(X): X is not a type object"));
    };
    let name = pos[1].as_str().ok_or_else(|| PyErr::type_error("type.__new__() argument 1 must be str"))?;
    let bases = match &pos[2] {
        Value::Tuple(t) => t
            .items()
            .iter()
            .map(|b| match b {
                Value::Type(t) => Ok(t.clone()),
                _ => Err(PyErr::type_error("bases must be types")),
            })
            .collect::<PyResult<Vec<_>>>()?,
        _ => return Err(PyErr::type_error("type.__new__() argument 2 must be tuple")),
    };
    // A dict subclass (a `__prepare__` namespace) counts as its dict.
    let Value::Dict(ns) = &crate::ops::payload(&pos[3]) else {
        return Err(PyErr::type_error("type.__new__() argument 3 must be dict"));
    };
    let meta = if Arc::ptr_eq(mcs, &ctx().types.type_) { None } else { Some(mcs.clone()) };
    let kwargs: Vec<(Value, Value)> = a.kwnames.iter().cloned().zip(a.kwvalues().iter().cloned()).collect();
    let cls = crate::builtins::make_class(meta, name, bases, ns, &kwargs)?;
    Ok(Value::Type(cls))
}

fn type_dunder_init(_a: CallArgs) -> PyResult<Value> {
    Ok(Value::None)
}

fn type_dunder_call(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let Some(Value::Type(t)) = pos.first() else {
        return Err(PyErr::type_error("descriptor '__call__' requires a 'type' object"));
    };
    let rest = &a.args[1..];
    if t.is_builtin {
        if let Some(ctor) = t.constructor {
            return ctor(CallArgs::new(rest, a.kwnames));
        }
    }
    ops::construct(t, CallArgs::new(rest, a.kwnames))
}

fn type_prepare(_a: CallArgs) -> PyResult<Value> {
    Ok(Value::dict(crate::objects::dict::DictObj::new()))
}

fn type_repr(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__repr__")?;
    Ok(Value::string(ops::builtin_repr(s)?))
}

fn type_instancecheck(a: CallArgs) -> PyResult<Value> {
    let [cls, obj] = a.exact::<2>("__instancecheck__")?;
    match cls {
        Value::Type(t) => Ok(Value::Bool(ops::type_of(obj).is_subtype(t))),
        _ => Ok(Value::Bool(false)),
    }
}

fn type_subclasscheck(a: CallArgs) -> PyResult<Value> {
    let [cls, sub] = a.exact::<2>("__subclasscheck__")?;
    match (cls, sub) {
        (Value::Type(t), Value::Type(s)) => Ok(Value::Bool(s.is_subtype(t))),
        _ => Err(PyErr::type_error("issubclass() arg 1 must be a class")),
    }
}

macro_rules! binary_wrappers {
    ($($op:ident: $f:ident, $rf:ident;)*) => {
        $(
            fn $f(a: CallArgs) -> PyResult<Value> {
                let [x, y] = a.exact::<2>(BinaryOp::$op.dunder().0)?;
                ops::builtin_binary(BinaryOp::$op, &ops::payload(x), &ops::payload(y))
            }
            fn $rf(a: CallArgs) -> PyResult<Value> {
                let [x, y] = a.exact::<2>(BinaryOp::$op.dunder().1)?;
                ops::builtin_binary(BinaryOp::$op, &ops::payload(y), &ops::payload(x))
            }
        )*
        const BINARY: &[(BinaryOp, BuiltinFn, BuiltinFn)] = &[$((BinaryOp::$op, $f, $rf)),*];
    };
}

binary_wrappers! {
    Add: add, radd;
    Sub: sub, rsub;
    Mul: mul, rmul;
    TrueDiv: truediv, rtruediv;
    FloorDiv: floordiv, rfloordiv;
    Mod: mod_, rmod;
    Pow: pow, rpow;
    LShift: lshift, rlshift;
    RShift: rshift, rrshift;
    Or: or, ror;
    Xor: xor, rxor;
    And: and, rand;
}

macro_rules! compare_wrappers {
    ($($op:ident: $f:ident;)*) => {
        $(
            fn $f(a: CallArgs) -> PyResult<Value> {
                let [x, y] = a.exact::<2>(CompareOp::$op.dunder())?;
                ops::builtin_compare(&ops::payload(x), &ops::payload(y), CompareOp::$op)
            }
        )*
        const COMPARE: &[(CompareOp, BuiltinFn)] = &[$((CompareOp::$op, $f)),*];
    };
}

compare_wrappers! {
    Lt: lt;
    Le: le;
    Eq: eq;
    Ne: ne;
    Gt: gt;
    Ge: ge;
}

fn w_len(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__len__")?;
    Ok(Value::from_usize(ops::len(&ops::payload(s))?))
}
fn w_getitem(a: CallArgs) -> PyResult<Value> {
    let [s, k] = a.exact::<2>("__getitem__")?;
    ops::getitem(&ops::payload(s), k)
}
fn w_setitem(a: CallArgs) -> PyResult<Value> {
    let [s, k, v] = a.exact::<3>("__setitem__")?;
    ops::setitem(&ops::payload(s), k, v.clone())?;
    Ok(Value::None)
}
fn w_delitem(a: CallArgs) -> PyResult<Value> {
    let [s, k] = a.exact::<2>("__delitem__")?;
    ops::delitem(&ops::payload(s), k)?;
    Ok(Value::None)
}
fn w_contains(a: CallArgs) -> PyResult<Value> {
    let [s, k] = a.exact::<2>("__contains__")?;
    Ok(Value::Bool(ops::contains(&ops::payload(s), k)?))
}
fn w_iter(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__iter__")?;
    ops::iter(&ops::payload(s))
}
fn w_repr(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__repr__")?;
    Ok(Value::string(ops::builtin_repr(&ops::payload(s))?))
}
fn w_bool(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__bool__")?;
    Ok(Value::Bool(ops::truthy(&ops::payload(s))?))
}
fn w_hash(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__hash__")?;
    Ok(Value::Int(ops::hash(&ops::payload(s))?))
}
fn w_neg(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__neg__")?;
    ops::unary_op(ops::UnaryOp::Neg, &ops::payload(s))
}
fn w_pos(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__pos__")?;
    ops::unary_op(ops::UnaryOp::Pos, &ops::payload(s))
}
fn w_invert(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__invert__")?;
    ops::unary_op(ops::UnaryOp::Invert, &ops::payload(s))
}
fn w_abs(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__abs__")?;
    ops::abs(&ops::payload(s))
}
fn w_init(_a: CallArgs) -> PyResult<Value> {
    Ok(Value::None)
}

pub fn init_types() {
    let c = ctx();
    let o = &c.types.object;
    o.dict.set_str("__new__", descriptor::static_method(Value::Builtin(Arc::new({
        let mut b = BuiltinFunction::function("__new__", instance::object_new);
        b.qualname = Some("object".into());
        b
    }))));
    object_method(o, "__init__", instance::object_init);
    object_method(o, "__repr__", obj_repr);
    object_method(o, "__str__", obj_str);
    object_method(o, "__eq__", obj_eq);
    object_method(o, "__ne__", obj_ne);
    for name in ["__lt__", "__le__", "__gt__", "__ge__"] {
        object_method(o, name, obj_not_implemented);
    }
    object_method(o, "__hash__", obj_hash);
    object_method(o, "__getattribute__", obj_getattribute);
    object_method(o, "__setattr__", obj_setattr);
    object_method(o, "__delattr__", obj_delattr);
    object_method(o, "__format__", obj_format);
    object_method(o, "__dir__", obj_dir);
    o.dict.set_str(
        "__init_subclass__",
        descriptor::class_method(Value::Builtin(Arc::new(BuiltinFunction::function("__init_subclass__", obj_init_subclass)))),
    );

    let t = &c.types.type_;
    t.add_method("mro", type_mro);
    t.add_method("__subclasses__", type_subclasses);
    t.dict.set_str("__new__", descriptor::static_method(Value::Builtin(Arc::new(BuiltinFunction::function("__new__", type_dunder_new)))));
    t.add_method("__init__", type_dunder_init);
    t.add_method("__call__", type_dunder_call);
    t.add_method("__repr__", type_repr);
    t.add_method("__instancecheck__", type_instancecheck);
    t.add_method("__subclasscheck__", type_subclasscheck);
    t.add_classmethod("__prepare__", type_prepare);

    let numbers = [&c.types.int, &c.types.float, &c.types.complex];
    let containers = [&c.types.str, &c.types.bytes, &c.types.list, &c.types.tuple, &c.types.dict, &c.types.set, &c.types.frozenset, &c.types.range];
    for ty in numbers.iter().chain(containers.iter()) {
        for (op, f, rf) in BINARY {
            let (name, rname, _) = op.dunder();
            ty.add_method(name, *f);
            ty.add_method(rname, *rf);
        }
        for (op, f) in COMPARE {
            ty.add_method(op.dunder(), *f);
        }
        ty.add_method("__repr__", w_repr);
        ty.add_method("__bool__", w_bool);
        ty.add_method("__hash__", w_hash);
        ty.dict.set_str("__new__", descriptor::static_method(Value::Builtin(Arc::new(BuiltinFunction::function("__new__", instance::builtin_new)))));
    }
    for ty in numbers {
        ty.add_method("__neg__", w_neg);
        ty.add_method("__pos__", w_pos);
        ty.add_method("__abs__", w_abs);
        ty.add_method("__init__", w_init);
    }
    c.types.int.add_method("__invert__", w_invert);
    for ty in containers {
        ty.add_method("__len__", w_len);
        ty.add_method("__getitem__", w_getitem);
        ty.add_method("__contains__", w_contains);
        ty.add_method("__iter__", w_iter);
    }
    for ty in [&c.types.list, &c.types.dict] {
        ty.add_method("__setitem__", w_setitem);
        ty.add_method("__delitem__", w_delitem);
    }
    for ty in [&c.types.str, &c.types.bytes, &c.types.tuple, &c.types.frozenset] {
        ty.add_method("__init__", w_init);
    }
    for ty in [&c.types.list, &c.types.dict, &c.types.set] {
        ty.dict.set_str("__hash__", Value::None);
    }
}
