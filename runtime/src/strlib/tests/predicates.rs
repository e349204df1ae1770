//! Expected values generated with CPython 3.13 as the oracle.

use super::super::*;

/// s, then: isalnum, isalpha, isascii, isdecimal, isdigit, isidentifier, islower, isnumeric, isprintable, isspace, istitle, isupper
#[rustfmt::skip]
const PREDICATES: &[(&str, [bool; 12])] = &[
    ("", [false, false, true, false, false, false, false, false, true, false, false, false]),
    (" ", [false, false, true, false, false, false, false, false, true, true, false, false]),
    ("a", [true, true, true, false, false, true, true, false, true, false, false, false]),
    ("A", [true, true, true, false, false, true, false, false, true, false, true, true]),
    ("abc", [true, true, true, false, false, true, true, false, true, false, false, false]),
    ("ABC", [true, true, true, false, false, true, false, false, true, false, false, true]),
    ("Abc", [true, true, true, false, false, true, false, false, true, false, true, false]),
    ("aBc", [true, true, true, false, false, true, false, false, true, false, false, false]),
    ("abc1", [true, false, true, false, false, true, true, false, true, false, false, false]),
    ("123", [true, false, true, true, true, false, false, true, true, false, false, false]),
    ("1.5", [false, false, true, false, false, false, false, false, true, false, false, false]),
    ("٣", [true, false, false, true, true, false, false, true, true, false, false, false]),
    ("٣٤", [true, false, false, true, true, false, false, true, true, false, false, false]),
    ("²", [true, false, false, false, true, false, false, true, true, false, false, false]),
    ("½", [true, false, false, false, false, false, false, true, true, false, false, false]),
    ("Ⅻ", [true, false, false, false, false, true, false, true, true, false, true, true]),
    ("一二三", [true, true, false, false, false, true, false, true, true, false, false, false]),
    ("〇", [true, false, false, false, false, true, false, true, true, false, false, false]),
    ("𝟘𝟙", [true, false, false, true, true, false, false, true, true, false, false, false]),
    ("①", [true, false, false, false, true, false, false, true, true, false, false, false]),
    ("ǅ", [true, true, false, false, false, true, false, false, true, false, true, false]),
    ("ǅa", [true, true, false, false, false, true, false, false, true, false, true, false]),
    ("Ǆa", [true, true, false, false, false, true, false, false, true, false, true, false]),
    ("ǆ", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("Hello World", [false, false, true, false, false, false, false, false, true, false, true, false]),
    ("Hello world", [false, false, true, false, false, false, false, false, true, false, false, false]),
    ("HELLO WORLD", [false, false, true, false, false, false, false, false, true, false, false, true]),
    ("hello world", [false, false, true, false, false, false, true, false, true, false, false, false]),
    ("They'Re", [false, false, true, false, false, false, false, false, true, false, true, false]),
    ("A1B2", [true, false, true, false, false, true, false, false, true, false, true, true]),
    ("A1b2", [true, false, true, false, false, true, false, false, true, false, false, false]),
    ("ʰ", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("ª", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("ß", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("é", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("É", [true, true, false, false, false, true, false, false, true, false, true, true]),
    ("ÉTÉ", [true, true, false, false, false, true, false, false, true, false, false, true]),
    ("été", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("\t\n\u{B}\u{C}\r\u{1C}\u{1D}\u{1E}\u{1F} \u{85}\u{A0}\u{3000}", [false, false, false, false, false, false, false, false, false, true, false, false]),
    ("\u{200B}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("\u{180E}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("\u{FEFF}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("a b", [false, false, true, false, false, false, true, false, true, false, false, false]),
    ("_", [false, false, true, false, false, true, false, false, true, false, false, false]),
    ("_a1", [false, false, true, false, false, true, true, false, true, false, false, false]),
    ("1a", [true, false, true, false, false, false, true, false, true, false, false, false]),
    ("a-b", [false, false, true, false, false, false, true, false, true, false, false, false]),
    ("class", [true, true, true, false, false, true, true, false, true, false, false, false]),
    ("résumé", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("日本語", [true, true, false, false, false, true, false, false, true, false, false, false]),
    ("變量", [true, true, false, false, false, true, false, false, true, false, false, false]),
    ("x\u{301}", [false, false, false, false, false, true, true, false, true, false, false, false]),
    ("\u{301}x", [false, false, false, false, false, false, true, false, true, false, false, false]),
    ("℘", [false, false, false, false, false, true, false, false, true, false, false, false]),
    ("℮", [false, false, false, false, false, true, false, false, true, false, false, false]),
    ("·", [false, false, false, false, false, false, false, false, true, false, false, false]),
    ("a·", [false, false, false, false, false, true, true, false, true, false, false, false]),
    ("ⅰ", [true, false, false, false, false, true, true, true, true, false, false, false]),
    ("_ⅰ", [false, false, false, false, false, true, true, false, true, false, false, false]),
    ("🐍", [false, false, false, false, false, false, false, false, true, false, false, false]),
    ("a🐍", [false, false, false, false, false, false, true, false, true, false, false, false]),
    ("\u{7F}", [false, false, true, false, false, false, false, false, false, false, false, false]),
    ("\u{AD}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("\u{2028}", [false, false, false, false, false, false, false, false, false, true, false, false]),
    ("\u{E000}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("\u{E0001}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("\u{10FFFF}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("\u{FDD0}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("\u{378}", [false, false, false, false, false, false, false, false, false, false, false, false]),
    ("abc\u{0}", [false, false, true, false, false, false, true, false, false, false, false, false]),
    ("~", [false, false, true, false, false, false, false, false, true, false, false, false]),
    ("é\u{301}", [false, false, false, false, false, true, true, false, true, false, false, false]),
    ("ᾼ", [true, true, false, false, false, true, false, false, true, false, true, false]),
    ("ᾳ", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("ΣΑΣ", [true, true, false, false, false, true, false, false, true, false, false, true]),
    ("Σας", [true, true, false, false, false, true, false, false, true, false, true, false]),
    ("Ꭰ", [true, true, false, false, false, true, false, false, true, false, true, true]),
    ("ꭰ", [true, true, false, false, false, true, true, false, true, false, false, false]),
    ("ǈubljana", [true, true, false, false, false, true, false, false, true, false, true, false]),
    ("Mc'Donald", [false, false, true, false, false, false, false, false, true, false, true, false]),
    ("1A", [true, false, true, false, false, false, false, false, true, false, true, true]),
    ("A_B", [false, false, true, false, false, true, false, false, true, false, true, true]),
    ("Aa Bb", [false, false, true, false, false, false, false, false, true, false, true, false]),
    ("aA", [true, true, true, false, false, true, false, false, true, false, false, false]),
];

#[test]
fn predicates_match_python() {
    type Predicate = fn(&str) -> bool;
    let predicates: [(&str, Predicate); 12] = [
        ("isalnum", isalnum),
        ("isalpha", isalpha),
        ("isascii", isascii),
        ("isdecimal", isdecimal),
        ("isdigit", isdigit),
        ("isidentifier", isidentifier),
        ("islower", islower),
        ("isnumeric", isnumeric),
        ("isprintable", isprintable),
        ("isspace", isspace),
        ("istitle", istitle),
        ("isupper", isupper),
    ];
    for &(s, expected) in PREDICATES {
        for ((name, predicate), want) in predicates.iter().zip(expected) {
            assert_eq!(predicate(s), want, "{s:?}.{name}()");
        }
    }
}

/// Code points new in Unicode 16.0 (CPython 3.14, not the 3.13 oracle):
/// expected values from the Unicode 16.0 character database.
#[test]
fn unicode_16_additions_are_classified() {
    // OUTLINED DIGIT ZERO..NINE (Nd)
    assert!(isdecimal("\u{1CCF0}\u{1CCF9}") && isdigit("\u{1CCF0}") && isnumeric("\u{1CCF0}"));
    assert_eq!(decimal_value('\u{1CCF7}'), Some(7));
    // KIRAT RAI DIGIT ZERO (Nd), OL ONAL DIGIT ZERO (Nd)
    assert_eq!(decimal_value('\u{16D70}'), Some(0));
    assert_eq!(decimal_value('\u{1E5F1}'), Some(0));
    // TODHRI LETTER A, SUNUWAR LETTER DEVI (Lo); KIRAT RAI SIGN ANUSVARA (Lm)
    assert!(isalpha("\u{105C0}\u{11BC0}\u{16D40}") && isidentifier("\u{105C0}\u{11BC0}"));
    // FACE WITH BAGS UNDER EYES (So): printable, not alphanumeric
    assert!(isprintable("\u{1FAE9}") && !isalnum("\u{1FAE9}"));
}

#[test]
fn per_code_point_classes() {
    assert!(char_is_space('\u{1F}') && !'\u{1F}'.is_whitespace());
    assert!(!char_is_space('\u{200B}') && !char_is_space('\u{FEFF}'));
    assert!(char_is_linebreak('\u{1E}') && !char_is_linebreak('\u{1F}'));
    assert!(char_is_numeric('一') && !char_is_digit('一'));
    assert!(char_is_digit('²') && !char_is_decimal('²'));
    // A combining mark that Rust counts as alphabetic and Python does not.
    assert!(!char_is_alpha('\u{345}') && '\u{345}'.is_alphabetic());
    assert!(char_is_titlecase('ǅ') && char_is_cased('ǅ') && !char_is_cased('1'));
    // Other_ID_Start and Other_ID_Continue members.
    assert!(char_is_xid_start('℘') && char_is_xid_start('℮'));
    assert!(!char_is_xid_start('·') && char_is_xid_continue('·'));
    assert_eq!(decimal_value('٣'), Some(3));
    assert_eq!(decimal_value('²'), None);
    assert!(
        !char_is_printable('\u{AD}') && !char_is_printable('\u{E000}') && char_is_printable('é')
    );
}
