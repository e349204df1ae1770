//! Syntax errors: messages, locations and the printed form, as CPython
//! 3.13/3.14 reports them.

use super::*;
use crate::SyntaxErrorKind;

/// (message, line, column) of the error `source` gives.
fn located(source: &str) -> (String, u32, u32) {
    let e = error(source);
    (e.msg, e.line, e.col)
}

fn check(source: &str, msg: &str, line: u32, col: u32) {
    assert_eq!(
        located(source),
        (msg.to_string(), line, col),
        "for {source:?}"
    );
}

#[test]
fn unclosed_bracket_prints_like_cpython() {
    let e = compile("a = 1\nb = 2\nx = (1,\n", "bad.py", Mode::Module).err();
    assert_eq!(
        e.map(|e| e.to_string()).as_deref(),
        Some(
            "  File \"bad.py\", line 3\n    x = (1,\n        ^\nSyntaxError: '(' was never closed"
        )
    );
    check("x = [1, 2\ny = 3\n", "'[' was never closed", 1, 5);
    check("f(\n  a,\n  b\nx = 1\n", "'(' was never closed", 1, 2);
    check("x = {1: 2,\n\ny = 3", "'{' was never closed", 1, 5);
}

#[test]
fn mismatched_and_unmatched_brackets() {
    check(
        "x = (]\n",
        "closing parenthesis ']' does not match opening parenthesis '('",
        1,
        6,
    );
    check("x = )\n", "unmatched ')'", 1, 5);
}

#[test]
fn indentation_errors() {
    let e = error("if x:\n    a\n  b\n");
    assert_eq!(e.kind, SyntaxErrorKind::Indentation);
    assert_eq!(
        e.to_string(),
        "  File \"test.py\", line 3\n    b\n     ^\nIndentationError: unindent does not match any outer indentation level"
    );
    let e = error("x = 1\n  y = 2\n");
    assert_eq!(
        (e.kind, e.msg.as_str(), e.line),
        (SyntaxErrorKind::Indentation, "unexpected indent", 2)
    );
    assert_eq!(
        e.to_string(),
        "  File \"test.py\", line 2\n    y = 2\nIndentationError: unexpected indent"
    );
    let e = error("if x:\npass\n");
    assert_eq!(e.kind, SyntaxErrorKind::Indentation);
    assert_eq!(
        e.to_string(),
        "  File \"test.py\", line 2\n    pass\n    ^^^^\nIndentationError: expected an indented block after 'if' statement on line 1"
    );
    check(
        "def f(a,\n      b):\n  pass\n\nclass C:\n\nx = 1\n",
        "expected an indented block after class definition on line 5",
        7,
        1,
    );
    check(
        "try:\n  pass\nexcept* E:\nx = 1\n",
        "expected an indented block after 'except*' statement on line 3",
        4,
        1,
    );
    let e = error("def f():\n\tif x:\n        a\n");
    assert_eq!(
        (e.kind, e.msg.as_str()),
        (
            SyntaxErrorKind::Tab,
            "inconsistent use of tabs and spaces in indentation"
        )
    );
    assert!(e
        .to_string()
        .ends_with("TabError: inconsistent use of tabs and spaces in indentation"));
}

#[test]
fn invalid_characters_and_tokens() {
    let e = error("x = €\n");
    assert_eq!(
        e.to_string(),
        "  File \"test.py\", line 1\n    x = €\n        ^\nSyntaxError: invalid character '€' (U+20AC)"
    );
    // CPython's tokenizer passes ASCII punctuation on to the parser.
    check("x = $\n", "invalid syntax", 1, 5);
    check(
        "x = \"abc\n",
        "unterminated string literal (detected at line 1)",
        1,
        5,
    );
    check(
        "\"\"\"abc\n\nd",
        "unterminated triple-quoted string literal (detected at line 3)",
        1,
        1,
    );
    check("x = 0777\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5);
    check("x = 1_\n", "invalid decimal literal", 1, 6);
    check(
        "x = \\ 1\n",
        "unexpected character after line continuation character",
        1,
        6,
    );
    check("x = 1 2\n", "invalid syntax", 1, 7);
    check(
        "print 'hi'\n",
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        1,
        1,
    );
    check(
        "f'{x!z}'\n",
        "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'",
        1,
        6,
    );
    check(
        "x = 'a\0'\n",
        "source code string cannot contain null bytes",
        1,
        7,
    );
    check(
        "x = b'a' 'b'\n",
        "cannot mix bytes and nonbytes literals",
        1,
        5,
    );
}

#[test]
fn invalid_targets() {
    check(
        "1 = x\n",
        "cannot assign to literal here. Maybe you meant '==' instead of '='?",
        1,
        1,
    );
    check(
        "f() = 1\n",
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
        1,
    );
    check("True = 1\n", "cannot assign to True", 1, 1);
    check("for 1 in x: pass\n", "cannot assign to literal", 1, 5);
    check("del f()\n", "cannot delete function call", 1, 5);
    check(
        "x() += 1\n",
        "'function call' is an illegal expression for augmented assignment",
        1,
        1,
    );
    check(
        "a, *b, *c = d\n",
        "multiple starred expressions in assignment",
        1,
        1,
    );
    check(
        "*a = x\n",
        "starred assignment target must be in a list or tuple",
        1,
        1,
    );
    check("x = *a\n", "can't use starred expression here", 1, 5);
    check("__debug__ = 1\n", "cannot assign to __debug__", 1, 1);
}

#[test]
fn statements_in_the_wrong_place() {
    let e = error("class C:\n    return 1\n");
    assert_eq!(
        e.to_string(),
        "  File \"test.py\", line 2\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function"
    );
    check(
        "for x in y:\n  pass\nelse:\n  break\n",
        "'break' outside loop",
        4,
        3,
    );
    check(
        "while x:\n    def f():\n        continue\n",
        "'continue' not properly in loop",
        3,
        9,
    );
    check("yield x\n", "'yield' outside function", 1, 1);
    check(
        "def f():\n    await x\n",
        "'await' outside async function",
        2,
        5,
    );
    check("await x\n", "'await' outside function", 1, 1);
    check(
        "def f():\n    [x async for x in y]\n",
        "asynchronous comprehension outside of an asynchronous function",
        2,
        5,
    );
    check(
        "def f():\n    async with x: pass\n",
        "'async with' outside async function",
        2,
        5,
    );
    check(
        "async def f():\n    yield 1\n    return 2\n",
        "'return' with value in async generator",
        3,
        5,
    );
    check(
        "def f():\n    [(yield 1) for x in y]\n",
        "'yield' inside list comprehension",
        2,
        7,
    );
    check(
        "try:\n  pass\nexcept* E:\n  return\n",
        "'return' outside function",
        4,
        3,
    );
    check(
        "def f():\n  try:\n    pass\n  except* E:\n    return\n",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        5,
        5,
    );
    check(
        "def f():\n    from x import *\n",
        "import * only allowed at module level",
        2,
        19,
    );
    check(
        "import x\nfrom __future__ import annotations\n",
        "from __future__ imports must occur at the beginning of the file",
        2,
        1,
    );
    check("from __future__ import braces\n", "not a chance", 1, 1);
}

#[test]
fn global_and_nonlocal_errors() {
    check(
        "nonlocal x\n",
        "nonlocal declaration not allowed at module level",
        1,
        1,
    );
    let e = error("def f():\n    nonlocal x\n");
    assert_eq!(
        e.to_string(),
        "  File \"test.py\", line 2\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'x' found"
    );
    check(
        "def f():\n    x\n    global x\n",
        "name 'x' is used prior to global declaration",
        3,
        5,
    );
    check(
        "def f():\n    x = 1\n    global x\n",
        "name 'x' is assigned to before global declaration",
        3,
        5,
    );
    check(
        "def f(x):\n    global x\n",
        "name 'x' is parameter and global",
        2,
        5,
    );
    check(
        "def f():\n    global x\n    x: int\n",
        "annotated name 'x' can't be global",
        3,
        5,
    );
    check(
        "def f(a):\n    def g():\n        nonlocal a\n        global a\n",
        "name 'a' is nonlocal and global",
        3,
        9,
    );
    check(
        "class C:\n    def f(self):\n        nonlocal __x\n",
        "no binding for nonlocal '_C__x' found",
        3,
        9,
    );
    check(
        "def f(a, a): pass\n",
        "duplicate argument 'a' in function definition",
        1,
        10,
    );
    check("f(a=1, a=2)\n", "keyword argument repeated: a", 1, 8);
    check(
        "[i := 0 for i in y]\n",
        "assignment expression cannot rebind comprehension iteration variable 'i'",
        1,
        2,
    );
    check(
        "[x for x in (y := z)]\n",
        "assignment expression cannot be used in a comprehension iterable expression",
        1,
        14,
    );
    check(
        "class C:\n    [(y := 1) for x in z]\n",
        "assignment expression within a comprehension cannot be used in a class body",
        2,
        7,
    );
}

#[test]
fn symbol_table_errors_come_before_compiler_errors() {
    // CPython reports the scope error although the `return` comes first.
    check(
        "return 1\ndef f():\n    nonlocal x\n",
        "no binding for nonlocal 'x' found",
        3,
        5,
    );
}

#[test]
fn pattern_errors() {
    check(
        "match x:\n case y: pass\n case 1: pass\n",
        "name capture 'y' makes remaining patterns unreachable",
        2,
        7,
    );
    check(
        "match x:\n case _: pass\n case 1: pass\n",
        "wildcard makes remaining patterns unreachable",
        2,
        7,
    );
    check(
        "match x:\n case [a, a]: pass\n",
        "multiple assignments to name 'a' in pattern",
        2,
        11,
    );
    check(
        "match x:\n case [a] | [b]: pass\n",
        "alternative patterns bind different names",
        2,
        7,
    );
    check(
        "match x:\n case [*a, *b]: pass\n",
        "multiple starred names in sequence pattern",
        2,
        7,
    );
    check(
        "match x:\n case C(x=1, x=2): pass\n",
        "attribute name repeated in class pattern: x",
        2,
        16,
    );
    check(
        "match x:\n case y | 1: pass\n",
        "name capture 'y' makes remaining patterns unreachable",
        2,
        7,
    );
}
