//! The `io` module and the `open()` builtin: file objects over
//! `io_file::FileCore`, and the in-memory `StringIO`/`BytesIO` of
//! `io_memory.rs`.

use std::any::Any;
use std::sync::Arc;

use protopy_runtime::objects::bytes_methods::{bytes_data, bytes_value};
use protopy_runtime::objects::native::{downcast, NativeObject};
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::{ctx, ops, CallArgs, PyErr, PyResult, Value};

use crate::io_file::{closed_error, FileCore, Options};
use crate::util::params;

pub struct PyFile {
    core: Arc<FileCore>,
    name: Value,
    mode: String,
    kind: &'static str,
    /// The encoding as `f.encoding` shows it.
    encoding: String,
}

/// `io.UnsupportedOperation` (an OSError and a ValueError).
pub fn unsupported_operation() -> Arc<TypeObj> {
    crate::native_iter::registered("io", "UnsupportedOperation", || {
        let c = ctx();
        let ns = protopy_runtime::objects::dict::DictObj::new();
        ns.set_str("__module__", Value::str("io"));
        let bases = vec![c.exc.os_error.clone(), c.exc.value_error.clone()];
        protopy_runtime::objects::typeobj::new_class(None, "UnsupportedOperation", bases, &ns)
            .unwrap_or_else(|_| c.exc.os_error.clone())
    })
}

pub fn unsupported(what: &str) -> PyErr {
    PyErr::new(&unsupported_operation(), what)
}

fn file_type(kind: &'static str) -> Arc<TypeObj> {
    crate::native_iter::registered("_io", kind, || crate::util::native_class(kind, None, FILE_METHODS))
}

impl NativeObject for PyFile {
    fn type_obj(&self) -> Arc<TypeObj> {
        file_type(self.kind)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        let text = !self.core.opts.binary;
        Some(Ok(match name {
            "closed" => Value::Bool(self.core.is_closed()),
            "name" => self.name.clone(),
            "mode" => Value::str(&self.mode),
            "encoding" if text => Value::str(&self.encoding),
            "errors" if text => Value::str(&self.core.opts.errors),
            "newlines" if text => Value::None,
            "line_buffering" if text => Value::Bool(false),
            _ => return None,
        }))
    }
    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        if self.core.is_closed() {
            return Some(Err(closed_error()));
        }
        Some(Ok(this.clone()))
    }
    fn iter_next(&self) -> Option<PyResult<Option<Value>>> {
        Some(self.readline(None).map(|line| if is_empty(&line) { None } else { Some(line) }))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some((|| {
            let name = ops::repr(&self.name)?;
            Ok(if self.core.opts.binary {
                format!("<_io.{} name={name}>", self.kind)
            } else {
                format!("<_io.TextIOWrapper name={name} mode='{}' encoding='{}'>", self.mode, self.encoding)
            })
        })())
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Str(s) => s.as_str().is_empty(),
        Value::Bytes(b) => b.data.is_empty(),
        _ => false,
    }
}

impl PyFile {
    fn check_readable(&self) -> PyResult<()> {
        if self.core.is_closed() {
            return Err(closed_error());
        }
        if !self.core.opts.readable {
            return Err(unsupported("not readable"));
        }
        Ok(())
    }

    fn check_writable(&self) -> PyResult<()> {
        if self.core.is_closed() {
            return Err(closed_error());
        }
        if !self.core.opts.writable {
            return Err(unsupported("not writable"));
        }
        Ok(())
    }

    fn read(&self, n: Option<usize>) -> PyResult<Value> {
        self.check_readable()?;
        if self.core.opts.binary {
            Ok(bytes_value(self.core.read_bytes(n)?))
        } else {
            Ok(Value::string(self.core.read_text(n)?))
        }
    }

    fn readline(&self, limit: Option<usize>) -> PyResult<Value> {
        self.check_readable()?;
        if self.core.opts.binary {
            Ok(bytes_value(self.core.readline_bytes(limit)?))
        } else {
            Ok(Value::string(self.core.readline_text(limit)?))
        }
    }

    fn write(&self, v: &Value) -> PyResult<Value> {
        if !self.core.opts.binary && !matches!(ops::payload(v), Value::Str(_)) {
            return Err(PyErr::type_error(format!("write() argument must be str, not {}", ops::type_name(v))));
        }
        self.check_writable()?;
        if self.core.opts.binary {
            if matches!(ops::payload(v), Value::Str(_)) {
                return Err(PyErr::type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    ops::type_name(v)
                )));
            }
            let data = bytes_data(v)?;
            self.core.write_bytes(&data)?;
            return Ok(Value::from_usize(data.len()));
        }
        let Value::Str(s) = ops::payload(v) else {
            return Err(PyErr::type_error(format!("write() argument must be str, not {}", ops::type_name(v))));
        };
        self.core.write_text(s.as_str())?;
        Ok(Value::from_usize(s.char_len()))
    }
}

fn this(v: &Value) -> PyResult<&PyFile> {
    downcast::<PyFile>(v).ok_or_else(|| PyErr::type_error("descriptor requires a file object"))
}

/// A size argument: None or negative means "all".
pub fn size_arg(v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = ops::index_value(v)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
    }
}

fn f_read(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "read", 1, 2)?;
    this(&pos[0])?.read(size_arg(pos.get(1))?)
}

fn f_readline(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "readline", 1, 2)?;
    this(&pos[0])?.readline(size_arg(pos.get(1))?)
}

fn f_readlines(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "readlines", 1, 2)?;
    let f = this(&pos[0])?;
    let hint = size_arg(pos.get(1))?.filter(|&h| h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = f.readline(None)?;
        if is_empty(&line) {
            break;
        }
        total += ops::len(&line)?;
        lines.push(line);
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(Value::list(lines))
}

fn f_write(a: CallArgs) -> PyResult<Value> {
    let [me, v] = a.exact::<2>("write")?;
    this(me)?.write(v)
}

fn f_writelines(a: CallArgs) -> PyResult<Value> {
    let [me, lines] = a.exact::<2>("writelines")?;
    let f = this(me)?;
    let it = ops::iter(lines)?;
    while let Some(line) = ops::next(&it)? {
        f.write(&line)?;
    }
    Ok(Value::None)
}

fn f_close(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("close")?;
    this(me)?.core.close()?;
    Ok(Value::None)
}

fn f_flush(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("flush")?;
    let f = this(me)?;
    if f.core.is_closed() {
        return Err(PyErr::value_error("I/O operation on closed file."));
    }
    f.core.flush()?;
    Ok(Value::None)
}

fn f_seek(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "seek", 2, 3)?;
    let f = this(&pos[0])?;
    let offset = ops::index_value(&pos[1])?;
    let whence = match pos.get(2) {
        Some(w) => ops::index_value(w)?,
        None => 0,
    };
    if !f.core.opts.binary && ((whence == 1 && offset != 0) || (whence == 2 && offset != 0)) {
        return Err(unsupported(if whence == 1 {
            "can't do nonzero cur-relative seeks"
        } else {
            "can't do nonzero end-relative seeks"
        }));
    }
    Ok(Value::Int(f.core.seek(offset, whence)? as i64))
}

fn f_tell(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("tell")?;
    Ok(Value::Int(this(me)?.core.tell()? as i64))
}

fn f_truncate(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "truncate", 1, 2)?;
    let f = this(&pos[0])?;
    f.check_writable()?;
    let size = size_arg(pos.get(1))?.map(|n| n as u64);
    Ok(Value::Int(f.core.truncate(size)? as i64))
}

fn f_fileno(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("fileno")?;
    let _ = this(me)?;
    Err(unsupported("fileno"))
}

fn bool_method(a: &CallArgs, name: &str, f: fn(&PyFile) -> bool) -> PyResult<Value> {
    let [me] = a.exact::<1>(name)?;
    let file = this(me)?;
    if file.core.is_closed() {
        return Err(closed_error());
    }
    Ok(Value::Bool(f(file)))
}

fn f_readable(a: CallArgs) -> PyResult<Value> {
    bool_method(&a, "readable", |f| f.core.opts.readable)
}

fn f_writable(a: CallArgs) -> PyResult<Value> {
    bool_method(&a, "writable", |f| f.core.opts.writable)
}

fn f_seekable(a: CallArgs) -> PyResult<Value> {
    bool_method(&a, "seekable", |_| true)
}

fn f_isatty(a: CallArgs) -> PyResult<Value> {
    bool_method(&a, "isatty", |_| false)
}

fn f_enter(a: CallArgs) -> PyResult<Value> {
    let [me] = a.exact::<1>("__enter__")?;
    if this(me)?.core.is_closed() {
        return Err(closed_error());
    }
    Ok(me.clone())
}

fn f_exit(a: CallArgs) -> PyResult<Value> {
    let me = a.positional().first().ok_or_else(|| PyErr::type_error("__exit__ needs self"))?;
    this(me)?.core.close()?;
    Ok(Value::None)
}

const FILE_METHODS: &[(&str, protopy_runtime::objects::function::BuiltinFn)] = &[
    ("read", f_read),
    ("read1", f_read),
    ("readline", f_readline),
    ("readlines", f_readlines),
    ("write", f_write),
    ("writelines", f_writelines),
    ("close", f_close),
    ("flush", f_flush),
    ("seek", f_seek),
    ("tell", f_tell),
    ("truncate", f_truncate),
    ("fileno", f_fileno),
    ("readable", f_readable),
    ("writable", f_writable),
    ("seekable", f_seekable),
    ("isatty", f_isatty),
    ("__enter__", f_enter),
    ("__exit__", f_exit),
    ("__iter__", crate::native_iter::iter_method),
    ("__next__", crate::native_iter::next_method),
];

// ---- open() -------------------------------------------------------------------------

struct Mode {
    read: bool,
    write: bool,
    append: bool,
    create_new: bool,
    plus: bool,
    binary: bool,
}

fn parse_mode(mode: &str) -> PyResult<Mode> {
    let invalid = || PyErr::value_error(format!("invalid mode: '{mode}'"));
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxa+bt".contains(c) || seen.contains(c) {
            return Err(invalid());
        }
        seen.push(c);
    }
    let has = |c| seen.contains(c);
    let kinds = ['r', 'w', 'x', 'a'].iter().filter(|&&c| has(c)).count();
    if has('b') && has('t') {
        return Err(PyErr::value_error("can't have text and binary mode at once"));
    }
    if kinds != 1 {
        return Err(PyErr::value_error("must have exactly one of create/read/write/append mode"));
    }
    Ok(Mode {
        read: has('r'),
        write: has('w'),
        append: has('a'),
        create_new: has('x'),
        plus: has('+'),
        binary: has('b'),
    })
}

/// The path of `open()`'s first argument (str, bytes or os.PathLike).
pub fn path_arg(v: &Value, fname: &str) -> PyResult<String> {
    match ops::payload(v) {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.data).into_owned()),
        _ => {
            if let Some(f) = ops::lookup_special(v, "__fspath__") {
                let r = ops::call1(&f, v.clone())?;
                if let Value::Str(s) = ops::payload(&r) {
                    return Ok(s.as_str().to_string());
                }
            }
            let _ = fname;
            Err(PyErr::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                ops::type_name(v)
            )))
        }
    }
}

/// An OSError of the right subclass for `e`, naming `path`.
pub fn os_error_for(e: &std::io::Error, path: &str) -> PyErr {
    let code = e.raw_os_error().unwrap_or(match e.kind() {
        std::io::ErrorKind::NotFound => 2,
        std::io::ErrorKind::PermissionDenied => 13,
        std::io::ErrorKind::AlreadyExists => 17,
        _ => 5,
    });
    let msg = e.to_string();
    let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
    os_error_code(code, &msg, path)
}

pub fn os_error_code(code: i32, msg: &str, path: &str) -> PyErr {
    let c = ctx();
    let class = match code {
        2 => "FileNotFoundError",
        13 | 1 => "PermissionError",
        17 => "FileExistsError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        _ => "OSError",
    };
    let ty = c.builtin(class).and_then(|v| v.as_type().cloned()).unwrap_or_else(|| c.exc.os_error.clone());
    PyErr::with_args(&ty, vec![Value::Int(code as i64), Value::str(msg), Value::str(path)])
}

fn text_options(p: &[Option<Value>], mode: &Mode) -> PyResult<(String, String, Option<String>, bool)> {
    let opt_str = |v: &Option<Value>, what: &str| -> PyResult<Option<String>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.as_str().to_string())),
            Some(other) => Err(PyErr::type_error(format!(
                "open() argument '{what}' must be str or None, not {}",
                ops::type_name(other)
            ))),
        }
    };
    let encoding = opt_str(&p[3], "encoding")?;
    let errors = opt_str(&p[4], "errors")?;
    let newline = opt_str(&p[5], "newline")?;
    if mode.binary {
        if encoding.is_some() {
            return Err(PyErr::value_error("binary mode doesn't take an encoding argument"));
        }
        if errors.is_some() {
            return Err(PyErr::value_error("binary mode doesn't take an errors argument"));
        }
        if newline.is_some() {
            return Err(PyErr::value_error("binary mode doesn't take a newline argument"));
        }
    }
    let shown = encoding.clone().unwrap_or_else(|| "UTF-8".to_string());
    let lower = shown.to_ascii_lowercase().replace('_', "-");
    let bom = lower == "utf-8-sig" || lower == "utf8-sig";
    Ok((shown, errors.unwrap_or_else(|| "strict".to_string()), newline, bom))
}

/// The checks the text layer makes once the file is open.
fn check_text_options(newline: &Option<String>, encoding: &str, bom: bool) -> PyResult<()> {
    if let Some(nl) = newline {
        if !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(PyErr::value_error(format!("illegal newline value: {nl}")));
        }
    }
    if !bom {
        protopy_runtime::objects::codec::Codec::lookup(encoding)?;
    }
    Ok(())
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`.
pub fn open(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "open", &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"], 1)?;
    let file_arg = p[0].clone().unwrap_or(Value::None);
    let mode_str = match &p[1] {
        None => "r".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                ops::type_name(other)
            )))
        }
    };
    let mode = parse_mode(&mode_str)?;
    let (encoding, errors, newline, bom) = text_options(&p, &mode)?;
    let path = path_arg(&file_arg, "open")?;
    let mut oo = std::fs::OpenOptions::new();
    oo.read(mode.read || mode.plus);
    oo.write(mode.write || mode.append || mode.create_new || mode.plus);
    if mode.write {
        oo.create(true).truncate(true);
    }
    if mode.append {
        oo.create(true).append(true);
    }
    if mode.create_new {
        oo.create_new(true);
    }
    let file = oo.open(&path).map_err(|e| os_error_for(&e, &path))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(os_error_code(21, "Is a directory", &path));
    }
    if !mode.binary {
        check_text_options(&newline, &encoding, bom)?;
    }
    let readable = mode.read || mode.plus;
    let writable = !mode.read || mode.plus;
    let opts = Options {
        binary: mode.binary,
        readable,
        writable,
        encoding: if bom { "utf-8".to_string() } else { encoding.clone() },
        errors,
        newline,
        bom,
    };
    let kind = match (mode.binary, readable, writable) {
        (false, _, _) => "TextIOWrapper",
        (true, true, true) => "BufferedRandom",
        (true, true, false) => "BufferedReader",
        (true, _, _) => "BufferedWriter",
    };
    let shown_mode = if mode.binary {
        let base = if mode.read { "r" } else if mode.append { "a" } else if mode.create_new { "x" } else { "w" };
        format!("{base}b{}", if mode.plus { "+" } else { "" })
    } else {
        mode_str.clone()
    };
    let core = FileCore::new(file, opts);
    Ok(Value::native(PyFile { core, name: file_arg, mode: shown_mode, kind, encoding }))
}

// ---- the module -------------------------------------------------------------------

fn text_encoding(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "text_encoding", 1, 2)?;
    Ok(if pos[0].is_none() { Value::str("utf-8") } else { pos[0].clone() })
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module("io", &[("open", open), ("text_encoding", text_encoding)]);
    m.set("UnsupportedOperation", Value::Type(unsupported_operation()));
    for kind in ["TextIOWrapper", "BufferedReader", "BufferedWriter", "BufferedRandom"] {
        m.set(kind, Value::Type(file_type(kind)));
    }
    m.set("StringIO", Value::Type(crate::io_memory::string_io_type()));
    m.set("BytesIO", Value::Type(crate::io_memory::bytes_io_type()));
    m.set("SEEK_SET", Value::Int(0));
    m.set("SEEK_CUR", Value::Int(1));
    m.set("SEEK_END", Value::Int(2));
    m.set("DEFAULT_BUFFER_SIZE", Value::Int(8192));
    Ok(Value::Module(m))
}

/// Register `open` among the builtins (at start-up).
pub fn install_builtins() {
    crate::util::add_functions(&ctx().builtins, &[("open", open)]);
}
