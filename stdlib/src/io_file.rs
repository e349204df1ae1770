//! File objects made by `open()`: text (`TextIOWrapper`) and binary
//! (`BufferedReader`/`BufferedWriter`/`BufferedRandom`) in one type of
//! state. Reads go through a byte buffer; text is decoded in chunks
//! (ASCII-compatible encodings: utf-8, ascii, latin-1) with universal
//! newlines; writes are buffered and flushed on `flush`, `close`, when the
//! object goes away, and at interpreter exit. The state lock is never held
//! while Python code runs.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Weak};

use parking_lot::Mutex;

use protopy_runtime::objects::codec;
use protopy_runtime::{PyErr, PyResult};

const CHUNK: usize = 64 * 1024;

pub struct Options {
    pub binary: bool,
    pub readable: bool,
    pub writable: bool,
    pub encoding: String,
    pub errors: String,
    /// None: universal newlines; Some("") untranslated; else the line end.
    pub newline: Option<String>,
    /// Strip (reading) or write a UTF-8 byte order mark.
    pub bom: bool,
}

pub struct State {
    file: Option<File>,
    /// Bytes read from the file and not yet consumed (binary) or decoded.
    raw: Vec<u8>,
    raw_pos: usize,
    /// Decoded text not yet consumed (text mode).
    text: String,
    text_pos: usize,
    /// Offsets in `text` of the '\n's that stand for a "\r\n" in the file
    /// (for `tell`).
    crlf: Vec<usize>,
    /// A '\r' ended the last decoded chunk (universal newlines).
    pending_cr: bool,
    eof: bool,
    wbuf: Vec<u8>,
    at_start: bool,
}

pub struct FileCore {
    pub opts: Options,
    pub state: Mutex<State>,
}

pub fn closed_error() -> PyErr {
    PyErr::value_error("I/O operation on closed file.")
}

fn io_err(e: std::io::Error) -> PyErr {
    protopy_runtime::io::os_error(&e)
}

/// Files with unwritten data, flushed at exit.
fn open_files() -> &'static Mutex<Vec<Weak<FileCore>>> {
    static FILES: std::sync::OnceLock<Mutex<Vec<Weak<FileCore>>>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| Mutex::new(Vec::new()))
}

/// Flush every open file (at interpreter exit).
pub fn flush_all() {
    let files: Vec<Weak<FileCore>> = open_files().lock().clone();
    for f in files.iter().filter_map(Weak::upgrade) {
        let _ = f.flush();
    }
}

impl FileCore {
    pub fn new(file: File, opts: Options) -> Arc<FileCore> {
        let state = State {
            file: Some(file),
            raw: Vec::new(),
            raw_pos: 0,
            text: String::new(),
            text_pos: 0,
            crlf: Vec::new(),
            pending_cr: false,
            eof: false,
            wbuf: Vec::new(),
            at_start: true,
        };
        let core = Arc::new(FileCore { opts, state: Mutex::new(state) });
        if core.opts.writable {
            let mut list = open_files().lock();
            list.retain(|w| w.strong_count() > 0);
            list.push(Arc::downgrade(&core));
        }
        core
    }

    pub fn is_closed(&self) -> bool {
        self.state.lock().file.is_none()
    }

    pub fn flush(&self) -> PyResult<()> {
        let mut s = self.state.lock();
        flush_locked(&mut s)
    }

    pub fn close(&self) -> PyResult<()> {
        let mut s = self.state.lock();
        if s.file.is_none() {
            return Ok(());
        }
        let r = flush_locked(&mut s);
        s.file = None;
        s.raw.clear();
        s.text.clear();
        r
    }

    /// Drop read-ahead and put the OS position where the caller is, so a
    /// write or seek after reading lands in the right place.
    fn sync_read(&self, s: &mut State) -> PyResult<()> {
        let unread_raw = (s.raw.len() - s.raw_pos) as i64;
        let unread_text = if s.text_pos < s.text.len() {
            codec::encode(&s.text[s.text_pos..], &self.opts.encoding, "replace").map(|b| b.len()).unwrap_or(0) as i64
        } else {
            0
        };
        let collapsed = s.crlf.len() - s.crlf.partition_point(|&i| i < s.text_pos);
        let back = unread_raw + unread_text + collapsed as i64 + s.pending_cr as i64;
        if back > 0 {
            if let Some(f) = s.file.as_mut() {
                f.seek(SeekFrom::Current(-back)).map_err(io_err)?;
            }
        }
        s.raw.clear();
        s.raw_pos = 0;
        s.text.clear();
        s.text_pos = 0;
        s.crlf.clear();
        s.pending_cr = false;
        s.eof = false;
        Ok(())
    }

    pub fn tell(&self) -> PyResult<u64> {
        let mut s = self.state.lock();
        flush_locked(&mut s)?;
        self.sync_read(&mut s)?;
        let f = s.file.as_mut().ok_or_else(closed_error)?;
        f.stream_position().map_err(io_err)
    }

    pub fn seek(&self, offset: i64, whence: i64) -> PyResult<u64> {
        let mut s = self.state.lock();
        flush_locked(&mut s)?;
        self.sync_read(&mut s)?;
        let f = s.file.as_mut().ok_or_else(closed_error)?;
        let pos = match whence {
            0 => {
                if offset < 0 {
                    return Err(PyErr::value_error(format!("negative seek position {offset}")));
                }
                SeekFrom::Start(offset as u64)
            }
            1 => SeekFrom::Current(offset),
            2 => SeekFrom::End(offset),
            _ => return Err(PyErr::value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
        };
        let r = f.seek(pos).map_err(io_err)?;
        s.at_start = r == 0;
        Ok(r)
    }

    pub fn truncate(&self, size: Option<u64>) -> PyResult<u64> {
        let mut s = self.state.lock();
        flush_locked(&mut s)?;
        self.sync_read(&mut s)?;
        let f = s.file.as_mut().ok_or_else(closed_error)?;
        let size = match size {
            Some(n) => n,
            None => f.stream_position().map_err(io_err)?,
        };
        f.set_len(size).map_err(io_err)?;
        Ok(size)
    }

    // ---- writing -----------------------------------------------------------------

    pub fn write_bytes(&self, data: &[u8]) -> PyResult<()> {
        let mut s = self.state.lock();
        if s.file.is_none() {
            return Err(closed_error());
        }
        if !s.raw.is_empty() || !s.text.is_empty() || s.pending_cr {
            self.sync_read(&mut s)?;
        }
        s.wbuf.extend_from_slice(data);
        if s.wbuf.len() >= CHUNK {
            flush_locked(&mut s)?;
        }
        Ok(())
    }

    pub fn write_text(&self, text: &str) -> PyResult<()> {
        let translated;
        let text = match self.opts.newline.as_deref() {
            Some(nl) if !nl.is_empty() && nl != "\n" && text.contains('\n') => {
                translated = text.replace('\n', nl);
                translated.as_str()
            }
            _ => text,
        };
        let mut data = codec::encode(text, &self.opts.encoding, &self.opts.errors)?;
        if self.opts.bom {
            let mut s = self.state.lock();
            if s.at_start {
                s.at_start = false;
                data.splice(0..0, [0xEF, 0xBB, 0xBF]);
            }
        }
        self.write_bytes(&data)
    }

    // ---- reading: bytes ------------------------------------------------------------

    /// Make at least `want` unread raw bytes available (fewer at EOF).
    fn fill(&self, s: &mut State, want: usize) -> PyResult<()> {
        flush_locked(s)?;
        while s.raw.len() - s.raw_pos < want && !s.eof {
            if s.raw_pos > 0 {
                s.raw.drain(..s.raw_pos);
                s.raw_pos = 0;
            }
            let f = s.file.as_mut().ok_or_else(closed_error)?;
            let mut buf = vec![0u8; CHUNK.max(want.min(1 << 26))];
            let n = f.read(&mut buf).map_err(io_err)?;
            if n == 0 {
                s.eof = true;
            } else {
                s.raw.extend_from_slice(&buf[..n]);
            }
        }
        Ok(())
    }

    /// Binary read: `n` bytes, or everything when `None`.
    pub fn read_bytes(&self, n: Option<usize>) -> PyResult<Vec<u8>> {
        let mut s = self.state.lock();
        if s.file.is_none() {
            return Err(closed_error());
        }
        let want = n.unwrap_or(usize::MAX);
        if n.is_none() {
            flush_locked(&mut s)?;
            let mut rest = s.raw[s.raw_pos..].to_vec();
            s.raw.clear();
            s.raw_pos = 0;
            let f = s.file.as_mut().ok_or_else(closed_error)?;
            f.read_to_end(&mut rest).map_err(io_err)?;
            s.eof = true;
            return Ok(rest);
        }
        self.fill(&mut s, want)?;
        let end = (s.raw_pos + want).min(s.raw.len());
        let out = s.raw[s.raw_pos..end].to_vec();
        s.raw_pos = end;
        Ok(out)
    }

    /// Binary readline: up to and including b'\n' (at most `limit` bytes).
    pub fn readline_bytes(&self, limit: Option<usize>) -> PyResult<Vec<u8>> {
        let mut s = self.state.lock();
        if s.file.is_none() {
            return Err(closed_error());
        }
        let limit = limit.unwrap_or(usize::MAX);
        let mut searched = 0;
        loop {
            let avail = &s.raw[s.raw_pos..];
            let scan = &avail[searched.min(avail.len())..avail.len().min(limit)];
            if let Some(i) = scan.iter().position(|&b| b == b'\n') {
                let end = s.raw_pos + searched + i + 1;
                let out = s.raw[s.raw_pos..end].to_vec();
                s.raw_pos = end;
                return Ok(out);
            }
            searched = avail.len();
            if s.eof || searched >= limit {
                let end = s.raw_pos + searched.min(limit);
                let out = s.raw[s.raw_pos..end].to_vec();
                s.raw_pos = end;
                return Ok(out);
            }
            let have = s.raw.len() - s.raw_pos;
            self.fill(&mut s, have + 1)?;
        }
    }

    // ---- reading: text -------------------------------------------------------------

    /// Decode more text into `s.text`; false at the end of the file.
    fn decode_more(&self, s: &mut State) -> PyResult<bool> {
        let have = s.raw.len() - s.raw_pos;
        self.fill(s, have + 1)?;
        let avail = &s.raw[s.raw_pos..];
        if avail.is_empty() {
            if s.pending_cr {
                s.pending_cr = false;
                push_text(s, "\n".to_string(), &[]);
                return Ok(true);
            }
            return Ok(false);
        }
        let mut start = 0;
        if s.at_start && self.opts.bom && avail.starts_with(&[0xEF, 0xBB, 0xBF]) {
            start = 3;
        }
        s.at_start = false;
        // Decode up to the last complete UTF-8 sequence unless at EOF.
        let mut end = avail.len();
        if !s.eof && self.is_utf8() {
            end = complete_utf8_prefix(avail);
        }
        let chunk = codec::decode(&avail[start..end], &self.opts.encoding, &self.opts.errors)?;
        s.raw_pos += end;
        match self.opts.newline.as_deref() {
            None => {
                let mut t = String::with_capacity(chunk.len() + 1);
                if s.pending_cr {
                    t.push('\r');
                    s.pending_cr = false;
                }
                t.push_str(&chunk);
                if t.ends_with('\r') && !s.eof {
                    t.pop();
                    s.pending_cr = true;
                }
                if t.contains('\r') {
                    let (out, crlf) = translate_newlines(&t);
                    push_text(s, out, &crlf);
                } else {
                    push_text(s, t, &[]);
                }
            }
            _ => push_text(s, chunk, &[]),
        }
        Ok(true)
    }

    fn is_utf8(&self) -> bool {
        codec::Codec::lookup(&self.opts.encoding).map(|c| c.name() == "utf-8").unwrap_or(false)
    }

    /// Text read: `n` characters, or everything when `None`.
    pub fn read_text(&self, n: Option<usize>) -> PyResult<String> {
        let mut s = self.state.lock();
        if s.file.is_none() {
            return Err(closed_error());
        }
        loop {
            let rest = &s.text[s.text_pos..];
            if let Some(n) = n {
                if let Some((i, _)) = rest.char_indices().nth(n) {
                    let out = rest[..i].to_string();
                    s.text_pos += i;
                    return Ok(out);
                }
            }
            if !self.decode_more(&mut s)? {
                let out = s.text[s.text_pos..].to_string();
                s.text.clear();
                s.text_pos = 0;
                s.crlf.clear();
                return Ok(out);
            }
        }
    }

    /// Text readline: through the line end (`\n`, or the `newline` given).
    pub fn readline_text(&self, limit: Option<usize>) -> PyResult<String> {
        let mut s = self.state.lock();
        if s.file.is_none() {
            return Err(closed_error());
        }
        let mut searched = 0;
        loop {
            let rest = &s.text[s.text_pos..];
            if let Some(end) = self.line_end(rest, searched) {
                let cut = limit_chars(rest, end, limit);
                let out = rest[..cut].to_string();
                s.text_pos += cut;
                return Ok(out);
            }
            if let Some(lim) = limit {
                if let Some((i, _)) = rest.char_indices().nth(lim) {
                    let out = rest[..i].to_string();
                    s.text_pos += i;
                    return Ok(out);
                }
            }
            searched = rest.len().saturating_sub(1);
            if !self.decode_more(&mut s)? {
                let rest = &s.text[s.text_pos..];
                let cut = limit_chars(rest, rest.len(), limit);
                let out = rest[..cut].to_string();
                s.text_pos += cut;
                return Ok(out);
            }
        }
    }

    /// Byte offset just after the first line end in `text[from..]`.
    fn line_end(&self, text: &str, from: usize) -> Option<usize> {
        let from = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        match self.opts.newline.as_deref() {
            None | Some("\n") => text[from..].find('\n').map(|i| from + i + 1),
            Some("") => {
                let t = &text[from..];
                let i = t.find(['\n', '\r'])?;
                if t.as_bytes()[i] == b'\r' {
                    if i + 1 == t.len() {
                        // A '\r' at the end may start "\r\n": wait for more.
                        return None;
                    }
                    if t.as_bytes()[i + 1] == b'\n' {
                        return Some(from + i + 2);
                    }
                }
                Some(from + i + 1)
            }
            Some(nl) => text[from..].find(nl).map(|i| from + i + nl.len()),
        }
    }
}

/// Universal newlines: "\r\n" and "\r" become "\n". Also returns where
/// in the result the "\r\n"s were.
fn translate_newlines(t: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(t.len());
    let mut crlf = Vec::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
                crlf.push(out.len());
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    (out, crlf)
}

fn push_text(s: &mut State, text: String, crlf: &[usize]) {
    if s.text_pos == s.text.len() {
        s.text = text;
        s.text_pos = 0;
        s.crlf.clear();
        s.crlf.extend_from_slice(crlf);
    } else {
        if s.text_pos > CHUNK {
            s.text.drain(..s.text_pos);
            let cut = s.text_pos;
            s.crlf.retain(|&i| i >= cut);
            s.crlf.iter_mut().for_each(|i| *i -= cut);
            s.text_pos = 0;
        }
        let base = s.text.len();
        s.text.push_str(&text);
        s.crlf.extend(crlf.iter().map(|i| i + base));
    }
}

/// `end` (a byte offset in `text`) shortened to at most `limit` chars.
fn limit_chars(text: &str, end: usize, limit: Option<usize>) -> usize {
    match limit {
        Some(lim) => text[..end].char_indices().nth(lim).map(|(i, _)| i).unwrap_or(end),
        None => end,
    }
}

/// The length of the longest prefix of `b` that ends on a UTF-8 sequence
/// boundary (an incomplete last sequence is left for the next chunk).
fn complete_utf8_prefix(b: &[u8]) -> usize {
    let n = b.len();
    for back in 1..=3.min(n) {
        let c = b[n - back];
        if c & 0xC0 == 0x80 {
            continue;
        }
        let need = if c >= 0xF0 { 4 } else if c >= 0xE0 { 3 } else if c >= 0xC0 { 2 } else { 1 };
        return if need > back { n - back } else { n };
    }
    n
}

fn flush_locked(s: &mut State) -> PyResult<()> {
    if s.wbuf.is_empty() {
        return Ok(());
    }
    let Some(f) = s.file.as_mut() else { return Ok(()) };
    let r = f.write_all(&s.wbuf).map_err(io_err);
    s.wbuf.clear();
    r
}

impl Drop for FileCore {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_boundaries() {
        assert_eq!(complete_utf8_prefix(b"abc"), 3);
        assert_eq!(complete_utf8_prefix("é".as_bytes()), 2);
        assert_eq!(complete_utf8_prefix(&"é".as_bytes()[..1]), 0);
        assert_eq!(complete_utf8_prefix(&"a😀".as_bytes()[..3]), 1);
    }
}
