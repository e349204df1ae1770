//! Computes the ABI fingerprint of this build of the runtime: a hash of the
//! runtime's sources, the workspace lock file (dependency versions), the
//! enabled features, rustc's version, the target and the layout-relevant
//! flags. The host and every compiled module build this same crate from the
//! same files, so they agree on the fingerprint by construction; a module
//! built against anything else is refused at import.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut hasher = blake3::Hasher::new();
    // What went into the fingerprint, one line each (to explain a mismatch).
    let mut inputs = String::new();
    let mut files = Vec::new();
    collect(&manifest.join("src"), &mut files);
    files.push(manifest.join("Cargo.toml"));
    files.push(manifest.join("build.rs"));
    files.sort();
    for f in &files {
        let rel = f.strip_prefix(&manifest).unwrap_or(f);
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update(&[0]);
        let bytes = std::fs::read(f).unwrap_or_default();
        inputs.push_str(&format!("{} {}\n", blake3::hash(&bytes).to_hex(), rel.display()));
        hasher.update(&bytes);
        hasher.update(&[0]);
        println!("cargo:rerun-if-changed={}", f.display());
    }
    println!("cargo:rerun-if-changed={}", manifest.join("src").display());
    // The lock file of the workspace the runtime lives in pins every
    // dependency's version.
    let lock = manifest.join("..").join("Cargo.lock");
    hasher.update(b"lock\0");
    let lock_bytes = std::fs::read(&lock).unwrap_or_default();
    inputs.push_str(&format!("{} Cargo.lock\n", blake3::hash(&lock_bytes).to_hex()));
    hasher.update(&lock_bytes);
    println!("cargo:rerun-if-changed={}", lock.display());
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(rustc).arg("-vV").output().map(|o| o.stdout).unwrap_or_default();
    hasher.update(b"rustc\0");
    hasher.update(&version);
    inputs.push_str(&String::from_utf8_lossy(&version));
    // Whatever changes code generation or layout: the target, debug
    // assertions, the panic strategy, features, and extra rustc flags.
    let mut vars: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| {
            k == "TARGET"
                || k == "CARGO_ENCODED_RUSTFLAGS"
                || k == "CARGO_CFG_DEBUG_ASSERTIONS"
                || k == "CARGO_CFG_PANIC"
                || k == "CARGO_CFG_TARGET_FEATURE"
                || k.starts_with("CARGO_FEATURE_")
        })
        .collect();
    vars.sort();
    for (k, v) in vars {
        inputs.push_str(&format!("{k}={v}\n"));
        hasher.update(k.as_bytes());
        hasher.update(b"=");
        hasher.update(v.as_bytes());
        hasher.update(&[0]);
    }
    println!("cargo:rerun-if-env-changed=RUSTFLAGS");
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    let fingerprint = hasher.finalize().to_hex().to_string();
    println!("cargo:rustc-env=PROTOPY_ABI_FINGERPRINT={fingerprint}");
    // The compiler reads the fingerprint of the runtime it linked from here
    // (cargo reports this build script's output directory).
    if let Ok(out) = std::env::var("OUT_DIR") {
        let _ = std::fs::write(Path::new(&out).join("abi-fingerprint"), &fingerprint);
        let _ = std::fs::write(Path::new(&out).join("abi-inputs"), &inputs);
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}
