//! The `operator` module: Python's operators as functions, and the
//! `itemgetter`, `attrgetter` and `methodcaller` callables.

use std::any::Any;
use std::sync::Arc;

use protopy_runtime::objects::function::BuiltinFn;
use protopy_runtime::objects::native::{downcast, NativeObject};
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::ops::{self, BinaryOp, CompareOp, UnaryOp};
use protopy_runtime::{intern, CallArgs, PyErr, PyResult, Value};

use crate::util::expect_args;

fn two<'a>(a: &CallArgs<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    let pos = expect_args(a, name, 2, 2)?;
    Ok((&pos[0], &pos[1]))
}

fn one<'a>(a: &CallArgs<'a>, name: &str) -> PyResult<&'a Value> {
    let pos = expect_args(a, name, 1, 1)?;
    Ok(&pos[0])
}

macro_rules! binary_fns {
    ($($f:ident, $name:literal => $op:ident;)*) => {
        $(fn $f(a: CallArgs) -> PyResult<Value> {
            let (x, y) = two(&a, $name)?;
            ops::binary_op(BinaryOp::$op, x, y)
        })*
    };
}

binary_fns! {
    add, "add" => Add;
    sub, "sub" => Sub;
    mul, "mul" => Mul;
    matmul, "matmul" => MatMul;
    truediv, "truediv" => TrueDiv;
    floordiv, "floordiv" => FloorDiv;
    mod_, "mod" => Mod;
    pow, "pow" => Pow;
    lshift, "lshift" => LShift;
    rshift, "rshift" => RShift;
    or_, "or_" => Or;
    xor, "xor" => Xor;
    and_, "and_" => And;
}

macro_rules! inplace_fns {
    ($($f:ident, $name:literal => $op:ident;)*) => {
        $(fn $f(a: CallArgs) -> PyResult<Value> {
            let (x, y) = two(&a, $name)?;
            ops::inplace_op(BinaryOp::$op, x, y)
        })*
    };
}

inplace_fns! {
    iadd, "iadd" => Add;
    isub, "isub" => Sub;
    imul, "imul" => Mul;
    imatmul, "imatmul" => MatMul;
    itruediv, "itruediv" => TrueDiv;
    ifloordiv, "ifloordiv" => FloorDiv;
    imod, "imod" => Mod;
    ipow, "ipow" => Pow;
    ilshift, "ilshift" => LShift;
    irshift, "irshift" => RShift;
    ior, "ior" => Or;
    ixor, "ixor" => Xor;
    iand, "iand" => And;
}

macro_rules! compare_fns {
    ($($f:ident => $op:ident;)*) => {
        $(fn $f(a: CallArgs) -> PyResult<Value> {
            let (x, y) = two(&a, stringify!($f))?;
            ops::compare(x, y, CompareOp::$op)
        })*
    };
}

compare_fns! {
    lt => Lt;
    le => Le;
    eq => Eq;
    ne => Ne;
    gt => Gt;
    ge => Ge;
}

fn neg(a: CallArgs) -> PyResult<Value> {
    ops::unary_op(UnaryOp::Neg, one(&a, "neg")?)
}

fn pos(a: CallArgs) -> PyResult<Value> {
    ops::unary_op(UnaryOp::Pos, one(&a, "pos")?)
}

fn invert(a: CallArgs) -> PyResult<Value> {
    ops::unary_op(UnaryOp::Invert, one(&a, "invert")?)
}

fn abs(a: CallArgs) -> PyResult<Value> {
    ops::abs(one(&a, "abs")?)
}

fn not_(a: CallArgs) -> PyResult<Value> {
    Ok(Value::Bool(!ops::truthy(one(&a, "not_")?)?))
}

fn truth(a: CallArgs) -> PyResult<Value> {
    Ok(Value::Bool(ops::truthy(one(&a, "truth")?)?))
}

fn is_(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "is_")?;
    Ok(Value::Bool(x.is(y)))
}

fn is_not(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "is_not")?;
    Ok(Value::Bool(!x.is(y)))
}

fn is_none(a: CallArgs) -> PyResult<Value> {
    Ok(Value::Bool(one(&a, "is_none")?.is_none()))
}

fn is_not_none(a: CallArgs) -> PyResult<Value> {
    Ok(Value::Bool(!one(&a, "is_not_none")?.is_none()))
}

fn index(a: CallArgs) -> PyResult<Value> {
    ops::index_int(one(&a, "index")?)
}

fn concat(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "concat")?;
    if ops::lookup_special(x, "__getitem__").is_none() {
        return Err(PyErr::type_error(format!("'{}' object can't be concatenated", ops::type_name(x))));
    }
    ops::binary_op(BinaryOp::Add, x, y)
}

fn iconcat(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "iconcat")?;
    if ops::lookup_special(x, "__getitem__").is_none() {
        return Err(PyErr::type_error(format!("'{}' object can't be concatenated", ops::type_name(x))));
    }
    ops::inplace_op(BinaryOp::Add, x, y)
}

fn contains(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "contains")?;
    Ok(Value::Bool(ops::contains(x, y)?))
}

fn count_of(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "countOf")?;
    let it = ops::iter(x)?;
    let mut n = 0i64;
    while let Some(v) = ops::next(&it)? {
        if v.is(y) || ops::eq(&v, y)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn index_of(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "indexOf")?;
    let it = ops::iter(x)?;
    let mut i = 0i64;
    while let Some(v) = ops::next(&it)? {
        if v.is(y) || ops::eq(&v, y)? {
            return Ok(Value::Int(i));
        }
        i += 1;
    }
    Err(PyErr::value_error("sequence.index(x): x not in sequence"))
}

fn getitem(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "getitem")?;
    ops::getitem(x, y)
}

fn setitem(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "setitem", 3, 3)?;
    ops::setitem(&pos[0], &pos[1], pos[2].clone())?;
    Ok(Value::None)
}

fn delitem(a: CallArgs) -> PyResult<Value> {
    let (x, y) = two(&a, "delitem")?;
    ops::delitem(x, y)?;
    Ok(Value::None)
}

fn length_hint(a: CallArgs) -> PyResult<Value> {
    let pos = expect_args(&a, "length_hint", 1, 2)?;
    let default = match pos.get(1) {
        Some(d) => match d {
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => ops::index_value(d)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    ops::type_name(other)
                )))
            }
        },
        None => 0,
    };
    match ops::len(&pos[0]) {
        Ok(n) => return Ok(Value::from_usize(n)),
        Err(e) if !e.is_instance(&protopy_runtime::ctx().exc.type_error) => return Err(e),
        Err(_) => {}
    }
    if let Value::Iter(it) = &pos[0] {
        return Ok(Value::from_usize(it.length_hint()));
    }
    if let Some(f) = ops::lookup_special(&pos[0], "__length_hint__") {
        let r = ops::call1(&f, pos[0].clone())?;
        if matches!(r, Value::NotImplemented) {
            return Ok(Value::Int(default));
        }
        let n = ops::index_value(&r)?;
        if n < 0 {
            return Err(PyErr::value_error("__length_hint__() should return >= 0"));
        }
        return Ok(Value::Int(n));
    }
    Ok(Value::Int(default))
}

fn call(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let Some(f) = pos.first() else {
        return Err(PyErr::type_error("call() missing 1 required positional argument: 'obj'"));
    };
    ops::call(f, CallArgs::new(&a.args[1..], a.kwnames))
}

// ---- itemgetter, attrgetter, methodcaller ------------------------------------------

enum Getter {
    Items(Vec<Value>),
    /// Each attribute path split at dots.
    Attrs(Vec<Vec<Value>>),
    Method { name: Value, args: Vec<Value>, kwnames: Vec<Value> },
}

struct Callable {
    kind: Getter,
    ty: Arc<TypeObj>,
}

fn get_attr_path(obj: &Value, path: &[Value]) -> PyResult<Value> {
    let mut v = obj.clone();
    for name in path {
        v = ops::getattr(&v, name)?;
    }
    Ok(v)
}

impl Callable {
    fn apply(&self, obj: &Value) -> PyResult<Value> {
        match &self.kind {
            Getter::Items(keys) if keys.len() == 1 => ops::getitem(obj, &keys[0]),
            Getter::Items(keys) => {
                keys.iter().map(|k| ops::getitem(obj, k)).collect::<PyResult<Vec<_>>>().map(Value::tuple)
            }
            Getter::Attrs(paths) if paths.len() == 1 => get_attr_path(obj, &paths[0]),
            Getter::Attrs(paths) => {
                paths.iter().map(|p| get_attr_path(obj, p)).collect::<PyResult<Vec<_>>>().map(Value::tuple)
            }
            Getter::Method { name, args, kwnames } => {
                let f = ops::getattr(obj, name)?;
                ops::call(&f, CallArgs::new(args, kwnames))
            }
        }
    }
}

impl NativeObject for Callable {
    fn type_obj(&self) -> Arc<TypeObj> {
        self.ty.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn call(&self, _this: &Value, args: CallArgs) -> Option<PyResult<Value>> {
        let name = self.ty.name().to_string();
        Some(expect_args(&args, &name, 1, 1).and_then(|pos| self.apply(&pos[0])))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        Some((|| {
            let parts: Vec<String> = match &self.kind {
                Getter::Items(keys) => keys.iter().map(ops::repr).collect::<PyResult<_>>()?,
                Getter::Attrs(paths) => paths
                    .iter()
                    .map(|p| {
                        let joined: Vec<&str> = p.iter().map(|n| n.as_str().unwrap_or("")).collect();
                        ops::repr(&Value::string(joined.join(".")))
                    })
                    .collect::<PyResult<_>>()?,
                Getter::Method { name, args, kwnames } => {
                    let npos = args.len() - kwnames.len();
                    let mut parts = vec![ops::repr(name)?];
                    for v in &args[..npos] {
                        parts.push(ops::repr(v)?);
                    }
                    for (k, v) in kwnames.iter().zip(&args[npos..]) {
                        parts.push(format!("{}={}", k.as_str().unwrap_or(""), ops::repr(v)?));
                    }
                    parts
                }
            };
            Ok(format!("operator.{}({})", self.ty.name(), parts.join(", ")))
        })())
    }
}

fn call_method(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let Some(this) = pos.first() else { return Err(PyErr::type_error("__call__ needs an argument")) };
    match downcast::<Callable>(this) {
        Some(c) => match c.call(this, CallArgs::new(&a.args[1..], a.kwnames)) {
            Some(r) => r,
            None => Err(PyErr::type_error("not callable")),
        },
        None => Err(PyErr::type_error("descriptor '__call__' requires an operator object")),
    }
}

fn class(name: &'static str, ctor: BuiltinFn) -> Arc<TypeObj> {
    crate::native_iter::registered("operator", name, || crate::util::native_class(name, Some(ctor), &[("__call__", call_method)]))
}

fn make(name: &'static str, ctor: BuiltinFn, kind: Getter) -> Value {
    Value::native(Callable { kind, ty: class(name, ctor) })
}

fn itemgetter(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("itemgetter")?;
    let keys = a.positional().to_vec();
    if keys.is_empty() {
        return Err(PyErr::type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(make("itemgetter", itemgetter, Getter::Items(keys)))
}

fn attrgetter(a: CallArgs) -> PyResult<Value> {
    a.no_kwargs("attrgetter")?;
    if a.positional().is_empty() {
        return Err(PyErr::type_error("attrgetter expected 1 argument, got 0"));
    }
    let mut paths = Vec::new();
    for v in a.positional() {
        let Some(s) = v.as_str() else {
            return Err(PyErr::type_error("attribute name must be a string"));
        };
        paths.push(s.split('.').map(intern).collect());
    }
    Ok(make("attrgetter", attrgetter, Getter::Attrs(paths)))
}

fn methodcaller(a: CallArgs) -> PyResult<Value> {
    let pos = a.positional();
    let Some(name) = pos.first() else {
        return Err(PyErr::type_error("methodcaller needs at least one argument, the method name"));
    };
    if name.as_str().is_none() {
        return Err(PyErr::type_error("method name must be a string"));
    }
    let getter = Getter::Method { name: name.clone(), args: a.args[1..].to_vec(), kwnames: a.kwnames.to_vec() };
    Ok(make("methodcaller", methodcaller, getter))
}

pub fn module() -> PyResult<Value> {
    let functions: &[(&'static str, BuiltinFn)] = &[
        ("add", add), ("sub", sub), ("mul", mul), ("matmul", matmul), ("truediv", truediv),
        ("floordiv", floordiv), ("mod", mod_), ("pow", pow), ("lshift", lshift), ("rshift", rshift),
        ("or_", or_), ("xor", xor), ("and_", and_), ("iadd", iadd), ("isub", isub), ("imul", imul),
        ("imatmul", imatmul), ("itruediv", itruediv), ("ifloordiv", ifloordiv), ("imod", imod),
        ("ipow", ipow), ("ilshift", ilshift), ("irshift", irshift), ("ior", ior), ("ixor", ixor),
        ("iand", iand), ("lt", lt), ("le", le), ("eq", eq), ("ne", ne), ("gt", gt), ("ge", ge),
        ("neg", neg), ("pos", pos), ("invert", invert), ("inv", invert), ("abs", abs), ("not_", not_),
        ("truth", truth), ("is_", is_), ("is_not", is_not), ("is_none", is_none),
        ("is_not_none", is_not_none), ("index", index), ("concat", concat), ("iconcat", iconcat),
        ("contains", contains), ("countOf", count_of), ("indexOf", index_of), ("getitem", getitem),
        ("setitem", setitem), ("delitem", delitem), ("length_hint", length_hint), ("call", call),
    ];
    let m = crate::util::new_module("operator", functions);
    // The dunder aliases (`operator.__add__`), as CPython provides them.
    for (name, f) in functions {
        let base = name.trim_end_matches('_');
        if matches!(*name, "is_" | "is_not" | "is_none" | "is_not_none" | "countOf" | "indexOf" | "length_hint" | "truth") {
            continue;
        }
        let dunder: &'static str = Box::leak(format!("__{base}__").into_boxed_str());
        crate::util::add_functions(&m, &[(dunder, *f)]);
    }
    m.set("itemgetter", Value::Type(class("itemgetter", itemgetter)));
    m.set("attrgetter", Value::Type(class("attrgetter", attrgetter)));
    m.set("methodcaller", Value::Type(class("methodcaller", methodcaller)));
    Ok(Value::Module(m))
}
