//! Projects: the `[tool.protopyc]` table of a `pyproject.toml` names the
//! modules to compile, and where and how to build them:
//!
//! ```toml
//! [tool.protopyc]
//! modules = ["pkg.hot", "pkg/fast.py"]   # dotted names or paths
//! packages = ["pkg"]                     # every module of these packages
//! out-dir = "build/native"               # default: beside each source
//! profile = "release"                    # or "debug"
//! ```
//!
//! A package's `__init__.py` and `__main__.py` stay interpreted: the
//! importer loads a package's `__init__` and `-m`'s `__main__` from source.

use std::path::{Path, PathBuf};

/// One module of a project, resolved to its file.
#[derive(Debug, Clone)]
pub struct ProjectModule {
    /// The dotted name it is imported by.
    pub name: String,
    pub source: PathBuf,
    /// Where its library goes.
    pub out_dir: PathBuf,
}

#[derive(Debug)]
pub struct Project {
    /// The folder of `pyproject.toml`.
    pub root: PathBuf,
    pub manifest: PathBuf,
    pub modules: Vec<ProjectModule>,
    /// `profile = "debug"`.
    pub debug: bool,
}

/// A problem with the project description: the user's to fix.
#[derive(Debug, thiserror::Error)]
#[error("{file}: error: {message}")]
pub struct ProjectError {
    pub file: String,
    /// Where in the file (1-based; 0 when the error is not at a place).
    pub line: u32,
    pub col: u32,
    pub message: String,
}

fn error(file: &Path, message: impl Into<String>) -> ProjectError {
    ProjectError { file: file.display().to_string(), line: 0, col: 0, message: message.into() }
}

/// A TOML syntax error, at its line and column.
fn syntax_error(file: &Path, text: &str, e: &toml::de::Error) -> ProjectError {
    let mut err = error(file, e.message().trim_end().to_string());
    if let Some(span) = e.span() {
        let before = &text[..span.start.min(text.len())];
        err.line = before.matches('\n').count() as u32 + 1;
        err.col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    }
    err
}

/// The `pyproject.toml` in `start` or the nearest folder above it.
pub fn find_manifest(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    start.ancestors().map(|d| d.join("pyproject.toml")).find(|p| p.is_file())
}

/// Read a project from its `pyproject.toml`.
pub fn load(manifest: &Path) -> Result<Project, ProjectError> {
    let text = std::fs::read_to_string(manifest).map_err(|e| error(manifest, format!("cannot read: {e}")))?;
    let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| syntax_error(manifest, &text, &e))?;
    let config = doc
        .get("tool")
        .and_then(|t| t.get("protopyc"))
        .and_then(|t| t.as_table())
        .ok_or_else(|| error(manifest, "no [tool.protopyc] table"))?;
    let root = manifest.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let root = if root.as_os_str().is_empty() { PathBuf::from(".") } else { root };
    for key in config.keys() {
        if !["modules", "packages", "out-dir", "profile"].contains(&key.as_str()) {
            return Err(error(manifest, format!("[tool.protopyc]: unknown key '{key}'")));
        }
    }
    let strings = |key: &str| -> Result<Vec<String>, ProjectError> {
        match config.get(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string).ok_or_else(|| error(manifest, format!("[tool.protopyc]: '{key}' must be a list of strings"))))
                .collect(),
            Some(_) => Err(error(manifest, format!("[tool.protopyc]: '{key}' must be a list of strings"))),
        }
    };
    let out_dir = match config.get("out-dir") {
        None => None,
        Some(toml::Value::String(s)) => Some(root.join(s)),
        Some(_) => return Err(error(manifest, "[tool.protopyc]: 'out-dir' must be a string")),
    };
    let debug = match config.get("profile").map(|v| v.as_str()) {
        None | Some(Some("release")) => false,
        Some(Some("debug")) => true,
        Some(_) => return Err(error(manifest, "[tool.protopyc]: 'profile' must be \"release\" or \"debug\"")),
    };
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for entry in strings("modules")? {
        found.push(resolve_module(&root, &entry).map_err(|m| error(manifest, m))?);
    }
    for package in strings("packages")? {
        let dir = package_dir(&root, &package).ok_or_else(|| error(manifest, format!("no package '{package}' (no {}/__init__.py)", package.replace('.', "/"))))?;
        package_modules(&dir, &package, &mut found);
    }
    let mut modules: Vec<ProjectModule> = Vec::new();
    for (name, source) in found {
        if modules.iter().any(|m| m.name == name) {
            continue;
        }
        let out = match &out_dir {
            // Packages keep their layout under the output folder.
            Some(d) => name.rsplit_once('.').map(|(pkg, _)| d.join(pkg.replace('.', "/"))).unwrap_or_else(|| d.clone()),
            None => source.parent().map(Path::to_path_buf).unwrap_or_else(|| root.clone()),
        };
        modules.push(ProjectModule { name, source, out_dir: out });
    }
    if modules.is_empty() {
        return Err(error(manifest, "[tool.protopyc] names no modules (set 'modules' or 'packages')"));
    }
    Ok(Project { root, manifest: manifest.to_path_buf(), modules, debug })
}

fn valid_identifier(s: &str) -> bool {
    !s.is_empty() && !s.starts_with(|c: char| c.is_ascii_digit()) && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// `pkg.hot` or `pkg/hot.py`, relative to the project root (or its `src/`).
fn resolve_module(root: &Path, entry: &str) -> Result<(String, PathBuf), String> {
    if entry.ends_with(".py") || entry.contains('/') {
        let path = root.join(entry);
        if !path.is_file() {
            return Err(format!("no module file '{entry}'"));
        }
        let name = module_name(&path).map_err(|e| format!("'{entry}': {e}"))?;
        return Ok((name, path));
    }
    if !entry.split('.').all(valid_identifier) {
        return Err(format!("not a module name: '{entry}'"));
    }
    let rel = format!("{}.py", entry.replace('.', "/"));
    for base in [root.to_path_buf(), root.join("src")] {
        let path = base.join(&rel);
        if path.is_file() {
            return Ok((entry.to_string(), path));
        }
    }
    Err(format!("no module '{entry}' (no {rel})"))
}

fn package_dir(root: &Path, package: &str) -> Option<PathBuf> {
    if !package.split('.').all(valid_identifier) {
        return None;
    }
    let rel = package.replace('.', "/");
    [root.join(&rel), root.join("src").join(&rel)].into_iter().find(|d| d.join("__init__.py").is_file())
}

/// Every module of the package in `dir`, subpackages included, in name
/// order.
fn package_modules(dir: &Path, package: &str, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        if path.is_dir() {
            if valid_identifier(stem) && path.join("__init__.py").is_file() {
                package_modules(&path, &format!("{package}.{stem}"), out);
            }
        } else if path.extension().is_some_and(|e| e == "py") && valid_identifier(stem) && stem != "__init__" && stem != "__main__" {
            out.push((format!("{package}.{stem}"), path));
        }
    }
}

/// The dotted name a file is imported by: its stem, prefixed by the
/// packages (folders with `__init__.py`) it sits in.
pub fn module_name(path: &Path) -> Result<String, String> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if !valid_identifier(stem) {
        return Err(format!("not a valid module name: '{stem}'"));
    }
    let mut parts = vec![stem.to_string()];
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut dir = abs.parent();
    while let Some(d) = dir {
        if !d.join("__init__.py").is_file() {
            break;
        }
        match d.file_name().and_then(|n| n.to_str()) {
            Some(n) if valid_identifier(n) => parts.push(n.to_string()),
            _ => break,
        }
        dir = d.parent();
    }
    parts.reverse();
    Ok(parts.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project folder with these files (path, text).
    fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("protopyc-project-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    fn names(p: &Project) -> Vec<&str> {
        p.modules.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn modules_packages_and_out_dir() {
        let dir = project(
            "ok",
            &[
                ("pyproject.toml", "[tool.protopyc]\nmodules = [\"tool.py\", \"app/core/fast.py\", \"app.hot\"]\npackages = [\"app\"]\nout-dir = \"native\"\nprofile = \"debug\"\n"),
                ("tool.py", ""),
                ("app/__init__.py", ""),
                ("app/__main__.py", ""),
                ("app/hot.py", ""),
                ("app/cold.py", ""),
                ("app/core/__init__.py", ""),
                ("app/core/fast.py", ""),
                ("app/data/notes.py", ""),
            ],
        );
        let p = load(&dir.join("pyproject.toml")).unwrap();
        // Listed modules first, then the packages' (no duplicates; no
        // __init__/__main__; folders without __init__.py are not packages).
        assert_eq!(names(&p), ["tool", "app.core.fast", "app.hot", "app.cold"]);
        assert!(p.debug);
        assert_eq!(p.modules[1].out_dir, dir.join("native").join("app/core"));
        assert_eq!(p.modules[0].out_dir, dir.join("native"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn errors_name_the_problem() {
        let cases = [
            ("[tool.protopyc]\nmodule = [\"a\"]\n", "unknown key 'module'"),
            ("[tool.protopyc]\nmodules = \"a\"\n", "'modules' must be a list of strings"),
            ("[tool.protopyc]\nmodules = [\"missing\"]\n", "no module 'missing' (no missing.py)"),
            ("[tool.protopyc]\npackages = [\"nopkg\"]\n", "no package 'nopkg'"),
            ("[tool.protopyc]\nmodules = [\"a\"]\nprofile = \"fast\"\n", "'profile' must be"),
            ("[tool.protopyc]\n", "names no modules"),
            ("[project]\nname = \"x\"\n", "no [tool.protopyc] table"),
            ("[tool.protopyc\n", "unclosed table"),
        ];
        for (i, (text, expected)) in cases.iter().enumerate() {
            let dir = project(&format!("bad{i}"), &[("pyproject.toml", text), ("a.py", "")]);
            let err = load(&dir.join("pyproject.toml")).unwrap_err();
            assert!(err.message.contains(expected), "{text:?}: {}", err.message);
            assert_eq!(err.line > 0, text.starts_with("[tool.protopyc\n"), "{text:?}: {err:?}");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }

    #[test]
    fn a_file_in_packages_is_named_after_them() {
        let dir = project("names", &[("a/__init__.py", ""), ("a/b/__init__.py", ""), ("a/b/c.py", ""), ("top.py", "")]);
        assert_eq!(module_name(&dir.join("a/b/c.py")).unwrap(), "a.b.c");
        assert_eq!(module_name(&dir.join("top.py")).unwrap(), "top");
        assert!(module_name(&dir.join("1bad.py")).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
