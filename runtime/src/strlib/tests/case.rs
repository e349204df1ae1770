//! Expected values generated with CPython 3.13 as the oracle.

use super::super::*;

/// (s, upper, lower, casefold, swapcase, title, capitalize)
#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    ("", "", "", "", "", "", ""),
    ("hello world", "HELLO WORLD", "hello world", "hello world", "HELLO WORLD", "Hello World", "Hello world"),
    ("Hello World", "HELLO WORLD", "hello world", "hello world", "hELLO wORLD", "Hello World", "Hello world"),
    ("HELLO", "HELLO", "hello", "hello", "hello", "Hello", "Hello"),
    ("they're bill's friends from the UK", "THEY'RE BILL'S FRIENDS FROM THE UK", "they're bill's friends from the uk", "they're bill's friends from the uk", "THEY'RE BILL'S FRIENDS FROM THE uk", "They'Re Bill'S Friends From The Uk", "They're bill's friends from the uk"),
    ("ǆemal ǅ Ǆ ǈubljana", "ǄEMAL Ǆ Ǆ ǇUBLJANA", "ǆemal ǆ ǆ ǉubljana", "ǆemal ǆ ǆ ǉubljana", "ǄEMAL ǅ ǆ ǈUBLJANA", "ǅemal ǅ ǅ ǈubljana", "ǅemal ǆ ǆ ǉubljana"),
    ("straße STRASSE", "STRASSE STRASSE", "straße strasse", "strasse strasse", "STRASSE strasse", "Straße Strasse", "Straße strasse"),
    ("ﬁne ﬂow ﬀ ﬃ", "FINE FLOW FF FFI", "ﬁne ﬂow ﬀ ﬃ", "fine flow ff ffi", "FINE FLOW FF FFI", "Fine Flow Ff Ffi", "Fine ﬂow ﬀ ﬃ"),
    ("ΑΣ ΟΔΟΣ Σ ΑΣ' ΑΣ.Α", "ΑΣ ΟΔΟΣ Σ ΑΣ' ΑΣ.Α", "ας οδος σ ας' ασ.α", "ασ οδοσ σ ασ' ασ.α", "ας οδος σ ας' ασ.α", "Ας Οδος Σ Ας' Ασ.Α", "Ας οδος σ ας' ασ.α"),
    ("ὈΔΥΣΣΕΎΣ", "ὈΔΥΣΣΕΎΣ", "ὀδυσσεύς", "ὀδυσσεύσ", "ὀδυσσεύς", "Ὀδυσσεύς", "Ὀδυσσεύς"),
    ("İstanbul ı I i", "İSTANBUL I I I", "i\u{307}stanbul ı i i", "i\u{307}stanbul ı i i", "i\u{307}STANBUL I i I", "İstanbul I I I", "İstanbul ı i i"),
    ("ẞ ß", "ẞ SS", "ß ß", "ss ss", "ß SS", "ẞ Ss", "ẞ ß"),
    ("Ꭰꭰ ᏸ Ᏸ", "ᎠᎠ Ᏸ Ᏸ", "ꭰꭰ ᏸ ᏸ", "ᎠᎠ Ᏸ Ᏸ", "ꭰᎠ Ᏸ ᏸ", "Ꭰꭰ Ᏸ Ᏸ", "Ꭰꭰ ᏸ ᏸ"),
    ("ᾳ ᾼ ΐ ᾲ", "ΑΙ ΑΙ Ι\u{308}\u{301} ᾺΙ", "ᾳ ᾳ ΐ ᾲ", "αι αι ι\u{308}\u{301} ὰι", "ΑΙ ᾼ Ι\u{308}\u{301} ᾺΙ", "ᾼ ᾼ Ι\u{308}\u{301} Ὰ\u{345}", "ᾼ ᾳ ΐ ᾲ"),
    ("ŉ ǰ ẖ", "ʼN J\u{30C} H\u{331}", "ŉ ǰ ẖ", "ʼn j\u{30C} h\u{331}", "ʼN J\u{30C} H\u{331}", "ʼN J\u{30C} H\u{331}", "ʼN ǰ ẖ"),
    ("ⓐⒶ ⅰⅠ", "ⒶⒶ ⅠⅠ", "ⓐⓐ ⅰⅰ", "ⓐⓐ ⅰⅰ", "Ⓐⓐ Ⅰⅰ", "Ⓐⓐ Ⅰⅰ", "Ⓐⓐ ⅰⅰ"),
    ("ა ბ Ა Ბ", "Ა Ბ Ა Ბ", "ა ბ ა ბ", "ა ბ ა ბ", "Ა Ბ ა ბ", "ა ბ Ა Ბ", "ა ბ ა ბ"),
    ("123abc a1b2 hello_world", "123ABC A1B2 HELLO_WORLD", "123abc a1b2 hello_world", "123abc a1b2 hello_world", "123ABC A1B2 HELLO_WORLD", "123Abc A1B2 Hello_World", "123abc a1b2 hello_world"),
    ("ʰΣ Σ aΣ\u{308} AΣ'B", "ʰΣ Σ AΣ\u{308} AΣ'B", "ʰσ σ aς\u{308} aσ'b", "ʰσ σ aσ\u{308} aσ'b", "ʰσ σ Aς\u{308} aσ'b", "ʰσ Σ Aς\u{308} Aσ'B", "ʰσ σ aς\u{308} aσ'b"),
    ("ABC déf ÉGH", "ABC DÉF ÉGH", "abc déf égh", "abc déf égh", "abc DÉF égh", "Abc Déf Égh", "Abc déf égh"),
    ("😀 emoji 😀x", "😀 EMOJI 😀X", "😀 emoji 😀x", "😀 emoji 😀x", "😀 EMOJI 😀X", "😀 Emoji 😀X", "😀 emoji 😀x"),
    ("µ ſ ϐ ϑ", "Μ S Β Θ", "µ ſ ϐ ϑ", "μ s β θ", "Μ S Β Θ", "Μ S Β Θ", "Μ ſ ϐ ϑ"),
    ("ǅ", "Ǆ", "ǆ", "ǆ", "ǅ", "ǅ", "ǅ"),
    ("ǆ", "Ǆ", "ǆ", "ǆ", "Ǆ", "ǅ", "ǅ"),
    ("aBc DeF", "ABC DEF", "abc def", "abc def", "AbC dEf", "Abc Def", "Abc def"),
    ("  lead and trail  ", "  LEAD AND TRAIL  ", "  lead and trail  ", "  lead and trail  ", "  LEAD AND TRAIL  ", "  Lead And Trail  ", "  lead and trail  "),
    ("1st 2nd 3rd", "1ST 2ND 3RD", "1st 2nd 3rd", "1st 2nd 3rd", "1ST 2ND 3RD", "1St 2Nd 3Rd", "1st 2nd 3rd"),
    ("o'neil mc'donald", "O'NEIL MC'DONALD", "o'neil mc'donald", "o'neil mc'donald", "O'NEIL MC'DONALD", "O'Neil Mc'Donald", "O'neil mc'donald"),
    ("ꭰꭱ", "ᎠᎡ", "ꭰꭱ", "ᎠᎡ", "ᎠᎡ", "Ꭰꭱ", "Ꭰꭱ"),
];

#[test]
fn case_mappings_match_python() {
    for &(s, up, low, fold, swapped, titled, capitalized) in CASES {
        assert_eq!(upper(s), up, "{s:?}.upper()");
        assert_eq!(lower(s), low, "{s:?}.lower()");
        assert_eq!(casefold(s), fold, "{s:?}.casefold()");
        assert_eq!(swapcase(s), swapped, "{s:?}.swapcase()");
        assert_eq!(title(s), titled, "{s:?}.title()");
        assert_eq!(capitalize(s), capitalized, "{s:?}.capitalize()");
    }
}

/// (c, c.title(), c.casefold())
#[rustfmt::skip]
const CHAR_CASES: &[(&str, &str, &str)] = &[
    ("ß", "Ss", "ss"),
    ("Ǆ", "ǅ", "ǆ"),
    ("ǅ", "ǅ", "ǆ"),
    ("ǆ", "ǅ", "ǆ"),
    ("Ǉ", "ǈ", "ǉ"),
    ("ǈ", "ǈ", "ǉ"),
    ("ǉ", "ǈ", "ǉ"),
    ("Ǌ", "ǋ", "ǌ"),
    ("ǋ", "ǋ", "ǌ"),
    ("ǌ", "ǋ", "ǌ"),
    ("Ǳ", "ǲ", "ǳ"),
    ("ǲ", "ǲ", "ǳ"),
    ("ǳ", "ǲ", "ǳ"),
    ("ﬀ", "Ff", "ff"),
    ("ﬁ", "Fi", "fi"),
    ("ﬂ", "Fl", "fl"),
    ("ﬃ", "Ffi", "ffi"),
    ("ﬄ", "Ffl", "ffl"),
    ("ﬅ", "St", "st"),
    ("ﬆ", "St", "st"),
    ("ﬓ", "Մն", "մն"),
    ("ﬔ", "Մե", "մե"),
    ("ﬕ", "Մի", "մի"),
    ("ﬖ", "Վն", "վն"),
    ("ﬗ", "Մխ", "մխ"),
    ("և", "Եւ", "եւ"),
    ("ᾀ", "ᾈ", "ἀι"),
    ("ᾈ", "ᾈ", "ἀι"),
    ("ᾳ", "ᾼ", "αι"),
    ("ᾼ", "ᾼ", "αι"),
    ("ῃ", "ῌ", "ηι"),
    ("ῌ", "ῌ", "ηι"),
    ("ῳ", "ῼ", "ωι"),
    ("ῼ", "ῼ", "ωι"),
    ("ᾲ", "Ὰ\u{345}", "ὰι"),
    ("ᾴ", "Ά\u{345}", "άι"),
    ("ᾷ", "Α\u{342}\u{345}", "α\u{342}ι"),
    ("ῂ", "Ὴ\u{345}", "ὴι"),
    ("ῄ", "Ή\u{345}", "ήι"),
    ("ῇ", "Η\u{342}\u{345}", "η\u{342}ι"),
    ("ῲ", "Ὼ\u{345}", "ὼι"),
    ("ῴ", "Ώ\u{345}", "ώι"),
    ("ῷ", "Ω\u{342}\u{345}", "ω\u{342}ι"),
    ("ა", "ა", "ა"),
    ("ჿ", "ჿ", "ჿ"),
    ("Ა", "Ა", "ა"),
    ("ı", "I", "ı"),
    ("İ", "İ", "i\u{307}"),
    ("ẞ", "ẞ", "ss"),
    ("ꭰ", "Ꭰ", "Ꭰ"),
    ("ꭿ", "Ꭿ", "Ꭿ"),
    ("ᏸ", "Ᏸ", "Ᏸ"),
    ("ᏽ", "Ᏽ", "Ᏽ"),
    ("Ꭰ", "Ꭰ", "Ꭰ"),
    ("Ᏽ", "Ᏽ", "Ᏽ"),
    ("ŉ", "ʼN", "ʼn"),
    ("ǰ", "J\u{30C}", "j\u{30C}"),
    ("ΐ", "Ι\u{308}\u{301}", "ι\u{308}\u{301}"),
    ("ΰ", "Υ\u{308}\u{301}", "υ\u{308}\u{301}"),
    ("ẖ", "H\u{331}", "h\u{331}"),
    ("ẗ", "T\u{308}", "t\u{308}"),
    ("ẘ", "W\u{30A}", "w\u{30A}"),
    ("ẙ", "Y\u{30A}", "y\u{30A}"),
    ("ẚ", "Aʾ", "aʾ"),
];

#[test]
fn single_code_point_title_and_fold_match_python() {
    for &(c, titled, folded) in CHAR_CASES {
        assert_eq!(title(c), titled, "{c:?}.title()");
        assert_eq!(capitalize(c), titled, "{c:?}.capitalize()");
        assert_eq!(casefold(c), folded, "{c:?}.casefold()");
    }
}
