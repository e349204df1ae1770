//! String formatting with Python values: `str.format` / `str.format_map`
//! (PEP 3101 replacement fields) and printf-style `fmt % args`.
//!
//! Parsing and the rendering of one value are pure functions elsewhere
//! (`strlib::FormatParser`, `format::parse_printf_partial`,
//! `format::printf_*`); this file walks the arguments, resolves field
//! names, applies conversions, and raises CPython's errors in CPython's
//! order.

use std::borrow::Cow;
use std::sync::Arc;

use num_traits::FromPrimitive;

use crate::args::CallArgs;
use crate::error::{PyErr, PyResult};
use crate::format::{self, PrintfPiece, PrintfSpec, Star};
use crate::num::IntRef;
use crate::objects::codec::escape_char;
use crate::objects::str_methods::this;
use crate::objects::text_args::{self, check_alloc};
use crate::objects::tuple::TupleObj;
use crate::ops;
use crate::strlib::{Accessor, FieldArg, FieldNumbering, FieldRef, FormatParser, FormatPiece};
use crate::value::Value;

// ----- str.format and str.format_map ---------------------------------------

/// Where replacement fields find their values.
enum Source<'a> {
    /// `str.format(*args, **kwargs)`.
    Args { positional: &'a [Value], call: CallArgs<'a> },
    /// `str.format_map(mapping)`.
    Map(&'a Value),
}

/// `str.format(*args, **kwargs)`.
pub fn format(a: CallArgs) -> PyResult<Value> {
    let receiver = text_args::receiver(&a, "str.format")?;
    let s = this(receiver, "format")?;
    let source = Source::Args { positional: &a.positional()[1..], call: a };
    render_all(s.as_str(), &source)
}

/// `str.format_map(mapping)`.
pub fn format_map(a: CallArgs) -> PyResult<Value> {
    let [v, mapping] = text_args::exact::<2>(&a, "str", "format_map")?;
    let s = this(v, "format_map")?;
    render_all(s.as_str(), &Source::Map(mapping))
}

fn render_all(fmt: &str, source: &Source) -> PyResult<Value> {
    let mut out = String::with_capacity(fmt.len());
    // Top-level fields may hold one level of nested fields in their spec.
    render(fmt, source, &mut FieldNumbering::new(), 2, &mut out)?;
    Ok(Value::string(out))
}

fn render(fmt: &str, source: &Source, numbering: &mut FieldNumbering, depth: u32, out: &mut String) -> PyResult<()> {
    if depth == 0 {
        return Err(PyErr::value_error("Max string recursion exceeded"));
    }
    // Pieces are parsed lazily so that a field's lookup error comes before
    // a syntax error later in the string, as in CPython.
    for piece in FormatParser::new(fmt) {
        match piece.map_err(PyErr::value_error)? {
            FormatPiece::Literal(text) => out.push_str(&text),
            FormatPiece::Field(field) => {
                let value = resolve(&field, source, numbering)?;
                let value = convert(value, field.conversion)?;
                let spec: Cow<str> = if field.spec.contains('{') {
                    let mut expanded = String::new();
                    render(field.spec, source, numbering, depth - 1, &mut expanded)?;
                    Cow::Owned(expanded)
                } else {
                    Cow::Borrowed(field.spec)
                };
                match (&value, spec.is_empty()) {
                    (Value::Str(s), true) => out.push_str(s.as_str()),
                    (Value::Int(i), true) => out.push_str(&i.to_string()),
                    _ => out.push_str(&crate::builtins::format_value(&value, &spec)?),
                }
            }
        }
    }
    Ok(())
}

/// The value a field names: the argument, then each `.attr` / `[key]`.
fn resolve(field: &FieldRef, source: &Source, numbering: &mut FieldNumbering) -> PyResult<Value> {
    let index = numbering.positional_index(&field.arg).map_err(PyErr::value_error)?;
    let mut value = match (index, source) {
        (Some(i), Source::Args { positional, .. }) => positional.get(i).cloned().ok_or_else(|| {
            PyErr::index_error(format!("Replacement index {i} out of range for positional args tuple"))
        })?,
        (Some(_), Source::Map(_)) => {
            return Err(PyErr::value_error("Format string contains positional fields"));
        }
        (None, source) => {
            let FieldArg::Keyword(name) = field.arg else {
                return Err(PyErr::system_error("format field without a name"));
            };
            match source {
                Source::Args { call, .. } => call.kwarg(name).ok_or_else(|| PyErr::key_error(Value::str(name)))?,
                Source::Map(mapping) => ops::getitem(mapping, &Value::str(name))?,
            }
        }
    };
    for accessor in &field.accessors {
        value = match *accessor {
            Accessor::Attr(name) => ops::getattr_str(&value, name)?,
            Accessor::Index(i) => ops::getitem(&value, &Value::from_usize(i))?,
            Accessor::Key(key) => ops::getitem(&value, &Value::str(key))?,
        };
    }
    Ok(value)
}

/// `!r`, `!s`, `!a`.
fn convert(value: Value, conversion: Option<char>) -> PyResult<Value> {
    match conversion {
        None => Ok(value),
        Some('r') => Ok(Value::string(ops::repr(&value)?)),
        Some('s') => Ok(Value::string(ops::str_of(&value)?)),
        Some('a') => Ok(Value::string(ascii_escape(&ops::repr(&value)?))),
        Some(c) => {
            let shown = if ('!'..='~').contains(&c) {
                c.to_string()
            } else {
                format!("\\x{:x}", u32::from(c))
            };
            Err(PyErr::value_error(format!("Unknown conversion specifier {shown}")))
        }
    }
}

/// `ascii()` of text that is already a repr: non-ASCII code points escaped.
pub(crate) fn ascii_escape(repr: &str) -> String {
    if repr.is_ascii() {
        return repr.to_owned();
    }
    let mut out = String::with_capacity(repr.len() + 8);
    for c in repr.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&escape_char(c));
        }
    }
    out
}

// ----- printf-style formatting ---------------------------------------------

/// The arguments of `fmt % args`, consumed as CPython's `getnextarg` does:
/// a tuple supplies its items in turn; any other value supplies itself once.
/// A `%(key)` conversion replaces the current argument by `mapping[key]`.
struct Cursor {
    tuple: Option<Arc<TupleObj>>,
    current: Value,
    /// Number of arguments, -1 for a single non-tuple value.
    len: isize,
    /// Next index; starts at -2 for a single value so that one `next`
    /// reaches -1 == len.
    next: isize,
    mapping: Option<Value>,
}

impl Cursor {
    fn new(args: &Value) -> Cursor {
        let payload = ops::payload(args);
        let mapping = match &payload {
            Value::Tuple(_) | Value::Str(_) => false,
            // Whatever supports `[]` counts as a mapping (lists too, as in
            // CPython: `"abc" % [1]` is "abc").
            Value::Dict(_) | Value::List(_) | Value::Bytes(_) | Value::ByteArray(_) | Value::Range(_) => true,
            Value::Instance(_) => ops::lookup_special(args, "__getitem__").is_some(),
            _ => false,
        };
        let mapping = mapping.then(|| args.clone());
        match payload {
            Value::Tuple(t) => {
                let len = isize::try_from(t.len()).unwrap_or(isize::MAX);
                Cursor { tuple: Some(t), current: Value::None, len, next: 0, mapping }
            }
            _ => Cursor { tuple: None, current: args.clone(), len: -1, next: -2, mapping },
        }
    }

    fn next(&mut self) -> PyResult<Value> {
        if self.next >= self.len {
            return Err(PyErr::type_error("not enough arguments for format string"));
        }
        let i = self.next;
        self.next += 1;
        match &self.tuple {
            Some(t) if i >= 0 => Ok(t.items().get(i as usize).cloned().unwrap_or(Value::None)),
            _ => Ok(self.current.clone()),
        }
    }

    /// `%(key)`: the argument becomes `mapping[key]`.
    fn select(&mut self, key: &str) -> PyResult<()> {
        let Some(mapping) = &self.mapping else {
            return Err(PyErr::type_error("format requires a mapping"));
        };
        self.current = ops::getitem(mapping, &Value::str(key))?;
        self.tuple = None;
        self.len = -1;
        self.next = -2;
        Ok(())
    }

    fn all_used(&self) -> bool {
        self.next >= self.len || self.mapping.is_some()
    }
}

/// `fmt % args` for a str `fmt`.
pub fn percent_format(fmt: &str, args: &Value) -> PyResult<Value> {
    let (pieces, error) = format::parse_printf_partial(fmt);
    let mut cursor = Cursor::new(args);
    let mut out = String::with_capacity(fmt.len() + 16);
    for piece in &pieces {
        match piece {
            PrintfPiece::Literal(text) => out.push_str(text),
            PrintfPiece::Spec(spec) => {
                let ((spec, width, precision), value) = fetch(spec, &mut cursor)?;
                render_spec(&spec, width, precision, &value, &mut out)?;
            }
        }
    }
    if let Some(err) = error {
        // CPython consumes what it parsed of the bad spec before
        // complaining: for a bad conversion character the key, `*` values
        // and the value; otherwise the key (unless it is unterminated) and
        // the `*` values. Their errors come first.
        if let Some(spec) = &err.spec {
            fetch(spec, &mut cursor)?;
        } else if let Some(partial) = &err.partial {
            let key_complete = err.message != "incomplete format key";
            fetch_key(partial, &mut cursor, key_complete)?;
            fetch_stars(partial, &mut cursor)?;
        }
        return Err(PyErr::value_error(err.message));
    }
    if !cursor.all_used() {
        return Err(PyErr::type_error("not all arguments converted during string formatting"));
    }
    Ok(Value::string(out))
}

/// The key, `*` width and precision, and value of one spec, in CPython's
/// order.
/// A spec (adjusted for a negative `*` width), its width and precision.
type Resolved<'s> = (Cow<'s, PrintfSpec>, Option<usize>, Option<usize>);

fn fetch<'s>(spec: &'s PrintfSpec, cursor: &mut Cursor) -> PyResult<(Resolved<'s>, Value)> {
    fetch_key(spec, cursor, true)?;
    let resolved = fetch_stars(spec, cursor)?;
    let value = cursor.next()?;
    Ok((resolved, value))
}

/// `%(key)`: requires a mapping, then (when `lookup`) selects the value.
fn fetch_key(spec: &PrintfSpec, cursor: &mut Cursor, lookup: bool) -> PyResult<()> {
    match &spec.key {
        Some(_) if cursor.mapping.is_none() => Err(PyErr::type_error("format requires a mapping")),
        Some(key) if lookup => cursor.select(key),
        _ => Ok(()),
    }
}

/// The `*` width and precision. A negative width left-justifies, so the
/// spec may change.
fn fetch_stars<'s>(spec: &'s PrintfSpec, cursor: &mut Cursor) -> PyResult<Resolved<'s>> {
    let mut spec = Cow::Borrowed(spec);
    let width = match spec.width {
        None => None,
        Some(Star::Num(n)) => Some(n),
        Some(Star::FromArgs) => {
            let w = star_value(&cursor.next()?, "ssize_t")?;
            if w < 0 {
                spec.to_mut().left = true;
            }
            Some(usize::try_from(w.unsigned_abs()).unwrap_or(usize::MAX))
        }
    };
    let precision = match spec.precision {
        None => None,
        Some(Star::Num(n)) => Some(n),
        Some(Star::FromArgs) => {
            let p = star_value(&cursor.next()?, "int")?;
            if p > i64::from(i32::MAX) {
                return Err(PyErr::overflow("Python int too large to convert to C int"));
            }
            Some(usize::try_from(p.max(0)).unwrap_or(0))
        }
    };
    Ok((spec, width, precision))
}

/// A `*` argument: an int, bounded as the C type CPython reads it into.
fn star_value(v: &Value, c_type: &str) -> PyResult<i64> {
    match ops::payload(v) {
        Value::Int(n) => Ok(n),
        Value::Bool(b) => Ok(i64::from(b)),
        Value::BigInt(_) => Err(PyErr::overflow(format!("Python int too large to convert to C {c_type}"))),
        _ => Err(PyErr::type_error("* wants int")),
    }
}

fn render_spec(
    spec: &PrintfSpec,
    width: Option<usize>,
    precision: Option<usize>,
    value: &Value,
    out: &mut String,
) -> PyResult<()> {
    // Bound what the width or an integer precision would make us allocate.
    let numeric_precision = if matches!(spec.conv, 's' | 'r' | 'a' | 'c') { 0 } else { precision.unwrap_or(0) };
    check_alloc(width.unwrap_or(0).max(numeric_precision))?;
    let text = match spec.conv {
        's' | 'r' | 'a' => {
            let text = match spec.conv {
                's' => match value {
                    Value::Str(s) => Cow::Borrowed(s.as_str()),
                    _ => Cow::Owned(ops::str_of(value)?),
                },
                'r' => Cow::Owned(ops::repr(value)?),
                _ => Cow::Owned(ascii_escape(&ops::repr(value)?)),
            };
            if width.is_none() && precision.is_none() {
                out.push_str(&text);
                return Ok(());
            }
            format::printf_pad(&text, spec, width, precision)
        }
        'c' => {
            let mut buf = [0u8; 4];
            format::printf_pad(char_arg(value)?.encode_utf8(&mut buf), spec, width, precision)
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let n = integer_arg(value, spec.conv)?;
            let r = match &n {
                Value::BigInt(b) => {
                    if matches!(spec.conv, 'd' | 'i' | 'u') {
                        ops::check_decimal_digits(b)?;
                    }
                    IntRef::Big(b)
                }
                Value::Int(i) => IntRef::Small(*i),
                _ => IntRef::Small(0),
            };
            format::printf_int(r, spec, width, precision)
        }
        _ => format::printf_float(ops::to_f64(value)?, spec, width, precision),
    };
    out.push_str(&text);
    Ok(())
}

/// The character of `%c`: a one-character str or a code point.
fn char_arg(v: &Value) -> PyResult<char> {
    const REQUIRES: &str = "%c requires int or char";
    if let Some(s) = text_args::as_str(v) {
        let mut chars = s.as_str().chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(PyErr::type_error(REQUIRES)),
        };
    }
    let code = match ops::payload(v) {
        Value::Int(n) => n,
        Value::Bool(b) => i64::from(b),
        Value::BigInt(_) => -1,
        Value::Instance(_) if ops::lookup_special(v, "__index__").is_some() => ops::index_value(v)?,
        _ => return Err(PyErr::type_error(REQUIRES)),
    };
    let code = u32::try_from(code)
        .ok()
        .filter(|&c| c < 0x11_0000)
        .ok_or_else(|| PyErr::overflow("%c arg not in range(0x110000)"))?;
    char::from_u32(code).ok_or_else(|| {
        // Lone surrogates cannot be held in UTF-8 text.
        PyErr::value_error("%c arg is a surrogate code point, which is not supported")
    })
}

/// The int for `%d %i %u` (any real number, truncated) or `%o %x %X`
/// (integers only), as an `Int` or `BigInt` value.
fn integer_arg(v: &Value, conv: char) -> PyResult<Value> {
    let real = matches!(conv, 'd' | 'i' | 'u');
    match ops::payload(v) {
        n @ (Value::Int(_) | Value::BigInt(_)) => return Ok(n),
        Value::Bool(b) => return Ok(Value::Int(i64::from(b))),
        Value::Float(f) if real => return float_to_int(f),
        _ => {}
    }
    if matches!(v, Value::Instance(_)) {
        if ops::lookup_special(v, "__index__").is_some() {
            return ops::index_int(v);
        }
        if real && ops::lookup_special(v, "__int__").is_some() {
            let r = ops::call_method(v, "__int__", &[])?;
            return match ops::payload(&r) {
                n @ (Value::Int(_) | Value::BigInt(_)) => Ok(n),
                _ => Err(PyErr::type_error(format!(
                    "__int__ returned non-int (type {})",
                    ops::type_name(&r)
                ))),
            };
        }
    }
    let what = if real { "a real number" } else { "an integer" };
    Err(PyErr::type_error(format!(
        "%{conv} format: {what} is required, not {}",
        ops::type_name(v)
    )))
}

fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErr::overflow("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    // Within ±2**63 the truncated value converts exactly.
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    num_bigint::BigInt::from_f64(t)
        .map(Value::from_bigint)
        .ok_or_else(|| PyErr::overflow("cannot convert float infinity to integer"))
}

// Expected results are CPython 3.13's output for the same operations.
#[cfg(test)]
mod tests {
    use super::percent_format;
    use crate::objects::text_args::testing::{b, call, call_kw, check, dict, i, list, ready, s, tuple};
    use crate::value::Value;

    #[test]
    fn format_method() {
        check(call(&s("{} {}"), "format", &[i(1), i(2)]), "'1 2'");
        check(call(&s("{1}{0}"), "format", &[s("a"), s("b")]), "'ba'");
        check(call_kw(&s("{name}!"), "format", &[], &[("name", s("hi"))]), "'hi!'");
        check(call(&s("{:>6}"), "format", &[s("r")]), "'     r'");
        check(call(&s("{:^9}|{:<4}|{:+d}|{:x}|{:08.3f}|{:,}"), "format", &[s("mid"), s("l"), i(5), i(255), Value::Float(1.23456), i(1234567)]), "'   mid   |l   |+5|ff|0001.235|1,234,567'");
        check(call(&s("{}"), "format", &[]), "IndexError: Replacement index 0 out of range for positional args tuple");
        check(call(&s("{1}"), "format", &[i(1)]), "IndexError: Replacement index 1 out of range for positional args tuple");
        check(call(&s("{a}"), "format", &[]), "KeyError: 'a'");
        check(call(&s("{0[1]}"), "format", &[list(vec![i(5), i(6)])]), "'6'");
        check(call(&s("{0[k]}"), "format", &[dict(vec![(s("k"), i(7))])]), "'7'");
        check(call(&s("{0[-1]}"), "format", &[dict(vec![(s("-1"), i(1))])]), "'1'");
        check(call(&s("{0.real}"), "format", &[i(3)]), "'3'");
        check(call(&s("{0.nope}"), "format", &[i(3)]), "AttributeError: 'int' object has no attribute 'nope'");
        check(call(&s("{!r}"), "format", &[s("a")]), "\"'a'\"");
        check(call(&s("{!a}"), "format", &[s("\u{e9}")]), "\"'\\\\xe9'\"");
        check(call(&s("{0!s:>5}"), "format", &[i(1)]), "'    1'");
        check(call(&s("{!x}"), "format", &[i(1)]), "ValueError: Unknown conversion specifier x");
        check(call(&s("{!\u{e9}}"), "format", &[i(1)]), "ValueError: Unknown conversion specifier \\xe9");
        check(call(&s("{:{}}"), "format", &[i(1), i(5)]), "'    1'");
        check(call(&s("{:{:{}}}"), "format", &[i(1), i(2), i(3)]), "ValueError: Max string recursion exceeded");
        check(call(&s("{0:{1}}"), "format", &[i(1), s(">5")]), "'    1'");
        check(call(&s("{0:{1}{2}}"), "format", &[i(3), s("<"), i(4)]), "'3   '");
        check(call(&s("{:{}}{}"), "format", &[i(1), i(5), s("x")]), "'    1x'");
        check(call_kw(&s("{x:{y}}"), "format", &[], &[("x", i(1)), ("y", s("<3"))]), "'1  '");
        check(call(&s("{}{0}"), "format", &[i(1)]), "ValueError: cannot switch from automatic field numbering to manual field specification");
        check(call(&s("{0}{}"), "format", &[i(1)]), "ValueError: cannot switch from manual field specification to automatic field numbering");
        check(call(&s("{"), "format", &[]), "ValueError: Single '{' encountered in format string");
        check(call(&s("}"), "format", &[]), "ValueError: Single '}' encountered in format string");
        check(call(&s("{{}}{}"), "format", &[i(1)]), "'{}1'");
        check(call(&s("{0!}"), "format", &[i(1)]), "ValueError: unmatched '{' in format spec");
        check(call(&s("{0!rr}"), "format", &[i(1)]), "ValueError: expected ':' after conversion specifier");
        check(call(&s("{:d}"), "format", &[s("a")]), "ValueError: Unknown format code 'd' for object of type 'str'");
        check(call(&s("{:s}"), "format", &[i(1)]), "ValueError: Unknown format code 's' for object of type 'int'");
        check(call_kw(&s("{self}"), "format", &[], &[("self", i(1))]), "'1'");
        check(call(&s("\u{e9}{}\u{fc}"), "format", &[s("\u{df}")]), "'\u{e9}\u{df}\u{fc}'");
        check(call(&s("{a[b]}"), "format_map", &[dict(vec![(s("a"), dict(vec![(s("b"), i(3))]))])]), "'3'");
        check(call(&s("{a}"), "format_map", &[dict(vec![])]), "KeyError: 'a'");
        check(call(&s("{}"), "format_map", &[dict(vec![])]), "ValueError: Format string contains positional fields");
        check(call(&s("a"), "format_map", &[i(1)]), "'a'");
        check(call(&s("{a}"), "format_map", &[i(1)]), "TypeError: 'int' object is not subscriptable");
        check(call(&s("a"), "format_map", &[]), "TypeError: str.format_map() takes exactly one argument (0 given)");
    }

    #[test]
    fn percent() {
        ready();
        check(percent_format("%s is %d years and %.1f%%", &tuple(vec![s("Al"), i(30), Value::Float(99.5)])), "'Al is 30 years and 99.5%'");
        check(percent_format("%5s|%-5s|%05d", &tuple(vec![s("a"), s("b"), i(42)])), "'    a|b    |00042'");
        check(percent_format("%r", &s("x")), "\"'x'\"");
        check(percent_format("%(a)s-%(b)r", &dict(vec![(s("a"), i(1)), (s("b"), s("x"))])), "\"1-'x'\"");
        check(percent_format("%5.2f|%-6d|%+d|% d|%x|%#o|%e|%g", &tuple(vec![Value::Float(1.23456), i(42), i(5), i(5), i(255), i(8), Value::Float(12345.678), Value::Float(1e-05)])), "' 1.23|42    |+5| 5|ff|0o10|1.234568e+04|1e-05'");
        check(percent_format("%c%c", &tuple(vec![i(65), s("\u{e9}")])), "'A\u{e9}'");
        check(percent_format("%*d|%-*d|%.*f", &tuple(vec![i(5), i(1), i(4), i(2), i(2), Value::Float(1.23456)])), "'    1|2   |1.23'");
        check(percent_format("%s", &dict(vec![(s("a"), i(1))])), "\"{'a': 1}\"");
        check(percent_format("abc", &list(vec![i(1)])), "'abc'");
        check(percent_format("abc", &i(1)), "TypeError: not all arguments converted during string formatting");
        check(percent_format("%s", &list(vec![i(1), i(2)])), "'[1, 2]'");
        check(percent_format("%a", &s("\u{e9}")), "\"'\\\\xe9'\"");
        check(percent_format("%.2s", &s("abcdef")), "'ab'");
        check(percent_format("%5c", &i(65)), "'    A'");
        check(percent_format("%d", &Value::Bool(true)), "'1'");
        check(percent_format("%x", &i(-255)), "'-ff'");
        check(percent_format("%#X", &i(255)), "'0XFF'");
        check(percent_format("%d", &Value::Float(f64::NAN)), "ValueError: cannot convert float NaN to integer");
        check(percent_format("%d", &Value::Float(f64::INFINITY)), "OverflowError: cannot convert float infinity to integer");
        check(percent_format("%s %s", &tuple(vec![s("a"), s("b"), s("c")])), "TypeError: not all arguments converted during string formatting");
        check(percent_format("%(a)s", &dict(vec![])), "KeyError: 'a'");
        check(percent_format("%-5s|", &s("ab")), "'ab   |'");
        check(percent_format("%05s", &s("ab")), "'   ab'");
        check(percent_format("%r", &tuple(vec![i(1)])), "'1'");
        check(percent_format("%s", &tuple(vec![tuple(vec![i(1), i(2)])])), "'(1, 2)'");
        check(percent_format("%i %u", &tuple(vec![Value::Float(3.7), Value::Float(-2.5)])), "'3 -2'");
        check(percent_format("%%", &tuple(vec![])), "'%'");
        check(percent_format("%%%s", &i(5)), "'%5'");
        check(percent_format("%(a)*d", &dict(vec![(s("a"), i(1))])), "TypeError: not enough arguments for format string");
        check(percent_format("%.3r", &s("abcdef")), "\"'ab\"");
        check(percent_format("%s", &s("\u{e9}")), "'\u{e9}'");
        check(percent_format("%c", &s("\u{e9}a")), "TypeError: %c requires int or char");
        check(percent_format("%o", &i(8)), "'10'");
        check(percent_format("%F", &Value::Float(1.5)), "'1.500000'");
        check(percent_format("%d", &s("x")), "TypeError: %d format: a real number is required, not str");
        check(percent_format("%s %s", &tuple(vec![i(1)])), "TypeError: not enough arguments for format string");
        check(percent_format("%s", &tuple(vec![i(1), i(2)])), "TypeError: not all arguments converted during string formatting");
        check(percent_format("%(a)s", &i(1)), "TypeError: format requires a mapping");
        check(percent_format("%c", &s("ab")), "TypeError: %c requires int or char");
        check(percent_format("%c", &Value::Float(1.5)), "TypeError: %c requires int or char");
        check(percent_format("%z", &i(1)), "ValueError: unsupported format character 'z' (0x7a) at index 1");
        check(percent_format("%", &tuple(vec![])), "ValueError: incomplete format");
        check(percent_format("%(a", &i(1)), "TypeError: format requires a mapping");
        check(percent_format("%(a)", &dict(vec![])), "KeyError: 'a'");
        check(percent_format("%(a)", &dict(vec![(s("a"), i(1))])), "ValueError: incomplete format");
        check(percent_format("%*", &tuple(vec![])), "TypeError: not enough arguments for format string");
        check(percent_format("%*", &tuple(vec![i(1)])), "ValueError: incomplete format");
        check(percent_format("%.*", &tuple(vec![s("x")])), "TypeError: * wants int");
        check(percent_format("%(a)5", &dict(vec![(s("a"), i(1))])), "ValueError: incomplete format");
        check(percent_format("ab%", &i(1)), "ValueError: incomplete format");
        check(percent_format("%5%", &tuple(vec![i(1)])), "ValueError: unsupported format character '%' (0x25) at index 2");
        check(percent_format("%s%", &tuple(vec![i(1)])), "ValueError: incomplete format");
        check(percent_format("%(a", &dict(vec![(s("a"), i(1))])), "ValueError: incomplete format key");
        check(percent_format("%*d", &tuple(vec![s("x"), i(1)])), "TypeError: * wants int");
        check(percent_format("%.*d", &tuple(vec![i(1)])), "TypeError: not enough arguments for format string");
        check(percent_format("%x", &Value::Float(1.5)), "TypeError: %x format: an integer is required, not float");
        check(percent_format("%i", &Value::Float(1.5)), "'1'");
        check(percent_format("%f", &s("x")), "TypeError: must be real number, not str");
        check(percent_format("%d", &Value::None), "TypeError: %d format: a real number is required, not NoneType");
        check(percent_format("%s", &tuple(vec![])), "TypeError: not enough arguments for format string");
        check(percent_format("%(a)s %s", &dict(vec![(s("a"), i(1))])), "TypeError: not enough arguments for format string");
        check(percent_format("%s %(a)s", &tuple(vec![dict(vec![(s("a"), i(1))])])), "TypeError: format requires a mapping");
        check(percent_format("%c", &i(-1)), "OverflowError: %c arg not in range(0x110000)");
        check(percent_format("%c", &i(1114112)), "OverflowError: %c arg not in range(0x110000)");
        check(percent_format("%(x)s", &dict(vec![(s("x"), i(1)), (s("y"), i(2))])), "'1'");
        check(percent_format("%s %%", &i(1)), "'1 %'");
        check(percent_format("%i", &s("1")), "TypeError: %i format: a real number is required, not str");
        check(percent_format("%d", &Value::Float(3.99)), "'3'");
        check(percent_format("%x", &Value::Bool(true)), "'1'");
        check(percent_format("%e", &i(1)), "'1.000000e+00'");
        check(percent_format("%s %s", &list(vec![i(1), i(2)])), "TypeError: not enough arguments for format string");
        check(percent_format("%(a)s", &list(vec![i(1)])), "TypeError: list indices must be integers or slices, not str");
        check(percent_format("%*d", &tuple(vec![i(-3), i(1)])), "'1  '");
        check(percent_format("%.*f", &tuple(vec![i(-3), Value::Float(1.0)])), "'1'");
        check(percent_format("%ld", &i(5)), "'5'");
        check(percent_format("%.2147483648d", &i(1)), "ValueError: precision too big");
        check(percent_format("%.0f %.1e %10.3g %-8.2f|", &tuple(vec![Value::Float(2.5), Value::Float(1234.5), Value::Float(0.000123456), Value::Float(1.0)])), "'2 1.2e+03   0.000123 1.00    |'");
        check(percent_format("%#x %#o %+.3d % 05d", &tuple(vec![i(255), i(8), i(7), i(42)])), "'0xff 0o10 +007  0042'");
        check(percent_format("%5%", &tuple(vec![])), "TypeError: not enough arguments for format string");
        check(percent_format("%y%s", &tuple(vec![])), "TypeError: not enough arguments for format string");
        check(percent_format("%s", &b(b"a")), "\"b'a'\"");
        check(percent_format("%d%%", &i(50)), "'50%'");
    }

    #[test]
    fn format_values_of_other_types() {
        check(call(&s("{0} {0!r} {1}"), "format", &[Value::None, list(vec![i(1), s("a")])]), "\"None None [1, 'a']\"");
        check(percent_format("%s|%r", &tuple(vec![b(b"x"), dict(vec![(s("k"), s("v"))])])), "\"b'x'|{'k': 'v'}\"");
    }
}
