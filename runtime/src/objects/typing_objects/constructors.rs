//! Making the typing objects: the classes' constructors (`TypeVar("T",
//! bound=int)`, ...), `Generic`, the private builtins the front end calls,
//! and the `__type_params__` every function and class has.

use std::sync::Arc;

use super::{
    caller_module, class_method, method, no_default, registered, runtime_class, static_method,
    str_arg, Lazy, NoDefaultObj, TypeAliasObj, TypeVarObj, TypeVarTupleObj, VarKind,
};
use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::descriptor::add_getset;
use crate::objects::function::{BuiltinFn, BuiltinFunction};
use crate::objects::native::downcast;
use crate::objects::typeobj::{BaseKind, TypeObj};
use crate::ops;
use crate::value::Value;

/// The `_typing` module (as CPython's, the native part of `typing`).
pub fn module() -> PyResult<Value> {
    let m = crate::objects::module::ModuleObj::new("_typing");
    for (name, value) in typing_names() {
        m.set(name, value);
    }
    Ok(Value::Module(Arc::new(m)))
}

/// The names a `typing` module exports from here, with their values.
pub fn typing_names() -> Vec<(&'static str, Value)> {
    let class = |key: &str| Value::Type(registered(key));
    vec![
        ("TypeVar", class("$TypeVar")),
        ("TypeVarTuple", class("$TypeVarTuple")),
        ("ParamSpec", class("$ParamSpec")),
        ("ParamSpecArgs", class("$ParamSpecArgs")),
        ("ParamSpecKwargs", class("$ParamSpecKwargs")),
        ("TypeAliasType", class("$TypeAliasType")),
        ("Generic", class("$Generic")),
        ("NoDefault", no_default()),
    ]
}

pub(super) fn install() {
    let c = ctx();
    let typevar = runtime_class(
        "TypeVar",
        "typing",
        vec![
            ("__new__", static_method("__new__", typevar_new)),
            ("has_default", method("has_default", has_default)),
        ],
    );
    let paramspec = runtime_class(
        "ParamSpec",
        "typing",
        vec![
            ("__new__", static_method("__new__", paramspec_new)),
            ("has_default", method("has_default", has_default)),
        ],
    );
    let typevartuple = runtime_class(
        "TypeVarTuple",
        "typing",
        vec![
            ("__new__", static_method("__new__", typevartuple_new)),
            ("has_default", method("has_default", has_default)),
        ],
    );
    let alias = runtime_class(
        "TypeAliasType",
        "typing",
        vec![("__new__", static_method("__new__", type_alias_new))],
    );
    let generic = runtime_class(
        "Generic",
        "typing",
        vec![
            (
                "__class_getitem__",
                class_method("__class_getitem__", generic_getitem),
            ),
            (
                "__init_subclass__",
                class_method("__init_subclass__", generic_init_subclass),
            ),
        ],
    );
    let object = &c.types.object;
    let no_default_type =
        TypeObj::new_builtin("NoDefaultType", Some(object), BaseKind::Other, None);
    for (key, class) in [
        ("$TypeVar", typevar),
        ("$ParamSpec", paramspec),
        ("$TypeVarTuple", typevartuple),
        ("$TypeAliasType", alias),
        ("$Generic", generic),
        ("$NoDefaultType", no_default_type),
        (
            "$ParamSpecArgs",
            runtime_class("ParamSpecArgs", "typing", Vec::new()),
        ),
        (
            "$ParamSpecKwargs",
            runtime_class("ParamSpecKwargs", "typing", Vec::new()),
        ),
    ] {
        c.builtins.set(key, Value::Type(class));
    }
    c.builtins
        .set("$NoDefault", Value::native(NoDefaultObj));
    let private: [(&'static str, BuiltinFn); 6] = [
        ("$set_annotate", crate::objects::function::set_annotate),
        ("$typevar", make_typevar),
        ("$typevartuple", make_typevartuple),
        ("$paramspec", make_paramspec),
        ("$type_alias", make_type_alias),
        ("$set_type_params", set_type_params),
    ];
    for (name, f) in private {
        c.builtins.set(
            name,
            Value::Builtin(Arc::new(BuiltinFunction::function(name, f))),
        );
    }
    add_getset(
        &c.types.function,
        "__type_params__",
        function_type_params,
        None,
    );
    add_getset(&c.types.type_, "__type_params__", class_type_params, None);
}

// ----- what the front end calls ----------------------------------------------

/// `$typevar(name, bound, constraints, default)`: a PEP 695 TypeVar; the
/// last three are functions evaluated lazily, or None.
fn make_typevar(a: CallArgs) -> PyResult<Value> {
    let [name, bound, constraints, default] = a.exact::<4>("$typevar")?;
    Ok(Value::native(TypeVarObj {
        kind: VarKind::TypeVar,
        name: name.clone(),
        bound: Lazy::from_function(bound),
        constraints: Lazy::from_function(constraints),
        default: Lazy::from_function(default),
        covariant: false,
        contravariant: false,
        infer_variance: true,
        module: Value::str("typing"),
    }))
}

fn make_paramspec(a: CallArgs) -> PyResult<Value> {
    let [name, default] = a.exact::<2>("$paramspec")?;
    Ok(Value::native(TypeVarObj {
        kind: VarKind::ParamSpec,
        name: name.clone(),
        bound: Lazy::absent(),
        constraints: Lazy::absent(),
        default: Lazy::from_function(default),
        covariant: false,
        contravariant: false,
        infer_variance: true,
        module: Value::str("typing"),
    }))
}

fn make_typevartuple(a: CallArgs) -> PyResult<Value> {
    let [name, default] = a.exact::<2>("$typevartuple")?;
    Ok(Value::native(TypeVarTupleObj {
        name: name.clone(),
        default: Lazy::from_function(default),
        module: Value::str("typing"),
    }))
}

/// `$type_alias(name, type_params or None, value function)`.
fn make_type_alias(a: CallArgs) -> PyResult<Value> {
    let [name, params, value] = a.exact::<3>("$type_alias")?;
    let params = match params {
        Value::None => Value::tuple(Vec::new()),
        p => p.clone(),
    };
    Ok(TypeAliasObj::new_value(
        name.clone(),
        params,
        Lazy::from_function(value),
        caller_module(),
    ))
}

/// `$set_type_params(function, params)`: sets `__type_params__` and
/// returns the function.
fn set_type_params(a: CallArgs) -> PyResult<Value> {
    let [function, params] = a.exact::<2>("$set_type_params")?;
    ops::setattr(
        function,
        &crate::context::intern("__type_params__"),
        params.clone(),
    )?;
    Ok(function.clone())
}

fn function_type_params(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::Function(f) => f
            .dict
            .get_str("__type_params__")
            .unwrap_or_else(|| Value::tuple(Vec::new())),
        _ => Value::tuple(Vec::new()),
    })
}

/// `C.__type_params__` for a class that does not set its own.
fn class_type_params(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::Type(t) => t
            .dict
            .get_str("__type_params__")
            .unwrap_or_else(|| Value::tuple(Vec::new())),
        _ => Value::tuple(Vec::new()),
    })
}

// ----- constructors --------------------------------------------------------

fn flag(a: &CallArgs, name: &str) -> PyResult<bool> {
    match a.kwarg(name) {
        Some(v) => ops::truthy(&v),
        None => Ok(false),
    }
}

/// The `name` argument of a constructor whose class is argument 0.
fn name_arg(a: &CallArgs, owner: &str) -> PyResult<Value> {
    match a.get(1, "name") {
        Some(n) => str_arg(&n, owner, "name"),
        None => Err(PyErr::type_error(format!(
            "{owner}() missing required argument 'name' (pos 1)"
        ))),
    }
}

/// `TypeVar(name, *constraints, bound=None, covariant=False,
/// contravariant=False, infer_variance=False, default=NoDefault)`.
fn typevar_new(a: CallArgs) -> PyResult<Value> {
    let allowed = [
        "name",
        "bound",
        "covariant",
        "contravariant",
        "infer_variance",
        "default",
    ];
    a.only_kwargs("typevar", &allowed)?;
    let name = name_arg(&a, "typevar")?;
    let constraints = a.positional().get(2..).unwrap_or_default().to_vec();
    let (covariant, contravariant) = (flag(&a, "covariant")?, flag(&a, "contravariant")?);
    let infer_variance = flag(&a, "infer_variance")?;
    if covariant && contravariant {
        return Err(PyErr::value_error("Bivariant types are not supported."));
    }
    if infer_variance && (covariant || contravariant) {
        return Err(PyErr::value_error(
            "Variance cannot be specified with infer_variance.",
        ));
    }
    let bound = a.kwarg("bound").filter(|b| !b.is_none());
    if bound.is_some() && !constraints.is_empty() {
        return Err(PyErr::type_error(
            "Constraints cannot be combined with bound=...",
        ));
    }
    if constraints.len() == 1 {
        return Err(PyErr::type_error("A single constraint is not allowed"));
    }
    let constraints = match constraints.is_empty() {
        true => Lazy::absent(),
        false => Lazy::ready(Value::tuple(constraints)),
    };
    Ok(Value::native(TypeVarObj {
        kind: VarKind::TypeVar,
        name,
        bound: Lazy::given(bound, &Value::None),
        constraints,
        default: Lazy::given(a.kwarg("default"), &no_default()),
        covariant,
        contravariant,
        infer_variance,
        module: caller_module(),
    }))
}

/// `ParamSpec(name, *, bound=None, covariant=False, contravariant=False,
/// infer_variance=False, default=NoDefault)`.
fn paramspec_new(a: CallArgs) -> PyResult<Value> {
    let allowed = [
        "name",
        "bound",
        "covariant",
        "contravariant",
        "infer_variance",
        "default",
    ];
    a.only_kwargs("paramspec", &allowed)?;
    if a.positional().len() > 2 {
        return Err(crate::args::arity_error_fn(
            "paramspec",
            1,
            1,
            a.positional().len() - 1,
        ));
    }
    let name = name_arg(&a, "paramspec")?;
    let (covariant, contravariant) = (flag(&a, "covariant")?, flag(&a, "contravariant")?);
    if covariant && contravariant {
        return Err(PyErr::value_error("Bivariant types are not supported."));
    }
    Ok(Value::native(TypeVarObj {
        kind: VarKind::ParamSpec,
        name,
        bound: Lazy::given(a.kwarg("bound"), &Value::None),
        constraints: Lazy::absent(),
        default: Lazy::given(a.kwarg("default"), &no_default()),
        covariant,
        contravariant,
        infer_variance: flag(&a, "infer_variance")?,
        module: caller_module(),
    }))
}

/// `TypeVarTuple(name, *, default=NoDefault)`.
fn typevartuple_new(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("typevartuple", &["name", "default"])?;
    if a.positional().len() > 2 {
        return Err(crate::args::arity_error_fn(
            "typevartuple",
            1,
            1,
            a.positional().len() - 1,
        ));
    }
    Ok(Value::native(TypeVarTupleObj {
        name: name_arg(&a, "typevartuple")?,
        default: Lazy::given(a.kwarg("default"), &no_default()),
        module: caller_module(),
    }))
}

/// `TypeAliasType(name, value, *, type_params=())`.
fn type_alias_new(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("typealias", &["name", "value", "type_params"])?;
    let name = name_arg(&a, "typealias")?;
    let Some(value) = a.get(2, "value") else {
        return Err(PyErr::type_error(
            "typealias() missing required argument 'value' (pos 2)",
        ));
    };
    let params = match a.kwarg("type_params") {
        Some(p @ Value::Tuple(_)) => p,
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "type_params must be a tuple, not {}",
                ops::type_name(&other)
            )))
        }
        None => Value::tuple(Vec::new()),
    };
    Ok(TypeAliasObj::new_value(
        name,
        params,
        Lazy::ready(value),
        caller_module(),
    ))
}

/// `T.has_default()`.
fn has_default(a: CallArgs) -> PyResult<Value> {
    let [this] = a.exact::<1>("has_default")?;
    let absent = if let Some(t) = downcast::<TypeVarObj>(this) {
        t.default.is_absent()
    } else if let Some(t) = downcast::<TypeVarTupleObj>(this) {
        t.default.is_absent()
    } else {
        return Err(PyErr::type_error("has_default() needs a type parameter"));
    };
    Ok(Value::Bool(!absent))
}

// ----- Generic ---------------------------------------------------------------

/// `C[args]` for a generic class: a generic alias of it.
fn generic_getitem(a: CallArgs) -> PyResult<Value> {
    let [cls, args] = a.exact::<2>("__class_getitem__")?;
    if let Value::Tuple(t) = args {
        if t.is_empty() {
            let name = ops::getattr_str(cls, "__name__").and_then(|n| ops::str_of(&n))?;
            return Err(PyErr::type_error(format!(
                "Parameter list to {name}[...] cannot be empty"
            )));
        }
    }
    Ok(crate::objects::generic_alias::new(
        cls.clone(),
        args.clone(),
    ))
}

/// A generic class's `__parameters__` are its type parameters.
fn generic_init_subclass(a: CallArgs) -> PyResult<Value> {
    let Some(Value::Type(cls)) = a.positional().first() else {
        return Err(PyErr::type_error("__init_subclass__() needs a class"));
    };
    if a.has_kwargs() {
        return Err(PyErr::type_error(format!(
            "{}.__init_subclass__() takes no keyword arguments",
            cls.name()
        )));
    }
    let params = match cls.dict.get_str("__type_params__") {
        Some(p) => p,
        None => Value::tuple(orig_base_parameters(cls)),
    };
    cls.set_attr(crate::context::intern("__parameters__"), params)?;
    Ok(Value::None)
}

/// The type variables in a class's subscripted bases, in order
/// (`class Stack(Generic[T])` has `(T,)`).
fn orig_base_parameters(cls: &Arc<TypeObj>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let Some(Value::Tuple(bases)) = cls.dict.get_str("__orig_bases__") else { return out };
    for b in bases.items() {
        let Ok(Some(args)) = ops::getattr_opt(b, "__args__") else { continue };
        let args = match &args {
            Value::Tuple(t) => t.items().to_vec(),
            other => vec![other.clone()],
        };
        for a in args {
            let is_param = matches!(ops::type_name(&a).as_str(), "TypeVar" | "ParamSpec" | "TypeVarTuple");
            if is_param && !out.iter().any(|x| x.is(&a)) {
                out.push(a);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::args::CallArgs;
    use crate::objects::text_args::testing::{ready, show};
    use crate::ops;
    use crate::value::Value;

    fn builtin(name: &str) -> Value {
        ready().builtins.get(name).unwrap_or(Value::None)
    }

    fn call(f: &Value, args: &[Value], kwargs: &[(&str, Value)]) -> crate::error::PyResult<Value> {
        let mut all = args.to_vec();
        let names: Vec<Value> = kwargs.iter().map(|(k, _)| Value::str(k)).collect();
        all.extend(kwargs.iter().map(|(_, v)| v.clone()));
        ops::call(f, CallArgs::new(&all, &names))
    }

    fn attr(v: &Value, name: &str) -> String {
        show(ops::getattr_str(v, name))
    }

    #[test]
    fn typevars_made_by_calling_the_class() {
        let typevar = builtin("$TypeVar");
        let t = call(&typevar, &[Value::str("T")], &[]).unwrap_or(Value::None);
        assert_eq!(show(Ok(t.clone())), "~T");
        assert_eq!(attr(&t, "__bound__"), "None");
        assert_eq!(attr(&t, "__constraints__"), "()");
        assert_eq!(attr(&t, "__default__"), "typing.NoDefault");
        let int = Value::Type(ready().types.int.clone());
        let co = call(
            &typevar,
            &[Value::str("Co")],
            &[("covariant", Value::Bool(true)), ("bound", int.clone())],
        );
        let co = co.unwrap_or(Value::None);
        assert_eq!(show(Ok(co.clone())), "+Co");
        assert_eq!(attr(&co, "__bound__"), "<class 'int'>");
        let both = [
            ("covariant", Value::Bool(true)),
            ("contravariant", Value::Bool(true)),
        ];
        assert_eq!(
            show(call(&typevar, &[Value::str("B")], &both)),
            "ValueError: Bivariant types are not supported."
        );
        assert_eq!(
            show(call(&typevar, &[Value::str("S"), int], &[])),
            "TypeError: A single constraint is not allowed"
        );
        assert_eq!(
            show(call(&typevar, &[Value::Int(1)], &[])),
            "TypeError: typevar() argument 'name' must be str, not int"
        );
    }

    #[test]
    fn pep695_parameters_evaluate_bounds_lazily() {
        // `int` as the "function": calling it gives 0.
        let int = Value::Type(ready().types.int.clone());
        let args = [Value::str("T"), int, Value::None, Value::None];
        let t = call(&builtin("$typevar"), &args, &[]).unwrap_or(Value::None);
        assert_eq!(show(Ok(t.clone())), "T");
        assert_eq!(attr(&t, "__bound__"), "0");
        assert_eq!(attr(&t, "__infer_variance__"), "True");
        assert_eq!(show(ops::call_method(&t, "has_default", &[])), "False");
        let p = call(&builtin("$paramspec"), &[Value::str("P"), Value::None], &[])
            .unwrap_or(Value::None);
        assert_eq!(attr(&p, "args"), "P.args");
        assert_eq!(attr(&p, "kwargs"), "P.kwargs");
        let ts = call(
            &builtin("$typevartuple"),
            &[Value::str("Ts"), Value::None],
            &[],
        );
        let unpacked = ts.and_then(|ts| ops::collect(&ts)).map(Value::list);
        assert_eq!(show(unpacked), "[typing.Unpack[Ts]]");
    }

    #[test]
    fn type_aliases() {
        let list = Value::Type(ready().types.list.clone());
        let alias =
            call(&builtin("$TypeAliasType"), &[Value::str("A"), list], &[]).unwrap_or(Value::None);
        assert_eq!(show(Ok(alias.clone())), "A");
        assert_eq!(attr(&alias, "__value__"), "<class 'list'>");
        assert_eq!(attr(&alias, "__type_params__"), "()");
        assert_eq!(
            show(ops::getitem(&alias, &Value::Int(1))),
            "TypeError: Only generic type aliases are subscriptable"
        );
        let t = call(
            &builtin("$typevar"),
            &[Value::str("T"), Value::None, Value::None, Value::None],
            &[],
        );
        let params = Value::tuple(vec![t.unwrap_or(Value::None)]);
        let int = Value::Type(ready().types.int.clone());
        let generic = call(
            &builtin("$type_alias"),
            &[Value::str("G"), params, int.clone()],
            &[],
        );
        let generic = generic.unwrap_or(Value::None);
        assert_eq!(show(ops::getitem(&generic, &int)), "G[int]");
        assert_eq!(attr(&generic, "__value__"), "0");
    }
}
