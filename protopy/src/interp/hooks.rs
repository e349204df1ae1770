//! What the runtime asks of the host: `exec`/`eval`, `globals()`,
//! `locals()`, and the import system (installed by `crate::import`).

use std::sync::Arc;

use protopy_frontend::Mode;
use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::{ctx, PyErr, PyResult, Value};

use super::code_object::{code_of, source_text, Kind};
use super::function::run_with_namespace;
use super::state;

pub fn install() {
    let c = ctx();
    let mut h = c.hooks();
    h.exec = exec_hook;
    h.current_globals = state::current_globals;
    h.current_locals = current_locals;
    h.format_exception = crate::traceback::format_exception;
    h.current_exception = state::current_handled;
    c.set_hooks(h);
    super::code_object::install();
}

fn current_locals() -> PyResult<Value> {
    if let Some(l) = state::compiled_locals() {
        return Ok(l);
    }
    state::with_current_frame(|f| match f {
        Some(f) => f.locals_dict(),
        None => Err(PyErr::system_error("locals(): no current frame")),
    })
}

/// A SyntaxError exception from the front end's error.
pub fn syntax_error(e: &protopy_frontend::SyntaxError) -> PyErr {
    let c = ctx();
    let ty = match e.kind {
        protopy_frontend::SyntaxErrorKind::Syntax => c.exc.syntax_error.clone(),
        protopy_frontend::SyntaxErrorKind::Indentation => {
            c.builtin("IndentationError").and_then(|v| v.as_type().cloned()).unwrap_or(c.exc.syntax_error.clone())
        }
        protopy_frontend::SyntaxErrorKind::Tab => {
            c.builtin("TabError").and_then(|v| v.as_type().cloned()).unwrap_or(c.exc.syntax_error.clone())
        }
    };
    let details = Value::tuple(vec![
        Value::str(&e.filename),
        Value::Int(e.line as i64),
        Value::Int(e.col as i64),
        match &e.text {
            Some(t) => Value::str(t),
            None => Value::None,
        },
    ]);
    let err = PyErr::with_args(&ty, vec![Value::str(&e.msg), details]);
    let exc = err.exc().clone();
    let set = |k: &str, v: Value| {
        if let Value::Instance(i) = &exc {
            i.dict.set_str(k, v);
        }
    };
    set("msg", Value::str(&e.msg));
    set("filename", Value::str(&e.filename));
    set("lineno", Value::Int(e.line as i64));
    set("offset", Value::Int(e.col as i64));
    set("text", e.text.as_deref().map(Value::str).unwrap_or(Value::None));
    set("$rendered", Value::string(e.to_string()));
    err
}

/// Show an interactive result as the prompt does: its repr on stdout,
/// and the value kept in `builtins._`.
pub fn display(v: Value) -> PyResult<()> {
    protopy_runtime::io::write_stdout(&format!("{}\n", protopy_runtime::ops::repr(&v)?))?;
    ctx().builtins.set("_", v);
    Ok(())
}

fn exec_hook(source: &Value, globals: Option<Arc<DictObj>>, locals: Option<Value>, mode: &str) -> PyResult<Value> {
    let compiled = code_of(source).map(|c| (c.code.clone(), c.kind));
    let (globals, locals) = match (globals, locals) {
        (Some(g), l) => {
            let l = l.unwrap_or_else(|| Value::Dict(g.clone()));
            (g, l)
        }
        (None, l) => {
            let g = state::current_globals().unwrap_or_else(|| Arc::new(DictObj::new()));
            let l = match l {
                Some(l) => l,
                None => current_locals().unwrap_or_else(|_| Value::Dict(g.clone())),
            };
            (g, l)
        }
    };
    let (code, kind) = match compiled {
        Some(c) => c,
        None => {
            let m = if mode == "eval" { Mode::Eval } else { Mode::Exec };
            let text = source_text(source, mode)?;
            let code = protopy_frontend::compile(&text, "<string>", m).map_err(|e| syntax_error(&e))?;
            (code, if m == Mode::Eval { Kind::Eval } else { Kind::Exec })
        }
    };
    let (r, _) = run_with_namespace(&code, globals, locals, &[])?;
    match kind {
        Kind::Eval if mode == "eval" => Ok(r),
        Kind::Display if !r.is_none() => {
            display(r)?;
            Ok(Value::None)
        }
        _ => Ok(Value::None),
    }
}
