//! Up-to-date checks for incremental builds. After a module is built its
//! stamp records a key — a hash of the source, the module's name, the
//! compiler's and the embedded runtime's source hashes, the toolchain and
//! the build options — and the library it produced. A later build skips
//! the module (no code generation, no cargo) while the key is the same and
//! the library is still the file it wrote.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use crate::build;
use crate::runtime_source;

/// The options that change a library.
pub struct KeyOptions {
    pub release: bool,
}

/// `rustc -vV` and the flags that reach every crate: a different toolchain
/// or flags make a different library.
fn toolchain() -> &'static str {
    static TOOLCHAIN: OnceLock<String> = OnceLock::new();
    TOOLCHAIN.get_or_init(|| {
        let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
        let version = std::process::Command::new(rustc)
            .arg("-vV")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        let mut text = version;
        // (RUSTC_WRAPPER is left out: a caching wrapper changes no output.)
        for var in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_TARGET"] {
            if let Some(v) = std::env::var_os(var) {
                text.push_str(&format!("{var}={}\n", v.to_string_lossy()));
            }
        }
        text
    })
}

/// The key of module `name` built from `source`.
pub fn key(name: &str, source: &[u8], options: &KeyOptions) -> String {
    let mut h = blake3::Hasher::new();
    for part in [
        name.as_bytes(),
        source,
        runtime_source::compiler_hash().as_bytes(),
        runtime_source::source_hash().as_bytes(),
        toolchain().as_bytes(),
        if options.release { b"release" } else { b"debug" },
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.finalize().to_hex().to_string()
}

/// Where the stamp of the module built from `source` into `out_dir` lives.
fn stamp_path(source: &Path, out_dir: &Path) -> PathBuf {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut h = blake3::Hasher::new();
    h.update(abs(source).to_string_lossy().as_bytes());
    h.update(&[0]);
    h.update(abs(out_dir).to_string_lossy().as_bytes());
    build::cache_dir().join("stamps").join(&h.finalize().to_hex().as_str()[..24])
}

/// Size and modification time: the library is still the one we wrote.
fn identity(library: &Path) -> Option<String> {
    let meta = std::fs::metadata(library).ok()?;
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    Some(format!("{} {mtime}", meta.len()))
}

/// The library of an up-to-date module, if it is.
pub fn fresh_library(source: &Path, out_dir: &Path, key: &str) -> Option<PathBuf> {
    let text = std::fs::read_to_string(stamp_path(source, out_dir)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != key {
        return None;
    }
    let library = PathBuf::from(lines.next()?);
    let recorded = lines.next()?;
    (identity(&library)?.as_str() == recorded).then_some(library)
}

/// Record a successful build.
pub fn record(source: &Path, out_dir: &Path, key: &str, library: &Path) -> std::io::Result<()> {
    let path = stamp_path(source, out_dir);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let library = std::path::absolute(library)?;
    let Some(id) = identity(&library) else { return Ok(()) };
    std::fs::write(path, format!("{key}\n{}\n{id}\n", library.display()))
}

/// Forget a module's build (`protopyc clean`).
pub fn forget(source: &Path, out_dir: &Path) {
    let _ = std::fs::remove_file(stamp_path(source, out_dir));
}
