//! Descriptors: `staticmethod`, `classmethod`, `property`, native get/set
//! attributes of builtin types, and `super`.

use std::any::Any;
use std::sync::Arc;

use crate::sync::RwLock;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::native::{downcast, NativeObject};
use crate::objects::typeobj::TypeObj;
use crate::ops;
use crate::value::Value;

pub struct StaticMethod {
    pub func: Value,
}

impl NativeObject for StaticMethod {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.staticmethod.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn descr_get(&self, _obj: Option<&Value>, _owner: &Arc<TypeObj>) -> Option<PyResult<Value>> {
        Some(Ok(self.func.clone()))
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__func__" | "__wrapped__" => Some(Ok(self.func.clone())),
            _ => Some(ops::getattr_str(&self.func, name)),
        }
    }
    fn call(&self, _this: &Value, args: CallArgs) -> Option<PyResult<Value>> {
        Some(ops::call(&self.func, args))
    }
}

pub struct ClassMethod {
    pub func: Value,
}

impl NativeObject for ClassMethod {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.classmethod.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn descr_get(&self, _obj: Option<&Value>, owner: &Arc<TypeObj>) -> Option<PyResult<Value>> {
        Some(Ok(crate::objects::function::BoundMethod::value(Value::Type(owner.clone()), self.func.clone())))
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__func__" | "__wrapped__" => Some(Ok(self.func.clone())),
            _ => Some(ops::getattr_str(&self.func, name)),
        }
    }
}

pub fn static_method(func: Value) -> Value {
    Value::native(StaticMethod { func })
}

pub fn class_method(func: Value) -> Value {
    Value::native(ClassMethod { func })
}

pub struct Property {
    pub fget: RwLock<Value>,
    pub fset: RwLock<Value>,
    pub fdel: RwLock<Value>,
    pub doc: RwLock<Value>,
    pub name: RwLock<Value>,
}

impl NativeObject for Property {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.property.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn descr_get(&self, obj: Option<&Value>, _owner: &Arc<TypeObj>) -> Option<PyResult<Value>> {
        let Some(obj) = obj else {
            return None;
        };
        let fget = self.fget.read().clone();
        if fget.is_none() {
            return Some(Err(PyErr::attribute_error(format!(
                "property {}of '{}' object has no getter",
                self.name_part(),
                ops::type_name(obj)
            ))));
        }
        Some(ops::call(&fget, CallArgs::positional_only(std::slice::from_ref(obj))))
    }
    fn descr_set(&self, obj: &Value, value: Option<Value>) -> Option<PyResult<()>> {
        let (f, what) = match &value {
            Some(_) => (self.fset.read().clone(), "setter"),
            None => (self.fdel.read().clone(), "deleter"),
        };
        if f.is_none() {
            return Some(Err(PyErr::attribute_error(format!(
                "property {}of '{}' object has no {what}",
                self.name_part(),
                ops::type_name(obj)
            ))));
        }
        let mut args = vec![obj.clone()];
        args.extend(value);
        Some(ops::call(&f, CallArgs::positional_only(&args)).map(|_| ()))
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn getattr(&self, this: &Value, name: &str) -> Option<PyResult<Value>> {
        let v = match name {
            "fget" => self.fget.read().clone(),
            "fset" => self.fset.read().clone(),
            "fdel" => self.fdel.read().clone(),
            "__doc__" => self.doc.read().clone(),
            "__isabstractmethod__" => Value::Bool(false),
            "setter" | "getter" | "deleter" => {
                return Some(Ok(crate::objects::function::BoundMethod::value(this.clone(), ctx().types.property.lookup_str(name)?)))
            }
            _ => return None,
        };
        Some(Ok(v))
    }
}

impl Property {
    fn name_part(&self) -> String {
        match self.name.read().as_str() {
            Some(n) => format!("'{n}' "),
            None => String::new(),
        }
    }
}

fn property_new(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("property", &["fget", "fset", "fdel", "doc"])?;
    let get = |i: usize, n: &str| a.get(i, n).unwrap_or(Value::None);
    let fget = get(0, "fget");
    let mut doc = get(3, "doc");
    if doc.is_none() && !fget.is_none() {
        doc = ops::getattr_opt(&fget, "__doc__")?.unwrap_or(Value::None);
    }
    let name = if fget.is_none() { Value::None } else { ops::getattr_opt(&fget, "__name__")?.unwrap_or(Value::None) };
    Ok(Value::native(Property {
        fget: RwLock::new(fget),
        fset: RwLock::new(get(1, "fset")),
        fdel: RwLock::new(get(2, "fdel")),
        doc: RwLock::new(doc),
        name: RwLock::new(name),
    }))
}

fn property_copy_with(a: &CallArgs, which: usize) -> PyResult<Value> {
    let [me, f] = a.exact::<2>("setter")?;
    let Some(p) = downcast::<Property>(me) else {
        return Err(PyErr::type_error("descriptor requires a 'property' object"));
    };
    let mut parts = [p.fget.read().clone(), p.fset.read().clone(), p.fdel.read().clone()];
    parts[which] = f.clone();
    let [fget, fset, fdel] = parts;
    let name = if which == 0 { ops::getattr_opt(f, "__name__")?.unwrap_or(Value::None) } else { p.name.read().clone() };
    Ok(Value::native(Property {
        fget: RwLock::new(fget),
        fset: RwLock::new(fset),
        fdel: RwLock::new(fdel),
        doc: RwLock::new(p.doc.read().clone()),
        name: RwLock::new(name),
    }))
}

fn property_getter(a: CallArgs) -> PyResult<Value> {
    property_copy_with(&a, 0)
}
fn property_setter(a: CallArgs) -> PyResult<Value> {
    property_copy_with(&a, 1)
}
fn property_deleter(a: CallArgs) -> PyResult<Value> {
    property_copy_with(&a, 2)
}

fn staticmethod_new(a: CallArgs) -> PyResult<Value> {
    let args = crate::args::check_fn(&a, "staticmethod", 1, 1)?;
    Ok(static_method(args[0].clone()))
}

fn classmethod_new(a: CallArgs) -> PyResult<Value> {
    let args = crate::args::check_fn(&a, "classmethod", 1, 1)?;
    Ok(class_method(args[0].clone()))
}

pub type Getter = fn(&Value) -> PyResult<Value>;
pub type Setter = fn(&Value, Value) -> PyResult<()>;

/// A computed attribute of a builtin type (`exc.args`, `int.real`).
pub struct GetSet {
    pub name: &'static str,
    pub owner: &'static str,
    pub get: Getter,
    pub set: Option<Setter>,
}

impl NativeObject for GetSet {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.getset_descriptor.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn descr_get(&self, obj: Option<&Value>, _owner: &Arc<TypeObj>) -> Option<PyResult<Value>> {
        obj.map(|o| (self.get)(o))
    }
    fn descr_set(&self, obj: &Value, value: Option<Value>) -> Option<PyResult<()>> {
        Some(match (self.set, value) {
            (Some(set), Some(v)) => set(obj, v),
            (_, None) => Err(PyErr::type_error(format!("cannot delete attribute '{}'", self.name))),
            (None, Some(_)) => Err(PyErr::attribute_error(format!(
                "attribute '{}' of '{}' objects is not writable",
                self.name, self.owner
            ))),
        })
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(Ok(format!("<attribute '{}' of '{}' objects>", self.name, self.owner)))
    }
}

pub fn add_getset(t: &Arc<TypeObj>, name: &'static str, get: Getter, set: Option<Setter>) {
    // Type names of builtins live as long as the context: leak a copy once.
    let owner: &'static str = Box::leak(t.name().to_string().into_boxed_str());
    t.dict.set_str(name, Value::native(GetSet { name, owner, get, set }));
}

/// `super(cls, obj)`: attribute lookup starting after `cls` in obj's MRO.
pub struct Super {
    pub cls: Arc<TypeObj>,
    pub obj: Value,
    /// The type whose MRO is searched (obj's type, or obj itself if a type).
    pub obj_type: Arc<TypeObj>,
}

impl Super {
    pub fn new(cls: Arc<TypeObj>, obj: Value) -> PyResult<Super> {
        let obj_type = match &obj {
            Value::Type(t) if t.is_subtype(&cls) => t.clone(),
            other => {
                let t = ops::type_of(other);
                if !t.is_subtype(&cls) {
                    return Err(PyErr::type_error(
                        "super(type, obj): obj must be an instance or subtype of type",
                    ));
                }
                t
            }
        };
        Ok(Super { cls, obj, obj_type })
    }

    /// For a `super()` bound to an instance: the plain function `name`
    /// finds after `cls` in the MRO, and the instance, so a call can pass
    /// it as `self` without a bound method. None for anything else.
    pub fn instance_function(&self, name: &Value) -> Option<(Value, Value)> {
        if !self.binds_instance() {
            return None;
        }
        let found = self.find_after(name)?;
        matches!(found, Value::Function(_)).then(|| (found, self.obj.clone()))
    }

    /// Bound to an instance (`super(C, obj)`), not a class.
    fn binds_instance(&self) -> bool {
        !matches!(&self.obj, Value::Type(t) if Arc::ptr_eq(t, &self.obj_type))
    }

    /// `name` in the first class after `cls` in the MRO that has it,
    /// unbound (found under the MRO's lock).
    fn find_after(&self, name: &Value) -> Option<Value> {
        let mro = self.obj_type.mro.read();
        let mut after = std::iter::once(&self.obj_type).chain(mro.iter()).skip_while(|t| !Arc::ptr_eq(t, &self.cls)).skip(1);
        after.find_map(|t| t.dict.get_str_key(name))
    }

    pub fn lookup(&self, name: &str) -> PyResult<Option<Value>> {
        let key = crate::context::intern(name);
        // Found under the MRO's lock, bound after it is released (a
        // descriptor's `__get__` may run any code).
        let Some(v) = self.find_after(&key) else { return Ok(None) };
        let obj = if self.binds_instance() { Some(&self.obj) } else { None };
        ops::bind_descriptor(v, obj, &self.obj_type).map(Some)
    }
}

impl NativeObject for Super {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.super_.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match self.lookup(name) {
            Ok(Some(v)) => Some(Ok(v)),
            Ok(None) => {
                if name == "__class__" {
                    return Some(Ok(Value::Type(ctx().types.super_.clone())));
                }
                Some(Err(PyErr::attribute_error(format!("'super' object has no attribute '{name}'"))))
            }
            Err(e) => Some(Err(e)),
        }
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(Ok(format!("<super: <class '{}'>, <{} object>>", self.cls.name(), self.obj_type.name())))
    }
}

fn super_new(a: CallArgs) -> PyResult<Value> {
    let args = crate::args::check_fn(&a, "super", 0, 2)?;
    match args {
        [Value::Type(cls), obj] => Ok(Value::native(Super::new(cls.clone(), obj.clone())?)),
        [_, _] => Err(PyErr::type_error("super() argument 1 must be a type")),
        [] => Err(PyErr::runtime_error("super(): no arguments")),
        _ => Err(PyErr::type_error("super() with one argument is not supported")),
    }
}

pub fn make_super(cls: &Value, obj: &Value) -> PyResult<Value> {
    match cls {
        Value::Type(t) => Ok(Value::native(Super::new(t.clone(), obj.clone())?)),
        _ => Err(PyErr::runtime_error("super(): __class__ is not a type")),
    }
}

pub fn constructors() -> [(&'static str, crate::objects::function::BuiltinFn); 4] {
    [("property", property_new), ("staticmethod", staticmethod_new), ("classmethod", classmethod_new), ("super", super_new)]
}

pub fn init_types() {
    let p = &ctx().types.property;
    p.add_method("getter", property_getter);
    p.add_method("setter", property_setter);
    p.add_method("deleter", property_deleter);
}
