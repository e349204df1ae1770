//! The per-code data the interpreter derives from the IR once: constants
//! and names as runtime values, and the parameter signature.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use num_bigint::BigInt;
use protopy_frontend::ir::{Code, Const};
use protopy_runtime::objects::complex::ComplexObj;
use protopy_runtime::objects::function::Signature;
use protopy_runtime::{intern, Value};

pub struct Prepared {
    pub consts: Vec<Value>,
    pub names: Vec<Value>,
    pub signature: Signature,
    pub filename: Arc<str>,
    pub name: Arc<str>,
    /// First slot of this code's block in the per-thread global-load cache
    /// (one slot per entry of `names`).
    pub global_base: usize,
    /// First site of this code's block in the per-thread attribute caches:
    /// `ATTR_KINDS` sites per entry of `names` (read, store, method call of
    /// that name; see `Frame::attr_site`).
    pub attr_base: usize,
    /// The id of `append` in `names` (`u32::MAX` when absent): method
    /// calls of it on exact lists append in place.
    pub append_name: u32,
}

/// Attribute-cache sites per name: read, store, method call.
pub const ATTR_KINDS: usize = 3;

/// Blocks of cache slots, one per live code object. A freed code object's
/// block is handed to the next code object of the same size, so a program
/// that compiles code again and again (`exec` in a loop) reuses its slots
/// instead of growing every thread's caches.
struct Blocks {
    next: usize,
    free: BTreeMap<usize, Vec<usize>>,
}

impl Blocks {
    const fn new() -> Blocks {
        Blocks { next: 0, free: BTreeMap::new() }
    }

    fn take(&mut self, len: usize) -> usize {
        if let Some(base) = self.free.get_mut(&len).and_then(Vec::pop) {
            return base;
        }
        let base = self.next;
        self.next += len;
        base
    }

    fn give(&mut self, base: usize, len: usize) {
        if len > 0 {
            self.free.entry(len).or_default().push(base);
        }
    }
}

/// Slots of the per-thread global-load caches.
static GLOBAL_SLOTS: Mutex<Blocks> = Mutex::new(Blocks::new());

/// Sites of the per-thread attribute caches.
static ATTR_SITES: Mutex<Blocks> = Mutex::new(Blocks::new());

fn const_value(c: &Const) -> Value {
    match c {
        Const::None => Value::None,
        Const::True => Value::Bool(true),
        Const::False => Value::Bool(false),
        Const::Ellipsis => Value::Ellipsis,
        Const::Int(i) => Value::Int(*i),
        Const::BigInt(digits) => match digits.parse::<BigInt>() {
            Ok(b) => Value::from_bigint(b),
            Err(_) => Value::Int(0),
        },
        Const::Float(f) => Value::Float(*f),
        Const::Imaginary(f) => Value::Complex(Arc::new(ComplexObj { re: 0.0, im: *f })),
        Const::Str(s) => intern(s),
        Const::Bytes(b) => protopy_runtime::objects::bytes_methods::bytes_value(b.to_vec()),
    }
}

impl Prepared {
    fn new(code: &Code) -> Prepared {
        let p = &code.params;
        let n = p.total();
        Prepared {
            consts: code.consts.iter().map(const_value).collect(),
            names: code.names.iter().map(|n| intern(n)).collect(),
            signature: Signature {
                names: code.locals.iter().take(n).map(|n| intern(n)).collect(),
                posonly: p.posonly as usize,
                positional: p.positional as usize,
                kwonly: p.kwonly as usize,
                vararg: p.vararg,
                kwarg: p.kwarg,
            },
            filename: code.filename.clone(),
            name: code.name.clone(),
            global_base: lock(&GLOBAL_SLOTS).take(code.names.len()),
            append_name: code.names.iter().position(|n| &**n == "append").map_or(u32::MAX, |i| i as u32),
            attr_base: lock(&ATTR_SITES).take(code.names.len() * ATTR_KINDS),
        }
    }

    /// The prepared form of `code`, made on first use.
    pub fn of(code: &Code) -> &Prepared {
        let any = code.prepared.get_or_init(|| Box::new(Prepared::new(code)));
        match any.downcast_ref::<Prepared>() {
            Some(p) => p,
            // Only the interpreter fills this slot, always with a Prepared.
            None => unreachable!("code prepared by another back end"),
        }
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        // This thread's entries are forgotten now; another thread's entry
        // for a reused slot is refilled on its next use, since entries
        // check the name they were filled for.
        let (globals, attrs) = (self.names.len(), self.names.len() * ATTR_KINDS);
        super::frame::forget_caches(self.global_base..self.global_base + globals, self.attr_base..self.attr_base + attrs);
        lock(&GLOBAL_SLOTS).give(self.global_base, globals);
        lock(&ATTR_SITES).give(self.attr_base, attrs);
    }
}

/// The blocks, whatever a panicking holder left (they stay consistent).
fn lock(m: &Mutex<Blocks>) -> std::sync::MutexGuard<'_, Blocks> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
