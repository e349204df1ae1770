//! Template strings (PEP 750): `string.templatelib.Template` and
//! `Interpolation`, the `string.templatelib` module, and the private
//! builtins `$template` / `$interpolation` that t-strings are lowered to.
//!
//! An Interpolation is a native object. A Template is an instance of its
//! class carrying a native payload (its strings and interpolations):
//! binary operators reach a class's `__add__` only for instances, and
//! templates concatenate with `+`.

use std::any::Any;
use std::sync::Arc;

use crate::args::CallArgs;
use crate::context::ctx;
use crate::error::{PyErr, PyResult};
use crate::objects::descriptor::add_getset;
use crate::objects::function::{BuiltinFn, BuiltinFunction};
use crate::objects::instance::{Instance, Payload};
use crate::objects::module::ModuleObj;
use crate::objects::native::{downcast, NativeObject};
use crate::objects::typeobj::TypeObj;
use crate::objects::typing_objects::{method, registered, runtime_class, static_method};
use crate::ops;
use crate::value::Value;

const MODULE: &str = "string.templatelib";

pub struct InterpolationObj {
    value: Value,
    expression: Value,
    conversion: Value,
    format_spec: Value,
}

impl NativeObject for InterpolationObj {
    fn type_obj(&self) -> Arc<TypeObj> {
        registered("$Interpolation")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "value" => self.value.clone(),
            "expression" => self.expression.clone(),
            "conversion" => self.conversion.clone(),
            "format_spec" => self.format_spec.clone(),
            _ => return None,
        }))
    }
    fn setattr(&self, name: &str, _value: Option<Value>) -> Option<PyResult<()>> {
        let known = ["value", "expression", "conversion", "format_spec"].contains(&name);
        Some(Err(PyErr::attribute_error(if known {
            "readonly attribute".to_string()
        } else {
            format!("'{MODULE}.Interpolation' object has no attribute '{name}'")
        })))
    }
    fn repr(&self) -> Option<PyResult<String>> {
        let parts = [
            &self.value,
            &self.expression,
            &self.conversion,
            &self.format_spec,
        ]
        .into_iter()
        .map(ops::repr)
        .collect::<PyResult<Vec<_>>>();
        Some(parts.map(|p| format!("Interpolation({})", p.join(", "))))
    }
}

/// A Template's strings (one more than its interpolations) and
/// interpolations, both tuples.
pub struct TemplateData {
    strings: Value,
    interpolations: Value,
}

impl TemplateData {
    /// Strings and interpolations in order, empty strings left out.
    fn iterate(&self) -> PyResult<Value> {
        let strings = items(&self.strings);
        let interpolations = items(&self.interpolations);
        let mut out = Vec::with_capacity(strings.len() + interpolations.len());
        for (i, s) in strings.into_iter().enumerate() {
            if s.as_str().is_some_and(|s| !s.is_empty()) {
                out.push(s);
            }
            if let Some(interpolation) = interpolations.get(i) {
                out.push(interpolation.clone());
            }
        }
        ops::iter(&Value::tuple(out))
    }
}

impl NativeObject for TemplateData {
    fn type_obj(&self) -> Arc<TypeObj> {
        registered("$Template")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    /// Iterating a Template instance reaches its payload.
    fn iter(&self, _this: &Value) -> Option<PyResult<Value>> {
        Some(self.iterate())
    }
}

fn new_template(strings: Vec<Value>, interpolations: Vec<Value>) -> Value {
    let data = TemplateData {
        strings: Value::tuple(strings),
        interpolations: Value::tuple(interpolations),
    };
    let payload = Payload::Builtin(Value::native(data));
    Value::Instance(Arc::new(Instance::new(registered("$Template"), payload)))
}

fn template_data(v: &Value) -> Option<&TemplateData> {
    match v {
        Value::Instance(i) => match &i.payload {
            Payload::Builtin(inner) => downcast::<TemplateData>(inner),
            _ => None,
        },
        _ => None,
    }
}

fn this_template(v: &Value) -> PyResult<&TemplateData> {
    template_data(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a '{MODULE}.Template' object but received a '{}'",
            ops::type_name(v)
        ))
    })
}

fn items(tuple: &Value) -> Vec<Value> {
    match tuple {
        Value::Tuple(t) => t.items().to_vec(),
        _ => Vec::new(),
    }
}

/// `Template(*args)`: strings and interpolations in any order; adjacent
/// strings are joined and an empty string separates adjacent
/// interpolations, so there is always one more string.
fn template_new(a: CallArgs) -> PyResult<Value> {
    if a.has_kwargs() {
        return Err(PyErr::type_error(
            "Template.__new__ only accepts *args arguments",
        ));
    }
    build(a.positional().get(1..).unwrap_or_default())
}

fn build(parts: &[Value]) -> PyResult<Value> {
    let mut strings = Vec::new();
    let mut interpolations = Vec::new();
    let mut text = String::new();
    for part in parts {
        match part {
            Value::Str(s) => text.push_str(s.as_str()),
            p if downcast::<InterpolationObj>(p).is_some() => {
                strings.push(Value::string(std::mem::take(&mut text)));
                interpolations.push(p.clone());
            }
            other => {
                return Err(PyErr::type_error(format!(
                    "Template.__new__ *args need to be of type 'str' or 'Interpolation', got {}",
                    ops::type_name(other)
                )))
            }
        }
    }
    strings.push(Value::string(text));
    Ok(new_template(strings, interpolations))
}

fn strings_get(v: &Value) -> PyResult<Value> {
    Ok(this_template(v)?.strings.clone())
}

fn interpolations_get(v: &Value) -> PyResult<Value> {
    Ok(this_template(v)?.interpolations.clone())
}

fn values_get(v: &Value) -> PyResult<Value> {
    let values = items(&this_template(v)?.interpolations)
        .iter()
        .map(|i| ops::getattr_str(i, "value"))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::tuple(values))
}

fn template_iter(a: CallArgs) -> PyResult<Value> {
    let [this] = a.exact::<1>("__iter__")?;
    this_template(this)?.iterate()
}

fn template_add(a: CallArgs) -> PyResult<Value> {
    let [this, other] = a.exact::<2>("__add__")?;
    let left = this_template(this)?;
    let Some(right) = template_data(other) else {
        // A user class may still handle it in `__radd__`.
        if matches!(other, Value::Instance(_)) {
            return Ok(Value::NotImplemented);
        }
        return Err(PyErr::type_error(format!(
            "can only concatenate {MODULE}.Template (not \"{}\") to {MODULE}.Template",
            ops::type_name(other)
        )));
    };
    let mut strings = items(&left.strings);
    let mut rest = items(&right.strings).into_iter();
    if let (Some(Value::Str(last)), Some(Value::Str(first))) = (strings.pop(), rest.next()) {
        strings.push(Value::string(format!(
            "{}{}",
            last.as_str(),
            first.as_str()
        )));
    }
    strings.extend(rest);
    let mut interpolations = items(&left.interpolations);
    interpolations.extend(items(&right.interpolations));
    Ok(new_template(strings, interpolations))
}

fn template_radd(a: CallArgs) -> PyResult<Value> {
    let [_, other] = a.exact::<2>("__radd__")?;
    if matches!(other, Value::Str(_)) {
        return Err(PyErr::type_error(format!(
            "can only concatenate str (not \"{MODULE}.Template\") to str"
        )));
    }
    Ok(Value::NotImplemented)
}

fn template_repr(a: CallArgs) -> PyResult<Value> {
    let [this] = a.exact::<1>("__repr__")?;
    let data = this_template(this)?;
    Ok(Value::string(format!(
        "Template(strings={}, interpolations={})",
        ops::repr(&data.strings)?,
        ops::repr(&data.interpolations)?
    )))
}

/// `Interpolation(value, expression='', conversion=None, format_spec='')`.
fn interpolation_new(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs(
        "Interpolation",
        &["value", "expression", "conversion", "format_spec"],
    )?;
    if a.positional().len() > 5 {
        let given = a.positional().len() - 1;
        return Err(crate::args::arity_error_fn("Interpolation", 1, 4, given));
    }
    let Some(value) = a.get(1, "value") else {
        return Err(PyErr::type_error(
            "Interpolation() missing required argument 'value' (pos 1)",
        ));
    };
    let text = |i: usize, name: &str| -> PyResult<Value> {
        match a.get(i, name) {
            None => Ok(Value::str("")),
            Some(v @ Value::Str(_)) => Ok(v),
            Some(other) => Err(PyErr::type_error(format!(
                "Interpolation() argument '{name}' must be str, not {}",
                ops::type_name(&other)
            ))),
        }
    };
    let expression = text(2, "expression")?;
    let format_spec = text(4, "format_spec")?;
    let conversion = a.get(3, "conversion").unwrap_or(Value::None);
    check_conversion(&conversion)?;
    Ok(interpolation(value, expression, conversion, format_spec))
}

fn check_conversion(conversion: &Value) -> PyResult<()> {
    match conversion {
        Value::None => Ok(()),
        Value::Str(s) if matches!(s.as_str(), "s" | "r" | "a") => Ok(()),
        Value::Str(_) => Err(PyErr::value_error(
            "Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'",
        )),
        other => Err(PyErr::type_error(format!(
            "Interpolation() argument 'conversion' must be str, not {}",
            ops::type_name(other)
        ))),
    }
}

fn interpolation(value: Value, expression: Value, conversion: Value, format_spec: Value) -> Value {
    Value::native(InterpolationObj {
        value,
        expression,
        conversion,
        format_spec,
    })
}

/// `$template(*parts)`, what a t-string evaluates.
fn make_template(a: CallArgs) -> PyResult<Value> {
    build(a.positional())
}

/// `$interpolation(value, expression, conversion, format_spec)`, one per
/// replacement field of a t-string (the front end checked the parts).
fn make_interpolation(a: CallArgs) -> PyResult<Value> {
    let [value, expression, conversion, format_spec] = a.exact::<4>("$interpolation")?;
    Ok(interpolation(
        value.clone(),
        expression.clone(),
        conversion.clone(),
        format_spec.clone(),
    ))
}

/// `convert(obj, /, conversion)`: the `!s`, `!r`, `!a` of f-strings.
fn convert(a: CallArgs) -> PyResult<Value> {
    a.only_kwargs("convert", &["conversion"])?;
    let pos = a.positional();
    let (Some(obj), Some(conversion)) = (pos.first(), a.get(1, "conversion")) else {
        return Err(PyErr::type_error("convert() missing required argument"));
    };
    let c = match conversion.as_str() {
        None if conversion.is_none() => return Ok(obj.clone()),
        Some("s") => 's',
        Some("r") => 'r',
        Some("a") => 'a',
        _ => {
            let shown = ops::str_of(&conversion)?;
            return Err(PyErr::value_error(format!(
                "invalid conversion specifier: {shown}"
            )));
        }
    };
    let mut out = String::new();
    crate::exec_support::format_fvalue(&mut out, obj.clone(), Some(c), "")?;
    Ok(Value::string(out))
}

/// The `string.templatelib` module.
pub fn module() -> PyResult<Value> {
    let m = ModuleObj::new(MODULE);
    m.set("Template", Value::Type(registered("$Template")));
    m.set("Interpolation", Value::Type(registered("$Interpolation")));
    let convert = BuiltinFunction::function("convert", convert);
    m.set("convert", Value::Builtin(Arc::new(convert)));
    m.set(
        "__all__",
        Value::list(
            ["Template", "Interpolation", "convert"]
                .map(Value::str)
                .to_vec(),
        ),
    );
    Ok(Value::Module(Arc::new(m)))
}

/// Make the classes and register them and the private builtins.
pub fn init_type() {
    let c = ctx();
    let template = runtime_class(
        "Template",
        MODULE,
        vec![
            ("__new__", static_method("__new__", template_new)),
            ("__iter__", method("__iter__", template_iter)),
            ("__add__", method("__add__", template_add)),
            ("__radd__", method("__radd__", template_radd)),
            ("__repr__", method("__repr__", template_repr)),
            ("__slots__", Value::tuple(Vec::new())),
        ],
    );
    add_getset(&template, "strings", strings_get, None);
    add_getset(&template, "interpolations", interpolations_get, None);
    add_getset(&template, "values", values_get, None);
    let match_args = ["value", "expression", "conversion", "format_spec"].map(Value::str);
    let interpolation = runtime_class(
        "Interpolation",
        MODULE,
        vec![
            ("__new__", static_method("__new__", interpolation_new)),
            ("__match_args__", Value::tuple(match_args.to_vec())),
        ],
    );
    c.builtins.set("$Template", Value::Type(template));
    c.builtins.set("$Interpolation", Value::Type(interpolation));
    let private: [(&'static str, BuiltinFn); 2] = [
        ("$template", make_template),
        ("$interpolation", make_interpolation),
    ];
    for (name, f) in private {
        c.builtins.set(
            name,
            Value::Builtin(Arc::new(BuiltinFunction::function(name, f))),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::args::CallArgs;
    use crate::objects::text_args::testing::{ready, show};
    use crate::ops::{self, BinaryOp};
    use crate::value::Value;

    fn call(name: &str, args: &[Value]) -> crate::error::PyResult<Value> {
        let f = ready().builtins.get(name).unwrap_or(Value::None);
        ops::call(&f, CallArgs::positional_only(args))
    }

    fn interpolation(value: i64, expression: &str) -> Value {
        let args = [
            Value::Int(value),
            Value::str(expression),
            Value::None,
            Value::str(""),
        ];
        call("$interpolation", &args).unwrap_or(Value::None)
    }

    #[test]
    fn templates_join_strings_and_separate_interpolations() {
        let t = call(
            "$template",
            &[
                interpolation(1, "a"),
                interpolation(2, "b"),
                Value::str("x"),
                Value::str("y"),
            ],
        );
        assert_eq!(
            show(t),
            "Template(strings=('', '', 'xy'), interpolations=(Interpolation(1, 'a', None, ''), Interpolation(2, 'b', None, '')))"
        );
        let t = call("$template", &[Value::str("a"), interpolation(1, "x")]).unwrap_or(Value::None);
        assert_eq!(
            show(ops::collect(&t).map(Value::list)),
            "['a', Interpolation(1, 'x', None, '')]"
        );
        assert_eq!(show(ops::getattr_str(&t, "values")), "(1,)");
        assert_eq!(
            show(call("$Template", &[])),
            "Template(strings=('',), interpolations=())"
        );
        assert_eq!(
            show(call("$Template", &[Value::Int(1)])),
            "TypeError: Template.__new__ *args need to be of type 'str' or 'Interpolation', got int"
        );
    }

    #[test]
    fn templates_concatenate_with_templates_only() {
        let left = call(
            "$template",
            &[Value::str("a"), interpolation(1, "x"), Value::str("b")],
        );
        let right = call("$template", &[Value::str("c"), interpolation(2, "y")]);
        let (left, right) = (left.unwrap_or(Value::None), right.unwrap_or(Value::None));
        let sum = ops::binary_op(BinaryOp::Add, &left, &right);
        assert_eq!(
            show(sum.and_then(|s| ops::getattr_str(&s, "strings"))),
            "('a', 'bc', '')"
        );
        assert_eq!(
            show(ops::binary_op(BinaryOp::Add, &left, &Value::str("s"))),
            "TypeError: can only concatenate string.templatelib.Template (not \"str\") to string.templatelib.Template"
        );
        assert_eq!(
            show(ops::binary_op(BinaryOp::Add, &Value::str("s"), &left)),
            "TypeError: can only concatenate str (not \"string.templatelib.Template\") to str"
        );
    }

    #[test]
    fn interpolations_check_their_arguments() {
        let class = ready()
            .builtins
            .get("$Interpolation")
            .unwrap_or(Value::None);
        let bad = ops::call(
            &class,
            CallArgs::positional_only(&[Value::Int(1), Value::str("x"), Value::str("z")]),
        );
        assert_eq!(
            show(bad),
            "ValueError: Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'"
        );
        let made = ops::call(&class, CallArgs::positional_only(&[Value::Int(1)]));
        assert_eq!(show(made), "Interpolation(1, '', None, '')");
    }
}
