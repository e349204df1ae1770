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

/// Run `source` through `protopy -` and return (exit code, stdout, stderr).
fn run_with_output(source: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_protopy"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn protopy");
    let mut stdin = child.stdin.take().expect("stdin");
    let src = source.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&src);
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// `source` runs to completion and prints `expected` (CPython 3.13's output).
fn expect_output(source: &str, expected: &str) {
    let (code, stdout, stderr) = run_with_output(source);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, expected, "{stderr}");
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
fn million_deep_nesting_in_source() {
    let n = 1_000_000;
    let nested = |open: &str, close: &str| format!("x = {}{}\n", open.repeat(n), close.repeat(n));
    // CPython's messages.
    expect_error(nested("[", "]").as_bytes(), "SyntaxError: too many nested parentheses");
    expect_error(nested("{", "}").as_bytes(), "SyntaxError: too many nested parentheses");
    expect_error(nested("f(", ")").as_bytes(), "SyntaxError: too many nested parentheses");
    let fstrings = format!("x = f\"{}{}\"\n", "{f\"".repeat(200), "\"}".repeat(200));
    expect_error(fstrings.as_bytes(), "SyntaxError: too many nested f-strings");
    let blocks: String = (0..200).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(200) + "pass\n";
    expect_error(blocks.as_bytes(), "IndentationError: too many levels of indentation");
    // CPython gives MemoryError or RecursionError while compiling these;
    // here the front end refuses them with a SyntaxError before parsing.
    for src in [
        format!("x = {}1\n", "lambda: ".repeat(n)),
        format!("x = 1{}\n", " + 1".repeat(n)),
        format!("x = {}b\n", "a.".repeat(n)),
        format!("x = {}1\n", "1 if 1 else ".repeat(n)),
    ] {
        expect_error(src.as_bytes(), "SyntaxError: too complex: expression nested too deeply");
    }
}

#[test]
fn dropping_million_deep_structures() {
    // Found by fuzzing: dropping a dict nested a few hundred thousand deep
    // recursed once per level and overflowed the stack.
    let src = r#"
def nest(make, n):
    x = None
    for i in range(n):
        x = make(x)
    return x
for make in (lambda x: [x], lambda x: {1: x}, lambda x: (x,), lambda x: [(x, {0: x})]):
    x = nest(make, 10**6)
    del x
    print('dropped')
x = nest(lambda x: {'k': [x]}, 10**6)
print('kept until exit')
"#;
    expect_output(src, "dropped\ndropped\ndropped\ndropped\nkept until exit\n");
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
fn absurd_allocations_are_memory_errors() {
    let src = r#"
for src in ["bytes(10**15)", "bytearray(10**15)", "[None] * 2**62", "b'x' * 10**15", "(1,) * 10**15",
            "'ab'.ljust(10**15)", "list(range(10**15))", "'{:10000000000000}'.format(1)", "[0] * 10**15 + [1]",
            "'x'.zfill(10**15)", "format(1.5, '10000000000000')"]:
    try:
        eval(src)
        print(src, 'ok')
    except MemoryError as e:
        print(repr(e))
print('still running')
"#;
    expect_output(src, &("MemoryError()\n".repeat(11) + "still running\n"));
}

#[test]
fn huge_int_to_string() {
    expect_error(b"x = 10 ** 5000\ns = str(x)\n", "ValueError: Exceeds the limit (4300 digits) for integer string conversion");
    expect_error(b"int('1' * 5000)\n", "ValueError: Exceeds the limit (4300 digits) for integer string conversion");
}

#[test]
fn int_string_conversion_limit() {
    let limit = "Exceeds the limit (4300 digits) for integer string conversion";
    let src = r#"
import sys
x = 10 ** 10 ** 7
print(x.bit_length(), sys.get_int_max_str_digits(), sys.int_info.default_max_str_digits)
def attempt(f):
    try:
        r = f()
        print('ok', len(r) if isinstance(r, str) else r.bit_length())
    except ValueError as e:
        print(e)
y = 10 ** 5000
for f in (lambda: str(x), lambda: repr(y), lambda: f"{y}", lambda: '%d' % y, lambda: format(y, ','),
          lambda: '{}'.format(-y), lambda: hex(y), lambda: str(10 ** 4299), lambda: str(-10 ** 4299),
          lambda: str(10 ** 4300), lambda: int('1' * 5000), lambda: int('0' * 4301), lambda: int('1_' * 3000 + '1'),
          lambda: int('1' * 5000, 3), lambda: int('1' * 5000, 16), lambda: int(' ' + '7' * 4301 + ' ', 0)):
    attempt(f)
for v in (639, -1, 0, 5001):
    try:
        sys.set_int_max_str_digits(v)
        print('limit', sys.get_int_max_str_digits())
    except ValueError as e:
        print(e)
attempt(lambda: str(y))
attempt(lambda: str(y * 10))
"#;
    let expected = format!(
        "33219281 4300 4300\n\
         {limit}; use sys.set_int_max_str_digits() to increase the limit\n\
         {limit}; use sys.set_int_max_str_digits() to increase the limit\n\
         {limit}; use sys.set_int_max_str_digits() to increase the limit\n\
         {limit}; use sys.set_int_max_str_digits() to increase the limit\n\
         {limit}; use sys.set_int_max_str_digits() to increase the limit\n\
         {limit}; use sys.set_int_max_str_digits() to increase the limit\n\
         ok 4155\n\
         ok 4300\n\
         ok 4301\n\
         {limit}; use sys.set_int_max_str_digits() to increase the limit\n\
         {limit}: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit\n\
         {limit}: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit\n\
         ok 9966\n\
         {limit}: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit\n\
         ok 19997\n\
         {limit}: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit\n\
         maxdigits must be 0 or larger than 640\n\
         maxdigits must be 0 or larger than 640\n\
         limit 0\n\
         limit 5001\n\
         ok 5001\n\
         Exceeds the limit (5001 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit\n"
    );
    expect_output(src, &expected);
}

#[test]
fn user_hash_and_eq_that_mutate_containers() {
    // A key's `__eq__` or `__hash__` or a sort's `__lt__` mutates the very
    // container being searched or sorted: CPython's results, no hang.
    let src = r#"
class E:
    def __hash__(self): return 1
    def __eq__(self, o):
        s.clear(); return False
s = set()
for i in range(20): s.add(E())
print(len(s))
class A:
    def __hash__(self): return 0
print(len({A(), 0}), len({..., 0}), len({NotImplemented, 0.0}))
class M:
    def __init__(self, v): self.v = v
    def __lt__(self, other):
        L.append(M(0)); L.pop(0)
        return self.v < other.v
L = [M(i) for i in (3, 1, 2)]
try:
    L.sort()
except ValueError as e: print('VE', e)
class E2:
    def __eq__(self, other):
        L2.clear()
        return False
    __hash__ = object.__hash__
L2 = [1, 2, 3, 4]
print(E2() in L2, L2)
L2 = [1, 2, 3, 4]
print(L2.count(E2()), L2)
L2 = [1, 2, 3]
try: L2.remove(E2())
except ValueError as e: print(e)
s = set(range(5))
class H:
    def __hash__(self):
        s.clear(); return 1
    def __eq__(self, o): return False
s.add(H()); print(len(s))
d = {i: i for i in range(5)}
class H2:
    def __hash__(self):
        d.clear(); return 2
    def __eq__(self, o):
        d[99] = 1; return False
print(d.get(H2()), len(d))
d = {H2(): 1}
d.pop(H2(), None); print(len(d))
lst = [E2(), E2()]
class F:
    def __eq__(self, o):
        lst.append(1); return len(lst) > 50
print(F() in lst, len(lst))
class G:
    def __hash__(self): return 7
    def __eq__(self, o):
        dd.clear(); return False
dd = {G(): 1, 'a': 2}
try:
    for k in dd:
        dd.get(G())
except RuntimeError as e: print('RE', e)
class Key:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        data.clear()
        return self.v < o.v
data = [Key(i) for i in range(10)]
r = sorted(data)
print([k.v for k in r], len(data))
"#;
    let expected = "1\n2 2 2\nVE list modified during sort\nFalse []\n0 []\nlist.remove(x): x not in list\n1\nNone 0\n0\nFalse 2\nRE dictionary changed size during iteration\n[0, 1, 2, 3, 4, 5, 6, 7, 8, 9] 0\n";
    expect_output(src, expected);
}

#[test]
fn finalizer_that_resurrects() {
    // `__del__` runs once per object (PEP 442) when its last reference
    // goes, before the next statement; storing `self` keeps it alive.
    let src = r#"
saved = []
class R:
    count = 0
    def __init__(self, n): self.n = n
    def __del__(self):
        R.count += 1
        print('del', self.n, R.count)
        saved.append(self)
r = R(1)
del r
print(len(saved), saved[0].n)
r = saved.pop()
r.n = 10
del r
print('after second drop', len(saved), R.count)
def f():
    local = R(2)
    return 5
print(f())
print(len(saved), R.count)
saved.clear()
d = {'k': R(3)}
d['k'] = None
print('replaced', [s.n for s in saved])
lst = [R(4)]
lst.clear()
print('cleared', sorted(s.n for s in saved))
class Chain:
    def __init__(self, n): self.n = n
    def __del__(self):
        if self.n:
            Chain(self.n - 1)
        else:
            print('chain done')
Chain(50)
print('end')
class E(Exception):
    def __del__(self):
        print('exc del', self.args)
try:
    raise E('x')
except E:
    pass
print('finally')
"#;
    let expected = "del 1 1\n1 1\nafter second drop 0 1\ndel 2 2\n5\n1 2\ndel 3 3\nreplaced [3]\ndel 4 4\ncleared [3, 4]\nchain done\nend\nexc del ('x',)\nfinally\n";
    expect_output(src, expected);
}

#[test]
fn finalizer_that_raises_is_reported_and_ignored() {
    let src = "class Bad:\n    def __del__(self):\n        raise ValueError('in del')\nb = Bad()\ndel b\nprint('after')\n";
    let (code, stdout, stderr) = run_with_output(src);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "after\n");
    assert!(stderr.starts_with("Exception ignored in: <function Bad.__del__ at 0x"), "{stderr}");
    assert!(stderr.ends_with("Traceback (most recent call last):\n  File \"<stdin>\", line 3, in __del__\n    raise ValueError('in del')\nValueError: in del\n"), "{stderr}");
}

#[test]
fn containers_operated_on_with_themselves() {
    // Found by fuzzing: `a < a` on a bytearray locked it twice and hung.
    let src = r#"
a = bytearray(b'ab')
print(a < a, a == a, a <= a, a.find(a), a in a, a + a, a.count(a), a.startswith(a))
a.extend(a)
print(a)
l = [1]
l += l
l.extend(l)
print(l, l == l)
l.append(l)
print(repr(l), l == l)
d = {1: 2}
d.update(d)
d |= d
print(d == d, d)
d[3] = d
print(repr(d))
s = {1}
s |= s
s &= s
print(s == s, s <= s)
s ^= s
print(s)
s = {1}
s -= s
print(s)
"#;
    expect_output(src, "False True True 0 True bytearray(b'abab') 1 True\nbytearray(b'abab')\n[1, 1, 1, 1] True\n[1, 1, 1, 1, [...]] True\nTrue {1: 2}\n{1: 2, 3: {...}}\nTrue True\nset()\nset()\n");
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
    // 'ready' is printed inside f: under load the signal may otherwise
    // land at the call of f, before the loop.
    let src = "def f():\n    print('ready', flush=True)\n    while True:\n        pass\nf()\n";
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

#[test]
fn sigint_interrupts_lock_and_join_waits() {
    let waits = [
        ("import threading\nl = threading.Lock()\nl.acquire()\nprint('ready', flush=True)\nl.acquire()\n", "    l.acquire()\n"),
        (
            "import threading, time\nt = threading.Thread(target=time.sleep, args=(60,), daemon=True)\nt.start()\nprint('ready', flush=True)\nt.join()\n",
            "    t.join()\n",
        ),
        ("import threading\nc = threading.Condition()\nprint('ready', flush=True)\nwith c:\n    c.wait()\n", "    c.wait()\n"),
    ];
    for (src, line) in waits {
        let (status, _, stderr) = interrupt(src).expect("the wait went on");
        assert_ended_by_sigint(status, &stderr);
        assert!(stderr.contains(line), "{stderr}");
    }
}
