//! Compiler diagnostics, rendered as `file:line:col: error: message` with
//! the source line and a caret under the column.

use std::fmt;

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    /// The source line the caret points into.
    pub text: Option<String>,
    /// A failure of the compiler itself, not of the program.
    pub internal: bool,
}

impl Diagnostic {
    pub fn from_syntax_error(e: &protopy_frontend::SyntaxError, source: &str) -> Diagnostic {
        let text = e
            .text
            .clone()
            .or_else(|| source.lines().nth((e.line as usize).saturating_sub(1)).map(|s| s.to_string()));
        Diagnostic { file: e.filename.clone(), line: e.line, col: e.col, message: e.msg.clone(), text, internal: false }
    }

    pub fn internal(file: &str, message: String) -> Diagnostic {
        Diagnostic { file: file.to_string(), line: 0, col: 0, message: format!("internal compiler error: {message}"), text: None, internal: true }
    }
}

impl Diagnostic {
    /// One JSON object for `--message-format json`.
    pub fn to_json(&self, module: &str) -> serde_json::Value {
        serde_json::json!({
            "reason": "compiler-message",
            "severity": if self.internal { "internal-error" } else { "error" },
            "module": module,
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "message": self.message,
            "rendered": self.to_string(),
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: error: {}", self.file, self.message);
        }
        write!(f, "{}:{}:{}: error: {}", self.file, self.line, self.col, self.message)?;
        if let Some(text) = &self.text {
            let text = text.trim_end_matches(['\n', '\r']);
            let col = (self.col as usize).max(1);
            let pad: String = text.chars().take(col - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            write!(f, "\n    {text}\n    {pad}^")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}
