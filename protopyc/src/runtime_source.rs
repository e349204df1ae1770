//! The runtime's source, embedded at build time (see `build.rs` at the
//! crate root), unpacked into the build cache once per version. Generated
//! crates depend on this copy, so protopyc needs no source tree, and the
//! libraries it builds carry the same ABI fingerprint as a protopy built
//! from the same checkout with the same profile.

use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));
}

/// A hash of everything embedded: runtime sources, lock file, workspace
/// settings.
pub fn source_hash() -> &'static str {
    embedded::RUNTIME_SOURCE_HASH
}

/// A hash of the compiler's own sources: what decides the generated Rust.
pub fn compiler_hash() -> &'static str {
    embedded::COMPILER_SOURCE_HASH
}

/// The lock file the runtime was built with; generated workspaces start
/// from it so they resolve to the same dependency versions.
pub fn lock_file() -> &'static str {
    embedded::RUNTIME_LOCK
}

/// The unpacked runtime crate under `cache`, unpacking it first if needed.
pub fn unpack(cache: &Path) -> std::io::Result<PathBuf> {
    let root = cache.join("runtime").join(&source_hash()[..16]);
    let crate_dir = root.join("runtime");
    let marker = root.join(".complete");
    if marker.is_file() {
        return Ok(crate_dir);
    }
    // Unpack beside the final place, then rename: a concurrent protopyc
    // sees either nothing or the whole tree.
    let parent = cache.join("runtime");
    std::fs::create_dir_all(&parent)?;
    let staging = parent.join(format!(".unpack-{}-{}", &source_hash()[..16], std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    for (rel, bytes) in embedded::RUNTIME_FILES {
        write(&staging.join(rel), bytes)?;
    }
    write(&staging.join("Cargo.lock"), embedded::RUNTIME_LOCK.as_bytes())?;
    write(&staging.join("Cargo.toml"), embedded::RUNTIME_WORKSPACE.as_bytes())?;
    write(&staging.join(".complete"), source_hash().as_bytes())?;
    match std::fs::rename(&staging, &root) {
        Ok(()) => {}
        // Another process finished first, or a partial tree from a
        // killed run is in the way.
        Err(_) if marker.is_file() => {
            let _ = std::fs::remove_dir_all(&staging);
        }
        Err(_) => {
            let _ = std::fs::remove_dir_all(&root);
            std::fs::rename(&staging, &root)?;
        }
    }
    Ok(crate_dir)
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)
}
