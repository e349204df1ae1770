//! Python `str` semantics over Rust `&str`.
//!
//! Python's `str` is a sequence of code points: every index, length and width
//! in this module counts code points (`char`s), never UTF-8 bytes, and no
//! function here ever slices a `&str` inside a character. The module is pure
//! and knows nothing of Python objects: the runtime's `str` type wraps these
//! functions, turns the `Err` strings into `ValueError`s and handles the
//! argument forms this layer leaves out (tuples of prefixes, `translate`
//! tables, `format` arguments).
//!
//! Where to look:
//! - `index`: code point indexing, `Text` (a `&str` with a cached length).
//! - `search`: find/rfind/count/startswith/endswith/replace/removeprefix.
//! - `split`: split/rsplit/splitlines/partition/rpartition and join sizing.
//! - `strip`: strip/lstrip/rstrip.
//! - `case`: upper/lower/casefold/swapcase/title/capitalize.
//! - `pad`: center/ljust/rjust/zfill/expandtabs.
//! - `predicates` and `chars`: the `is*` methods, per string and per char.
//! - `format_string`: PEP 3101 format strings, for `str.format` and
//!   `format_map`.
//!
//! Unicode: character classes come from `tables`, generated from the Unicode
//! version that CPython 3.14 uses (16.0); case mappings and the
//! `Lowercase`/`Uppercase` properties come from Rust's `char` methods, which
//! may follow a newer Unicode version (code points assigned after 16.0 can then
//! differ from CPython 3.14).
//!
//! Sizes: functions that build a string as large as an argument asks
//! (`center` with a huge width, `expandtabs` with a huge tab size, `replace`
//! with many matches) allocate the result; the caller bounds such requests
//! first (`expanded_len` helps) to raise `MemoryError`/`OverflowError` as
//! CPython does.

mod case;
mod chars;
mod format_string;
mod index;
mod pad;
mod predicates;
mod search;
mod split;
mod strip;
// Generated data, laid out for reading; rustfmt would put one range a line.
#[rustfmt::skip]
mod tables;

pub use case::{capitalize, casefold, lower, swapcase, title, upper};
pub use chars::{
    char_is_alnum, char_is_alpha, char_is_cased, char_is_decimal, char_is_digit, char_is_linebreak,
    char_is_numeric, char_is_printable, char_is_space, char_is_titlecase, char_is_xid_continue,
    char_is_xid_start, decimal_value,
};
pub use format_string::{
    parse_field_name, parse_format_string, Accessor, FieldArg, FieldNumbering, FieldRef,
    FormatParser, FormatPiece,
};
pub use index::{adjust_indices, byte_offset, char_index, char_len, char_slice, Text};
pub use pad::{center, expanded_len, expandtabs, ljust, rjust, zfill};
pub use predicates::{
    isalnum, isalpha, isascii, isdecimal, isdigit, isidentifier, islower, isnumeric, isprintable,
    isspace, istitle, isupper,
};
pub use search::{count, endswith, find, removeprefix, removesuffix, replace, rfind, startswith};
pub use split::{join_capacity_hint, partition, rpartition, rsplit, split, splitlines};
pub use strip::{lstrip, rstrip, strip};

#[cfg(test)]
mod tests;
