//! `list[int]`-style generic aliases: enough for annotations evaluated at
//! run time and `isinstance` errors.

use std::any::Any;
use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::PyResult;
use crate::objects::native::NativeObject;
use crate::objects::typeobj::TypeObj;
use crate::ops;
use crate::value::Value;

pub struct GenericAlias {
    pub origin: Value,
    pub args: Value,
}

impl NativeObject for GenericAlias {
    fn type_obj(&self) -> Arc<TypeObj> {
        ctx().types.generic_alias.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__origin__" => Some(Ok(self.origin.clone())),
            "__args__" => Some(Ok(match &self.args {
                Value::Tuple(_) => self.args.clone(),
                other => Value::tuple(vec![other.clone()]),
            })),
            _ => None,
        }
    }
    fn call(&self, _this: &Value, args: CallArgs) -> Option<PyResult<Value>> {
        Some(ops::call(&self.origin, args))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let name = |v: &Value| -> PyResult<String> {
            match v {
                Value::Type(t) => Ok(t.full_name()),
                Value::Ellipsis => Ok("...".into()),
                other => ops::repr(other),
            }
        };
        let args = match &self.args {
            Value::Tuple(t) => t.items().iter().map(name).collect::<PyResult<Vec<_>>>(),
            other => name(other).map(|s| vec![s]),
        };
        Some(args.and_then(|a| Ok(format!("{}[{}]", name(&self.origin)?, a.join(", ")))))
    }
    fn eq(&self, other: &Value) -> Option<PyResult<bool>> {
        let o = crate::objects::native::downcast::<GenericAlias>(other)?;
        Some(ops::eq(&self.origin, &o.origin).and_then(|e| Ok(e && ops::eq(&self.args, &o.args)?)))
    }
}

pub fn new(origin: Value, args: Value) -> Value {
    Value::native(GenericAlias { origin, args })
}

pub fn init_type() {}
