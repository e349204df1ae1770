//! The methods `bytes` and `bytearray` share, and the helpers the rest of
//! the runtime uses to make and read byte strings: searching, splitting,
//! joining, stripping, replacing, `decode`, `hex` and `fromhex`. Case
//! mapping, predicates, padding and `translate` are in `bytes_transform`;
//! the mutators only `bytearray` has in `bytearray_methods`; the search
//! algorithms in `bytes_search`; codecs in `codec`.
//!
//! One method table serves both types: a method returns a value of its
//! receiver's type (`bytearray(b"a").upper()` is a bytearray). A
//! bytearray's contents are copied out under its lock before any Python
//! code can run (a `join` item's conversion, a `__index__`), so no lock is
//! held across calls and a concurrent mutation cannot tear a result.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::bytes::{ByteArrayObj, BytesObj};
use crate::objects::bytes_search as search;
use crate::objects::bytes_transform;
use crate::objects::text_args::{self, bind, c_int, check_alloc, limit_arg, slice_index};
use crate::ops;
use crate::strlib;
use crate::value::Value;

pub fn bytes_value(data: Vec<u8>) -> Value {
    Value::Bytes(Arc::new(BytesObj::new(data)))
}

pub fn bytearray_value(data: Vec<u8>) -> Value {
    Value::ByteArray(Arc::new(ByteArrayObj::new(data)))
}

/// A copy of the bytes of a bytes-like value (bytes, bytearray, or a
/// subclass instance of either).
pub fn bytes_data(v: &Value) -> PyResult<Vec<u8>> {
    buffer(v).map(|b| b.to_vec()).ok_or_else(|| need_bytes_like(v))
}

/// `bytes.decode()` with the defaults (UTF-8, strict).
pub fn decode_utf8(data: &[u8]) -> PyResult<Value> {
    crate::objects::codec::decode(data, "utf-8", "strict").map(Value::string)
}

/// `item in data` for bytes and bytearray.
pub fn contains(data: &[u8], item: &Value) -> PyResult<bool> {
    let needle = sub_arg(item, false)?;
    Ok(search::find(data, &needle).is_some())
}

// ----- receivers and arguments ----------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Bytes,
    ByteArray,
}

impl Kind {
    /// A result of this kind.
    pub(crate) fn wrap(self, data: Vec<u8>) -> Value {
        match self {
            Kind::Bytes => bytes_value(data),
            Kind::ByteArray => bytearray_value(data),
        }
    }
}

/// Bytes to read: shared for `bytes`, a snapshot for `bytearray`.
pub(crate) enum Buffer {
    Shared(Arc<BytesObj>),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Buffer {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Buffer::Shared(b) => &b.data,
            Buffer::Owned(v) => v,
        }
    }
}

/// The bytes of a bytes-like value, or `None`.
pub(crate) fn buffer(v: &Value) -> Option<Buffer> {
    match v {
        Value::Bytes(b) => Some(Buffer::Shared(b.clone())),
        Value::ByteArray(b) => Some(Buffer::Owned(b.data.lock().clone())),
        Value::Instance(_) => match ops::payload(v) {
            p @ (Value::Bytes(_) | Value::ByteArray(_)) => buffer(&p),
            _ => None,
        },
        _ => None,
    }
}

fn need_bytes_like(v: &Value) -> PyErr {
    PyErr::type_error(format!("a bytes-like object is required, not '{}'", ops::type_name(v)))
}

pub(crate) fn need_buffer(v: &Value) -> PyResult<Buffer> {
    buffer(v).ok_or_else(|| need_bytes_like(v))
}

/// A byte value 0..=255 from an int-like argument.
pub(crate) fn byte_value(v: &Value) -> PyResult<u8> {
    let n = match ops::index_value(v) {
        Ok(n) => n,
        Err(e) if e.is_instance(&ctx().exc.overflow_error) => -1,
        Err(e) => return Err(e),
    };
    u8::try_from(n).map_err(|_| PyErr::value_error("byte must be in range(0, 256)"))
}

/// The `sub` of find/count/index/`in`: a bytes-like value or one byte.
fn sub_arg(v: &Value, search_method: bool) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer(v) {
        return Ok(b.to_vec());
    }
    let int_like = match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => true,
        Value::Instance(_) => ops::lookup_special(v, "__index__").is_some(),
        _ => false,
    };
    if int_like {
        return Ok(vec![byte_value(v)?]);
    }
    Err(if search_method {
        PyErr::type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            ops::type_name(v)
        ))
    } else {
        need_bytes_like(v)
    })
}

/// `self`: its kind, its bytes, and the value itself.
pub(crate) struct This {
    pub kind: Kind,
    pub data: Buffer,
    pub value: Value,
}

pub(crate) fn this(v: &Value, method: &str) -> PyResult<This> {
    let kind = match ops::payload(v) {
        Value::Bytes(_) => Kind::Bytes,
        Value::ByteArray(_) => Kind::ByteArray,
        _ => return Err(text_args::descriptor_error(method, "bytes", v)),
    };
    let data = need_buffer(v)?;
    Ok(This { kind, data, value: v.clone() })
}

impl This {
    /// A result that is the range `part` of `self`'s bytes: `self` itself
    /// when it is all of an exact `bytes`, else a new value.
    pub(crate) fn piece(&self, part: &[u8]) -> Value {
        if self.kind == Kind::Bytes && part.len() == self.data.len() && matches!(self.value, Value::Bytes(_)) {
            return self.value.clone();
        }
        self.kind.wrap(part.to_vec())
    }

    fn list(&self, parts: Vec<&[u8]>) -> Value {
        Value::list(parts.into_iter().map(|p| self.piece(p)).collect())
    }
}

/// The type name for messages, from the receiver (when there is one).
pub(crate) fn type_of_receiver(a: &CallArgs) -> &'static str {
    match a.positional().first().map(ops::payload) {
        Some(Value::ByteArray(_)) => "bytearray",
        _ => "bytes",
    }
}

pub(crate) fn positional<'a>(a: &CallArgs<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    text_args::positional(a, type_of_receiver(a), name, min, max)
}

pub(crate) fn exact<'a, const N: usize>(a: &CallArgs<'a>, name: &str) -> PyResult<[&'a Value; N]> {
    text_args::exact::<N>(a, type_of_receiver(a), name)
}

pub(crate) fn bind_kw<'a, const N: usize>(
    a: &CallArgs<'a>,
    name: &str,
    names: [&str; N],
) -> PyResult<(&'a Value, [Option<&'a Value>; N])> {
    bind(a, type_of_receiver(a), name, names, 0)
}

// ----- searching -------------------------------------------------------------

/// `(self, sub[, start[, end]])`: self, the needle, and the window
/// `start..end` (None when `start > end`: nothing can match).
type SearchArgs = (This, Vec<u8>, Option<(usize, usize)>);

fn search_args(a: &CallArgs, name: &str) -> PyResult<SearchArgs> {
    let args = positional(a, name, 2, 4)?;
    let s = this(&args[0], name)?;
    let start = slice_index(args.get(2))?;
    let end = slice_index(args.get(3))?;
    let sub = sub_arg(&args[1], true)?;
    let (start, end) = strlib::adjust_indices(start, end, s.data.len());
    let window = (start <= end).then_some((start, end));
    Ok((s, sub, window))
}

fn find_in(a: &CallArgs, name: &str, rev: bool) -> PyResult<Option<usize>> {
    let (s, sub, window) = search_args(a, name)?;
    let Some((start, end)) = window else { return Ok(None) };
    let hay = &s.data[start..end];
    let at = if rev { search::rfind(hay, &sub) } else { search::find(hay, &sub) };
    Ok(at.map(|i| start + i))
}

fn found_or_minus_one(i: Option<usize>) -> Value {
    i.map_or(Value::Int(-1), Value::from_usize)
}

fn found_or_error(i: Option<usize>) -> PyResult<Value> {
    i.map(Value::from_usize).ok_or_else(|| PyErr::value_error("subsection not found"))
}

fn find(a: CallArgs) -> PyResult<Value> {
    find_in(&a, "find", false).map(found_or_minus_one)
}
fn rfind(a: CallArgs) -> PyResult<Value> {
    find_in(&a, "rfind", true).map(found_or_minus_one)
}
fn index(a: CallArgs) -> PyResult<Value> {
    find_in(&a, "index", false).and_then(found_or_error)
}
fn rindex(a: CallArgs) -> PyResult<Value> {
    find_in(&a, "rindex", true).and_then(found_or_error)
}

fn count(a: CallArgs) -> PyResult<Value> {
    let (s, sub, window) = search_args(&a, "count")?;
    let n = window.map_or(0, |(start, end)| search::count(&s.data[start..end], &sub));
    Ok(Value::from_usize(n))
}

fn affix_test(a: CallArgs, name: &str, suffix: bool) -> PyResult<Value> {
    let args = positional(&a, name, 2, 4)?;
    let s = this(&args[0], name)?;
    let start = slice_index(args.get(2))?;
    let end = slice_index(args.get(3))?;
    let (start, end) = strlib::adjust_indices(start, end, s.data.len());
    let window = if start <= end { Some(&s.data[start..end]) } else { None };
    let test = |affix: &[u8]| {
        window.is_some_and(|w| if suffix { w.ends_with(affix) } else { w.starts_with(affix) })
    };
    if let Some(affix) = buffer(&args[1]) {
        return Ok(Value::Bool(test(&affix)));
    }
    let Value::Tuple(options) = ops::payload(&args[1]) else {
        return Err(PyErr::type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            ops::type_name(&args[1])
        )));
    };
    for item in options.items() {
        if test(&need_buffer(item)?) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn startswith(a: CallArgs) -> PyResult<Value> {
    affix_test(a, "startswith", false)
}
fn endswith(a: CallArgs) -> PyResult<Value> {
    affix_test(a, "endswith", true)
}

// ----- splitting and joining -------------------------------------------------

fn split_common(a: CallArgs, name: &str, rev: bool) -> PyResult<Value> {
    let (v, [sep, maxsplit]) = bind_kw(&a, name, ["sep", "maxsplit"])?;
    let s = this(v, name)?;
    // The int parameter is converted first, as CPython's generated parser does.
    let limit = limit_arg(maxsplit)?;
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(x) => Some(need_buffer(x)?),
    };
    let parts = match (&sep, rev) {
        (None, false) => search::split_whitespace(&s.data, limit),
        (None, true) => search::rsplit_whitespace(&s.data, limit),
        (Some(sep), _) if sep.is_empty() => return Err(PyErr::value_error("empty separator")),
        (Some(sep), false) => search::split(&s.data, sep, limit),
        (Some(sep), true) => search::rsplit(&s.data, sep, limit),
    };
    Ok(s.list(parts))
}

fn split(a: CallArgs) -> PyResult<Value> {
    split_common(a, "split", false)
}
fn rsplit(a: CallArgs) -> PyResult<Value> {
    split_common(a, "rsplit", true)
}

fn splitlines(a: CallArgs) -> PyResult<Value> {
    let (v, [keepends]) = bind_kw(&a, "splitlines", ["keepends"])?;
    let s = this(v, "splitlines")?;
    let keepends = match keepends {
        Some(k) => ops::truthy(k)?,
        None => false,
    };
    Ok(s.list(search::splitlines(&s.data, keepends)))
}

fn partition_common(a: CallArgs, name: &str, rev: bool) -> PyResult<Value> {
    let [v, sep] = exact::<2>(&a, name)?;
    let s = this(v, name)?;
    let sep = need_buffer(sep)?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let d = &s.data;
    let at = if rev { search::rfind(d, &sep) } else { search::find(d, &sep) };
    let parts = match at {
        Some(i) => [&d[..i], &d[i..i + sep.len()], &d[i + sep.len()..]],
        None if rev => [&d[..0], &d[..0], &d[..]],
        None => [&d[..], &d[..0], &d[..0]],
    };
    Ok(Value::tuple(parts.iter().map(|p| s.piece(p)).collect()))
}

fn partition(a: CallArgs) -> PyResult<Value> {
    partition_common(a, "partition", false)
}
fn rpartition(a: CallArgs) -> PyResult<Value> {
    partition_common(a, "rpartition", true)
}

fn join(a: CallArgs) -> PyResult<Value> {
    let [v, iterable] = exact::<2>(&a, "join")?;
    let s = this(v, "join")?;
    let it = ops::iter(iterable).map_err(|e| {
        if e.is_instance(&ctx().exc.type_error) {
            PyErr::type_error("can only join an iterable")
        } else {
            e
        }
    })?;
    let items = ops::collect(&it)?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        parts.push(buffer(item).ok_or_else(|| {
            PyErr::type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                ops::type_name(item)
            ))
        })?);
    }
    let total = parts
        .iter()
        .try_fold(0usize, |n, p| n.checked_add(p.len()))
        .and_then(|n| n.checked_add(s.data.len().checked_mul(parts.len().saturating_sub(1))?))
        .ok_or_else(PyErr::memory_error)?;
    check_alloc(total)?;
    let mut out = Vec::with_capacity(total);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&s.data);
        }
        out.extend_from_slice(p);
    }
    Ok(s.kind.wrap(out))
}

// ----- stripping, padding, replacing ----------------------------------------

fn strip_common(a: CallArgs, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let args = positional(&a, name, 1, 2)?;
    let s = this(&args[0], name)?;
    let set = match args.get(1) {
        None | Some(Value::None) => None,
        Some(c) => Some(need_buffer(c)?),
    };
    let strip_it = |b: &u8| match &set {
        None => search::is_space(*b),
        Some(set) => set.contains(b),
    };
    let d = &s.data;
    let start = if left { d.iter().position(|b| !strip_it(b)).unwrap_or(d.len()) } else { 0 };
    let end = if right { d.iter().rposition(|b| !strip_it(b)).map_or(0, |i| i + 1) } else { d.len() };
    Ok(s.piece(&d[start..end.max(start)]))
}

fn strip(a: CallArgs) -> PyResult<Value> {
    strip_common(a, "strip", true, true)
}
fn lstrip(a: CallArgs) -> PyResult<Value> {
    strip_common(a, "lstrip", true, false)
}
fn rstrip(a: CallArgs) -> PyResult<Value> {
    strip_common(a, "rstrip", false, true)
}

/// `replace(old, new, count=-1, /)`.
fn replace(a: CallArgs) -> PyResult<Value> {
    let args = positional(&a, "replace", 3, 4)?;
    let s = this(&args[0], "replace")?;
    let old = need_buffer(&args[1])?;
    let new = need_buffer(&args[2])?;
    let limit = limit_arg(args.get(3))?;
    let growth = new.len().saturating_sub(old.len());
    if growth.saturating_mul(s.data.len() / old.len().max(1) + 1) >= 1 << 20 {
        // The result could be large: size it exactly before building it.
        let total = search::replaced_len(&s.data, &old, &new, limit)
            .ok_or_else(|| PyErr::overflow("replace bytes is too long"))?;
        check_alloc(total)?;
    }
    Ok(s.kind.wrap(search::replace(&s.data, &old, &new, limit)))
}

fn remove_affix(a: CallArgs, name: &str, suffix: bool) -> PyResult<Value> {
    let [v, affix] = exact::<2>(&a, name)?;
    let s = this(v, name)?;
    let affix = need_buffer(affix)?;
    let d = &s.data;
    let rest = if suffix { d.strip_suffix(&affix[..]) } else { d.strip_prefix(&affix[..]) };
    Ok(s.piece(rest.unwrap_or(d)))
}

fn removeprefix(a: CallArgs) -> PyResult<Value> {
    remove_affix(a, "removeprefix", false)
}
fn removesuffix(a: CallArgs) -> PyResult<Value> {
    remove_affix(a, "removesuffix", true)
}

// ----- conversions -------------------------------------------------------------

/// `decode(encoding='utf-8', errors='strict')`.
fn decode(a: CallArgs) -> PyResult<Value> {
    let (v, [encoding, errors]) = bind_kw(&a, "decode", ["encoding", "errors"])?;
    let s = this(v, "decode")?;
    let name_arg = |x: Option<&Value>, param: &str| {
        x.map(|x| {
            text_args::as_str(x).ok_or_else(|| {
                PyErr::type_error(format!(
                    "decode() argument '{param}' must be str, not {}",
                    text_args::clinic_type_name(x)
                ))
            })
        })
        .transpose()
    };
    let encoding = name_arg(encoding, "encoding")?;
    let errors = name_arg(errors, "errors")?;
    let text = crate::objects::codec::decode(
        &s.data,
        encoding.as_ref().map_or("utf-8", |e| e.as_str()),
        errors.as_ref().map_or("strict", |e| e.as_str()),
    )?;
    Ok(Value::string(text))
}

/// `hex(sep=<none>, bytes_per_sep=1)`: groups of `bytes_per_sep` bytes
/// counted from the right (from the left when negative).
fn hex(a: CallArgs) -> PyResult<Value> {
    let (v, [sep, per]) = bind_kw(&a, "hex", ["sep", "bytes_per_sep"])?;
    let s = this(v, "hex")?;
    // `bytes_per_sep` is a C int, converted before `sep` is looked at.
    let per = match per {
        Some(p) => i64::from(c_int(p)?),
        None => 1,
    };
    let sep = match sep {
        None => None,
        Some(x) => {
            // Any sized object gets as far as the length check, as in CPython.
            if ops::len(x)? != 1 {
                return Err(PyErr::value_error("sep must be length 1."));
            }
            let first = match (text_args::as_str(x), ops::payload(x)) {
                (Some(t), _) => t.as_str().chars().next().map_or(0x80, u32::from),
                (None, Value::Bytes(b)) => u32::from(b.data[0]),
                _ => return Err(PyErr::type_error("sep must be str or bytes.")),
            };
            let byte = u8::try_from(first).ok().filter(u8::is_ascii);
            Some(byte.ok_or_else(|| PyErr::value_error("sep must be ASCII."))?)
        }
    };
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let d = &s.data;
    let group = usize::try_from(per.unsigned_abs()).unwrap_or(usize::MAX);
    let mut out = String::with_capacity(d.len() * 3);
    for (i, &b) in d.iter().enumerate() {
        if let (Some(sep), true) = (sep, i > 0 && group > 0) {
            // Distance from the grouping origin decides where separators go.
            let boundary = if per > 0 { (d.len() - i) % group == 0 } else { i % group == 0 };
            if boundary {
                out.push(char::from(sep));
            }
        }
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    Ok(Value::string(out))
}

/// `bytes.fromhex(string)` / `bytearray.fromhex(string)` (classmethod).
fn fromhex(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let cls = pos.first().cloned().unwrap_or(Value::None);
    let type_name = cls.as_type().map_or("bytes", |t| t.name());
    let text_arg = match pos {
        [_, s] if !a.has_kwargs() => s,
        _ if a.has_kwargs() => {
            return Err(PyErr::type_error(format!("{type_name}.fromhex() takes no keyword arguments")))
        }
        _ => {
            return Err(crate::args::arity_error(&format!("{type_name}.fromhex"), 2, 2, pos.len(), true));
        }
    };
    let text = text_args::as_str(text_arg).ok_or_else(|| {
        PyErr::type_error(format!("fromhex() argument must be str, not {}", text_args::clinic_type_name(text_arg)))
    })?;
    let data = parse_hex(text.as_str())?;
    let c = ctx();
    match &cls {
        Value::Type(t) if Arc::ptr_eq(t, &c.types.bytearray) => Ok(bytearray_value(data)),
        Value::Type(t) if Arc::ptr_eq(t, &c.types.bytes) => Ok(bytes_value(data)),
        // A subclass: construct it from the bytes, as CPython does.
        other => ops::call1(other, bytes_value(data)),
    }
}

/// Pairs of hex digits, with ASCII whitespace allowed between pairs.
fn parse_hex(text: &str) -> PyResult<Vec<u8>> {
    let bad = |pos: usize| {
        PyErr::value_error(format!("non-hexadecimal number found in fromhex() arg at position {pos}"))
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii() && search::is_space(chars[i] as u8) {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16).filter(|_| chars[i].is_ascii()).ok_or_else(|| bad(i))?;
        let lo = chars
            .get(i + 1)
            .filter(|c| c.is_ascii())
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| bad(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(out)
}

// ----- registration ----------------------------------------------------------------

pub fn init_type() {
    let c = ctx();
    let methods: &[(&'static str, crate::objects::function::BuiltinFn)] = &[
        ("count", count),
        ("decode", decode),
        ("endswith", endswith),
        ("find", find),
        ("hex", hex),
        ("index", index),
        ("join", join),
        ("lstrip", lstrip),
        ("partition", partition),
        ("removeprefix", removeprefix),
        ("removesuffix", removesuffix),
        ("replace", replace),
        ("rfind", rfind),
        ("rindex", rindex),
        ("rpartition", rpartition),
        ("rsplit", rsplit),
        ("rstrip", rstrip),
        ("split", split),
        ("splitlines", splitlines),
        ("startswith", startswith),
        ("strip", strip),
    ];
    for t in [&c.types.bytes, &c.types.bytearray] {
        for &(name, f) in methods.iter().chain(bytes_transform::METHODS) {
            t.add_method(name, f);
        }
        t.add_classmethod("fromhex", fromhex);
        t.add_static("maketrans", bytes_transform::maketrans);
    }
    crate::objects::bytearray_methods::init_type();
}

// Expected results are CPython 3.13's output for the same calls.
#[cfg(test)]
mod tests {
    use super::contains;
    use crate::objects::text_args::testing::{b, ba, call, call_kw, check, i, list, s, tuple};
    use crate::value::Value;

    #[test]
    fn decode_and_hex() {
        check(call(&b(b"abc"), "decode", &[]), "'abc'");
        check(call(&b(b"\xc3\xa9"), "decode", &[]), "'\u{e9}'");
        check(call(&b(b"\xff"), "decode", &[]), "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
        check(call(&b(b"\xe2\x82"), "decode", &[]), "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
        check(call(&b(b"a\xe2("), "decode", &[]), "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe2 in position 1: invalid continuation byte");
        check(call(&b(b"\xf0\x90("), "decode", &[]), "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
        check(call(&b(b"\xff\xfe"), "decode", &[s("ascii")]), "UnicodeDecodeError: 'ascii' codec can't decode byte 0xff in position 0: ordinal not in range(128)");
        check(call(&b(b"a\xffb"), "decode", &[s("utf-8"), s("replace")]), "'a\u{fffd}b'");
        check(call_kw(&b(b"a\xffb"), "decode", &[], &[("errors", s("ignore"))]), "'ab'");
        check(call(&b(b"a\xff"), "decode", &[s("latin-1")]), "'a\u{ff}'");
        check(call(&b(b"a"), "decode", &[s("foo")]), "LookupError: unknown encoding: foo");
        check(call(&b(b"a\xff"), "decode", &[s("utf-8"), s("foo")]), "LookupError: unknown error handler name 'foo'");
        check(call(&b(b"a"), "decode", &[i(1)]), "TypeError: decode() argument 'encoding' must be str, not int");
        check(call(&ba(b"\xc3\xa9"), "decode", &[]), "'\u{e9}'");
        check(call_kw(&b(b"a"), "decode", &[s("ascii")], &[("errors", s("x")), ("foo", i(1))]), "TypeError: decode() takes at most 2 arguments (3 given)");
        check(call(&b(b"\x01\x02\x03"), "hex", &[]), "'010203'");
        check(call(&b(b"\x01\x02\x03"), "hex", &[s(":"), i(2)]), "'01:0203'");
        check(call(&b(b"\x01\x02\x03"), "hex", &[s(":"), i(-2)]), "'0102:03'");
        check(call(&b(b"\x01\x02\x03"), "hex", &[b(b"-")]), "'01-02-03'");
        check(call(&b(b"\x01"), "hex", &[s("ab")]), "ValueError: sep must be length 1.");
        check(call(&b(b"\x01"), "hex", &[s("\u{e9}")]), "ValueError: sep must be ASCII.");
        check(call(&b(b"\x01\x02"), "hex", &[s(":"), i(0)]), "'0102'");
        check(call(&b(b""), "hex", &[s(":")]), "''");
        check(call_kw(&b(b"a"), "hex", &[], &[("sep", s(":")), ("bytes_per_sep", i(1))]), "'61'");
        check(call(&ba(b"\xab\xcd"), "hex", &[]), "'abcd'");
    }

    #[test]
    fn searching() {
        check(call(&b(b"hello"), "find", &[b(b"l")]), "2");
        check(call(&b(b"hello"), "rfind", &[b(b"l")]), "3");
        check(call(&b(b"hello"), "find", &[i(108)]), "2");
        check(call(&b(b"hello"), "index", &[b(b"z")]), "ValueError: subsection not found");
        check(call(&b(b"hello"), "rindex", &[b(b"l"), i(0), i(3)]), "2");
        check(call(&b(b"hello"), "count", &[b(b"l")]), "2");
        check(call(&b(b"aaaa"), "count", &[b(b"aa")]), "2");
        check(call(&b(b"abc"), "count", &[b(b""), i(1)]), "3");
        check(call(&b(b"abc"), "count", &[b(b""), i(4)]), "0");
        check(call(&b(b"abc"), "find", &[b(b""), i(4)]), "-1");
        check(call(&b(b"a"), "find", &[s("a")]), "TypeError: argument should be integer or bytes-like object, not 'str'");
        check(call(&b(b"a"), "find", &[i(256)]), "ValueError: byte must be in range(0, 256)");
        check(call(&b(b"a"), "find", &[i(-1)]), "ValueError: byte must be in range(0, 256)");
        check(call(&b(b"abc"), "find", &[Value::Bool(true)]), "-1");
        check(call(&b(b"a"), "find", &[Value::Float(1.5)]), "TypeError: argument should be integer or bytes-like object, not 'float'");
        check(call(&b(b"a"), "find", &[]), "TypeError: find expected at least 1 argument, got 0");
        check(call(&b(b"abcabcabd"), "find", &[b(b"abcabd")]), "3");
        check(call(&ba(b"xyz"), "find", &[ba(b"z")]), "2");
        check(call(&b(b"abc"), "startswith", &[b(b"ab")]), "True");
        check(call(&b(b"abc"), "endswith", &[tuple(vec![b(b"c"), b(b"x")])]), "True");
        check(call(&b(b"abc"), "startswith", &[b(b""), i(4)]), "False");
        check(call(&b(b"a"), "startswith", &[i(1)]), "TypeError: startswith first arg must be bytes or a tuple of bytes, not int");
        check(call(&b(b"a"), "startswith", &[tuple(vec![i(1)])]), "TypeError: a bytes-like object is required, not 'int'");
        check(call(&b(b"abc"), "endswith", &[b(b"b"), i(0), i(2)]), "True");
    }

    #[test]
    fn splitting() {
        check(call(&b(b"a,b,,c"), "split", &[b(b",")]), "[b'a', b'b', b'', b'c']");
        check(call(&b(b"a b\x09c"), "split", &[]), "[b'a', b'b', b'c']");
        check(call(&b(b" a b "), "rsplit", &[Value::None, i(1)]), "[b' a', b'b']");
        check(call(&b(b"a,b,c"), "rsplit", &[b(b","), i(1)]), "[b'a,b', b'c']");
        check(call(&b(b"aaa"), "rsplit", &[b(b"aa")]), "[b'a', b'']");
        check(call(&ba(b"a,b"), "split", &[b(b",")]), "[bytearray(b'a'), bytearray(b'b')]");
        check(call(&b(b"a"), "split", &[b(b"")]), "ValueError: empty separator");
        check(call(&b(b"a"), "split", &[s("a")]), "TypeError: a bytes-like object is required, not 'str'");
        check(call_kw(&b(b"a,b"), "split", &[], &[("sep", b(b",")), ("maxsplit", i(0))]), "[b'a,b']");
        check(call(&b(b"a\x0d\x0ab\x0dc\x0a"), "splitlines", &[]), "[b'a', b'b', b'c']");
        check(call(&b(b"a\x0d\x0ab\x0dc\x0a"), "splitlines", &[Value::Bool(true)]), "[b'a\\r\\n', b'b\\r', b'c\\n']");
        check(call(&b(b"a=b=c"), "partition", &[b(b"=")]), "(b'a', b'=', b'b=c')");
        check(call(&b(b"a=b=c"), "rpartition", &[b(b"=")]), "(b'a=b', b'=', b'c')");
        check(call(&b(b"ab"), "partition", &[b(b"c")]), "(b'ab', b'', b'')");
        check(call(&b(b"ab"), "rpartition", &[b(b"c")]), "(b'', b'', b'ab')");
        check(call(&b(b"ab"), "partition", &[b(b"")]), "ValueError: empty separator");
        check(call(&b(b"a"), "partition", &[s("a")]), "TypeError: a bytes-like object is required, not 'str'");
        check(call(&ba(b"a=b"), "partition", &[b(b"=")]), "(bytearray(b'a'), bytearray(b'='), bytearray(b'b'))");
        check(call(&b(b"x"), "join", &[list(vec![b(b"a"), ba(b"b"), b(b"c")])]), "b'axbxc'");
        check(call(&ba(b"x"), "join", &[list(vec![b(b"a"), b(b"b")])]), "bytearray(b'axb')");
        check(call(&b(b"x"), "join", &[list(vec![])]), "b''");
        check(call(&b(b"x"), "join", &[list(vec![i(1)])]), "TypeError: sequence item 0: expected a bytes-like object, int found");
        check(call(&b(b"x"), "join", &[i(1)]), "TypeError: can only join an iterable");
        check(call(&b(b"x"), "join", &[list(vec![s("a")])]), "TypeError: sequence item 0: expected a bytes-like object, str found");
    }

    #[test]
    fn fromhex_and_maketrans() {
        let c = crate::objects::text_args::testing::ready();
        let bytes_type = Value::Type(c.types.bytes.clone());
        let bytearray_type = Value::Type(c.types.bytearray.clone());
        check(call(&bytes_type, "fromhex", &[s("0a 0B\t ff")]), "b'\\n\\x0b\\xff'");
        check(call(&bytearray_type, "fromhex", &[s("00ff")]), "bytearray(b'\\x00\\xff')");
        check(call(&bytes_type, "fromhex", &[s("0g")]), "ValueError: non-hexadecimal number found in fromhex() arg at position 1");
        check(call(&bytes_type, "fromhex", &[s("0")]), "ValueError: non-hexadecimal number found in fromhex() arg at position 1");
        check(call(&bytes_type, "fromhex", &[s(" 1 2")]), "ValueError: non-hexadecimal number found in fromhex() arg at position 2");
        check(call(&bytes_type, "fromhex", &[s("\u{e9}")]), "ValueError: non-hexadecimal number found in fromhex() arg at position 0");
        check(call(&bytes_type, "fromhex", &[i(1)]), "TypeError: fromhex() argument must be str, not int");
        check(call(&bytes_type, "fromhex", &[]), "TypeError: bytes.fromhex() takes exactly one argument (0 given)");
        check(call(&bytes_type, "maketrans", &[b(b"a"), b(b"bc")]), "ValueError: maketrans arguments must have same length");
        let table = call(&bytes_type, "maketrans", &[b(b"ab"), b(b"AB")]).unwrap();
        check(call(&b(b"abc"), "translate", &[table]), "b'ABc'");
    }

    #[test]
    fn membership() {
        let data = b"abc";
        assert!(contains(data, &b(b"bc")).unwrap());
        assert!(contains(data, &i(97)).unwrap());
        assert!(!contains(data, &ba(b"x")).unwrap());
        check(contains(data, &s("a")).map(Value::Bool), "TypeError: a bytes-like object is required, not 'str'");
        check(contains(data, &i(256)).map(Value::Bool), "ValueError: byte must be in range(0, 256)");
        let _ = (list(vec![]), tuple(vec![]));
    }
}
