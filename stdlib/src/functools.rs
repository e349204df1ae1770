//! `_functools`: the native core of `functools` — `reduce` and the
//! `lru_cache` wrapper (a callable object keeping results in a dict, with
//! least-recently-used eviction when bounded).

use std::any::Any;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};

use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::native::{downcast, NativeObject};
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

/// `reduce(function, iterable[, initial])`.
fn reduce(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "reduce", 2, 3)?;
    let it = ops::iter(&pos[1]).map_err(|e| {
        if e.is_instance(&protopy_runtime::ctx().exc.type_error) {
            PyErr::type_error("reduce() arg 2 must support iteration")
        } else {
            e
        }
    })?;
    let mut acc = match pos.get(2) {
        Some(v) => v.clone(),
        None => match ops::next(&it)? {
            Some(v) => v,
            None => return Err(PyErr::type_error("reduce() of empty iterable with no initial value")),
        },
    };
    let f = &pos[0];
    while let Some(v) = ops::next(&it)? {
        acc = ops::call(f, CallArgs::positional_only(&[acc, v]))?;
    }
    Ok(acc)
}

// ---- lru_cache ----------------------------------------------------------------------

pub struct LruWrapper {
    func: Value,
    /// None: unbounded; Some(0): no caching at all.
    maxsize: Option<usize>,
    typed: bool,
    cache: DictObj,
    hits: AtomicU64,
    misses: AtomicU64,
    info_type: Value,
    /// Separates positional from keyword arguments in keys.
    kwd_mark: Value,
    /// The wrapper's `__dict__` (`__wrapped__`, `__name__`, ...).
    attrs: Arc<DictObj>,
    this: Weak<protopy_runtime::objects::native::NativeBox>,
}

fn wrapper_type() -> Arc<TypeObj> {
    crate::native_iter::registered("functools", "_lru_cache_wrapper", || {
        crate::util::native_class(
            "_lru_cache_wrapper",
            Some(lru_new),
            &[
                ("cache_info", cache_info),
                ("cache_clear", cache_clear),
                ("__call__", call_method),
                ("__copy__", same),
                ("__deepcopy__", same),
            ],
        )
    })
}

impl LruWrapper {
    fn key(&self, a: &CallArgs) -> Value {
        let pos = a.positional();
        if a.kwnames.is_empty() && !self.typed && pos.len() == 1 {
            if let Value::Int(_) | Value::BigInt(_) | Value::Str(_) = &pos[0] {
                return pos[0].clone();
            }
        }
        let mut items = pos.to_vec();
        if !a.kwnames.is_empty() {
            items.push(self.kwd_mark.clone());
            for (k, v) in a.kwnames.iter().zip(a.kwvalues()) {
                items.push(k.clone());
                items.push(v.clone());
            }
        }
        if self.typed {
            items.extend(pos.iter().map(|v| Value::Type(ops::type_of(v))));
            items.extend(a.kwvalues().iter().map(|v| Value::Type(ops::type_of(v))));
        }
        Value::tuple(items)
    }

    fn call_cached(&self, a: CallArgs) -> PyResult<Value> {
        if self.maxsize == Some(0) {
            self.misses.fetch_add(1, Ordering::Relaxed);
            return ops::call(&self.func, a);
        }
        let key = self.key(&a);
        if let Some(v) = self.cache.get_item(&key)? {
            self.hits.fetch_add(1, Ordering::Relaxed);
            if self.maxsize.is_some() {
                // Most recently used goes last.
                if self.cache.remove(&key)?.is_some() {
                    self.cache.set_item(key, v.clone())?;
                }
            }
            return Ok(v);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let result = ops::call(&self.func, a)?;
        if let Some(max) = self.maxsize {
            while self.cache.len() >= max && !self.cache.contains(&key)? {
                match self.cache.next_entry(0) {
                    Some((_, oldest, _)) => {
                        self.cache.remove(&oldest)?;
                    }
                    None => break,
                }
            }
        }
        self.cache.set_item(key, result.clone())?;
        Ok(result)
    }
}

impl NativeObject for LruWrapper {
    fn type_obj(&self) -> Arc<TypeObj> {
        wrapper_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn call(&self, _this: &Value, args: CallArgs) -> Option<PyResult<Value>> {
        Some(self.call_cached(args))
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        if name == "__dict__" {
            return Some(Ok(Value::Dict(self.attrs.clone())));
        }
        self.attrs.get_str(name).map(Ok)
    }
    fn setattr(&self, name: &str, value: Option<Value>) -> Option<PyResult<()>> {
        Some(match value {
            Some(v) => {
                self.attrs.set_str(name, v);
                Ok(())
            }
            None => match self.attrs.del_str(name) {
                Some(_) => Ok(()),
                None => Err(PyErr::attribute_error(format!(
                    "'functools._lru_cache_wrapper' object has no attribute '{name}'"
                ))),
            },
        })
    }
    fn descr_get(&self, obj: Option<&Value>, _owner: &Arc<TypeObj>) -> Option<PyResult<Value>> {
        // A cached function stored in a class binds like a method.
        let me = Value::Native(self.this.upgrade()?);
        Some(Ok(match obj {
            Some(o) => protopy_runtime::objects::function::BoundMethod::value(o.clone(), me),
            None => me,
        }))
    }
}

fn this(v: &Value) -> PyResult<&LruWrapper> {
    downcast::<LruWrapper>(v).ok_or_else(|| PyErr::type_error("descriptor requires a '_lru_cache_wrapper' object"))
}

/// `_lru_cache_wrapper(user_function, maxsize, typed, cache_info_type)`.
fn lru_new(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "_lru_cache_wrapper", 4, 4)?;
    if !ops::is_callable(&pos[0]) {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    let maxsize = match &pos[1] {
        Value::None => None,
        v => Some(ops::index_value(v)?.max(0) as usize),
    };
    let typed = ops::truthy(&pos[2])?;
    let kwd_mark = ops::call(&Value::Type(protopy_runtime::ctx().types.object.clone()), CallArgs::positional_only(&[]))?;
    let w = protopy_runtime::objects::native::new_cyclic(|me| LruWrapper {
        func: pos[0].clone(),
        maxsize,
        typed,
        cache: DictObj::new(),
        hits: AtomicU64::new(0),
        misses: AtomicU64::new(0),
        info_type: pos[3].clone(),
        kwd_mark,
        attrs: Arc::new(DictObj::new()),
        this: me,
    });
    Ok(w)
}

fn cache_info(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("cache_info")?;
    let w = this(me)?;
    let maxsize = w.maxsize.map(Value::from_usize).unwrap_or(Value::None);
    let args = [
        Value::Int(w.hits.load(Ordering::Relaxed) as i64),
        Value::Int(w.misses.load(Ordering::Relaxed) as i64),
        maxsize,
        Value::from_usize(w.cache.len()),
    ];
    ops::call(&w.info_type, CallArgs::positional_only(&args))
}

fn cache_clear(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("cache_clear")?;
    let w = this(me)?;
    w.cache.clear();
    w.hits.store(0, Ordering::Relaxed);
    w.misses.store(0, Ordering::Relaxed);
    Ok(Value::None)
}

fn call_method(a: CallArgs) -> PyResult<Value> {
    let Some(me) = a.positional().first() else {
        return Err(PyErr::type_error("__call__ needs self"));
    };
    this(me)?.call_cached(CallArgs::new(&a.args[1..], a.kwnames))
}

fn same(a: CallArgs) -> PyResult<Value> {
    a.positional().first().cloned().ok_or_else(|| PyErr::type_error("needs self"))
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module("_functools", &[("reduce", reduce)]);
    m.set("_lru_cache_wrapper", Value::Type(wrapper_type()));
    Ok(Value::Module(m))
}
