//! The command line:
//!
//! - `protopyc FILE.py... [--out-dir DIR] [--emit rust|ir] [--annotate]`:
//!   compile files (or print their code, or write an annotated HTML page);
//! - `protopyc build`: compile the modules a `pyproject.toml` names
//!   (`project`), skipping those that are up to date (`fresh`);
//! - `protopyc check`: front end and code generation only, no cargo;
//! - `protopyc clean`: remove a project's libraries (and the cache).
//!
//! Exit status: 0 success, 1 errors in the program, 2 failures of protopyc
//! itself or of cargo (and command-line usage errors, as CPython's).

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions, CargoFlags, ModuleSource};
use crate::codegen;
use crate::diagnostics::Diagnostic;
use crate::fresh;
use crate::project::{self, Project, ProjectModule};
use crate::report::{MessageFormat, Reporter};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// The generated, formatted Rust.
    Rust,
    /// The front end's IR.
    Ir,
}

/// Compile Python modules into native libraries that protopy imports.
#[derive(Parser, Debug)]
#[command(name = "protopyc", version, args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Python source files (one module each; a file inside packages is
    /// named after them: `pkg/hot.py` is `pkg.hot`).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to put the libraries (default: beside each source).
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Print this instead of building.
    #[arg(long, value_enum)]
    emit: Option<Emit>,
    /// Instead of building, write NAME.html (beside the source, or in
    /// --out-dir): the module with each line shaded by the generic work its
    /// compiled code still does.
    #[arg(long, conflicts_with = "emit")]
    annotate: bool,
    #[command(flatten)]
    build: BuildArgs,
}

#[derive(clap::Args, Debug)]
struct BuildArgs {
    /// Build without optimisations (matches a debug build of protopy).
    #[arg(long, conflicts_with = "release")]
    debug: bool,
    /// Build with optimisations (the default; overrides a project's profile).
    #[arg(long)]
    release: bool,
    /// Show cargo's output, and modules that are up to date.
    #[arg(short, long)]
    verbose: bool,
    /// Parallel rustc jobs (default: all cores).
    #[arg(short, long)]
    jobs: Option<u32>,
    /// Rebuild modules even if they are up to date.
    #[arg(long)]
    force: bool,
    /// Passed to cargo: fail rather than change a locked dependency.
    #[arg(long)]
    locked: bool,
    /// Passed to cargo: do not use the network.
    #[arg(long)]
    offline: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(clap::Args, Debug)]
struct OutputArgs {
    /// `json`: one JSON object per line on stdout.
    #[arg(long, value_enum, default_value = "human")]
    message_format: MessageFormat,
}

#[derive(clap::Args, Debug)]
struct ProjectArgs {
    /// The project's pyproject.toml (default: in this folder or the
    /// nearest one above).
    #[arg(long)]
    manifest_path: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Compile the modules [tool.protopyc] in pyproject.toml names.
    Build {
        #[command(flatten)]
        project: ProjectArgs,
        #[command(flatten)]
        build: BuildArgs,
    },
    /// Run the front end and code generation on a project's modules (or on
    /// FILEs) without building: reports every error, in seconds.
    Check {
        #[command(flatten)]
        project: ProjectArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Check these files instead of a project.
        files: Vec<PathBuf>,
    },
    /// Remove a project's compiled libraries.
    Clean {
        #[command(flatten)]
        project: ProjectArgs,
        /// Also remove the build cache (generated crates, unpacked runtime,
        /// the cache's target directory).
        #[arg(long)]
        cache: bool,
    },
}

pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match args.command {
        Some(Command::Build { project, build }) => build_project(&project, &build),
        Some(Command::Check { project, output, files }) => check(&project, &output, &files),
        Some(Command::Clean { project, cache }) => clean(&project, cache),
        None if args.annotate => annotate_files(&args.files, args.out_dir.as_deref(), &args.build),
        None => compile_files(&args.files, args.out_dir.as_deref(), args.emit, &args.build),
    }
}

/// The project of `--manifest-path`, or found from the current folder.
fn load_project(args: &ProjectArgs, report: &mut Reporter) -> Option<Project> {
    let manifest = match &args.manifest_path {
        Some(p) => p.clone(),
        None => match std::env::current_dir().ok().and_then(|d| project::find_manifest(&d)) {
            Some(p) => p,
            None => {
                report.user_error("pyproject.toml", "could not find pyproject.toml in this folder or any above it");
                return None;
            }
        },
    };
    match project::load(&manifest) {
        Ok(p) => Some(p),
        Err(e) => {
            report.user_error_at(&e.file, e.line, e.col, &e.message);
            None
        }
    }
}

fn build_project(args: &ProjectArgs, options: &BuildArgs) -> i32 {
    let mut report = Reporter::new(options.output.message_format);
    let Some(project) = load_project(args, &mut report) else {
        report.finished("build", &[], &[]);
        return report.exit_status();
    };
    let release = if options.debug { false } else { options.release || !project.debug };
    compile(project.modules, release, options, &mut report);
    report.exit_status()
}

/// `protopyc --annotate FILE.py...`
fn annotate_files(files: &[PathBuf], out_dir: Option<&Path>, options: &BuildArgs) -> i32 {
    let mut report = Reporter::new(options.output.message_format);
    for m in &file_modules(files, out_dir, &mut report) {
        let Some(source) = read_source(m, &mut report) else { continue };
        let rust = match generate(m, &source) {
            Ok(r) => r,
            Err(d) => {
                report.diagnostic(&m.name, &d);
                continue;
            }
        };
        let display = m.source.file_name().and_then(|s| s.to_str()).unwrap_or(&m.name).to_string();
        let page = crate::annotate::html(&source, &rust, &display);
        let stem = m.source.file_stem().and_then(|s| s.to_str()).unwrap_or(&m.name);
        let out = m.out_dir.join(format!("{stem}.html"));
        match std::fs::write(&out, page) {
            Ok(()) => eprintln!("wrote {}", out.display()),
            Err(e) => report.user_error(&out.display().to_string(), &format!("cannot write: {e}")),
        }
    }
    report.exit_status()
}

/// `protopyc FILE.py...`
fn compile_files(files: &[PathBuf], out_dir: Option<&Path>, emit: Option<Emit>, options: &BuildArgs) -> i32 {
    let mut report = Reporter::new(options.output.message_format);
    let modules = file_modules(files, out_dir, &mut report);
    if let Some(emit) = emit {
        for m in &modules {
            let Some(source) = read_source(m, &mut report) else { continue };
            let path = m.source.display().to_string();
            match emit {
                Emit::Ir => match protopy_frontend::compile(&source, &path, protopy_frontend::Mode::Module) {
                    Ok(code) => print!("{code}"),
                    Err(e) => report.diagnostic(&m.name, &Diagnostic::from_syntax_error(&e, &source)),
                },
                Emit::Rust => match generate(m, &source) {
                    Ok(rust) => print!("{rust}"),
                    Err(d) => report.diagnostic(&m.name, &d),
                },
            }
        }
        return report.exit_status();
    }
    if report.failed() {
        report.finished("build", &[], &[]);
        return report.exit_status();
    }
    compile(modules, !options.debug, options, &mut report);
    report.exit_status()
}

/// Modules for files named on the command line.
fn file_modules(files: &[PathBuf], out_dir: Option<&Path>, report: &mut Reporter) -> Vec<ProjectModule> {
    let mut modules = Vec::new();
    for path in files {
        let name = match project::module_name(path) {
            Ok(n) => n,
            Err(e) => {
                report.user_error(&path.display().to_string(), &e);
                continue;
            }
        };
        let out_dir = match out_dir {
            Some(d) => d.to_path_buf(),
            None => match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            },
        };
        modules.push(ProjectModule { name, source: path.clone(), out_dir });
    }
    modules
}

fn read_source(m: &ProjectModule, report: &mut Reporter) -> Option<String> {
    match std::fs::read(&m.source).map(String::from_utf8) {
        Ok(Ok(s)) => Some(s),
        Ok(Err(_)) => {
            report.user_error(&m.source.display().to_string(), "source is not valid UTF-8");
            None
        }
        Err(e) => {
            report.user_error(&m.source.display().to_string(), &format!("cannot read: {e}"));
            None
        }
    }
}

fn generate(m: &ProjectModule, source: &str) -> Result<String, Diagnostic> {
    let display = m.source.file_name().and_then(|s| s.to_str()).unwrap_or(&m.name).to_string();
    codegen::generate(source, &m.source.display().to_string(), &display, &m.name)
}

/// Generate Rust for each module on all cores; results in module order.
fn generate_all(modules: &[(ProjectModule, String)]) -> Vec<Result<String, Diagnostic>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(modules.len().max(1));
    let mut results: Vec<Option<Result<String, Diagnostic>>> = (0..modules.len()).map(|_| None).collect();
    let done: Vec<Vec<(usize, Result<String, Diagnostic>)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((m, source)) = modules.get(i) else { break };
                        out.push((i, generate(m, source)));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    for (i, r) in done.into_iter().flatten() {
        results[i] = Some(r);
    }
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| Err(Diagnostic::internal(&modules[i].0.source.display().to_string(), "code generation failed".into()))))
        .collect()
}

/// Build `modules`: skip the up-to-date ones, generate the rest, run cargo
/// once, record what was built.
fn compile(modules: Vec<ProjectModule>, release: bool, options: &BuildArgs, report: &mut Reporter) {
    let start = Instant::now();
    let key_options = fresh::KeyOptions { release };
    let mut stale: Vec<(ProjectModule, String)> = Vec::new();
    let mut keys = Vec::new();
    let mut fresh_count = 0;
    for m in modules {
        let Some(source) = read_source(&m, report) else { continue };
        let key = fresh::key(&m.name, source.as_bytes(), &key_options);
        if !options.force {
            if let Some(library) = fresh::fresh_library(&m.source, &m.out_dir, &key) {
                report.fresh(&m.name, &m.source, &library, options.verbose);
                fresh_count += 1;
                continue;
            }
        }
        keys.push(key);
        stale.push((m, source));
    }
    let check_seconds = start.elapsed().as_secs_f64();
    let codegen_start = Instant::now();
    let mut sources = Vec::new();
    for ((m, _), result) in stale.iter().zip(generate_all(&stale)) {
        match result {
            Ok(rust) => sources.push(ModuleSource { name: m.name.clone(), source_path: m.source.clone(), rust, out_dir: m.out_dir.clone() }),
            Err(d) => report.diagnostic(&m.name, &d),
        }
    }
    let codegen_seconds = codegen_start.elapsed().as_secs_f64();
    let mut timings = vec![("up_to_date_check", check_seconds), ("codegen", codegen_seconds)];
    if report.failed() || sources.is_empty() {
        report.finished("build", &[("compiled", 0), ("fresh", fresh_count)], &timings);
        return;
    }
    let build_options = BuildOptions { release, verbose: options.verbose, jobs: options.jobs };
    let flags = CargoFlags { locked: options.locked, offline: options.offline };
    let cargo_start = Instant::now();
    let built = build::build_with(&sources, &build_options, flags);
    timings.push(("cargo", cargo_start.elapsed().as_secs_f64()));
    match built {
        Ok(built) => {
            for b in &built {
                report.built(&b.name, &b.source_path, &b.library, b.seconds);
                let key = stale.iter().zip(&keys).find(|((m, _), _)| m.name == b.name).map(|(_, k)| k);
                let out_dir = b.library.parent().unwrap_or(Path::new("."));
                if let Some(key) = key {
                    if let Err(e) = fresh::record(&b.source_path, out_dir, key, &b.library) {
                        report.internal_error(&format!("cannot record the build of {}: {e}", b.name));
                    }
                }
            }
            report.finished("build", &[("compiled", built.len()), ("fresh", fresh_count)], &timings);
        }
        Err(e) => {
            report.internal_error(&e.to_string());
            report.finished("build", &[("compiled", 0), ("fresh", fresh_count)], &timings);
        }
    }
}

fn check(args: &ProjectArgs, output: &OutputArgs, files: &[PathBuf]) -> i32 {
    let mut report = Reporter::new(output.message_format);
    let start = Instant::now();
    let modules = if files.is_empty() {
        match load_project(args, &mut report) {
            Some(p) => p.modules,
            None => Vec::new(),
        }
    } else {
        file_modules(files, None, &mut report)
    };
    let mut loaded = Vec::new();
    for m in modules {
        if let Some(source) = read_source(&m, &mut report) {
            loaded.push((m, source));
        }
    }
    let mut checked = 0;
    for ((m, _), result) in loaded.iter().zip(generate_all(&loaded)) {
        match result {
            Ok(_) => {
                checked += 1;
                report.checked(&m.name, &m.source);
            }
            Err(d) => report.diagnostic(&m.name, &d),
        }
    }
    report.finished("check", &[("checked", checked)], &[("codegen", start.elapsed().as_secs_f64())]);
    report.exit_status()
}

fn clean(args: &ProjectArgs, cache: bool) -> i32 {
    let mut report = Reporter::new(MessageFormat::Human);
    let mut removed = 0;
    if args.manifest_path.is_some() || !cache {
        let Some(project) = load_project(args, &mut report) else { return report.exit_status() };
        for m in &project.modules {
            fresh::forget(&m.source, &m.out_dir);
            let short = m.name.rsplit('.').next().unwrap_or(&m.name);
            let prefix = format!("{short}.protopy-");
            let Ok(entries) = std::fs::read_dir(&m.out_dir) else { continue };
            for e in entries.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(&prefix) && name.ends_with(".so") {
                    match std::fs::remove_file(e.path()) {
                        Ok(()) => removed += 1,
                        Err(err) => report.internal_error(&format!("cannot remove {}: {err}", e.path().display())),
                    }
                }
            }
        }
    }
    if cache {
        let dir = build::cache_dir();
        for sub in ["build", "runtime", "stamps", "locks", "target"] {
            let path = dir.join(sub);
            if path.exists() {
                if let Err(e) = std::fs::remove_dir_all(&path) {
                    report.internal_error(&format!("cannot remove {}: {e}", path.display()));
                }
            }
        }
    }
    if !report.failed() {
        eprintln!("Removed {removed} librar{}{}", if removed == 1 { "y" } else { "ies" }, if cache { " and the build cache" } else { "" });
    }
    report.exit_status()
}
