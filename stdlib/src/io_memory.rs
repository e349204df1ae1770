//! `io.StringIO` and `io.BytesIO`: in-memory streams. StringIO keeps its
//! text as a `String` with the position in characters (fast when the text
//! is ASCII); BytesIO a byte vector.

use std::any::Any;
use std::sync::Arc;

use parking_lot::Mutex;

use protopy_runtime::objects::bytes_methods::{bytes_data, bytes_value};
use protopy_runtime::objects::function::BuiltinFn;
use protopy_runtime::objects::native::{downcast, NativeObject};
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

use crate::io::size_arg;
use crate::util::params;

/// StringIO's message lacks the period the file and BytesIO ones have.
fn closed_text() -> PyErr {
    PyErr::value_error("I/O operation on closed file")
}

fn closed() -> PyErr {
    PyErr::value_error("I/O operation on closed file.")
}

// ---- StringIO -----------------------------------------------------------------------

struct Text {
    buf: String,
    /// Position in characters (may be past the end after a seek).
    pos: usize,
    closed: bool,
}

impl Text {
    fn chars(&self) -> usize {
        if self.buf.is_ascii() {
            self.buf.len()
        } else {
            self.buf.chars().count()
        }
    }

    /// Byte offset of character `i` (clamped to the end).
    fn byte_at(&self, i: usize) -> usize {
        if self.buf.is_ascii() {
            return i.min(self.buf.len());
        }
        self.buf.char_indices().nth(i).map(|(b, _)| b).unwrap_or(self.buf.len())
    }

    fn write(&mut self, s: &str) -> PyResult<()> {
        let len = self.chars();
        let n = s.chars().count();
        if self.pos >= len {
            let pad = self.pos - len;
            if self.buf.try_reserve(pad + s.len()).is_err() {
                return Err(PyErr::memory_error());
            }
            self.buf.extend(std::iter::repeat_n('\0', pad));
            self.buf.push_str(s);
        } else {
            let start = self.byte_at(self.pos);
            let end = self.byte_at(self.pos + n);
            self.buf.replace_range(start..end, s);
        }
        self.pos += n;
        Ok(())
    }

    /// The text from the position up to character count `n` (or the end).
    fn take(&mut self, n: Option<usize>) -> String {
        let start = self.byte_at(self.pos);
        let rest = &self.buf[start..];
        let end = match n {
            Some(n) => rest.char_indices().nth(n).map(|(i, _)| i).unwrap_or(rest.len()),
            None => rest.len(),
        };
        let out = rest[..end].to_string();
        self.pos += out.chars().count();
        out
    }

    fn readline(&mut self, limit: Option<usize>) -> String {
        let start = self.byte_at(self.pos);
        let rest = &self.buf[start..];
        let mut end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
        if let Some(lim) = limit {
            end = rest[..end].char_indices().nth(lim).map(|(i, _)| i).unwrap_or(end);
        }
        let out = rest[..end].to_string();
        self.pos += out.chars().count();
        out
    }
}

pub struct StringIO {
    text: Mutex<Text>,
    /// Newline translation on write: None universal ("\r\n", "\r" -> "\n").
    /// `__init__` of a subclass instance sets it.
    newline: Mutex<Option<String>>,
}

pub fn string_io_type() -> Arc<TypeObj> {
    crate::native_iter::registered("_io", "StringIO", make_string_io_type)
}

fn make_string_io_type() -> Arc<TypeObj> {
    let t = crate::util::native_base_class("StringIO", Some(string_io_new), STRING_METHODS);
    protopy_runtime::objects::descriptor::add_getset(&t, "closed", closed_get, None);
    t
}

impl NativeObject for StringIO {
    fn type_obj(&self) -> Arc<TypeObj> {
        string_io_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "closed" => Some(Ok(Value::Bool(self.text.lock().closed))),
            "line_buffering" => Some(Ok(Value::Bool(false))),
            "newlines" | "encoding" | "errors" => Some(Ok(Value::None)),
            _ => None,
        }
    }
    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(this.clone()))
    }
    fn iter_next(&self) -> Option<PyResult<Option<Value>>> {
        let mut t = self.text.lock();
        if t.closed {
            return Some(Err(closed_text()));
        }
        let line = t.readline(None);
        Some(Ok(if line.is_empty() { None } else { Some(Value::string(line)) }))
    }
}

impl StringIO {
    fn translate<'a>(&self, s: &'a str) -> std::borrow::Cow<'a, str> {
        match self.newline.lock().as_deref() {
            None if s.contains('\r') => s.replace("\r\n", "\n").replace('\r', "\n").into(),
            Some(nl) if (nl == "\r" || nl == "\r\n") && s.contains('\n') => s.replace('\n', nl).into(),
            _ => s.into(),
        }
    }
}

fn sio(v: &Value) -> PyResult<&StringIO> {
    downcast::<StringIO>(v).ok_or_else(|| PyErr::type_error("descriptor requires a '_io.StringIO' object"))
}

fn open_text<'a>(v: &'a Value) -> PyResult<(&'a StringIO, parking_lot::MutexGuard<'a, Text>)> {
    let s = sio(v)?;
    let g = s.text.lock();
    if g.closed {
        return Err(closed_text());
    }
    Ok((s, g))
}

/// The arguments of `StringIO(initial_value='', newline='\n')`: the
/// newline setting and the initial text (translated).
fn string_io_args(a: &CallArgs) -> PyResult<(Option<String>, String)> {
    let p = params(a, "StringIO", &["initial_value", "newline"], 0)?;
    let newline = match &p[1] {
        None => Some("\n".to_string()),
        Some(Value::None) => None,
        Some(Value::Str(s)) => {
            let nl = s.as_str();
            if !matches!(nl, "" | "\n" | "\r" | "\r\n") {
                return Err(PyErr::value_error(format!("illegal newline value: {}", ops::repr(&p[1].clone().unwrap_or_default())?)));
            }
            Some(nl.to_string())
        }
        Some(other) => {
            return Err(PyErr::type_error(format!("newline must be str or None, not {}", ops::type_name(other))))
        }
    };
    let s = StringIO { text: Mutex::new(Text { buf: String::new(), pos: 0, closed: false }), newline: Mutex::new(newline) };
    let text = match &p[0] {
        None | Some(Value::None) => String::new(),
        Some(v) => match ops::payload(v) {
            Value::Str(init) => s.translate(init.as_str()).into_owned(),
            _ => {
                return Err(PyErr::type_error(format!(
                    "initial_value must be str or None, not {}",
                    ops::type_name(v)
                )))
            }
        },
    };
    Ok((s.newline.into_inner(), text))
}

fn string_io_new(a: CallArgs) -> PyResult<Value> {
    let (newline, buf) = string_io_args(&a)?;
    let text = Text { buf, pos: 0, closed: false };
    Ok(Value::native(StringIO { text: Mutex::new(text), newline: Mutex::new(newline) }))
}

/// `StringIO.__init__`: (re)starts the stream; a subclass instance's
/// stream is made empty and set up here.
fn s_init(a: CallArgs) -> PyResult<Value> {
    let Some((me, rest)) = a.args.split_first() else {
        return Err(PyErr::type_error("descriptor '__init__' of '_io.StringIO' object needs an argument"));
    };
    let s = sio(me)?;
    let (newline, buf) = string_io_args(&CallArgs::new(rest, a.kwnames))?;
    *s.newline.lock() = newline;
    *s.text.lock() = Text { buf, pos: 0, closed: false };
    Ok(Value::None)
}

fn closed_get(v: &Value) -> PyResult<Value> {
    Ok(Value::Bool(sio(v)?.text.lock().closed))
}

fn s_getvalue(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("getvalue")?;
    let (_, t) = open_text(me)?;
    Ok(Value::string(t.buf.clone()))
}

fn s_write(a: CallArgs) -> PyResult<Value> {
    let [me, v] = a.exact::<2>("write")?;
    let Value::Str(s) = ops::payload(v) else {
        return Err(PyErr::type_error(format!("string argument expected, got '{}'", ops::type_name(v))));
    };
    let (io, mut t) = open_text(me)?;
    t.write(&io.translate(s.as_str()))?;
    Ok(Value::from_usize(s.char_len()))
}

fn s_writelines(a: CallArgs) -> PyResult<Value> {
    let [me, lines] = a.exact::<2>("writelines")?;
    let it = ops::iter(lines)?;
    while let Some(line) = ops::next(&it)? {
        if let Value::Instance(_) = me {
            // As IOBase.writelines: through a subclass's own `write`.
            ops::call_method(me, "write", &[line])?;
        } else {
            s_write(CallArgs::positional_only(&[me.clone(), line]))?;
        }
    }
    Ok(Value::None)
}

fn s_read(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "read", 1, 2)?;
    let n = size_arg(pos.get(1))?;
    let (_, mut t) = open_text(&pos[0])?;
    Ok(Value::string(t.take(n)))
}

fn s_readline(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "readline", 1, 2)?;
    let n = size_arg(pos.get(1))?;
    let (_, mut t) = open_text(&pos[0])?;
    Ok(Value::string(t.readline(n)))
}

fn s_readlines(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "readlines", 1, 2)?;
    let hint = size_arg(pos.get(1))?.filter(|&h| h > 0);
    let (_, mut t) = open_text(&pos[0])?;
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = t.readline(None);
        if line.is_empty() {
            break;
        }
        total += line.chars().count();
        lines.push(Value::string(line));
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(Value::list(lines))
}

fn s_seek(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "seek", 2, 3)?;
    let offset = ops::index_value(&pos[1])?;
    let whence = match pos.get(2) {
        Some(w) => ops::index_value(w)?,
        None => 0,
    };
    let (_, mut t) = open_text(&pos[0])?;
    match whence {
        0 if offset < 0 => return Err(PyErr::value_error(format!("Negative seek position {offset}"))),
        0 => t.pos = offset as usize,
        1 | 2 if offset != 0 => {
            // A plain OSError, as CPython's StringIO raises.
            let what = if whence == 1 {
                "Can't do nonzero cur-relative seeks"
            } else {
                "Can't do nonzero end-relative seeks"
            };
            return Err(PyErr::new(&protopy_runtime::ctx().exc.os_error, what));
        }
        1 => {}
        2 => t.pos = t.chars(),
        _ => return Err(PyErr::value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)"))),
    }
    Ok(Value::from_usize(t.pos))
}

fn s_tell(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("tell")?;
    let (_, t) = open_text(me)?;
    Ok(Value::from_usize(t.pos))
}

fn s_truncate(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "truncate", 1, 2)?;
    let size = size_arg(pos.get(1))?;
    let (_, mut t) = open_text(&pos[0])?;
    let size = size.unwrap_or(t.pos);
    if size < t.chars() {
        let b = t.byte_at(size);
        t.buf.truncate(b);
    }
    Ok(Value::from_usize(size))
}

fn s_close(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("close")?;
    let mut t = sio(me)?.text.lock();
    t.closed = true;
    t.buf = String::new();
    Ok(Value::None)
}

fn s_true(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().ok_or_else(|| PyErr::type_error("method needs self"))?;
    drop(open_text(me)?);
    Ok(Value::Bool(true))
}

fn s_false(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().ok_or_else(|| PyErr::type_error("method needs self"))?;
    drop(open_text(me)?);
    Ok(Value::Bool(false))
}

fn s_flush(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("flush")?;
    drop(open_text(me)?);
    Ok(Value::None)
}

fn enter(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("__enter__")?;
    let is_closed = match (downcast::<StringIO>(me), downcast::<BytesIO>(me)) {
        (Some(s), _) => s.text.lock().closed,
        (_, Some(b)) => b.data.lock().closed,
        _ => false,
    };
    if is_closed {
        return Err(closed());
    }
    Ok(me.clone())
}

fn exit(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().ok_or_else(|| PyErr::type_error("__exit__ needs self"))?;
    ops::call_method(me, "close", &[])?;
    Ok(Value::None)
}

const STRING_METHODS: &[(&str, BuiltinFn)] = &[
    ("__init__", s_init),
    ("getvalue", s_getvalue),
    ("write", s_write),
    ("writelines", s_writelines),
    ("read", s_read),
    ("readline", s_readline),
    ("readlines", s_readlines),
    ("seek", s_seek),
    ("tell", s_tell),
    ("truncate", s_truncate),
    ("close", s_close),
    ("readable", s_true),
    ("writable", s_true),
    ("seekable", s_true),
    ("isatty", s_false),
    ("flush", s_flush),
    ("__enter__", enter),
    ("__exit__", exit),
    ("__iter__", crate::native_iter::iter_method),
    ("__next__", crate::native_iter::next_method),
];

// ---- BytesIO ------------------------------------------------------------------------

struct Bytes {
    buf: Vec<u8>,
    pos: usize,
    closed: bool,
}

pub struct BytesIO {
    data: Mutex<Bytes>,
}

pub fn bytes_io_type() -> Arc<TypeObj> {
    crate::native_iter::registered("_io", "BytesIO", || crate::util::native_class("BytesIO", Some(bytes_io_new), BYTES_METHODS))
}

impl NativeObject for BytesIO {
    fn type_obj(&self) -> Arc<TypeObj> {
        bytes_io_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "closed" => Some(Ok(Value::Bool(self.data.lock().closed))),
            _ => None,
        }
    }
    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(this.clone()))
    }
    fn iter_next(&self) -> Option<PyResult<Option<Value>>> {
        let mut b = self.data.lock();
        if b.closed {
            return Some(Err(closed()));
        }
        let line = b_line(&mut b, None);
        Some(Ok(if line.is_empty() { None } else { Some(bytes_value(line)) }))
    }
}

fn bio(v: &Value) -> PyResult<&BytesIO> {
    downcast::<BytesIO>(v).ok_or_else(|| PyErr::type_error("descriptor requires a '_io.BytesIO' object"))
}

fn open_bytes(v: &Value) -> PyResult<parking_lot::MutexGuard<'_, Bytes>> {
    let g = bio(v)?.data.lock();
    if g.closed {
        return Err(closed());
    }
    Ok(g)
}

fn bytes_io_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "BytesIO", &["initial_bytes"], 0)?;
    let buf = match &p[0] {
        None | Some(Value::None) => Vec::new(),
        Some(v) => bytes_data(v)?,
    };
    Ok(Value::native(BytesIO { data: Mutex::new(Bytes { buf, pos: 0, closed: false }) }))
}

fn b_line(b: &mut Bytes, limit: Option<usize>) -> Vec<u8> {
    let start = b.pos.min(b.buf.len());
    let rest = &b.buf[start..];
    let mut end = rest.iter().position(|&c| c == b'\n').map(|i| i + 1).unwrap_or(rest.len());
    if let Some(l) = limit {
        end = end.min(l);
    }
    let out = rest[..end].to_vec();
    b.pos = start + end;
    out
}

fn b_getvalue(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("getvalue")?;
    Ok(bytes_value(open_bytes(me)?.buf.clone()))
}

fn b_write(a: CallArgs) -> PyResult<Value> {
    let [me, v] = a.exact::<2>("write")?;
    if matches!(ops::payload(v), Value::Str(_)) {
        return Err(PyErr::type_error(format!("a bytes-like object is required, not '{}'", ops::type_name(v))));
    }
    let data = bytes_data(v)?;
    let mut b = open_bytes(me)?;
    let pos = b.pos;
    let end = pos.checked_add(data.len()).ok_or_else(PyErr::memory_error)?;
    if end > b.buf.len() {
        let more = end - b.buf.len();
        if b.buf.try_reserve(more).is_err() {
            return Err(PyErr::memory_error());
        }
        b.buf.resize(end, 0);
    }
    b.buf[pos..end].copy_from_slice(&data);
    b.pos = end;
    Ok(Value::from_usize(data.len()))
}

fn b_writelines(a: CallArgs) -> PyResult<Value> {
    let [me, lines] = a.exact::<2>("writelines")?;
    let it = ops::iter(lines)?;
    while let Some(line) = ops::next(&it)? {
        b_write(CallArgs::positional_only(&[me.clone(), line]))?;
    }
    Ok(Value::None)
}

fn b_read(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "read", 1, 2)?;
    let n = size_arg(pos.get(1))?;
    let mut b = open_bytes(&pos[0])?;
    let start = b.pos.min(b.buf.len());
    let end = match n {
        Some(n) => (start + n).min(b.buf.len()),
        None => b.buf.len(),
    };
    let out = b.buf[start..end].to_vec();
    b.pos = end;
    Ok(bytes_value(out))
}

fn b_readline(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "readline", 1, 2)?;
    let n = size_arg(pos.get(1))?;
    let mut b = open_bytes(&pos[0])?;
    Ok(bytes_value(b_line(&mut b, n)))
}

fn b_readlines(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "readlines", 1, 2)?;
    let mut b = open_bytes(&pos[0])?;
    let mut lines = Vec::new();
    loop {
        let line = b_line(&mut b, None);
        if line.is_empty() {
            break;
        }
        lines.push(bytes_value(line));
    }
    Ok(Value::list(lines))
}

fn b_seek(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "seek", 2, 3)?;
    let offset = ops::index_value(&pos[1])?;
    let whence = match pos.get(2) {
        Some(w) => ops::index_value(w)?,
        None => 0,
    };
    let mut b = open_bytes(&pos[0])?;
    let base = match whence {
        0 => 0,
        1 => b.pos as i64,
        2 => b.buf.len() as i64,
        _ => return Err(PyErr::value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    if whence == 0 && offset < 0 {
        return Err(PyErr::value_error(format!("negative seek value {offset}")));
    }
    b.pos = (base + offset).max(0) as usize;
    Ok(Value::from_usize(b.pos))
}

fn b_tell(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("tell")?;
    Ok(Value::from_usize(open_bytes(me)?.pos))
}

fn b_truncate(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "truncate", 1, 2)?;
    let size = size_arg(pos.get(1))?;
    let mut b = open_bytes(&pos[0])?;
    let size = size.unwrap_or(b.pos);
    b.buf.truncate(size);
    Ok(Value::from_usize(size))
}

fn b_close(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("close")?;
    let mut b = bio(me)?.data.lock();
    b.closed = true;
    b.buf = Vec::new();
    Ok(Value::None)
}

fn b_true(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().ok_or_else(|| PyErr::type_error("method needs self"))?;
    drop(open_bytes(me)?);
    Ok(Value::Bool(true))
}

fn b_false(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().ok_or_else(|| PyErr::type_error("method needs self"))?;
    drop(open_bytes(me)?);
    Ok(Value::Bool(false))
}

fn b_flush(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("flush")?;
    drop(open_bytes(me)?);
    Ok(Value::None)
}

const BYTES_METHODS: &[(&str, BuiltinFn)] = &[
    ("getvalue", b_getvalue),
    ("getbuffer", b_getvalue),
    ("write", b_write),
    ("writelines", b_writelines),
    ("read", b_read),
    ("read1", b_read),
    ("readline", b_readline),
    ("readlines", b_readlines),
    ("seek", b_seek),
    ("tell", b_tell),
    ("truncate", b_truncate),
    ("close", b_close),
    ("readable", b_true),
    ("writable", b_true),
    ("seekable", b_true),
    ("isatty", b_false),
    ("flush", b_flush),
    ("__enter__", enter),
    ("__exit__", exit),
    ("__iter__", crate::native_iter::iter_method),
    ("__next__", crate::native_iter::next_method),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_positions_are_characters() {
        let mut t = Text { buf: String::new(), pos: 0, closed: false };
        assert!(t.write("héllo").is_ok());
        assert_eq!(t.pos, 5);
        t.pos = 1;
        assert!(t.write("E").is_ok());
        assert_eq!(t.buf, "hEllo");
        t.pos = 7;
        assert!(t.write("!").is_ok());
        assert_eq!(t.buf, "hEllo\0\0!");
        t.pos = 0;
        assert_eq!(t.readline(Some(3)), "hEl");
    }
}
