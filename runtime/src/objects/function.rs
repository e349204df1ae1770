//! Callables: Python functions (whose body is interpreted or compiled code
//! behind `FunctionCode`), builtin functions, bound methods, and the cells
//! closures share. Argument binding lives here once for both back ends.

use std::sync::Arc;

use crate::sync::{Mutex, RwLock};

use crate::args::CallArgs;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::ops;
use crate::value::Value;

pub type BuiltinFn = fn(CallArgs) -> PyResult<Value>;

/// A function body: interpreted IR or native code from a compiled module.
pub trait FunctionCode: Send + Sync {
    fn signature(&self) -> &Signature;
    /// Run the body for `func` with `args` as given by the caller.
    fn call(&self, func: &Arc<Function>, args: CallArgs) -> PyResult<Value>;
    /// `call` with positional arguments only, which the callee may take
    /// (leaving None behind) instead of cloning.
    fn call_taking(&self, func: &Arc<Function>, args: &mut [Value]) -> PyResult<Value> {
        self.call(func, CallArgs::positional_only(args))
    }
    fn filename(&self) -> &str;
    fn first_line(&self) -> u32;
    fn is_generator(&self) -> bool {
        false
    }
    fn is_coroutine(&self) -> bool {
        false
    }
    /// Code object attributes (`co_name`, `co_varnames`, ...), for
    /// introspection; `None` when unknown.
    fn attribute(&self, _name: &str) -> Option<Value> {
        None
    }
    /// The concrete code object, for a back end's own fast calls.
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        None
    }
}

/// A parameter list, in the order locals are laid out.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    /// All parameter names: positional, keyword-only, *args, **kwargs.
    pub names: Vec<Value>,
    pub posonly: usize,
    pub positional: usize,
    pub kwonly: usize,
    pub vararg: bool,
    pub kwarg: bool,
}

impl Signature {
    pub fn total(&self) -> usize {
        self.positional + self.kwonly + self.vararg as usize + self.kwarg as usize
    }

    fn name(&self, i: usize) -> &str {
        self.names.get(i).and_then(|n| n.as_str()).unwrap_or("?")
    }
}

pub struct CellObj {
    pub value: RwLock<Option<Value>>,
    pub(crate) gc: crate::gc::GcHeader,
}

impl Drop for CellObj {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
    }
}

impl CellObj {
    pub fn new(v: Option<Value>) -> CellObj {
        CellObj { value: RwLock::new(v), gc: crate::gc::GcHeader::new() }
    }
    #[inline]
    pub fn get(&self) -> Option<Value> {
        self.value.read().clone()
    }
    #[inline]
    pub fn set(&self, v: Option<Value>) {
        *self.value.write() = v;
    }
}

pub struct Function {
    pub code: Arc<dyn FunctionCode>,
    /// The module's globals dict.
    pub globals: Arc<DictObj>,
    pub name: RwLock<Value>,
    pub qualname: RwLock<Value>,
    pub defaults: RwLock<Vec<Value>>,
    /// Keyword-only defaults: (name, value).
    pub kwdefaults: RwLock<Vec<(Value, Value)>>,
    pub closure: Vec<Arc<CellObj>>,
    pub doc: RwLock<Value>,
    pub module: Value,
    pub dict: DictObj,
    /// `__annotations__` once asked for or set.
    pub annotations: Mutex<Option<Value>>,
    /// `__annotate__`: the function computing `__annotations__` (PEP 649).
    pub annotate: Mutex<Option<Value>>,
    pub gc: crate::gc::GcHeader,
}

impl Drop for Function {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
    }
}

impl Function {
    /// The function as a value, registered with the cycle collector with
    /// its closure cells.
    pub fn into_value(self) -> Value {
        crate::gc::track_cells(&self.closure);
        crate::gc::tracked(Value::Function(Arc::new(self)))
    }

    /// The cycle collector's view (see `gc`).
    pub(crate) fn gc_traverse(&self, visit: &mut crate::gc::Visit) -> bool {
        use crate::gc::Edge;
        visit(Edge::Dict(&self.globals));
        visit(Edge::Value(&self.module));
        self.closure.iter().for_each(|c| visit(Edge::Cell(c)));
        let (Some(name), Some(qualname), Some(doc), Some(defaults), Some(kwdefaults), Some(ann), Some(annotate)) = (
            self.name.try_read(),
            self.qualname.try_read(),
            self.doc.try_read(),
            self.defaults.try_read(),
            self.kwdefaults.try_read(),
            self.annotations.try_lock(),
            self.annotate.try_lock(),
        ) else {
            return false;
        };
        visit(Edge::Value(&name));
        visit(Edge::Value(&qualname));
        visit(Edge::Value(&doc));
        defaults.iter().for_each(|v| visit(Edge::Value(v)));
        for (k, v) in kwdefaults.iter() {
            visit(Edge::Value(k));
            visit(Edge::Value(v));
        }
        ann.iter().chain(annotate.iter()).for_each(|v| visit(Edge::Value(v)));
        self.dict.gc_traverse(visit)
    }

    pub(crate) fn gc_clear(&self, bin: &mut crate::gc::Bin) {
        bin.push(Box::new(std::mem::take(&mut *self.defaults.write())));
        bin.push(Box::new(std::mem::take(&mut *self.kwdefaults.write())));
        bin.push(Box::new(self.annotations.lock().take()));
        bin.push(Box::new(self.annotate.lock().take()));
        bin.push(Box::new(self.dict.gc_take()));
    }

    pub fn qualname_str(&self) -> String {
        self.qualname.read().as_str().unwrap_or("?").to_string()
    }

    /// `__annotations__`: computed by `__annotate__(1)` on first access.
    pub fn annotations(&self) -> PyResult<Value> {
        if let Some(a) = self.annotations.lock().clone() {
            return Ok(a);
        }
        let annotate = self.annotate.lock().clone();
        let made = match annotate {
            Some(f) if !f.is_none() => {
                let d = crate::ops::call(&f, CallArgs::positional_only(&[Value::Int(1)]))?;
                if !matches!(d, Value::Dict(_)) {
                    return Err(crate::error::PyErr::type_error(format!(
                        "__annotate__ returned non-dict of type '{}'",
                        crate::ops::type_name(&d)
                    )));
                }
                d
            }
            _ => Value::dict(DictObj::new()),
        };
        Ok(self.annotations.lock().get_or_insert(made).clone())
    }
}

/// `$set_annotate(function, annotate)`: the lowering's way to give a
/// function its `__annotate__`; returns the function.
pub fn set_annotate(a: CallArgs) -> PyResult<Value> {
    let [function, annotate] = a.exact::<2>("$set_annotate")?;
    if let Value::Function(f) = function {
        *f.annotate.lock() = Some(annotate.clone());
    }
    Ok(function.clone())
}

/// Bind call arguments to parameter slots, applying defaults, collecting
/// `*args`/`**kwargs`, and raising CPython's TypeErrors. `out` receives one
/// value per parameter (`None` for an unfilled slot is never left: every
/// slot is set or an error is raised).
pub fn bind_args(func: &Function, sig: &Signature, a: CallArgs, out: &mut Vec<Value>) -> PyResult<()> {
    let pos = a.positional();
    let total = sig.total();
    let start = out.len();
    // Fast path: exactly the positional parameters, nothing else.
    if a.kwnames.is_empty() && pos.len() == sig.positional && sig.kwonly == 0 && !sig.vararg && !sig.kwarg {
        out.extend_from_slice(pos);
        return Ok(());
    }
    let fname = || func.qualname_str();
    let mut slots: Vec<Option<Value>> = vec![None; total];
    let npos = pos.len().min(sig.positional);
    for (slot, v) in slots.iter_mut().zip(pos.iter()).take(npos) {
        *slot = Some(v.clone());
    }
    let mut idx = sig.positional + sig.kwonly;
    if sig.vararg {
        let extra = if pos.len() > sig.positional { pos[sig.positional..].to_vec() } else { Vec::new() };
        slots[idx] = Some(Value::tuple(extra));
        idx += 1;
    } else if pos.len() > sig.positional {
        let ndef = func.defaults.read().len();
        let kwgiven = a.kwnames.len();
        let takes = if ndef > 0 {
            format!("from {} to {}", sig.positional - ndef.min(sig.positional), sig.positional)
        } else {
            sig.positional.to_string()
        };
        let given_kw = if kwgiven > 0 && sig.kwonly > 0 {
            format!(" positional argument{} (and {kwgiven} keyword-only argument{})", if pos.len() == 1 { "" } else { "s" }, if kwgiven == 1 { "" } else { "s" })
        } else {
            String::new()
        };
        let plural = if sig.positional == 1 && ndef == 0 { "" } else { "s" };
        let were = if pos.len() == 1 { "was" } else { "were" };
        if given_kw.is_empty() {
            return Err(PyErr::type_error(format!(
                "{}() takes {takes} positional argument{plural} but {} {were} given",
                fname(),
                pos.len()
            )));
        }
        return Err(PyErr::type_error(format!(
            "{}() takes {takes} positional argument{plural} but {}{given_kw} were given",
            fname(),
            pos.len()
        )));
    }
    let kwdict = if sig.kwarg {
        let d = Arc::new(DictObj::new());
        slots[idx] = Some(Value::Dict(d.clone()));
        Some(d)
    } else {
        None
    };
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (name, value) in a.kwnames.iter().zip(a.kwvalues()) {
        let key = name.as_str().unwrap_or("");
        let found = (sig.posonly..sig.positional + sig.kwonly).find(|&i| sig.name(i) == key);
        match found {
            Some(i) => {
                if slots[i].is_some() {
                    return Err(PyErr::type_error(format!(
                        "{}() got multiple values for argument '{key}'",
                        fname()
                    )));
                }
                slots[i] = Some(value.clone());
            }
            None => match &kwdict {
                Some(d) => {
                    d.set_item(name.clone(), value.clone())?;
                }
                None => {
                    if (0..sig.posonly).any(|i| sig.name(i) == key) {
                        posonly_as_kw.push(key.to_string());
                        continue;
                    }
                    return Err(PyErr::type_error(format!(
                        "{}() got an unexpected keyword argument '{key}'",
                        fname()
                    )));
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            fname(),
            posonly_as_kw.join(", ")
        )));
    }
    // Defaults for missing positional parameters.
    let defaults = func.defaults.read();
    let first_default = sig.positional.saturating_sub(defaults.len());
    let mut missing: Vec<String> = Vec::new();
    for i in 0..sig.positional {
        if slots[i].is_none() {
            if i >= first_default {
                slots[i] = Some(defaults[i - first_default].clone());
            } else {
                missing.push(format!("'{}'", sig.name(i)));
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(&fname(), "positional", &missing));
    }
    let kwdefaults = func.kwdefaults.read();
    for i in sig.positional..sig.positional + sig.kwonly {
        if slots[i].is_none() {
            let key = sig.name(i);
            match kwdefaults.iter().find(|(k, _)| k.as_str() == Some(key)) {
                Some((_, v)) => slots[i] = Some(v.clone()),
                None => missing.push(format!("'{key}'")),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(&fname(), "keyword-only", &missing));
    }
    out.reserve(total);
    for s in slots {
        out.push(s.unwrap_or(Value::None));
    }
    debug_assert_eq!(out.len() - start, total);
    Ok(())
}

fn missing_error(fname: &str, kind: &str, names: &[String]) -> PyErr {
    let list = match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
    };
    let plural = if names.len() == 1 { "" } else { "s" };
    PyErr::type_error(format!(
        "{fname}() missing {} required {kind} argument{plural}: {list}",
        names.len()
    ))
}

/// A function implemented in Rust.
pub struct BuiltinFunction {
    pub name: &'static str,
    pub func: BuiltinFn,
    /// A method of a builtin type: the first argument is `self` and
    /// attribute access binds it.
    pub is_method: bool,
    /// Bound receiver for module-level builtins created with state
    /// (e.g. a method of a native object).
    pub bound: Option<Value>,
    pub qualname: Option<String>,
}

impl BuiltinFunction {
    pub fn function(name: &'static str, func: BuiltinFn) -> BuiltinFunction {
        BuiltinFunction { name, func, is_method: false, bound: None, qualname: None }
    }

    pub fn method(name: &'static str, func: BuiltinFn) -> BuiltinFunction {
        BuiltinFunction { name, func, is_method: true, bound: None, qualname: None }
    }

    pub fn call(&self, a: CallArgs) -> PyResult<Value> {
        match &self.bound {
            None => (self.func)(a),
            Some(b) => {
                let mut v = Vec::with_capacity(a.args.len() + 1);
                v.push(b.clone());
                v.extend_from_slice(a.args);
                (self.func)(CallArgs::new(&v, a.kwnames))
            }
        }
    }
}

pub struct BoundMethod {
    pub receiver: Value,
    pub func: Value,
    pub(crate) gc: crate::gc::GcHeader,
}

impl Drop for BoundMethod {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
    }
}

impl BoundMethod {
    /// `func` bound to `receiver`, as a (tracked) value.
    pub fn value(receiver: Value, func: Value) -> Value {
        crate::gc::tracked(Value::BoundMethod(Arc::new(BoundMethod { receiver, func, gc: crate::gc::GcHeader::new() })))
    }

    pub fn call(&self, a: CallArgs) -> PyResult<Value> {
        let mut v = Vec::with_capacity(a.args.len() + 1);
        v.push(self.receiver.clone());
        v.extend_from_slice(a.args);
        ops::call(&self.func, CallArgs::new(&v, a.kwnames))
    }
}
