//! Instances of classes made by `class` statements (and every exception).
//! An instance has a `__dict__`, its class, and the payload of the builtin
//! base it derives from (`class MyList(list)` carries a list).

use std::sync::Arc;

use std::sync::atomic::{AtomicPtr, Ordering};

use crate::sync::{BiasedMutex, Mutex};

use crate::args::CallArgs;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::exception::ExcState;
use crate::objects::typeobj::{BaseKind, TypeObj};
use crate::ops;
use crate::value::Value;

pub enum Payload {
    None,
    /// The builtin value a subclass of a builtin type wraps.
    Builtin(Value),
    /// Boxed: most instances are not exceptions, and this keeps theirs
    /// small.
    Exception(Box<Mutex<ExcState>>),
    /// `__slots__` values of a class whose instances have no `__dict__`
    /// (in `TypeObj::fixed_slots` order; `None` while unset).
    Slots(BiasedMutex<Box<[Option<Value>]>>),
}

/// An instance's class: one strong reference held as a raw pointer, read
/// without a lock. `__class__` assignment swaps the pointer and retires the
/// old class into the runtime context instead of releasing it, so a reader
/// that loaded the old pointer a moment earlier still finds it alive.
pub struct ClassRef(AtomicPtr<TypeObj>);

impl ClassRef {
    fn new(class: Arc<TypeObj>) -> ClassRef {
        ClassRef(AtomicPtr::new(Arc::into_raw(class) as *mut TypeObj))
    }

    #[inline]
    fn addr(&self) -> usize {
        self.0.load(Ordering::Acquire) as usize
    }

    /// The class, borrowed for `f`.
    #[inline]
    fn with<R>(&self, f: impl FnOnce(&Arc<TypeObj>) -> R) -> R {
        // SAFETY: the pointer came from `Arc::into_raw` and the class it
        // names stays alive: this reference owns it until `set` retires it
        // into the context, which keeps it for good. ManuallyDrop keeps the
        // borrowed count from being released.
        let class = std::mem::ManuallyDrop::new(unsafe { Arc::from_raw(self.0.load(Ordering::Acquire)) });
        f(&class)
    }

    #[inline]
    fn get(&self) -> Arc<TypeObj> {
        self.with(Arc::clone)
    }

    fn set(&self, class: Arc<TypeObj>) {
        let old = self.0.swap(Arc::into_raw(class) as *mut TypeObj, Ordering::AcqRel);
        // SAFETY: `old` came from `Arc::into_raw`; its count moves into the
        // retired table (or is released when the class is already there,
        // which holds another count of its own).
        let old = unsafe { Arc::from_raw(old) };
        crate::context::ctx().retired_classes.lock().entry(Arc::as_ptr(&old) as usize).or_insert(old);
    }
}

impl Drop for ClassRef {
    fn drop(&mut self) {
        // SAFETY: the one count this reference owns (see `new`).
        drop(unsafe { Arc::from_raw(*self.0.get_mut()) });
    }
}

pub struct Instance {
    class: ClassRef,
    pub dict: Arc<DictObj>,
    pub payload: Payload,
    /// `__del__` has been called (or is queued) for this object; it is
    /// called at most once, as in CPython (PEP 442).
    finalized: std::sync::atomic::AtomicBool,
    pub(crate) gc: crate::gc::GcHeader,
}

impl Instance {
    pub fn new(class: Arc<TypeObj>, payload: Payload) -> Instance {
        Instance { class: ClassRef::new(class), dict: Arc::new(DictObj::new()), payload, finalized: Default::default(), gc: crate::gc::GcHeader::new() }
    }

    /// An instance of a class with fixed slots: no `__dict__` of its own.
    pub fn slotted(class: Arc<TypeObj>, n: usize) -> Instance {
        Instance {
            class: ClassRef::new(class),
            dict: crate::context::ctx().no_dict.clone(),
            payload: Payload::Slots(BiasedMutex::new(vec![None; n].into_boxed_slice())),
            finalized: Default::default(),
            gc: crate::gc::GcHeader::new(),
        }
    }

    #[inline]
    pub fn has_slots(&self) -> bool {
        matches!(self.payload, Payload::Slots(_))
    }

    /// Slot `i`'s value (None while unset).
    #[inline]
    pub fn slot_get(&self, i: usize) -> Option<Value> {
        match &self.payload {
            Payload::Slots(s) => s.lock().get(i).cloned().flatten(),
            _ => None,
        }
    }

    /// Set (or with None, clear) slot `i`; the previous value.
    #[inline]
    pub fn slot_set(&self, i: usize, v: Option<Value>) -> Option<Value> {
        match &self.payload {
            Payload::Slots(s) => {
                let mut g = s.lock();
                let old = g.get_mut(i).map(|x| std::mem::replace(x, v));
                drop(g);
                old.flatten()
            }
            _ => None,
        }
    }

    /// The class's address (identity), for attribute caches (whose weak
    /// reference to the class they compare with keeps the address from
    /// being reused).
    #[inline]
    pub fn class_addr(&self) -> usize {
        self.class.addr()
    }

    /// `obj.__class__ = cls`.
    pub fn set_class(&self, cls: Arc<TypeObj>) {
        self.class.set(cls);
    }

    pub fn is_finalized(&self) -> bool {
        self.finalized.load(std::sync::atomic::Ordering::Acquire)
    }

    /// `__del__` is being called for this object (by the cycle collector).
    pub(crate) fn mark_finalized(&self) {
        self.finalized.store(true, std::sync::atomic::Ordering::Release);
    }

    /// The cycle collector's view (see `gc`): the class, the attribute
    /// dict's contents (the dict itself when something else shares it),
    /// and what the payload holds.
    pub(crate) fn gc_traverse(&self, visit: &mut crate::gc::Visit) -> bool {
        use crate::gc::Edge;
        self.class.with(|class| visit(Edge::Type(class)));
        if Arc::strong_count(&self.dict) == 1 {
            if !self.dict.gc_traverse(visit) {
                return false;
            }
        } else {
            visit(Edge::Dict(&self.dict));
        }
        match &self.payload {
            Payload::None => true,
            Payload::Builtin(v) => {
                visit(Edge::Value(v));
                true
            }
            Payload::Slots(s) => {
                let Some(g) = s.try_lock_stopped() else { return false };
                g.iter().flatten().for_each(|v| visit(Edge::Value(v)));
                true
            }
            Payload::Exception(state) => {
                let Some(st) = state.try_lock() else { return false };
                st.args.iter().for_each(|v| visit(Edge::Value(v)));
                visit(Edge::Value(&st.cause));
                visit(Edge::Value(&st.context));
                true
            }
        }
    }

    pub(crate) fn gc_clear(&self, bin: &mut crate::gc::Bin) {
        if Arc::strong_count(&self.dict) == 1 {
            bin.push(Box::new(self.dict.gc_take()));
        }
        if let Payload::Slots(s) = &self.payload {
            let taken: Vec<Option<Value>> = s.lock_stopped().iter_mut().map(Option::take).collect();
            bin.push(Box::new(taken));
        }
        if let Payload::Exception(state) = &self.payload {
            let mut st = state.lock();
            bin.push(Box::new(std::mem::take(&mut st.args)));
            bin.push(Box::new(std::mem::take(&mut st.cause)));
            bin.push(Box::new(std::mem::take(&mut st.context)));
        }
    }

    #[inline]
    pub fn class(&self) -> Arc<TypeObj> {
        self.class.get()
    }

    pub fn exc_state(&self) -> Option<&Mutex<ExcState>> {
        match &self.payload {
            Payload::Exception(s) => Some(s),
            _ => None,
        }
    }
}

fn type_arg(v: &Value, fname: &str) -> PyResult<Arc<TypeObj>> {
    match v {
        Value::Type(t) => Ok(t.clone()),
        other => Err(PyErr::type_error(format!(
            "{fname}(X): X is not a type object ({})",
            ops::type_name(other)
        ))),
    }
}

/// Whether `cls` overrides `name` somewhere below `object`.
fn overrides(cls: &Arc<TypeObj>, name: &str) -> bool {
    match cls.lookup_owner(name) {
        Some(owner) => !Arc::ptr_eq(&owner, &crate::context::ctx().types.object),
        None => false,
    }
}

/// `object.__new__(cls, *args)`: a bare instance of `cls`.
pub fn object_new(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let Some(first) = pos.first() else {
        return Err(PyErr::type_error("object.__new__(): not enough arguments"));
    };
    let cls = type_arg(first, "object.__new__")?;
    let excess = pos.len() > 1 || a.has_kwargs();
    if excess && !overrides(&cls, "__init__") {
        return Err(PyErr::type_error(format!("{}() takes no arguments", cls.name())));
    }
    new_instance(&cls, &pos[1..])
}

/// `object.__init__(self, *args)`.
pub fn object_init(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let excess = pos.len() > 1 || a.has_kwargs();
    if excess {
        if let Some(obj) = pos.first() {
            let cls = ops::type_of(obj);
            if overrides(&cls, "__init__") {
                return Err(PyErr::type_error(
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ));
            }
            if !overrides(&cls, "__new__") {
                return Err(PyErr::type_error(format!("{}() takes no arguments", cls.name())));
            }
        }
    }
    Ok(Value::None)
}

/// A fresh instance of `cls` whose builtin payload is made from `args`
/// (immutable builtin bases take their value at creation).
/// An instance whose class may define `__del__` is not lost when its
/// last reference goes: its state moves to a new object that is queued
/// for `__del__`, which runs at the next safe point (`signals::check`),
/// never inside whatever lock or operation dropped the reference. A
/// finalizer that stores `self` somewhere resurrects it.
impl Drop for Instance {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
        if *self.finalized.get_mut() {
            return;
        }
        let class = self.class.get();
        if class.is_builtin {
            return;
        }
        // Flags not cached yet: queue it; the finalizer queue looks
        // `__del__` up outside any lock.
        if class.cached_special_flags().is_some_and(|f| f & crate::objects::typeobj::special::DEL == 0) {
            return;
        }
        let revived = Instance {
            class: ClassRef::new(class),
            dict: self.dict.clone(),
            payload: std::mem::replace(&mut self.payload, Payload::None),
            finalized: true.into(),
            gc: crate::gc::GcHeader::new(),
        };
        crate::signals::queue_finalizer(Value::Instance(Arc::new(revived)));
    }
}

pub fn new_instance(cls: &Arc<TypeObj>, args: &[Value]) -> PyResult<Value> {
    let c = crate::context::ctx();
    let payload = match cls.kind {
        BaseKind::Object => match cls.fixed_slots() {
            Some(names) => {
                let inst = Instance::slotted(cls.clone(), names.len());
                return Ok(crate::gc::tracked(Value::Instance(Arc::new(inst))));
            }
            None => Payload::None,
        },
        BaseKind::Type | BaseKind::Other => Payload::None,
        BaseKind::Exception => Payload::Exception(Box::new(Mutex::new(ExcState::new(args.to_vec())))),
        BaseKind::List => Payload::Builtin(Value::list(Vec::new())),
        BaseKind::Dict => Payload::Builtin(Value::dict(DictObj::new())),
        BaseKind::Set => Payload::Builtin(Value::set(crate::objects::set::SetObj::new())),
        BaseKind::Native => {
            let base = cls.mro_with_self().into_iter().find(|t| t.is_builtin && t.kind == BaseKind::Native);
            let ctor = base.and_then(|t| t.constructor).ok_or_else(|| PyErr::type_error("cannot create instance"))?;
            Payload::Builtin(ctor(CallArgs::positional_only(&[]))?)
        }
        kind => {
            let base = match kind {
                BaseKind::Int => &c.types.int,
                BaseKind::Float => &c.types.float,
                BaseKind::Str => &c.types.str,
                BaseKind::Bytes => &c.types.bytes,
                BaseKind::Tuple => &c.types.tuple,
                _ => &c.types.frozenset,
            };
            let ctor = base.constructor.ok_or_else(|| PyErr::type_error("cannot create instance"))?;
            Payload::Builtin(ctor(CallArgs::positional_only(args))?)
        }
    };
    Ok(crate::gc::tracked(Value::Instance(Arc::new(Instance::new(cls.clone(), payload)))))
}

/// `int.__new__(cls, ...)` and friends for builtin bases: the generic
/// constructor of a subclass instance.
pub fn builtin_new(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let Some(first) = pos.first() else {
        return Err(PyErr::type_error("__new__(): not enough arguments"));
    };
    let cls = type_arg(first, "__new__")?;
    if cls.is_builtin {
        if let Some(ctor) = cls.constructor {
            let rest: Vec<Value> = a.args[1..].to_vec();
            return ctor(CallArgs::new(&rest, a.kwnames));
        }
    }
    new_instance(&cls, &pos[1..])
}
