//! Inputs nested far beyond what a recursive parser, analysis or lowering
//! can follow on a normal stack: each must give a clean `SyntaxError`.

use super::*;

fn rejected(source: &str) -> SyntaxError {
    let error = error(source);
    assert!(
        error.msg.contains("too"),
        "unexpected message: {}",
        error.msg
    );
    error
}

#[test]
fn ten_megabytes_of_open_parentheses() {
    let e = rejected(&"(".repeat(10 << 20));
    assert_eq!(e.msg, "too many nested parentheses");
    // The 201st bracket, as CPython reports it.
    assert_eq!((e.line, e.col), (1, 201));
}

#[test]
fn two_hundred_brackets_are_fine_but_not_more() {
    let ok = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
    ir(&ok);
    let e = rejected(&format!("x = {}1{}", "[".repeat(201), "]".repeat(201)));
    assert_eq!(
        (e.msg.as_str(), e.col),
        ("too many nested parentheses", 205)
    );
}

#[test]
fn one_megabyte_of_unary_minus() {
    rejected(&format!("x = {}1", "-".repeat(1 << 20)));
}

#[test]
fn one_megabyte_of_not() {
    rejected(&format!("x = {}y", "not ".repeat(1 << 18)));
}

#[test]
fn deeply_nested_lists() {
    let depth = 1 << 20;
    rejected(&format!("x = {}{}", "[".repeat(depth), "]".repeat(depth)));
}

#[test]
fn long_chains_of_binary_operators_attributes_and_calls() {
    rejected(&format!("x = 1{}", "+1".repeat(1 << 19)));
    rejected(&format!("x = a{}", ".b".repeat(1 << 19)));
    rejected(&format!("x = f{}", "()".repeat(1 << 19)));
    rejected(&format!("x = a{}", "[0]".repeat(1 << 18)));
    rejected(&format!("x = 2{}", "**2".repeat(1 << 18)));
    rejected(&format!("x = a{}", " and b".repeat(1 << 18)));
}

#[test]
fn long_chains_of_lambdas_conditionals_and_awaits() {
    rejected(&format!("x = {}1", "lambda: ".repeat(1 << 17)));
    rejected(&format!("x = 1{}", " if a else 1".repeat(1 << 17)));
    rejected(&format!(
        "async def f():\n    return {}x",
        "await ".repeat(1 << 17)
    ));
}

#[test]
fn nested_fstrings_and_replacement_fields() {
    let depth = 1 << 16;
    let e = rejected(&format!(
        "x = {}1{}",
        "f'{".repeat(depth),
        "}'".repeat(depth)
    ));
    assert!(e.msg == "too many nested f-strings" || e.msg == "too many nested parentheses");
    rejected(&format!(
        "x = f'{{{}1{}}}'",
        "(".repeat(depth),
        ")".repeat(depth)
    ));
}

#[test]
fn deep_indentation() {
    let mut source = String::new();
    for level in 0..2000 {
        source.push_str(&" ".repeat(level));
        source.push_str("if x:\n");
    }
    source.push_str(&" ".repeat(2000));
    source.push_str("pass\n");
    let e = rejected(&source);
    assert_eq!(e.kind, crate::SyntaxErrorKind::Indentation);
    // Line 101 is the first with 100 levels, one more than CPython allows.
    assert_eq!(
        (e.msg.as_str(), e.line),
        ("too many levels of indentation", 101)
    );
}

#[test]
fn moderate_nesting_still_compiles() {
    ir(&format!("x = {}1", "-".repeat(1000)));
    ir(&format!("x = 1{}", "+1".repeat(1000)));
    ir(&format!("x = {}1{}", "[".repeat(150), "]".repeat(150)));
    ir(&format!("x = {}1", "lambda: ".repeat(500)));
}

#[test]
fn long_flat_sequences_are_not_nesting() {
    ir(&format!("x = [{}]", "1, ".repeat(100_000)));
    ir(&"x = 1\n".repeat(50_000));
}

#[test]
fn long_flat_lists_that_nest_in_the_ir() {
    // `elif` chains, decorators and `with` items each nest one level.
    let elifs = format!("if a:\n    pass\n{}", "elif b:\n    pass\n".repeat(100_000));
    rejected(&elifs);
    rejected(&format!("{}def f(): pass\n", "@d\n".repeat(100_000)));
    rejected(&format!("with {}a: pass\n", "a, ".repeat(100_000)));
    ir(&format!(
        "if a:\n    pass\n{}",
        "elif b:\n    pass\n".repeat(500)
    ));
}
