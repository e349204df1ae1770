//! `class` statements: evaluating bases and keywords; the rest (metaclass,
//! namespace, `__class__` cell) is the runtime's `build_class`.

use std::sync::Arc;

use protopy_frontend::ir::{Kwarg, MakeClass};
use protopy_runtime::exec_support::class::class_keywords_from;
use protopy_runtime::exec_support::build_class;
use protopy_runtime::objects::function::CellObj;
use protopy_runtime::{PyResult, Value};

use super::frame::Frame;
use super::function::run_with_namespace;

pub fn make_class(frame: &mut Frame<'_>, mc: &MakeClass) -> PyResult<Value> {
    let bases = frame.eval_elts(&mc.bases)?;
    let mut keywords: Vec<(Value, Value)> = Vec::new();
    for kw in &mc.keywords {
        match kw {
            Kwarg::Named(id, e) => {
                let v = frame.eval(e)?;
                keywords.push((frame.name(*id).clone(), v));
            }
            Kwarg::Unpack(e) => {
                let m = frame.eval(e)?;
                class_keywords_from(&m, &mut keywords);
            }
        }
    }
    let name = frame.name(mc.name).clone();
    let closure: Vec<Arc<CellObj>> = mc.closure.iter().filter_map(|&i| frame.cells.get(i as usize).cloned()).collect();
    let globals = frame.globals.clone();
    build_class(name, bases, keywords, mc.class_cell.map(|i| i as usize), &mut |ns| {
        run_with_namespace(&mc.code, globals.clone(), ns, &closure).map(|(_, cells)| cells)
    })
}
