//! Methods of `int`, `float` and `complex` (`bit_length`, `to_bytes`,
//! `is_integer`, `hex`, ...).

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::num::{self, IntRef};
use crate::objects::complex::ComplexObj;
use crate::ops;
use crate::value::Value;

fn with_int<T>(v: &Value, f: impl FnOnce(IntRef) -> T) -> PyResult<T> {
    match ops::payload(v) {
        Value::Int(i) => Ok(f(IntRef::Small(i))),
        Value::Bool(b) => Ok(f(IntRef::Small(b as i64))),
        Value::BigInt(b) => Ok(f(IntRef::Big(&b))),
        other => Err(PyErr::type_error(format!(
            "descriptor requires an 'int' object but received a '{}'",
            ops::type_name(&other)
        ))),
    }
}

fn float_of(v: &Value) -> PyResult<f64> {
    match ops::payload(v) {
        Value::Float(f) => Ok(f),
        other => Err(PyErr::type_error(format!(
            "descriptor requires a 'float' object but received a '{}'",
            ops::type_name(&other)
        ))),
    }
}

fn bit_length(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("bit_length")?;
    Ok(Value::Int(with_int(s, num::int_bit_length)? as i64))
}

fn bit_count(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("bit_count")?;
    Ok(Value::Int(with_int(s, num::int_bit_count)? as i64))
}

fn byteorder(v: Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(Value::Str(s)) if s.as_str() == "big" => Ok(true),
        Some(Value::Str(s)) if s.as_str() == "little" => Ok(false),
        Some(Value::Str(_)) => Err(PyErr::value_error("byteorder must be either 'little' or 'big'")),
        Some(other) => Err(PyErr::type_error(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            ops::type_name(&other)
        ))),
    }
}

fn to_bytes(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("to_bytes", &["length", "byteorder", "signed"])?;
    let me = a.positional().first().cloned().unwrap_or(Value::None);
    let length = match a.get(1, "length") {
        Some(l) => ops::index_value(&l)?,
        None => 1,
    };
    if length < 0 {
        return Err(PyErr::value_error("length argument must be non-negative"));
    }
    let big_endian = byteorder(a.get(2, "byteorder"))?;
    let signed = match a.kwarg("signed") {
        Some(s) => ops::truthy(&s)?,
        None => false,
    };
    let r = with_int(&me, |i| num::int_to_bytes(i, length as usize, big_endian, signed))?;
    match r {
        Ok(bytes) => Ok(crate::objects::bytes_methods::bytes_value(bytes)),
        Err(m) => Err(PyErr::overflow(m)),
    }
}

fn from_bytes(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("from_bytes", &["bytes", "byteorder", "signed"])?;
    let data = match a.get(1, "bytes") {
        Some(b) => match crate::objects::bytes_methods::bytes_data(&b) {
            Ok(d) => d,
            Err(_) => {
                let mut out = Vec::new();
                for v in ops::collect(&b)? {
                    out.push(ops::index_value(&v)? as u8);
                }
                out
            }
        },
        None => return Err(PyErr::type_error("from_bytes() missing required argument 'bytes' (pos 1)")),
    };
    let big_endian = byteorder(a.get(2, "byteorder"))?;
    let signed = match a.kwarg("signed") {
        Some(s) => ops::truthy(&s)?,
        None => false,
    };
    Ok(ops::int_value(num::int_from_bytes(&data, big_endian, signed)))
}

fn int_conjugate(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("conjugate")?;
    Ok(ops::int_of_bool(&ops::payload(s)))
}

fn int_as_integer_ratio(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("as_integer_ratio")?;
    Ok(Value::tuple(vec![ops::int_of_bool(&ops::payload(s)), Value::Int(1)]))
}

fn int_is_integer(a: CallArgs) -> PyResult<Value> {
    a.exact::<1>("is_integer")?;
    Ok(Value::Bool(true))
}

fn int_index(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__index__")?;
    Ok(ops::int_of_bool(&ops::payload(s)))
}

fn int_float(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__float__")?;
    Ok(Value::Float(ops::to_f64(&ops::payload(s))?))
}

fn float_is_integer(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("is_integer")?;
    Ok(Value::Bool(num::float_is_integer(float_of(s)?)))
}

fn float_as_integer_ratio(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("as_integer_ratio")?;
    let f = float_of(s)?;
    match num::float_as_integer_ratio(f) {
        Ok((n, d)) => Ok(Value::tuple(vec![ops::int_value(n), ops::int_value(d)])),
        Err(m) => Err(if f.is_nan() { PyErr::value_error(m) } else { PyErr::overflow(m) }),
    }
}

fn float_hex(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("hex")?;
    Ok(Value::string(num::float_hex(float_of(s)?)))
}

fn float_fromhex(a: CallArgs) -> PyResult<Value> {
    let args = a.range("fromhex", 2, 2)?;
    let Value::Str(s) = &args[1] else {
        return Err(PyErr::type_error(format!(
            "fromhex() argument must be str, not {}",
            ops::type_name(&args[1])
        )));
    };
    num::float_fromhex(s.as_str())
        .map(Value::Float)
        .ok_or_else(|| PyErr::value_error("invalid hexadecimal floating-point string"))
}

fn float_conjugate(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("conjugate")?;
    Ok(Value::Float(float_of(s)?))
}

fn float_trunc(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__trunc__")?;
    crate::builtins::constructors::int_of(&Value::Float(float_of(s)?))
}

fn float_floor(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__floor__")?;
    crate::builtins::constructors::int_of(&Value::Float(float_of(s)?.floor()))
}

fn float_ceil(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__ceil__")?;
    crate::builtins::constructors::int_of(&Value::Float(float_of(s)?.ceil()))
}

fn float_int(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__int__")?;
    crate::builtins::constructors::int_of(&Value::Float(float_of(s)?))
}

fn float_float(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("__float__")?;
    Ok(Value::Float(float_of(s)?))
}

fn complex_conjugate(a: CallArgs) -> PyResult<Value> {
    let [s] = a.exact::<1>("conjugate")?;
    match ops::payload(s) {
        Value::Complex(c) => Ok(Value::Complex(Arc::new(ComplexObj { re: c.re, im: -c.im }))),
        _ => Err(PyErr::type_error("descriptor requires a 'complex' object")),
    }
}

pub fn init_types() {
    let c = ctx();
    let t = &c.types.int;
    t.add_method("bit_length", bit_length);
    t.add_method("bit_count", bit_count);
    t.add_method("to_bytes", to_bytes);
    t.add_classmethod("from_bytes", from_bytes);
    t.add_method("conjugate", int_conjugate);
    t.add_method("as_integer_ratio", int_as_integer_ratio);
    t.add_method("is_integer", int_is_integer);
    t.add_method("__index__", int_index);
    t.add_method("__int__", int_index);
    t.add_method("__float__", int_float);
    t.add_method("__trunc__", int_index);
    t.add_method("__floor__", int_index);
    t.add_method("__ceil__", int_index);
    let f = &c.types.float;
    f.add_method("is_integer", float_is_integer);
    f.add_method("as_integer_ratio", float_as_integer_ratio);
    f.add_method("hex", float_hex);
    f.add_classmethod("fromhex", float_fromhex);
    f.add_method("conjugate", float_conjugate);
    f.add_method("__trunc__", float_trunc);
    f.add_method("__floor__", float_floor);
    f.add_method("__ceil__", float_ceil);
    f.add_method("__int__", float_int);
    f.add_method("__float__", float_float);
    c.types.complex.add_method("conjugate", complex_conjugate);
}
