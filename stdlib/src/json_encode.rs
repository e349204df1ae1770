//! The JSON encoder behind `json.dumps`, with CPython's options, output
//! format and errors.

use std::cmp::Ordering;

use protopy_runtime::ops::{self, CompareOp};
use protopy_runtime::{CallArgs, PyErr, PyResult, Value};

struct Encoder {
    skipkeys: bool,
    ensure_ascii: bool,
    check_circular: bool,
    allow_nan: bool,
    sort_keys: bool,
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    default: Option<Value>,
    /// Containers being encoded (for the circular-reference check).
    stack: Vec<usize>,
}

fn push_hex(out: &mut String, u: u32) {
    out.push_str(&format!("\\u{u:04x}"));
}

/// A JSON string literal for `s`.
pub fn encode_str(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => push_hex(out, c as u32),
            c if ensure_ascii && (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    push_hex(out, *unit as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Encoder {
    fn float(&self, f: f64) -> PyResult<String> {
        if f.is_finite() {
            return ops::repr(&Value::Float(f));
        }
        if !self.allow_nan {
            let shown = if f.is_nan() { "nan" } else if f > 0.0 { "inf" } else { "-inf" };
            return Err(PyErr::value_error(format!("Out of range float values are not JSON compliant: {shown}")));
        }
        Ok(if f.is_nan() { "NaN" } else if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string())
    }

    fn newline(&self, depth: usize, out: &mut String) {
        if let Some(ind) = &self.indent {
            out.push('\n');
            for _ in 0..depth {
                out.push_str(ind);
            }
        }
    }

    fn enter(&mut self, v: &Value) -> PyResult<Option<usize>> {
        if !self.check_circular {
            return Ok(None);
        }
        let p = v.heap_ptr().unwrap_or(0);
        if self.stack.contains(&p) {
            return Err(PyErr::value_error("Circular reference detected"));
        }
        self.stack.push(p);
        Ok(Some(p))
    }

    fn leave(&mut self, marker: Option<usize>) {
        if marker.is_some() {
            self.stack.pop();
        }
    }

    fn encode(&mut self, v: &Value, depth: usize, out: &mut String) -> PyResult<()> {
        protopy_runtime::stack::check()?;
        let inner = ops::payload(v);
        match &inner {
            Value::None => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Str(s) => encode_str(s.as_str(), self.ensure_ascii, out),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::BigInt(_) => out.push_str(&ops::repr(&inner)?),
            Value::Float(f) => out.push_str(&self.float(*f)?),
            Value::List(_) | Value::Tuple(_) => {
                let items = ops::collect(&inner)?;
                let marker = self.enter(v)?;
                self.sequence(&items, depth, out)?;
                self.leave(marker);
            }
            Value::Dict(d) => {
                let marker = self.enter(v)?;
                self.mapping(d.items(), depth, out)?;
                self.leave(marker);
            }
            _ => {
                let Some(default) = self.default.clone() else {
                    return Err(PyErr::type_error(format!(
                        "Object of type {} is not JSON serializable",
                        ops::type_name(v)
                    )));
                };
                let marker = self.enter(v)?;
                let replacement = ops::call1(&default, v.clone())?;
                self.encode(&replacement, depth, out)?;
                self.leave(marker);
            }
        }
        Ok(())
    }

    fn sequence(&mut self, items: &[Value], depth: usize, out: &mut String) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        self.newline(depth + 1, out);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.item_sep);
                self.newline(depth + 1, out);
            }
            self.encode(item, depth + 1, out)?;
        }
        self.newline(depth, out);
        out.push(']');
        Ok(())
    }

    /// The JSON text of a key, or `None` to skip it (`skipkeys`).
    fn key(&self, k: &Value) -> PyResult<Option<String>> {
        let inner = ops::payload(k);
        let text = match &inner {
            Value::Str(s) => s.as_str().to_string(),
            Value::Float(f) => self.float(*f)?,
            Value::Bool(true) => "true".into(),
            Value::Bool(false) => "false".into(),
            Value::None => "null".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(_) => ops::repr(&inner)?,
            _ if self.skipkeys => return Ok(None),
            _ => {
                return Err(PyErr::type_error(format!(
                    "keys must be str, int, float, bool or None, not {}",
                    ops::type_name(k)
                )))
            }
        };
        Ok(Some(text))
    }

    fn mapping(&mut self, mut items: Vec<(Value, Value)>, depth: usize, out: &mut String) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        if self.sort_keys {
            sort_items(&mut items)?;
        }
        out.push('{');
        self.newline(depth + 1, out);
        let mut first = true;
        for (k, v) in &items {
            let Some(key) = self.key(k)? else { continue };
            if !first {
                out.push_str(&self.item_sep);
                self.newline(depth + 1, out);
            }
            first = false;
            encode_str(&key, self.ensure_ascii, out);
            out.push_str(&self.key_sep);
            self.encode(v, depth + 1, out)?;
        }
        self.newline(depth, out);
        out.push('}');
        Ok(())
    }
}

/// Sort `(key, value)` pairs by key with Python's `<`, stopping at the
/// first comparison error.
fn sort_items(items: &mut [(Value, Value)]) -> PyResult<()> {
    let mut err: Option<PyErr> = None;
    items.sort_by(|a, b| {
        if err.is_some() {
            return Ordering::Equal;
        }
        let r = ops::compare_bool(&a.0, &b.0, CompareOp::Lt).and_then(|lt| {
            if lt {
                return Ok(Ordering::Less);
            }
            Ok(if ops::compare_bool(&b.0, &a.0, CompareOp::Lt)? { Ordering::Greater } else { Ordering::Equal })
        });
        r.unwrap_or_else(|e| {
            err = Some(e);
            Ordering::Equal
        })
    });
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn opt_str(v: &Value, what: &str) -> PyResult<Option<String>> {
    match v {
        Value::None => Ok(None),
        Value::Str(s) => Ok(Some(s.as_str().to_string())),
        other => Err(PyErr::type_error(format!("{what} must be str, not {}", ops::type_name(other)))),
    }
}

/// `encode(obj, skipkeys, ensure_ascii, check_circular, allow_nan,
/// sort_keys, indent, item_separator, key_separator, default)`.
pub fn encode(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "encode", 10, 10)?;
    let mut enc = Encoder {
        skipkeys: ops::truthy(&pos[1])?,
        ensure_ascii: ops::truthy(&pos[2])?,
        check_circular: ops::truthy(&pos[3])?,
        allow_nan: ops::truthy(&pos[4])?,
        sort_keys: ops::truthy(&pos[5])?,
        indent: opt_str(&pos[6], "indent")?,
        item_sep: opt_str(&pos[7], "item_separator")?.unwrap_or_default(),
        key_sep: opt_str(&pos[8], "key_separator")?.unwrap_or_default(),
        default: crate::util::not_none(Some(pos[9].clone())),
        stack: Vec::new(),
    };
    let mut out = String::new();
    enc.encode(&pos[0], 0, &mut out)?;
    Ok(Value::string(out))
}

/// `encode_basestring_ascii(s)` / `encode_basestring(s)`.
pub fn encode_basestring_ascii(a: CallArgs) -> PyResult<Value> {
    basestring(a, true)
}

pub fn encode_basestring(a: CallArgs) -> PyResult<Value> {
    basestring(a, false)
}

fn basestring(a: CallArgs, ascii: bool) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "encode_basestring", 1, 1)?;
    match ops::payload(&pos[0]) {
        Value::Str(s) => {
            let mut out = String::new();
            encode_str(s.as_str(), ascii, &mut out);
            Ok(Value::string(out))
        }
        other => Err(PyErr::type_error(format!("first argument must be a string, not {}", ops::type_name(&other)))),
    }
}
