//! Expected results generated with CPython 3.13.

use super::*;

#[test]
fn str_repr_and_ascii_match_cpython() {
    for &(s, repr, ascii) in STRS {
        assert_eq!(str_repr(s), repr, "repr({s:?})");
        assert_eq!(str_ascii(s), ascii, "ascii({s:?})");
    }
}

#[test]
fn bytes_repr_matches_cpython() {
    for &(b, want) in BYTES {
        assert_eq!(bytes_repr(b, "b"), want, "repr({b:?})");
    }
    assert_eq!(
        format!("{})", bytes_repr(b"a", "bytearray(b")),
        "bytearray(b'a')"
    );
}

#[test]
fn isprintable_matches_cpython() {
    for &(code, want) in PRINTABLE {
        let c = char::from_u32(code).expect("scalar value");
        assert_eq!(str_isprintable(c), want, "U+{code:04X}");
    }
}

#[rustfmt::skip]
const STRS: &[(&str, &str, &str)] = &[
    ("", "''", "''"),
    ("abc", "'abc'", "'abc'"),
    ("a'b", "\"a'b\"", "\"a'b\""),
    ("a\"b", "'a\"b'", "'a\"b'"),
    ("a'\"b", "'a\\'\"b'", "'a\\'\"b'"),
    ("\\", "'\\\\'", "'\\\\'"),
    ("\n\t\r", "'\\n\\t\\r'", "'\\n\\t\\r'"),
    ("\u{0}\u{1f}\u{7f}\u{80}\u{9f}\u{a0}\u{ad}", "'\\x00\\x1f\\x7f\\x80\\x9f\\xa0\\xad'", "'\\x00\\x1f\\x7f\\x80\\x9f\\xa0\\xad'"),
    ("é", "'é'", "'\\xe9'"),
    ("\u{2028}", "'\\u2028'", "'\\u2028'"),
    ("😀", "'😀'", "'\\U0001f600'"),
    ("\u{d7ff}\u{e000}", "'\\ud7ff\\ue000'", "'\\ud7ff\\ue000'"),
    ("\u{e0001}", "'\\U000e0001'", "'\\U000e0001'"),
    ("\u{200b}", "'\\u200b'", "'\\u200b'"),
    ("\u{3000}", "'\\u3000'", "'\\u3000'"),
    ("\u{feff}", "'\\ufeff'", "'\\ufeff'"),
    ("\u{10ffff}", "'\\U0010ffff'", "'\\U0010ffff'"),
    ("\u{378}", "'\\u0378'", "'\\u0378'"),
    ("ÿ", "'ÿ'", "'\\xff'"),
    ("日本", "'日本'", "'\\u65e5\\u672c'"),
    ("'", "\"'\"", "\"'\""),
    ("\"", "'\"'", "'\"'"),
    ("\u{a0}x", "'\\xa0x'", "'\\xa0x'"),
    (" ", "' '", "' '"),
    ("\u{1b}[0m", "'\\x1b[0m'", "'\\x1b[0m'"),
];
#[rustfmt::skip]
const BYTES: &[(&[u8], &str)] = &[
    (&[], "b''"),
    (&[97, 98, 99], "b'abc'"),
    (&[97, 39, 98], "b\"a'b\""),
    (&[97, 34, 98], "b'a\"b'"),
    (&[97, 39, 34, 98], "b'a\\'\"b'"),
    (&[92], "b'\\\\'"),
    (&[10, 9, 13], "b'\\n\\t\\r'"),
    (&[0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175, 182, 189, 196, 203, 210, 217, 224, 231, 238, 245, 252], "b'\\x00\\x07\\x0e\\x15\\x1c#*18?FMT[bipw~\\x85\\x8c\\x93\\x9a\\xa1\\xa8\\xaf\\xb6\\xbd\\xc4\\xcb\\xd2\\xd9\\xe0\\xe7\\xee\\xf5\\xfc'"),
    (&[127, 128, 255], "b'\\x7f\\x80\\xff'"),
];
#[rustfmt::skip]
const PRINTABLE: &[(u32, bool)] = &[
    (0x20, true),
    (0x7e, true),
    (0x7f, false),
    (0xa0, false),
    (0xa1, true),
    (0xad, false),
    (0x378, false),
    (0x2028, false),
    (0x3000, false),
    (0x1f600, true),
    (0xe000, false),
    (0xf8ff, false),
    (0xfffd, true),
    (0xffff, false),
    (0x10ffff, false),
    (0xe0001, false),
    (0x200b, false),
    (0x61c, false),
    (0x30000, true),
    (0x2fffe, false),
    (0x1d173, false),
    (0x1d17b, true),
];
