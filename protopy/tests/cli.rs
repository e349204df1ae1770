//! The command line as a user drives it: `-c`, `-m`, a script with
//! arguments, standard input, `--version`, and a missing file.

use std::path::Path;
use std::process::Command;

fn protopy() -> Command {
    Command::new(env!("CARGO_BIN_EXE_protopy"))
}

fn stdout_of(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run protopy");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn command_sets_argv() {
    let (code, out, _) = stdout_of(protopy().args(["-c", "import sys; print(sys.argv)", "a", "b"]));
    assert_eq!(code, 0);
    assert_eq!(out, "['-c', 'a', 'b']\n");
}

#[test]
fn script_path_and_arguments() {
    let dir = std::env::temp_dir().join(format!("protopy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("helper_mod.py"), "X = 41\n").expect("write");
    std::fs::write(dir.join("main.py"), "import sys, helper_mod\nprint(sys.argv[1:], helper_mod.X + 1, __name__)\n").expect("write");
    let (code, out, err) = stdout_of(protopy().arg(dir.join("main.py")).args(["x", "--flag"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "['x', '--flag'] 42 __main__\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn module_package_runs_main_with_relative_imports() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/inventory");
    let (code, out, err) = stdout_of(protopy().args(["-m", "inventory"]).current_dir(&example));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("refused: only 12 of C3 in stock\n"), "{out}");
    assert!(out.ends_with("total              129.50\n"), "{out}");
}

#[test]
fn missing_module_and_file() {
    let (code, _, err) = stdout_of(protopy().args(["-m", "no_such_module_here"]));
    assert_eq!(code, 1);
    assert!(err.contains("No module named no_such_module_here"), "{err}");
    let (code, _, err) = stdout_of(protopy().arg("/nonexistent/prog.py"));
    assert_eq!(code, 2);
    assert!(err.contains("can't open file '/nonexistent/prog.py': [Errno 2] No such file or directory"), "{err}");
}

#[test]
fn version_and_unknown_option() {
    let (code, out, _) = stdout_of(protopy().arg("--version"));
    assert_eq!(code, 0);
    assert!(out.starts_with("Python 3.14"), "{out}");
    let (code, _, err) = stdout_of(protopy().arg("-Z"));
    assert_eq!(code, 2);
    assert!(err.contains("Unknown option: -Z"), "{err}");
}

#[test]
fn output_is_flushed_before_tracebacks() {
    let (code, out, err) = stdout_of(protopy().args(["-c", "print('before')\nraise KeyError('k')"]));
    assert_eq!(code, 1);
    assert_eq!(out, "before\n");
    assert!(err.ends_with("KeyError: 'k'\n"), "{err}");
}
