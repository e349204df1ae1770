//! Python's text formatting of numbers and strings, reproducing CPython's
//! output exactly: `repr()` of float and complex (shortest round-trip
//! digits), the format-spec mini-language behind `format()`, f-strings and
//! `str.format` for int, float, complex and str, printf-style `%`
//! formatting, and `repr()`/`ascii()` of str and bytes.
//!
//! Like `num`, it is pure Rust over plain values (no Python objects):
//! errors come back as CPython's message text and the caller raises the
//! exception (`number::format_error_kind` says which one). It depends only on
//! std, `ryu` and the `num` module.

pub mod float_repr;
pub mod number;
pub mod printf;
pub mod spec;
pub mod strrepr;
mod unicode_printable;

pub use float_repr::{
    complex_repr, float_repr, float_to_string, float_to_string_exp, float_to_string_fixed,
    float_to_string_general, FloatFlags, FloatStyle,
};
pub use number::{
    format_complex, format_complex_as, format_error_kind, format_float, format_float_as,
    format_int, format_int_as, FormatErrorKind,
};
pub use printf::{
    parse_printf, parse_printf_partial, printf_float, printf_int, printf_pad, PrintfError,
    PrintfPiece, PrintfSpec, Star,
};
pub use spec::{format_str, format_str_as, FormatSpec};
pub use strrepr::{bytes_repr, str_ascii, str_isprintable, str_repr};
