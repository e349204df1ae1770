//! The import system: `sys.modules`, native modules, and source modules and
//! packages found along `sys.path` (relative imports resolved against
//! `__package__`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::module::ModuleObj;
use protopy_runtime::{ctx, ops, PyErr, PyResult, Value};

use crate::interp;
use crate::native_import;

pub fn install() {
    let c = ctx();
    let mut h = c.hooks();
    h.import = import_hook;
    c.set_hooks(h);
}

fn not_found(name: &str) -> PyErr {
    let e = PyErr::new(&ctx().exc.module_not_found_error, format!("No module named '{name}'"));
    if let Value::Instance(i) = e.exc() {
        i.dict.set_str("name", Value::str(name));
    }
    e
}

/// The package a relative import is relative to.
fn resolve_name(name: &str, globals: Option<&Arc<DictObj>>, level: u32) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    let g = globals.ok_or_else(|| PyErr::import_error("attempted relative import with no known parent package"))?;
    let package = match g.get_str("__package__") {
        Some(Value::Str(p)) => p.as_str().to_string(),
        _ => {
            let modname = match g.get_str("__name__") {
                Some(Value::Str(n)) => n.as_str().to_string(),
                _ => String::new(),
            };
            if g.get_str("__path__").is_some() {
                modname
            } else {
                modname.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default()
            }
        }
    };
    if package.is_empty() {
        return Err(PyErr::import_error("attempted relative import with no known parent package"));
    }
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rsplit_once('.') {
            Some((p, _)) => base = p,
            None => return Err(PyErr::import_error("attempted relative import beyond top-level package")),
        }
    }
    Ok(if name.is_empty() { base.to_string() } else { format!("{base}.{name}") })
}

pub fn import_hook(name: &str, globals: Option<&Arc<DictObj>>, fromlist: &[Value], level: u32) -> PyResult<Value> {
    if name.is_empty() && level == 0 {
        return Err(PyErr::value_error("Empty module name"));
    }
    let full = resolve_name(name, globals, level)?;
    let mut module = Value::None;
    let mut top = Value::None;
    let mut prefix = String::new();
    for (i, part) in full.split('.').enumerate() {
        if i > 0 {
            prefix.push('.');
        }
        prefix.push_str(part);
        let parent = if i == 0 { None } else { Some(module.clone()) };
        module = import_one(&prefix, parent.as_ref())?;
        if i == 0 {
            top = module.clone();
        }
    }
    if fromlist.is_empty() {
        return Ok(if level == 0 { top } else { module });
    }
    // `from pkg import sub`: import submodules named in the fromlist.
    if ops::hasattr(&module, "__path__")? {
        for item in fromlist {
            let Some(n) = item.as_str() else { continue };
            if n == "*" || ops::hasattr(&module, n)? {
                continue;
            }
            let sub = format!("{full}.{n}");
            match import_one(&sub, Some(&module)) {
                Ok(_) => {}
                Err(e) if e.is_instance(&ctx().exc.module_not_found_error) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(module)
}

/// Where to look for `fullname`: the parent package's `__path__`, or `sys.path`.
fn search_path(parent: Option<&Value>) -> PyResult<Vec<PathBuf>> {
    let list = match parent {
        Some(p) => match ops::getattr_opt(p, "__path__")? {
            Some(v) => v,
            None => return Ok(Vec::new()),
        },
        None => match ctx().modules.get_str("sys") {
            Some(sys) => ops::getattr_str(&sys, "path")?,
            None => return Ok(vec![PathBuf::from(".")]),
        },
    };
    Ok(ops::collect(&list)?
        .iter()
        .filter_map(|v| v.as_str().map(|s| PathBuf::from(if s.is_empty() { "." } else { s })))
        .collect())
}

fn import_one(fullname: &str, parent: Option<&Value>) -> PyResult<Value> {
    let c = ctx();
    if let Some(m) = c.modules.get_str(fullname) {
        return Ok(m);
    }
    if let Some(make) = protopy_stdlib::find(fullname) {
        let m = make()?;
        native_import::note_import(fullname, native_import::ImportKind::Builtin);
        c.modules.set_str(fullname, m.clone());
        if let Some(short) = fullname.rsplit_once('.').map(|(_, s)| s) {
            bind_to_parent(parent, short, &m)?;
        }
        return Ok(m);
    }
    let short = fullname.rsplit('.').next().unwrap_or(fullname);
    for dir in search_path(parent)? {
        let pkg_init = dir.join(short).join("__init__.py");
        if pkg_init.is_file() {
            let m = load_source(fullname, &pkg_init, Some(&dir.join(short)))?;
            bind_to_parent(parent, short, &m)?;
            return Ok(m);
        }
        if let native_import::Lookup::Loaded(m) = native_import::lookup(fullname, &dir, short)? {
            bind_to_parent(parent, short, &m)?;
            return Ok(m);
        }
        let file = dir.join(format!("{short}.py"));
        if file.is_file() {
            native_import::check_source_allowed(fullname, &file)?;
            let m = load_source(fullname, &file, None)?;
            bind_to_parent(parent, short, &m)?;
            return Ok(m);
        }
    }
    Err(not_found(fullname))
}

fn bind_to_parent(parent: Option<&Value>, short: &str, m: &Value) -> PyResult<()> {
    if let Some(p) = parent {
        ops::setattr(p, &protopy_runtime::intern(short), m.clone())?;
    }
    Ok(())
}

/// A fresh module object with the standard attributes.
pub fn new_module(name: &str, file: Option<&Path>, package_dir: Option<&Path>) -> Arc<ModuleObj> {
    let m = Arc::new(ModuleObj::new(name));
    if let Some(f) = file {
        m.set("__file__", Value::string(f.display().to_string()));
    }
    m.set("__builtins__", Value::Module(ctx().builtins.clone()));
    m.set("__spec__", Value::None);
    m.set("__loader__", Value::None);
    match package_dir {
        Some(dir) => {
            m.set("__path__", Value::list(vec![Value::string(dir.display().to_string())]));
            m.set("__package__", Value::str(name));
        }
        None => {
            let pkg = name.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
            m.set("__package__", Value::str(pkg));
        }
    }
    m
}

fn load_source(fullname: &str, path: &Path, package_dir: Option<&Path>) -> PyResult<Value> {
    let source = std::fs::read_to_string(path).map_err(|e| protopy_runtime::io::os_error(&e))?;
    let filename = path.display().to_string();
    let code = protopy_frontend::compile(&source, &filename, protopy_frontend::Mode::Module)
        .map_err(|e| interp::hooks::syntax_error(&e))?;
    crate::traceback::remember_source(&filename, source);
    let m = new_module(fullname, Some(path), package_dir);
    let mv = Value::Module(m.clone());
    ctx().modules.set_str(fullname, mv.clone());
    if let Err(e) = interp::run_module_code(&code, m.dict.clone()) {
        ctx().modules.del_str(fullname);
        return Err(e);
    }
    native_import::note_import(fullname, native_import::ImportKind::Interpreted);
    // The module may have replaced itself in sys.modules.
    Ok(ctx().modules.get_str(fullname).unwrap_or(mv))
}
