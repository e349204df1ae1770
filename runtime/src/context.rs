//! The runtime context: every piece of process-wide state (builtin types,
//! exception classes, the builtins module, `sys.modules`, interned names,
//! hooks into the host). The host creates it once; a compiled module's copy
//! of the runtime binds to the host's context through `bind`, so both sides
//! see one set of type objects.

use std::collections::HashMap;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::sync::{Mutex, RwLock};

use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::module::ModuleObj;
use crate::objects::typeobj::{BaseKind, TypeObj};
use crate::value::Value;

pub struct BuiltinTypes {
    pub object: Arc<TypeObj>,
    pub type_: Arc<TypeObj>,
    pub int: Arc<TypeObj>,
    pub bool: Arc<TypeObj>,
    pub float: Arc<TypeObj>,
    pub complex: Arc<TypeObj>,
    pub str: Arc<TypeObj>,
    pub bytes: Arc<TypeObj>,
    pub bytearray: Arc<TypeObj>,
    pub list: Arc<TypeObj>,
    pub tuple: Arc<TypeObj>,
    pub dict: Arc<TypeObj>,
    pub set: Arc<TypeObj>,
    pub frozenset: Arc<TypeObj>,
    pub range: Arc<TypeObj>,
    pub slice: Arc<TypeObj>,
    pub function: Arc<TypeObj>,
    pub builtin_function: Arc<TypeObj>,
    pub method: Arc<TypeObj>,
    pub module: Arc<TypeObj>,
    pub none_type: Arc<TypeObj>,
    pub not_implemented_type: Arc<TypeObj>,
    pub ellipsis: Arc<TypeObj>,
    pub cell: Arc<TypeObj>,
    pub generator: Arc<TypeObj>,
    pub coroutine: Arc<TypeObj>,
    pub async_generator: Arc<TypeObj>,
    /// The awaitables of `__anext__`/`asend`, `athrow`/`aclose`, `anext`
    /// with a default, and the marker an async generator's `yield` wraps
    /// its value in (so awaits inside the body pass through).
    pub async_generator_asend: Arc<TypeObj>,
    pub async_generator_athrow: Arc<TypeObj>,
    pub anext_awaitable: Arc<TypeObj>,
    pub async_generator_wrapped_value: Arc<TypeObj>,
    pub property: Arc<TypeObj>,
    pub staticmethod: Arc<TypeObj>,
    pub classmethod: Arc<TypeObj>,
    pub super_: Arc<TypeObj>,
    pub getset_descriptor: Arc<TypeObj>,
    pub dict_keys: Arc<TypeObj>,
    pub dict_values: Arc<TypeObj>,
    pub dict_items: Arc<TypeObj>,
    pub generic_alias: Arc<TypeObj>,
}

pub struct ExceptionTypes {
    pub base_exception: Arc<TypeObj>,
    pub exception: Arc<TypeObj>,
    pub base_exception_group: Arc<TypeObj>,
    pub exception_group: Arc<TypeObj>,
    pub type_error: Arc<TypeObj>,
    pub value_error: Arc<TypeObj>,
    pub index_error: Arc<TypeObj>,
    pub key_error: Arc<TypeObj>,
    pub attribute_error: Arc<TypeObj>,
    pub name_error: Arc<TypeObj>,
    pub unbound_local_error: Arc<TypeObj>,
    pub zero_division_error: Arc<TypeObj>,
    pub overflow_error: Arc<TypeObj>,
    pub runtime_error: Arc<TypeObj>,
    pub recursion_error: Arc<TypeObj>,
    pub not_implemented_error: Arc<TypeObj>,
    pub stop_iteration: Arc<TypeObj>,
    pub stop_async_iteration: Arc<TypeObj>,
    pub generator_exit: Arc<TypeObj>,
    pub system_exit: Arc<TypeObj>,
    pub keyboard_interrupt: Arc<TypeObj>,
    pub import_error: Arc<TypeObj>,
    pub module_not_found_error: Arc<TypeObj>,
    pub system_error: Arc<TypeObj>,
    pub memory_error: Arc<TypeObj>,
    pub syntax_error: Arc<TypeObj>,
    pub assertion_error: Arc<TypeObj>,
    pub lookup_error: Arc<TypeObj>,
    pub os_error: Arc<TypeObj>,
    pub file_not_found_error: Arc<TypeObj>,
    pub eof_error: Arc<TypeObj>,
    pub unicode_decode_error: Arc<TypeObj>,
    pub unicode_encode_error: Arc<TypeObj>,
    /// Every builtin exception class by name, in definition order.
    pub all: Vec<(&'static str, Arc<TypeObj>)>,
}

/// What the runtime needs from the host (interpreter and importer).
#[derive(Clone, Copy)]
pub struct Hooks {
    /// `__import__(name, globals, fromlist, level)`.
    pub import: fn(&str, Option<&Arc<DictObj>>, &[Value], u32) -> PyResult<Value>,
    /// `exec`/`eval`/`compile`: (source, globals, locals, mode "exec"/"eval").
    pub exec: fn(&Value, Option<Arc<DictObj>>, Option<Value>, &str) -> PyResult<Value>,
    /// Globals of the innermost running Python frame.
    pub current_globals: fn() -> Option<Arc<DictObj>>,
    /// `locals()` of the innermost running Python frame.
    pub current_locals: fn() -> PyResult<Value>,
    /// The full report of an uncaught exception (traceback included).
    pub format_exception: fn(&PyErr) -> String,
    /// The exception being handled on this thread (`sys.exception()`).
    pub current_exception: fn() -> Option<Value>,
}

fn no_host_import(name: &str, _: Option<&Arc<DictObj>>, _: &[Value], _: u32) -> PyResult<Value> {
    Err(PyErr::new(&ctx().exc.module_not_found_error, format!("No module named '{name}'")))
}
fn no_host_exec(_: &Value, _: Option<Arc<DictObj>>, _: Option<Value>, _: &str) -> PyResult<Value> {
    Err(PyErr::system_error("exec is not available without a host"))
}
fn no_globals() -> Option<Arc<DictObj>> {
    None
}
fn no_exception() -> Option<Value> {
    None
}
fn plain_exception_report(e: &PyErr) -> String {
    crate::objects::exception::format_exception_only(e.exc()) + "\n"
}
fn no_locals() -> PyResult<Value> {
    Err(PyErr::system_error("locals() is not available without a host"))
}

/// Interned special-method names, so hot lookups skip the intern table.
pub struct Names {
    pub getattribute: Value,
    pub getattr: Value,
    pub setattr: Value,
    pub delattr: Value,
    pub get: Value,
    pub set: Value,
    pub delete: Value,
    pub eq: Value,
    pub ne: Value,
    pub lt: Value,
    pub le: Value,
    pub gt: Value,
    pub ge: Value,
    pub hash: Value,
    pub bool: Value,
    pub len: Value,
    pub iter: Value,
    pub next: Value,
    pub call: Value,
    pub init: Value,
    pub new: Value,
    pub repr: Value,
    pub str: Value,
    pub index: Value,
    pub contains: Value,
    pub getitem: Value,
    pub setitem: Value,
    pub delitem: Value,
    pub format: Value,
    pub missing: Value,
    pub set_name: Value,
    pub init_subclass: Value,
    pub class_getitem: Value,
    pub instancecheck: Value,
    pub subclasscheck: Value,
    pub float: Value,
    pub int: Value,
    pub abs: Value,
    pub neg: Value,
    pub pos: Value,
    pub invert: Value,
    pub enter: Value,
    pub exit: Value,
    pub await_: Value,
    pub reversed: Value,
    pub round: Value,
    pub dir: Value,
    pub iadd: Value,
    pub add: Value,
    pub radd: Value,
    pub sub: Value,
    pub rsub: Value,
    pub mul: Value,
    pub rmul: Value,
}

impl Names {
    fn new(intern: &mut dyn FnMut(&str) -> Value) -> Names {
        Names {
            getattribute: intern("__getattribute__"),
            getattr: intern("__getattr__"),
            setattr: intern("__setattr__"),
            delattr: intern("__delattr__"),
            get: intern("__get__"),
            set: intern("__set__"),
            delete: intern("__delete__"),
            eq: intern("__eq__"),
            ne: intern("__ne__"),
            lt: intern("__lt__"),
            le: intern("__le__"),
            gt: intern("__gt__"),
            ge: intern("__ge__"),
            hash: intern("__hash__"),
            bool: intern("__bool__"),
            len: intern("__len__"),
            iter: intern("__iter__"),
            next: intern("__next__"),
            call: intern("__call__"),
            init: intern("__init__"),
            new: intern("__new__"),
            repr: intern("__repr__"),
            str: intern("__str__"),
            index: intern("__index__"),
            contains: intern("__contains__"),
            getitem: intern("__getitem__"),
            setitem: intern("__setitem__"),
            delitem: intern("__delitem__"),
            format: intern("__format__"),
            missing: intern("__missing__"),
            set_name: intern("__set_name__"),
            init_subclass: intern("__init_subclass__"),
            class_getitem: intern("__class_getitem__"),
            instancecheck: intern("__instancecheck__"),
            subclasscheck: intern("__subclasscheck__"),
            float: intern("__float__"),
            int: intern("__int__"),
            abs: intern("__abs__"),
            neg: intern("__neg__"),
            pos: intern("__pos__"),
            invert: intern("__invert__"),
            enter: intern("__enter__"),
            exit: intern("__exit__"),
            await_: intern("__await__"),
            reversed: intern("__reversed__"),
            round: intern("__round__"),
            dir: intern("__dir__"),
            iadd: intern("__iadd__"),
            add: intern("__add__"),
            radd: intern("__radd__"),
            sub: intern("__sub__"),
            rsub: intern("__rsub__"),
            mul: intern("__mul__"),
            rmul: intern("__rmul__"),
        }
    }

    /// The pre-interned value for `s`, if it is one of the names above.
    pub fn get(&self, s: &str) -> Option<&Value> {
        if !s.starts_with("__") {
            return None;
        }
        Some(match s {
            "__getattribute__" => &self.getattribute,
            "__getattr__" => &self.getattr,
            "__setattr__" => &self.setattr,
            "__delattr__" => &self.delattr,
            "__get__" => &self.get,
            "__set__" => &self.set,
            "__delete__" => &self.delete,
            "__eq__" => &self.eq,
            "__ne__" => &self.ne,
            "__lt__" => &self.lt,
            "__le__" => &self.le,
            "__gt__" => &self.gt,
            "__ge__" => &self.ge,
            "__hash__" => &self.hash,
            "__bool__" => &self.bool,
            "__len__" => &self.len,
            "__iter__" => &self.iter,
            "__next__" => &self.next,
            "__call__" => &self.call,
            "__init__" => &self.init,
            "__new__" => &self.new,
            "__repr__" => &self.repr,
            "__str__" => &self.str,
            "__index__" => &self.index,
            "__contains__" => &self.contains,
            "__getitem__" => &self.getitem,
            "__setitem__" => &self.setitem,
            "__delitem__" => &self.delitem,
            "__format__" => &self.format,
            "__missing__" => &self.missing,
            "__set_name__" => &self.set_name,
            "__init_subclass__" => &self.init_subclass,
            "__class_getitem__" => &self.class_getitem,
            "__instancecheck__" => &self.instancecheck,
            "__subclasscheck__" => &self.subclasscheck,
            "__float__" => &self.float,
            "__int__" => &self.int,
            "__abs__" => &self.abs,
            "__neg__" => &self.neg,
            "__pos__" => &self.pos,
            "__invert__" => &self.invert,
            "__enter__" => &self.enter,
            "__exit__" => &self.exit,
            "__await__" => &self.await_,
            "__reversed__" => &self.reversed,
            "__round__" => &self.round,
            "__dir__" => &self.dir,
            "__iadd__" => &self.iadd,
            "__add__" => &self.add,
            "__radd__" => &self.radd,
            "__sub__" => &self.sub,
            "__rsub__" => &self.rsub,
            "__mul__" => &self.mul,
            "__rmul__" => &self.rmul,
            _ => return None,
        })
    }
}

pub struct Context {
    pub types: BuiltinTypes,
    pub exc: ExceptionTypes,
    pub builtins: Arc<ModuleObj>,
    /// `sys.modules`.
    pub modules: Arc<DictObj>,
    /// The (always empty) `dict` field of instances with fixed slots.
    pub(crate) no_dict: Arc<DictObj>,
    /// Classes an instance was moved away from by `__class__` assignment:
    /// kept alive for good, so a reader that loaded an instance's class
    /// pointer just before the swap still holds a live class (see
    /// `instance::ClassRef`). One entry per class.
    pub(crate) retired_classes: Mutex<HashMap<usize, Arc<crate::objects::typeobj::TypeObj>>>,
    pub hooks: RwLock<Hooks>,
    interned: Mutex<HashMap<Box<str>, Value>>,
    ascii: Vec<Value>,
    iterator_types: HashMap<&'static str, Arc<TypeObj>>,
    int_max_str_digits: AtomicUsize,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: AtomicUsize,
    /// The host copy's per-thread state and standard streams.
    pub(crate) process: crate::process::ProcessState,
    /// Bumped whenever any class changes or is created; invalidates the
    /// attribute lookup caches.
    type_version: std::sync::atomic::AtomicU64,
    pub names: Names,
}

static CONTEXT: AtomicPtr<Context> = AtomicPtr::new(std::ptr::null_mut());

thread_local! {
    /// The context being built on this thread, visible only to it until
    /// it is complete; other threads wait for `init` to publish it.
    static BUILDING: std::cell::Cell<*const Context> = const { std::cell::Cell::new(std::ptr::null()) };
}

/// The process's runtime context.
#[inline]
pub fn ctx() -> &'static Context {
    let p = CONTEXT.load(Ordering::Acquire);
    if p.is_null() {
        init()
    } else {
        // SAFETY: set once to a leaked Box that lives for the process.
        unsafe { &*p }
    }
}

/// Make the context (first call) and return it. Other threads calling
/// `ctx()` meanwhile block here until it is complete.
#[cold]
pub fn init() -> &'static Context {
    let building = BUILDING.with(|b| b.get());
    if !building.is_null() {
        // SAFETY: the leaked context under construction on this thread.
        return unsafe { &*building };
    }
    static INIT: crate::sync::BlockingMutex<()> = crate::sync::BlockingMutex::new(());
    let _guard = INIT.lock();
    let p = CONTEXT.load(Ordering::Acquire);
    if !p.is_null() {
        // SAFETY: as in `ctx`.
        return unsafe { &*p };
    }
    let c: &'static Context = Box::leak(Box::new(Context::new()));
    BUILDING.with(|b| b.set(c as *const Context));
    crate::builtins::populate(c);
    BUILDING.with(|b| b.set(std::ptr::null()));
    crate::process::set_owns_context();
    CONTEXT.store(c as *const Context as *mut Context, Ordering::Release);
    c
}

/// Bind this copy of the runtime to a context made elsewhere (by the host,
/// for a compiled module's copy).
pub fn bind(c: &'static Context) {
    CONTEXT.store(c as *const Context as *mut Context, Ordering::Release);
}

pub fn raw_context() -> *const Context {
    ctx() as *const Context
}

thread_local! {
    static INTERN_CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Value>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

/// An interned str value (hash computed once). A per-thread cache in front
/// of the shared table keeps hot lookups off its lock.
pub fn intern(s: &str) -> Value {
    if let Some(v) = ctx().names.get(s) {
        return v.clone();
    }
    if let Some(v) = INTERN_CACHE.with(|c| c.borrow().get(s).cloned()) {
        return v;
    }
    let v = intern_shared(s);
    INTERN_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() < 8192 {
            c.insert(s.into(), v.clone());
        }
    });
    v
}

fn intern_shared(s: &str) -> Value {
    let c = ctx();
    let mut t = c.interned.lock();
    if let Some(v) = t.get(s) {
        return v.clone();
    }
    let v = Value::str(s);
    if let Value::Str(x) = &v {
        x.hash();
    }
    t.insert(s.into(), v.clone());
    v
}

fn ty(name: &str, base: &Arc<TypeObj>, kind: BaseKind, ctor: Option<crate::objects::function::BuiltinFn>) -> Arc<TypeObj> {
    TypeObj::new_builtin(name, Some(base), kind, ctor)
}

impl Context {
    fn new() -> Context {
        use crate::builtins::constructors as k;
        let object = TypeObj::new_builtin("object", None, BaseKind::Object, Some(k::object_new));
        let o = &object;
        let int = ty("int", o, BaseKind::Int, Some(k::int_new));
        let types = BuiltinTypes {
            type_: ty("type", o, BaseKind::Type, None),
            bool: TypeObj::new_builtin("bool", Some(&int), BaseKind::Other, Some(k::bool_new)),
            int,
            float: ty("float", o, BaseKind::Float, Some(k::float_new)),
            complex: ty("complex", o, BaseKind::Other, Some(k::complex_new)),
            str: ty("str", o, BaseKind::Str, Some(k::str_new)),
            bytes: ty("bytes", o, BaseKind::Bytes, Some(k::bytes_new)),
            bytearray: ty("bytearray", o, BaseKind::Other, Some(k::bytearray_new)),
            list: ty("list", o, BaseKind::List, Some(crate::objects::list::constructor())),
            tuple: ty("tuple", o, BaseKind::Tuple, Some(crate::objects::tuple::constructor())),
            dict: ty("dict", o, BaseKind::Dict, Some(k::dict_new)),
            set: ty("set", o, BaseKind::Set, Some(k::set_new)),
            frozenset: ty("frozenset", o, BaseKind::FrozenSet, Some(k::frozenset_new)),
            range: ty("range", o, BaseKind::Other, Some(k::range_new)),
            slice: ty("slice", o, BaseKind::Other, Some(k::slice_new)),
            function: ty("function", o, BaseKind::Other, None),
            builtin_function: ty("builtin_function_or_method", o, BaseKind::Other, None),
            method: ty("method", o, BaseKind::Other, None),
            module: ty("module", o, BaseKind::Object, None),
            none_type: ty("NoneType", o, BaseKind::Other, Some(k::none_new)),
            not_implemented_type: ty("NotImplementedType", o, BaseKind::Other, None),
            ellipsis: ty("ellipsis", o, BaseKind::Other, None),
            cell: ty("cell", o, BaseKind::Other, None),
            generator: ty("generator", o, BaseKind::Other, None),
            coroutine: ty("coroutine", o, BaseKind::Other, None),
            async_generator: ty("async_generator", o, BaseKind::Other, None),
            async_generator_asend: ty("async_generator_asend", o, BaseKind::Other, None),
            async_generator_athrow: ty("async_generator_athrow", o, BaseKind::Other, None),
            anext_awaitable: ty("anext_awaitable", o, BaseKind::Other, None),
            async_generator_wrapped_value: ty("async_generator_wrapped_value", o, BaseKind::Other, None),
            property: ty("property", o, BaseKind::Object, Some(crate::objects::descriptor::constructors()[0].1)),
            staticmethod: ty("staticmethod", o, BaseKind::Object, Some(crate::objects::descriptor::constructors()[1].1)),
            classmethod: ty("classmethod", o, BaseKind::Object, Some(crate::objects::descriptor::constructors()[2].1)),
            super_: ty("super", o, BaseKind::Object, Some(crate::objects::descriptor::constructors()[3].1)),
            getset_descriptor: ty("getset_descriptor", o, BaseKind::Other, None),
            dict_keys: ty("dict_keys", o, BaseKind::Other, None),
            dict_values: ty("dict_values", o, BaseKind::Other, None),
            dict_items: ty("dict_items", o, BaseKind::Other, None),
            generic_alias: ty("GenericAlias", o, BaseKind::Other, None),
            object,
        };
        let exc = Self::exceptions(&types.object);
        let mut iterator_types = HashMap::new();
        for name in [
            "list_iterator",
            "list_reverseiterator",
            "tuple_iterator",
            "str_ascii_iterator",
            "str_iterator",
            "bytes_iterator",
            "range_iterator",
            "dict_keyiterator",
            "dict_valueiterator",
            "dict_itemiterator",
            "set_iterator",
            "iterator",
            "enumerate",
            "zip",
            "map",
            "filter",
            "callable_iterator",
            "reversed",
        ] {
            iterator_types.insert(name, ty(name, &types.object, BaseKind::Other, None));
        }
        let mut interned: HashMap<Box<str>, Value> = HashMap::new();
        let names = Names::new(&mut |n: &str| {
            let v = Value::str(n);
            if let Value::Str(x) = &v {
                x.hash();
            }
            interned.insert(n.into(), v.clone());
            v
        });
        let ascii = (0u8..128).map(|b| Value::string((b as char).to_string())).collect();
        Context {
            types,
            exc,
            builtins: Arc::new(ModuleObj::with_dict("builtins", Arc::new(DictObj::new()))),
            modules: Arc::new(DictObj::new()),
            no_dict: Arc::new(DictObj::new()),
            retired_classes: Mutex::new(HashMap::new()),
            hooks: RwLock::new(Hooks {
                import: no_host_import,
                exec: no_host_exec,
                current_globals: no_globals,
                current_locals: no_locals,
                format_exception: plain_exception_report,
                current_exception: no_exception,
            }),
            interned: Mutex::new(interned),
            ascii,
            iterator_types,
            int_max_str_digits: AtomicUsize::new(4300),
            recursion_limit: AtomicUsize::new(1000),
            process: crate::process::ProcessState::new(),
            type_version: std::sync::atomic::AtomicU64::new(1),
            names,
        }
    }

    fn exceptions(object: &Arc<TypeObj>) -> ExceptionTypes {
        use crate::objects::exception::HIERARCHY;
        let base = TypeObj::new_builtin("BaseException", Some(object), BaseKind::Exception, None);
        let mut all: Vec<(&'static str, Arc<TypeObj>)> = vec![("BaseException", base.clone())];
        for (name, parent) in HIERARCHY {
            let p = all.iter().find(|(n, _)| n == parent).map(|(_, t)| t.clone()).unwrap_or_else(|| base.clone());
            all.push((name, TypeObj::new_builtin(name, Some(&p), BaseKind::Exception, None)));
        }
        let get = |n: &str| all.iter().find(|(k, _)| *k == n).map(|(_, t)| t.clone()).unwrap_or_else(|| base.clone());
        // ExceptionGroup derives from both BaseExceptionGroup and Exception.
        let beg = get("BaseExceptionGroup");
        let exception = get("Exception");
        let eg = TypeObj::new_builtin("ExceptionGroup", Some(&beg), BaseKind::Exception, None);
        {
            *eg.bases.write() = vec![beg.clone(), exception.clone()];
            let mro = crate::objects::typeobj::compute_mro("ExceptionGroup", &[beg.clone(), exception.clone()])
                .unwrap_or_default();
            *eg.mro.write() = mro;
            exception.add_subclass(&eg);
        }
        let mut all = all;
        all.push(("ExceptionGroup", eg.clone()));
        let get = |n: &str| all.iter().find(|(k, _)| *k == n).map(|(_, t)| t.clone()).unwrap_or_else(|| base.clone());
        ExceptionTypes {
            base_exception: base.clone(),
            exception,
            base_exception_group: beg,
            exception_group: eg,
            type_error: get("TypeError"),
            value_error: get("ValueError"),
            index_error: get("IndexError"),
            key_error: get("KeyError"),
            attribute_error: get("AttributeError"),
            name_error: get("NameError"),
            unbound_local_error: get("UnboundLocalError"),
            zero_division_error: get("ZeroDivisionError"),
            overflow_error: get("OverflowError"),
            runtime_error: get("RuntimeError"),
            recursion_error: get("RecursionError"),
            not_implemented_error: get("NotImplementedError"),
            stop_iteration: get("StopIteration"),
            stop_async_iteration: get("StopAsyncIteration"),
            generator_exit: get("GeneratorExit"),
            system_exit: get("SystemExit"),
            keyboard_interrupt: get("KeyboardInterrupt"),
            import_error: get("ImportError"),
            module_not_found_error: get("ModuleNotFoundError"),
            system_error: get("SystemError"),
            memory_error: get("MemoryError"),
            syntax_error: get("SyntaxError"),
            assertion_error: get("AssertionError"),
            lookup_error: get("LookupError"),
            os_error: get("OSError"),
            file_not_found_error: get("FileNotFoundError"),
            eof_error: get("EOFError"),
            unicode_decode_error: get("UnicodeDecodeError"),
            unicode_encode_error: get("UnicodeEncodeError"),
            all,
        }
    }

    pub fn type_version(&self) -> u64 {
        self.type_version.load(Ordering::Acquire)
    }

    pub fn bump_type_version(&self) {
        self.type_version.fetch_add(1, Ordering::AcqRel);
    }

    pub fn ascii_char(&self, b: u8) -> Value {
        self.ascii[(b & 0x7f) as usize].clone()
    }

    pub fn iterator_type(&self, name: &str) -> Arc<TypeObj> {
        self.iterator_types.get(name).cloned().unwrap_or_else(|| self.types.object.clone())
    }

    pub fn int_max_str_digits(&self) -> usize {
        self.int_max_str_digits.load(Ordering::Relaxed)
    }

    pub fn set_int_max_str_digits(&self, n: usize) {
        self.int_max_str_digits.store(n, Ordering::Relaxed);
    }

    pub fn hooks(&self) -> Hooks {
        *self.hooks.read()
    }

    pub fn set_hooks(&self, h: Hooks) {
        *self.hooks.write() = h;
    }

    /// A builtin by name (`len`, `ValueError`, ...).
    pub fn builtin(&self, name: &str) -> Option<Value> {
        self.builtins.get(name)
    }
}
