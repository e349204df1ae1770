//! The per-code data the interpreter derives from the IR once: constants
//! and names as runtime values, and the parameter signature.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

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

/// Slots handed out in the per-thread global-load caches so far.
static GLOBAL_SLOTS: AtomicUsize = AtomicUsize::new(0);

/// Sites handed out in the per-thread attribute caches so far.
static ATTR_SITES: AtomicUsize = AtomicUsize::new(0);

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
            global_base: GLOBAL_SLOTS.fetch_add(code.names.len(), Ordering::Relaxed),
            append_name: code.names.iter().position(|n| &**n == "append").map_or(u32::MAX, |i| i as u32),
            attr_base: ATTR_SITES.fetch_add(code.names.len() * ATTR_KINDS, Ordering::Relaxed),
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
