//! The crate builder: writes one generated crate per module into a
//! workspace under the build cache, with a path dependency on the runtime
//! source embedded in this compiler (`runtime_source`), the runtime's
//! Cargo.lock and one shared target directory (the runtime compiles once);
//! runs cargo once for all modules, reads its JSON messages, and installs
//! each cdylib as `NAME.protopy-<abi8>.so`.

use std::io::{BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cargo_metadata::Message;

pub struct ModuleSource {
    pub name: String,
    pub source_path: PathBuf,
    pub rust: String,
    pub out_dir: PathBuf,
}

pub struct BuildOptions {
    pub release: bool,
    pub verbose: bool,
    pub jobs: Option<u32>,
}

/// Flags passed through to cargo.
#[derive(Clone, Copy, Debug, Default)]
pub struct CargoFlags {
    /// `--locked`: refuse to change any locked dependency version.
    pub locked: bool,
    /// `--offline`: no network.
    pub offline: bool,
}

pub struct Built {
    pub name: String,
    pub source_path: PathBuf,
    pub library: PathBuf,
    /// Seconds from the start of the cargo run until this module's library
    /// was built.
    pub seconds: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("cannot run cargo: {0}")]
    Cargo(std::io::Error),
    #[error("the generated Rust did not compile (a protopyc bug):\n{0}")]
    Rustc(String),
    #[error("cargo failed:\n{0}")]
    CargoFailed(String),
    #[error("cargo built no library for module {0}")]
    NoArtifact(String),
    #[error("cargo did not report the runtime's ABI fingerprint")]
    NoFingerprint,
    #[error("--locked: the build would change locked dependency {0}")]
    LockChanged(String),
}

fn io(what: &Path, e: std::io::Error) -> BuildError {
    BuildError::Io(what.display().to_string(), e)
}

/// The runtime sources this compiler was built from, unpacked into the
/// build cache.
pub fn runtime_dir() -> Result<PathBuf, BuildError> {
    let cache = cache_dir();
    crate::runtime_source::unpack(&cache).map_err(|e| io(&cache, e))
}

/// `PROTOPY_CACHE`, else the per-user cache directory.
pub fn cache_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("PROTOPY_CACHE") {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(d).join("protopy");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".cache").join("protopy"),
        None => std::env::temp_dir().join("protopy-cache"),
    }
}

pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => cache_dir().join("target"),
    }
}

/// The generated crate of module `pkg.mod` in the build workspace `key`
/// (also its directory there). The workspace's key is part of the name:
/// cargo names a cdylib after its crate alone, so two workspaces with a
/// crate of the same name would overwrite each other's library in the
/// shared target directory, and a later build that cargo finds fresh would
/// pick up the other workspace's library.
fn crate_name(module: &str, key: &str) -> String {
    format!("protopy_module_{}_{}", module.replace('.', "__"), &key[..8])
}

/// The library file of module `name` (`pkg.hot` -> `hot.protopy-<abi8>.so`).
pub fn library_file(name: &str, tag: &str) -> String {
    let short = name.rsplit('.').next().unwrap_or(name);
    format!("{short}.protopy-{tag}.so")
}

/// Write `text` to `path` unless it already holds exactly that (keeps
/// cargo's freshness checks happy).
fn write_if_changed(path: &Path, text: &str) -> Result<(), BuildError> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    std::fs::write(path, text).map_err(|e| io(path, e))
}

/// The build workspace of a set of modules: one per set of source files.
fn workspace_key(modules: &[ModuleSource]) -> String {
    let mut key = blake3::Hasher::new();
    for m in modules {
        key.update(m.name.as_bytes());
        key.update(&[0]);
        let abs = m.source_path.canonicalize().unwrap_or_else(|_| m.source_path.clone());
        key.update(abs.to_string_lossy().as_bytes());
        key.update(&[0]);
    }
    key.finalize().to_hex().as_str()[..16].to_string()
}

fn write_workspace(modules: &[ModuleSource]) -> Result<PathBuf, BuildError> {
    let ws = cache_dir().join("build").join(workspace_key(modules));
    let runtime = runtime_dir()?;
    let key = workspace_key(modules);
    let members: Vec<String> = modules.iter().map(|m| format!("\"{}\"", crate_name(&m.name, &key))).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n\
         [profile.release]\nopt-level = 3\ndebug = false\npanic = \"unwind\"\nincremental = false\n\n\
         [profile.dev]\nopt-level = 1\ndebug = false\npanic = \"unwind\"\n",
        members.join(", ")
    );
    write_if_changed(&ws.join("Cargo.toml"), &manifest)?;
    // Start from the runtime's lock file; cargo then adds the module
    // crates to it. Rewritten only when the runtime's lock changes.
    let base = ws.join(".lock-base");
    let lock_hash = blake3::hash(crate::runtime_source::lock_file().as_bytes()).to_hex().to_string();
    if std::fs::read_to_string(&base).ok().as_deref() != Some(lock_hash.as_str()) || !ws.join("Cargo.lock").is_file() {
        write_if_changed(&ws.join("Cargo.lock"), crate::runtime_source::lock_file())?;
        write_if_changed(&base, &lock_hash)?;
    }
    let runtime_path = runtime.display().to_string().replace('\\', "\\\\").replace('"', "\\\"");
    for m in modules {
        let dir = ws.join(crate_name(&m.name, &key));
        let cargo = format!(
            "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [lib]\npath = \"lib.rs\"\ncrate-type = [\"cdylib\"]\n\n\
             [dependencies]\nprotopy-runtime = {{ path = \"{runtime_path}\" }}\n",
            crate_name(&m.name, &key)
        );
        write_if_changed(&dir.join("Cargo.toml"), &cargo)?;
        write_if_changed(&dir.join("lib.rs"), &m.rust)?;
    }
    Ok(ws)
}

/// Build every module in one cargo run and install the libraries.
pub fn build(modules: &[ModuleSource], options: &BuildOptions) -> Result<Vec<Built>, BuildError> {
    build_with(modules, options, CargoFlags::default())
}

/// `build`, with flags for cargo.
pub fn build_with(modules: &[ModuleSource], options: &BuildOptions, flags: CargoFlags) -> Result<Vec<Built>, BuildError> {
    // One protopyc at a time per target directory, from writing the
    // generated sources to copying the libraries: two runs for the same
    // modules would overwrite each other's sources, and two workspaces with
    // a crate of the same name share its output file in the target
    // directory. (Cargo serialises builds in one target directory anyway.)
    let locks = cache_dir().join("locks");
    std::fs::create_dir_all(&locks).map_err(|e| io(&locks, e))?;
    let target = std::path::absolute(target_dir()).unwrap_or_else(|_| target_dir());
    let target_key = blake3::hash(target.to_string_lossy().as_bytes()).to_hex();
    let lock_path = locks.join(format!("{}.lock", &target_key.as_str()[..16]));
    let lock = std::fs::File::create(&lock_path).map_err(|e| io(&lock_path, e))?;
    if let Err(std::fs::TryLockError::WouldBlock) = lock.try_lock() {
        eprintln!("protopyc: waiting for another build using {}", target.display());
    }
    lock.lock().map_err(|e| io(&lock_path, e))?;
    let ws = write_workspace(modules)?;
    if flags.locked {
        check_lock(&ws, flags)?;
    }
    let mut cmd = cargo_command(&ws, "build", flags);
    cmd.arg("--workspace")
        .arg("--message-format=json-render-diagnostics")
        .stdout(Stdio::piped())
        .stderr(if options.verbose { Stdio::inherit() } else { Stdio::piped() });
    if options.release {
        cmd.arg("--release");
    }
    if let Some(j) = options.jobs {
        cmd.arg("--jobs").arg(j.to_string());
    }
    let start = std::time::Instant::now();
    let mut child = cmd.spawn().map_err(BuildError::Cargo)?;
    let stderr_thread = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = s.read_to_string(&mut text);
            text
        })
    });
    let progress = !options.verbose && std::io::stderr().is_terminal();
    let mut libraries: Vec<(String, PathBuf, f64)> = Vec::new();
    let mut fingerprint: Option<String> = None;
    let mut rustc_errors = Vec::new();
    if let Some(out) = child.stdout.take() {
        for msg in Message::parse_stream(BufReader::new(out)).flatten() {
            match msg {
                Message::CompilerArtifact(a) => {
                    if progress {
                        eprint!("\r\x1b[2K    building {}", a.target.name);
                        let _ = std::io::stderr().flush();
                    }
                    if a.target.kind.iter().any(|k| k.to_string() == "cdylib") {
                        if let Some(f) = a.filenames.iter().find(|f| f.extension().is_some_and(|x| x == "so" || x == "dylib" || x == "dll")) {
                            libraries.push((a.target.name.clone(), f.clone().into_std_path_buf(), start.elapsed().as_secs_f64()));
                        }
                    }
                }
                Message::BuildScriptExecuted(b) => {
                    if b.package_id.repr.contains("protopy-runtime") || b.package_id.repr.contains("runtime#") {
                        let f = b.out_dir.join("abi-fingerprint");
                        if let Ok(text) = std::fs::read_to_string(f) {
                            fingerprint = Some(text.trim().to_string());
                        }
                    }
                }
                Message::CompilerMessage(m) => {
                    if matches!(m.message.level, cargo_metadata::diagnostic::DiagnosticLevel::Error) {
                        rustc_errors.push(m.message.rendered.clone().unwrap_or_else(|| m.message.message.clone()));
                    }
                }
                _ => {}
            }
        }
    }
    if progress {
        eprint!("\r\x1b[2K");
    }
    let status = child.wait().map_err(BuildError::Cargo)?;
    let stderr_text = stderr_thread.and_then(|t| t.join().ok()).unwrap_or_default();
    if !rustc_errors.is_empty() {
        return Err(BuildError::Rustc(rustc_errors.join("\n")));
    }
    if !status.success() {
        return Err(BuildError::CargoFailed(stderr_text));
    }
    let fingerprint = fingerprint.ok_or(BuildError::NoFingerprint)?;
    let tag = &fingerprint[..fingerprint.len().min(8)];
    let mut built = Vec::new();
    for m in modules {
        let target = crate_name(&m.name, &workspace_key(modules));
        let Some((_, lib, seconds)) = libraries.iter().find(|(n, _, _)| *n == target) else {
            return Err(BuildError::NoArtifact(m.name.clone()));
        };
        std::fs::create_dir_all(&m.out_dir).map_err(|e| io(&m.out_dir, e))?;
        let file = library_file(&m.name, tag);
        let dest = m.out_dir.join(&file);
        // Copy then rename, so a running program never sees half a library.
        let tmp = m.out_dir.join(format!(".{file}.tmp"));
        std::fs::copy(lib, &tmp).map_err(|e| io(&tmp, e))?;
        std::fs::rename(&tmp, &dest).map_err(|e| io(&dest, e))?;
        built.push(Built { name: m.name.clone(), source_path: m.source_path.clone(), library: dest, seconds: *seconds });
    }
    Ok(built)
}

/// `cargo SUBCOMMAND` in the build workspace, with the shared target
/// directory and the pass-through flags.
fn cargo_command(ws: &Path, subcommand: &str, flags: CargoFlags) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(ws).arg(subcommand).env("CARGO_TARGET_DIR", target_dir());
    if flags.offline {
        cmd.arg("--offline");
    }
    cmd
}

/// For `--locked`: let cargo add the module crates to the workspace's lock
/// file (without `--locked`, which would refuse that), then check that every
/// registry package in it is exactly as the runtime's lock file pins it.
/// The build itself then runs with `--locked`.
fn check_lock(ws: &Path, flags: CargoFlags) -> Result<(), BuildError> {
    let out = cargo_command(ws, "metadata", flags)
        .args(["--format-version", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(BuildError::Cargo)?;
    if !out.status.success() {
        return Err(BuildError::CargoFailed(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    let path = ws.join("Cargo.lock");
    let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
    let pinned = registry_packages(crate::runtime_source::lock_file());
    for package in registry_packages(&text) {
        if !pinned.contains(&package) {
            return Err(BuildError::LockChanged(package));
        }
    }
    Ok(())
}

/// `name version source checksum` of each registry package in a lock file.
fn registry_packages(lock: &str) -> Vec<String> {
    let Ok(table) = lock.parse::<toml::Table>() else { return Vec::new() };
    let Some(toml::Value::Array(packages)) = table.get("package") else { return Vec::new() };
    let field = |p: &toml::Value, k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    packages
        .iter()
        .filter(|p| p.get("source").is_some())
        .map(|p| format!("{} {} {} {}", field(p, "name"), field(p, "version"), field(p, "source"), field(p, "checksum")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::registry_packages;

    #[test]
    fn registry_packages_of_a_lock_file() {
        let lock = "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"ab\"\n\n[[package]]\nname = \"local\"\nversion = \"0.1.0\"\n";
        assert_eq!(registry_packages(lock), ["a 1.0.0 registry+https://github.com/rust-lang/crates.io-index ab"]);
        // The runtime's own lock pins its registry dependencies.
        let pinned = registry_packages(crate::runtime_source::lock_file());
        assert!(pinned.iter().any(|p| p.starts_with("num-bigint ")), "{pinned:?}");
    }
}
