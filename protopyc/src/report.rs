//! What protopyc tells its user: diagnostics and a summary on stderr, or
//! with `--message-format json` one JSON object per line on stdout (for CI),
//! and the exit status: 0 success, 1 errors in the compiled program (or the
//! project description), 2 a failure of protopyc, cargo or rustc.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use crate::diagnostics::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Readable diagnostics and a summary on stderr.
    Human,
    /// One JSON object per line on stdout.
    Json,
}

/// Paths in JSON messages are absolute: the reader may not share our
/// working directory.
fn absolute(path: &Path) -> String {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

pub struct Reporter {
    pub format: MessageFormat,
    errors: usize,
    internal: usize,
}

impl Reporter {
    pub fn new(format: MessageFormat) -> Reporter {
        Reporter { format, errors: 0, internal: 0 }
    }

    fn json(&self, value: serde_json::Value) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{value}");
        let _ = out.flush();
    }

    /// A diagnostic for `module`'s source.
    pub fn diagnostic(&mut self, module: &str, d: &Diagnostic) {
        if d.internal {
            self.internal += 1;
        } else {
            self.errors += 1;
        }
        match self.format {
            MessageFormat::Human => eprintln!("{d}"),
            MessageFormat::Json => self.json(d.to_json(module)),
        }
    }

    /// An error in what the user asked for: a missing file, a bad project
    /// description.
    pub fn user_error(&mut self, file: &str, message: &str) {
        self.user_error_at(file, 0, 0, message);
    }

    /// `user_error` at a line and column (0: none).
    pub fn user_error_at(&mut self, file: &str, line: u32, col: u32, message: &str) {
        self.errors += 1;
        let place = if line > 0 { format!("{file}:{line}:{col}") } else { file.to_string() };
        let rendered = format!("{place}: error: {message}");
        match self.format {
            MessageFormat::Human => eprintln!("{rendered}"),
            MessageFormat::Json => self.json(json!({
                "reason": "compiler-message",
                "severity": "error",
                "file": file,
                "line": line,
                "column": col,
                "message": message,
                "rendered": rendered,
            })),
        }
    }

    /// A failure of the compiler or the tools it runs.
    pub fn internal_error(&mut self, message: &str) {
        self.internal += 1;
        match self.format {
            MessageFormat::Human => eprintln!("error: {message}"),
            MessageFormat::Json => self.json(json!({ "reason": "internal-error", "message": message })),
        }
    }

    /// A module whose library is up to date.
    pub fn fresh(&self, module: &str, source: &Path, library: &Path, verbose: bool) {
        match self.format {
            MessageFormat::Human => {
                if verbose {
                    eprintln!("fresh {} ({})", module, library.display());
                }
            }
            MessageFormat::Json => self.json(json!({
                "reason": "module-fresh",
                "module": module,
                "source": absolute(source),
                "library": absolute(library),
            })),
        }
    }

    /// A module built into `library`, `seconds` into the cargo run.
    pub fn built(&self, module: &str, source: &Path, library: &Path, seconds: f64) {
        match self.format {
            MessageFormat::Human => eprintln!("compiled {} -> {} in {seconds:.1} s", source.display(), library.display()),
            MessageFormat::Json => self.json(json!({
                "reason": "module-built",
                "module": module,
                "source": absolute(source),
                "library": absolute(library),
                "seconds": seconds,
            })),
        }
    }

    /// A module that passed `protopyc check`.
    pub fn checked(&self, module: &str, source: &Path) {
        if self.format == MessageFormat::Json {
            self.json(json!({ "reason": "module-checked", "module": module, "source": absolute(source) }));
        }
    }

    /// The last line: what was done, how long each phase took.
    pub fn finished(&self, command: &str, counts: &[(&str, usize)], timings: &[(&str, f64)]) {
        let success = self.errors == 0 && self.internal == 0;
        match self.format {
            MessageFormat::Human => {
                let total: f64 = timings.iter().map(|(_, t)| t).sum();
                let what: Vec<String> = counts.iter().filter(|(_, n)| *n > 0).map(|(k, n)| format!("{n} {k}")).collect();
                let what = if what.is_empty() { String::new() } else { format!(" ({})", what.join(", ")) };
                if success {
                    eprintln!("Finished {command}{what} in {total:.2} s");
                } else {
                    let errors = self.errors + self.internal;
                    eprintln!("{command} failed: {errors} error{}", if errors == 1 { "" } else { "s" });
                }
            }
            MessageFormat::Json => {
                let mut value = json!({ "reason": format!("{command}-finished"), "success": success });
                for (k, n) in counts {
                    value[*k] = json!(n);
                }
                value["errors"] = json!(self.errors);
                value["internal_errors"] = json!(self.internal);
                value["timings"] = serde_json::Value::Object(timings.iter().map(|(k, t)| (k.to_string(), json!(t))).collect());
                self.json(value);
            }
        }
    }

    pub fn failed(&self) -> bool {
        self.errors > 0 || self.internal > 0
    }

    pub fn exit_status(&self) -> i32 {
        if self.internal > 0 {
            2
        } else if self.errors > 0 {
            1
        } else {
            0
        }
    }
}
