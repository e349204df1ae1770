//! The interactive prompt: `>>>` and `...` prompts, multi-line blocks, `_`
//! for the last value, tracebacks that do not end the session, Ctrl-C
//! cancelling the line and Ctrl-D leaving, as CPython's REPL does. Line
//! editing and history come from rustyline on a terminal; with `-i` and
//! piped input the same loop reads plain lines (used by the tests).

use std::io::{BufRead, Write};
use std::sync::Arc;

use protopy_frontend::Mode;
use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::{io, PyErr, Value};

use crate::{interp, traceback};

/// Where input lines come from.
enum Input {
    Editor(Box<rustyline::DefaultEditor>),
    Plain(std::io::StdinLock<'static>),
}

enum Line {
    Text(String),
    Interrupted,
    Eof,
}

impl Input {
    fn new(terminal: bool) -> Input {
        if terminal {
            if let Ok(ed) = rustyline::DefaultEditor::new() {
                return Input::Editor(Box::new(ed));
            }
        }
        Input::Plain(std::io::stdin().lock())
    }

    fn read(&mut self, prompt: &str) -> Line {
        io::flush_stdout();
        // Waiting for input runs no Python code: collections go on.
        let _detached = protopy_runtime::gc::blocking();
        match self {
            Input::Editor(ed) => match ed.readline(prompt) {
                Ok(l) => {
                    if !l.trim().is_empty() {
                        let _ = ed.add_history_entry(l.as_str());
                    }
                    Line::Text(l)
                }
                Err(rustyline::error::ReadlineError::Interrupted) => Line::Interrupted,
                Err(_) => Line::Eof,
            },
            Input::Plain(stdin) => {
                let _ = std::io::stderr().write_all(prompt.as_bytes());
                let mut l = String::new();
                match stdin.read_line(&mut l) {
                    Ok(0) | Err(_) => Line::Eof,
                    Ok(_) => {
                        while l.ends_with('\n') || l.ends_with('\r') {
                            l.pop();
                        }
                        Line::Text(l)
                    }
                }
            }
        }
    }
}

/// Whether a compile error only means "more lines are needed".
fn is_incomplete(src: &str, e: &protopy_frontend::SyntaxError) -> bool {
    let last_line = src.lines().count() as u32;
    let msg = e.msg.as_str();
    let eof_like = msg.starts_with("expected an indented block")
        || msg.contains("was never closed")
        || msg.contains("unexpected EOF")
        || msg.starts_with("unterminated triple-quoted string");
    eof_like && e.line + 1 >= last_line
}

/// Compile and run one complete input in `globals`; expression results are
/// printed and stored in `_`.
fn run_input(src: &str, globals: &Arc<DictObj>) -> Result<(), PyErr> {
    // An expression is evaluated so its value can be shown.
    if let Ok(code) = protopy_frontend::compile(src, "<stdin>", Mode::Eval) {
        let (v, _) = interp::run_with_namespace(&code, globals.clone(), Value::Dict(globals.clone()), &[])?;
        if !v.is_none() {
            interp::hooks::display(v)?;
        }
        return Ok(());
    }
    let code = protopy_frontend::compile(src, "<stdin>", Mode::Exec).map_err(|e| interp::hooks::syntax_error(&e))?;
    interp::run_with_namespace(&code, globals.clone(), Value::Dict(globals.clone()), &[]).map(|_| ())
}

/// The read-eval-print loop; returns the exit status.
pub fn run(globals: Arc<DictObj>, terminal: bool) -> i32 {
    let mut input = Input::new(terminal);
    if terminal {
        let _ = io::write_stderr(&format!(
            "protoPython 0.1.0 (Python 3.14) [{}]\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
            std::env::consts::OS
        ));
    }
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        let line = match input.read(prompt) {
            Line::Text(l) => l,
            Line::Interrupted => {
                buffer.clear();
                let _ = io::write_stderr("\nKeyboardInterrupt\n");
                continue;
            }
            Line::Eof => {
                if terminal {
                    let _ = io::write_stderr("\n");
                }
                return 0;
            }
        };
        if buffer.is_empty() && line.trim().is_empty() {
            continue;
        }
        if !buffer.is_empty() {
            buffer.push('\n');
        }
        buffer.push_str(&line);
        // A compound statement continues until an empty line; any input
        // continues while it is incomplete (open brackets, a missing block).
        let first = buffer.lines().next().unwrap_or("").trim_end();
        let compound = first.ends_with(':') || first.starts_with('@');
        match protopy_frontend::compile(&buffer, "<stdin>", Mode::Exec) {
            Err(e) if is_incomplete(&buffer, &e) && !line.trim().is_empty() => continue,
            _ if compound && !line.trim().is_empty() => continue,
            _ => {}
        }
        let src = std::mem::take(&mut buffer);
        if let Err(e) = run_input(&src, &globals) {
            if e.is_instance(&protopy_runtime::ctx().exc.system_exit) {
                return crate::cli::report_uncaught(&e);
            }
            io::flush_stdout();
            traceback::print_exception(&e);
        }
    }
}
