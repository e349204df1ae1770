//! What calling a builtin type does: `int(x)`, `str(x)`, `dict(...)`, ...

use std::sync::Arc;

use crate::args::{check_fn, CallArgs};
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::format::str_repr;
use crate::num;
use crate::objects::bytes::ByteArrayObj;
use crate::objects::complex::ComplexObj;
use crate::objects::dict::DictObj;
use crate::objects::instance::Payload;
use crate::objects::range::RangeObj;
use crate::objects::set::SetObj;
use crate::objects::slice::SliceObj;
use crate::ops;
use crate::value::Value;

pub fn object_new(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "object", 0, 0).map_err(|_| PyErr::type_error("object() takes no arguments"))?;
    crate::objects::instance::new_instance(&ctx().types.object, &[])
}

pub fn none_new(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "NoneType", 0, 0)?;
    Ok(Value::None)
}

/// `int(s, base)` for text, under `sys.set_int_max_str_digits()`.
pub fn int_from_str(s: &str, base: u32) -> PyResult<Value> {
    match num::parse_int_with_limit(s, base, ctx().int_max_str_digits()) {
        Ok(v) => Ok(ops::int_value(v)),
        Err(num::ParseIntError::TooManyDigits { limit, digits }) => Err(PyErr::value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        ))),
        Err(num::ParseIntError::Invalid) => Err(PyErr::value_error(format!(
            "invalid literal for int() with base {base}: {}",
            str_repr(s)
        ))),
    }
}

/// `int(x)` for any value.
pub fn int_of(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => {
            let t = f.trunc();
            match num::float_to_bigint(t) {
                Ok(i) => Ok(ops::int_value(i)),
                Err(m) => Err(if f.is_nan() { PyErr::value_error(m) } else { PyErr::overflow(m) }),
            }
        }
        Value::Str(s) => int_from_str(s.as_str(), 10),
        Value::Bytes(b) => int_from_str(&String::from_utf8_lossy(&b.data), 10),
        Value::Instance(i) => {
            let cls = i.class();
            for name in ["__int__", "__index__", "__trunc__"] {
                if let Some(f) = cls.lookup_str(name) {
                    if !matches!(f, Value::Builtin(_)) {
                        let r = ops::call(&f, CallArgs::positional_only(std::slice::from_ref(v)))?;
                        return match r {
                            Value::Int(_) | Value::BigInt(_) => Ok(r),
                            Value::Bool(b) => Ok(Value::Int(b as i64)),
                            other => Err(PyErr::type_error(format!(
                                "{name} returned non-int (type {})",
                                ops::type_name(&other)
                            ))),
                        };
                    }
                }
            }
            if let Payload::Builtin(inner) = &i.payload {
                return int_of(inner);
            }
            Err(int_type_error(v))
        }
        _ => Err(int_type_error(v)),
    }
}

fn int_type_error(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        ops::type_name(v)
    ))
}

pub fn int_new(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("int", &["base"])?;
    let pos = a.positional();
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!("int() takes at most 2 arguments ({} given)", pos.len())));
    }
    let base = a.get(1, "base");
    match (pos.first(), base) {
        (None, None) => Ok(Value::Int(0)),
        (None, Some(_)) => Err(PyErr::type_error("int() missing string argument")),
        (Some(x), None) => int_of(x),
        (Some(x), Some(b)) => {
            let b = ops::index_value(&b)?;
            if b != 0 && !(2..=36).contains(&b) {
                return Err(PyErr::value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            match ops::payload(x) {
                Value::Str(s) => int_from_str(s.as_str(), b as u32),
                Value::Bytes(bs) => int_from_str(&String::from_utf8_lossy(&bs.data), b as u32),
                _ => Err(PyErr::type_error("int() can't convert non-string with explicit base")),
            }
        }
    }
}

pub fn bool_new(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "bool", 0, 1)?;
    match pos.first() {
        None => Ok(Value::Bool(false)),
        Some(v) => Ok(Value::Bool(ops::truthy(v)?)),
    }
}

/// `float(x)`.
pub fn float_of(v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Str(s) => parse_float_value(s.as_str()),
        Value::Bytes(b) => parse_float_value(&String::from_utf8_lossy(&b.data)),
        Value::Instance(i) => {
            if let Payload::Builtin(Value::Str(s)) = &i.payload {
                return parse_float_value(s.as_str());
            }
            ops::to_f64(v).map_err(|_| float_type_error(v))
        }
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => ops::to_f64(v),
        _ => Err(float_type_error(v)),
    }
}

fn float_type_error(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        ops::type_name(v)
    ))
}

fn parse_float_value(s: &str) -> PyResult<f64> {
    num::parse_float(s)
        .ok_or_else(|| PyErr::value_error(format!("could not convert string to float: {}", str_repr(s))))
}

pub fn float_new(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "float", 0, 1)?;
    match pos.first() {
        None => Ok(Value::Float(0.0)),
        Some(v) => Ok(Value::Float(float_of(v)?)),
    }
}

pub fn complex_new(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("complex", &["real", "imag"])?;
    let re = a.get(0, "real");
    let im = a.get(1, "imag");
    let part = |v: &Value| -> PyResult<(f64, f64)> {
        match v {
            Value::Complex(c) => Ok((c.re, c.im)),
            _ => Ok((ops::to_f64(v)?, 0.0)),
        }
    };
    let (r1, i1) = match &re {
        None => (0.0, 0.0),
        Some(Value::Str(s)) => {
            if im.is_some() {
                return Err(PyErr::type_error("complex() can't take second arg if first is a string"));
            }
            return parse_complex(s.as_str());
        }
        Some(v) => part(v)?,
    };
    let (r2, i2) = match &im {
        None => (0.0, 0.0),
        Some(v) => part(v)?,
    };
    Ok(Value::Complex(Arc::new(ComplexObj { re: r1 - i2, im: i1 + r2 })))
}

fn parse_complex(s: &str) -> PyResult<Value> {
    let err = || PyErr::value_error("complex() arg is a malformed string");
    let t = s.trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t).trim();
    let mk = |re: f64, im: f64| Value::Complex(Arc::new(ComplexObj { re, im }));
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Find the split between real and imaginary parts: the last sign
        // not following an exponent marker.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        let imag = |x: &str| -> PyResult<f64> {
            match x {
                "" | "+" => Ok(1.0),
                "-" => Ok(-1.0),
                _ => num::parse_float(x).ok_or_else(err),
            }
        };
        return match split {
            Some(i) => Ok(mk(num::parse_float(&body[..i]).ok_or_else(err)?, imag(&body[i..])?)),
            None => Ok(mk(0.0, imag(body)?)),
        };
    }
    Ok(mk(num::parse_float(t).ok_or_else(err)?, 0.0))
}

pub fn str_new(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("str", &["object", "encoding", "errors"])?;
    let obj = a.get(0, "object");
    let encoding = a.get(1, "encoding");
    let errors = a.get(2, "errors");
    let errors = errors.as_ref().and_then(|e| e.as_str()).unwrap_or("strict").to_string();
    let encoding = match (&encoding, &errors) {
        (None, e) if e != "strict" || a.kwarg("errors").is_some() => Some(Value::str("utf-8")),
        _ => encoding,
    };
    match (obj, encoding) {
        (None, _) => Ok(Value::str("")),
        (Some(v), None) => ops::str_value(&v),
        (Some(v), Some(enc)) => match ops::payload(&v) {
            Value::Bytes(b) => Ok(Value::string(crate::objects::codec::decode(&b.data, enc.as_str().unwrap_or("utf-8"), &errors)?)),
            Value::ByteArray(b) => {
                let data = b.data.lock().clone();
                Ok(Value::string(crate::objects::codec::decode(&data, enc.as_str().unwrap_or("utf-8"), &errors)?))
            }
            _ => Err(PyErr::type_error(format!(
                "decoding to str: need a bytes-like object, {} found",
                ops::type_name(&v)
            ))),
        },
    }
}

/// The bytes a `bytes(x)` / `bytearray(x)` call makes.
fn bytes_from(a: &CallArgs, name: &str) -> PyResult<Vec<u8>> {
    a.only_kwargs(name, &["source", "encoding", "errors"])?;
    let src = a.get(0, "source");
    let encoding = a.get(1, "encoding");
    match (src, encoding) {
        (None, _) => Ok(Vec::new()),
        (Some(Value::Str(s)), Some(enc)) => {
            let errors = a.get(2, "errors");
            let errors = errors.as_ref().and_then(|e| e.as_str()).unwrap_or("strict");
            crate::objects::codec::encode(s.as_str(), enc.as_str().unwrap_or("utf-8"), errors)
        }
        (Some(Value::Str(_)), None) => Err(PyErr::type_error("string argument without an encoding")),
        (Some(Value::Int(n)), None) => {
            if n < 0 {
                return Err(PyErr::value_error("negative count"));
            }
            if n > (1 << 40) {
                return Err(PyErr::memory_error());
            }
            Ok(vec![0u8; n as usize])
        }
        (Some(Value::Bytes(b)), None) => Ok(b.data.to_vec()),
        (Some(Value::ByteArray(b)), None) => Ok(b.data.lock().clone()),
        (Some(v), None) => {
            let mut out = Vec::new();
            for item in ops::collect(&v).map_err(|_| {
                PyErr::type_error(format!("cannot convert '{}' object to {name}", ops::type_name(&v)))
            })? {
                let x = ops::index_value(&item)?;
                if !(0..=255).contains(&x) {
                    return Err(PyErr::value_error("bytes must be in range(0, 256)"));
                }
                out.push(x as u8);
            }
            Ok(out)
        }
        (Some(_), Some(_)) => Err(PyErr::type_error("encoding without a string argument")),
    }
}

pub fn bytes_new(a: CallArgs) -> PyResult<Value> {
    Ok(crate::objects::bytes_methods::bytes_value(bytes_from(&a, "bytes")?))
}

pub fn bytearray_new(a: CallArgs) -> PyResult<Value> {
    Ok(Value::ByteArray(Arc::new(ByteArrayObj::new(bytes_from(&a, "bytearray")?))))
}

pub fn dict_new(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!("dict expected at most 1 argument, got {}", pos.len())));
    }
    let d = Arc::new(DictObj::new());
    if let Some(src) = pos.first() {
        crate::objects::dict_methods::update_from_value(&d, src)?;
    }
    for (k, v) in a.kwnames.iter().zip(a.kwvalues()) {
        d.set_item(k.clone(), v.clone())?;
    }
    Ok(crate::gc::tracked(Value::Dict(d)))
}

pub fn set_new(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "set", 0, 1)?;
    let s = match pos.first() {
        None => SetObj::new(),
        Some(Value::Set(s) | Value::FrozenSet(s)) => s.copy(),
        Some(v) => SetObj::from_values(ops::collect(v)?)?,
    };
    Ok(Value::set(s))
}

pub fn frozenset_new(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "frozenset", 0, 1)?;
    let s = match pos.first() {
        None => SetObj::new(),
        Some(Value::FrozenSet(s)) => return Ok(Value::FrozenSet(s.clone())),
        Some(Value::Set(s)) => s.copy(),
        Some(v) => SetObj::from_values(ops::collect(v)?)?,
    };
    Ok(Value::FrozenSet(Arc::new(s)))
}

pub fn range_new(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("range")?;
    let pos = a.positional();
    let int = |v: &Value| ops::index_value(v);
    let r = match pos {
        [stop] => RangeObj::new(0, int(stop)?, 1)?,
        [start, stop] => RangeObj::new(int(start)?, int(stop)?, 1)?,
        [start, stop, step] => RangeObj::new(int(start)?, int(stop)?, int(step)?)?,
        [] => return Err(PyErr::type_error("range expected at least 1 argument, got 0")),
        _ => return Err(PyErr::type_error(format!("range expected at most 3 arguments, got {}", pos.len()))),
    };
    Ok(Value::Range(Arc::new(r)))
}

pub fn slice_new(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("slice")?;
    let pos = a.positional();
    let (start, stop, step) = match pos {
        [stop] => (Value::None, stop.clone(), Value::None),
        [start, stop] => (start.clone(), stop.clone(), Value::None),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        [] => return Err(PyErr::type_error("slice expected at least 1 argument, got 0")),
        _ => return Err(PyErr::type_error(format!("slice expected at most 3 arguments, got {}", pos.len()))),
    };
    Ok(Value::Slice(Arc::new(SliceObj { start, stop, step })))
}
