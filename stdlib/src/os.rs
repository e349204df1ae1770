//! `posix`: the native core of `os` — files, directories, the environment
//! and process facts. `python/os.py` and `python/posixpath.py` build the
//! public `os` and `os.path` on it.

use std::os::unix::fs::{MetadataExt, PermissionsExt};

use protopy_runtime::objects::bytes_methods::bytes_value;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

use crate::io::{os_error_code, os_error_for, path_arg};
use crate::util::expect_args;

fn path(a: &CallArgs, fname: &str) -> PyResult<String> {
    let pos = a.positional();
    let v = pos.first().cloned().or_else(|| a.kwarg("path")).unwrap_or(Value::None);
    path_arg(&v, fname)
}

fn getcwd(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "getcwd", 0, 0)?;
    let d = std::env::current_dir().map_err(|e| os_error_for(&e, ""))?;
    Ok(Value::string(d.display().to_string()))
}

fn chdir(a: CallArgs) -> PyResult<Value> {
    let p = path(&a, "chdir")?;
    std::env::set_current_dir(&p).map_err(|e| os_error_for(&e, &p))?;
    Ok(Value::None)
}

fn listdir(a: CallArgs) -> PyResult<Value> {
    let p = match a.positional().first() {
        Some(v) if !v.is_none() => path_arg(v, "listdir")?,
        _ => ".".to_string(),
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&p).map_err(|e| os_error_for(&e, &p))? {
        let entry = entry.map_err(|e| os_error_for(&e, &p))?;
        names.push(Value::string(entry.file_name().to_string_lossy().into_owned()));
    }
    Ok(Value::list(names))
}

/// `(name, is_dir, is_file, is_symlink)` for each entry of a directory.
fn scandir_entries(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "scandir_entries", 1, 1)?;
    let p = path_arg(&pos[0], "scandir")?;
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&p).map_err(|e| os_error_for(&e, &p))? {
        let entry = entry.map_err(|e| os_error_for(&e, &p))?;
        let ft = entry.file_type().map_err(|e| os_error_for(&e, &p))?;
        let (is_dir, is_file) = if ft.is_symlink() {
            let m = std::fs::metadata(entry.path()).ok();
            (m.as_ref().is_some_and(|m| m.is_dir()), m.as_ref().is_some_and(|m| m.is_file()))
        } else {
            (ft.is_dir(), ft.is_file())
        };
        out.push(Value::tuple(vec![
            Value::string(entry.file_name().to_string_lossy().into_owned()),
            Value::Bool(is_dir),
            Value::Bool(is_file),
            Value::Bool(ft.is_symlink()),
        ]));
    }
    Ok(Value::list(out))
}

fn mkdir(a: CallArgs) -> PyResult<Value> {
    let p = path(&a, "mkdir")?;
    let mode = match a.positional().get(1).cloned().or_else(|| a.kwarg("mode")) {
        Some(m) => ops::index_value(&m)? as u32,
        None => 0o777,
    };
    let mut b = std::fs::DirBuilder::new();
    std::os::unix::fs::DirBuilderExt::mode(&mut b, mode);
    b.create(&p).map_err(|e| os_error_for(&e, &p))?;
    Ok(Value::None)
}

fn rmdir(a: CallArgs) -> PyResult<Value> {
    let p = path(&a, "rmdir")?;
    std::fs::remove_dir(&p).map_err(|e| os_error_for(&e, &p))?;
    Ok(Value::None)
}

fn remove(a: CallArgs) -> PyResult<Value> {
    let p = path(&a, "remove")?;
    if std::fs::symlink_metadata(&p).map(|m| m.is_dir()).unwrap_or(false) {
        return Err(os_error_code(21, "Is a directory", &p));
    }
    std::fs::remove_file(&p).map_err(|e| os_error_for(&e, &p))?;
    Ok(Value::None)
}

fn two_paths(a: &CallArgs, fname: &str) -> PyResult<(String, String)> {
    let pos = expect_args(a, fname, 2, 2)?;
    Ok((path_arg(&pos[0], fname)?, path_arg(&pos[1], fname)?))
}

fn rename_error(e: &std::io::Error, src: &str, dst: &str) -> PyErr {
    let err = os_error_for(e, src);
    if let Value::Instance(inst) = err.exc() {
        if let protopy_runtime::objects::instance::Payload::Exception(st) = &inst.payload {
            let mut st = st.lock();
            let code = st.args.first().cloned().unwrap_or(Value::None);
            let msg = st.args.get(1).cloned().unwrap_or(Value::None);
            st.args = vec![code, msg, Value::str(src), Value::None, Value::str(dst)];
        }
    }
    err
}

fn rename(a: CallArgs) -> PyResult<Value> {
    let (src, dst) = two_paths(&a, "rename")?;
    std::fs::rename(&src, &dst).map_err(|e| rename_error(&e, &src, &dst))?;
    Ok(Value::None)
}

fn symlink(a: CallArgs) -> PyResult<Value> {
    let (src, dst) = two_paths(&a, "symlink")?;
    std::os::unix::fs::symlink(&src, &dst).map_err(|e| rename_error(&e, &src, &dst))?;
    Ok(Value::None)
}

fn readlink(a: CallArgs) -> PyResult<Value> {
    let p = path(&a, "readlink")?;
    let t = std::fs::read_link(&p).map_err(|e| os_error_for(&e, &p))?;
    Ok(Value::string(t.display().to_string()))
}

/// `stat(path, follow_symlinks)` as a tuple of the `stat_result` fields:
/// mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime (floats),
/// and the three times in nanoseconds.
fn stat(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "stat", 1, 2)?;
    let p = path_arg(&pos[0], "stat")?;
    let follow = match pos.get(1) {
        Some(v) => ops::truthy(v)?,
        None => true,
    };
    let m = if follow { std::fs::metadata(&p) } else { std::fs::symlink_metadata(&p) };
    let m = m.map_err(|e| os_error_for(&e, &p))?;
    let t = |s: i64, ns: i64| Value::Float(s as f64 + ns as f64 * 1e-9);
    let ns = |s: i64, ns: i64| Value::from_bigint(num_bigint::BigInt::from(s) * 1_000_000_000 + ns);
    Ok(Value::tuple(vec![
        Value::Int(m.mode() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.dev() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.size() as i64),
        t(m.atime(), m.atime_nsec()),
        t(m.mtime(), m.mtime_nsec()),
        t(m.ctime(), m.ctime_nsec()),
        ns(m.atime(), m.atime_nsec()),
        ns(m.mtime(), m.mtime_nsec()),
        ns(m.ctime(), m.ctime_nsec()),
    ]))
}

/// `realpath(path)`: symlinks resolved in the longest existing prefix, the
/// rest normalised and appended.
fn realpath(a: CallArgs) -> PyResult<Value> {
    let p = path(&a, "realpath")?;
    let abs = std::path::absolute(&p).map_err(|e| os_error_for(&e, &p))?;
    let mut existing = abs.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(c) = std::fs::canonicalize(&existing) {
            let mut out = c;
            for part in rest.iter().rev() {
                match part.to_str() {
                    Some("..") => {
                        out.pop();
                    }
                    Some(".") => {}
                    _ => out.push(part),
                }
            }
            return Ok(Value::string(out.display().to_string()));
        }
        match (existing.file_name().map(|f| f.to_os_string()), existing.parent().map(|p| p.to_path_buf())) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return Ok(Value::string(abs.display().to_string())),
        }
    }
}

fn chmod(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "chmod", 2, 2)?;
    let p = path_arg(&pos[0], "chmod")?;
    let mode = ops::index_value(&pos[1])? as u32;
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).map_err(|e| os_error_for(&e, &p))?;
    Ok(Value::None)
}

fn environ_items(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "environ_items", 0, 0)?;
    let items = std::env::vars_os()
        .map(|(k, v)| {
            Value::tuple(vec![
                Value::string(k.to_string_lossy().into_owned()),
                Value::string(v.to_string_lossy().into_owned()),
            ])
        })
        .collect();
    Ok(Value::list(items))
}

fn str_arg(v: &Value, what: &str) -> PyResult<String> {
    match ops::payload(v) {
        Value::Str(s) => Ok(s.as_str().to_string()),
        _ => Err(PyErr::type_error(format!("{what}: expected str, got {}", ops::type_name(v)))),
    }
}

fn putenv(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "putenv", 2, 2)?;
    let (k, v) = (str_arg(&pos[0], "putenv")?, str_arg(&pos[1], "putenv")?);
    if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
        return Err(PyErr::value_error("illegal environment variable name"));
    }
    // Setting the environment races only with threads reading it through
    // libc at the same moment; the interpreter itself reads it here only.
    std::env::set_var(k, v);
    Ok(Value::None)
}

fn unsetenv(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "unsetenv", 1, 1)?;
    let k = str_arg(&pos[0], "unsetenv")?;
    if k.is_empty() || k.contains('=') || k.contains('\0') {
        return Err(PyErr::value_error("illegal environment variable name"));
    }
    std::env::remove_var(k);
    Ok(Value::None)
}

fn getpid(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "getpid", 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn kill(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "kill", 2, 2)?;
    let pid = ops::index_value(&a.args[0])?;
    let signum = ops::index_value(&a.args[1])?;
    let (Ok(pid), Ok(signum)) = (libc::pid_t::try_from(pid), i32::try_from(signum)) else {
        return Err(PyErr::overflow("signed integer is greater than maximum"));
    };
    // SAFETY: sends a signal; no memory is involved.
    if unsafe { libc::kill(pid, signum) } != 0 {
        return Err(protopy_runtime::io::os_error(&std::io::Error::last_os_error()));
    }
    // A signal sent to this process is handled before kill() returns, as
    // in CPython.
    protopy_runtime::signals::check()?;
    Ok(Value::None)
}

fn cpu_count(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "cpu_count", 0, 0)?;
    Ok(std::thread::available_parallelism().map(|n| Value::from_usize(n.get())).unwrap_or(Value::None))
}

fn urandom(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "urandom", 1, 1)?;
    let n = ops::index_value(&pos[0])?;
    if n < 0 {
        return Err(PyErr::value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut f = std::fs::File::open("/dev/urandom").map_err(|e| os_error_for(&e, "/dev/urandom"))?;
    std::io::Read::read_exact(&mut f, &mut buf).map_err(|e| os_error_for(&e, "/dev/urandom"))?;
    Ok(bytes_value(buf))
}

fn access(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "access", 2, 2)?;
    let p = path_arg(&pos[0], "access")?;
    let mode = ops::index_value(&pos[1])?;
    let Ok(m) = std::fs::metadata(&p) else { return Ok(Value::Bool(false)) };
    let perm = m.mode();
    // Checked against the owner bits, which is what matters for files a
    // program creates itself.
    let ok = (mode & 4 == 0 || perm & 0o444 != 0) && (mode & 2 == 0 || perm & 0o222 != 0) && (mode & 1 == 0 || perm & 0o111 != 0);
    Ok(Value::Bool(ok))
}

fn strerror(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "strerror", 1, 1)?;
    let code = ops::index_value(&pos[0])? as i32;
    let msg = std::io::Error::from_raw_os_error(code).to_string();
    Ok(Value::string(msg.split(" (os error").next().unwrap_or(&msg).to_string()))
}

fn utime(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "utime", 1, 2)?;
    let p = path_arg(&pos[0], "utime")?;
    let f = std::fs::OpenOptions::new().write(true).open(&p).or_else(|_| std::fs::File::open(&p)).map_err(|e| os_error_for(&e, &p))?;
    let when = match pos.get(1) {
        Some(Value::Tuple(t)) if t.len() == 2 => {
            let secs = ops::to_f64(&t.items()[1])?;
            std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(secs.max(0.0))
        }
        _ => std::time::SystemTime::now(),
    };
    f.set_modified(when).map_err(|e| os_error_for(&e, &p))?;
    Ok(Value::None)
}

fn isatty(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "isatty", 1, 1)?;
    let fd = ops::index_value(&pos[0])?;
    use std::io::IsTerminal;
    Ok(Value::Bool(match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => false,
    }))
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "posix",
        &[
            ("getcwd", getcwd),
            ("chdir", chdir),
            ("listdir", listdir),
            ("scandir_entries", scandir_entries),
            ("mkdir", mkdir),
            ("rmdir", rmdir),
            ("remove", remove),
            ("unlink", remove),
            ("rename", rename),
            ("replace", rename),
            ("symlink", symlink),
            ("readlink", readlink),
            ("stat", stat),
            ("chmod", chmod),
            ("realpath", realpath),
            ("environ_items", environ_items),
            ("putenv", putenv),
            ("unsetenv", unsetenv),
            ("getpid", getpid),
            ("kill", kill),
            ("cpu_count", cpu_count),
            ("urandom", urandom),
            ("access", access),
            ("strerror", strerror),
            ("utime", utime),
            ("isatty", isatty),
        ],
    );
    Ok(Value::Module(m))
}
