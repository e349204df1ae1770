//! The `protopy` command line: `protopy FILE [ARGS]`, `-c CODE`, `-m MODULE`,
//! CPython's habits for exit status and error reports.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use protopy_runtime::objects::exception;
use protopy_runtime::{ctx, io, ops, PyErr, Value};

use crate::{import, interp, traceback};

/// Native stack for the main interpreter thread; deep recursion turns into
/// RecursionError well before it is used up.
const MAIN_STACK: usize = 512 * 1024 * 1024;

enum Mode {
    File(PathBuf),
    Command(String),
    Module(String),
    Stdin,
}

struct Options {
    mode: Mode,
    argv: Vec<String>,
    /// `-i`: enter the interactive prompt after the program (or instead
    /// of reading a program from standard input).
    interactive: bool,
    /// `-X compile=...`, `-X showcompiled`.
    native: crate::native_import::Options,
}

const USAGE: &str = "usage: protopy [option] ... [-c cmd | -m mod | file | -] [arg] ...";

/// A `-X` option; those protopy does not know are ignored, as CPython
/// ignores unknown ones.
fn x_option(value: &str, native: &mut crate::native_import::Options) -> Result<(), (i32, String)> {
    match value.split_once('=') {
        Some(("compile", names)) => native.compile.extend(crate::native_import::split_names(names)),
        None if value == "compile" => return Err((2, format!("-X compile needs module names: -X compile=hot,pkg.fast\n{USAGE}"))),
        None if value == "showcompiled" => native.show_compiled = true,
        _ => {}
    }
    Ok(())
}

fn parse_args(args: Vec<String>) -> Result<Options, (i32, String)> {
    let mut i = 0;
    let mut interactive = false;
    let mut native = crate::native_import::Options::default();
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-c" => {
                let code = args.get(i + 1).ok_or((2, format!("Argument expected for the -c option\n{USAGE}")))?;
                let mut argv = vec!["-c".to_string()];
                argv.extend(args[i + 2..].iter().cloned());
                return Ok(Options { mode: Mode::Command(code.clone()), argv, interactive, native });
            }
            "-m" => {
                let m = args.get(i + 1).ok_or((2, format!("Argument expected for the -m option\n{USAGE}")))?;
                let mut argv = vec![m.clone()];
                argv.extend(args[i + 2..].iter().cloned());
                return Ok(Options { mode: Mode::Module(m.clone()), argv, interactive, native });
            }
            "-V" | "--version" => return Err((0, "Python 3.14.0 (protoPython 0.1.0)".into())),
            "-h" | "--help" => return Err((0, USAGE.into())),
            "-" => {
                let mut argv = vec!["-".to_string()];
                argv.extend(args[i + 1..].iter().cloned());
                return Ok(Options { mode: Mode::Stdin, argv, interactive, native });
            }
            "-i" => interactive = true,
            // Accepted for compatibility; they change nothing here.
            "-S" | "-E" | "-s" | "-u" | "-B" | "-I" | "-O" | "-OO" | "-q" | "-b" => {}
            "-X" => {
                i += 1;
                let value = args.get(i).ok_or((2, format!("Argument expected for the -X option\n{USAGE}")))?;
                x_option(value, &mut native)?;
            }
            "-W" => i += 1,
            s if s.starts_with("-X") => x_option(&s[2..], &mut native)?,
            s if s.starts_with("-W") => {}
            s if s.starts_with('-') && s.len() > 1 => {
                return Err((2, format!("Unknown option: {s}\n{USAGE}")));
            }
            _ => {
                return Ok(Options { mode: Mode::File(PathBuf::from(a)), argv: args[i..].to_vec(), interactive, native });
            }
        }
        i += 1;
    }
    Ok(Options { mode: Mode::Stdin, argv: vec![String::new()], interactive, native })
}

pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err((code, msg)) => {
            if code == 0 {
                println!("{msg}");
            } else {
                eprintln!("{msg}");
            }
            return code;
        }
    };
    // Before the first thread: registering for memory barriers later
    // would wait for a kernel grace period.
    protopy_runtime::sync::prepare_bias();
    let worker = std::thread::Builder::new().name("main".into()).stack_size(MAIN_STACK).spawn(move || {
        protopy_runtime::stack::init_thread(MAIN_STACK - 256 * 1024);
        protopy_runtime::gc::attach_thread();
        let code = std::panic::catch_unwind(move || run(opts)).unwrap_or_else(|p| {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            io::flush_stdout();
            eprintln!("Fatal Python error: internal error: {msg}");
            70
        });
        io::flush_stdout();
        code
    });
    let status = match worker {
        Ok(h) => h.join().unwrap_or(70),
        Err(e) => {
            eprintln!("protopy: cannot start the main thread: {e}");
            70
        }
    };
    if EXIT_BY_SIGINT.load(std::sync::atomic::Ordering::Relaxed) {
        protopy_stdlib::signal::exit_by_sigint();
    }
    status
}

/// Set when the program ended with an uncaught `KeyboardInterrupt`: the
/// process then ends by SIGINT, as CPython's does.
static EXIT_BY_SIGINT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Exit status for an exception that reached the top, after reporting it.
pub fn report_uncaught(err: &PyErr) -> i32 {
    let c = ctx();
    if err.is_instance(&c.exc.system_exit) {
        let code = exception::args_of(err.exc()).into_iter().next().unwrap_or(Value::None);
        return match code {
            Value::None => 0,
            Value::Int(i) => i as i32,
            Value::Bool(b) => b as i32,
            other => {
                io::flush_stdout();
                let _ = io::write_stderr(&format!("{}\n", ops::str_of(&other).unwrap_or_default()));
                1
            }
        };
    }
    io::flush_stdout();
    traceback::print_exception(err);
    if err.is_instance(&c.exc.keyboard_interrupt) {
        EXIT_BY_SIGINT.store(true, std::sync::atomic::Ordering::Relaxed);
        return 130;
    }
    1
}

fn script_dir(path: &Path) -> String {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()).display().to_string(),
        _ => std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default(),
    }
}

fn run(opts: Options) -> i32 {
    crate::native_import::configure(opts.native.clone());
    crate::init();
    let first_path = match &opts.mode {
        Mode::File(p) => script_dir(p),
        _ => std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default(),
    };
    protopy_stdlib::sys::install(&opts.argv, &first_path);
    let result = match &opts.mode {
        Mode::File(path) => match std::fs::read(path) {
            Ok(bytes) => match decode_source(&bytes, &path.display().to_string()) {
                Some(src) => run_main_source(&src, &path.display().to_string(), Some(path)),
                None => return 1,
            },
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(2);
                let msg = e.to_string();
                let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
                eprintln!(
                    "protopy: can't open file '{}': [Errno {errno}] {msg}",
                    std::path::absolute(&path).unwrap_or(path.clone()).display()
                );
                return 2;
            }
        },
        Mode::Command(code) => run_main_source(code, "<string>", None),
        Mode::Module(name) => run_module_as_main(name),
        Mode::Stdin if opts.interactive || std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
            let m = main_module(None);
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
            let status = crate::repl::run(m.dict.clone(), terminal);
            protopy_stdlib::threading::wait_for_threads();
            io::flush_stdout();
            return status;
        }
        Mode::Stdin => {
            let mut bytes = Vec::new();
            if std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).is_err() {
                return 1;
            }
            match decode_source(&bytes, "<stdin>") {
                Some(src) => run_main_source(&src, "<stdin>", None),
                None => return 1,
            }
        }
    };
    let status = match result {
        Ok(()) => 0,
        Err(e) => report_uncaught(&e),
    };
    if opts.interactive && !matches!(opts.mode, Mode::Stdin) {
        if let Some(Value::Module(m)) = ctx().modules.get_str("__main__") {
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
            return crate::repl::run(m.dict.clone(), terminal);
        }
    }
    // The process waits for non-daemon threads, as CPython does.
    protopy_stdlib::threading::wait_for_threads();
    // Files left open are flushed, as CPython's finalization does.
    protopy_stdlib::shutdown();
    io::flush_stdout();
    status
}

/// Source text as UTF-8 (a BOM is dropped); reports CPython's error for
/// undecodable bytes.
fn decode_source(bytes: &[u8], name: &str) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.to_string()),
        Err(e) => {
            let pos = e.valid_up_to();
            let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
            eprintln!(
                "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {name} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                bytes[pos]
            );
            None
        }
    }
}

fn main_module(file: Option<&Path>) -> Arc<protopy_runtime::objects::module::ModuleObj> {
    let m = import::new_module("__main__", file, None);
    m.set("__package__", Value::None);
    ctx().modules.set_str("__main__", Value::Module(m.clone()));
    m
}

fn run_main_source(src: &str, filename: &str, file: Option<&Path>) -> Result<(), PyErr> {
    traceback::remember_source(filename, src.to_string());
    let code = match protopy_frontend::compile(src, filename, protopy_frontend::Mode::Module) {
        Ok(c) => c,
        Err(e) => {
            io::flush_stdout();
            eprint!("{e}");
            if !e.to_string().ends_with('\n') {
                eprintln!();
            }
            return Err(PyErr::system_exit_code(1));
        }
    };
    let m = main_module(file);
    interp::run_module_code(&code, m.dict.clone()).map(|_| ())
}

/// `protopy -m name`: find the module (or a package's `__main__`) and run
/// it as `__main__`.
fn run_module_as_main(name: &str) -> Result<(), PyErr> {
    let sys_path: Vec<String> = match ctx().modules.get_str("sys") {
        Some(sys) => ops::collect(&ops::getattr_str(&sys, "path")?)?
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        None => vec![".".into()],
    };
    let parts: Vec<&str> = name.split('.').collect();
    if let Some((pkg, _)) = name.rsplit_once('.') {
        (ctx().hooks().import)(pkg, None, &[], 0)?;
    }
    for dir in sys_path {
        let mut base = PathBuf::from(if dir.is_empty() { "." } else { &dir });
        for p in &parts[..parts.len() - 1] {
            base.push(p);
        }
        let last = parts[parts.len() - 1];
        let pkg_main = base.join(last).join("__main__.py");
        let file = base.join(format!("{last}.py"));
        let (path, package) = if pkg_main.is_file() {
            (ctx().hooks().import)(name, None, &[], 0)?;
            (pkg_main, name.to_string())
        } else if file.is_file() {
            (file, name.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default())
        } else {
            continue;
        };
        let src = std::fs::read_to_string(&path).map_err(|e| io::os_error(&e))?;
        let filename = path.display().to_string();
        traceback::remember_source(&filename, src.clone());
        let code = protopy_frontend::compile(&src, &filename, protopy_frontend::Mode::Module)
            .map_err(|e| interp::hooks::syntax_error(&e))?;
        let m = main_module(Some(&path));
        m.set("__package__", if package.is_empty() { Value::None } else { Value::string(package) });
        return interp::run_module_code(&code, m.dict.clone()).map(|_| ());
    }
    io::flush_stdout();
    eprintln!("protopy: No module named {name}");
    Err(PyErr::system_exit_code(1))
}
