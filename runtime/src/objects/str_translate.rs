//! `str.translate` and `str.maketrans`.
//!
//! `translate` looks every code point up in the table with `__getitem__`
//! (any mapping or sequence works); a `LookupError` leaves the code point
//! unchanged. Each distinct code point is looked up once per call, so the
//! cost is one table lookup per distinct character plus a linear copy.

use std::collections::HashMap;
use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::objects::str_methods::this;
use crate::objects::text_args::{self, MAX_BUILD};
use crate::ops;
use crate::value::Value;

/// What the table says about one code point.
#[derive(Clone)]
enum Mapped {
    Keep,
    Delete,
    Char(char),
    Text(Arc<crate::objects::str::StrObj>),
}

fn lookup(table: &Value, c: char) -> PyResult<Mapped> {
    let found = match ops::getitem(table, &Value::Int(i64::from(u32::from(c)))) {
        Ok(v) => v,
        Err(e) if e.is_instance(&ctx().exc.lookup_error) => return Ok(Mapped::Keep),
        Err(e) => return Err(e),
    };
    if found.is_none() {
        return Ok(Mapped::Delete);
    }
    if let Some(s) = text_args::as_str(&found) {
        return Ok(Mapped::Text(s));
    }
    let code = match ops::payload(&found) {
        Value::Int(n) => n,
        Value::Bool(b) => i64::from(b),
        Value::BigInt(_) => -1,
        _ => {
            return Err(PyErr::type_error("character mapping must return integer, None or str"));
        }
    };
    match u32::try_from(code).ok().filter(|&n| n < 0x11_0000) {
        None => Err(PyErr::value_error("character mapping must be in range(0x110000)")),
        Some(n) => char::from_u32(n).map(Mapped::Char).ok_or_else(|| {
            // Lone surrogates cannot be held in UTF-8 text.
            PyErr::value_error("character mapping is a surrogate code point, which is not supported")
        }),
    }
}

/// `str.translate(table)`.
pub fn translate(a: CallArgs) -> PyResult<Value> {
    let [v, table] = text_args::exact::<2>(&a, "str", "translate")?;
    let s = this(v, "translate")?;
    let mut ascii: [Option<Mapped>; 128] = std::array::from_fn(|_| None);
    let mut other: HashMap<char, Mapped> = HashMap::new();
    let mut out = String::with_capacity(s.as_str().len());
    let mut changed = false;
    for c in s.as_str().chars() {
        let cached = if c.is_ascii() {
            let slot = &mut ascii[c as usize];
            if slot.is_none() {
                *slot = Some(lookup(table, c)?);
            }
            slot.clone()
        } else {
            match other.get(&c) {
                Some(m) => Some(m.clone()),
                None => {
                    let m = lookup(table, c)?;
                    other.insert(c, m.clone());
                    Some(m)
                }
            }
        };
        changed |= apply(&cached.unwrap_or(Mapped::Keep), c, &mut out)?;
    }
    if !changed && matches!(v, Value::Str(_)) {
        return Ok(v.clone());
    }
    Ok(Value::string(out))
}

/// Appends the translation of `c`; true when it differs from `c`.
fn apply(m: &Mapped, c: char, out: &mut String) -> PyResult<bool> {
    match m {
        Mapped::Keep => {
            out.push(c);
            Ok(false)
        }
        Mapped::Delete => Ok(true),
        Mapped::Char(d) => {
            out.push(*d);
            Ok(*d != c)
        }
        Mapped::Text(t) => {
            if out.len().saturating_add(t.as_str().len()) > MAX_BUILD {
                return Err(PyErr::memory_error());
            }
            out.push_str(t.as_str());
            Ok(t.as_str().len() != c.len_utf8() || !t.as_str().starts_with(c))
        }
    }
}

/// `str.maketrans(x[, y[, z]])` (a static method).
pub fn maketrans(a: CallArgs) -> PyResult<Value> {
    if a.has_kwargs() {
        return Err(PyErr::type_error("str.maketrans() takes no keyword arguments"));
    }
    let args = crate::args::check_fn(&a, "maketrans", 1, 3)?;
    let table = DictObj::new();
    if args.len() == 1 {
        let Value::Dict(d) = ops::payload(&args[0]) else {
            return Err(PyErr::type_error("if you give only one argument to maketrans it must be a dict"));
        };
        for (k, v) in d.items() {
            let key = match ops::payload(&k) {
                Value::Str(s) => {
                    let mut chars = s.as_str().chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => Value::Int(i64::from(u32::from(c))),
                        _ => {
                            return Err(PyErr::value_error(
                                "string keys in translate table must be of length 1",
                            ))
                        }
                    }
                }
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => ops::index_int(&k)?,
                _ => return Err(PyErr::type_error("keys in translate table must be strings or integers")),
            };
            table.set_item(key, v)?;
        }
        return Ok(Value::dict(table));
    }
    let str_param = |i: usize| -> PyResult<Arc<crate::objects::str::StrObj>> {
        text_args::as_str(&args[i]).ok_or_else(|| {
            PyErr::type_error(format!(
                "maketrans() argument {} must be str, not {}",
                i + 1,
                text_args::clinic_type_name(&args[i])
            ))
        })
    };
    // CPython checks the str-typed second and third parameters first.
    let y = str_param(1)?;
    let z = args.get(2).map(|_| str_param(2)).transpose()?;
    let x = text_args::as_str(&args[0]).ok_or_else(|| {
        PyErr::type_error("first maketrans argument must be a string if there is a second argument")
    })?;
    if x.char_len() != y.char_len() {
        return Err(PyErr::value_error("the first two maketrans arguments must have equal length"));
    }
    for (from, to) in x.as_str().chars().zip(y.as_str().chars()) {
        table.set_item(
            Value::Int(i64::from(u32::from(from))),
            Value::Int(i64::from(u32::from(to))),
        )?;
    }
    if let Some(z) = z {
        for c in z.as_str().chars() {
            table.set_item(Value::Int(i64::from(u32::from(c))), Value::None)?;
        }
    }
    Ok(Value::dict(table))
}

// Expected results are CPython 3.13's output for the same calls.
#[cfg(test)]
mod tests {
    use crate::objects::text_args::testing::{call, call_kw, check, dict, i, list, s};
    use crate::value::Value;

    #[test]
    fn translate_and_encode() {
        check(call(&s("a-b_c"), "translate", &[dict(vec![(i(45), i(32)), (i(95), Value::None)])]), "'a bc'");
        check(call(&s("abc"), "translate", &[dict(vec![(i(97), s("xyz")), (i(98), i(66))])]), "'xyzBc'");
        check(call(&s("a"), "translate", &[i(1)]), "TypeError: 'int' object is not subscriptable");
        check(call(&s("a"), "translate", &[dict(vec![(i(97), Value::Float(1.5))])]), "TypeError: character mapping must return integer, None or str");
        check(call(&s("a"), "translate", &[dict(vec![(i(97), i(1114112))])]), "ValueError: character mapping must be in range(0x110000)");
        check(call(&s("a"), "translate", &[dict(vec![(i(97), Value::Bool(true))])]), "'\\x01'");
        check(call(&s("a"), "translate", &[list(vec![])]), "'a'");
        check(call(&s("h\u{e9}llo"), "translate", &[dict(vec![(i(233), s("e"))])]), "'hello'");
        check(call(&s("abc"), "encode", &[]), "b'abc'");
        check(call(&s("a\u{e9}\u{20ac}"), "encode", &[]), "b'a\\xc3\\xa9\\xe2\\x82\\xac'");
        check(call(&s("a\u{e9}"), "encode", &[s("latin-1")]), "b'a\\xe9'");
        check(call(&s("\u{e9}"), "encode", &[s("ascii")]), "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)");
        check(call(&s("a\u{e9}\u{e9}"), "encode", &[s("ascii")]), "UnicodeEncodeError: 'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)");
        check(call(&s("a\u{e9}\u{20ac}\u{1f600}"), "encode", &[s("ascii"), s("replace")]), "b'a???'");
        check(call(&s("a\u{e9}\u{20ac}\u{1f600}"), "encode", &[s("ascii"), s("backslashreplace")]), "b'a\\\\xe9\\\\u20ac\\\\U0001f600'");
        check(call(&s("a\u{e9}\u{20ac}\u{1f600}"), "encode", &[s("latin-1"), s("xmlcharrefreplace")]), "b'a\\xe9&#8364;&#128512;'");
        check(call(&s("a\u{e9}\u{20ac}\u{1f600}"), "encode", &[s("latin-1"), s("ignore")]), "b'a\\xe9'");
        check(call_kw(&s("a"), "encode", &[], &[("encoding", s("UTF8"))]), "b'a'");
        check(call(&s("a"), "encode", &[s("foo")]), "LookupError: unknown encoding: foo");
        check(call(&s("\u{e9}\u{e9}"), "encode", &[s("ascii"), s("foo")]), "LookupError: unknown error handler name 'foo'");
        check(call(&s("a"), "encode", &[i(1)]), "TypeError: encode() argument 'encoding' must be str, not int");
        check(call(&s("a"), "encode", &[s("utf-8"), i(1)]), "TypeError: encode() argument 'errors' must be str, not int");
        check(call(&s("a"), "encode", &[i(1), i(2), i(3)]), "TypeError: encode() takes at most 2 arguments (3 given)");
        check(call_kw(&s("a"), "encode", &[], &[("foo", i(1))]), "TypeError: encode() got an unexpected keyword argument 'foo'");
    }

    #[test]
    fn maketrans() {
        let str_type = Value::Type(crate::objects::text_args::testing::ready().types.str.clone());
        check(call(&str_type, "maketrans", &[s("ab"), s("cd"), s("e")]), "{97: 99, 98: 100, 101: None}");
        check(
            call(&str_type, "maketrans", &[dict(vec![(s("a"), i(1)), (i(98), Value::None), (s("c"), s("xy"))])]),
            "{97: 1, 98: None, 99: 'xy'}",
        );
        check(call(&str_type, "maketrans", &[]), "TypeError: maketrans expected at least 1 argument, got 0");
        check(call(&str_type, "maketrans", &[i(1)]), "TypeError: if you give only one argument to maketrans it must be a dict");
        check(call(&str_type, "maketrans", &[s("ab"), s("c")]), "ValueError: the first two maketrans arguments must have equal length");
        check(call(&str_type, "maketrans", &[dict(vec![(s("ab"), i(1))])]), "ValueError: string keys in translate table must be of length 1");
        check(call(&str_type, "maketrans", &[dict(vec![(Value::Float(1.5), i(1))])]), "TypeError: keys in translate table must be strings or integers");
        check(call(&str_type, "maketrans", &[i(1), i(2)]), "TypeError: maketrans() argument 2 must be str, not int");
        check(call(&str_type, "maketrans", &[i(1), s("a")]), "TypeError: first maketrans argument must be a string if there is a second argument");
        check(call(&str_type, "maketrans", &[s("a"), s("b"), i(1)]), "TypeError: maketrans() argument 3 must be str, not int");
        let table = call(&str_type, "maketrans", &[s("-_"), s("  ")]).unwrap();
        check(call(&s("a-b_c"), "translate", &[table]), "'a b c'");
    }
}
