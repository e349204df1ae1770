//! Expected results generated with CPython 3.13.
#![allow(clippy::type_complexity)] // literal tables of tuples

use super::*;
use crate::num::{parse_int, IntValue};

/// A `%` argument, as the caller would have converted it.
enum Arg {
    I(&'static str),
    F(f64),
    S(&'static str),
}

/// A miniature `str.__mod__` over the pieces, enough to drive the helpers.
fn apply(fmt: &str, args: &[(&str, Arg)]) -> String {
    let pieces = parse_printf(fmt).expect("valid format");
    let mut next = 0;
    let mut out = String::new();
    for piece in &pieces {
        let spec = match piece {
            PrintfPiece::Literal(text) => {
                out.push_str(text);
                continue;
            }
            PrintfPiece::Spec(spec) => spec,
        };
        let arg = match &spec.key {
            Some(key) => &args.iter().find(|(k, _)| k == key).expect("key").1,
            None => {
                next += 1;
                &args[next - 1].1
            }
        };
        let num = |s: &Option<Star>| match s {
            Some(Star::Num(n)) => Some(*n),
            _ => None,
        };
        let (width, precision) = (num(&spec.width), num(&spec.precision));
        let text = match (arg, spec.conv) {
            (Arg::I(v), 'd' | 'i' | 'u' | 'o' | 'x' | 'X') => {
                let v: IntValue = parse_int(v, 10).expect("int literal");
                printf_int(v.as_ref(), spec, width, precision)
            }
            (Arg::F(x), _) if spec.conv != 's' && spec.conv != 'r' => {
                printf_float(*x, spec, width, precision)
            }
            (Arg::F(x), _) => printf_pad(&crate::format::float_repr(*x), spec, width, precision),
            (Arg::I(v), _) => printf_pad(v, spec, width, precision),
            (Arg::S(s), 'r') => printf_pad(&crate::format::str_repr(s), spec, width, precision),
            (Arg::S(s), _) => printf_pad(s, spec, width, precision),
        };
        out.push_str(&text);
    }
    out
}

#[test]
fn printf_matches_cpython() {
    for (fmt, args, want) in CASES {
        assert_eq!(apply(fmt, args), *want, "{fmt:?}");
    }
}

#[test]
fn parse_errors_match_cpython() {
    for &(fmt, want) in PARSE_ERRORS {
        let got = parse_printf(fmt).err().unwrap_or_else(|| "OK".to_string());
        assert_eq!(got, want, "{fmt:?}");
    }
}

#[test]
fn partial_parse_keeps_the_good_pieces() {
    let (pieces, err) = parse_printf_partial("a%s %*y");
    assert_eq!(pieces.len(), 3);
    let err = err.expect("error");
    assert_eq!(
        err.message,
        "unsupported format character 'y' (0x79) at index 6"
    );
    assert_eq!(err.spec.map(|s| s.width), Some(Some(Star::FromArgs)));
    let (_, err) = parse_printf_partial("%(ab");
    assert_eq!(
        err.and_then(|e| e.partial).and_then(|s| s.key),
        Some("ab".to_string())
    );
    let (_, err) = parse_printf_partial("%*.99999999999999999999d");
    let err = err.expect("error");
    assert_eq!(
        (err.message.as_str(), err.spec),
        ("precision too big", None)
    );
    assert_eq!(err.partial.and_then(|s| s.width), Some(Star::FromArgs));
    let (_, err) = parse_printf_partial("%");
    assert_eq!(
        err.map(|e| (e.spec, e.partial.is_some())),
        Some((None, true))
    );
    let pieces = parse_printf("%(k)-+ #012.*lf%%").expect("valid");
    let want = PrintfSpec {
        key: Some("k".to_string()),
        left: true,
        plus: true,
        space: true,
        alternate: true,
        zero: true,
        width: Some(Star::Num(12)),
        precision: Some(Star::FromArgs),
        conv: 'f',
    };
    assert_eq!(
        pieces,
        vec![
            PrintfPiece::Spec(want),
            PrintfPiece::Literal("%".to_string())
        ]
    );
}

#[rustfmt::skip]
const CASES: &[(&str, &[(&str, Arg)], &str)] = &[
    ("%5s|%-5s|%05d", &[("", Arg::S("ab")), ("", Arg::S("cd")), ("", Arg::I("42"))], "   ab|cd   |00042"),
    ("%.1f%%", &[("", Arg::F(1.25))], "1.2%"),
    ("%d", &[("", Arg::I("1267650600228229401496703205376"))], "1267650600228229401496703205376"),
    ("%i %u", &[("", Arg::I("-3")), ("", Arg::I("-4"))], "-3 -4"),
    ("% d", &[("", Arg::I("0"))], " 0"),
    ("%0-5d|", &[("", Arg::I("1"))], "1    |"),
    ("%#o", &[("", Arg::I("8"))], "0o10"),
    ("%#x", &[("", Arg::I("-255"))], "-0xff"),
    ("%+.3d", &[("", Arg::I("5"))], "+005"),
    ("%05s", &[("", Arg::S("ab"))], "   ab"),
    ("%.2s", &[("", Arg::S("abc"))], "ab"),
    ("%#.0f", &[("", Arg::F(1.0))], "1."),
    ("% 05d", &[("", Arg::I("-3"))], "-0003"),
    ("%#08x", &[("", Arg::I("255"))], "0x0000ff"),
    ("%-05d|", &[("", Arg::I("3"))], "3    |"),
    ("%010f", &[("", Arg::F(f64::INFINITY))], "0000000inf"),
    ("%e", &[("", Arg::F(1e+100_f64))], "1.000000e+100"),
    ("%G", &[("", Arg::F(1e-20_f64))], "1E-20"),
    ("%#g", &[("", Arg::F(1.0))], "1.00000"),
    ("%+.0e", &[("", Arg::F(12345.0))], "+1e+04"),
    ("% f", &[("", Arg::F(f64::NAN))], " nan"),
    ("%F", &[("", Arg::F(f64::INFINITY))], "INF"),
    ("%E", &[("", Arg::F(f64::NEG_INFINITY))], "-INF"),
    ("%-8.3f|", &[("", Arg::F(-1.0))], "-1.000  |"),
    ("%010.3f", &[("", Arg::F(-1.5))], "-00001.500"),
    ("%+010d", &[("", Arg::I("42"))], "+000000042"),
    ("%#5o", &[("", Arg::I("8"))], " 0o10"),
    ("%#05X", &[("", Arg::I("255"))], "0X0FF"),
    ("%.5x", &[("", Arg::I("-255"))], "-000ff"),
    ("%#.5x", &[("", Arg::I("255"))], "0x000ff"),
    ("%#010.5x", &[("", Arg::I("255"))], "0x000000ff"),
    ("%-#10.5x|", &[("", Arg::I("255"))], "0x000ff   |"),
    ("%.0f %.0f %.0f %.0f", &[("", Arg::F(0.5)), ("", Arg::F(1.5)), ("", Arg::F(2.5)), ("", Arg::F(-0.5))], "0 2 2 -0"),
    ("%.1f %.2f", &[("", Arg::F(0.25)), ("", Arg::F(2.675))], "0.2 2.67"),
    ("%.20f", &[("", Arg::F(0.1))], "0.10000000000000000555"),
    ("%5c|", &[("", Arg::S("x"))], "    x|"),
    ("%.0c|%3.1c|", &[("", Arg::S("x")), ("", Arg::S("y"))], "x|  y|"),
    ("%ld %hd %Li", &[("", Arg::I("1")), ("", Arg::I("2")), ("", Arg::I("3"))], "1 2 3"),
    ("%g %g %g", &[("", Arg::F(1e-05_f64)), ("", Arg::F(123456789.0)), ("", Arg::F(0.0001))], "1e-05 1.23457e+08 0.0001"),
    ("%#.3g|%#.0e", &[("", Arg::F(100.0)), ("", Arg::F(5.0))], "100.|5.e+00"),
    ("%5.1s|", &[("", Arg::S("xyz"))], "    x|"),
    ("%-6r|", &[("", Arg::S("a"))], "'a'   |"),
    ("%(a)s-%(b)05.1f", &[("a", Arg::S("x")), ("b", Arg::F(2.25))], "x-002.2"),
    ("%(a(b))s", &[("a(b)", Arg::I("1"))], "1"),
    ("%%%s%%", &[("", Arg::S("x"))], "%x%"),
    ("%X", &[("", Arg::I("3054"))], "BEE"),
    ("%o", &[("", Arg::I("-8"))], "-10"),
    ("%3d|%-3d|", &[("", Arg::I("12345")), ("", Arg::I("1"))], "12345|1  |"),
    ("%.3d|%.0d", &[("", Arg::I("-7")), ("", Arg::I("0"))], "-007|0"),
];
#[rustfmt::skip]
const PARSE_ERRORS: &[(&str, &str)] = &[
    ("%", "incomplete format"),
    ("abc%", "incomplete format"),
    ("%(a", "incomplete format key"),
    ("%y", "unsupported format character 'y' (0x79) at index 1"),
    ("%\u{1}", "unsupported format character '?' (0x1) at index 1"),
    ("%é", "unsupported format character '?' (0xe9) at index 1"),
    ("%5%", "unsupported format character '%' (0x25) at index 2"),
    ("%-5%", "unsupported format character '%' (0x25) at index 3"),
    ("%(a)%", "unsupported format character '%' (0x25) at index 4"),
    ("%hh", "unsupported format character 'h' (0x68) at index 2"),
    ("%h", "incomplete format"),
    ("%5", "incomplete format"),
    ("%.", "incomplete format"),
    ("%*", "incomplete format"),
    ("%.*", "incomplete format"),
    ("%99999999999999999999d", "width too big"),
    ("%.99999999999999999999d", "precision too big"),
    ("%.2147483648d", "precision too big"),
    ("%3$d", "unsupported format character '$' (0x24) at index 2"),
    ("%z", "unsupported format character 'z' (0x7a) at index 1"),
    ("%(x", "incomplete format key"),
    ("%(a)(b", "unsupported format character '(' (0x28) at index 4"),
    ("%(a)", "incomplete format"),
];
