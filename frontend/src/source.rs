//! Source text positions: byte offsets (what the parser reports) to the
//! 1-based line numbers and character columns that Python reports, and the
//! construction of `SyntaxError`s at a source range.

use ruff_text_size::TextRange;

use crate::error::{SyntaxError, SyntaxErrorKind};

/// A source file with its line table. Lines end at `\n`, `\r\n` or `\r`, as
/// in CPython's tokenizer.
pub(crate) struct Source<'a> {
    pub text: &'a str,
    pub filename: &'a str,
    /// Byte offset of the first character of each line.
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str, filename: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 1;
                    line_starts.push(i + 1);
                }
                b'\r' => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Source {
            text,
            filename,
            line_starts,
        }
    }

    /// 0-based index of the line holding `offset`.
    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        (self.line_index(offset) + 1) as u32
    }

    /// The text of the 0-based line `index`, without its terminator.
    fn line_text(&self, index: usize) -> &'a str {
        let start = self
            .line_starts
            .get(index)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text.get(start..end).unwrap_or("");
        line.trim_end_matches(['\n', '\r'])
    }

    /// 1-based character column of `offset` within its line.
    fn column(&self, index: usize, offset: usize) -> u32 {
        let start = self.line_starts.get(index).copied().unwrap_or(0);
        let mut end = offset.min(self.text.len()).max(start);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.text.get(start..end).map_or(0, |s| s.chars().count()) as u32 + 1
    }

    /// An error covering `start..end` (byte offsets); a range reaching past
    /// its first line is cut at the end of that line, as CPython's printer
    /// does.
    pub fn error_span(
        &self,
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        start: usize,
        end: usize,
    ) -> SyntaxError {
        let index = self.line_index(start);
        let text = self.line_text(index);
        let col = self.column(index, start);
        let end_col = if end <= start {
            None
        } else if self.line_index(end) == index {
            Some(self.column(index, end))
        } else {
            Some(text.chars().count() as u32 + 1)
        };
        SyntaxError {
            kind,
            msg: msg.into(),
            filename: self.filename.to_string(),
            line: (index + 1) as u32,
            col,
            end_col,
            text: Some(text.to_string()),
        }
    }

    pub fn error_at(&self, range: TextRange, msg: impl Into<String>) -> SyntaxError {
        self.error_span(
            SyntaxErrorKind::Syntax,
            msg,
            range.start().to_usize(),
            range.end().to_usize(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let src = Source::new("a\r\nbé = x\rc", "f.py");
        let e = src.error_span(SyntaxErrorKind::Syntax, "m", 7, 8);
        assert_eq!((e.line, e.col, e.end_col), (2, 4, Some(5)));
        assert_eq!(e.text.as_deref(), Some("bé = x"));
        assert_eq!(src.line_of(11), 3);
    }

    #[test]
    fn multi_line_range_is_cut_at_line_end() {
        let src = Source::new("x = (1,\ny)\n", "f.py");
        let e = src.error_span(SyntaxErrorKind::Syntax, "m", 4, 10);
        assert_eq!((e.line, e.col, e.end_col), (1, 5, Some(8)));
    }
}
