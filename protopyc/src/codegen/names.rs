//! Rust identifiers for Python names. Python names are kept where Rust
//! allows them (keywords become raw identifiers); names that would collide
//! with what generated code itself declares get a trailing underscore.

use std::collections::HashSet;

use proc_macro2::{Ident, Span};

/// Identifiers generated code declares itself, unnumbered (the frame, the
/// parameter vector, what `except` bodies see) and the prelude's functions
/// and variants.
const RESERVED: &[&str] = &[
    "frame", "params", "exc", "error", "result", "fin", "rest", "raised", "group", "load_local", "local_ref", "delete_local",
    "inplace_add_local", "bigint_const", "bytes_const", "imaginary_const", "new_dict", "new_set", "new_slice",
    "zero_arg_super", "current_exception", "Some", "None", "Ok", "Err", "MODULE", "GLOBALS", "ATTRS", "DIRECT", "get_attr", "set_attr", "call_method", "call_append", "method_target", "construct_target", "init_returned", "attrs", "Attrs",
];

/// Stems of numbered temporaries (`iter3`, `item12`).
const NUMBERED: &[&str] = &[
    "value", "values", "items", "dict", "text", "spec", "outcome", "pending", "subject", "seen", "left", "right",
    "iter", "item", "matched", "args", "kwnames", "kwvalues", "func", "operand", "entered", "recv", "obj", "cls",
];

fn is_reserved(name: &str) -> bool {
    if RESERVED.contains(&name) {
        return true;
    }
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    stem.len() < name.len() && NUMBERED.contains(&stem)
}

/// A valid Rust identifier for `name`, unique within `used`.
pub fn local_ident(name: &str, used: &mut HashSet<String>) -> Ident {
    let base = match name {
        // Lowering temporaries (`$3`) and comprehension arguments (`.0`).
        n if n.starts_with('$') => format!("tmp{}", &n[1..]),
        n if n.starts_with('.') => format!("arg{}", &n[1..]),
        // Keywords that cannot be raw identifiers.
        "self" | "Self" | "super" | "crate" => format!("{name}_"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn local(name: &str, used: &mut HashSet<String>) -> String {
        local_ident(name, used).to_string()
    }

    #[test]
    fn python_names_are_kept_where_rust_allows() {
        let mut used = HashSet::new();
        assert_eq!(local("total", &mut used), "total");
        assert_eq!(local("type", &mut used), "r#type");
        assert_eq!(local("self", &mut used), "self_");
        assert_eq!(local("$3", &mut used), "tmp3");
        assert_eq!(local(".0", &mut used), "arg0");
        assert_eq!(local("naïve", &mut used), "naïve");
    }

    #[test]
    fn names_generated_code_uses_are_renamed() {
        let mut used = HashSet::new();
        assert_eq!(local("frame", &mut used), "frame_");
        assert_eq!(local("frame_", &mut used), "frame__");
        assert_eq!(local("item3", &mut used), "item3_");
        assert_eq!(local("item", &mut used), "item");
        assert_eq!(local("value", &mut used), "value");
    }

    #[test]
    fn item_names_follow_qualified_names() {
        assert_eq!(item_base("Counter.increment", 3), "Counter__increment");
        assert_eq!(item_base("outer.<locals>.inner", 3), "outer__inner");
        assert_eq!(item_base("f.<locals>.<lambda>", 7), "f__lambda_7");
        assert_eq!(item_base("<module>", 1), "module_body");
    }
}
