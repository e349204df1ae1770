//! A running scope: its fast locals, cells, globals, and (for class bodies
//! and `exec`) the namespace mapping that `Name` loads and stores use.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use protopy_frontend::ir::{Code, CodeKind};
use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::function::CellObj;
use protopy_runtime::objects::generator::GenYielder;
use protopy_runtime::{ctx, ops, PyErr, PyResult, Value};

use super::prepared::{Prepared, ATTR_KINDS};
use protopy_runtime::compiled::attrs::AttrCache;
use protopy_runtime::compiled::GlobalCache;
use protopy_runtime::CallArgs;

thread_local! {
    /// This thread's cache of global loads, in blocks per code object
    /// (`Prepared::global_base`).
    static GLOBAL_CACHE: GlobalCache = const { GlobalCache::empty() };

    /// This thread's attribute caches: site `i` (`Prepared::attr_base`
    /// blocks) is entry `i % ATTR_CHUNK` of chunk `i / ATTR_CHUNK`, made
    /// on first use. A chunk is taken out (`Rc`) before it is used, so the
    /// Python code an attribute access may run can add chunks meanwhile.
    static ATTR_CACHE: RefCell<Vec<Option<Rc<AttrCache>>>> = const { RefCell::new(Vec::new()) };
}

/// Forget this thread's cache entries for a freed code object's global
/// slots and attribute sites (no-op while the thread's storage is torn down).
pub(super) fn forget_caches(globals: std::ops::Range<usize>, attrs: std::ops::Range<usize>) {
    let _ = GLOBAL_CACHE.try_with(|c| c.forget(globals));
    let _ = ATTR_CACHE.try_with(|c| {
        let Ok(chunks) = c.try_borrow() else { return };
        let first = attrs.start / ATTR_CHUNK;
        let last = attrs.end.div_ceil(ATTR_CHUNK);
        for (k, chunk) in chunks.iter().enumerate().take(last).skip(first) {
            let Some(chunk) = chunk else { continue };
            let base = k * ATTR_CHUNK;
            let lo = attrs.start.max(base) - base;
            let hi = attrs.end.min(base + ATTR_CHUNK) - base;
            chunk.forget(lo..hi);
        }
    });
}

/// Sites per attribute-cache chunk.
const ATTR_CHUNK: usize = 256;

/// Which of a name's attribute sites an access uses.
#[derive(Clone, Copy)]
enum AttrSite {
    Get = 0,
    Store = 1,
    Method = 2,
}

/// The chunk holding attribute site `site` on this thread and the site's
/// index in it; None while the thread's storage is being torn down.
///
/// The chunk is borrowed for as long as the thread runs: chunks are only
/// ever added (the vector may grow meanwhile, but each chunk stays where
/// its `Rc` put it) and are dropped with the thread's storage, after which
/// this returns None.
#[inline]
fn attr_chunk(site: usize) -> Option<(&'static AttrCache, usize)> {
    let chunk = site / ATTR_CHUNK;
    let ptr = ATTR_CACHE
        .try_with(|c| {
            if let Ok(v) = c.try_borrow() {
                if let Some(Some(ch)) = v.get(chunk) {
                    return Some(Rc::as_ptr(ch));
                }
            }
            let mut v = c.try_borrow_mut().ok()?;
            if v.len() <= chunk {
                v.resize(chunk + 1, None);
            }
            Some(Rc::as_ptr(v[chunk].get_or_insert_with(|| Rc::new(AttrCache::new(ATTR_CHUNK)))))
        })
        .ok()
        .flatten()?;
    // SAFETY: see above; the thread's storage outlives every frame running
    // on the thread.
    Some((unsafe { &*ptr }, site % ATTR_CHUNK))
}

pub struct Frame<'a> {
    pub code: &'a Code,
    pub prep: &'a Prepared,
    /// The fast locals: a buffer owned by whoever runs the frame (on the
    /// Rust stack for most calls, see `InterpFunction::invoke`).
    pub locals: &'a mut [Option<Value>],
    /// Cell variables, then the closure's cells: borrowed from the
    /// function when the code has no cell variables of its own.
    pub cells: Cow<'a, [Arc<CellObj>]>,
    pub globals: &'a Arc<DictObj>,
    /// Class body namespace or exec/eval locals (`Name` loads/stores).
    pub namespace: Option<Value>,
    pub line: u32,
    /// The value of the `return` being executed (see `Flow::Return`).
    pub ret: Value,
    /// Set while running a generator body.
    pub yielder: Option<&'a GenYielder>,
    /// Frames and handled exceptions registered below this generator frame
    /// when it was resumed (saved and restored around each yield).
    pub resume_frames: usize,
    pub resume_handled: usize,
}

impl<'a> Frame<'a> {
    #[inline]
    pub fn new(code: &'a Code, prep: &'a Prepared, globals: &'a Arc<DictObj>, locals: &'a mut [Option<Value>]) -> Frame<'a> {
        Frame {
            code,
            prep,
            locals,
            cells: Cow::Borrowed(&[]),
            globals,
            namespace: None,
            line: code.first_line,
            ret: Value::None,
            yielder: None,
            resume_frames: 0,
            resume_handled: 0,
        }
    }

    /// This frame's traceback line as it is now.
    pub fn trace_entry(&self) -> protopy_runtime::TraceEntry {
        protopy_runtime::TraceEntry {
            filename: self.prep.filename.clone(),
            name: self.prep.name.clone(),
            line: self.line,
            frame: self as *const Frame<'_> as usize,
        }
    }

    #[inline]
    pub fn name(&self, id: u32) -> &Value {
        &self.prep.names[id as usize]
    }

    fn name_str(&self, id: u32) -> &str {
        self.prep.names[id as usize].as_str().unwrap_or("?")
    }

    #[inline]
    pub fn load_local(&self, slot: u32) -> PyResult<Value> {
        match self.locals.get(slot as usize) {
            Some(Some(v)) => Ok(v.clone()),
            _ => Err(PyErr::unbound_local(self.local_name(slot))),
        }
    }

    pub fn local_name(&self, slot: u32) -> &str {
        self.code.locals.get(slot as usize).map(|s| &**s).unwrap_or("?")
    }

    pub fn cell_name(&self, i: u32) -> &str {
        let i = i as usize;
        let nc = self.code.cellvars.len();
        if i < nc {
            &self.code.cellvars[i]
        } else {
            self.code.freevars.get(i - nc).map(|s| &**s).unwrap_or("?")
        }
    }

    pub fn load_cell(&self, i: u32) -> PyResult<Value> {
        match self.cells.get(i as usize).and_then(|c| c.get()) {
            Some(v) => Ok(v),
            None => {
                let name = self.cell_name(i);
                if (i as usize) < self.code.cellvars.len() {
                    Err(PyErr::unbound_local(name))
                } else {
                    Err(PyErr::unbound_free(name))
                }
            }
        }
    }

    pub fn store_cell(&self, i: u32, v: Option<Value>) {
        if let Some(c) = self.cells.get(i as usize) {
            c.set(v);
        }
    }

    /// Module globals, then builtins.
    /// Global `id`: the module dict, then the builtins, through this
    /// thread's cache (valid while neither dict changed).
    pub fn load_global(&self, id: u32) -> PyResult<Value> {
        let key = self.name(id);
        let slot = self.prep.global_base + id as usize;
        match GLOBAL_CACHE.with(|c| c.get(self.globals, slot, key)) {
            Some(v) => Ok(v),
            None => Err(PyErr::name_error(self.name_str(id))),
        }
    }

    /// The attribute-cache site of name `id` for one kind of access: one
    /// per (code, name, kind), shared by the code's accesses of that name.
    #[inline]
    fn attr_site(&self, id: u32, kind: AttrSite) -> usize {
        self.prep.attr_base + id as usize * ATTR_KINDS + kind as usize
    }

    /// `obj.<name id>` through this thread's attribute cache.
    #[inline]
    pub fn get_attr(&self, obj: &Value, id: u32) -> PyResult<Value> {
        let name = self.name(id);
        if let Value::Instance(_) = obj {
            if let Some((cache, i)) = attr_chunk(self.attr_site(id, AttrSite::Get)) {
                return cache.getattr(i, obj, name);
            }
        }
        ops::getattr(obj, name)
    }

    /// `obj.<name id> = value` through this thread's attribute cache.
    #[inline]
    pub fn set_attr(&self, obj: &Value, id: u32, value: Value) -> PyResult<()> {
        let name = self.name(id);
        if let Value::Instance(_) = obj {
            if let Some((cache, i)) = attr_chunk(self.attr_site(id, AttrSite::Store)) {
                return cache.setattr(i, obj, name, value);
            }
        }
        ops::setattr(obj, name, value)
    }

    /// `obj.<name id>(args)` through this thread's attribute cache.
    #[inline]
    pub fn call_method(&self, obj: &Value, id: u32, args: CallArgs) -> PyResult<Value> {
        let name = self.name(id);
        if protopy_runtime::compiled::attrs::caches_methods_of(obj) {
            if let Some((cache, i)) = attr_chunk(self.attr_site(id, AttrSite::Method)) {
                return cache.call_method(i, obj, name, args);
            }
        }
        ops::call_method_args(obj, name, args)
    }

    pub fn builtins(&self) -> Arc<DictObj> {
        protopy_runtime::compiled::globals::builtins_of(self.globals)
    }

    /// Class body / exec: the namespace, then globals, then builtins.
    pub fn load_name(&self, id: u32) -> PyResult<Value> {
        if let Some(ns) = &self.namespace {
            if let Some(v) = lookup_mapping(ns, self.name(id))? {
                return Ok(v);
            }
        }
        self.load_global(id)
    }

    pub fn store_name(&self, id: u32, v: Value) -> PyResult<()> {
        match &self.namespace {
            Some(Value::Dict(d)) => d.set_str_item(self.name(id), v),
            Some(ns) => ops::setitem(ns, self.name(id), v),
            None => self.globals.set_str_item(self.name(id), v),
        }
    }

    pub fn delete_name(&self, id: u32) -> PyResult<()> {
        let key = self.name(id);
        let removed = match &self.namespace {
            Some(Value::Dict(d)) => d.remove(key)?.is_some(),
            Some(ns) => {
                ops::delitem(ns, key)?;
                true
            }
            None => self.globals.remove(key)?.is_some(),
        };
        if removed {
            Ok(())
        } else {
            Err(PyErr::name_error(self.name_str(id)))
        }
    }

    pub fn delete_global(&self, id: u32) -> PyResult<()> {
        match self.globals.remove(self.name(id))? {
            Some(_) => Ok(()),
            None => Err(PyErr::name_error(self.name_str(id))),
        }
    }

    /// `locals()` for this frame.
    pub fn locals_dict(&self) -> PyResult<Value> {
        if let Some(ns) = &self.namespace {
            return Ok(ns.clone());
        }
        if self.code.kind == CodeKind::Module {
            return Ok(Value::Dict(self.globals.clone()));
        }
        let d = DictObj::new();
        for (i, v) in self.locals.iter().enumerate() {
            if let (Some(v), Some(name)) = (v, self.code.locals.get(i)) {
                if !name.starts_with('$') && !name.starts_with('.') {
                    d.set_str(name, v.clone());
                }
            }
        }
        for (i, c) in self.cells.iter().enumerate() {
            if let Some(v) = c.get() {
                d.set_str(self.cell_name(i as u32), v);
            }
        }
        Ok(Value::Dict(Arc::new(d)))
    }
}

/// `mapping[key]` returning None for a missing key.
pub fn lookup_mapping(ns: &Value, key: &Value) -> PyResult<Option<Value>> {
    match ns {
        Value::Dict(d) => Ok(d.get_str_key(key)),
        other => match ops::getitem(other, key) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance(&ctx().exc.key_error) => Ok(None),
            Err(e) => Err(e),
        },
    }
}
