//! The program corpus: every `programs/*.py` runs under protopy and must
//! print exactly its `.out` file (CPython 3.13's output). Programs listed
//! in `programs/EXPECTED_FAILURES` are known gaps tracked by open work; the
//! test fails if one of them starts passing, so the list stays honest.

use std::path::{Path, PathBuf};
use std::process::Command;

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("programs")
}

fn expected_failures(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("EXPECTED_FAILURES"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Run one program; `Ok(())` when stdout matches, else a short reason.
fn run_program(dir: &Path, name: &str) -> Result<(), String> {
    let expected = std::fs::read_to_string(dir.join(format!("{name}.out"))).map_err(|e| e.to_string())?;
    let out = Command::new(env!("CARGO_BIN_EXE_protopy"))
        .arg(format!("{name}.py"))
        .current_dir(dir)
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or("").to_string();
        return Err(format!("exit {:?}: {last}", out.status.code()));
    }
    if stdout != expected {
        let (got, exp): (Vec<&str>, Vec<&str>) = (stdout.lines().collect(), expected.lines().collect());
        let i = (0..got.len().max(exp.len())).find(|&i| got.get(i) != exp.get(i)).unwrap_or(0);
        return Err(format!(
            "line {}: expected {:?} got {:?}",
            i + 1,
            exp.get(i).copied().unwrap_or("<missing>"),
            got.get(i).copied().unwrap_or("<missing>")
        ));
    }
    Ok(())
}

#[test]
fn corpus_programs_print_expected_output() {
    let dir = programs_dir();
    let xfail = expected_failures(&dir);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("programs dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py") && !n.starts_with('_'))
        .map(|n| n.trim_end_matches(".py").to_string())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no programs found");
    let mut problems = Vec::new();
    let mut passed = 0;
    for name in &names {
        let r = run_program(&dir, name);
        let expected_fail = xfail.contains(name);
        match (r, expected_fail) {
            (Ok(()), false) => passed += 1,
            (Ok(()), true) => problems.push(format!("{name}: passes now; remove it from EXPECTED_FAILURES")),
            (Err(why), false) => problems.push(format!("{name}: {why}")),
            (Err(_), true) => {}
        }
    }
    println!("corpus: {passed} passed, {} expected failures", xfail.len());
    assert!(problems.is_empty(), "corpus failures:\n{}", problems.join("\n"));
}
