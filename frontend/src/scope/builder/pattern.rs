//! The scope walk over `match` statements: captures are bindings; and the
//! checks CPython's compiler makes on patterns.

use std::collections::BTreeSet;

use ruff_python_ast::{self as ast, Pattern};
use ruff_text_size::{Ranged, TextRange};

use super::Builder;
use crate::scope::checks::Phase;
use crate::scope::flags;

/// Names a pattern captures so far, with where.
type Captures = Vec<(String, TextRange)>;

impl<'a> Builder<'a> {
    pub(super) fn visit_match(&mut self, m: &'a ast::StmtMatch) {
        self.visit_expr(&m.subject);
        let last = m.cases.len().saturating_sub(1);
        for (i, case) in m.cases.iter().enumerate() {
            let mut captures = Captures::new();
            self.visit_pattern(&case.pattern, &mut captures);
            if i < last && case.guard.is_none() {
                if let Some((msg, range)) = irrefutable(&case.pattern) {
                    self.error(Phase::Compile, range, msg);
                }
            }
            if let Some(guard) = &case.guard {
                self.visit_expr(guard);
            }
            self.visit_body(&case.body);
        }
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern, captures: &mut Captures) {
        if !self.enter(pattern.range()) {
            return;
        }
        match pattern {
            Pattern::MatchValue(v) => self.visit_expr(&v.value),
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => {
                let stars = s.patterns.iter().filter(|p| p.is_match_star()).count();
                if stars > 1 {
                    self.error(
                        Phase::Compile,
                        s.range,
                        "multiple starred names in sequence pattern",
                    );
                }
                s.patterns
                    .iter()
                    .for_each(|p| self.visit_pattern(p, captures));
            }
            Pattern::MatchMapping(m) => {
                m.keys.iter().for_each(|k| self.visit_expr(k));
                m.patterns
                    .iter()
                    .for_each(|p| self.visit_pattern(p, captures));
                if let Some(rest) = &m.rest {
                    self.capture(rest, captures);
                }
            }
            Pattern::MatchClass(c) => {
                self.visit_expr(&c.cls);
                c.arguments
                    .patterns
                    .iter()
                    .for_each(|p| self.visit_pattern(p, captures));
                let mut seen = BTreeSet::new();
                for keyword in &c.arguments.keywords {
                    if !seen.insert(keyword.attr.as_str()) {
                        let msg =
                            format!("attribute name repeated in class pattern: {}", keyword.attr);
                        self.error(Phase::Compile, keyword.pattern.range(), msg);
                    }
                    self.visit_pattern(&keyword.pattern, captures);
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(name) = &s.name {
                    self.capture(name, captures);
                }
            }
            Pattern::MatchAs(a) => {
                if let Some(inner) = &a.pattern {
                    self.visit_pattern(inner, captures);
                }
                if let Some(name) = &a.name {
                    self.capture(name, captures);
                }
            }
            Pattern::MatchOr(o) => self.visit_alternatives(o, captures),
        }
        self.leave();
    }

    /// Every alternative must capture the same names; one that always
    /// matches must be the last.
    fn visit_alternatives(&mut self, or: &'a ast::PatternMatchOr, captures: &mut Captures) {
        let before = captures.len();
        let mut first: Option<(BTreeSet<String>, Captures)> = None;
        let last = or.patterns.len().saturating_sub(1);
        for (i, alternative) in or.patterns.iter().enumerate() {
            let mut own = captures.clone();
            self.visit_pattern(alternative, &mut own);
            if i < last {
                if let Some((msg, range)) = irrefutable(alternative) {
                    self.error(Phase::Compile, range, msg);
                }
            }
            let new: Captures = own.get(before..).unwrap_or_default().to_vec();
            let names: BTreeSet<String> = new.iter().map(|(n, _)| n.clone()).collect();
            match &first {
                None => first = Some((names, new)),
                Some((expected, _)) if *expected != names => {
                    self.error(
                        Phase::Compile,
                        or.range,
                        "alternative patterns bind different names",
                    );
                }
                Some(_) => {}
            }
        }
        if let Some((_, new)) = first {
            captures.extend(new);
        }
    }

    fn capture(&mut self, name: &ast::Identifier, captures: &mut Captures) {
        self.check_debug(name, name.range, false);
        if captures.iter().any(|(n, _)| n == name.as_str()) {
            let msg = format!(
                "multiple assignments to name '{}' in pattern",
                name.as_str()
            );
            self.error(Phase::Compile, name.range, msg);
        }
        captures.push((name.to_string(), name.range));
        self.bind(name, flags::LOCAL);
    }
}

/// Why a pattern always matches, if it does.
fn irrefutable(pattern: &Pattern) -> Option<(String, TextRange)> {
    match pattern {
        Pattern::MatchAs(ast::PatternMatchAs {
            pattern: None,
            name: Some(name),
            range,
            ..
        }) => Some((
            format!(
                "name capture '{}' makes remaining patterns unreachable",
                name.as_str()
            ),
            *range,
        )),
        Pattern::MatchAs(ast::PatternMatchAs {
            pattern: None,
            name: None,
            range,
            ..
        }) => Some((
            "wildcard makes remaining patterns unreachable".to_string(),
            *range,
        )),
        Pattern::MatchAs(ast::PatternMatchAs {
            pattern: Some(inner),
            ..
        }) => irrefutable(inner),
        Pattern::MatchOr(or) => or.patterns.iter().find_map(irrefutable),
        _ => None,
    }
}
