//! Builtin functions on numbers: `abs`, `round`, `divmod`, `pow`, `sum`,
//! `min`, `max`, `chr`, `ord`, `hex`, `oct`, `bin`.

use crate::args::{check_fn, CallArgs};
use crate::error::{PyErr, PyResult};
use crate::num::{self, IntRef};
use crate::objects::function::BuiltinFn;
use crate::ops::{self, BinaryOp, CompareOp};
use crate::value::Value;

pub const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("abs", abs),
    ("round", round),
    ("divmod", divmod),
    ("pow", pow),
    ("sum", sum),
    ("min", min),
    ("max", max),
    ("chr", chr),
    ("ord", ord),
    ("hex", hex),
    ("oct", oct),
    ("bin", bin),
];

fn abs(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "abs", 1, 1)?;
    ops::abs(&pos[0])
}

fn int_ref(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Bool(b) => Some(IntRef::Small(*b as i64)),
        Value::BigInt(b) => Some(IntRef::Big(b)),
        _ => None,
    }
}

fn round(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("round", &["number", "ndigits"])?;
    let Some(x) = a.get(0, "number") else {
        return Err(PyErr::type_error("round() missing required argument 'number' (pos 1)"));
    };
    let nd = a.get(1, "ndigits").filter(|v| !v.is_none());
    let x = ops::payload(&x);
    match (&x, nd) {
        (Value::Float(f), None) => {
            let r = num::round_half_even(*f);
            match num::float_to_bigint(r) {
                Ok(v) => Ok(ops::int_value(v)),
                Err(m) => Err(if f.is_nan() { PyErr::value_error(m) } else { PyErr::overflow(m) }),
            }
        }
        (Value::Float(f), Some(n)) => {
            let n = ops::index_value(&n).unwrap_or(if ops::is_negative(&n) { i64::MIN / 2 } else { i64::MAX / 2 });
            Ok(Value::Float(num::float_round(*f, n)))
        }
        (_, nd) if int_ref(&x).is_some() => match nd {
            None => Ok(ops::int_of_bool(&x)),
            Some(n) => {
                let n = ops::index_value(&n)?;
                if n >= 0 {
                    return Ok(ops::int_of_bool(&x));
                }
                Ok(ops::int_value(num::int_round(int_ref(&x).unwrap_or(IntRef::Small(0)), n)))
            }
        },
        _ => {
            let orig = a.get(0, "number").unwrap_or(Value::None);
            match ops::lookup_special(&orig, "__round__") {
                Some(f) => {
                    let mut args = vec![orig.clone()];
                    args.extend(a.get(1, "ndigits"));
                    ops::call(&f, CallArgs::positional_only(&args))
                }
                None => Err(PyErr::type_error(format!(
                    "type {} doesn't define __round__ method",
                    ops::type_name(&orig)
                ))),
            }
        }
    }
}

fn divmod(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "divmod", 2, 2)?;
    let (x, y) = (&pos[0], &pos[1]);
    if let (Value::Float(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Value::Float(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) = (x, y) {
        if matches!(x, Value::Float(_)) || matches!(y, Value::Float(_)) {
            let (q, r) = num::float_divmod(ops::to_f64(x)?, ops::to_f64(y)?).map_err(PyErr::zero_division)?;
            return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
        }
        let q = ops::binary_op(BinaryOp::FloorDiv, x, y)?;
        let r = ops::binary_op(BinaryOp::Mod, x, y)?;
        return Ok(Value::tuple(vec![q, r]));
    }
    for (v, other, name) in [(x, y, "__divmod__"), (y, x, "__rdivmod__")] {
        if let Some(f) = ops::lookup_special(v, name) {
            if !matches!(f, Value::Builtin(_)) {
                let r = ops::call(&f, CallArgs::positional_only(&[v.clone(), other.clone()]))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
    }
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        ops::type_name(x),
        ops::type_name(y)
    )))
}

fn pow(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("pow", &["base", "exp", "mod"])?;
    let base = a.get(0, "base").ok_or_else(|| PyErr::type_error("pow() missing required argument 'base' (pos 1)"))?;
    let exp = a.get(1, "exp").ok_or_else(|| PyErr::type_error("pow() missing required argument 'exp' (pos 2)"))?;
    match a.get(2, "mod").filter(|m| !m.is_none()) {
        None => ops::binary_op(BinaryOp::Pow, &base, &exp),
        Some(m) => ops::pow3(&base, &exp, &m),
    }
}

fn sum(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("sum", &["start"])?;
    let pos = a.positional();
    if pos.is_empty() || pos.len() > 2 {
        return Err(PyErr::type_error(format!("sum() takes at most 2 arguments ({} given)", pos.len())));
    }
    let start = a.get(1, "start").unwrap_or(Value::Int(0));
    match &start {
        Value::Str(_) => return Err(PyErr::type_error("sum() can't sum strings [use ''.join(seq) instead]")),
        Value::Bytes(_) => return Err(PyErr::type_error("sum() can't sum bytes [use b''.join(seq) instead]")),
        _ => {}
    }
    let it = ops::iter(&pos[0])?;
    // Floats are summed with Neumaier compensation, as CPython 3.12+ does.
    enum Acc {
        Any(Value),
        Float(f64, f64),
    }
    fn add_float(s: &mut f64, c: &mut f64, x: f64) {
        let t = *s + x;
        if s.abs() >= x.abs() {
            *c += (*s - t) + x;
        } else {
            *c += (x - t) + *s;
        }
        *s = t;
    }
    fn finish(s: f64, c: f64) -> f64 {
        if c.is_finite() { s + c } else { s }
    }
    let mut acc = match start {
        Value::Float(f) => Acc::Float(f, 0.0),
        other => Acc::Any(other),
    };
    while let Some(v) = ops::next(&it)? {
        acc = match acc {
            Acc::Float(mut s, mut c) => match &v {
                Value::Float(x) => {
                    add_float(&mut s, &mut c, *x);
                    Acc::Float(s, c)
                }
                // CPython adds ints in the float path without compensation.
                Value::Int(i) => Acc::Float(s + *i as f64, c),
                _ => Acc::Any(ops::add(&Value::Float(finish(s, c)), &v)?),
            },
            Acc::Any(cur) => match (&cur, &v) {
                (Value::Int(_) | Value::Bool(_), Value::Float(x)) => {
                    let (mut s, mut c) = (ops::to_f64(&cur)?, 0.0);
                    add_float(&mut s, &mut c, *x);
                    Acc::Float(s, c)
                }
                _ => {
                    let r = ops::add(&cur, &v)?;
                    match r {
                        Value::Float(f) => Acc::Float(f, 0.0),
                        other => Acc::Any(other),
                    }
                }
            },
        };
    }
    Ok(match acc {
        Acc::Any(v) => v,
        Acc::Float(s, c) => Value::Float(finish(s, c)),
    })
}

fn min_max(a: CallArgs, name: &str, op: CompareOp) -> PyResult<Value> {
    a.only_kwargs(name, &["key", "default"])?;
    let pos = a.positional();
    let key = a.kwarg("key").filter(|k| !k.is_none());
    let default = a.kwarg("default");
    let items: Box<dyn Iterator<Item = PyResult<Value>>> = match pos.len() {
        0 => {
            return Err(PyErr::type_error(format!("{name} expected at least 1 argument, got 0")));
        }
        1 => {
            let it = ops::iter(&pos[0])?;
            Box::new(std::iter::from_fn(move || ops::next(&it).transpose()))
        }
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            Box::new(pos.iter().cloned().map(Ok))
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let item = item?;
        let k = match &key {
            Some(f) => ops::call(f, CallArgs::positional_only(std::slice::from_ref(&item)))?,
            None => item.clone(),
        };
        match &best {
            None => best = Some((k, item)),
            Some((bk, _)) => {
                if ops::compare_bool(&k, bk, op)? {
                    best = Some((k, item));
                }
            }
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => default.ok_or_else(|| PyErr::value_error(format!("{name}() iterable argument is empty"))),
    }
}

fn min(a: CallArgs) -> PyResult<Value> {
    min_max(a, "min", CompareOp::Lt)
}

fn max(a: CallArgs) -> PyResult<Value> {
    min_max(a, "max", CompareOp::Gt)
}

fn chr(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "chr", 1, 1)?;
    let i = ops::index_value(&pos[0]).map_err(|e| {
        if matches!(pos[0], Value::BigInt(_)) {
            PyErr::overflow("Python int too large to convert to C int")
        } else {
            e
        }
    })?;
    match u32::try_from(i).ok().filter(|&c| c <= 0x10FFFF) {
        Some(c) => match char::from_u32(c) {
            Some(ch) => Ok(ops::char_value(ch)),
            // Lone surrogates cannot be held in UTF-8 text.
            None => Err(PyErr::value_error("chr() arg is a surrogate code point, which is not supported")),
        },
        None => Err(PyErr::value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "ord", 1, 1)?;
    match ops::payload(&pos[0]) {
        Value::Str(s) => {
            let mut chars = s.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(PyErr::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                ))),
            }
        }
        Value::Bytes(b) if b.data.len() == 1 => Ok(Value::Int(b.data[0] as i64)),
        Value::Bytes(b) => Err(PyErr::type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.data.len()
        ))),
        other => Err(PyErr::type_error(format!(
            "ord() expected string of length 1, but {} found",
            ops::type_name(&other)
        ))),
    }
}

fn radix(a: CallArgs, name: &str, radix: u32, prefix: &str) -> PyResult<Value> {
    let pos = check_fn(&a, name, 1, 1)?;
    let v = ops::index_int(&pos[0])?;
    let digits = match &v {
        Value::Int(i) => num::int_to_str_radix(IntRef::Small(*i), radix),
        Value::BigInt(b) => num::int_to_str_radix(IntRef::Big(b), radix),
        _ => String::new(),
    };
    Ok(Value::string(match digits.strip_prefix('-') {
        Some(d) => format!("-{prefix}{d}"),
        None => format!("{prefix}{digits}"),
    }))
}

fn hex(a: CallArgs) -> PyResult<Value> {
    radix(a, "hex", 16, "0x")
}
fn oct(a: CallArgs) -> PyResult<Value> {
    radix(a, "oct", 8, "0o")
}
fn bin(a: CallArgs) -> PyResult<Value> {
    radix(a, "bin", 2, "0b")
}
