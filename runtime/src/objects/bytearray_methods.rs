//! The methods only `bytearray` has: the mutators. Arguments are converted
//! (possibly running Python code) before the lock is taken, and each
//! mutation happens under one lock acquisition, so it is atomic.

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::bytes::ByteArrayObj;
use crate::objects::bytes_methods::{buffer, byte_value, bytearray_value};
use crate::objects::text_args;
use crate::ops;
use crate::value::Value;

fn this(v: &Value, method: &str) -> PyResult<Arc<ByteArrayObj>> {
    match ops::payload(v) {
        Value::ByteArray(b) => Ok(b),
        _ => Err(text_args::descriptor_error(method, "bytearray", v)),
    }
}

fn append(a: CallArgs) -> PyResult<Value> {
    let [v, item] = text_args::exact::<2>(&a, "bytearray", "append")?;
    let b = this(v, "append")?;
    let byte = byte_value(item)?;
    b.data.lock().push(byte);
    Ok(Value::None)
}

fn extend(a: CallArgs) -> PyResult<Value> {
    let [v, items] = text_args::exact::<2>(&a, "bytearray", "extend")?;
    let b = this(v, "extend")?;
    // Convert everything first: a bad item leaves the bytearray unchanged.
    let data = match buffer(items) {
        Some(data) => data.to_vec(),
        None => {
            if text_args::as_str(items).is_some() {
                return Err(PyErr::type_error(format!(
                    "expected iterable of integers; got: '{}'",
                    ops::type_name(items)
                )));
            }
            let it = ops::iter(items).map_err(|e| {
                if e.is_instance(&ctx().exc.type_error) {
                    PyErr::type_error(format!("can't extend bytearray with {}", ops::type_name(items)))
                } else {
                    e
                }
            })?;
            let mut data = Vec::new();
            while let Some(item) = ops::next(&it)? {
                data.push(byte_value(&item)?);
            }
            data
        }
    };
    b.data.lock().extend_from_slice(&data);
    Ok(Value::None)
}

fn pop(a: CallArgs) -> PyResult<Value> {
    let args = text_args::positional(&a, "bytearray", "pop", 1, 2)?;
    let b = this(&args[0], "pop")?;
    let index = match args.get(1) {
        Some(i) => Some(ops::index_value(i)?),
        None => None,
    };
    let mut data = b.data.lock();
    if data.is_empty() {
        return Err(PyErr::index_error("pop from empty bytearray"));
    }
    let n = data.len() as i64;
    let i = index.unwrap_or(-1);
    let i = if i < 0 { i + n } else { i };
    if i < 0 || i >= n {
        return Err(PyErr::index_error("pop index out of range"));
    }
    Ok(Value::Int(i64::from(data.remove(i as usize))))
}

fn insert(a: CallArgs) -> PyResult<Value> {
    let args = text_args::positional(&a, "bytearray", "insert", 3, 3)?;
    let b = this(&args[0], "insert")?;
    let index = ops::index_value(&args[1])?;
    let byte = byte_value(&args[2])?;
    let mut data = b.data.lock();
    let n = data.len() as i64;
    // Out-of-range positions clamp to the ends, as for list.insert.
    let at = if index < 0 { (index + n).max(0) } else { index.min(n) };
    data.insert(at as usize, byte);
    Ok(Value::None)
}

fn remove(a: CallArgs) -> PyResult<Value> {
    let [v, item] = text_args::exact::<2>(&a, "bytearray", "remove")?;
    let b = this(v, "remove")?;
    let byte = byte_value(item)?;
    let mut data = b.data.lock();
    match data.iter().position(|&x| x == byte) {
        Some(i) => {
            data.remove(i);
            Ok(Value::None)
        }
        None => Err(PyErr::value_error("value not found in bytearray")),
    }
}

fn clear(a: CallArgs) -> PyResult<Value> {
    let [v] = text_args::exact::<1>(&a, "bytearray", "clear")?;
    this(v, "clear")?.data.lock().clear();
    Ok(Value::None)
}

fn copy(a: CallArgs) -> PyResult<Value> {
    let [v] = text_args::exact::<1>(&a, "bytearray", "copy")?;
    let data = this(v, "copy")?.data.lock().clone();
    Ok(bytearray_value(data))
}

fn reverse(a: CallArgs) -> PyResult<Value> {
    let [v] = text_args::exact::<1>(&a, "bytearray", "reverse")?;
    this(v, "reverse")?.data.lock().reverse();
    Ok(Value::None)
}

pub fn init_type() {
    let t = &ctx().types.bytearray;
    t.add_method("append", append);
    t.add_method("extend", extend);
    t.add_method("pop", pop);
    t.add_method("insert", insert);
    t.add_method("remove", remove);
    t.add_method("clear", clear);
    t.add_method("copy", copy);
    t.add_method("reverse", reverse);
}

#[cfg(test)]
mod tests {
    use crate::objects::text_args::testing::{ba, call, check};
    use crate::value::Value;

    #[test]
    fn mutators() {
        let b = ba(b"abc");
        check(call(&b, "append", &[Value::Int(100)]), "None");
        check(Ok(b.clone()), "bytearray(b'abcd')");
        check(call(&b, "pop", &[]), "100");
        check(call(&b, "pop", &[Value::Int(0)]), "97");
        check(call(&b, "insert", &[Value::Int(-10), Value::Int(65)]), "None");
        check(call(&b, "insert", &[Value::Int(10), Value::Int(66)]), "None");
        check(Ok(b.clone()), "bytearray(b'AbcB')");
        check(call(&b, "extend", &[Value::list(vec![Value::Int(1), Value::Int(2)])]), "None");
        check(call(&b, "extend", &[ba(b"xy")]), "None");
        check(Ok(b.clone()), "bytearray(b'AbcB\\x01\\x02xy')");
        check(call(&b, "remove", &[Value::Int(99)]), "None");
        check(call(&b, "reverse", &[]), "None");
        check(Ok(b.clone()), "bytearray(b'yx\\x02\\x01BbA')");
        check(call(&b, "copy", &[]), "bytearray(b'yx\\x02\\x01BbA')");
        check(call(&b, "clear", &[]), "None");
        check(Ok(b.clone()), "bytearray(b'')");
    }

    #[test]
    fn mutator_errors() {
        let b = ba(b"a");
        check(call(&b, "append", &[Value::Int(256)]), "ValueError: byte must be in range(0, 256)");
        check(
            call(&b, "append", &[Value::str("a")]),
            "TypeError: 'str' object cannot be interpreted as an integer",
        );
        check(call(&b, "extend", &[Value::Int(1)]), "TypeError: can't extend bytearray with int");
        check(
            call(&b, "extend", &[Value::str("ab")]),
            "TypeError: expected iterable of integers; got: 'str'",
        );
        check(call(&b, "remove", &[Value::Int(98)]), "ValueError: value not found in bytearray");
        check(call(&b, "pop", &[Value::Int(5)]), "IndexError: pop index out of range");
        check(call(&ba(b""), "pop", &[]), "IndexError: pop from empty bytearray");
        check(call(&b, "insert", &[Value::Int(1)]), "TypeError: insert expected 2 arguments, got 1");
        check(
            call(&b, "append", &[]),
            "TypeError: bytearray.append() takes exactly one argument (0 given)",
        );
        check(call(&b, "clear", &[Value::Int(1)]), "TypeError: bytearray.clear() takes no arguments (1 given)");
    }
}
