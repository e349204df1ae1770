//! The `builtins` module: builtin functions, the builtin types' names, the
//! exception classes, and the set-up that fills every builtin type's
//! methods when the context is made.

pub mod constructors;
mod functions;
mod introspect;
mod numeric;
mod sequences;

use std::sync::Arc;

use crate::context::Context;
use crate::objects::function::{BuiltinFn, BuiltinFunction};
use crate::value::Value;

pub use functions::format_value;
pub use introspect::{isinstance, issubclass, make_class, type_new};

fn register(c: &Context, name: &'static str, f: BuiltinFn) {
    c.builtins.set(name, Value::Builtin(Arc::new(BuiltinFunction::function(name, f))));
}

/// Fill the builtins module and the builtin types' dicts.
pub fn populate(c: &'static Context) {
    let t = &c.types;
    c.builtins.set("__name__", Value::str("builtins"));
    c.builtins.set("__doc__", Value::None);
    for (name, ty) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool),
        ("float", &t.float),
        ("complex", &t.complex),
        ("str", &t.str),
        ("bytes", &t.bytes),
        ("bytearray", &t.bytearray),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
        ("super", &t.super_),
    ] {
        c.builtins.set(name, Value::Type(ty.clone()));
    }
    for (name, ty) in &c.exc.all {
        c.builtins.set(name, Value::Type(ty.clone()));
    }
    c.builtins.set("EnvironmentError", Value::Type(c.exc.os_error.clone()));
    c.builtins.set("IOError", Value::Type(c.exc.os_error.clone()));
    c.builtins.set("None", Value::None);
    c.builtins.set("Ellipsis", Value::Ellipsis);
    c.builtins.set("NotImplemented", Value::NotImplemented);
    c.builtins.set("True", Value::Bool(true));
    c.builtins.set("False", Value::Bool(false));
    c.builtins.set("__debug__", Value::Bool(true));
    for (name, f) in functions::FUNCTIONS
        .iter()
        .chain(numeric::FUNCTIONS)
        .chain(introspect::FUNCTIONS)
        .chain(sequences::FUNCTIONS)
    {
        register(c, name, *f);
    }
    // `enumerate`, `zip`, `map`, `filter`, `reversed` are classes in
    // CPython; they are callables here whose results have those types.
    crate::objects::init_types();
    c.bump_type_version();
}
