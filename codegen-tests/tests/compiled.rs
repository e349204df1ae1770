//! End to end: compile modules with protopyc (all of them in one cargo
//! run) and import them into a protopy host with
//! `PROTOPY_REQUIRE_COMPILED=1`. Each corpus program must print its `.out`
//! file, each module of `tests/modules` what the interpreter prints for it;
//! the importer's refusals (another ABI, a stale library, a truncated
//! library), a panic in compiled code, a module whose init raises or
//! panics, and SIGINT in a compiled loop are checked too.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use protopyc::build::{self, BuildOptions, ModuleSource};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Programs the compiled form does not run yet (see the report of each).
const COMPILED_EXPECTED_FAILURES: &[&str] = &[];

fn listed(dir: &Path, file: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn corpus_dir() -> PathBuf {
    workspace().join("protopy").join("tests").join("programs")
}

fn modules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("modules")
}

fn python_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".py")).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

const PANIC_MODULE: &str = "def boom():\n    return 1\n";
const STALE_MODULE: &str = "VALUE = 'compiled'\n";
const INIT_RAISES_MODULE: &str = "VALUE = 1\nraise ValueError('init failed')\n";
const INIT_PANICS_MODULE: &str = "VALUE = 1\n";
/// Loops that make no calls: SIGINT is seen at their back-edges.
const SPIN_MODULE: &str = "def spin():\n    print('ready', flush=True)\n    n = 0\n    for i in range(10**18):\n        while n < i:\n            n += 1\n";
/// Annotated parameters are checked on entry to compiled code (the
/// interpreter does not check them): from outside and by a direct call.
const ANNOTATED_MODULE: &str = "def takes_int(n: int) -> int:\n    return n + 1\n\n\ndef takes_float(x: float) -> float:\n    return x\n\n\ndef calls() -> int:\n    return takes_int('no')\n\n\ndef first(v: list[float]) -> float:\n    return v[0] * 1.0\n\n\ndef count(n: int) -> int:\n    return n + 1\n\n\ndef use_count() -> int:\n    return count(1) + 1\n";

/// Direct calls (a recursive one among them) that end in an exception.
const CHAIN_MODULE: &str = "def g(n: int) -> int:\n    if n == 0:\n        raise ValueError('boom')\n    return g(n - 1) + 1\n\n\ndef f(n):\n    x = g(n)\n    return x\n";

/// Another run of these tests (from another checkout command) uses the
/// same directories: hold a lock on them for the life of this process.
fn exclusive() {
    static LOCK: OnceLock<Option<std::fs::File>> = OnceLock::new();
    LOCK.get_or_init(|| {
        let base = workspace().join("target").join("codegen-tests");
        std::fs::create_dir_all(&base).ok()?;
        let f = std::fs::File::create(base.join("lock")).ok()?;
        f.lock().ok()?;
        Some(f)
    });
}

/// The work directory with every module compiled (once per test binary).
fn compiled_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    exclusive();
    DIR.get_or_init(|| {
        let dir = workspace().join("target").join("codegen-tests").join("work");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("work dir");
        let mut sources: Vec<(String, String)> = Vec::new();
        let skip = listed(&corpus_dir(), "EXPECTED_FAILURES");
        for name in python_files(&corpus_dir()) {
            if skip.contains(&name) {
                continue;
            }
            let text = std::fs::read_to_string(corpus_dir().join(format!("{name}.py"))).expect("program");
            sources.push((name, text));
        }
        for name in python_files(&modules_dir()) {
            let text = std::fs::read_to_string(modules_dir().join(format!("{name}.py"))).expect("module");
            sources.push((name, text));
        }
        sources.push(("panicky".into(), PANIC_MODULE.into()));
        sources.push(("stale".into(), STALE_MODULE.into()));
        sources.push(("init_raises".into(), INIT_RAISES_MODULE.into()));
        sources.push(("init_panics".into(), INIT_PANICS_MODULE.into()));
        sources.push(("spin".into(), SPIN_MODULE.into()));
        sources.push(("annotated".into(), ANNOTATED_MODULE.into()));
        sources.push(("chain".into(), CHAIN_MODULE.into()));
        let mut modules = Vec::new();
        for (name, text) in &sources {
            let path = dir.join(format!("{name}.py"));
            std::fs::write(&path, text).expect("write source");
            let file = format!("{name}.py");
            let mut rust = protopyc::generate(text, &path.display().to_string(), &file, name)
                .unwrap_or_else(|d| panic!("{d}"));
            if name == "panicky" {
                // A panic in compiled code: it must come back as SystemError.
                rust = rust.replacen(
                    "fn boom(frame: &mut Frame<'_>, params: Vec<Value>) -> PyResult<Value> {",
                    "fn boom(frame: &mut Frame<'_>, params: Vec<Value>) -> PyResult<Value> {\n    panic!(\"deliberate\");",
                    1,
                );
            }
            if name == "init_panics" {
                // A panic while the module body runs: SystemError from the import.
                let body = "fn module_body(frame: &mut Frame<'_>, params: Vec<Value>) -> PyResult<Value> {";
                assert!(rust.contains(body), "no module body fn in the generated code");
                rust = rust.replacen(body, &format!("{body}\n    panic!(\"deliberate\");"), 1);
            }
            modules.push(ModuleSource { name: name.clone(), source_path: path, rust, out_dir: dir.clone() });
        }
        if std::env::var_os("PROTOPY_CACHE").is_none() {
            std::env::set_var("PROTOPY_CACHE", workspace().join("target").join("protopyc-build"));
        }
        let options = BuildOptions { release: !cfg!(debug_assertions), verbose: false, jobs: None };
        let built = match build::build(&modules, &options) {
            Ok(b) => b,
            Err(e) => panic!("build failed: {e}"),
        };
        // The host binary was built with the runtime as it was when this
        // test was compiled; the modules with the runtime as it is now.
        let tag = format!(".protopy-{}.so", protopy_runtime::abi::abi_tag());
        for b in &built {
            let name = b.library.display().to_string();
            assert!(name.ends_with(&tag), "runtime sources changed since the test host was built ({name}); rerun");
        }
        dir
    })
}

fn host(dir: &Path, code: &str, require: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_codegen-host"));
    cmd.arg("-c").arg(code).current_dir(dir);
    if require {
        cmd.env("PROTOPY_REQUIRE_COMPILED", "1");
    } else {
        cmd.env_remove("PROTOPY_REQUIRE_COMPILED");
    }
    cmd.output().expect("run host")
}

fn check_output(name: &str, out: &Output, expected: &str) -> Result<(), String> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!("{name}: exit {:?}: {}", out.status.code(), stderr.lines().last().unwrap_or("")));
    }
    if stdout != expected {
        return Err(format!("{name}: output differs\n--- expected\n{expected}--- got\n{stdout}"));
    }
    Ok(())
}

#[test]
fn corpus_programs_run_compiled() {
    let dir = compiled_dir();
    let skip = listed(&corpus_dir(), "EXPECTED_FAILURES");
    let mut failures = Vec::new();
    let mut unexpected_passes = Vec::new();
    for name in python_files(&corpus_dir()) {
        if skip.contains(&name) {
            continue;
        }
        let expected = std::fs::read_to_string(corpus_dir().join(format!("{name}.out"))).unwrap_or_default();
        let out = host(dir, &format!("import {name}"), true);
        let r = check_output(&name, &out, &expected);
        match (r, COMPILED_EXPECTED_FAILURES.contains(&name.as_str())) {
            (Err(e), false) => failures.push(e),
            (Ok(()), true) => unexpected_passes.push(name),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(unexpected_passes.is_empty(), "now passing, update COMPILED_EXPECTED_FAILURES: {unexpected_passes:?}");
}

#[test]
fn modules_print_what_the_interpreter_prints() {
    let dir = compiled_dir();
    let mut failures = Vec::new();
    for name in python_files(&modules_dir()) {
        let interpreted = Command::new(env!("CARGO_BIN_EXE_codegen-host"))
            .arg(modules_dir().join(format!("{name}.py")))
            .output()
            .expect("run interpreter");
        let expected = String::from_utf8_lossy(&interpreted.stdout).into_owned();
        let out = host(dir, &format!("import {name}"), true);
        if let Err(e) = check_output(&name, &out, &expected) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn annotated_parameters_are_checked_on_entry() {
    let dir = compiled_dir();
    let code = "import annotated as a\nfor f, arg in ((a.takes_int, '3'), (a.takes_float, 'x'), (a.takes_int, 2.0), (a.takes_float, None)):\n    try:\n        f(arg)\n    except TypeError as e:\n        print(e)\ntry:\n    a.calls()\nexcept TypeError as e:\n    print(e)\nprint(a.takes_int(4), a.takes_int(True), a.takes_float(4), a.takes_float(2.5))\n\
                # An annotated list is checked on entry, its items as typed code reads them; a\n\
                # typed return is checked when the name is rebound.\n\
                for arg in ((1.0,), [1], ['x'], [2.5]):\n    try:\n        print(a.first(arg))\n    except TypeError as e:\n        print(e)\n\
                print(a.use_count())\n\
                a.count = lambda n: str(n)\n\
                try:\n    a.use_count()\nexcept TypeError as e:\n    print(e)\n";
    let out = host(dir, code, true);
    let expected = "takes_int() argument 'n' must be int, not str\ntakes_float() argument 'x' must be float, not str\ntakes_int() argument 'n' must be int, not float\ntakes_float() argument 'x' must be float, not NoneType\ntakes_int() argument 'n' must be int, not str\n5 2 4 2.5\n\
                    first() argument 'v' must be list, not tuple\nfloat object expected; got int\nfloat object expected; got str\n2.5\n3\nint object expected; got str\n";
    check_output("annotated", &out, expected).unwrap();
}

#[test]
fn tracebacks_list_every_direct_call() {
    // A direct call runs in its caller's frame: each activation must
    // still be its own traceback entry, as in the interpreter.
    let dir = compiled_dir();
    let out = host(dir, "import chain\nchain.f(2)\n", true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let frames: Vec<&str> = stderr.lines().filter(|l| l.trim_start().starts_with("File ")).map(|l| l.rsplit(", ").take(2).collect::<Vec<_>>()[1]).collect();
    assert_eq!(frames, ["line 2", "line 8", "line 4", "line 4", "line 3"], "{stderr}");
    assert!(stderr.ends_with("ValueError: boom\n"), "{stderr}");
}

#[test]
fn panic_in_compiled_code_is_a_system_error() {
    let dir = compiled_dir();
    let code = "import panicky\ntry:\n    panicky.boom()\nexcept SystemError as e:\n    print('caught', e)\n";
    let out = host(dir, code, true);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("caught panic in compiled code: deliberate"), "{stdout}");
}

#[test]
fn module_init_that_raises_or_panics_leaves_the_host_running() {
    let dir = compiled_dir();
    let code = "import sys\nfor name in ('init_raises', 'init_panics', 'init_raises'):\n    try:\n        __import__(name)\n    except Exception as e:\n        print(name, type(e).__name__, e, name in sys.modules)\nprint('still running')\n";
    let out = host(dir, code, true);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stdout,
        "init_raises ValueError init failed False\n\
         init_panics SystemError panic in compiled code: deliberate False\n\
         init_raises ValueError init failed False\n\
         still running\n",
        "{stderr}"
    );
    assert!(out.status.success(), "{stderr}");
}

#[test]
fn sigint_interrupts_compiled_code() {
    use std::io::BufRead;
    use std::os::unix::process::ExitStatusExt;
    let dir = compiled_dir();
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen-host"))
        .args(["-c", "import spin\nspin.spin()\n"])
        .current_dir(dir)
        .env("PROTOPY_REQUIRE_COMPILED", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run host");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("read");
    assert_eq!(first, "ready\n");
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill");
    assert!(sent.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("SIGINT did not stop the compiled loop");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.ends_with("\nKeyboardInterrupt\n"), "{stderr}");
    assert_eq!(out.status.signal(), Some(2), "{stderr}");
}

#[test]
fn truncated_library_is_an_import_error() {
    let dir = compiled_dir();
    let tag = format!(".protopy-{}.so", protopy_runtime::abi::abi_tag());
    let library = std::fs::read(dir.join(format!("init_panics{tag}"))).expect("compiled library");
    let cut_dir = workspace().join("target").join("codegen-tests").join("truncated");
    let _ = std::fs::remove_dir_all(&cut_dir);
    std::fs::create_dir_all(&cut_dir).expect("dir");
    // Cut inside the first page and inside the code: the loader would map
    // segments past the end of the file and die of SIGBUS touching them.
    std::fs::write(cut_dir.join(format!("head{tag}")), &library[..4096]).expect("write");
    std::fs::write(cut_dir.join(format!("half{tag}")), &library[..library.len() / 2]).expect("write");
    let code = "for name in ('head', 'half'):\n    try:\n        __import__(name)\n    except ImportError as e:\n        print(name, 'ImportError', e)\nprint('still running')\n";
    let out = host(&cut_dir, code, true);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    for (line, name) in lines.iter().zip(["head", "half"]) {
        assert!(line.starts_with(&format!("{name} ImportError cannot load ")), "{line}");
        assert!(line.ends_with("truncated or corrupt library (its headers reach past the end of the file)"), "{line}");
    }
    assert_eq!(lines[2], "still running");
}

#[test]
fn library_for_another_abi_is_refused() {
    exclusive();
    let dir = workspace().join("target").join("codegen-tests").join("abi");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("other.protopy-00000000.so"), b"not a library").expect("write");
    // No source: an ImportError that says how to rebuild.
    let out = host(&dir, "import other", false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("ImportError") && stderr.contains("another protopy runtime"), "{stderr}");
    // With the source beside it: one warning, then the source.
    std::fs::write(dir.join("other.py"), "print('from source')\n").expect("write");
    let out = host(&dir, "import other", false);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "from source\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
    // Required compiled: refused.
    let out = host(&dir, "import other", true);
    assert!(!out.status.success());
}

#[test]
fn stale_library_falls_back_to_source() {
    let dir = compiled_dir();
    let out = host(dir, "import stale; print(stale.VALUE)", true);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "compiled\n");
    // A separate copy, so the other tests keep an up-to-date library.
    let stale_dir = workspace().join("target").join("codegen-tests").join("stale");
    let _ = std::fs::remove_dir_all(&stale_dir);
    std::fs::create_dir_all(&stale_dir).expect("dir");
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        if n.starts_with("stale.") {
            std::fs::copy(entry.path(), stale_dir.join(&n)).expect("copy");
        }
    }
    std::fs::write(stale_dir.join("stale.py"), "VALUE = 'source'\n").expect("write");
    let out = host(&stale_dir, "import stale; print(stale.VALUE)", false);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "source\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("older than"));
    let out = host(&stale_dir, "import stale", true);
    assert!(!out.status.success());
}
