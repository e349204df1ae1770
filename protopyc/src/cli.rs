//! The command line: `protopyc FILE.py [FILE.py...] [--out-dir DIR]
//! [--emit rust|ir] [--debug] [-v] [--jobs N]`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, ValueEnum};

use crate::build::{self, BuildOptions, ModuleSource};
use crate::codegen;
use crate::diagnostics::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// The generated, formatted Rust.
    Rust,
    /// The front end's IR.
    Ir,
}

/// Compile Python modules into native libraries that protopy imports.
#[derive(Parser, Debug)]
#[command(name = "protopyc", version)]
struct Args {
    /// Python source files (one module each).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to put the libraries (default: beside each source).
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Print this instead of building.
    #[arg(long, value_enum)]
    emit: Option<Emit>,
    /// Build without optimisations (matches a debug build of protopy).
    #[arg(long)]
    debug: bool,
    /// Show cargo's output.
    #[arg(short, long)]
    verbose: bool,
    /// Parallel rustc jobs.
    #[arg(long)]
    jobs: Option<u32>,
}

pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run(args) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("{msg}");
            1
        }
    }
}

/// The module name a file defines (`dir/hot.py` -> `hot`).
fn module_name(path: &Path) -> Result<String, String> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem.is_empty() || !stem.chars().all(|c| c.is_alphanumeric() || c == '_') || stem.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("{}: error: not a valid module name: '{stem}'", path.display()));
    }
    Ok(stem.to_string())
}

fn run(args: Args) -> Result<(), String> {
    let mut modules = Vec::new();
    let mut errors = Vec::new();
    for path in &args.files {
        let source = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) => {
                errors.push(format!("{}: error: cannot read: {e}", path.display()));
                continue;
            }
        };
        let name = match module_name(path) {
            Ok(n) => n,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let display = path.file_name().and_then(|s| s.to_str()).unwrap_or(&name).to_string();
        let path_text = path.display().to_string();
        if args.emit == Some(Emit::Ir) {
            match protopy_frontend::compile(&source, &path_text, protopy_frontend::Mode::Module) {
                Ok(code) => print!("{code}"),
                Err(e) => errors.push(Diagnostic::from_syntax_error(&e, &source).to_string()),
            }
            continue;
        }
        match codegen::generate(&source, &path_text, &display, &name) {
            Ok(rust) => {
                if args.emit == Some(Emit::Rust) {
                    print!("{rust}");
                    continue;
                }
                let out_dir = match &args.out_dir {
                    Some(d) => d.clone(),
                    None => path.parent().map(|p| if p.as_os_str().is_empty() { PathBuf::from(".") } else { p.to_path_buf() }).unwrap_or_else(|| PathBuf::from(".")),
                };
                modules.push(ModuleSource { name, source_path: path.clone(), rust, out_dir });
            }
            Err(d) => errors.push(d.to_string()),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    if modules.is_empty() {
        return Ok(());
    }
    let options = BuildOptions { release: !args.debug, verbose: args.verbose, jobs: args.jobs };
    let start = Instant::now();
    let built = build::build(&modules, &options).map_err(|e| format!("error: {e}"))?;
    let secs = start.elapsed().as_secs_f64();
    for b in built {
        eprintln!("compiled {} -> {} in {secs:.1} s", b.source_path.display(), b.library.display());
    }
    Ok(())
}
