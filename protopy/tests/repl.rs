//! The interactive prompt driven through piped standard input (`-i`): a
//! multi-line definition, an exception that does not end the session, then
//! a call that works, and `_` holding the last value.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn session_survives_an_exception() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_protopy"))
        .arg("-i")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn protopy");
    let input = "def square(x):\n    y = x * x\n    return y\n\nsquare('a')\nsquare(12)\n_ + 1\nfor i in range(2):\n    print('loop', i)\n\nvalues = [1,\n  2]\nvalues\n";
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout, "144\n145\nloop 0\nloop 1\n[1, 2]\n");
    assert!(stderr.contains("TypeError: can't multiply sequence by non-int of type 'str'"), "{stderr}");
    assert!(stderr.contains(">>> ") && stderr.contains("... "), "{stderr}");
}

#[test]
fn exit_status_from_sys_exit() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_protopy"))
        .arg("-i")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn protopy");
    child.stdin.take().expect("stdin").write_all(b"import sys\nsys.exit(4)\nprint('not reached')\n").expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}
