//! Building call arguments and displays: `**mapping` in calls and dict
//! displays, and the pieces of f-strings.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::DictObj;
use crate::ops;
use crate::value::Value;

/// `f(**m)`: append `m`'s items as keyword arguments (names and values kept
/// in parallel), rejecting non-mappings, non-str keys and duplicates.
pub fn push_kwargs_unpack(m: &Value, names: &mut Vec<Value>, values: &mut Vec<Value>) -> PyResult<()> {
    let items: Vec<(Value, Value)> = match ops::payload(m) {
        Value::Dict(d) => d.items(),
        _ => {
            if !ops::hasattr(m, "keys")? {
                return Err(PyErr::type_error(format!(
                    "argument after ** must be a mapping, not {}",
                    ops::type_name(m)
                )));
            }
            let keys = ops::collect(&ops::call_method(m, "keys", &[])?)?;
            let mut out = Vec::new();
            for k in keys {
                let v = ops::getitem(m, &k)?;
                out.push((k, v));
            }
            out
        }
    };
    for (k, v) in items {
        let Some(ks) = k.as_str() else {
            return Err(PyErr::type_error("keywords must be strings"));
        };
        if names.iter().any(|n| n.as_str() == Some(ks)) {
            return Err(PyErr::type_error(format!("got multiple values for keyword argument '{ks}'")));
        }
        names.push(k);
        values.push(v);
    }
    Ok(())
}

/// `{**m}` in a dict display.
pub fn update_dict_unpack(d: &Arc<DictObj>, src: &Value) -> PyResult<()> {
    if !matches!(ops::payload(src), Value::Dict(_)) && !ops::hasattr(src, "keys")? {
        return Err(PyErr::type_error(format!("'{}' object is not a mapping", ops::type_name(src))));
    }
    crate::objects::dict_methods::update_from_value(d, src)
}

/// One `{expr!conversion:spec}` of an f-string, appended to `out`.
pub fn format_fvalue(out: &mut String, v: Value, conversion: Option<char>, spec: &str) -> PyResult<()> {
    let v = match conversion {
        Some('r') => Value::string(ops::repr(&v)?),
        Some('s') => ops::str_value(&v)?,
        Some('a') => ops::call(
            &ctx().builtin("ascii").unwrap_or(Value::None),
            CallArgs::positional_only(std::slice::from_ref(&v)),
        )?,
        _ => v,
    };
    match (&v, spec.is_empty()) {
        (Value::Str(s), true) => out.push_str(s.as_str()),
        // An exact int formats as its decimal digits.
        (Value::Int(i), true) => push_i64(out, *i),
        _ => out.push_str(&crate::builtins::format_value(&v, spec)?),
    }
    Ok(())
}

/// A typed int field with no conversion or spec (`f"{i}"`).
#[inline]
pub fn push_int(out: &mut String, v: &crate::compiled::typed::Int) -> PyResult<()> {
    match v.as_small() {
        Some(i) => {
            push_i64(out, i);
            Ok(())
        }
        // A bool (`True`) or a big int.
        None => format_fvalue(out, v.to_value(), None, ""),
    }
}

/// The decimal digits of `i`.
fn push_i64(out: &mut String, i: i64) {
    let mut buf = [0u8; 20];
    let mut n = i.unsigned_abs();
    let mut pos = buf.len();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        out.push('-');
    }
    // ASCII digits only.
    out.push_str(std::str::from_utf8(&buf[pos..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    #[test]
    fn ints_format_as_their_digits() {
        for i in [0, 7, -7, 10, -10, 1234567890, i64::MAX, i64::MIN, i64::MIN + 1] {
            let mut out = String::from("x");
            super::push_i64(&mut out, i);
            assert_eq!(out, format!("x{i}"));
        }
    }
}
