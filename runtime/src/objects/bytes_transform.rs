//! The `bytes` and `bytearray` methods that make a transformed copy:
//! ASCII case mapping and the `is*` predicates (bytes know no other
//! letters), padding (`center`, `ljust`, `rjust`, `zfill`, `expandtabs`),
//! and `translate` / `maketrans` with their 256-byte tables.

use crate::args::CallArgs;
use crate::error::{PyErr, PyResult};
use crate::objects::bytes_methods::{
    bind_kw, buffer, bytes_value, exact, need_buffer, positional, this, type_of_receiver,
};
use crate::objects::bytes_search as search;
use crate::objects::function::BuiltinFn;
use crate::objects::text_args::{bind, c_int, check_alloc};
use crate::ops;
use crate::value::Value;

/// Registered on both `bytes` and `bytearray` by `bytes_methods`.
pub(crate) const METHODS: &[(&str, BuiltinFn)] = &[
    ("capitalize", capitalize),
    ("center", center),
    ("expandtabs", expandtabs),
    ("isalnum", isalnum),
    ("isalpha", isalpha),
    ("isascii", isascii),
    ("isdigit", isdigit),
    ("islower", islower),
    ("isspace", isspace),
    ("istitle", istitle),
    ("isupper", isupper),
    ("ljust", ljust),
    ("lower", lower),
    ("rjust", rjust),
    ("swapcase", swapcase),
    ("title", title),
    ("translate", translate),
    ("upper", upper),
    ("zfill", zfill),
];

// ----- case and predicates (ASCII only, as for Python's bytes) --------------

fn map_bytes(a: CallArgs, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let [v] = exact::<1>(&a, name)?;
    let s = this(v, name)?;
    Ok(s.kind.wrap(f(&s.data)))
}

fn upper(a: CallArgs) -> PyResult<Value> {
    map_bytes(a, "upper", |d| d.to_ascii_uppercase())
}
fn lower(a: CallArgs) -> PyResult<Value> {
    map_bytes(a, "lower", |d| d.to_ascii_lowercase())
}
fn swapcase(a: CallArgs) -> PyResult<Value> {
    map_bytes(a, "swapcase", |d| {
        d.iter()
            .map(|&b| if b.is_ascii_lowercase() { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() })
            .collect()
    })
}
fn capitalize(a: CallArgs) -> PyResult<Value> {
    map_bytes(a, "capitalize", |d| {
        let mut out = d.to_ascii_lowercase();
        if let Some(first) = out.first_mut() {
            first.make_ascii_uppercase();
        }
        out
    })
}
fn title(a: CallArgs) -> PyResult<Value> {
    map_bytes(a, "title", |d| {
        let mut previous_cased = false;
        d.iter()
            .map(|&b| {
                let out = if previous_cased { b.to_ascii_lowercase() } else { b.to_ascii_uppercase() };
                previous_cased = b.is_ascii_alphabetic();
                out
            })
            .collect()
    })
}

fn test_bytes(a: CallArgs, name: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let [v] = exact::<1>(&a, name)?;
    Ok(Value::Bool(f(&this(v, name)?.data)))
}

fn all_nonempty(d: &[u8], f: fn(&u8) -> bool) -> bool {
    !d.is_empty() && d.iter().all(f)
}

fn isalnum(a: CallArgs) -> PyResult<Value> {
    test_bytes(a, "isalnum", |d| all_nonempty(d, u8::is_ascii_alphanumeric))
}
fn isalpha(a: CallArgs) -> PyResult<Value> {
    test_bytes(a, "isalpha", |d| all_nonempty(d, u8::is_ascii_alphabetic))
}
fn isdigit(a: CallArgs) -> PyResult<Value> {
    test_bytes(a, "isdigit", |d| all_nonempty(d, u8::is_ascii_digit))
}
fn isspace(a: CallArgs) -> PyResult<Value> {
    test_bytes(a, "isspace", |d| all_nonempty(d, |&b| search::is_space(b)))
}
fn isascii(a: CallArgs) -> PyResult<Value> {
    test_bytes(a, "isascii", |d| d.is_ascii())
}
fn islower(a: CallArgs) -> PyResult<Value> {
    test_bytes(a, "islower", |d| {
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
    })
}
fn isupper(a: CallArgs) -> PyResult<Value> {
    test_bytes(a, "isupper", |d| {
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
    })
}
fn istitle(a: CallArgs) -> PyResult<Value> {
    test_bytes(a, "istitle", |d| {
        // Upper case only after uncased bytes, lower case only after cased.
        let (mut cased, mut previous_cased) = (false, false);
        for &b in d {
            if b.is_ascii_uppercase() {
                if previous_cased {
                    return false;
                }
                previous_cased = true;
                cased = true;
            } else if b.is_ascii_lowercase() {
                if !previous_cased {
                    return false;
                }
                previous_cased = true;
                cased = true;
            } else {
                previous_cased = false;
            }
        }
        cased
    })
}

// ----- padding -------------------------------------------------------------

/// center/ljust/rjust: `left_share` says how much of the padding goes left.
fn pad_common(a: CallArgs, name: &str, left_share: fn(usize, usize) -> usize) -> PyResult<Value> {
    let args = positional(&a, name, 2, 3)?;
    let s = this(&args[0], name)?;
    let width = ops::index_value(&args[1])?;
    let fill = match args.get(2) {
        None => b' ',
        Some(f) => match buffer(f) {
            Some(b) if b.len() == 1 => b[0],
            _ => {
                return Err(PyErr::type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    crate::objects::text_args::clinic_type_name(f)
                )))
            }
        },
    };
    let len = s.data.len();
    let Some(pad) = usize::try_from(width).ok().and_then(|w| w.checked_sub(len)).filter(|&p| p > 0) else {
        return Ok(s.piece(&s.data));
    };
    check_alloc(len + pad)?;
    let left = left_share(pad, len + pad);
    let mut out = Vec::with_capacity(len + pad);
    out.resize(left, fill);
    out.extend_from_slice(&s.data);
    out.resize(len + pad, fill);
    Ok(s.kind.wrap(out))
}

fn center(a: CallArgs) -> PyResult<Value> {
    // As str.center: an odd padding puts the extra byte left when the width is odd.
    pad_common(a, "center", |pad, width| pad / 2 + (pad & width & 1))
}
fn ljust(a: CallArgs) -> PyResult<Value> {
    pad_common(a, "ljust", |_, _| 0)
}
fn rjust(a: CallArgs) -> PyResult<Value> {
    pad_common(a, "rjust", |pad, _| pad)
}

fn zfill(a: CallArgs) -> PyResult<Value> {
    let [v, width] = exact::<2>(&a, "zfill")?;
    let s = this(v, "zfill")?;
    let width = ops::index_value(width)?;
    let d = &s.data;
    let Some(pad) = usize::try_from(width).ok().and_then(|w| w.checked_sub(d.len())).filter(|&p| p > 0) else {
        return Ok(s.piece(d));
    };
    check_alloc(d.len() + pad)?;
    let sign = usize::from(matches!(d.first(), Some(b'+' | b'-')));
    let mut out = Vec::with_capacity(d.len() + pad);
    out.extend_from_slice(&d[..sign]);
    out.resize(sign + pad, b'0');
    out.extend_from_slice(&d[sign..]);
    Ok(s.kind.wrap(out))
}

fn expandtabs(a: CallArgs) -> PyResult<Value> {
    let (v, [tabsize]) = bind_kw(&a, "expandtabs", ["tabsize"])?;
    let s = this(v, "expandtabs")?;
    let tabsize = match tabsize {
        Some(t) => c_int(t)?,
        None => 8,
    };
    let stop = usize::try_from(tabsize).unwrap_or(0);
    // Size first (columns reset at \n and \r), then build.
    let mut total = 0usize;
    let mut column = 0usize;
    for &b in s.data.iter() {
        let w = match b {
            b'\t' if stop > 0 => stop - column % stop,
            b'\t' => 0,
            _ => 1,
        };
        total = total.checked_add(w).ok_or_else(|| PyErr::overflow("result too long"))?;
        column = if matches!(b, b'\n' | b'\r') { 0 } else { column + w };
    }
    check_alloc(total)?;
    let mut out = Vec::with_capacity(total);
    column = 0;
    for &b in s.data.iter() {
        match b {
            b'\t' => {
                if stop > 0 {
                    let w = stop - column % stop;
                    out.resize(out.len() + w, b' ');
                    column += w;
                }
            }
            b'\n' | b'\r' => {
                out.push(b);
                column = 0;
            }
            _ => {
                out.push(b);
                column += 1;
            }
        }
    }
    Ok(s.kind.wrap(out))
}

// ----- translation ---------------------------------------------------------

/// `translate(table, /, delete=b'')`: `table` is None or 256 bytes.
fn translate(a: CallArgs) -> PyResult<Value> {
    let (v, [table, delete]) = bind(&a, type_of_receiver(&a), "translate", ["table", "delete"], 1)?;
    let s = this(v, "translate")?;
    let Some(table) = table else {
        return Err(PyErr::type_error("translate() takes at least 1 positional argument (0 given)"));
    };
    let table = match table {
        Value::None => None,
        t => {
            let t = need_buffer(t)?;
            if t.len() != 256 {
                return Err(PyErr::value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match delete {
        Some(d) => need_buffer(d)?.to_vec(),
        None => Vec::new(),
    };
    let mut deleted = [false; 256];
    for &b in &delete {
        deleted[usize::from(b)] = true;
    }
    let out: Vec<u8> = s
        .data
        .iter()
        .filter(|&&b| !deleted[usize::from(b)])
        .map(|&b| table.as_ref().map_or(b, |t| t[usize::from(b)]))
        .collect();
    if out[..] == s.data[..] {
        return Ok(s.piece(&s.data));
    }
    Ok(s.kind.wrap(out))
}

/// `bytes.maketrans(frm, to)` (static): a 256-byte table.
pub(crate) fn maketrans(a: CallArgs) -> PyResult<Value> {
    let args = crate::args::check_fn(&a, "maketrans", 2, 2)?;
    let from = need_buffer(&args[0])?;
    let to = need_buffer(&args[1])?;
    if from.len() != to.len() {
        return Err(PyErr::value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&f, &t) in from.iter().zip(to.iter()) {
        table[usize::from(f)] = t;
    }
    Ok(bytes_value(table))
}

// Expected results are CPython 3.13's output for the same calls.
#[cfg(test)]
mod tests {
    use crate::objects::text_args::testing::{b, ba, call, call_kw, check, i, s};
    use crate::value::Value;

    #[test]
    fn transforming() {
        check(call(&b(b"  abc "), "strip", &[]), "b'abc'");
        check(call(&b(b"xxaxx"), "strip", &[b(b"x")]), "b'a'");
        check(call(&b(b"  a"), "lstrip", &[]), "b'a'");
        check(call(&b(b"a  "), "rstrip", &[]), "b'a'");
        check(call(&ba(b" a "), "strip", &[]), "bytearray(b'a')");
        check(call(&b(b"a"), "strip", &[s("a")]), "TypeError: a bytes-like object is required, not 'str'");
        check(call(&b(b"a"), "strip", &[Value::None]), "b'a'");
        check(call(&b(b"abab"), "replace", &[b(b"b"), b(b"xy")]), "b'axyaxy'");
        check(call(&b(b"ab"), "replace", &[b(b""), b(b"-")]), "b'-a-b-'");
        check(call(&b(b"aaa"), "replace", &[b(b"a"), b(b"b"), i(2)]), "b'bba'");
        check(call(&b(b"a"), "replace", &[i(1), b(b"")]), "TypeError: a bytes-like object is required, not 'int'");
        check(call_kw(&b(b"a"), "replace", &[b(b"a"), b(b"b")], &[("count", i(1))]), "TypeError: bytes.replace() takes no keyword arguments");
        check(call(&b(b"abc"), "removeprefix", &[b(b"a")]), "b'bc'");
        check(call(&b(b"abc"), "removesuffix", &[b(b"c")]), "b'ab'");
        check(call(&b(b"a"), "removeprefix", &[s("a")]), "TypeError: a bytes-like object is required, not 'str'");
        check(call(&b(b"aBc dEF"), "title", &[]), "b'Abc Def'");
        check(call(&b(b"abc"), "upper", &[]), "b'ABC'");
        check(call(&ba(b"abc"), "upper", &[]), "bytearray(b'ABC')");
        check(call(&b(b"ABC"), "lower", &[]), "b'abc'");
        check(call(&b(b"aBC"), "swapcase", &[]), "b'Abc'");
        check(call(&b(b"aBC"), "capitalize", &[]), "b'Abc'");
        check(call(&b(b"a"), "upper", &[i(1)]), "TypeError: bytes.upper() takes no arguments (1 given)");
        check(call(&b(b"ab cd"), "istitle", &[]), "False");
        check(call(&b(b"Ab Cd"), "istitle", &[]), "True");
        check(call(&b(b""), "isascii", &[]), "True");
        check(call(&b(b"a1"), "isalnum", &[]), "True");
        check(call(&b(b"12"), "isdigit", &[]), "True");
        check(call(&b(b" \x09"), "isspace", &[]), "True");
        check(call(&b(b"ab1"), "islower", &[]), "True");
        check(call(&b(b"AB1"), "isupper", &[]), "True");
        check(call(&b(b"ab"), "center", &[i(6), b(b"*")]), "b'**ab**'");
        check(call(&b(b"ab"), "center", &[i(5), b(b"*")]), "b'**ab*'");
        check(call(&b(b"ab"), "center", &[i(6), s("*")]), "TypeError: center() argument 2 must be a byte string of length 1, not str");
        check(call(&b(b"a"), "center", &[i(5), b(b"ab")]), "TypeError: center() argument 2 must be a byte string of length 1, not bytes");
        check(call(&b(b"ab"), "ljust", &[i(4), ba(b"-")]), "b'ab--'");
        check(call(&b(b"ab"), "rjust", &[i(4)]), "b'  ab'");
        check(call_kw(&b(b"a"), "center", &[], &[("width", i(3))]), "TypeError: bytes.center() takes no keyword arguments");
        check(call(&b(b"12"), "zfill", &[i(5)]), "b'00012'");
        check(call(&b(b"-1"), "zfill", &[i(4)]), "b'-001'");
        check(call(&b(b"a"), "zfill", &[]), "TypeError: bytes.zfill() takes exactly one argument (0 given)");
        check(call(&b(b"a\x09b"), "expandtabs", &[]), "b'a       b'");
        check(call_kw(&b(b"a\x09b"), "expandtabs", &[], &[("tabsize", i(4))]), "b'a   b'");
        check(call(&b(b"ab\x0ac\x09d"), "expandtabs", &[i(2)]), "b'ab\\nc d'");
        check(call(&b(b"abc"), "translate", &[Value::None, b(b"b")]), "b'ac'");
        check(call_kw(&b(b"abc"), "translate", &[Value::None], &[("delete", b(b"a"))]), "b'bc'");
        check(call(&b(b"a"), "translate", &[b(b"x")]), "ValueError: translation table must be 256 characters long");
    }
}
