//! Embeds the runtime crate's sources, the workspace lock file and the
//! workspace settings the runtime inherits into the compiler, so an
//! installed protopyc builds libraries against exactly the runtime it was
//! built with, without the source tree. `build::runtime_dir` unpacks them
//! into the build cache on first use.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = manifest.join("..");
    let runtime = root.join("runtime");
    let mut files = Vec::new();
    collect(&runtime.join("src"), &mut files);
    files.push(runtime.join("Cargo.toml"));
    files.push(runtime.join("build.rs"));
    files.sort();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let mut hasher = blake3::Hasher::new();
    let mut table = String::from("pub static RUNTIME_FILES: &[(&str, &[u8])] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(&root).expect("under the workspace");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        hasher.update(rel.as_bytes());
        hasher.update(&[0]);
        hasher.update(&bytes);
        hasher.update(&[0]);
        // Embed the bytes hashed here, not the file as it is when rustc
        // reads it: an edit in between would make the hash lie.
        let copy = out.join("embedded").join(&rel);
        std::fs::create_dir_all(copy.parent().expect("a parent")).expect("create the embedded tree");
        std::fs::write(&copy, &bytes).expect("write an embedded file");
        writeln!(table, "    ({rel:?}, include_bytes!({:?})),", copy.display().to_string()).unwrap();
        println!("cargo:rerun-if-changed={}", f.display());
    }
    table.push_str("];\n");
    println!("cargo:rerun-if-changed={}", runtime.join("src").display());
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).expect("the workspace's Cargo.lock");
    println!("cargo:rerun-if-changed={}", root.join("Cargo.lock").display());
    let workspace = std::fs::read_to_string(root.join("Cargo.toml")).expect("the workspace's Cargo.toml");
    println!("cargo:rerun-if-changed={}", root.join("Cargo.toml").display());
    let workspace = runtime_workspace(&workspace);
    hasher.update(lock.as_bytes());
    hasher.update(&[0]);
    hasher.update(workspace.as_bytes());
    writeln!(table, "pub static RUNTIME_LOCK: &str = {lock:?};").unwrap();
    writeln!(table, "pub static RUNTIME_WORKSPACE: &str = {workspace:?};").unwrap();
    writeln!(table, "pub static RUNTIME_SOURCE_HASH: &str = {:?};", hasher.finalize().to_hex().to_string()).unwrap();
    writeln!(table, "pub static COMPILER_SOURCE_HASH: &str = {:?};", compiler_hash(&root)).unwrap();
    std::fs::write(out.join("runtime_files.rs"), table).expect("write runtime_files.rs");
}

/// A hash of the compiler's own sources (this crate and the front end) and
/// the lock file: what decides the Rust generated for a module. Up-to-date
/// checks compare it, so a new compiler rebuilds every module.
fn compiler_hash(root: &Path) -> String {
    let mut files = Vec::new();
    for dir in ["protopyc/src", "frontend/src"] {
        collect(&root.join(dir), &mut files);
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }
    for file in ["protopyc/Cargo.toml", "frontend/Cargo.toml", "Cargo.lock"] {
        files.push(root.join(file));
    }
    files.sort();
    let mut hasher = blake3::Hasher::new();
    for f in &files {
        hasher.update(f.strip_prefix(root).unwrap_or(f).to_string_lossy().as_bytes());
        hasher.update(&[0]);
        hasher.update(&std::fs::read(f).unwrap_or_default());
        hasher.update(&[0]);
        println!("cargo:rerun-if-changed={}", f.display());
    }
    hasher.finalize().to_hex().to_string()
}

/// The workspace manifest the runtime's copy sits in: the settings it
/// inherits (`[workspace.package]`, the registry entries of
/// `[workspace.dependencies]`) with the runtime as the only member.
fn runtime_workspace(text: &str) -> String {
    let mut out = String::from("[workspace]\nresolver = \"2\"\nmembers = [\"runtime\"]\n");
    let mut keep = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            keep = trimmed == "[workspace.package]" || trimmed == "[workspace.dependencies]";
            if keep {
                out.push('\n');
                out.push_str(trimmed);
                out.push('\n');
            }
            continue;
        }
        // Path entries name the workspace's other crates, absent here.
        if keep && !trimmed.is_empty() && !trimmed.starts_with('#') && !line.contains("path =") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
