//! `atexit`: functions to run when the interpreter exits (from
//! `crate::shutdown`, last registered first).

use std::sync::OnceLock;

use parking_lot::Mutex;

use protopy_runtime::objects::exception::format_exception_only;
use protopy_runtime::{io, ops, CallArgs, PyErr, PyResult, Value};

struct Entry {
    func: Value,
    args: Vec<Value>,
    kwnames: Vec<Value>,
}

fn registry() -> &'static Mutex<Vec<Entry>> {
    // One list per process: the native modules live in the host only.
    static R: OnceLock<Mutex<Vec<Entry>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(Vec::new()))
}

fn register(a: CallArgs) -> PyResult<Value> {
    let Some(func) = a.positional().first().cloned() else {
        return Err(PyErr::type_error("register() takes at least 1 argument (0 given)"));
    };
    if !ops::is_callable(&func) {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    let entry = Entry { func: func.clone(), args: a.args[1..].to_vec(), kwnames: a.kwnames.to_vec() };
    registry().lock().push(entry);
    Ok(func)
}

fn unregister(a: CallArgs) -> PyResult<Value> {
    let pos = crate::util::expect_args(&a, "unregister", 1, 1)?;
    let entries: Vec<Value> = registry().lock().iter().map(|e| e.func.clone()).collect();
    let mut keep = Vec::with_capacity(entries.len());
    for f in &entries {
        keep.push(!ops::eq(f, &pos[0])?);
    }
    let mut reg = registry().lock();
    let mut i = 0;
    reg.retain(|_| {
        let k = keep.get(i).copied().unwrap_or(true);
        i += 1;
        k
    });
    Ok(Value::None)
}

/// Run and forget the registered functions, newest first. Errors are
/// reported on stderr and do not stop the others.
pub fn run_exitfuncs() {
    loop {
        let Some(e) = registry().lock().pop() else { break };
        if let Err(err) = ops::call(&e.func, CallArgs::new(&e.args, &e.kwnames)) {
            let what = ops::repr(&e.func).unwrap_or_default();
            let _ = io::write_stderr(&format!(
                "Exception ignored in atexit callback {what}:\n{}\n",
                format_exception_only(err.exc())
            ));
        }
    }
}

fn run_exitfuncs_py(a: CallArgs) -> PyResult<Value> {
    crate::util::expect_args(&a, "_run_exitfuncs", 0, 0)?;
    run_exitfuncs();
    Ok(Value::None)
}

fn clear(a: CallArgs) -> PyResult<Value> {
    crate::util::expect_args(&a, "_clear", 0, 0)?;
    let old = std::mem::take(&mut *registry().lock());
    drop(old);
    Ok(Value::None)
}

fn ncallbacks(a: CallArgs) -> PyResult<Value> {
    crate::util::expect_args(&a, "_ncallbacks", 0, 0)?;
    Ok(Value::from_usize(registry().lock().len()))
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "atexit",
        &[
            ("register", register),
            ("unregister", unregister),
            ("_run_exitfuncs", run_exitfuncs_py),
            ("_clear", clear),
            ("_ncallbacks", ncallbacks),
        ],
    );
    Ok(Value::Module(m))
}
