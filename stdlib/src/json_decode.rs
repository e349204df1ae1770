//! The JSON scanner behind `json.loads`: a recursive-descent parser over
//! the UTF-8 bytes of the document. Errors carry CPython's messages and a
//! position in characters; `json.py` turns them into `JSONDecodeError`.


use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

/// The hooks of `JSONDecoder`.
pub struct Hooks {
    pub strict: bool,
    pub object_hook: Option<Value>,
    pub object_pairs_hook: Option<Value>,
    pub parse_float: Option<Value>,
    pub parse_int: Option<Value>,
    pub parse_constant: Option<Value>,
}

/// A syntax error: message and byte offset.
pub enum Fail {
    Syntax(&'static str, usize),
    Py(PyErr),
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Fail {
        Fail::Py(e)
    }
}

type Res<T> = Result<T, Fail>;

pub struct Scanner<'a> {
    src: &'a str,
    b: &'a [u8],
    hooks: &'a Hooks,
    /// Object keys seen so far: repeated keys share one str (and its
    /// cached hash), as CPython's scanner does.
    keys: std::cell::RefCell<std::collections::HashMap<String, Value>>,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Scanner<'a> {
    pub fn new(src: &'a str, hooks: &'a Hooks) -> Scanner<'a> {
        Scanner { src, b: src.as_bytes(), hooks, keys: Default::default() }
    }

    pub fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.b.len() && is_ws(self.b[i]) {
            i += 1;
        }
        i
    }

    /// Character index of byte offset `i`.
    pub fn char_pos(&self, i: usize) -> usize {
        let i = i.min(self.b.len());
        let mut i = i;
        while !self.src.is_char_boundary(i) {
            i -= 1;
        }
        self.src[..i].chars().count()
    }

    /// Parse one value starting exactly at `i`; returns it and the end.
    pub fn value(&self, i: usize) -> Res<(Value, usize)> {
        protopy_runtime::stack::check()?;
        let Some(&c) = self.b.get(i) else { return Err(Fail::Syntax("Expecting value", i)) };
        match c {
            b'"' => {
                let (s, end) = self.string(i + 1)?;
                Ok((Value::string(s), end))
            }
            b'{' => self.object(i + 1),
            b'[' => self.array(i + 1),
            b'n' if self.b[i..].starts_with(b"null") => Ok((Value::None, i + 4)),
            b't' if self.b[i..].starts_with(b"true") => Ok((Value::Bool(true), i + 4)),
            b'f' if self.b[i..].starts_with(b"false") => Ok((Value::Bool(false), i + 5)),
            b'N' if self.b[i..].starts_with(b"NaN") => self.constant("NaN", f64::NAN, i + 3),
            b'I' if self.b[i..].starts_with(b"Infinity") => self.constant("Infinity", f64::INFINITY, i + 8),
            b'-' if self.b[i..].starts_with(b"-Infinity") => self.constant("-Infinity", f64::NEG_INFINITY, i + 9),
            b'-' | b'0'..=b'9' => self.number(i),
            _ => Err(Fail::Syntax("Expecting value", i)),
        }
    }

    fn constant(&self, name: &str, v: f64, end: usize) -> Res<(Value, usize)> {
        match &self.hooks.parse_constant {
            Some(f) => Ok((ops::call1(f, Value::str(name))?, end)),
            None => Ok((Value::Float(v), end)),
        }
    }

    fn digits(&self, mut i: usize) -> usize {
        while i < self.b.len() && self.b[i].is_ascii_digit() {
            i += 1;
        }
        i
    }

    fn number(&self, start: usize) -> Res<(Value, usize)> {
        let mut i = start;
        if self.b[i] == b'-' {
            i += 1;
        }
        match self.b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = self.digits(i),
            _ => return Err(Fail::Syntax("Expecting value", start)),
        }
        let int_end = i;
        let mut is_float = false;
        if self.b.get(i) == Some(&b'.') && self.b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i = self.digits(i + 1);
            is_float = true;
        }
        if matches!(self.b.get(i), Some(b'e' | b'E')) {
            let mut j = i + 1;
            if matches!(self.b.get(j), Some(b'+' | b'-')) {
                j += 1;
            }
            if self.b.get(j).is_some_and(u8::is_ascii_digit) {
                i = self.digits(j);
                is_float = true;
            }
        }
        let text = &self.src[start..if is_float { i } else { int_end }];
        let end = if is_float { i } else { int_end };
        if is_float {
            if let Some(f) = &self.hooks.parse_float {
                return Ok((ops::call1(f, Value::str(text))?, end));
            }
            let v: f64 = text.parse().map_err(|_| Fail::Syntax("Expecting value", start))?;
            Ok((Value::Float(v), end))
        } else {
            if let Some(f) = &self.hooks.parse_int {
                return Ok((ops::call1(f, Value::str(text))?, end));
            }
            let v = match text.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => protopy_runtime::builtins::constructors::int_from_str(text, 10)?,
            };
            Ok((v, end))
        }
    }

    /// A string body starting after its opening quote (`start` is the
    /// quote's offset + 1); returns the text and the offset after the
    /// closing quote.
    pub fn string(&self, start: usize) -> Res<(String, usize)> {
        let mut out = String::new();
        let mut i = start;
        loop {
            let run = i;
            while i < self.b.len() && self.b[i] != b'"' && self.b[i] != b'\\' && (self.b[i] >= 0x20 || !self.hooks.strict) {
                i += 1;
            }
            out.push_str(&self.src[run..i]);
            let Some(&c) = self.b.get(i) else {
                return Err(Fail::Syntax("Unterminated string starting at", start - 1));
            };
            match c {
                b'"' => return Ok((out, i + 1)),
                b'\\' => {
                    let Some(&e) = self.b.get(i + 1) else {
                        return Err(Fail::Syntax("Unterminated string starting at", start - 1));
                    };
                    i += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let (ch, end) = self.unicode_escape(i - 1)?;
                            out.push(ch);
                            i = end;
                        }
                        _ => return Err(Fail::Syntax("Invalid \\escape", i - 2)),
                    }
                }
                _ => return Err(Fail::Syntax("Invalid control character at", i)),
            }
        }
    }

    fn hex4(&self, i: usize) -> Option<u32> {
        let s = self.b.get(i..i + 4)?;
        if !s.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok()
    }

    /// `\uXXXX` (with `u` at offset `i`), joining surrogate pairs. A lone
    /// surrogate cannot be held in a str here; it becomes U+FFFD.
    fn unicode_escape(&self, i: usize) -> Res<(char, usize)> {
        let Some(hi) = self.hex4(i + 1) else { return Err(Fail::Syntax("Invalid \\uXXXX escape", i)) };
        let mut end = i + 5;
        let code = if (0xD800..0xDC00).contains(&hi) && self.b.get(end..end + 2) == Some(b"\\u") {
            match self.hex4(end + 2) {
                Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                    end += 6;
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                }
                Some(_) => hi,
                None => return Err(Fail::Syntax("Invalid \\uXXXX escape", end + 1)),
            }
        } else {
            hi
        };
        Ok((char::from_u32(code).unwrap_or('\u{FFFD}'), end))
    }

    fn object(&self, start: usize) -> Res<(Value, usize)> {
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut i = self.skip_ws(start);
        if self.b.get(i) == Some(&b'}') {
            return Ok((self.finish_object(pairs)?, i + 1));
        }
        loop {
            if self.b.get(i) != Some(&b'"') {
                return Err(Fail::Syntax("Expecting property name enclosed in double quotes", i));
            }
            let (key, end) = self.string(i + 1)?;
            i = self.skip_ws(end);
            if self.b.get(i) != Some(&b':') {
                return Err(Fail::Syntax("Expecting ':' delimiter", i));
            }
            i = self.skip_ws(i + 1);
            let (v, end) = self.value(i)?;
            pairs.push((self.key_value(key), v));
            i = self.skip_ws(end);
            match self.b.get(i) {
                Some(b'}') => return Ok((self.finish_object(pairs)?, i + 1)),
                Some(b',') => {
                    let comma = i;
                    i = self.skip_ws(i + 1);
                    if self.b.get(i) == Some(&b'}') {
                        return Err(Fail::Syntax("Illegal trailing comma before end of object", comma));
                    }
                }
                _ => return Err(Fail::Syntax("Expecting ',' delimiter", i)),
            }
        }
    }

    fn key_value(&self, key: String) -> Value {
        let mut keys = self.keys.borrow_mut();
        if let Some(v) = keys.get(&key) {
            return v.clone();
        }
        let v = Value::string(key.clone());
        if keys.len() < 4096 {
            keys.insert(key, v.clone());
        }
        v
    }

    fn finish_object(&self, pairs: Vec<(Value, Value)>) -> PyResult<Value> {
        if let Some(h) = &self.hooks.object_pairs_hook {
            let list = Value::list(pairs.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect());
            return ops::call1(h, list);
        }
        let d = DictObj::new();
        for (k, v) in pairs {
            d.set_item(k, v)?;
        }
        let d = Value::dict(d);
        match &self.hooks.object_hook {
            Some(h) => ops::call1(h, d),
            None => Ok(d),
        }
    }

    fn array(&self, start: usize) -> Res<(Value, usize)> {
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if self.b.get(i) == Some(&b']') {
            return Ok((Value::list(items), i + 1));
        }
        loop {
            let (v, end) = self.value(i)?;
            items.push(v);
            i = self.skip_ws(end);
            match self.b.get(i) {
                Some(b']') => return Ok((Value::list(items), i + 1)),
                Some(b',') => {
                    let comma = i;
                    i = self.skip_ws(i + 1);
                    if self.b.get(i) == Some(&b']') {
                        return Err(Fail::Syntax("Illegal trailing comma before end of array", comma));
                    }
                }
                _ => return Err(Fail::Syntax("Expecting ',' delimiter", i)),
            }
        }
    }
}

fn hook(v: Option<Value>) -> Option<Value> {
    v.filter(|x| !x.is_none())
}

/// Raise `error_class(msg, doc, pos)`.
fn raise(error_class: &Value, doc: &Value, msg: &str, pos: usize) -> PyErr {
    match ops::call(error_class, CallArgs::positional_only(&[Value::str(msg), doc.clone(), Value::from_usize(pos)])) {
        Ok(exc) => PyErr::from_exception(exc),
        Err(e) => e,
    }
}

/// `scan(s, idx, error_class, strict, object_hook, object_pairs_hook,
/// parse_float, parse_int, parse_constant, whole)`: parse one value at
/// character index `idx`; returns `(value, end)`. With `whole`, the value
/// must make up the whole document, whitespace around it allowed.
pub fn scan(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "scan", 10, 10)?;
    let whole = ops::truthy(&pos[9])?;
    let Value::Str(s) = &pos[0] else {
        return Err(PyErr::type_error(format!("first argument must be a string, not {}", ops::type_name(&pos[0]))));
    };
    let text = s.as_str();
    let idx = ops::index_value(&pos[1])?;
    let hooks = Hooks {
        strict: ops::truthy(&pos[3])?,
        object_hook: hook(Some(pos[4].clone())),
        object_pairs_hook: hook(Some(pos[5].clone())),
        parse_float: hook(Some(pos[6].clone())),
        parse_int: hook(Some(pos[7].clone())),
        parse_constant: hook(Some(pos[8].clone())),
    };
    let scanner = Scanner::new(text, &hooks);
    if idx < 0 {
        return Err(PyErr::value_error("idx cannot be negative"));
    }
    let start = text.char_indices().nth(idx as usize).map(|(b, _)| b).unwrap_or(text.len());
    let start = if whole { scanner.skip_ws(start) } else { start };
    let parsed = scanner.value(start).and_then(|(v, end)| {
        if whole {
            let end = scanner.skip_ws(end);
            if end < text.len() {
                return Err(Fail::Syntax("Extra data", end));
            }
        }
        Ok((v, end))
    });
    match parsed {
        Ok((v, end)) => Ok(Value::tuple(vec![v, Value::from_usize(scanner.char_pos(end))])),
        Err(Fail::Py(e)) => Err(e),
        Err(Fail::Syntax(msg, at)) => Err(raise(&pos[2], &pos[0], msg, scanner.char_pos(at))),
    }
}
