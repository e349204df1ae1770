//! `compile()` and the code objects it returns, which `exec` and `eval`
//! run; `exit` and `quit`.

use std::any::Any;
use std::sync::{Arc, OnceLock};

use protopy_frontend::ir::Code;
use protopy_frontend::Mode;
use protopy_runtime::objects::function::BuiltinFunction;
use protopy_runtime::objects::native::{downcast, NativeObject};
use protopy_runtime::objects::typeobj::{BaseKind, TypeObj};
use protopy_runtime::{ctx, ops, CallArgs, PyErr, PyResult, Value};

/// How a code object's result is used.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `compile(..., 'exec')`: statements; the result is None.
    Exec,
    /// `compile(..., 'eval')`: an expression; `eval` returns its value.
    Eval,
    /// `compile(..., 'single')` of an expression: its value is printed
    /// (when not None) and stored in `builtins._`, as at the prompt.
    Display,
}

pub struct CodeObject {
    pub code: Arc<Code>,
    pub kind: Kind,
}

/// The `code` class. The host has one copy of this crate, so one class.
fn code_type() -> Arc<TypeObj> {
    static TYPE: OnceLock<Arc<TypeObj>> = OnceLock::new();
    TYPE.get_or_init(|| TypeObj::new_builtin("code", Some(&ctx().types.object), BaseKind::Other, None)).clone()
}

impl NativeObject for CodeObject {
    fn type_obj(&self) -> Arc<TypeObj> {
        code_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        let c = &self.code;
        let names = |v: &[protopy_frontend::ir::Name]| Value::tuple(v.iter().map(|n| Value::str(n)).collect());
        Some(Ok(match name {
            "co_name" => Value::str(&c.name),
            "co_qualname" => Value::str(&c.qualname),
            "co_filename" => Value::str(&c.filename),
            "co_firstlineno" => Value::Int(c.first_line as i64),
            "co_names" => names(&c.names),
            "co_varnames" => names(&c.locals),
            "co_cellvars" => names(&c.cellvars),
            "co_freevars" => names(&c.freevars),
            "co_argcount" => Value::Int(c.params.positional as i64 + c.params.posonly as i64),
            "co_posonlyargcount" => Value::Int(c.params.posonly as i64),
            "co_kwonlyargcount" => Value::Int(c.params.kwonly as i64),
            _ => return None,
        }))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let c = &self.code;
        Some(Ok(format!(
            "<code object {} at {:#x}, file \"{}\", line {}>",
            c.name,
            self as *const CodeObject as usize,
            c.filename,
            c.first_line.max(1)
        )))
    }
}

/// The code object `v` holds, if it is one.
pub fn code_of(v: &Value) -> Option<&CodeObject> {
    downcast::<CodeObject>(v)
}

/// Source text for `compile`/`exec`/`eval`: a str, or bytes read as UTF-8.
pub fn source_text(v: &Value, what: &str) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.data).into_owned()),
        other => Err(PyErr::type_error(format!(
            "{what}() arg 1 must be a string, bytes or code object, not {}",
            ops::type_name(other)
        ))),
    }
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
fn compile(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("compile", &["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"])?;
    let arg = |i: usize, name: &str| {
        a.get(i, name).ok_or_else(|| PyErr::type_error(format!("compile() missing required argument '{name}' (pos {})", i + 1)))
    };
    let source = arg(0, "source")?;
    let filename = match arg(1, "filename")? {
        Value::Str(s) => s.as_str().to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(&b.data).into_owned(),
        other => {
            return Err(PyErr::type_error(format!(
                "compile() argument 'filename' must be str, bytes or os.PathLike, not {}",
                ops::type_name(&other)
            )))
        }
    };
    let mode = match arg(2, "mode")? {
        Value::Str(s) => s.as_str().to_string(),
        other => return Err(PyErr::type_error(format!("compile() argument 'mode' must be str, not {}", ops::type_name(&other)))),
    };
    if let Some(flags) = a.get(3, "flags") {
        // PyCF_ONLY_AST: there is no `ast` module to build.
        if ops::index_value(&flags)? & 0x400 != 0 {
            return Err(PyErr::value_error("compile(): ast output (PyCF_ONLY_AST) is not supported"));
        }
    }
    if let Some(code) = code_of(&source) {
        return Ok(Value::native(CodeObject { code: code.code.clone(), kind: code.kind }));
    }
    let text = source_text(&source, "compile")?;
    if text.contains('\0') {
        return Err(PyErr::new(&ctx().exc.syntax_error, "source code string cannot contain null bytes"));
    }
    let syntax = |e: protopy_frontend::SyntaxError| super::hooks::syntax_error(&e);
    let (code, kind) = match mode.as_str() {
        "exec" => (protopy_frontend::compile(&text, &filename, Mode::Exec).map_err(syntax)?, Kind::Exec),
        "eval" => (protopy_frontend::compile(&text, &filename, Mode::Eval).map_err(syntax)?, Kind::Eval),
        "single" => match protopy_frontend::compile(&text, &filename, Mode::Eval) {
            Ok(code) => (code, Kind::Display),
            Err(_) => (protopy_frontend::compile(&text, &filename, Mode::Exec).map_err(syntax)?, Kind::Exec),
        },
        _ => return Err(PyErr::value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    Ok(Value::native(CodeObject { code, kind }))
}

/// `exit`/`quit`: calling one raises SystemExit, as the objects the
/// `site` module installs do.
struct Quitter(&'static str);

fn quitter_type() -> Arc<TypeObj> {
    static TYPE: OnceLock<Arc<TypeObj>> = OnceLock::new();
    TYPE.get_or_init(|| {
        let t = TypeObj::new_builtin("Quitter", Some(&ctx().types.object), BaseKind::Other, None);
        t.dict.set_str("__module__", Value::str("_sitebuiltins"));
        t
    })
    .clone()
}

impl NativeObject for Quitter {
    fn type_obj(&self) -> Arc<TypeObj> {
        quitter_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some(Ok(format!("Use {}() or Ctrl-D (i.e. EOF) to exit", self.0)))
    }
    fn call(&self, _this: &Value, args: CallArgs) -> Option<PyResult<Value>> {
        Some((|| {
            if args.has_kwargs() || args.positional().len() > 1 {
                return Err(PyErr::type_error(format!(
                    "Quitter.__call__() takes from 1 to 2 positional arguments but {} were given",
                    args.args.len() + 1
                )));
            }
            let code = args.positional().first().cloned().unwrap_or(Value::None);
            Err(PyErr::with_args(&ctx().exc.system_exit, vec![code]))
        })())
    }
}

pub fn install() {
    let b = &ctx().builtins.dict;
    b.set_str("compile", Value::Builtin(Arc::new(BuiltinFunction::function("compile", compile))));
    b.set_str("exit", Value::native(Quitter("exit")));
    b.set_str("quit", Value::native(Quitter("quit")));
}
