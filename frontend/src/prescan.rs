//! A cheap, non-recursive scan of the token structure, run before the
//! parser. The parser is recursive; this pass rejects inputs whose nesting
//! would make it (or the later passes) recurse too deeply, with the errors
//! CPython's tokenizer gives for them, and it records where brackets open and
//! close so that parse errors can be reported as CPython reports them
//! (`'(' was never closed`, `unmatched ')'`).
//!
//! It is not a full tokenizer: it knows strings (including nested f-string
//! replacement fields), comments, brackets, indentation and operators, which
//! is all the structure it needs.

use crate::error::SyntaxErrorKind;

/// CPython's tokenizer limit on open brackets (`MAXLEVEL`).
pub(crate) const MAX_PAREN_DEPTH: usize = 200;
/// CPython's limit on indentation levels (`MAXINDENT`); this many is an error.
pub(crate) const MAX_INDENT_LEVELS: usize = 100;
/// CPython's limit on nested f-strings (`MAXFSTRINGLEVEL`); this many is an error.
pub(crate) const MAX_FSTRING_NESTING: usize = 150;
/// Upper bound on the estimated nesting depth of one expression. Every
/// operator, keyword operator and bracket between two commas may add a level
/// to the syntax tree, so the estimate over-counts; CPython itself gives up
/// around 6000 prefix operators or 10000 binary ones.
pub(crate) const MAX_EXPRESSION_NESTING: usize = 3000;

pub(crate) const DEDENT_MISMATCH: &str = "unindent does not match any outer indentation level";

/// An error found by the scan, as byte offsets into the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScanError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub start: usize,
    pub end: usize,
}

/// One bracket pair (or an unclosed opening bracket).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BracketSpan {
    pub open: usize,
    pub close: Option<usize>,
    pub ch: u8,
}

/// What the scan learned about a source that is not too deeply nested.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Every ordinary bracket in source order of its opening.
    pub brackets: Vec<BracketSpan>,
    /// The first error CPython's tokenizer would report as soon as it
    /// reached it: a closing bracket that matches nothing or the wrong
    /// opener, an inconsistent dedent, mixed tabs and spaces.
    pub tokenizer_error: Option<ScanError>,
}

impl Scan {
    /// The innermost bracket open at byte `offset` (opened before it and not
    /// closed before it).
    pub fn open_bracket_at(&self, offset: usize) -> Option<BracketSpan> {
        self.brackets
            .iter()
            .filter(|b| b.open < offset && b.close.is_none_or(|c| c >= offset))
            .max_by_key(|b| b.open)
            .copied()
    }
}

enum Ctx {
    /// An ordinary bracket; `record` indexes `Scan::brackets`.
    Bracket { ch: u8, record: usize, ops: usize },
    /// The expression part of an f-string replacement field.
    Field { ops: usize },
    /// The literal part of an f-string or t-string.
    FString { quote: u8, triple: bool, raw: bool },
    /// The format spec of the replacement field below it.
    Spec,
}

impl Ctx {
    fn ops(&self) -> usize {
        match self {
            Ctx::Bracket { ops, .. } | Ctx::Field { ops } => *ops,
            _ => 0,
        }
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    stack: Vec<Ctx>,
    statement_ops: usize,
    /// Current nesting estimate: statement ops plus, per open context, one
    /// level and its ops.
    estimate: usize,
    paren_depth: usize,
    fstring_depth: usize,
    /// Indentation widths of the open blocks, with tabs to multiples of 8
    /// and, as CPython also checks, with tabs counted as 1.
    indents: Vec<(usize, usize)>,
    at_line_start: bool,
    scan: Scan,
}

/// Scan `source`; an `Err` is a nesting limit CPython would also refuse.
pub(crate) fn scan(source: &str) -> Result<Scan, ScanError> {
    let mut scanner = Scanner {
        bytes: source.as_bytes(),
        pos: 0,
        stack: Vec::new(),
        statement_ops: 0,
        estimate: 0,
        paren_depth: 0,
        fstring_depth: 0,
        indents: vec![(0, 0)],
        at_line_start: true,
        scan: Scan::default(),
    };
    while scanner.pos < scanner.bytes.len() {
        match scanner.stack.last() {
            Some(Ctx::FString { .. }) => scanner.fstring_step()?,
            Some(Ctx::Spec) => scanner.spec_step()?,
            _ => scanner.code_step()?,
        }
    }
    Ok(scanner.scan)
}

fn limit_error(kind: SyntaxErrorKind, msg: &str, start: usize, end: usize) -> ScanError {
    ScanError {
        kind,
        msg: msg.to_string(),
        start,
        end,
    }
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn push(&mut self, ctx: Ctx) -> Result<(), ScanError> {
        match ctx {
            Ctx::Bracket { .. } | Ctx::Field { .. } => self.paren_depth += 1,
            Ctx::FString { .. } => self.fstring_depth += 1,
            Ctx::Spec => {}
        }
        self.stack.push(ctx);
        self.estimate += 1;
        self.check_estimate()
    }

    fn pop(&mut self) -> Option<Ctx> {
        let ctx = self.stack.pop()?;
        match ctx {
            Ctx::Bracket { .. } | Ctx::Field { .. } => self.paren_depth -= 1,
            Ctx::FString { .. } => self.fstring_depth -= 1,
            Ctx::Spec => {}
        }
        self.estimate -= ctx.ops() + 1;
        Some(ctx)
    }

    /// One operator (or operand-joining keyword) in the innermost context.
    fn op(&mut self) -> Result<(), ScanError> {
        match self.stack.last_mut() {
            Some(Ctx::Bracket { ops, .. } | Ctx::Field { ops }) => *ops += 1,
            _ => self.statement_ops += 1,
        }
        self.estimate += 1;
        self.check_estimate()
    }

    /// A comma or semicolon: what follows is a sibling, not a child.
    fn reset_ops(&mut self) {
        match self.stack.last_mut() {
            Some(Ctx::Bracket { ops, .. } | Ctx::Field { ops }) => {
                self.estimate -= *ops;
                *ops = 0;
            }
            _ => {
                self.estimate -= self.statement_ops;
                self.statement_ops = 0;
            }
        }
    }

    fn check_estimate(&self) -> Result<(), ScanError> {
        if self.estimate > MAX_EXPRESSION_NESTING {
            return Err(limit_error(
                SyntaxErrorKind::Syntax,
                "too complex: expression nested too deeply",
                self.pos,
                self.pos + 1,
            ));
        }
        Ok(())
    }

    fn code_step(&mut self) -> Result<(), ScanError> {
        if self.at_line_start && self.stack.is_empty() {
            self.at_line_start = false;
            return self.indentation();
        }
        let c = self.peek(0);
        match c {
            b' ' | b'\t' | 0x0c => self.pos += 1,
            b'\\' => self.continuation(),
            b'\n' | b'\r' => self.newline(),
            b'#' => self.skip_to_line_end(),
            b'\'' | b'"' => self.skip_string(),
            b'0'..=b'9' => self.number(),
            b'.' if self.peek(1).is_ascii_digit() => self.number(),
            b'(' | b'[' | b'{' => self.open_bracket(c)?,
            b')' | b']' | b'}' => self.close_bracket(c),
            b':' if matches!(self.stack.last(), Some(Ctx::Field { .. })) => {
                self.pos += 1;
                self.push(Ctx::Spec)?;
            }
            b',' | b';' => {
                self.reset_ops();
                self.pos += 1;
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^' | b'~' | b'<' | b'>'
            | b'.' | b'!' => {
                self.op()?;
                self.pos += 1;
            }
            c if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => self.word()?,
            _ => self.pos += 1,
        }
        Ok(())
    }

    /// Measures the indentation of a new logical line and tracks the levels
    /// as CPython's tokenizer does.
    fn indentation(&mut self) -> Result<(), ScanError> {
        let line_start = self.pos;
        let (mut col, mut alt) = (0, 0);
        loop {
            match self.peek(0) {
                b' ' => (col, alt) = (col + 1, alt + 1),
                b'\t' => (col, alt) = ((col / 8 + 1) * 8, alt + 1),
                0x0c => (col, alt) = (0, 0),
                _ => break,
            }
            self.pos += 1;
        }
        // Blank and comment-only lines do not count.
        if matches!(self.peek(0), b'#' | b'\n' | b'\r' | b'\\' | 0) {
            return Ok(());
        }
        let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
        if col > top {
            if alt <= top_alt {
                self.tab_error(line_start);
            }
            self.indents.push((col, alt));
            if self.indents.len() > MAX_INDENT_LEVELS {
                return Err(limit_error(
                    SyntaxErrorKind::Indentation,
                    "too many levels of indentation",
                    line_start,
                    line_start,
                ));
            }
        } else if col == top {
            if alt != top_alt {
                self.tab_error(line_start);
            }
        } else {
            while self.indents.len() > 1 && self.indents.last().is_some_and(|&(w, _)| w > col) {
                self.indents.pop();
            }
            let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
            if col != top {
                let line_end = self.line_end(self.pos);
                self.record(
                    SyntaxErrorKind::Indentation,
                    DEDENT_MISMATCH.into(),
                    line_end,
                    line_end,
                );
            } else if alt != top_alt {
                self.tab_error(line_start);
            }
        }
        Ok(())
    }

    fn tab_error(&mut self, line_start: usize) {
        let msg = "inconsistent use of tabs and spaces in indentation".to_string();
        self.record(SyntaxErrorKind::Tab, msg, line_start, line_start);
    }

    fn line_end(&self, mut at: usize) -> usize {
        while at < self.bytes.len() && !matches!(self.bytes[at], b'\n' | b'\r') {
            at += 1;
        }
        at
    }

    fn continuation(&mut self) {
        self.pos += 1;
        match self.peek(0) {
            b'\r' if self.peek(1) == b'\n' => self.pos += 2,
            b'\n' | b'\r' => self.pos += 1,
            _ => {}
        }
    }

    fn newline(&mut self) {
        self.pos += if self.peek(0) == b'\r' && self.peek(1) == b'\n' {
            2
        } else {
            1
        };
        if self.stack.is_empty() {
            self.reset_ops();
            self.at_line_start = true;
        }
    }

    fn skip_to_line_end(&mut self) {
        while self.pos < self.bytes.len() && !matches!(self.peek(0), b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// A number literal, so that its `.` and exponent sign are not taken
    /// for operators.
    fn number(&mut self) {
        let hex = matches!((self.peek(0), self.peek(1)), (b'0', b'x' | b'X'));
        let mut prev = 0;
        loop {
            let c = self.peek(0);
            let part = c.is_ascii_alphanumeric() || c == b'_' || c == b'.';
            let exponent_sign = (c == b'+' || c == b'-') && !hex && matches!(prev, b'e' | b'E');
            if !(part || exponent_sign) {
                return;
            }
            prev = c;
            self.pos += 1;
        }
    }

    fn open_bracket(&mut self, ch: u8) -> Result<(), ScanError> {
        // A bracket nests its contents one level below the operand it
        // follows or starts (`f()()()` nests like `a.b.c`).
        self.op()?;
        if self.paren_depth >= MAX_PAREN_DEPTH {
            return Err(limit_error(
                SyntaxErrorKind::Syntax,
                "too many nested parentheses",
                self.pos,
                self.pos + 1,
            ));
        }
        let record = self.scan.brackets.len();
        self.scan.brackets.push(BracketSpan {
            open: self.pos,
            close: None,
            ch,
        });
        self.pos += 1;
        self.push(Ctx::Bracket { ch, record, ops: 0 })
    }

    fn close_bracket(&mut self, ch: u8) {
        let at = self.pos;
        self.pos += 1;
        match self.stack.last() {
            Some(Ctx::Field { .. }) if ch == b'}' => {
                self.pop();
            }
            // A stray `)` inside a replacement field: the parser reports it.
            Some(Ctx::Field { .. }) => {}
            Some(&Ctx::Bracket {
                ch: open, record, ..
            }) => {
                if let Some(span) = self.scan.brackets.get_mut(record) {
                    span.close = Some(at);
                }
                if !brackets_match(open, ch) {
                    let msg = format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        ch as char, open as char
                    );
                    self.record(SyntaxErrorKind::Syntax, msg, at, at + 1);
                }
                self.pop();
            }
            _ => {
                let msg = format!("unmatched '{}'", ch as char);
                self.record(SyntaxErrorKind::Syntax, msg, at, at + 1);
            }
        }
    }

    /// Keeps the first tokenizer-level error; scanning goes on, because the
    /// nesting limits must still be enforced on the rest.
    fn record(&mut self, kind: SyntaxErrorKind, msg: String, start: usize, end: usize) {
        if self.scan.tokenizer_error.is_none() {
            self.scan.tokenizer_error = Some(ScanError {
                kind,
                msg,
                start,
                end,
            });
        }
    }

    /// An identifier, keyword, or the prefix of a string literal.
    fn word(&mut self) -> Result<(), ScanError> {
        let start = self.pos;
        while matches!(self.peek(0), c if c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80) {
            self.pos += 1;
        }
        let word = &self.bytes[start..self.pos];
        if matches!(self.peek(0), b'\'' | b'"') {
            if let Some((interpolated, raw)) = string_prefix(word) {
                if interpolated {
                    return self.open_fstring(raw, start);
                }
                self.skip_string();
                return Ok(());
            }
        }
        const OPERATOR_WORDS: [&[u8]; 13] = [
            b"not", b"and", b"or", b"if", b"else", b"lambda", b"await", b"yield", b"in", b"is",
            b"for", b"async", b"from",
        ];
        if OPERATOR_WORDS.contains(&word) {
            self.op()?;
        }
        Ok(())
    }

    fn open_fstring(&mut self, raw: bool, start: usize) -> Result<(), ScanError> {
        if self.fstring_depth + 1 >= MAX_FSTRING_NESTING {
            return Err(limit_error(
                SyntaxErrorKind::Syntax,
                "too many nested f-strings",
                start,
                self.pos + 1,
            ));
        }
        let quote = self.peek(0);
        let triple = self.peek(1) == quote && self.peek(2) == quote;
        self.pos += if triple { 3 } else { 1 };
        self.op()?;
        self.push(Ctx::FString { quote, triple, raw })
    }

    /// Skips a plain (not interpolated) string literal starting at its
    /// quote. Even in raw strings a backslash keeps the next quote.
    fn skip_string(&mut self) {
        let quote = self.peek(0);
        let triple = self.peek(1) == quote && self.peek(2) == quote;
        self.pos += if triple { 3 } else { 1 };
        while self.pos < self.bytes.len() {
            let c = self.peek(0);
            if c == b'\\' {
                self.pos += 2;
            } else if c == quote {
                if !triple {
                    self.pos += 1;
                    return;
                }
                if self.peek(1) == quote && self.peek(2) == quote {
                    self.pos += 3;
                    return;
                }
                self.pos += 1;
            } else if !triple && matches!(c, b'\n' | b'\r') {
                return;
            } else {
                self.pos += 1;
            }
        }
        self.pos = self.pos.min(self.bytes.len());
    }

    /// One step in the literal part of an f-string.
    fn fstring_step(&mut self) -> Result<(), ScanError> {
        let Some(&Ctx::FString { quote, triple, raw }) = self.stack.last() else {
            return Ok(());
        };
        let c = self.peek(0);
        if c == quote && (!triple || (self.peek(1) == quote && self.peek(2) == quote)) {
            self.pos += if triple { 3 } else { 1 };
            self.pop();
            return Ok(());
        }
        match c {
            b'\\' => self.escape(raw),
            b'{' if self.peek(1) == b'{' => self.pos += 2,
            b'}' if self.peek(1) == b'}' => self.pos += 2,
            b'{' => return self.open_field(),
            // Unterminated single-quoted string: the parser reports it.
            b'\n' | b'\r' if !triple => {
                self.pop();
            }
            _ => self.pos += 1,
        }
        Ok(())
    }

    /// One step in a format spec: literal text with nested fields, ended by
    /// the `}` of its field.
    fn spec_step(&mut self) -> Result<(), ScanError> {
        let enclosing = self.stack.iter().rev().find_map(|ctx| match ctx {
            Ctx::FString { quote, triple, .. } => Some((*quote, *triple)),
            _ => None,
        });
        let (quote, triple) = enclosing.unwrap_or((0, false));
        let c = self.peek(0);
        let ends_string =
            c == quote && (!triple || (self.peek(1) == quote && self.peek(2) == quote));
        if ends_string || (!triple && matches!(c, b'\n' | b'\r')) {
            // A malformed spec: drop back to code outside the f-string and
            // let the parser report it.
            while let Some(ctx) = self.pop() {
                if matches!(ctx, Ctx::FString { .. }) {
                    break;
                }
            }
            if ends_string {
                self.pos += if triple { 3 } else { 1 };
            }
            return Ok(());
        }
        match c {
            b'{' => return self.open_field(),
            b'}' => {
                self.pos += 1;
                self.pop();
                if matches!(self.stack.last(), Some(Ctx::Field { .. })) {
                    self.pop();
                }
            }
            b'\\' => self.escape(false),
            _ => self.pos += 1,
        }
        Ok(())
    }

    /// A backslash inside an f-string's literal text.
    fn escape(&mut self, raw: bool) {
        match self.peek(1) {
            b'N' if !raw && self.peek(2) == b'{' => {
                while self.pos < self.bytes.len() && !matches!(self.peek(0), b'}' | b'\n' | b'\r') {
                    self.pos += 1;
                }
                if self.peek(0) == b'}' {
                    self.pos += 1;
                }
            }
            // `\{` is not an escape: the brace still opens a field.
            b'{' | b'}' => self.pos += 1,
            _ => self.pos += 2,
        }
    }

    /// A replacement field counts as a bracket level, as in CPython.
    fn open_field(&mut self) -> Result<(), ScanError> {
        if self.paren_depth >= MAX_PAREN_DEPTH {
            return Err(limit_error(
                SyntaxErrorKind::Syntax,
                "too many nested parentheses",
                self.pos,
                self.pos + 1,
            ));
        }
        self.pos += 1;
        self.push(Ctx::Field { ops: 0 })
    }
}

fn brackets_match(open: u8, close: u8) -> bool {
    matches!((open, close), (b'(', b')') | (b'[', b']') | (b'{', b'}'))
}

/// For a string prefix (`rb`, `f`, `Tr`, ...): whether it makes an f- or
/// t-string, and whether it is raw. `None` if `word` is not a prefix.
fn string_prefix(word: &[u8]) -> Option<(bool, bool)> {
    if word.is_empty() || word.len() > 2 {
        return None;
    }
    let lower: Vec<u8> = word.iter().map(u8::to_ascii_lowercase).collect();
    let raw = lower.contains(&b'r');
    match lower.as_slice() {
        b"r" | b"u" | b"b" | b"br" | b"rb" => Some((false, raw)),
        b"f" | b"t" | b"fr" | b"rf" | b"tr" | b"rt" => Some((true, raw)),
        _ => None,
    }
}
