//! Expected values generated with CPython 3.13 as the oracle.

use super::super::*;
use std::borrow::Cow;

fn lit(text: &str) -> FormatPiece<'_> {
    FormatPiece::Literal(Cow::Borrowed(text))
}

fn field<'a>(
    arg: FieldArg<'a>,
    accessors: Vec<Accessor<'a>>,
    conversion: Option<char>,
    spec: &'a str,
) -> FormatPiece<'a> {
    FormatPiece::Field(FieldRef {
        arg,
        accessors,
        conversion,
        spec,
    })
}

type Expected = Result<Vec<FormatPiece<'static>>, &'static str>;

/// (format string, pieces or error), from `_string.formatter_parser` and
/// `_string.formatter_field_name_split`.
#[rustfmt::skip]
fn cases() -> Vec<(&'static str, Expected)> {
    vec![
        ("", Ok(vec![])),
        ("abc", Ok(vec![lit("abc")])),
        ("{{", Ok(vec![lit("{")])),
        ("}}", Ok(vec![lit("}")])),
        ("{{}}", Ok(vec![lit("{"), lit("}")])),
        ("a{{b}}c", Ok(vec![lit("a{"), lit("b}"), lit("c")])),
        ("{", Err("Single '{' encountered in format string")),
        ("}", Err("Single '}' encountered in format string")),
        ("a}", Err("Single '}' encountered in format string")),
        ("a}b", Err("Single '}' encountered in format string")),
        ("{}", Ok(vec![field(FieldArg::Auto, vec![], None, "")])),
        ("{0}", Ok(vec![field(FieldArg::Index(0), vec![], None, "")])),
        ("{a}", Ok(vec![field(FieldArg::Keyword("a"), vec![], None, "")])),
        ("{0.x}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Attr("x")], None, "")])),
        ("{0[1]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Index(1)], None, "")])),
        ("{0[a]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key("a")], None, "")])),
        ("{0[a][b].c}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key("a"), Accessor::Key("b"), Accessor::Attr("c")], None, "")])),
        ("{0!r}", Ok(vec![field(FieldArg::Index(0), vec![], Some('r'), "")])),
        ("{!r:>5}", Ok(vec![field(FieldArg::Auto, vec![], Some('r'), ">5")])),
        ("{0!}", Err("unmatched '{' in format spec")),
        ("{0!r", Err("unmatched '{' in format spec")),
        ("{0!rr}", Err("expected ':' after conversion specifier")),
        ("{0!r:}", Ok(vec![field(FieldArg::Index(0), vec![], Some('r'), "")])),
        ("{:}", Ok(vec![field(FieldArg::Auto, vec![], None, "")])),
        ("{0:{1}}", Ok(vec![field(FieldArg::Index(0), vec![], None, "{1}")])),
        ("{0:{{}}}", Ok(vec![field(FieldArg::Index(0), vec![], None, "{{}}")])),
        ("{0", Err("expected '}' before end of string")),
        ("{0:", Err("unmatched '{' in format spec")),
        ("{0:{", Err("unmatched '{' in format spec")),
        ("{0:}}", Err("Single '}' encountered in format string")),
        ("{0:{}", Err("unmatched '{' in format spec")),
        ("{0[:]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key(":")], None, "")])),
        ("{0[}]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key("}")], None, "")])),
        ("{0[!]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key("!")], None, "")])),
        ("{0[{]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key("{")], None, "")])),
        ("{0}}", Err("Single '}' encountered in format string")),
        ("x{0}y{1}z", Ok(vec![lit("x"), field(FieldArg::Index(0), vec![], None, ""), lit("y"), field(FieldArg::Index(1), vec![], None, ""), lit("z")])),
        ("{0[]}", Err("Empty attribute in format string")),
        ("{0.}", Err("Empty attribute in format string")),
        ("{0..a}", Err("Empty attribute in format string")),
        ("{0[0]x}", Err("Only '.' or '[' may follow ']' in format field specifier")),
        ("{0[0", Err("expected '}' before end of string")),
        ("{0!a}", Ok(vec![field(FieldArg::Index(0), vec![], Some('a'), "")])),
        ("{0!:}", Ok(vec![field(FieldArg::Index(0), vec![], Some(':'), "")])),
        ("{!}", Err("unmatched '{' in format spec")),
        ("{:{:{}}}", Ok(vec![field(FieldArg::Auto, vec![], None, "{:{}}")])),
        ("{a b}", Ok(vec![field(FieldArg::Keyword("a b"), vec![], None, "")])),
        ("{ }", Ok(vec![field(FieldArg::Keyword(" "), vec![], None, "")])),
        ("{0[0]}}", Err("Single '}' encountered in format string")),
        ("{0:x}}", Err("Single '}' encountered in format string")),
        ("}{", Err("Single '}' encountered in format string")),
        ("{}}", Err("Single '}' encountered in format string")),
        ("{{}", Err("Single '}' encountered in format string")),
        ("{0{}", Err("unexpected '{' in field name")),
        ("{0}{", Err("Single '{' encountered in format string")),
        ("{0:}{", Err("Single '{' encountered in format string")),
        ("{0!r:{}}", Ok(vec![field(FieldArg::Index(0), vec![], Some('r'), "{}")])),
        ("{0[0]!r}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Index(0)], Some('r'), "")])),
        ("{0.a!s:<{w}}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Attr("a")], Some('s'), "<{w}")])),
        ("é{0}日本", Ok(vec![lit("é"), field(FieldArg::Index(0), vec![], None, ""), lit("日本")])),
        ("{日本}", Ok(vec![field(FieldArg::Keyword("日本"), vec![], None, "")])),
        ("{0:日本}", Ok(vec![field(FieldArg::Index(0), vec![], None, "日本")])),
        ("{0!日}", Ok(vec![field(FieldArg::Index(0), vec![], Some('日'), "")])),
        ("{0[日]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key("日")], None, "")])),
        ("{0!r}}", Err("Single '}' encountered in format string")),
        ("{0!r:x", Err("unmatched '{' in format spec")),
        ("{!rr", Err("expected ':' after conversion specifier")),
        ("{0!", Err("end of string while looking for conversion specifier")),
        ("{0[0]", Err("expected '}' before end of string")),
        ("{0]}", Ok(vec![field(FieldArg::Keyword("0]"), vec![], None, "")])),
        ("{a[}", Err("expected '}' before end of string")),
        ("{[}", Err("expected '}' before end of string")),
        ("{[}]}", Ok(vec![field(FieldArg::Auto, vec![Accessor::Key("}")], None, "")])),
        ("{0[a]b:x}", Err("Only '.' or '[' may follow ']' in format field specifier")),
        ("{0[[]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key("[")], None, "")])),
        ("{0[]]}", Err("Empty attribute in format string")),
        ("{!r:{!s}}", Ok(vec![field(FieldArg::Auto, vec![], Some('r'), "{!s}")])),
        ("{0:{a:{b}}}", Ok(vec![field(FieldArg::Index(0), vec![], None, "{a:{b}}")])),
        ("{0:{a}", Err("unmatched '{' in format spec")),
        ("{0:}", Ok(vec![field(FieldArg::Index(0), vec![], None, "")])),
        ("{0:{}}}", Err("Single '}' encountered in format string")),
        ("{0![}", Ok(vec![field(FieldArg::Index(0), vec![], Some('['), "")])),
        ("{0!{}", Ok(vec![field(FieldArg::Index(0), vec![], Some('{'), "")])),
        ("{0!{:}", Ok(vec![field(FieldArg::Index(0), vec![], Some('{'), "")])),
        ("{a.b[c].d[0]}", Ok(vec![field(FieldArg::Keyword("a"), vec![Accessor::Attr("b"), Accessor::Key("c"), Accessor::Attr("d"), Accessor::Index(0)], None, "")])),
        ("{[0]}", Ok(vec![field(FieldArg::Auto, vec![Accessor::Index(0)], None, "")])),
        ("{.a}", Ok(vec![field(FieldArg::Auto, vec![Accessor::Attr("a")], None, "")])),
        ("{0.a[}", Err("expected '}' before end of string")),
        ("{0[0]]}", Err("Only '.' or '[' may follow ']' in format field specifier")),
        ("{0[0].}", Err("Empty attribute in format string")),
        ("{0[0][}", Err("expected '}' before end of string")),
        ("{0.a.b}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Attr("a"), Accessor::Attr("b")], None, "")])),
        ("{00}", Ok(vec![field(FieldArg::Index(0), vec![], None, "")])),
        ("{01}", Ok(vec![field(FieldArg::Index(1), vec![], None, "")])),
        ("{-1}", Ok(vec![field(FieldArg::Keyword("-1"), vec![], None, "")])),
        ("{+1}", Ok(vec![field(FieldArg::Keyword("+1"), vec![], None, "")])),
        ("{1a}", Ok(vec![field(FieldArg::Keyword("1a"), vec![], None, "")])),
        ("{99999999999999999999}", Err("Too many decimal digits in format string")),
        ("{0[99999999999999999999]}", Err("Too many decimal digits in format string")),
        ("{0[-1]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key("-1")], None, "")])),
        ("{0[01]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Index(1)], None, "")])),
        ("{0[ 1]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Key(" 1")], None, "")])),
        ("{0.1}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Attr("1")], None, "")])),
        ("{a!r}", Ok(vec![field(FieldArg::Keyword("a"), vec![], Some('r'), "")])),
        ("{a!r:}", Ok(vec![field(FieldArg::Keyword("a"), vec![], Some('r'), "")])),
        ("ab{", Err("Single '{' encountered in format string")),
        ("ab{{", Ok(vec![lit("ab{")])),
        ("ab}}", Ok(vec![lit("ab}")])),
        ("{}{}", Ok(vec![field(FieldArg::Auto, vec![], None, ""), field(FieldArg::Auto, vec![], None, "")])),
        ("{:{}}", Ok(vec![field(FieldArg::Auto, vec![], None, "{}")])),
        ("{0:{:{:{}}}}", Ok(vec![field(FieldArg::Index(0), vec![], None, "{:{:{}}}")])),
        ("{0:{}}{1}", Ok(vec![field(FieldArg::Index(0), vec![], None, "{}"), field(FieldArg::Index(1), vec![], None, "")])),
        ("{ 0}", Ok(vec![field(FieldArg::Keyword(" 0"), vec![], None, "")])),
        ("{0 }", Ok(vec![field(FieldArg::Keyword("0 "), vec![], None, "")])),
        ("{١}", Ok(vec![field(FieldArg::Index(1), vec![], None, "")])),
        ("{0[١]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Index(1)], None, "")])),
        ("{0!r:!}", Ok(vec![field(FieldArg::Index(0), vec![], Some('r'), "!")])),
        ("{0:!r}", Ok(vec![field(FieldArg::Index(0), vec![], None, "!r")])),
        ("{0:[}", Ok(vec![field(FieldArg::Index(0), vec![], None, "[")])),
        ("{0:]}", Ok(vec![field(FieldArg::Index(0), vec![], None, "]")])),
        ("{0[:}", Err("expected '}' before end of string")),
        ("Hello, {name}! You are {age:>{width}.{prec}f} years", Ok(vec![lit("Hello, "), field(FieldArg::Keyword("name"), vec![], None, ""), lit("! You are "), field(FieldArg::Keyword("age"), vec![], None, ">{width}.{prec}f"), lit(" years")])),
        ("{0}{1}{0}", Ok(vec![field(FieldArg::Index(0), vec![], None, ""), field(FieldArg::Index(1), vec![], None, ""), field(FieldArg::Index(0), vec![], None, "")])),
        ("{:{}{}}", Ok(vec![field(FieldArg::Auto, vec![], None, "{}{}")])),
        ("{!s:}", Ok(vec![field(FieldArg::Auto, vec![], Some('s'), "")])),
        ("{0[9223372036854775807]}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Index(9223372036854775807)], None, "")])),
        ("{9223372036854775808}", Err("Too many decimal digits in format string")),
        ("{9223372036854775807}", Ok(vec![field(FieldArg::Index(9223372036854775807), vec![], None, "")])),
        ("{0.__class__.__name__!r:^20}", Ok(vec![field(FieldArg::Index(0), vec![Accessor::Attr("__class__"), Accessor::Attr("__name__")], Some('r'), "^20")])),
        ("{[a][b]}", Ok(vec![field(FieldArg::Auto, vec![Accessor::Key("a"), Accessor::Key("b")], None, "")])),
        ("{a.b.c}", Ok(vec![field(FieldArg::Keyword("a"), vec![Accessor::Attr("b"), Accessor::Attr("c")], None, "")])),
        ("{x!r:>{w}}", Ok(vec![field(FieldArg::Keyword("x"), vec![], Some('r'), ">{w}")])),
        ("no fields at all", Ok(vec![lit("no fields at all")])),
        ("{{{0}}}", Ok(vec![lit("{"), field(FieldArg::Index(0), vec![], None, ""), lit("}")])),
        ("}}{{", Ok(vec![lit("}"), lit("{")])),
        ("{0:{{}}", Err("unmatched '{' in format spec")),
        ("{١٢}", Ok(vec![field(FieldArg::Index(12), vec![], None, "")])),
    ]
}

#[test]
fn format_strings_parse_like_cpython() {
    for (s, expected) in cases() {
        let got = parse_format_string(s);
        match expected {
            Ok(pieces) => assert_eq!(got, Ok(pieces), "{s:?}"),
            Err(message) => assert_eq!(got, Err(message.to_owned()), "{s:?}"),
        }
    }
}

/// (format string, positional index of each field, or the error). Nested
/// spec fields are numbered after their field, as `str.format` does.
type Numbered = Result<&'static [Option<usize>], &'static str>;

#[rustfmt::skip]
const NUMBERING: &[(&str, Numbered)] = &[
    ("{0}{}", Err("cannot switch from manual field specification to automatic field numbering")),
    ("{}{0}", Err("cannot switch from automatic field numbering to manual field specification")),
    ("{a}{}", Ok(&[None, Some(0)])),
    ("{}{a}", Ok(&[Some(0), None])),
    ("{0:{}}", Err("cannot switch from manual field specification to automatic field numbering")),
    ("{:{0}}", Err("cannot switch from automatic field numbering to manual field specification")),
    ("{!r}{}", Ok(&[Some(0), Some(1)])),
    ("{}{}{}", Ok(&[Some(0), Some(1), Some(2)])),
    ("{1}{0}{1}", Ok(&[Some(1), Some(0), Some(1)])),
    ("{}{1}", Err("cannot switch from automatic field numbering to manual field specification")),
];

fn number_fields(
    s: &str,
    numbering: &mut FieldNumbering,
    out: &mut Vec<Option<usize>>,
) -> Result<(), String> {
    for piece in FormatParser::new(s) {
        if let FormatPiece::Field(field) = piece? {
            out.push(numbering.positional_index(&field.arg)?);
            number_fields(field.spec, numbering, out)?;
        }
    }
    Ok(())
}

#[test]
fn field_numbering_matches_python() {
    for &(s, expected) in NUMBERING {
        let mut indices = Vec::new();
        let got = number_fields(s, &mut FieldNumbering::new(), &mut indices).map(|()| indices);
        assert_eq!(
            got,
            expected.map(<[_]>::to_vec).map_err(str::to_owned),
            "{s:?}"
        );
    }
}

#[test]
fn parser_stops_after_an_error() {
    let mut parser = FormatParser::new("{0}x}{1}");
    assert!(matches!(parser.next(), Some(Ok(FormatPiece::Field(_)))));
    assert_eq!(
        parser.next(),
        Some(Err("Single '}' encountered in format string".to_owned()))
    );
    assert_eq!(parser.next(), None);
}

#[test]
fn field_names_split_like_the_formatter() {
    assert_eq!(
        parse_field_name("a.b[0][k]"),
        Ok((
            FieldArg::Keyword("a"),
            vec![Accessor::Attr("b"), Accessor::Index(0), Accessor::Key("k")]
        ))
    );
    assert_eq!(
        parse_field_name("0[x"),
        Err("Missing ']' in format string".to_owned())
    );
    assert_eq!(parse_field_name(""), Ok((FieldArg::Auto, vec![])));
}
