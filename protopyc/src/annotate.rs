//! `protopyc --annotate hot.py`: an HTML page of the module in which each
//! line is shaded by how much generic (dynamically dispatched) work the
//! code generated for it still does, and opens to show that code. Lines
//! that compile to inline fast paths stay pale; attribute lookups, generic
//! calls and protocol dispatch make a line darker, so users see where type
//! annotations or a different construct would pay.
//!
//! The score of a line is a weighted count of the runtime entry points in
//! the Rust generated for it (the code between its `// file.py:N` comment
//! and the next statement's).

use std::collections::BTreeMap;
use std::fmt::Write;

/// Weights of what generated code calls: the cost of going through the
/// runtime's generic protocol rather than code specialised in place.
const WEIGHTS: &[(&str, u32)] = &[
    // A call through the generic protocol: argument binding, a frame.
    ("ops::call(", 4),
    ("ops::call_method_args(", 4),
    // Attribute protocol: type lookup, descriptors, instance dict.
    ("ops::getattr(", 3),
    ("ops::setattr(", 3),
    ("ops::delattr(", 3),
    // Attribute sites with inline caches: still a dict lookup and checks.
    ("get_attr(", 2),
    ("set_attr(", 2),
    ("call_method(", 3),
    ("call_append(", 1),
    // Any other protocol operation (iteration, containment, items ...).
    ("ops::", 2),
    ("rt::", 2),
    // Namespace dict operations.
    ("frame.load_name(", 2),
    ("frame.store_name(", 2),
    ("frame.store_global(", 2),
    ("frame.load_class_deref(", 2),
    ("frame.make_function(", 2),
    ("frame.make_class(", 3),
    ("frame.import(", 3),
    // Inline fast paths that still carry a generic fallback, cached global
    // loads and direct calls: cheap. Unboxed code (`typed::`) scores
    // nothing.
    ("fast::", 1),
    // A typed int's digits written in place (an f-string field).
    ("rt::push_int(", 0),
    ("frame.global(", 1),
    ("frame.call_target(", 1),
    ("ForIter::new(", 1),
];

/// The score of one line of generated Rust.
fn score(line: &str) -> u32 {
    let mut total = 0;
    let mut rest = line;
    while !rest.is_empty() {
        let hit = WEIGHTS.iter().filter_map(|(pat, w)| rest.find(pat).map(|at| (at, pat.len(), *w))).min_by_key(|&(at, len, _)| (at, usize::MAX - len));
        match hit {
            Some((at, len, w)) => {
                total += w;
                rest = &rest[at + len..];
            }
            None => break,
        }
    }
    total
}

/// Generated code by source line, from the `// FILE:N` comments.
fn code_by_line(rust: &str, file: &str) -> BTreeMap<u32, Vec<String>> {
    let marker = format!("// {file}:");
    let mut out: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut current: Option<u32> = None;
    for line in rust.lines() {
        let trimmed = line.trim_start();
        if let Some(n) = trimmed.strip_prefix(&marker).and_then(|n| n.parse::<u32>().ok()) {
            current = Some(n);
            continue;
        }
        if trimmed.starts_with("frame.line = ") || trimmed.is_empty() {
            continue;
        }
        // A new item (a function's signature) ends the statement before it.
        if !line.starts_with(' ') {
            current = None;
            continue;
        }
        if let Some(n) = current {
            out.entry(n).or_default().push(line.to_string());
        }
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Scores per source line (1-based), for tests and the summary.
pub fn line_scores(rust: &str, file: &str) -> BTreeMap<u32, u32> {
    code_by_line(rust, file).into_iter().map(|(n, lines)| (n, lines.iter().map(|l| score(l)).sum())).collect()
}

/// The HTML page for `source`, given the Rust generated from it.
pub fn html(source: &str, rust: &str, file: &str) -> String {
    let code = code_by_line(rust, file);
    let scores: BTreeMap<u32, u32> = code.iter().map(|(n, lines)| (*n, lines.iter().map(|l| score(l)).sum())).collect();
    let total: u32 = scores.values().sum();
    let generic_lines = scores.values().filter(|&&s| s > 0).count();
    let mut page = String::new();
    let title = escape(file);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>protopyc: {title}</title>\n<style>\n\
         body {{ font-family: sans-serif; margin: 1.5em; }}\n\
         .src {{ font-family: monospace; white-space: pre; }}\n\
         .line {{ display: block; padding: 0 0.4em; }}\n\
         summary {{ cursor: pointer; list-style: none; }}\n\
         summary::-webkit-details-marker {{ display: none; }}\n\
         .num {{ color: #888; display: inline-block; width: 4em; text-align: right; margin-right: 1em; }}\n\
         .score {{ color: #886; float: right; }}\n\
         pre.rust {{ background: #f6f6f0; border-left: 3px solid #cc9; margin: 0 0 0.4em 5em; padding: 0.3em 0.6em; font-size: 90%; }}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n\
         <p>Each line is shaded by the generic work (dynamic dispatch through the runtime) its compiled code still does: \
         white is specialised code, darker yellow is more generic calls, attribute lookups and protocol operations. \
         Click a line to see the Rust generated for it.</p>\n\
         <p>Lines with generic work: {generic_lines}; total score: {total}.</p>\n<div class=\"src\">\n"
    );
    for (i, text) in source.lines().enumerate() {
        let n = (i + 1) as u32;
        let text = escape(text);
        match code.get(&n) {
            Some(lines) => {
                let s = scores.get(&n).copied().unwrap_or(0);
                let shade = (s as f64 / 12.0).min(1.0);
                let blue = (255.0 - 175.0 * shade).round() as u32;
                let green = (255.0 - 40.0 * shade).round() as u32;
                let rust = escape(&dedent(lines));
                let _ = write!(
                    page,
                    "<details><summary class=\"line\" style=\"background-color: rgb(255, {green}, {blue})\">\
                     <span class=\"num\">{n}</span>{text}<span class=\"score\">{s}</span></summary><pre class=\"rust\">{rust}</pre></details>"
                );
            }
            None => {
                let _ = write!(page, "<span class=\"line\"><span class=\"num\">{n}</span>{text}</span>");
            }
        }
    }
    page.push_str("</div>\n</body>\n</html>\n");
    page
}

fn dedent(lines: &[String]) -> String {
    let indent = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    lines.iter().map(|l| l.get(indent..).unwrap_or(l.trim_start())).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULE: &str = "\
def total(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * 2
    return s


def describe(obj):
    return obj.name.upper() + str(obj.size)


def loose(a, b):
    return a * b + 1
";

    #[test]
    fn generic_lines_score_higher_than_arithmetic() {
        let rust = crate::codegen::generate(MODULE, "m.py", "m.py", "m").expect("generates");
        let scores = line_scores(&rust, "m.py");
        // Typed: unboxed ints, no generic work at all.
        let typed = scores.get(&4).copied().unwrap_or(0);
        let arithmetic = scores[&13];
        let generic = scores[&9];
        assert_eq!(typed, 0, "{scores:?}");
        assert!(arithmetic > 0, "{scores:?}");
        assert!(generic >= 3 * arithmetic, "{scores:?}");
        let page = html(MODULE, &rust, "m.py");
        assert!(page.contains("<span class=\"num\">9</span>    return obj.name.upper() + str(obj.size)"));
        assert!(page.contains("get_attr(attrs"));
        // Blank lines carry no code.
        assert!(!scores.contains_key(&6));
    }

    #[test]
    fn html_is_escaped() {
        let src = "x = '<b>' if 1 < 2 else '&'\n";
        let rust = crate::codegen::generate(src, "e.py", "e.py", "e").expect("generates");
        let page = html(src, &rust, "e.py");
        assert!(page.contains("x = '&lt;b&gt;' if 1 &lt; 2 else '&amp;'"));
        assert!(!page.contains("'<b>'"));
    }
}
