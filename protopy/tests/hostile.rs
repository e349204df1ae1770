//! Hostile and malformed programs: each must end with a Python exception
//! (or a SyntaxError report) and exit status 1 — never a panic, a crash or
//! a hang.

use std::io::Write;
use std::process::{Command, Stdio};

/// Run `source` through `protopy -` and return (exit code, stderr).
fn run(source: &[u8]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_protopy"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn protopy");
    let mut stdin = child.stdin.take().expect("stdin");
    let src = source.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&src);
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn expect_error(source: &[u8], needle: &str) {
    let (code, stderr) = run(source);
    assert!(!stderr.contains("panicked"), "panic for {:?}: {stderr}", String::from_utf8_lossy(&source[..source.len().min(60)]));
    assert_eq!(code, Some(1), "exit status for {:?}: {stderr}", String::from_utf8_lossy(&source[..source.len().min(60)]));
    let last = stderr.lines().last().unwrap_or("");
    assert!(last.contains(needle), "expected {needle:?} in last line {last:?}");
}

#[test]
fn unclosed_bracket() {
    expect_error(b"x = (1,\ny = 2\n", "SyntaxError: '(' was never closed");
}

#[test]
fn bad_indentation() {
    expect_error(b"if True:\nprint(1)\n", "IndentationError: expected an indented block after 'if' statement on line 1");
    expect_error(b"x = 1\n    y = 2\n", "IndentationError: unexpected indent");
    expect_error(b"if True:\n        a = 1\n    b = 2\n", "IndentationError: unindent does not match any outer indentation level");
}

#[test]
fn invalid_tokens() {
    expect_error(b"x = 1 $ 2\n", "SyntaxError: invalid syntax");
    expect_error("x = \u{20ac}\n".as_bytes(), "SyntaxError: invalid character");
    expect_error(b"s = 'unterminated\n", "SyntaxError: unterminated string literal");
    expect_error(b"\xff\xfe = 1\n", "SyntaxError");
}

#[test]
fn ten_megabytes_of_parentheses() {
    let src = vec![b'('; 10 * 1024 * 1024];
    expect_error(&src, "SyntaxError: too many nested parentheses");
}

#[test]
fn long_operator_chains() {
    let mut src = vec![b'-'; 1024 * 1024];
    src.extend_from_slice(b"1\n");
    let (code, stderr) = run(&src);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(code == Some(1) || code == Some(0), "exit {code:?}: {stderr}");
    let nots = "not ".repeat(300_000) + "x\n";
    let (code, stderr) = run(nots.as_bytes());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn recursion_without_base_case() {
    expect_error(b"def f(n):\n    return f(n + 1)\nf(0)\n", "RecursionError: maximum recursion depth exceeded");
    expect_error(
        b"import sys\nsys.setrecursionlimit(10**7)\ndef f(n):\n    return f(n + 1)\nf(0)\n",
        "RecursionError: maximum recursion depth exceeded",
    );
    expect_error(b"class A:\n    def __repr__(self):\n        return repr(self)\nrepr(A())\n", "RecursionError");
}

#[test]
fn absurd_allocations() {
    expect_error(b"x = [0] * 10**15\n", "MemoryError");
    expect_error(b"x = 'ab' * 10**15\n", "MemoryError");
    expect_error(b"x = [0] * 10**30\n", "OverflowError: cannot fit 'int' into an index-sized integer");
}

#[test]
fn huge_int_to_string() {
    expect_error(b"x = 10 ** 5000\ns = str(x)\n", "ValueError: Exceeds the limit (4300 digits) for integer string conversion");
    expect_error(b"int('1' * 5000)\n", "ValueError: Exceeds the limit (4300 digits) for integer string conversion");
}

#[test]
fn mutation_during_iteration() {
    expect_error(b"d = {1: 1}\nfor k in d:\n    d[k + 1] = 1\n", "RuntimeError: dictionary changed size during iteration");
    expect_error(b"s = {1}\nfor k in s:\n    s.add(k + 1)\n", "RuntimeError: Set changed size during iteration");
    let (code, stderr) = run(b"a = [3, 1, 2]\na.sort(key=lambda v: a.append(v) or v)\n");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("ValueError: list modified during sort"), "{stderr}");
}

#[test]
fn user_eq_that_mutates_the_dict() {
    let src = b"class K:\n    def __hash__(self):\n        return 1\n    def __eq__(self, other):\n        d.clear()\n        return False\nd = {K(): 1}\nfor i in range(50):\n    d[K()] = i\nprint(len(d))\n";
    let (code, stderr) = run(src);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn uncaught_exception_exit_status_and_traceback() {
    let (code, stderr) = run(b"def f():\n    raise ValueError('boom')\nf()\n");
    assert_eq!(code, Some(1));
    assert!(stderr.starts_with("Traceback (most recent call last):\n"), "{stderr}");
    assert!(stderr.contains("  File \"<stdin>\", line 3, in <module>\n"), "{stderr}");
    assert!(stderr.contains("  File \"<stdin>\", line 2, in f\n    raise ValueError('boom')\n"), "{stderr}");
    assert!(stderr.ends_with("ValueError: boom\n"), "{stderr}");
}

#[test]
fn system_exit_sets_status() {
    let (code, _) = run(b"import sys\nsys.exit(7)\n");
    assert_eq!(code, Some(7));
    let (code, stderr) = run(b"raise SystemExit('bye')\n");
    assert_eq!(code, Some(1));
    assert_eq!(stderr, "bye\n");
}

/// Start `protopy -c source`, wait for its first line of output, send
/// SIGINT, and return how it ended and its stderr (None if it outlived
/// the deadline and had to be killed).
fn interrupt(source: &str) -> Option<(std::process::ExitStatus, String, String)> {
    use std::io::{BufRead, Read};
    let mut child = Command::new(env!("CARGO_BIN_EXE_protopy"))
        .args(["-c", source])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn protopy");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    assert_eq!(first, "ready\n");
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill");
    assert!(sent.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("stdout");
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("stderr");
    Some((status, rest, stderr))
}

/// An uncaught KeyboardInterrupt prints a traceback and the process ends
/// by SIGINT, as CPython's does (a shell reports status 130).
fn assert_ended_by_sigint(status: std::process::ExitStatus, stderr: &str) {
    use std::os::unix::process::ExitStatusExt;
    assert!(stderr.starts_with("Traceback (most recent call last):\n"), "{stderr}");
    assert!(stderr.ends_with("\nKeyboardInterrupt\n"), "{stderr}");
    assert_eq!(status.signal(), Some(2), "{status:?}: {stderr}");
}

#[test]
fn sigint_interrupts_a_busy_loop() {
    let src = "print('ready', flush=True)\ndef f():\n    while True:\n        pass\nf()\n";
    let (status, _, stderr) = interrupt(src).expect("SIGINT did not stop the loop");
    assert_ended_by_sigint(status, &stderr);
    assert!(stderr.contains("  File \"<string>\", line 5, in <module>\n"), "{stderr}");
    assert!(stderr.contains("  File \"<string>\", line 3, in f\n    while True:\n"), "{stderr}");
}

#[test]
fn sigint_interrupts_sleep_and_calls() {
    let (status, _, stderr) = interrupt("import time\nprint('ready', flush=True)\ntime.sleep(60)\n").expect("sleep went on");
    assert_ended_by_sigint(status, &stderr);
    assert!(stderr.contains("line 3, in <module>\n    time.sleep(60)\n"), "{stderr}");
    // Only calls, no loop statement: the check at function entry sees it.
    let src = "import sys\nsys.setrecursionlimit(100)\nprint('ready', flush=True)\ndef f(n):\n    try:\n        return f(n + 1)\n    except RecursionError:\n        return f(n + 1)\nf(0)\n";
    let (status, _, stderr) = interrupt(src).expect("recursion went on");
    assert_ended_by_sigint(status, &stderr);
}

#[test]
fn sigint_is_catchable_and_handlers_run() {
    let src = "print('ready', flush=True)\ntry:\n    while True: pass\nexcept KeyboardInterrupt as e:\n    print('caught', repr(e))\n";
    let (status, out, stderr) = interrupt(src).expect("not interrupted");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(out, "caught KeyboardInterrupt()\n");
    let src = "import signal\nhits = []\nsignal.signal(signal.SIGINT, lambda n, f: hits.append(n))\nprint('ready', flush=True)\nwhile not hits: pass\nprint('handled', hits, signal.getsignal(signal.SIGINT) is not signal.default_int_handler)\n";
    let (status, out, stderr) = interrupt(src).expect("handler not run");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(out, "handled [2] True\n");
}
