//! The text codecs behind `str.encode` and `bytes.decode`: UTF-8, ASCII and
//! Latin-1, with the error handlers `strict`, `ignore`, `replace`,
//! `backslashreplace` and (when encoding) `xmlcharrefreplace`.
//!
//! Failures raise `UnicodeEncodeError`/`UnicodeDecodeError` worded as
//! CPython's, with `encoding`, `object`, `start`, `end` and `reason` set on
//! the exception. Handlers CPython knows but that cannot work on text stored
//! as UTF-8 (`surrogateescape`, `surrogatepass`, `namereplace`) behave as
//! `strict`; an unknown handler name raises `LookupError` only when an error
//! actually needs handling, as in CPython.

use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::exception;
use crate::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The codec for an encoding name, spelled in any of the ways Python's
    /// alias table accepts for these three.
    pub fn lookup(encoding: &str) -> PyResult<Codec> {
        let norm = normalize(encoding);
        let codec = match norm.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
            "ascii" | "us_ascii" | "us" | "646" | "cp367" | "csascii" | "ibm367" | "iso646_us"
            | "iso_646.irv_1991" | "iso_ir_6" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
            | "ansi_x3.4_1986" => Codec::Ascii,
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859"
            | "cp819" | "ibm819" | "iso_ir_100" | "csisolatin1" | "iso_8859_1_1987" => Codec::Latin1,
            _ => {
                return Err(PyErr::new(
                    &ctx().exc.lookup_error,
                    format!("unknown encoding: {encoding}"),
                ))
            }
        };
        Ok(codec)
    }

    /// The name error messages use.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// First code point the codec cannot encode (one past its range).
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x11_0000,
            Codec::Ascii => 0x80,
            Codec::Latin1 => 0x100,
        }
    }
}

/// Python's `encodings.normalize_encoding` followed by lower-casing: runs of
/// punctuation and spaces (except `.`) become one `_`.
fn normalize(encoding: &str) -> String {
    let mut out = String::with_capacity(encoding.len());
    let mut pending_sep = false;
    for c in encoding.chars() {
        if c.is_alphanumeric() || c == '.' {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.extend(c.to_lowercase());
        } else {
            pending_sep = true;
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
}

/// The handler for `errors`; looked up only once an error occurs.
fn handler(errors: &str) -> PyResult<Handler> {
    Ok(match errors {
        "strict" | "surrogateescape" | "surrogatepass" | "namereplace" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        _ => {
            return Err(PyErr::new(
                &ctx().exc.lookup_error,
                format!("unknown error handler name '{errors}'"),
            ))
        }
    })
}

/// `str.encode(encoding, errors)`.
pub fn encode(s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = Codec::lookup(encoding)?;
    if codec == Codec::Utf8 || s.is_ascii() {
        // Text is stored as UTF-8 without surrogates, so it always encodes.
        return Ok(s.as_bytes().to_vec());
    }
    let limit = codec.limit();
    let mut out = Vec::with_capacity(s.len());
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if u32::from(c) < limit {
            // Below the limit (at most 0x100) the code point is the byte.
            out.push(u32::from(c) as u8);
            continue;
        }
        // CPython hands the whole run of unencodable code points to the handler.
        let mut run = vec![c];
        while let Some(&(_, d)) = chars.peek() {
            if u32::from(d) < limit {
                break;
            }
            run.push(d);
            chars.next();
        }
        let reason = if codec == Codec::Ascii {
            "ordinal not in range(128)"
        } else {
            "ordinal not in range(256)"
        };
        match handler(errors)? {
            Handler::Strict => {
                return Err(encode_error(codec, s, i, i + run.len(), &run, reason));
            }
            Handler::Ignore => {}
            Handler::Replace => out.extend(std::iter::repeat_n(b'?', run.len())),
            Handler::BackslashReplace => {
                for d in run {
                    out.extend_from_slice(escape_char(d).as_bytes());
                }
            }
            Handler::XmlCharRefReplace => {
                for d in run {
                    out.extend_from_slice(format!("&#{};", u32::from(d)).as_bytes());
                }
            }
        }
    }
    Ok(out)
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, as `backslashreplace` and error
/// messages spell a code point.
pub(crate) fn escape_char(c: char) -> String {
    let n = u32::from(c);
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x1_0000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

fn encode_error(codec: Codec, s: &str, start: usize, end: usize, run: &[char], reason: &str) -> PyErr {
    let name = codec.name();
    let msg = if end - start == 1 {
        format!(
            "'{name}' codec can't encode character '{}' in position {start}: {reason}",
            escape_char(run[0])
        )
    } else {
        format!(
            "'{name}' codec can't encode characters in position {start}-{}: {reason}",
            end - 1
        )
    };
    let object = Value::str(s);
    unicode_error(&ctx().exc.unicode_encode_error, msg, name, object, start, end, reason)
}

/// `bytes.decode(encoding, errors)`.
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    match Codec::lookup(encoding)? {
        Codec::Utf8 => decode_utf8(data, errors),
        Codec::Ascii => decode_ascii(data, errors),
        // Every byte is the code point of the same number.
        Codec::Latin1 => Ok(data.iter().map(|&b| char::from(b)).collect()),
    }
}

fn decode_utf8(data: &[u8], errors: &str) -> PyResult<String> {
    let err = match std::str::from_utf8(data) {
        Ok(s) => return Ok(s.to_owned()),
        Err(e) => e,
    };
    let h = handler(errors)?;
    if h == Handler::Strict {
        let start = err.valid_up_to();
        let (end, reason) = match err.error_len() {
            None => (data.len(), "unexpected end of data"),
            Some(n) => {
                // A lone byte that could start a sequence failed on what
                // followed it; any other lone byte cannot start one.
                let lead = matches!(data[start], 0xC2..=0xF4);
                let reason = if n == 1 && !lead {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                };
                (start + n, reason)
            }
        };
        return Err(decode_error(Codec::Utf8, data, start, end, reason));
    }
    let mut out = String::with_capacity(data.len());
    // Each invalid chunk is a maximal ill-formed subpart, the unit CPython
    // replaces with one U+FFFD.
    for chunk in data.utf8_chunks() {
        out.push_str(chunk.valid());
        let bad = chunk.invalid();
        if !bad.is_empty() {
            apply_decode_handler(h, bad, &mut out);
        }
    }
    Ok(out)
}

fn decode_ascii(data: &[u8], errors: &str) -> PyResult<String> {
    if data.is_ascii() {
        // ASCII bytes are valid UTF-8 one for one.
        return Ok(data.iter().map(|&b| char::from(b)).collect());
    }
    let mut out = String::with_capacity(data.len());
    for (i, &b) in data.iter().enumerate() {
        if b.is_ascii() {
            out.push(char::from(b));
            continue;
        }
        match handler(errors)? {
            Handler::Strict => {
                return Err(decode_error(Codec::Ascii, data, i, i + 1, "ordinal not in range(128)"));
            }
            h => apply_decode_handler(h, &[b], &mut out),
        }
    }
    Ok(out)
}

fn apply_decode_handler(h: Handler, bad: &[u8], out: &mut String) {
    match h {
        Handler::Ignore => {}
        Handler::BackslashReplace => {
            for b in bad {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        // `xmlcharrefreplace` is an encoding-only handler; CPython raises a
        // TypeError there, replacing is the closest harmless behaviour.
        Handler::Replace | Handler::XmlCharRefReplace | Handler::Strict => out.push('\u{FFFD}'),
    }
}

fn decode_error(codec: Codec, data: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let name = codec.name();
    let msg = if end - start == 1 {
        format!(
            "'{name}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
            data[start]
        )
    } else {
        format!(
            "'{name}' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        )
    };
    let object = crate::objects::bytes_methods::bytes_value(data.to_vec());
    unicode_error(&ctx().exc.unicode_decode_error, msg, name, object, start, end, reason)
}

/// The exception with CPython's attributes; its `args` hold just the message
/// so that `str(e)` reads as CPython's.
fn unicode_error(
    ty: &std::sync::Arc<crate::objects::typeobj::TypeObj>,
    msg: String,
    encoding: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let exc = exception::new_exception(ty, vec![Value::string(msg)]);
    if let Value::Instance(inst) = &exc {
        inst.dict.set_str("encoding", Value::str(encoding));
        inst.dict.set_str("object", object);
        inst.dict.set_str("start", Value::from_usize(start));
        inst.dict.set_str("end", Value::from_usize(end));
        inst.dict.set_str("reason", Value::str(reason));
    }
    PyErr::from_exception(exc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: PyErr) -> String {
        crate::objects::text_args::testing::ready();
        exception::exc_str(e.exc()).unwrap_or_default()
    }

    #[test]
    fn encoding_names() {
        crate::objects::text_args::testing::ready();
        assert_eq!(Codec::lookup("UTF-8").unwrap(), Codec::Utf8);
        assert_eq!(Codec::lookup("iso-8859-1").unwrap(), Codec::Latin1);
        assert_eq!(Codec::lookup("US-ASCII").unwrap(), Codec::Ascii);
        assert_eq!(message(Codec::lookup("foo").unwrap_err()), "unknown encoding: foo");
    }

    #[test]
    fn encode_errors() {
        crate::objects::text_args::testing::ready();
        assert_eq!(
            message(encode("aéé", "ascii", "strict").unwrap_err()),
            "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)"
        );
        assert_eq!(
            message(encode("a€", "latin-1", "strict").unwrap_err()),
            "'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)"
        );
        assert_eq!(encode("aé€😀", "ascii", "replace").unwrap(), b"a???");
        assert_eq!(
            encode("aé€😀", "ascii", "backslashreplace").unwrap(),
            b"a\\xe9\\u20ac\\U0001f600"
        );
        assert_eq!(encode("aé€", "latin-1", "xmlcharrefreplace").unwrap(), b"a\xe9&#8364;");
        assert_eq!(encode("é", "ascii", "bogus").map_err(message).unwrap_err(), "unknown error handler name 'bogus'");
        assert_eq!(encode("e", "ascii", "bogus").unwrap(), b"e");
    }

    #[test]
    fn decode_errors() {
        crate::objects::text_args::testing::ready();
        let cases: &[(&[u8], &str)] = &[
            (b"\xff", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
            (b"\xe2\x82", "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"),
            (b"a\xe2\x28", "'utf-8' codec can't decode byte 0xe2 in position 1: invalid continuation byte"),
            (b"\xf0\x90\x28", "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"),
            (b"\xc0\x80", "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"),
            (b"\xed\xa0\x80", "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"),
        ];
        for (data, want) in cases {
            assert_eq!(message(decode(data, "utf-8", "strict").unwrap_err()), *want);
        }
        assert_eq!(
            message(decode(b"\xff\xfe", "ascii", "strict").unwrap_err()),
            "'ascii' codec can't decode byte 0xff in position 0: ordinal not in range(128)"
        );
        assert_eq!(decode(b"a\xffb\xf0\x90\x80", "utf-8", "replace").unwrap(), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(decode(b"a\xffb\xf0\x90\x80", "utf-8", "ignore").unwrap(), "ab");
        assert_eq!(
            decode(b"a\xffb\xf0\x90\x80", "utf-8", "backslashreplace").unwrap(),
            "a\\xffb\\xf0\\x90\\x80"
        );
        assert_eq!(decode(b"a\xff", "latin-1", "strict").unwrap(), "aÿ");
    }
}
