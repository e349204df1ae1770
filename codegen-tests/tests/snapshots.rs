//! Snapshots of the Rust protopyc generates for small modules, one per
//! construct family: a change in code generation shows up as a reviewed
//! diff (`cargo insta review`).

use std::path::Path;

fn generate(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("modules").join(format!("{name}.py"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = format!("{name}.py");
    match protopyc::generate(&source, &file, &file, name) {
        Ok(rust) => rust,
        Err(d) => panic!("{d}"),
    }
}

macro_rules! snapshot_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), generate(stringify!($name)));
            }
        )*
    };
}

snapshot_tests!(
    functions,
    closures,
    exceptions,
    loops,
    comprehensions,
    classes,
    generators,
    with_stmt,
    match_stmt,
    imports,
    fstrings,
    unpacking,
    globals_and_del,
    async_def,
    rust_names,
);

/// What cannot be compiled is reported with file, line, column and a caret
/// before cargo ever runs.
#[test]
fn unsupported_construct_is_a_diagnostic() {
    let source = "x = 1\ntype Alias[T, T] = list[T]\n";
    let err = match protopyc::generate(source, "bad.py", "bad.py", "bad") {
        Ok(_) => panic!("compiled an unsupported construct"),
        Err(d) => d.to_string(),
    };
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].starts_with("bad.py:2:"), "{err}");
    assert!(lines[0].contains(": error: "), "{err}");
    assert_eq!(lines[1].trim(), "type Alias[T, T] = list[T]", "{err}");
    assert!(lines[2].trim() == "^", "{err}");
}
