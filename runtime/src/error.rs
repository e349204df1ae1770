//! `PyErr`: a raised Python exception travelling up the Rust stack, with the
//! traceback entries collected on the way. `PyResult<T>` is what every
//! fallible runtime operation returns.

use std::sync::Arc;

use crate::context::ctx;
use crate::objects::exception;
use crate::objects::typeobj::TypeObj;
use crate::value::Value;

pub type PyResult<T> = Result<T, PyErr>;

/// One line of a traceback: where a frame was when the exception passed.
#[derive(Clone, Debug)]
pub struct TraceEntry {
    pub filename: Arc<str>,
    pub name: Arc<str>,
    pub line: u32,
    /// Identifies the frame while it runs, so a frame that caught and
    /// re-raised an exception is listed once.
    pub frame: usize,
}

pub struct PyErr(Box<PyErrInner>);

pub struct PyErrInner {
    /// The exception instance.
    pub exc: Value,
    /// Innermost frame first (pushed as the error unwinds).
    pub traceback: Vec<TraceEntry>,
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyErr({})", exception::format_exception_only(&self.0.exc))
    }
}

impl PyErr {
    /// Wrap an exception instance (its stored traceback continues).
    pub fn from_exception(exc: Value) -> PyErr {
        let traceback = exception::traceback_of(&exc);
        PyErr(Box::new(PyErrInner { exc, traceback }))
    }

    pub fn exc(&self) -> &Value {
        &self.0.exc
    }

    pub fn into_exc(self) -> Value {
        self.0.exc
    }

    pub fn traceback(&self) -> &[TraceEntry] {
        &self.0.traceback
    }

    pub fn push_frame(&mut self, entry: TraceEntry) {
        if self.0.traceback.last().is_some_and(|last| last.frame == entry.frame && entry.frame != 0) {
            return;
        }
        self.0.traceback.push(entry);
    }

    /// Store the collected traceback in the exception (when it is caught).
    pub fn save_traceback(&self) {
        exception::set_traceback(&self.0.exc, self.0.traceback.clone());
    }

    pub fn is_instance(&self, ty: &Arc<TypeObj>) -> bool {
        exception::exc_type(&self.0.exc).is_subtype(ty)
    }

    pub fn new(ty: &Arc<TypeObj>, msg: impl Into<String>) -> PyErr {
        PyErr::from_exception(exception::new_exception(ty, vec![Value::string(msg.into())]))
    }

    pub fn with_args(ty: &Arc<TypeObj>, args: Vec<Value>) -> PyErr {
        PyErr::from_exception(exception::new_exception(ty, args))
    }

    pub fn type_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.type_error, msg)
    }
    pub fn value_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.value_error, msg)
    }
    pub fn index_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.index_error, msg)
    }
    pub fn key_error(key: Value) -> PyErr {
        PyErr::with_args(&ctx().exc.key_error, vec![key])
    }
    pub fn attribute_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.attribute_error, msg)
    }
    pub fn name_error(name: &str) -> PyErr {
        PyErr::new(&ctx().exc.name_error, format!("name '{name}' is not defined"))
    }
    pub fn zero_division(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.zero_division_error, msg)
    }
    pub fn overflow(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.overflow_error, msg)
    }
    pub fn runtime_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.runtime_error, msg)
    }
    pub fn recursion_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.recursion_error, msg)
    }
    pub fn system_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.system_error, msg)
    }
    /// `SystemExit(code)`.
    pub fn system_exit_code(code: i64) -> PyErr {
        PyErr::with_args(&ctx().exc.system_exit, vec![Value::Int(code)])
    }
    pub fn memory_error() -> PyErr {
        PyErr::with_args(&ctx().exc.memory_error, vec![])
    }
    pub fn not_implemented(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.not_implemented_error, msg)
    }
    pub fn import_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&ctx().exc.import_error, msg)
    }
    pub fn stop_iteration(value: Option<Value>) -> PyErr {
        PyErr::with_args(&ctx().exc.stop_iteration, value.into_iter().collect())
    }
    pub fn unbound_local(name: &str) -> PyErr {
        PyErr::new(
            &ctx().exc.unbound_local_error,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    }
    pub fn unbound_free(name: &str) -> PyErr {
        PyErr::new(
            &ctx().exc.name_error,
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }
}
