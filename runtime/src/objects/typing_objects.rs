//! The objects of PEP 695 generics: `typing.TypeVar`, `TypeVarTuple`,
//! `ParamSpec` (with `P.args` / `P.kwargs`), `TypeAliasType`, `Generic`
//! and the `NoDefault` sentinel, and the private builtins the front end
//! lowers `def f[T]`, `class C[T]` and `type A = ...` to (`$typevar`,
//! `$typevartuple`, `$paramspec`, `$type_alias`, `$set_type_params`,
//! `$Generic`).
//!
//! Bounds, constraints, defaults and alias values written in the new
//! syntax are functions evaluated on first access (`Lazy`). The classes
//! are ordinary classes of module `typing` whose instances are native
//! objects; they live in the builtins module under private names, so the
//! host and every compiled module see one set of them, and `typing_names`
//! lists them for a `typing` module to export.

use std::any::Any;
use std::sync::{Arc, Weak};

use crate::sync::Mutex;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::descriptor;
use crate::objects::dict::DictObj;
use crate::objects::function::{BuiltinFn, BuiltinFunction};
use crate::objects::native::{downcast, NativeObject};
use crate::objects::typeobj::{self, TypeObj};
use crate::ops;
use crate::value::Value;

/// A value computed on first use by calling a function with no arguments.
pub struct Lazy(Mutex<LazyState>);

enum LazyState {
    Absent,
    Pending(Value),
    Ready(Value),
}

impl Lazy {
    fn absent() -> Lazy {
        Lazy(Mutex::new(LazyState::Absent))
    }

    fn ready(v: Value) -> Lazy {
        Lazy(Mutex::new(LazyState::Ready(v)))
    }

    /// From the front end: None for absent, else the function to call.
    fn from_function(f: &Value) -> Lazy {
        match f {
            Value::None => Lazy::absent(),
            f => Lazy(Mutex::new(LazyState::Pending(f.clone()))),
        }
    }

    /// A value given to a constructor: `absent_as` means "not given".
    fn given(v: Option<Value>, absent_as: &Value) -> Lazy {
        match v {
            Some(v) if !v.is(absent_as) => Lazy::ready(v),
            _ => Lazy::absent(),
        }
    }

    fn is_absent(&self) -> bool {
        matches!(*self.0.lock(), LazyState::Absent)
    }

    /// The value (None when absent); the function runs without the lock
    /// held, and the first result stored wins.
    fn get(&self) -> PyResult<Option<Value>> {
        let f = match &*self.0.lock() {
            LazyState::Absent => return Ok(None),
            LazyState::Ready(v) => return Ok(Some(v.clone())),
            LazyState::Pending(f) => f.clone(),
        };
        let v = ops::call(&f, CallArgs::positional_only(&[]))?;
        let mut state = self.0.lock();
        if let LazyState::Ready(first) = &*state {
            return Ok(Some(first.clone()));
        }
        *state = LazyState::Ready(v.clone());
        Ok(Some(v))
    }
}

// ----- classes -----------------------------------------------------------

/// A class of `module` made by the runtime, with `entries` in its dict.
/// Made with `type`'s machinery (not as a builtin type) so that it prints
/// as `module.Name`.
pub(crate) fn runtime_class(name: &str, module: &str, entries: Vec<(&str, Value)>) -> Arc<TypeObj> {
    let ns = DictObj::new();
    ns.set_str("__module__", Value::str(module));
    for (k, v) in entries {
        ns.set_str(k, v);
    }
    let object = ctx().types.object.clone();
    match typeobj::new_class(None, name, vec![object.clone()], &ns) {
        Ok(t) => t,
        // Cannot happen for a plain base; a class is still needed.
        Err(_) => TypeObj::new_builtin(name, Some(&object), typeobj::BaseKind::Other, None),
    }
}

pub(crate) fn method(name: &'static str, f: BuiltinFn) -> Value {
    Value::Builtin(Arc::new(BuiltinFunction::method(name, f)))
}

pub(crate) fn static_method(name: &'static str, f: BuiltinFn) -> Value {
    descriptor::static_method(Value::Builtin(Arc::new(BuiltinFunction::function(name, f))))
}

fn class_method(name: &'static str, f: BuiltinFn) -> Value {
    descriptor::class_method(Value::Builtin(Arc::new(BuiltinFunction::function(name, f))))
}

/// The class registered in the builtins module as `key`.
pub(crate) fn registered(key: &str) -> Arc<TypeObj> {
    match ctx().builtins.get(key) {
        Some(Value::Type(t)) => t,
        _ => ctx().types.object.clone(),
    }
}

fn no_default() -> Value {
    ctx().builtins.get("$NoDefault").unwrap_or(Value::None)
}

fn str_arg(v: &Value, owner: &str, what: &str) -> PyResult<Value> {
    match v {
        Value::Str(_) => Ok(v.clone()),
        other => Err(PyErr::type_error(format!(
            "{owner}() argument '{what}' must be str, not {}",
            ops::type_name(other)
        ))),
    }
}

/// The module the running code belongs to (`__module__` of objects made
/// by calling the classes).
fn caller_module() -> Value {
    (ctx().hooks().current_globals)()
        .and_then(|g| g.get_str("__name__"))
        .unwrap_or_else(|| Value::str("typing"))
}

// ----- TypeVar and ParamSpec -----------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum VarKind {
    TypeVar,
    ParamSpec,
}

/// A TypeVar or a ParamSpec (a ParamSpec has no bound or constraints).
pub struct TypeVarObj {
    kind: VarKind,
    name: Value,
    bound: Lazy,
    constraints: Lazy,
    default: Lazy,
    covariant: bool,
    contravariant: bool,
    infer_variance: bool,
    module: Value,
}

impl TypeVarObj {
    fn repr_string(&self) -> String {
        let name = self.name.as_str().unwrap_or("?");
        if self.infer_variance {
            return name.to_string();
        }
        let variance = match (self.covariant, self.contravariant) {
            (true, _) => '+',
            (_, true) => '-',
            _ => '~',
        };
        format!("{variance}{name}")
    }
}

impl NativeObject for TypeVarObj {
    fn type_obj(&self) -> Arc<TypeObj> {
        registered(match self.kind {
            VarKind::TypeVar => "$TypeVar",
            VarKind::ParamSpec => "$ParamSpec",
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "__name__" => self.name.clone(),
            "__module__" => self.module.clone(),
            "__bound__" => return Some(self.bound.get().map(|b| b.unwrap_or(Value::None))),
            "__constraints__" if self.kind == VarKind::TypeVar => {
                return Some(
                    self.constraints
                        .get()
                        .map(|c| c.unwrap_or_else(|| Value::tuple(Vec::new()))),
                )
            }
            "__default__" => return Some(self.default.get().map(|d| d.unwrap_or_else(no_default))),
            "__covariant__" => Value::Bool(self.covariant),
            "__contravariant__" => Value::Bool(self.contravariant),
            "__infer_variance__" => Value::Bool(self.infer_variance),
            "args" | "kwargs" if self.kind == VarKind::ParamSpec => {
                let kwargs = name == "kwargs";
                Value::native(ParamSpecPart {
                    origin: this.clone(),
                    kwargs,
                })
            }
            _ => return None,
        }))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(Ok(self.repr_string()))
    }
}

/// `P.args` / `P.kwargs`.
pub struct ParamSpecPart {
    origin: Value,
    kwargs: bool,
}

impl NativeObject for ParamSpecPart {
    fn type_obj(&self) -> Arc<TypeObj> {
        registered(if self.kwargs {
            "$ParamSpecKwargs"
        } else {
            "$ParamSpecArgs"
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        (name == "__origin__").then(|| Ok(self.origin.clone()))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let part = if self.kwargs { "kwargs" } else { "args" };
        Some(
            ops::getattr_str(&self.origin, "__name__")
                .and_then(|n| Ok(format!("{}.{part}", ops::str_of(&n)?))),
        )
    }
    fn eq(&self, other: &Value) -> Option<PyResult<bool>> {
        let o = downcast::<ParamSpecPart>(other)?;
        Some(Ok(self.kwargs == o.kwargs && self.origin.is(&o.origin)))
    }
}

// ----- TypeVarTuple --------------------------------------------------------

pub struct TypeVarTupleObj {
    name: Value,
    default: Lazy,
    module: Value,
}

impl NativeObject for TypeVarTupleObj {
    fn type_obj(&self) -> Arc<TypeObj> {
        registered("$TypeVarTuple")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "__name__" => self.name.clone(),
            "__module__" => self.module.clone(),
            "__default__" => return Some(self.default.get().map(|d| d.unwrap_or_else(no_default))),
            _ => return None,
        }))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(Ok(self.name.as_str().unwrap_or("?").to_string()))
    }
    /// `*Ts`: one `typing.Unpack[Ts]`.
    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        let unpacked = Value::native(Unpacked { of: this.clone() });
        Some(ops::iter(&Value::tuple(vec![unpacked])))
    }
}

/// `*Ts`, as `typing.Unpack[Ts]`.
pub struct Unpacked {
    of: Value,
}

impl NativeObject for Unpacked {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.generic_alias.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__args__" => Some(Ok(Value::tuple(vec![self.of.clone()]))),
            _ => None,
        }
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(ops::repr(&self.of).map(|r| format!("typing.Unpack[{r}]")))
    }
}

// ----- TypeAliasType -------------------------------------------------------

pub struct TypeAliasObj {
    name: Value,
    type_params: Value,
    value: Lazy,
    module: Value,
    /// This alias as a value, for `Alias[args]`.
    me: Weak<crate::objects::native::NativeBox>,
}

impl TypeAliasObj {
    fn new_value(name: Value, type_params: Value, value: Lazy, module: Value) -> Value {
        crate::objects::native::new_cyclic(|me| TypeAliasObj { name, type_params, value, module, me })
    }
}

impl NativeObject for TypeAliasObj {
    fn type_obj(&self) -> Arc<TypeObj> {
        registered("$TypeAliasType")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "__name__" => self.name.clone(),
            "__module__" => self.module.clone(),
            "__type_params__" | "__parameters__" => self.type_params.clone(),
            "__value__" => return Some(self.value.get().map(|v| v.unwrap_or(Value::None))),
            _ => return None,
        }))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(ops::str_of(&self.name))
    }
    fn getitem(&self, key: &Value) -> Option<PyResult<Value>> {
        let generic = matches!(&self.type_params, Value::Tuple(t) if !t.is_empty());
        if !generic {
            return Some(Err(PyErr::type_error(
                "Only generic type aliases are subscriptable",
            )));
        }
        let me = self.me.upgrade()?;
        Some(Ok(crate::objects::generic_alias::new(
            Value::Native(me),
            key.clone(),
        )))
    }
}

// ----- NoDefault -----------------------------------------------------------

pub struct NoDefaultObj;

impl NativeObject for NoDefaultObj {
    fn type_obj(&self) -> Arc<TypeObj> {
        registered("$NoDefaultType")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(Ok("typing.NoDefault".to_string()))
    }
}

mod constructors;
pub use constructors::{module, typing_names};

/// Make the classes and register them and the private builtins.
pub fn init_type() {
    constructors::install();
}
