//! Rust identifiers for Python names. Python names are kept where Rust
//! allows them (keywords become raw identifiers); names that would collide
//! with what generated code itself declares get a trailing underscore.

use std::collections::HashSet;

use proc_macro2::{Ident, Span};

/// Identifiers generated code declares itself (the frame, argument
/// vectors, temporaries) and the prelude's functions.
const RESERVED: &[&str] = &[
    "frame", "params", "args", "kwnames", "kwvalues", "value", "values", "items", "dict", "text", "spec", "outcome",
    "error", "exc", "result", "fin", "pending", "rest", "raised", "matched", "subject", "seen", "group", "left",
    "right", "iter", "item", "ops", "rt", "name", "load_local", "delete_local", "bigint_const", "bytes_const",
    "imaginary_const", "inplace_add_local", "new_dict", "new_set", "new_slice", "zero_arg_super", "current_exception", "protopy_runtime",
    "std", "core", "Value", "Flow", "Frame", "CodeInfo", "ModuleInfo", "CallArgs", "PyErr", "PyResult",
    "BinaryOp", "CompareOp", "UnaryOp", "Some", "None", "Ok", "Err", "Vec", "String", "Option", "MODULE",
];

/// Temporaries are named `<reserved><N>` (`iter3`, `item12`).
fn is_reserved(name: &str) -> bool {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    RESERVED.contains(&stem)
}

/// A valid Rust identifier for `name`, unique within `used`.
pub fn local_ident(name: &str, used: &mut HashSet<String>) -> Ident {
    let base = match name {
        // Lowering temporaries (`$3`) and comprehension arguments (`.0`).
        n if n.starts_with('$') => format!("tmp{}", &n[1..]),
        n if n.starts_with('.') => format!("arg{}", &n[1..]),
        n => n.to_string(),
    };
    let mut candidate = if is_reserved(&base) { format!("{base}_") } else { base };
    while used.contains(&candidate) || is_reserved(&candidate) {
        candidate.push('_');
    }
    used.insert(candidate.clone());
    ident(&candidate)
}

/// `text` as an identifier: raw when it is a keyword, sanitised when Rust
/// does not accept it at all.
pub fn ident(text: &str) -> Ident {
    if syn::parse_str::<Ident>(text).is_ok() {
        return Ident::new(text, Span::call_site());
    }
    if !matches!(text, "self" | "Self" | "super" | "crate" | "_" | "") {
        let raw = format!("r#{text}");
        if syn::parse_str::<Ident>(&raw).is_ok() {
            return Ident::new_raw(text, Span::call_site());
        }
    }
    let mut s = String::from("py_");
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            s.push(c);
        } else {
            s.push_str(&format!("u{:x}_", c as u32));
        }
    }
    Ident::new(&s, Span::call_site())
}

/// A snake-case item name for a code object's qualified name
/// (`Counter.increment` -> `Counter__increment`).
pub fn item_base(qualname: &str, line: u32) -> String {
    let mut parts = Vec::new();
    for p in qualname.split('.') {
        match p {
            "<locals>" => {}
            "<module>" => parts.push("module_body".to_string()),
            p if p.starts_with('<') => parts.push(format!("{}_{line}", p.trim_matches(|c| c == '<' || c == '>'))),
            p => parts.push(p.to_string()),
        }
    }
    let joined = parts.join("__");
    let clean: String = joined.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if clean.is_empty() {
        "code".into()
    } else {
        clean
    }
}
