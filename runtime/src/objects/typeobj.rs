//! Type objects: builtin types and classes made by `class` statements.
//! Attribute lookup walks the MRO's dicts; the instance layout of a class is
//! the `BaseKind` it inherits from the nearest builtin base.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::sync::RwLock;

use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::function::BuiltinFn;
use crate::value::Value;

/// What an instance of a class carries besides its `__dict__`: the layout
/// inherited from the nearest builtin base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseKind {
    Object,
    Exception,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Type,
    /// A builtin type that cannot be subclassed, or whose instances are not
    /// `Instance` objects (function, module, NoneType, ...).
    Other,
    /// A native type that can be subclassed (`collections.deque`,
    /// `io.StringIO`): a subclass instance wraps a native object the
    /// type's constructor makes with no arguments, and its `__init__`
    /// fills it in.
    Native,
}

pub struct TypeObj {
    pub name: Arc<str>,
    pub qualname: RwLock<Arc<str>>,
    pub bases: RwLock<Vec<Arc<TypeObj>>>,
    /// Method resolution order, this type excluded (it is always first).
    pub mro: RwLock<Vec<Arc<TypeObj>>>,
    pub dict: DictObj,
    pub kind: BaseKind,
    /// True for the builtin types made by the runtime itself.
    pub is_builtin: bool,
    pub is_exception: bool,
    /// Allowed as a base class.
    pub subclassable: bool,
    /// The metaclass; `None` means `type`.
    pub meta: RwLock<Option<Arc<TypeObj>>>,
    /// Calling the exact builtin type: `int(x)`, `list(it)`.
    pub constructor: Option<BuiltinFn>,
    /// Bumped whenever this type's dict (or a base's) changes; lets call
    /// sites cache lookups.
    pub version: AtomicU64,
    /// Weak list of direct subclasses, for `__subclasses__()`.
    pub subclasses: RwLock<Vec<std::sync::Weak<TypeObj>>>,
    /// Names in `__slots__`, if the class declared them.
    pub slots: Option<Vec<Arc<str>>>,
    /// Every slot name of the MRO, in storage order, when instances have
    /// no `__dict__` (computed on first use).
    fixed_slots: std::sync::OnceLock<Option<Arc<[Arc<str>]>>>,
    /// `SpecialFlags` cached with the type version they were computed at
    /// (version << 8 | flags); 0 means not computed.
    flags_cache: AtomicU64,
    pub(crate) gc: crate::gc::GcHeader,
}

impl Drop for TypeObj {
    fn drop(&mut self) {
        crate::gc::untrack(&self.gc);
    }
}

/// Which attribute hooks a class overrides (beyond `object`'s).
pub mod special {
    pub const GETATTRIBUTE: u8 = 1;
    pub const GETATTR: u8 = 2;
    pub const SETATTR: u8 = 4;
    pub const DELATTR: u8 = 8;
    /// Instances have a `__del__` finalizer.
    pub const DEL: u8 = 16;
    /// Calling the class is `object.__new__` then `__init__`: its
    /// `__new__` is object's and its metaclass has no `__call__` of its own.
    pub const PLAIN_NEW: u8 = 32;
}

impl TypeObj {
    pub fn new_builtin(
        name: &str,
        base: Option<&Arc<TypeObj>>,
        kind: BaseKind,
        constructor: Option<BuiltinFn>,
    ) -> Arc<TypeObj> {
        let bases: Vec<Arc<TypeObj>> = base.into_iter().cloned().collect();
        let mut mro = Vec::new();
        if let Some(b) = base {
            mro.push(b.clone());
            mro.extend(b.mro.read().iter().cloned());
        }
        let is_exception = base.is_some_and(|b| b.is_exception) || name == "BaseException";
        let t = Arc::new(TypeObj {
            name: name.into(),
            qualname: RwLock::new(name.into()),
            bases: RwLock::new(bases),
            mro: RwLock::new(mro),
            dict: DictObj::new(),
            kind,
            is_builtin: true,
            is_exception,
            subclassable: kind != BaseKind::Other,
            meta: RwLock::new(None),
            constructor,
            version: AtomicU64::new(0),
            subclasses: RwLock::new(Vec::new()),
            slots: None,
            fixed_slots: Default::default(),
            flags_cache: AtomicU64::new(0),
            gc: crate::gc::GcHeader::new(),
        });
        if let Some(b) = base {
            b.add_subclass(&t);
        }
        t
    }

    /// Record `t` among the direct subclasses. Dead entries are dropped
    /// before the list would grow: a `Weak` keeps its class's memory, so a
    /// program that makes classes in a loop would otherwise keep them all.
    pub fn add_subclass(&self, t: &Arc<TypeObj>) {
        let mut subs = self.subclasses.write();
        if subs.len() == subs.capacity() {
            subs.retain(|w| w.strong_count() > 0);
        }
        subs.push(Arc::downgrade(t));
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// `self` followed by its MRO.
    pub fn mro_with_self(self: &Arc<Self>) -> Vec<Arc<TypeObj>> {
        let mut v = vec![self.clone()];
        v.extend(self.mro.read().iter().cloned());
        v
    }

    pub fn is_subtype(self: &Arc<Self>, other: &Arc<TypeObj>) -> bool {
        if Arc::ptr_eq(self, other) {
            return true;
        }
        self.mro.read().iter().any(|t| Arc::ptr_eq(t, other))
    }

    /// Look a name up along the MRO (class attributes, methods, descriptors).
    pub fn lookup(self: &Arc<Self>, name: &Value) -> Option<Value> {
        lookup_cache::lookup(self, name)
    }

    /// The attribute hooks this class overrides (see `special`), cached
    /// until any class changes.
    pub fn special_flags(self: &Arc<Self>) -> u8 {
        let version = ctx().type_version() & (u64::MAX >> 8);
        let cached = self.flags_cache.load(Ordering::Acquire);
        if cached != 0 && cached >> 8 == version {
            return cached as u8;
        }
        let names = &ctx().names;
        let overrides = |n: &Value| match self.lookup_uncached(n) {
            Some(Value::Builtin(b)) => b.qualname.as_deref() != Some("object"),
            Some(_) => true,
            None => false,
        };
        let mut f = 0;
        if overrides(&names.getattribute) {
            f |= special::GETATTRIBUTE;
        }
        if self.lookup_uncached(&names.getattr).is_some() {
            f |= special::GETATTR;
        }
        if overrides(&names.setattr) {
            f |= special::SETATTR;
        }
        if overrides(&names.delattr) {
            f |= special::DELATTR;
        }
        if self.lookup_uncached(&crate::intern("__del__")).is_some() {
            f |= special::DEL;
        }
        let plain_meta = self.meta_call().is_none();
        let object_new = ctx().types.object.dict.get_str_key(&names.new);
        let plain_new = match (self.lookup_uncached(&names.new), object_new) {
            (Some(a), Some(b)) => a.is(&b),
            _ => false,
        };
        if plain_meta && plain_new {
            f |= special::PLAIN_NEW;
        }
        self.flags_cache.store((version << 8) | f as u64, Ordering::Release);
        f
    }

    /// The `__call__` of a user metaclass (a class statement's class has
    /// no metaclass recorded, and only a user one may define it).
    pub fn meta_call(&self) -> Option<Value> {
        let meta = self.meta.read().as_ref().filter(|m| !m.is_builtin).cloned()?;
        meta.lookup_str("__call__").filter(|c| !matches!(c, Value::Builtin(_)))
    }

    /// `special_flags` if they are cached and current; never takes a lock,
    /// so it is safe where a lookup is not (while an instance is dropped).
    pub fn cached_special_flags(&self) -> Option<u8> {
        let version = ctx().type_version() & (u64::MAX >> 8);
        let cached = self.flags_cache.load(Ordering::Acquire);
        (cached != 0 && cached >> 8 == version).then_some(cached as u8)
    }

    /// `lookup` without the cache.
    pub fn lookup_uncached(self: &Arc<Self>, name: &Value) -> Option<Value> {
        if let Some(v) = self.dict.get_str_key(name) {
            return Some(v);
        }
        for t in self.mro.read().iter() {
            if let Some(v) = t.dict.get_str_key(name) {
                return Some(v);
            }
        }
        None
    }

    pub fn lookup_str(self: &Arc<Self>, name: &str) -> Option<Value> {
        match ctx().names.get(name) {
            Some(v) => self.lookup(v),
            None => self.lookup(&crate::context::intern(name)),
        }
    }

    /// The type that defines `name`, first along the MRO.
    pub fn lookup_owner(self: &Arc<Self>, name: &str) -> Option<Arc<TypeObj>> {
        let key = crate::context::intern(name);
        self.mro_with_self().into_iter().find(|t| t.dict.get_str_key(&key).is_some())
    }

    /// The slot names of instances stored in fixed slots (every user class
    /// of the MRO declares `__slots__` without `__dict__`), in storage order.
    pub fn fixed_slots(self: &Arc<Self>) -> Option<&Arc<[Arc<str>]>> {
        self.fixed_slots
            .get_or_init(|| {
                if self.kind != BaseKind::Object {
                    return None;
                }
                let mut names: Vec<Arc<str>> = Vec::new();
                for n in crate::ops::slot_names(self)? {
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                Some(names.into())
            })
            .as_ref()
    }

    /// Where slot `name` is stored in instances of this class.
    #[inline]
    pub fn slot_index(self: &Arc<Self>, name: &str) -> Option<usize> {
        self.fixed_slots()?.iter().position(|s| &**s == name)
    }

    /// The cycle collector's view (see `gc`): bases, MRO, metaclass and
    /// the class dict's contents (subclasses are held weakly).
    pub(crate) fn gc_traverse(&self, visit: &mut crate::gc::Visit) -> bool {
        use crate::gc::Edge;
        let (Some(bases), Some(mro), Some(meta)) = (self.bases.try_read(), self.mro.try_read(), self.meta.try_read()) else {
            return false;
        };
        bases.iter().chain(mro.iter()).chain(meta.iter()).for_each(|t| visit(Edge::Type(t)));
        self.dict.gc_traverse(visit)
    }

    pub(crate) fn gc_clear(&self, bin: &mut crate::gc::Bin) {
        bin.push(Box::new(self.dict.gc_take()));
        self.version.fetch_add(1, Ordering::Relaxed);
        ctx().bump_type_version();
    }

    pub fn set_attr(&self, name: Value, value: Value) -> PyResult<()> {
        if self.is_builtin {
            return Err(PyErr::type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                name.as_str().unwrap_or("?"),
                self.name
            )));
        }
        self.dict.set_item(name, value)?;
        self.version.fetch_add(1, Ordering::Relaxed);
        ctx().bump_type_version();
        Ok(())
    }

    pub fn add_method(&self, name: &'static str, func: BuiltinFn) {
        let f = crate::objects::function::BuiltinFunction::method(name, func);
        self.dict.set_str(name, Value::Builtin(Arc::new(f)));
    }

    pub fn add_static(&self, name: &'static str, func: BuiltinFn) {
        let f = crate::objects::function::BuiltinFunction::function(name, func);
        self.dict.set_str(name, crate::objects::descriptor::static_method(Value::Builtin(Arc::new(f))));
    }

    pub fn add_classmethod(&self, name: &'static str, func: BuiltinFn) {
        let f = crate::objects::function::BuiltinFunction::function(name, func);
        self.dict.set_str(name, crate::objects::descriptor::class_method(Value::Builtin(Arc::new(f))));
    }

    /// The metaclass (`type` unless the class says otherwise).
    pub fn metaclass(&self) -> Arc<TypeObj> {
        self.meta.read().clone().unwrap_or_else(|| ctx().types.type_.clone())
    }

    pub fn module_name(self: &Arc<Self>) -> Option<String> {
        // Builtin types of native modules (`collections.deque`) say where
        // they live; the core builtins have no `__module__`.
        self.dict.get_str("__module__").and_then(|v| v.as_str().map(str::to_owned))
    }

    /// `module.qualname` as type reprs and error reports spell it; builtins
    /// are just their name.
    pub fn full_name(self: &Arc<Self>) -> String {
        match self.module_name() {
            Some(m) if m != "builtins" => format!("{}.{}", m, self.qualname.read()),
            _ => self.qualname.read().to_string(),
        }
    }
}

/// C3 linearisation of `bases`, as `type.__mro__` (without the new class).
pub fn compute_mro(name: &str, bases: &[Arc<TypeObj>]) -> PyResult<Vec<Arc<TypeObj>>> {
    let mut seqs: Vec<Vec<Arc<TypeObj>>> = bases.iter().map(|b| b.mro_with_self()).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Arc<TypeObj>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|x| Arc::ptr_eq(x, head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(c) = candidate else {
            let names: Vec<&str> = bases.iter().map(|b| b.name()).collect();
            let _ = name;
            return Err(PyErr::type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if Arc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Make a new class: `type(name, bases, namespace)` and `class` statements.
pub fn new_class(
    meta: Option<Arc<TypeObj>>,
    name: &str,
    bases: Vec<Arc<TypeObj>>,
    namespace: &DictObj,
) -> PyResult<Arc<TypeObj>> {
    let c = ctx();
    let bases = if bases.is_empty() { vec![c.types.object.clone()] } else { bases };
    for b in &bases {
        if !b.subclassable {
            return Err(PyErr::type_error(format!("type '{}' is not an acceptable base type", b.name)));
        }
    }
    let mro = compute_mro(name, &bases)?;
    // The layout comes from the most derived builtin base.
    let mut kind = BaseKind::Object;
    for t in &mro {
        if t.is_builtin && t.kind != BaseKind::Object {
            if kind == BaseKind::Object {
                kind = t.kind;
            } else if kind != t.kind {
                return Err(PyErr::type_error("multiple bases have instance lay-out conflict"));
            }
        }
    }
    let is_exception = mro.iter().any(|t| t.is_exception);
    let qualname: Arc<str> = match namespace.get_str("__qualname__") {
        Some(Value::Str(s)) => s.as_str().into(),
        _ => name.into(),
    };
    let slots = match namespace.get_str("__slots__") {
        Some(v) => {
            let mut names = Vec::new();
            if let Some(s) = v.as_str() {
                names.push(Arc::from(s));
            } else {
                for item in crate::ops::collect(&v)? {
                    match item.as_str() {
                        Some(s) => names.push(Arc::from(s)),
                        None => return Err(PyErr::type_error("__slots__ items must be strings")),
                    }
                }
            }
            Some(names)
        }
        None => None,
    };
    let t = Arc::new(TypeObj {
        name: name.into(),
        qualname: RwLock::new(qualname),
        bases: RwLock::new(bases.clone()),
        mro: RwLock::new(mro),
        dict: namespace.copy(),
        kind,
        is_builtin: false,
        is_exception,
        subclassable: true,
        meta: RwLock::new(meta),
        constructor: None,
        version: AtomicU64::new(0),
        subclasses: RwLock::new(Vec::new()),
        slots,
        fixed_slots: Default::default(),
        flags_cache: AtomicU64::new(0),
        gc: crate::gc::GcHeader::new(),
    });
    for b in &bases {
        b.add_subclass(&t);
    }
    t.dict.del_str("__qualname__");
    c.bump_type_version();
    Ok(t)
}

/// A per-thread cache of MRO lookups, keyed by (type, interned name). Any
/// change to any class (and any class creation) bumps the context's type
/// version, which empties every cache; the entry's `Weak` keeps the type's
/// address from being reused while the entry exists.
mod lookup_cache {
    use std::cell::RefCell;
    use std::sync::{Arc, Weak};

    use rustc_hash::FxHashMap as HashMap;

    use super::TypeObj;
    use crate::value::Value;

    type Entry = (Weak<TypeObj>, Value, Option<Value>);

    struct Cache {
        version: u64,
        map: HashMap<(usize, usize), Entry>,
    }

    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(Cache { version: 0, map: HashMap::default() });
    }

    const MAX_ENTRIES: usize = 4096;

    pub fn lookup(t: &Arc<TypeObj>, name: &Value) -> Option<Value> {
        let Some(name_ptr) = name.heap_ptr() else {
            return t.lookup_uncached(name);
        };
        let key = (Arc::as_ptr(t) as usize, name_ptr);
        let version = crate::context::ctx().type_version();
        let hit = CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.version != version {
                c.map.clear();
                c.version = version;
                return None;
            }
            c.map.get(&key).map(|(_, _, r)| r.clone())
        });
        if let Some(r) = hit {
            return r;
        }
        let r = t.lookup_uncached(name);
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.version == version {
                if c.map.len() >= MAX_ENTRIES {
                    c.map.clear();
                }
                c.map.insert(key, (Arc::downgrade(t), name.clone(), r.clone()));
            }
        });
        r
    }
}
