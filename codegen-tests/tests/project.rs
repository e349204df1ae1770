//! protopyc as a build step: the example project under
//! `examples/stats_project` built with `protopyc build --message-format
//! json` (every line checked), rebuilt as a no-op, and its tests run
//! against the compiled modules; `check`, exit statuses, compiling on
//! import (`-X compile`) and `-X showcompiled`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn work_dir(name: &str) -> PathBuf {
    let dir = workspace().join("target").join("codegen-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work dir");
    dir
}

/// The tests share one build cache (with `compiled.rs`); they build one at
/// a time.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: OnceLock<Mutex<()>> = OnceLock::new();
    LOCK.get_or_init(|| Mutex::new(())).lock().unwrap_or_else(|e| e.into_inner())
}

fn cache() -> PathBuf {
    std::env::var_os("PROTOPY_CACHE").map(PathBuf::from).unwrap_or_else(|| workspace().join("target").join("protopyc-build"))
}

/// The test binaries are built with the test profile: libraries must be
/// built the same way to load.
fn profile_flag() -> &'static str {
    if cfg!(debug_assertions) {
        "--debug"
    } else {
        "--release"
    }
}

fn protopyc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen-protopyc"))
        .args(args)
        .current_dir(dir)
        .env("PROTOPY_CACHE", cache())
        .output()
        .expect("run protopyc")
}

fn host(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_codegen-host"));
    cmd.args(args)
        .current_dir(dir)
        .env("PROTOPY_CACHE", cache())
        .env("PROTOPYC", env!("CARGO_BIN_EXE_codegen-protopyc"))
        .env_remove("PROTOPY_REQUIRE_COMPILED")
        .env_remove("PROTOPY_COMPILE");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("run host")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read example").flatten() {
        let path = e.path();
        let name = e.file_name();
        let name_text = name.to_string_lossy();
        if path.is_dir() {
            if name_text != "__pycache__" {
                copy_tree(&path, &to.join(&name));
            }
        } else if !name_text.ends_with(".so") {
            std::fs::copy(&path, to.join(&name)).expect("copy");
        }
    }
}

/// Check the JSON lines of `protopyc build --message-format json`: each
/// line one object with a known `reason` and the fields that reason
/// promises, libraries that exist, and a final `build-finished` line.
/// Returns the modules built and the modules found up to date.
pub fn validate_build_log(log: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let mut built = Vec::new();
    let mut fresh = Vec::new();
    let lines: Vec<&str> = log.lines().collect();
    let Some((last, rest)) = lines.split_last() else { return Err("no output".into()) };
    let field = |v: &Value, k: &str, line: &str| -> Result<String, String> {
        v.get(k).and_then(Value::as_str).map(str::to_string).ok_or_else(|| format!("no string '{k}' in {line}"))
    };
    for line in rest {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON ({e}): {line}"))?;
        match v.get("reason").and_then(Value::as_str) {
            Some(kind @ ("module-built" | "module-fresh")) => {
                let module = field(&v, "module", line)?;
                let library = field(&v, "library", line)?;
                let source = field(&v, "source", line)?;
                if !Path::new(&library).is_file() || !Path::new(&source).is_file() {
                    return Err(format!("missing file: {line}"));
                }
                let short = module.rsplit('.').next().unwrap_or(&module);
                if !Path::new(&library).file_name().is_some_and(|n| n.to_string_lossy().starts_with(&format!("{short}.protopy-"))) {
                    return Err(format!("library named for another module: {line}"));
                }
                if kind == "module-built" {
                    if !v.get("seconds").is_some_and(Value::is_f64) {
                        return Err(format!("no timing: {line}"));
                    }
                    built.push(module);
                } else {
                    fresh.push(module);
                }
            }
            Some("compiler-message") => {
                for k in ["severity", "file", "message", "rendered"] {
                    field(&v, k, line)?;
                }
                for k in ["line", "column"] {
                    if !v.get(k).is_some_and(Value::is_u64) {
                        return Err(format!("no number '{k}' in {line}"));
                    }
                }
            }
            Some("internal-error") => {
                field(&v, "message", line)?;
            }
            _ => return Err(format!("unexpected line: {line}")),
        }
    }
    let end: Value = serde_json::from_str(last).map_err(|e| format!("not JSON ({e}): {last}"))?;
    if end.get("reason").and_then(Value::as_str) != Some("build-finished") {
        return Err(format!("last line is not build-finished: {last}"));
    }
    if end.get("success") != Some(&Value::Bool(true)) {
        return Err(format!("build failed: {last}"));
    }
    if end.get("compiled").and_then(Value::as_u64) != Some(built.len() as u64) || end.get("fresh").and_then(Value::as_u64) != Some(fresh.len() as u64) {
        return Err(format!("counts do not match the lines: {last}"));
    }
    if !end.get("timings").is_some_and(Value::is_object) {
        return Err(format!("no timings: {last}"));
    }
    Ok((built, fresh))
}

const EXAMPLE_MODULES: [&str; 3] = ["statkit.hist", "statkit.summary", "statkit.window"];

#[test]
fn example_project_builds_rebuilds_as_a_no_op_and_passes_its_tests_compiled() {
    let _guard = serial();
    let dir = work_dir("project").join("stats_project");
    copy_tree(&workspace().join("examples").join("stats_project"), &dir);
    let out = protopyc(&dir, &["clean"]);
    assert!(out.status.success(), "clean: {}", text(&out.stderr));

    let out = protopyc(&dir, &["build", "--message-format", "json", profile_flag()]);
    let log = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "build: {log}{}", text(&out.stderr));
    let (mut built, fresh) = validate_build_log(&log).unwrap_or_else(|e| panic!("{e}\n{log}"));
    built.sort();
    assert_eq!(built, EXAMPLE_MODULES, "{log}");
    assert!(fresh.is_empty(), "{log}");
    let tag = format!(".protopy-{}.so", protopy_runtime::abi::abi_tag());
    // (The host and protopyc embed the runtime as it was when each was
    // compiled: an edit in between makes them differ.)
    assert!(log.contains(&tag), "libraries not built for this host's runtime ({tag}); runtime sources changed while the test binaries were built? rerun: {log}");

    // Nothing changed: no code generation, no cargo.
    let start = Instant::now();
    let out = protopyc(&dir, &["build", "--message-format", "json", profile_flag()]);
    let elapsed = start.elapsed().as_secs_f64();
    let log = text(&out.stdout);
    let (built, mut fresh) = validate_build_log(&log).unwrap_or_else(|e| panic!("{e}\n{log}"));
    fresh.sort();
    assert!(built.is_empty(), "{log}");
    assert_eq!(fresh, EXAMPLE_MODULES);
    assert!(elapsed < 1.0, "no-op rebuild took {elapsed:.2} s");

    // --locked: the build keeps every dependency at the runtime's locked
    // version (cargo has nothing to compile again here).
    let out = protopyc(&dir, &["build", "--locked", "--offline", "--force", profile_flag()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Finished build (3 compiled)"), "{}", text(&out.stderr));

    // A changed module is the only one rebuilt.
    let window = dir.join("statkit").join("window.py");
    let source = std::fs::read_to_string(&window).expect("window.py");
    std::fs::write(&window, format!("{source}\n\nWINDOW_VERSION = 2\n")).expect("write");
    let out = protopyc(&dir, &["build", "--message-format", "json", profile_flag()]);
    let log = text(&out.stdout);
    let (built, fresh) = validate_build_log(&log).unwrap_or_else(|e| panic!("{e}\n{log}"));
    assert_eq!(built, ["statkit.window"], "{log}");
    assert_eq!(fresh.len(), 2, "{log}");

    let out = host(&dir, &["tests/test_statkit.py"], &[("PROTOPY_REQUIRE_COMPILED", "1")]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.ends_with("all passed\n"), "{stdout}");
    for m in EXAMPLE_MODULES {
        assert!(stdout.contains(&format!("{m}: compiled")), "{stdout}");
    }

    // The package imports each module compiled; -X showcompiled says so.
    let out = host(&dir, &["-X", "showcompiled", "-c", "import statkit"], &[]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.starts_with("import kind:  how         | imported module\n"), "{stderr}");
    for m in EXAMPLE_MODULES {
        assert!(stderr.contains(&format!("import kind:  compiled    | {m}\n")), "{stderr}");
    }
    assert!(stderr.contains("import kind:  interpreted | statkit\n"), "{stderr}");

    let out = protopyc(&dir, &["clean"]);
    assert!(out.status.success());
    assert!(!std::fs::read_dir(dir.join("statkit")).expect("dir").flatten().any(|e| e.file_name().to_string_lossy().ends_with(".so")));
}

/// The JSON lines a CI step wrote (`.ci/run` builds the example with the
/// release binaries and passes the log in `PROTOPYC_BUILD_LOG`).
#[test]
#[ignore = "run by .ci/run on the log of its build step"]
fn ci_build_log() {
    let path = std::env::var("PROTOPYC_BUILD_LOG").expect("PROTOPYC_BUILD_LOG names the build log");
    let log = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (built, fresh) = validate_build_log(&log).unwrap_or_else(|e| panic!("{e}\n{log}"));
    let mut all: Vec<String> = built.into_iter().chain(fresh).collect();
    all.sort();
    assert_eq!(all, EXAMPLE_MODULES, "{log}");
}

#[test]
fn check_reports_errors_with_positions_and_exit_status_one() {
    let dir = work_dir("check");
    std::fs::write(dir.join("good.py"), "def f(x):\n    return x + 1\n").expect("write");
    std::fs::write(dir.join("bad.py"), "def f(x):\n    return x +\n").expect("write");
    let out = protopyc(&dir, &["check", "good.py"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Finished check (1 checked)"), "{}", text(&out.stderr));

    let out = protopyc(&dir, &["check", "--message-format", "json", "good.py", "bad.py"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    let message = lines.iter().find(|v| v["reason"] == "compiler-message").expect("a diagnostic");
    assert_eq!(message["severity"], "error");
    assert_eq!(message["module"], "bad");
    assert_eq!(message["file"], "bad.py");
    assert_eq!(message["line"], 2);
    assert_eq!(message["column"], 15);
    assert_eq!(message["message"], "invalid syntax");
    let end = lines.last().expect("lines");
    assert_eq!(end["reason"], "check-finished");
    assert_eq!(end["success"], false);
    assert_eq!(end["checked"], 1);

    // Human form: file:line:col, the line, a caret.
    let out = protopyc(&dir, &["bad.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("bad.py:2:15: error: invalid syntax\n        return x +\n                  ^\n"), "{}", text(&out.stderr));
    // Nothing to build from: not a project.
    let out = protopyc(&dir, &["build", "--manifest-path", "missing.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("missing.toml: error: cannot read"), "{}", text(&out.stderr));
}

#[test]
fn a_failure_of_the_build_itself_is_exit_status_two() {
    let dir = work_dir("internal");
    std::fs::write(dir.join("mod.py"), "X = 1\n").expect("write");
    // The build cache cannot be created: a file is in the way.
    std::fs::write(dir.join("cache"), "").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_codegen-protopyc"))
        .args(["--message-format", "json", "mod.py"])
        .current_dir(&dir)
        .env("PROTOPY_CACHE", dir.join("cache"))
        .output()
        .expect("run protopyc");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let log = text(&out.stdout);
    let first: Value = serde_json::from_str(log.lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["reason"], "internal-error", "{log}");
}

#[test]
fn compile_on_import_builds_missing_or_stale_libraries_and_falls_back_on_errors() {
    let _guard = serial();
    let dir = work_dir("compile-on-import");
    std::fs::create_dir_all(dir.join("pkg")).expect("mkdir");
    std::fs::write(dir.join("pkg").join("__init__.py"), "").expect("write");
    std::fs::write(dir.join("hot.py"), "def f(n):\n    return sum(i * i for i in range(n))\n").expect("write");
    std::fs::write(dir.join("pkg").join("fast.py"), "VALUE = 'fast'\n").expect("write");
    let program = "import hot, pkg.fast\nprint(hot.f(10), pkg.fast.VALUE, hot.__compiled__, pkg.fast.__compiled__, pkg.fast.__name__)\n";
    std::fs::write(dir.join("main.py"), program).expect("write");

    let out = host(&dir, &["-X", "compile=hot,pkg.fast", "main.py"], &[("PROTOPY_REQUIRE_COMPILED", "1")]);
    let stderr = text(&out.stderr);
    assert_eq!(text(&out.stdout), "285 fast True True pkg.fast\n", "{stderr}");
    assert!(stderr.contains("protopy: compiling hot ("), "{stderr}");
    assert!(stderr.contains("protopy: compiling pkg.fast ("), "{stderr}");

    // Up to date: no compiling.
    let out = host(&dir, &["main.py"], &[("PROTOPY_COMPILE", "hot,pkg.fast")]);
    assert_eq!(text(&out.stdout), "285 fast True True pkg.fast\n");
    assert_eq!(text(&out.stderr), "");

    // The source changed: compiled again.
    std::fs::write(dir.join("hot.py"), "def f(n):\n    return -n\n").expect("write");
    let out = host(&dir, &["-Xcompile=hot", "main.py"], &[("PROTOPY_REQUIRE_COMPILED", "1")]);
    assert_eq!(text(&out.stdout), "-10 fast True True pkg.fast\n", "{}", text(&out.stderr));
    assert!(text(&out.stderr).starts_with("protopy: compiling hot ("));

    // A module that does not compile: the diagnostic, then the source.
    std::fs::write(dir.join("hot.py"), "def f(n):\n    return n +\n").expect("write");
    std::fs::write(dir.join("main.py"), "try:\n    import hot\nexcept SyntaxError as e:\n    print('SyntaxError', e.lineno)\n").expect("write");
    let out = host(&dir, &["-X", "compile=hot", "main.py"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(text(&out.stdout), "SyntaxError 2\n", "{stderr}");
    assert!(stderr.contains("hot.py:2:15: error: invalid syntax\n"), "{stderr}");
    assert!(stderr.contains("protopy: importing hot from source\n"), "{stderr}");
    // ... unless compiled modules are required.
    let out = host(&dir, &["-X", "compile=hot", "main.py"], &[("PROTOPY_REQUIRE_COMPILED", "1")]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("ImportError: cannot compile module 'hot'"), "{}", text(&out.stderr));
}
