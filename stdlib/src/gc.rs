//! `_gc`: the native half of `gc` (python/gc.py adds callbacks, debug
//! flags and `garbage`). The collector itself is the runtime's `gc`.

use protopy_runtime::gc;
use protopy_runtime::ops::index_value;
use protopy_runtime::{CallArgs, PyErr, PyResult, Value};

use crate::util::expect_args;

fn generation_arg(v: Option<&Value>) -> PyResult<usize> {
    let g = match v {
        None => 2,
        Some(v) => index_value(v)?,
    };
    if !(0..=2).contains(&g) {
        return Err(PyErr::value_error("invalid generation"));
    }
    Ok(g as usize)
}

fn collect(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "collect", 0, 1)?;
    let g = generation_arg(pos.first())?;
    Ok(Value::Int(gc::collect(g) as i64))
}

fn enable(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "enable", 0, 0)?;
    gc::enable();
    Ok(Value::None)
}

fn disable(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "disable", 0, 0)?;
    gc::disable();
    Ok(Value::None)
}

fn isenabled(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "isenabled", 0, 0)?;
    Ok(Value::Bool(gc::is_enabled()))
}

fn triple(t: (usize, usize, usize)) -> Value {
    Value::tuple(vec![Value::Int(t.0 as i64), Value::Int(t.1 as i64), Value::Int(t.2 as i64)])
}

fn get_count(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "get_count", 0, 0)?;
    Ok(triple(gc::count()))
}

fn get_threshold(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "get_threshold", 0, 0)?;
    Ok(triple(gc::thresholds()))
}

fn set_threshold(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "set_threshold", 1, 3)?;
    let mut t = [0usize; 3];
    for (i, v) in pos.iter().enumerate() {
        // CPython stores what it is given; a negative value disables, as 0.
        t[i] = index_value(v)?.max(0) as usize;
    }
    gc::set_thresholds(t[0], (pos.len() > 1).then_some(t[1]), (pos.len() > 2).then_some(t[2]));
    Ok(Value::None)
}

fn get_objects(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("get_objects", &["generation"])?;
    let pos = a.positional();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!("get_objects() takes at most 1 argument ({} given)", pos.len())));
    }
    if let Some(g) = a.get(0, "generation").filter(|v| !v.is_none()) {
        let g = index_value(&g)?;
        if g >= 3 {
            return Err(PyErr::value_error("generation parameter must be less than the number of available generations (3)"));
        }
        if g < 0 {
            return Err(PyErr::value_error("generation parameter cannot be negative"));
        }
    }
    Ok(Value::list(gc::objects(false)))
}

fn get_referents(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("get_referents")?;
    let mut out = Vec::new();
    for v in a.positional() {
        out.extend(gc::referents(v));
    }
    Ok(Value::list(out))
}

/// `get_referrers(*objs)`: the tracked objects that refer to any of them.
fn get_referrers(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("get_referrers")?;
    let targets = a.positional();
    let mut out = Vec::new();
    for o in gc::objects(true) {
        if gc::referents(&o).iter().any(|r| targets.iter().any(|t| t.is(r))) {
            out.push(o);
        }
    }
    Ok(Value::list(out))
}

fn is_tracked(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "is_tracked", 1, 1)?;
    Ok(Value::Bool(gc::is_tracked(&pos[0])))
}

fn is_finalized(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "is_finalized", 1, 1)?;
    Ok(Value::Bool(matches!(&pos[0], Value::Instance(i) if i.is_finalized())))
}

fn freeze(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "freeze", 0, 0)?;
    gc::freeze();
    Ok(Value::None)
}

fn unfreeze(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "unfreeze", 0, 0)?;
    gc::unfreeze();
    Ok(Value::None)
}

fn get_freeze_count(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "get_freeze_count", 0, 0)?;
    Ok(Value::Int(gc::freeze_count() as i64))
}

/// `[(collections, collected), ...]` per generation (for `get_stats`).
fn stats(a: CallArgs) -> PyResult<Value> {
    expect_args(&a, "_stats", 0, 0)?;
    let s = gc::stats();
    Ok(Value::list(s.iter().map(|&(c, n)| Value::tuple(vec![Value::Int(c as i64), Value::Int(n as i64)])).collect()))
}

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "_gc",
        &[
            ("collect", collect),
            ("enable", enable),
            ("disable", disable),
            ("isenabled", isenabled),
            ("get_count", get_count),
            ("get_threshold", get_threshold),
            ("set_threshold", set_threshold),
            ("get_objects", get_objects),
            ("get_referents", get_referents),
            ("get_referrers", get_referrers),
            ("is_tracked", is_tracked),
            ("is_finalized", is_finalized),
            ("freeze", freeze),
            ("unfreeze", unfreeze),
            ("get_freeze_count", get_freeze_count),
            ("_stats", stats),
        ],
    );
    Ok(Value::Module(m))
}
