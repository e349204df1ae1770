//! Expected results generated with CPython 3.13.

use super::*;

#[test]
fn str_format_matches_cpython() {
    for &(s, spec, want) in STR_CASES {
        let got = FormatSpec::parse(spec, "str").and_then(|f| format_str(s, &f));
        assert_eq!(
            got.as_ref().map(String::as_str).map_err(String::as_str),
            want,
            "format({s:?}, {spec:?})"
        );
    }
}

#[test]
fn parse_fields() {
    let spec = FormatSpec::parse("*^+z#012,.3f", "float").expect("valid");
    let want = FormatSpec {
        fill: '*',
        align: Some('^'),
        sign: Some('+'),
        no_neg_zero: true,
        alternate: true,
        zero_pad: false,
        width: Some(12),
        grouping: Some(','),
        precision: Some(3),
        ty: Some('f'),
    };
    assert_eq!(spec, want);
    let spec = FormatSpec::parse("010_x", "int").expect("valid");
    assert_eq!(
        (spec.fill, spec.zero_pad, spec.width, spec.grouping, spec.ty),
        ('0', true, Some(10), Some('_'), Some('x'))
    );
    assert!(FormatSpec::parse("", "int").expect("valid").is_empty());
}

#[test]
fn parse_errors() {
    let cases: &[(&str, &str)] = &[
        (
            "99999999999999999999",
            "Too many decimal digits in format string",
        ),
        (
            ".99999999999999999999",
            "Too many decimal digits in format string",
        ),
        (
            "9223372036854775808",
            "Too many decimal digits in format string",
        ),
        (".", "Format specifier missing precision"),
        ("_,", "Cannot specify both ',' and '_'."),
        (",_", "Cannot specify both ',' and '_'."),
        (
            "abc",
            "Invalid format specifier 'abc' for object of type 'int'",
        ),
        (
            "<<<<",
            "Invalid format specifier '<<<<' for object of type 'int'",
        ),
    ];
    for &(spec, want) in cases {
        assert_eq!(
            FormatSpec::parse(spec, "int"),
            Err(want.to_string()),
            "{spec:?}"
        );
    }
    let long_name = "T".repeat(300);
    let err = FormatSpec::parse("xx", &long_name).expect_err("invalid");
    assert!(err.ends_with(&format!("type '{}'", "T".repeat(200))));
    assert_eq!(
        FormatSpec::parse("9223372036854775807", "int").map(|s| s.width),
        Ok(Some(9223372036854775807))
    );
}

#[rustfmt::skip]
const STR_CASES: &[(&str, &str, Result<&str, &str>)] = &[
    ("ab", "", Ok("ab")),
    ("ab", "05", Ok("ab000")),
    ("ab", "=5", Err("'=' alignment not allowed in string format specifier")),
    ("ab", "+", Err("Sign not allowed in string format specifier")),
    ("ab", " ", Err("Space not allowed in string format specifier")),
    ("ab", "#", Err("Alternate form (#) not allowed in string format specifier")),
    ("ab", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
    ("ab", ",", Err("Cannot specify ',' with 's'.")),
    ("ab", "d", Err("Unknown format code 'd' for object of type 'str'")),
    ("ab", "s", Ok("ab")),
    ("ab", ".2", Ok("ab")),
    ("ab", "^7.2", Ok("  ab   ")),
    ("ab", "x^7", Ok("xxabxxx")),
    ("ab", "٥", Ok("ab   ")),
    ("ab", "<5", Ok("ab   ")),
    ("ab", ">5", Ok("   ab")),
    ("ab", "^5", Ok(" ab  ")),
    ("ab", "*^6", Ok("**ab**")),
    ("ab", ".0", Ok("")),
    ("ab", "10.3s", Ok("ab        ")),
    ("ab", "abc", Err("Invalid format specifier 'abc' for object of type 'str'")),
    ("ab", ".", Err("Format specifier missing precision")),
    ("ab", "é", Err("Unknown format code '\\xe9' for object of type 'str'")),
    ("abc", "", Ok("abc")),
    ("abc", "05", Ok("abc00")),
    ("abc", "=5", Err("'=' alignment not allowed in string format specifier")),
    ("abc", "+", Err("Sign not allowed in string format specifier")),
    ("abc", " ", Err("Space not allowed in string format specifier")),
    ("abc", "#", Err("Alternate form (#) not allowed in string format specifier")),
    ("abc", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
    ("abc", ",", Err("Cannot specify ',' with 's'.")),
    ("abc", "d", Err("Unknown format code 'd' for object of type 'str'")),
    ("abc", "s", Ok("abc")),
    ("abc", ".2", Ok("ab")),
    ("abc", "^7.2", Ok("  ab   ")),
    ("abc", "x^7", Ok("xxabcxx")),
    ("abc", "٥", Ok("abc  ")),
    ("abc", "<5", Ok("abc  ")),
    ("abc", ">5", Ok("  abc")),
    ("abc", "^5", Ok(" abc ")),
    ("abc", "*^6", Ok("*abc**")),
    ("abc", ".0", Ok("")),
    ("abc", "10.3s", Ok("abc       ")),
    ("abc", "abc", Err("Invalid format specifier 'abc' for object of type 'str'")),
    ("abc", ".", Err("Format specifier missing precision")),
    ("abc", "é", Err("Unknown format code '\\xe9' for object of type 'str'")),
    ("", "", Ok("")),
    ("", "05", Ok("00000")),
    ("", "=5", Err("'=' alignment not allowed in string format specifier")),
    ("", "+", Err("Sign not allowed in string format specifier")),
    ("", " ", Err("Space not allowed in string format specifier")),
    ("", "#", Err("Alternate form (#) not allowed in string format specifier")),
    ("", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
    ("", ",", Err("Cannot specify ',' with 's'.")),
    ("", "d", Err("Unknown format code 'd' for object of type 'str'")),
    ("", "s", Ok("")),
    ("", ".2", Ok("")),
    ("", "^7.2", Ok("       ")),
    ("", "x^7", Ok("xxxxxxx")),
    ("", "٥", Ok("     ")),
    ("", "<5", Ok("     ")),
    ("", ">5", Ok("     ")),
    ("", "^5", Ok("     ")),
    ("", "*^6", Ok("******")),
    ("", ".0", Ok("")),
    ("", "10.3s", Ok("          ")),
    ("", "abc", Err("Invalid format specifier 'abc' for object of type 'str'")),
    ("", ".", Err("Format specifier missing precision")),
    ("", "é", Err("Unknown format code '\\xe9' for object of type 'str'")),
    ("héllo", "", Ok("héllo")),
    ("héllo", "05", Ok("héllo")),
    ("héllo", "=5", Err("'=' alignment not allowed in string format specifier")),
    ("héllo", "+", Err("Sign not allowed in string format specifier")),
    ("héllo", " ", Err("Space not allowed in string format specifier")),
    ("héllo", "#", Err("Alternate form (#) not allowed in string format specifier")),
    ("héllo", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
    ("héllo", ",", Err("Cannot specify ',' with 's'.")),
    ("héllo", "d", Err("Unknown format code 'd' for object of type 'str'")),
    ("héllo", "s", Ok("héllo")),
    ("héllo", ".2", Ok("hé")),
    ("héllo", "^7.2", Ok("  hé   ")),
    ("héllo", "x^7", Ok("xhéllox")),
    ("héllo", "٥", Ok("héllo")),
    ("héllo", "<5", Ok("héllo")),
    ("héllo", ">5", Ok("héllo")),
    ("héllo", "^5", Ok("héllo")),
    ("héllo", "*^6", Ok("héllo*")),
    ("héllo", ".0", Ok("")),
    ("héllo", "10.3s", Ok("hél       ")),
    ("héllo", "abc", Err("Invalid format specifier 'abc' for object of type 'str'")),
    ("héllo", ".", Err("Format specifier missing precision")),
    ("héllo", "é", Err("Unknown format code '\\xe9' for object of type 'str'")),
];
