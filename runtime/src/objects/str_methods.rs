//! The methods of `str`. The algorithms live in `strlib` (pure functions on
//! `&str` with code point indices); this file turns Python arguments into
//! their inputs, bounds sizes, and wraps results as values. Formatting
//! (`str.format`, `format_map`, `%`) is in `str_format`, codecs
//! (`encode`) in `codec`, `translate`/`maketrans` in `str_translate`.
//!
//! `self` may be an instance of a str subclass: every method unwraps it
//! with `ops::payload`; results are always exact `str`. A method whose
//! result is `self` unchanged returns the same object for an exact str, as
//! CPython does (`s.strip() is s` when nothing is stripped).

use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::slice::SliceObj;
use crate::objects::str::StrObj;
use crate::objects::text_args::{self, bind, c_int, check_alloc, limit_arg, positional, slice_index};
use crate::ops;
use crate::strlib::{self, Text};
use crate::value::Value;

pub use crate::objects::str_format::percent_format;

/// The str inside `v`, or CPython's descriptor error naming `method`.
pub(crate) fn this(v: &Value, method: &str) -> PyResult<Arc<StrObj>> {
    text_args::as_str(v).ok_or_else(|| text_args::descriptor_error(method, "str", v))
}

fn text(s: &StrObj) -> Text<'_> {
    Text::with_char_len(s.as_str(), s.char_len())
}

/// A result that is a piece of `s`: the original object when the piece is
/// all of an exact str, else a new str.
fn piece(orig: &Value, s: &StrObj, part: &str) -> Value {
    if part.len() == s.as_str().len() && matches!(orig, Value::Str(_)) {
        orig.clone()
    } else {
        Value::str(part)
    }
}

/// How a non-str argument is named in the TypeError.
#[derive(Clone, Copy)]
enum Arg<'a> {
    /// `must be str, not int`
    Bare,
    /// `find() argument 1 must be str, not int`
    Numbered(&'a str, usize),
    /// `removeprefix() argument must be str, not int`
    Only(&'a str),
}

fn str_arg(v: &Value, which: Arg) -> PyResult<Arc<StrObj>> {
    text_args::as_str(v).ok_or_else(|| {
        let t = text_args::clinic_type_name(v);
        PyErr::type_error(match which {
            Arg::Bare => format!("must be str, not {}", ops::type_name(v)),
            Arg::Numbered(f, n) => format!("{f}() argument {n} must be str, not {t}"),
            Arg::Only(f) => format!("{f}() argument must be str, not {t}"),
        })
    })
}

fn list_of(parts: Vec<&str>, orig: &Value, s: &StrObj) -> Value {
    Value::list(parts.into_iter().map(|p| piece(orig, s, p)).collect())
}

fn index_or_minus_one(i: Option<usize>) -> Value {
    i.map_or(Value::Int(-1), Value::from_usize)
}

// ----- case and predicates -------------------------------------------------

fn map_str(a: CallArgs, name: &str, f: fn(&str) -> String) -> PyResult<Value> {
    let [v] = text_args::exact::<1>(&a, "str", name)?;
    Ok(Value::string(f(this(v, name)?.as_str())))
}

fn upper(a: CallArgs) -> PyResult<Value> {
    map_str(a, "upper", strlib::upper)
}
fn lower(a: CallArgs) -> PyResult<Value> {
    map_str(a, "lower", strlib::lower)
}
fn casefold(a: CallArgs) -> PyResult<Value> {
    map_str(a, "casefold", strlib::casefold)
}
fn swapcase(a: CallArgs) -> PyResult<Value> {
    map_str(a, "swapcase", strlib::swapcase)
}
fn title(a: CallArgs) -> PyResult<Value> {
    map_str(a, "title", strlib::title)
}
fn capitalize(a: CallArgs) -> PyResult<Value> {
    map_str(a, "capitalize", strlib::capitalize)
}

fn test_str(a: CallArgs, name: &str, f: fn(&str) -> bool) -> PyResult<Value> {
    let [v] = text_args::exact::<1>(&a, "str", name)?;
    Ok(Value::Bool(f(this(v, name)?.as_str())))
}

fn isalnum(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isalnum", strlib::isalnum)
}
fn isalpha(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isalpha", strlib::isalpha)
}
fn isdecimal(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isdecimal", strlib::isdecimal)
}
fn isdigit(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isdigit", strlib::isdigit)
}
fn isidentifier(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isidentifier", strlib::isidentifier)
}
fn islower(a: CallArgs) -> PyResult<Value> {
    test_str(a, "islower", strlib::islower)
}
fn isnumeric(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isnumeric", strlib::isnumeric)
}
fn isprintable(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isprintable", strlib::isprintable)
}
fn isspace(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isspace", strlib::isspace)
}
fn istitle(a: CallArgs) -> PyResult<Value> {
    test_str(a, "istitle", strlib::istitle)
}
fn isupper(a: CallArgs) -> PyResult<Value> {
    test_str(a, "isupper", strlib::isupper)
}

fn isascii(a: CallArgs) -> PyResult<Value> {
    let [v] = text_args::exact::<1>(&a, "str", "isascii")?;
    // The object knows its code point count: ASCII is O(1).
    Ok(Value::Bool(this(v, "isascii")?.is_ascii()))
}

// ----- searching -----------------------------------------------------------

/// `self`, `sub`, `start`, `end` of find/rfind/index/rindex/count.
type SearchArgs = (Arc<StrObj>, Arc<StrObj>, Option<i64>, Option<i64>);

fn search_args(a: &CallArgs, name: &str) -> PyResult<SearchArgs> {
    let args = positional(a, "str", name, 2, 4)?;
    let s = this(&args[0], name)?;
    let sub = str_arg(&args[1], Arg::Numbered(name, 1))?;
    let start = slice_index(args.get(2))?;
    let end = slice_index(args.get(3))?;
    Ok((s, sub, start, end))
}

fn find(a: CallArgs) -> PyResult<Value> {
    let (s, sub, start, end) = search_args(&a, "find")?;
    Ok(index_or_minus_one(text(&s).find(sub.as_str(), start, end)))
}

fn rfind(a: CallArgs) -> PyResult<Value> {
    let (s, sub, start, end) = search_args(&a, "rfind")?;
    Ok(index_or_minus_one(text(&s).rfind(sub.as_str(), start, end)))
}

fn index(a: CallArgs) -> PyResult<Value> {
    let (s, sub, start, end) = search_args(&a, "index")?;
    match text(&s).find(sub.as_str(), start, end) {
        Some(i) => Ok(Value::from_usize(i)),
        None => Err(PyErr::value_error("substring not found")),
    }
}

fn rindex(a: CallArgs) -> PyResult<Value> {
    let (s, sub, start, end) = search_args(&a, "rindex")?;
    match text(&s).rfind(sub.as_str(), start, end) {
        Some(i) => Ok(Value::from_usize(i)),
        None => Err(PyErr::value_error("substring not found")),
    }
}

fn count(a: CallArgs) -> PyResult<Value> {
    let (s, sub, start, end) = search_args(&a, "count")?;
    Ok(Value::from_usize(text(&s).count(sub.as_str(), start, end)))
}

/// startswith/endswith: the affix is a str or a tuple of them.
fn affix_test(a: CallArgs, name: &str, test: fn(&Text, &str, Option<i64>, Option<i64>) -> bool) -> PyResult<Value> {
    let args = positional(&a, "str", name, 2, 4)?;
    let s = this(&args[0], name)?;
    let start = slice_index(args.get(2))?;
    let end = slice_index(args.get(3))?;
    let t = text(&s);
    if let Some(affix) = text_args::as_str(&args[1]) {
        return Ok(Value::Bool(test(&t, affix.as_str(), start, end)));
    }
    let Value::Tuple(options) = ops::payload(&args[1]) else {
        return Err(PyErr::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            ops::type_name(&args[1])
        )));
    };
    for item in options.items() {
        let Some(affix) = text_args::as_str(item) else {
            return Err(PyErr::type_error(format!(
                "tuple for {name} must only contain str, not {}",
                ops::type_name(item)
            )));
        };
        if test(&t, affix.as_str(), start, end) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn startswith(a: CallArgs) -> PyResult<Value> {
    affix_test(a, "startswith", |t, p, s, e| t.startswith(p, s, e))
}

fn endswith(a: CallArgs) -> PyResult<Value> {
    affix_test(a, "endswith", |t, p, s, e| t.endswith(p, s, e))
}

// ----- splitting and joining -----------------------------------------------

fn split_common(a: CallArgs, name: &str, rev: bool) -> PyResult<Value> {
    let (v, [sep, maxsplit]) = bind(&a, "str", name, ["sep", "maxsplit"], 0)?;
    let s = this(v, name)?;
    // The int parameter is converted first, as CPython's generated parser does.
    let maxsplit = match maxsplit {
        Some(m) => ops::index_value(m)?,
        None => -1,
    };
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(x) => Some(text_args::as_str(x).ok_or_else(|| {
            PyErr::type_error(format!("must be str or None, not {}", ops::type_name(x)))
        })?),
    };
    let sep_str = sep.as_ref().map(|x| x.as_str());
    let parts = if rev {
        strlib::rsplit(s.as_str(), sep_str, maxsplit)
    } else {
        strlib::split(s.as_str(), sep_str, maxsplit)
    };
    Ok(list_of(parts.map_err(PyErr::value_error)?, v, &s))
}

fn split(a: CallArgs) -> PyResult<Value> {
    split_common(a, "split", false)
}

fn rsplit(a: CallArgs) -> PyResult<Value> {
    split_common(a, "rsplit", true)
}

fn splitlines(a: CallArgs) -> PyResult<Value> {
    let (v, [keepends]) = bind(&a, "str", "splitlines", ["keepends"], 0)?;
    let s = this(v, "splitlines")?;
    let keepends = match keepends {
        Some(k) => ops::truthy(k)?,
        None => false,
    };
    Ok(list_of(strlib::splitlines(s.as_str(), keepends), v, &s))
}

fn partition_common(a: CallArgs, name: &str, rev: bool) -> PyResult<Value> {
    let [v, sep] = text_args::exact::<2>(&a, "str", name)?;
    let s = this(v, name)?;
    let sep = str_arg(sep, Arg::Bare)?;
    let (before, mid, after) = if rev {
        strlib::rpartition(s.as_str(), sep.as_str())
    } else {
        strlib::partition(s.as_str(), sep.as_str())
    }
    .map_err(PyErr::value_error)?;
    Ok(Value::tuple(vec![piece(v, &s, before), Value::str(mid), piece(v, &s, after)]))
}

fn partition(a: CallArgs) -> PyResult<Value> {
    partition_common(a, "partition", false)
}

fn rpartition(a: CallArgs) -> PyResult<Value> {
    partition_common(a, "rpartition", true)
}

/// `sep.join(iterable)`: one pass to check the items and size the result,
/// one to copy.
fn join(a: CallArgs) -> PyResult<Value> {
    let [v, iterable] = text_args::exact::<2>(&a, "str", "join")?;
    let sep = this(v, "join")?;
    // A list or tuple is read in place (a list under its lock: joining runs
    // no Python code), not copied first.
    match iterable {
        Value::List(l) => return l.with_slice(|items| join_items(&sep, items)),
        Value::Tuple(t) => return join_items(&sep, t.items()),
        _ => {}
    }
    let it = ops::iter(iterable).map_err(|e| {
        if e.is_instance(&ctx().exc.type_error) {
            PyErr::type_error("can only join an iterable")
        } else {
            e
        }
    })?;
    join_items(&sep, &ops::collect(&it)?)
}

/// The text of a str item (or of a str subclass instance).
fn item_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::Str(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
        Value::Instance(_) => match ops::payload(v) {
            Value::Str(s) => Some(std::borrow::Cow::Owned(s.as_str().to_owned())),
            _ => None,
        },
        _ => None,
    }
}

fn join_items(sep: &StrObj, items: &[Value]) -> PyResult<Value> {
    if let [Value::Str(only)] = items {
        return Ok(Value::Str(only.clone()));
    }
    let mut total = sep.as_str().len().checked_mul(items.len().saturating_sub(1));
    for (i, item) in items.iter().enumerate() {
        match item_text(item) {
            Some(t) => total = total.and_then(|n| n.checked_add(t.len())),
            None => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    ops::type_name(item)
                )))
            }
        }
    }
    let total = total.ok_or_else(|| PyErr::overflow("join() result is too long for a Python string"))?;
    check_alloc(total)?;
    let mut out = String::with_capacity(total);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep.as_str());
        }
        if let Some(t) = item_text(item) {
            out.push_str(&t);
        }
    }
    Ok(Value::string(out))
}

// ----- stripping, padding, replacing ---------------------------------------

fn strip_common(a: CallArgs, name: &str, f: for<'x> fn(&'x str, Option<&str>) -> &'x str) -> PyResult<Value> {
    let args = positional(&a, "str", name, 1, 2)?;
    let s = this(&args[0], name)?;
    let chars = match args.get(1) {
        None | Some(Value::None) => None,
        Some(c) => Some(
            text_args::as_str(c)
                .ok_or_else(|| PyErr::type_error(format!("{name} arg must be None or str")))?,
        ),
    };
    let out = f(s.as_str(), chars.as_ref().map(|c| c.as_str()));
    Ok(piece(&args[0], &s, out))
}

fn strip(a: CallArgs) -> PyResult<Value> {
    strip_common(a, "strip", strlib::strip)
}
fn lstrip(a: CallArgs) -> PyResult<Value> {
    strip_common(a, "lstrip", strlib::lstrip)
}
fn rstrip(a: CallArgs) -> PyResult<Value> {
    strip_common(a, "rstrip", strlib::rstrip)
}

/// The `fillchar` argument of center/ljust/rjust.
fn fill_char(v: Option<&Value>) -> PyResult<char> {
    let Some(v) = v else { return Ok(' ') };
    let Some(f) = text_args::as_str(v) else {
        return Err(PyErr::type_error(format!(
            "The fill character must be a unicode character, not {}",
            ops::type_name(v)
        )));
    };
    let mut chars = f.as_str().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(PyErr::type_error("The fill character must be exactly one character long")),
    }
}

fn pad_common(a: CallArgs, name: &str, f: fn(&str, i64, char) -> String) -> PyResult<Value> {
    let args = positional(&a, "str", name, 2, 3)?;
    let s = this(&args[0], name)?;
    let width = ops::index_value(&args[1])?;
    let fill = fill_char(args.get(2))?;
    let Some(pad) = usize::try_from(width).ok().and_then(|w| w.checked_sub(s.char_len())).filter(|&p| p > 0) else {
        return Ok(piece(&args[0], &s, s.as_str()));
    };
    check_alloc(pad.saturating_mul(fill.len_utf8()).saturating_add(s.as_str().len()))?;
    Ok(Value::string(f(s.as_str(), width, fill)))
}

fn center(a: CallArgs) -> PyResult<Value> {
    pad_common(a, "center", strlib::center)
}
fn ljust(a: CallArgs) -> PyResult<Value> {
    pad_common(a, "ljust", strlib::ljust)
}
fn rjust(a: CallArgs) -> PyResult<Value> {
    pad_common(a, "rjust", strlib::rjust)
}

fn zfill(a: CallArgs) -> PyResult<Value> {
    let [v, width] = text_args::exact::<2>(&a, "str", "zfill")?;
    let s = this(v, "zfill")?;
    let width = ops::index_value(width)?;
    match usize::try_from(width) {
        Ok(w) if w > s.char_len() => check_alloc(w - s.char_len() + s.as_str().len())?,
        _ => return Ok(piece(v, &s, s.as_str())),
    }
    Ok(Value::string(strlib::zfill(s.as_str(), width)))
}

fn expandtabs(a: CallArgs) -> PyResult<Value> {
    let (v, [tabsize]) = bind(&a, "str", "expandtabs", ["tabsize"], 0)?;
    let s = this(v, "expandtabs")?;
    let tabsize = match tabsize {
        Some(t) => i64::from(c_int(t)?),
        None => 8,
    };
    if !s.as_str().contains('\t') {
        return Ok(piece(v, &s, s.as_str()));
    }
    let chars = strlib::expanded_len(s.as_str(), tabsize)
        .ok_or_else(|| PyErr::overflow("new string is too long"))?;
    // A tab is one byte and one code point, each space too: byte and code
    // point lengths change by the same amount.
    let bytes = (chars - s.char_len().min(chars)).saturating_add(s.as_str().len());
    check_alloc(bytes)?;
    Ok(Value::string(strlib::expandtabs(s.as_str(), tabsize)))
}

/// Below this many bytes of possible growth, `replace` builds its result
/// without counting the matches first.
const SMALL_GROWTH: usize = 1 << 20;

/// `replace(old, new, /, count=-1)`.
fn replace(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    if !pos.is_empty() && pos.len() < 3 {
        return Err(PyErr::type_error(format!(
            "replace() takes at least 2 positional arguments ({} given)",
            pos.len() - 1
        )));
    }
    let (v, [old, new, count]) = bind(&a, "str", "replace", ["old", "new", "count"], 2)?;
    let s = this(v, "replace")?;
    let (Some(old), Some(new)) = (old, new) else {
        return Err(PyErr::type_error("replace() takes at least 2 positional arguments (0 given)"));
    };
    let old = str_arg(old, Arg::Numbered("replace", 1))?;
    let new = str_arg(new, Arg::Numbered("replace", 2))?;
    let limit = limit_arg(count)?;
    let (old_s, new_s) = (old.as_str(), new.as_str());
    let growth = new_s.len().saturating_sub(old_s.len());
    // Matches do not overlap: at most len(s) / len(old) of them, or one
    // per code point and one more for an empty `old`.
    let most_matches = s.as_str().len() / old_s.len().max(1) + 1;
    if growth.saturating_mul(most_matches) >= SMALL_GROWTH {
        // The result could be large: count the matches and bound it first.
        let matches = if old_s.is_empty() {
            s.char_len().saturating_add(1).min(limit)
        } else {
            s.as_str().matches(old_s).take(limit).count()
        };
        let total = growth
            .checked_mul(matches)
            .and_then(|g| g.checked_add(s.as_str().len()))
            .ok_or_else(|| PyErr::overflow("replace string is too long"))?;
        check_alloc(total)?;
    }
    let count = i64::try_from(limit).unwrap_or(-1);
    let out = strlib::replace(s.as_str(), old_s, new_s, count);
    if out.len() == s.as_str().len() && out == s.as_str() {
        return Ok(piece(v, &s, s.as_str()));
    }
    Ok(Value::string(out))
}

fn remove_affix(a: CallArgs, name: &str, f: for<'x> fn(&'x str, &str) -> &'x str) -> PyResult<Value> {
    let [v, affix] = text_args::exact::<2>(&a, "str", name)?;
    let s = this(v, name)?;
    let affix = str_arg(affix, Arg::Only(name))?;
    Ok(piece(v, &s, f(s.as_str(), affix.as_str())))
}

fn removeprefix(a: CallArgs) -> PyResult<Value> {
    remove_affix(a, "removeprefix", strlib::removeprefix)
}

fn removesuffix(a: CallArgs) -> PyResult<Value> {
    remove_affix(a, "removesuffix", strlib::removesuffix)
}

/// `encode(encoding='utf-8', errors='strict')`.
fn encode(a: CallArgs) -> PyResult<Value> {
    let (v, [encoding, errors]) = bind(&a, "str", "encode", ["encoding", "errors"], 0)?;
    let s = this(v, "encode")?;
    let name_arg = |x: Option<&Value>, param: &str| -> PyResult<Option<Arc<StrObj>>> {
        x.map(|x| {
            text_args::as_str(x).ok_or_else(|| {
                PyErr::type_error(format!(
                    "encode() argument '{param}' must be str, not {}",
                    text_args::clinic_type_name(x)
                ))
            })
        })
        .transpose()
    };
    let encoding = name_arg(encoding, "encoding")?;
    let errors = name_arg(errors, "errors")?;
    let encoding = encoding.as_ref().map_or("utf-8", |e| e.as_str());
    let errors = errors.as_ref().map_or("strict", |e| e.as_str());
    let data = crate::objects::codec::encode(s.as_str(), encoding, errors)?;
    Ok(crate::objects::bytes_methods::bytes_value(data))
}

// ----- slicing ---------------------------------------------------------------

/// `s[start:stop:step]`. Step 1 is a single substring (O(1) to locate for
/// ASCII); other steps walk the code points once.
pub fn slice(s: &Arc<StrObj>, sl: &SliceObj) -> PyResult<Value> {
    let n = s.char_len();
    let idx = sl.indices(n)?;
    if idx.len == 0 {
        return Ok(Value::str(""));
    }
    // `indices` keeps start within 0..n when the slice is non-empty.
    let start = idx.start.max(0) as usize;
    if idx.step == 1 {
        if idx.len == n {
            return Ok(Value::Str(s.clone()));
        }
        return Ok(Value::str(text(s).slice(start, start + idx.len)));
    }
    let step = idx.step.unsigned_abs() as usize;
    if s.is_ascii() {
        let bytes = s.as_str().as_bytes();
        let out: String = idx.positions().filter_map(|i| bytes.get(i)).map(|&b| char::from(b)).collect();
        return Ok(Value::string(out));
    }
    let out: String = if idx.step > 0 {
        s.as_str().chars().skip(start).step_by(step).take(idx.len).collect()
    } else {
        // Walking backwards, code point `start` is the (n - 1 - start)th.
        s.as_str().chars().rev().skip(n - 1 - start.min(n - 1)).step_by(step).take(idx.len).collect()
    };
    Ok(Value::string(out))
}

// ----- registration ------------------------------------------------------------

pub fn init_type() {
    let t = &ctx().types.str;
    let methods: &[(&'static str, crate::objects::function::BuiltinFn)] = &[
        ("capitalize", capitalize),
        ("casefold", casefold),
        ("center", center),
        ("count", count),
        ("encode", encode),
        ("endswith", endswith),
        ("expandtabs", expandtabs),
        ("find", find),
        ("format", crate::objects::str_format::format),
        ("format_map", crate::objects::str_format::format_map),
        ("index", index),
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
        ("join", join),
        ("ljust", ljust),
        ("lower", lower),
        ("lstrip", lstrip),
        ("partition", partition),
        ("removeprefix", removeprefix),
        ("removesuffix", removesuffix),
        ("replace", replace),
        ("rfind", rfind),
        ("rindex", rindex),
        ("rjust", rjust),
        ("rpartition", rpartition),
        ("rsplit", rsplit),
        ("rstrip", rstrip),
        ("split", split),
        ("splitlines", splitlines),
        ("startswith", startswith),
        ("strip", strip),
        ("swapcase", swapcase),
        ("title", title),
        ("translate", crate::objects::str_translate::translate),
        ("upper", upper),
        ("zfill", zfill),
    ];
    for &(name, f) in methods {
        t.add_method(name, f);
    }
    t.add_static("maketrans", crate::objects::str_translate::maketrans);
}

// Expected results are CPython 3.13's output for the same calls.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::text_args::testing::{call, call_kw, check, i, list, ready, s, tuple};

    fn slice_of(text: &str, start: Value, stop: Value, step: Value) -> PyResult<Value> {
        ready();
        let sl = SliceObj { start, stop, step };
        slice(&Arc::new(StrObj::from_str(text)), &sl)
    }

    #[test]
    fn case_and_predicates() {
        check(call(&s("Hello, World"), "upper", &[]), "'HELLO, WORLD'");
        check(call(&s("Hello, World"), "lower", &[]), "'hello, world'");
        check(call(&s("hello world"), "title", &[]), "'Hello World'");
        check(call(&s("Hello"), "swapcase", &[]), "'hELLO'");
        check(call(&s("hELLO"), "capitalize", &[]), "'Hello'");
        check(call(&s("stra\u{df}e"), "upper", &[]), "'STRASSE'");
        check(call(&s("Stra\u{df}e"), "casefold", &[]), "'strasse'");
        check(call(&s("\u{1c5}"), "lower", &[]), "'\u{1c6}'");
        check(call(&s("a"), "upper", &[i(1)]), "TypeError: str.upper() takes no arguments (1 given)");
        check(call(&s("123"), "isdigit", &[]), "True");
        check(call(&s("abc"), "isalpha", &[]), "True");
        check(call(&s("ab1"), "isalnum", &[]), "True");
        check(call(&s("  "), "isspace", &[]), "True");
        check(call(&s("Ab"), "islower", &[]), "False");
        check(call(&s("AB"), "isupper", &[]), "True");
        check(call(&s("Ab Cd"), "istitle", &[]), "True");
        check(call(&s("x"), "isidentifier", &[]), "True");
        check(call(&s("1x"), "isidentifier", &[]), "False");
        check(call(&s("\u{e9}"), "isascii", &[]), "False");
        check(call(&s(""), "isascii", &[]), "True");
        check(call(&s("\u{bd}"), "isnumeric", &[]), "True");
        check(call(&s("\u{b2}"), "isdecimal", &[]), "False");
        check(call(&s("\u{b2}"), "isdigit", &[]), "True");
        check(call(&s("a\n"), "isprintable", &[]), "False");
        check(call(&s(""), "isdigit", &[]), "False");
    }

    #[test]
    fn searching() {
        check(call(&s("Hello, World"), "find", &[s("o")]), "4");
        check(call(&s("Hello, World"), "rfind", &[s("o")]), "8");
        check(call(&s("Hello, World"), "find", &[s("z")]), "-1");
        check(call(&s("Hello, World"), "index", &[s("W")]), "7");
        check(call(&s("Hello, World"), "count", &[s("l")]), "3");
        check(call(&s("aaaa"), "count", &[s("aa")]), "2");
        check(call(&s("h\u{e9}llo w\u{f6}rld"), "find", &[s("\u{f6}")]), "7");
        check(call(&s("h\u{e9}llo w\u{f6}rld"), "rfind", &[s("l"), i(0), i(4)]), "3");
        check(call(&s("abc"), "find", &[s(""), i(4)]), "-1");
        check(call(&s("abc"), "find", &[s(""), i(3)]), "3");
        check(call(&s("abc"), "count", &[s(""), i(1), i(100)]), "3");
        check(call(&s("abc"), "find", &[s("c"), i(-1)]), "2");
        check(call(&s("abc"), "find", &[s("a"), Value::None, i(-2)]), "0");
        check(call(&s("a"), "index", &[s("b")]), "ValueError: substring not found");
        check(call(&s("a"), "rindex", &[s("b")]), "ValueError: substring not found");
        check(call(&s("a"), "find", &[i(1)]), "TypeError: find() argument 1 must be str, not int");
        check(call(&s("a"), "find", &[s("a"), s("x")]), "TypeError: slice indices must be integers or None or have an __index__ method");
        check(call(&s("a"), "find", &[]), "TypeError: find expected at least 1 argument, got 0");
        check(call(&s("a"), "find", &[s("a"), i(1), i(2), i(3)]), "TypeError: find expected at most 3 arguments, got 4");
        check(call_kw(&s("a"), "find", &[], &[("sub", s("a"))]), "TypeError: str.find() takes no keyword arguments");
        check(call(&s("a"), "count", &[i(1)]), "TypeError: count() argument 1 must be str, not int");
        check(call(&s("Hello"), "startswith", &[s("Hell")]), "True");
        check(call(&s("Hello"), "endswith", &[tuple(vec![s("x"), s("lo")])]), "True");
        check(call(&s("Hello"), "startswith", &[s("ell"), i(1)]), "True");
        check(call(&s("Hello"), "endswith", &[s("l"), i(0), i(-1)]), "True");
        check(call(&s("a"), "startswith", &[i(1)]), "TypeError: startswith first arg must be str or a tuple of str, not int");
        check(call(&s("a"), "startswith", &[tuple(vec![i(1)])]), "TypeError: tuple for startswith must only contain str, not int");
        check(call(&s("a"), "startswith", &[i(1), s("x")]), "TypeError: slice indices must be integers or None or have an __index__ method");
        check(call(&s("abc"), "startswith", &[s(""), i(4)]), "False");
        check(call(&s("a"), "endswith", &[]), "TypeError: endswith expected at least 1 argument, got 0");
    }

    #[test]
    fn splitting() {
        check(call(&s("a,b,,c"), "split", &[s(",")]), "['a', 'b', '', 'c']");
        check(call(&s(" a  b "), "split", &[]), "['a', 'b']");
        check(call(&s("a b c"), "rsplit", &[s(" "), i(1)]), "['a b', 'c']");
        check(call(&s("a b c"), "split", &[Value::None, i(1)]), "['a', 'b c']");
        check(call(&s("  a b c  "), "rsplit", &[Value::None, i(1)]), "['  a b', 'c']");
        check(call(&s("Mississippi"), "split", &[s("ss")]), "['Mi', 'i', 'ippi']");
        check(call_kw(&s("a,b"), "split", &[], &[("sep", s(",")), ("maxsplit", i(0))]), "['a,b']");
        check(call(&s("a"), "split", &[s("")]), "ValueError: empty separator");
        check(call(&s("a"), "rsplit", &[s("")]), "ValueError: empty separator");
        check(call(&s("a"), "split", &[i(1)]), "TypeError: must be str or None, not int");
        check(call_kw(&s("a"), "split", &[], &[("maxsplit", s("x"))]), "TypeError: 'str' object cannot be interpreted as an integer");
        check(call(&s("a"), "split", &[s(","), i(1), i(2)]), "TypeError: split() takes at most 2 arguments (3 given)");
        check(call_kw(&s("a"), "split", &[], &[("foo", i(1))]), "TypeError: split() got an unexpected keyword argument 'foo'");
        check(call_kw(&s("a"), "split", &[s(",")], &[("sep", s(","))]), "TypeError: argument for split() given by name ('sep') and position (1)");
        check(call(&s("line1\nline2\r\nline3"), "splitlines", &[]), "['line1', 'line2', 'line3']");
        check(call(&s("a\nb\r\n"), "splitlines", &[Value::Bool(true)]), "['a\\n', 'b\\r\\n']");
        check(call(&s("a\u{1c}b\u{2028}c"), "splitlines", &[]), "['a', 'b', 'c']");
        check(call_kw(&s("a\n"), "splitlines", &[], &[("keepends", s("x"))]), "['a\\n']");
        check(call(&s("a=b=c"), "partition", &[s("=")]), "('a', '=', 'b=c')");
        check(call(&s("a=b=c"), "rpartition", &[s("=")]), "('a=b', '=', 'c')");
        check(call(&s("abc"), "partition", &[s("x")]), "('abc', '', '')");
        check(call(&s("abc"), "rpartition", &[s("x")]), "('', '', 'abc')");
        check(call(&s("a"), "partition", &[s("")]), "ValueError: empty separator");
        check(call(&s("a"), "partition", &[i(1)]), "TypeError: must be str, not int");
        check(call(&s("a"), "partition", &[]), "TypeError: str.partition() takes exactly one argument (0 given)");
        check(call(&s("x"), "join", &[list(vec![s("1"), s("2"), s("3")])]), "'1x2x3'");
        check(call(&s(", "), "join", &[tuple(vec![s("a")])]), "'a'");
        check(call(&s(""), "join", &[list(vec![])]), "''");
        check(call(&s("-"), "join", &[s("abc")]), "'a-b-c'");
        check(call(&s("a"), "join", &[list(vec![s("a"), i(1)])]), "TypeError: sequence item 1: expected str instance, int found");
        check(call(&s("a"), "join", &[i(5)]), "TypeError: can only join an iterable");
        check(call(&s("a"), "join", &[]), "TypeError: str.join() takes exactly one argument (0 given)");
    }

    #[test]
    fn stripping_padding() {
        check(call(&s("  pad  "), "strip", &[]), "'pad'");
        check(call(&s("xxhixx"), "strip", &[s("x")]), "'hi'");
        check(call(&s("  l"), "lstrip", &[]), "'l'");
        check(call(&s("r  "), "rstrip", &[]), "'r'");
        check(call(&s("\u{3000}a\u{a0}"), "strip", &[]), "'a'");
        check(call(&s("abcba"), "strip", &[s("ab")]), "'c'");
        check(call(&s("a"), "strip", &[i(1)]), "TypeError: strip arg must be None or str");
        check(call(&s("a"), "lstrip", &[i(1)]), "TypeError: lstrip arg must be None or str");
        check(call_kw(&s("a"), "strip", &[], &[("chars", s("a"))]), "TypeError: str.strip() takes no keyword arguments");
        check(call(&s("\u{e9}\u{e9}a\u{e9}\u{e9}"), "strip", &[s("\u{e9}")]), "'a'");
        check(call(&s("ab"), "center", &[i(8), s("*")]), "'***ab***'");
        check(call(&s("ab"), "center", &[i(5), s("*")]), "'**ab*'");
        check(call(&s("abc"), "center", &[i(6), s("*")]), "'*abc**'");
        check(call(&s("ab"), "ljust", &[i(5)]), "'ab   '");
        check(call(&s("ab"), "rjust", &[i(5)]), "'   ab'");
        check(call(&s("\u{e9}"), "center", &[i(4), s("\u{fc}")]), "'\u{fc}\u{e9}\u{fc}\u{fc}'");
        check(call(&s("a"), "center", &[s("x")]), "TypeError: 'str' object cannot be interpreted as an integer");
        check(call(&s("a"), "center", &[i(5), s("ab")]), "TypeError: The fill character must be exactly one character long");
        check(call(&s("a"), "center", &[i(5), i(1)]), "TypeError: The fill character must be a unicode character, not int");
        check(call(&s("a"), "center", &[]), "TypeError: center expected at least 1 argument, got 0");
        check(call_kw(&s("a"), "center", &[], &[("width", i(3))]), "TypeError: str.center() takes no keyword arguments");
        check(call(&s("abc"), "ljust", &[i(-5)]), "'abc'");
        check(call(&s("42"), "zfill", &[i(5)]), "'00042'");
        check(call(&s("-42"), "zfill", &[i(5)]), "'-0042'");
        check(call(&s("+\u{e9}"), "zfill", &[i(4)]), "'+00\u{e9}'");
        check(call(&s("a"), "zfill", &[s("x")]), "TypeError: 'str' object cannot be interpreted as an integer");
        check(call(&s("a"), "zfill", &[]), "TypeError: str.zfill() takes exactly one argument (0 given)");
        check(call(&s("a\tbc\td"), "expandtabs", &[]), "'a       bc      d'");
        check(call(&s("a\tb"), "expandtabs", &[i(4)]), "'a   b'");
        check(call_kw(&s("ab\ncd\te"), "expandtabs", &[], &[("tabsize", i(3))]), "'ab\\ncd e'");
        check(call(&s("a\tb"), "expandtabs", &[i(0)]), "'ab'");
        check(call(&s("a\tb"), "expandtabs", &[i(-1)]), "'ab'");
        check(call(&s("a"), "expandtabs", &[s("x")]), "TypeError: 'str' object cannot be interpreted as an integer");
    }

    #[test]
    fn replacing() {
        check(call(&s("Hello"), "replace", &[s("l"), s("L")]), "'HeLLo'");
        check(call(&s("Hello"), "replace", &[s("l"), s(""), i(1)]), "'Helo'");
        check(call(&s("ab"), "replace", &[s(""), s("-")]), "'-a-b-'");
        check(call(&s("ab"), "replace", &[s(""), s("-"), i(2)]), "'-a-b'");
        check(call(&s("aaa"), "replace", &[s("a"), s("bb"), i(-1)]), "'bbbbbb'");
        check(call_kw(&s("a"), "replace", &[s("a"), s("b")], &[("count", i(0))]), "'a'");
        check(call(&s("h\u{e9}\u{e9}"), "replace", &[s("\u{e9}"), s("e")]), "'hee'");
        check(call(&s("a"), "replace", &[i(1), s("b")]), "TypeError: replace() argument 1 must be str, not int");
        check(call(&s("a"), "replace", &[s("a"), i(1)]), "TypeError: replace() argument 2 must be str, not int");
        check(call(&s("a"), "replace", &[s("a"), s("b"), s("c")]), "TypeError: 'str' object cannot be interpreted as an integer");
        check(call(&s("a"), "replace", &[s("a")]), "TypeError: replace() takes at least 2 positional arguments (1 given)");
        check(call_kw(&s("a"), "replace", &[], &[("old", s("a")), ("new", s("b"))]), "TypeError: replace() takes at least 2 positional arguments (0 given)");
        check(call(&s("abc"), "removeprefix", &[s("ab")]), "'c'");
        check(call(&s("abc"), "removesuffix", &[s("bc")]), "'a'");
        check(call(&s("abc"), "removeprefix", &[s("x")]), "'abc'");
        check(call(&s("a"), "removeprefix", &[i(1)]), "TypeError: removeprefix() argument must be str, not int");
        check(call(&s("a"), "removesuffix", &[i(1)]), "TypeError: removesuffix() argument must be str, not int");
    }

    #[test]
    fn slicing() {
        check(slice_of("Hello, World", Value::None, Value::None, i(-1)), "'dlroW ,olleH'");
        check(slice_of("Hello, World", Value::None, Value::None, i(2)), "'Hlo ol'");
        check(slice_of("Hello, World", i(-5), Value::None, Value::None), "'World'");
        check(slice_of("Hello, World", Value::None, i(100), Value::None), "'Hello, World'");
        check(slice_of("Hello, World", i(5), i(2), Value::None), "''");
        check(slice_of("h\u{e9}llo w\u{f6}rld", Value::None, Value::None, i(-2)), "'drwolh'");
        check(slice_of("h\u{e9}llo w\u{f6}rld", i(1), i(4), Value::None), "'\u{e9}ll'");
        check(slice_of("h\u{e9}llo w\u{f6}rld", Value::None, Value::None, i(3)), "'hlwl'");
        check(slice_of("h\u{e9}llo w\u{f6}rld", i(10), i(0), i(-3)), "'d\u{f6}o\u{e9}'");
        check(slice_of("\u{65e5}\u{672c}\u{8a9e}", i(1), Value::None, Value::None), "'\u{672c}\u{8a9e}'");
        check(slice_of("\u{65e5}\u{672c}\u{8a9e}", i(-1), i(-4), i(-1)), "'\u{8a9e}\u{672c}\u{65e5}'");
        check(slice_of("", Value::None, Value::None, i(-1)), "''");
        check(slice_of("abc", i(-100), i(100), i(1)), "'abc'");
        check(slice_of("abc", i(0), i(3), i(0)), "ValueError: slice step cannot be zero");
    }

    #[test]
    fn unchanged_results_are_the_same_object() {
        let v = s("abc");
        for (method, args) in [("strip", vec![]), ("center", vec![i(2)]), ("replace", vec![s("x"), s("y")]), ("removeprefix", vec![s("x")])] {
            let r = call(&v, method, &args).unwrap();
            assert!(r.is(&v), "{method}");
        }
        let parts = call(&v, "split", &[]).unwrap();
        check(Ok(parts), "['abc']");
    }

    #[test]
    fn unbound_calls() {
        let upper = ops::getattr_str(&Value::Type(ready().types.str.clone()), "upper").unwrap();
        check(ops::call(&upper, CallArgs::positional_only(&[])), "TypeError: unbound method str.upper() needs an argument");
        check(ops::call(&upper, CallArgs::positional_only(&[i(1)])), "TypeError: descriptor 'upper' for 'str' objects doesn't apply to a 'int' object");
        let _ = (list(vec![]), tuple(vec![]));
    }

    #[test]
    fn huge_sizes_raise() {
        check(call(&s("a"), "center", &[i(1 << 62)]), "MemoryError: ");
        check(call(&s("a\t"), "expandtabs", &[i(1 << 40)]), "OverflowError: Python int too large to convert to C int");
        let big = call(&s("a"), "ljust", &[i(1 << 20)]).unwrap();
        let grown = call(&big, "replace", &[s(" "), s("xxxxxxxxxxxxxxxx")]);
        check(grown.and_then(|v| Ok(Value::from_usize(ops::len(&v)?))), "16777201");
    }
}
