//! Printing uncaught exceptions as CPython does: chained causes and
//! contexts, `Traceback (most recent call last):`, one entry per frame with
//! its source line, then `Type: message`.

use std::collections::HashMap;
use std::sync::Mutex;

use protopy_runtime::objects::exception;
use protopy_runtime::{ops, PyErr, TraceEntry, Value};

static SOURCES: Mutex<Option<HashMap<String, String>>> = Mutex::new(None);

/// Keep a file's text for traceback lines (the file may change later).
pub fn remember_source(filename: &str, source: String) {
    if let Ok(mut s) = SOURCES.lock() {
        s.get_or_insert_with(HashMap::new).insert(filename.to_string(), source);
    }
}

fn source_line(filename: &str, line: u32) -> Option<String> {
    let idx = (line as usize).checked_sub(1)?;
    if let Ok(s) = SOURCES.lock() {
        if let Some(text) = s.as_ref().and_then(|m| m.get(filename)) {
            return text.lines().nth(idx).map(|l| l.trim().to_string());
        }
    }
    let text = std::fs::read_to_string(filename).ok()?;
    text.lines().nth(idx).map(|l| l.trim().to_string())
}

fn format_entries(entries: &[TraceEntry], out: &mut String) {
    out.push_str("Traceback (most recent call last):\n");
    // Entries were collected innermost first.
    for e in entries.iter().rev() {
        out.push_str(&format!("  File \"{}\", line {}, in {}\n", e.filename, e.line, e.name));
        if let Some(l) = source_line(&e.filename, e.line) {
            if !l.is_empty() {
                out.push_str(&format!("    {l}\n"));
            }
        }
    }
}

/// The rendered text of a SyntaxError raised by the front end, if any.
fn syntax_error_block(exc: &Value) -> Option<String> {
    if let Value::Instance(i) = exc {
        if let Some(Value::Str(s)) = i.dict.get_str("$rendered") {
            return Some(s.as_str().to_string());
        }
    }
    None
}

fn format_one(exc: &Value, entries: &[TraceEntry], out: &mut String, seen: &mut Vec<usize>, depth: usize) {
    if let Some(p) = exc.heap_ptr() {
        if seen.contains(&p) {
            return;
        }
        seen.push(p);
    }
    if depth < 32 {
        let cause = exception::cause_of(exc);
        let context = exception::context_of(exc);
        if !cause.is_none() {
            let tb = exception::traceback_of(&cause);
            format_one(&cause, &tb, out, seen, depth + 1);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if !context.is_none() && !exception::suppress_context(exc) {
            let tb = exception::traceback_of(&context);
            format_one(&context, &tb, out, seen, depth + 1);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    if !entries.is_empty() {
        format_entries(entries, out);
    }
    match syntax_error_block(exc) {
        Some(block) => {
            out.push_str(&block);
            if !block.ends_with('\n') {
                out.push('\n');
            }
        }
        None => {
            out.push_str(&exception::format_exception_only(exc));
            out.push('\n');
        }
    }
    if let Ok(Some(notes)) = ops::getattr_opt(exc, "__notes__") {
        if let Ok(items) = ops::collect(&notes) {
            for n in items {
                out.push_str(&ops::str_of(&n).unwrap_or_default());
                out.push('\n');
            }
        }
    }
}

/// The full report for an uncaught exception.
pub fn format_exception(err: &PyErr) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_one(err.exc(), err.traceback(), &mut out, &mut seen, 0);
    out
}

pub fn print_exception(err: &PyErr) {
    let text = format_exception(err);
    let _ = protopy_runtime::io::write_stderr(&text);
}
