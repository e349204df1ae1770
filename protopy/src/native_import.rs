//! Importing compiled modules: `NAME.protopy-<abi8>.so` libraries built by
//! protopyc. For each directory searched, the library for this host's ABI
//! comes before `NAME.py`. A library for another ABI, or one built from a
//! different version of the source beside it, is not loaded: the source is
//! used with a warning (or, without a source, an ImportError says how to
//! rebuild). `PROTOPY_REQUIRE_COMPILED=1` turns every fallback to source
//! into an ImportError.
//!
//! Modules named by `-X compile=a,pkg.b` (or `PROTOPY_COMPILE`) are
//! compiled by running protopyc when their library is missing or stale,
//! then imported compiled; `-X showcompiled` reports how each module was
//! imported. A compiled module has `__compiled__ = True`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

use parking_lot::Mutex;
use protopy_runtime::abi::{self, InitFn, ModuleHeader};
use protopy_runtime::{ctx, PyErr, PyResult, Value};

/// The host's options for compiled modules (`-X compile=...`,
/// `-X showcompiled`).
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Modules to compile on first import when their library is missing
    /// or stale.
    pub compile: Vec<String>,
    /// Report how each module is imported, on stderr.
    pub show_compiled: bool,
}

static OPTIONS: OnceLock<Options> = OnceLock::new();

/// Set the options once, at start-up; `PROTOPY_COMPILE` adds to
/// `-X compile`.
pub fn configure(mut options: Options) {
    if let Ok(names) = std::env::var("PROTOPY_COMPILE") {
        options.compile.extend(split_names(&names));
    }
    let _ = OPTIONS.set(options);
}

/// `a,pkg.b` -> `["a", "pkg.b"]`.
pub fn split_names(list: &str) -> Vec<String> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn options() -> &'static Options {
    OPTIONS.get_or_init(Options::default)
}

/// How a module was imported, for `-X showcompiled`.
#[derive(Clone, Copy, Debug)]
pub enum ImportKind {
    Compiled,
    Interpreted,
    /// From the standard library (native, or Python embedded in the host).
    Builtin,
}

/// Report an import under `-X showcompiled` (in the style of
/// `-X importtime`: a header, then one line per module as it is imported).
pub fn note_import(fullname: &str, kind: ImportKind) {
    if !options().show_compiled {
        return;
    }
    static HEADER: OnceLock<()> = OnceLock::new();
    let mut text = String::new();
    if HEADER.set(()).is_ok() {
        text.push_str("import kind:  how         | imported module\n");
    }
    let how = match kind {
        ImportKind::Compiled => "compiled",
        ImportKind::Interpreted => "interpreted",
        ImportKind::Builtin => "stdlib",
    };
    text.push_str(&format!("import kind:  {how:<11} | {fullname}\n"));
    let _ = protopy_runtime::io::write_stderr(&text);
}

/// What the importer should do for one directory.
pub enum Lookup {
    /// A compiled module was loaded and initialised.
    Loaded(Value),
    /// Use the source file, if there is one.
    Source,
}

/// The file name of `short`'s library for this host's ABI.
pub fn library_name(short: &str) -> String {
    format!("{short}.protopy-{}.so", abi::abi_tag())
}

fn require_compiled() -> bool {
    std::env::var_os("PROTOPY_REQUIRE_COMPILED").is_some_and(|v| v == "1")
}

fn warn_once(path: &Path, msg: &str) {
    static WARNED: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    let set = WARNED.get_or_init(|| Mutex::new(HashSet::new()));
    if set.lock().insert(path.to_path_buf()) {
        let _ = protopy_runtime::io::write_stderr(&format!("protopy: warning: {msg}\n"));
    }
}

/// A source file may be imported as source: refused when compiled modules
/// are required.
pub fn check_source_allowed(fullname: &str, source: &Path) -> PyResult<()> {
    if require_compiled() {
        return Err(PyErr::import_error(format!(
            "no usable compiled library for module '{fullname}' ({}); PROTOPY_REQUIRE_COMPILED=1 forbids importing the source; run `protopyc {}`",
            source.display(),
            source.display()
        )));
    }
    Ok(())
}

/// Libraries for `short` in `dir` built for any ABI.
fn other_libraries(dir: &Path, short: &str) -> Vec<PathBuf> {
    let prefix = format!("{short}.protopy-");
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".so"))
        })
        .collect()
}

/// The blake3 hash of a source file, as the compiler records it.
pub fn source_hash(source: &[u8]) -> String {
    blake3::hash(source).to_hex().to_string()
}

/// Look for `fullname`'s compiled library in `dir`.
pub fn lookup(fullname: &str, dir: &Path, short: &str) -> PyResult<Lookup> {
    let lib_path = dir.join(library_name(short));
    let source = dir.join(format!("{short}.py"));
    let has_source = source.is_file();
    if has_source && options().compile.iter().any(|n| n == fullname) && !library_is_current(&lib_path, &source) {
        if let Err(diagnostic) = compile_now(fullname, &source) {
            let _ = protopy_runtime::io::write_stderr(&diagnostic);
            if require_compiled() {
                return Err(PyErr::import_error(format!("cannot compile module '{fullname}' ({})", source.display())));
            }
            let _ = protopy_runtime::io::write_stderr(&format!("protopy: importing {} from source\n", fullname));
            return Ok(Lookup::Source);
        }
    }
    if !lib_path.is_file() {
        let others = other_libraries(dir, short);
        if let Some(other) = others.first() {
            let msg = format!(
                "{} was built for another protopy runtime (this one expects {}); rebuild it with `protopyc {}`",
                other.display(),
                library_name(short),
                source.display()
            );
            if !has_source || require_compiled() {
                return Err(PyErr::import_error(msg));
            }
            warn_once(other, &format!("{msg}; importing the source instead"));
        }
        return Ok(Lookup::Source);
    }
    crate::library_check::check(&lib_path)
        .map_err(|why| PyErr::import_error(format!("cannot load {}: {why}", lib_path.display())))?;
    // SAFETY: loading a library runs its initialisers; protopyc's
    // libraries have none beyond the Rust runtime's own.
    let lib = unsafe { libloading::Library::new(&lib_path) }
        .map_err(|e| PyErr::import_error(format!("cannot load {}: {e}", lib_path.display())))?;
    // SAFETY: `PROTOPY_ABI` is a `#[repr(C)]` ModuleHeader static in every
    // protopyc library; its magic is checked before anything else is read.
    let header: &ModuleHeader = unsafe {
        let sym = lib
            .get::<*const ModuleHeader>(b"PROTOPY_ABI\0")
            .map_err(|_| PyErr::import_error(format!("{} is not a protopy module", lib_path.display())))?;
        &**sym
    };
    let fallback = |why: String| -> PyResult<Lookup> {
        if !has_source || require_compiled() {
            return Err(PyErr::import_error(format!("{why}; rebuild it with `protopyc {}`", source.display())));
        }
        warn_once(&lib_path, &format!("{why}; importing the source instead"));
        Ok(Lookup::Source)
    };
    if let Some(why) = header.mismatch() {
        return fallback(format!("{}: {why}", lib_path.display()));
    }
    if has_source {
        let text = std::fs::read(&source).map_err(|e| protopy_runtime::io::os_error(&e))?;
        if source_hash(&text) != header.source_hash() {
            return fallback(format!("{} is older than {}", lib_path.display(), source.display()));
        }
        crate::traceback::remember_source(&source.display().to_string(), String::from_utf8_lossy(&text).into_owned());
    }
    // SAFETY: the header matched this host's ABI, so the init function has
    // the `InitFn` signature and the types it exchanges have our layout.
    let init: InitFn = unsafe {
        *lib.get::<InitFn>(b"protopy_module_init\0")
            .map_err(|_| PyErr::import_error(format!("{} has no module init", lib_path.display())))?
    };
    // Functions of the module stay callable for the life of the process.
    std::mem::forget(lib);
    let m = crate::import::new_module(fullname, Some(&lib_path), None);
    m.set("__compiled__", Value::Bool(true));
    let mv = Value::Module(m);
    ctx().modules.set_str(fullname, mv.clone());
    let filename = source.display().to_string();
    let host = abi::host_init(&mv, &filename);
    let mut err: Option<PyErr> = None;
    // SAFETY: `host` and `err` are valid for the call; see above.
    let status = unsafe { init(&host, &mut err) };
    if status != 0 {
        ctx().modules.del_str(fullname);
        return Err(err.unwrap_or_else(|| PyErr::system_error("compiled module init failed")));
    }
    note_import(fullname, ImportKind::Compiled);
    Ok(Lookup::Loaded(ctx().modules.get_str(fullname).unwrap_or(mv)))
}

/// Whether `library` exists and was built for this host's ABI from the
/// source as it is now. Checked on the file's bytes (the header holds the
/// fingerprint followed by the source hash), so a stale library is never
/// loaded just to be rebuilt.
fn library_is_current(library: &Path, source: &Path) -> bool {
    let (Ok(lib), Ok(text)) = (std::fs::read(library), std::fs::read(source)) else { return false };
    let mut needle = abi::ABI_FINGERPRINT.as_bytes().to_vec();
    needle.extend_from_slice(source_hash(&text).as_bytes());
    lib.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// The protopyc to run: `PROTOPYC`, else the one beside this program,
/// else the one on `PATH`.
fn protopyc() -> PathBuf {
    if let Some(p) = std::env::var_os("PROTOPYC") {
        return PathBuf::from(p);
    }
    let beside = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|d| d.join("protopyc")));
    match beside {
        Some(p) if p.is_file() => p,
        _ => PathBuf::from("protopyc"),
    }
}

/// Compile `source` with protopyc, showing a progress line; on failure,
/// the text to show the user.
fn compile_now(fullname: &str, source: &Path) -> Result<(), String> {
    let _ = protopy_runtime::io::write_stderr(&format!("protopy: compiling {fullname} ({})...\n", source.display()));
    let start = Instant::now();
    let mut cmd = Command::new(protopyc());
    // A library must match this host's build: unoptimised for a debug host.
    if cfg!(debug_assertions) {
        cmd.arg("--debug");
    }
    let out = cmd
        .arg("--force")
        .arg(source)
        .output()
        .map_err(|e| format!("protopy: cannot run {}: {e}\n", protopyc().display()))?;
    if !out.status.success() {
        let mut text = String::from_utf8_lossy(&out.stderr).into_owned();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        return Err(format!("{text}protopy: compiling {fullname} failed\n"));
    }
    let _ = protopy_runtime::io::write_stderr(&format!("protopy: compiled {fullname} in {:.1} s\n", start.elapsed().as_secs_f64()));
    Ok(())
}
