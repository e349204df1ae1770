//! `match` statements: the patterns keep their structure (the runtime
//! implements matching); capture names become targets.

use ruff_python_ast::{self as ast, Pattern as AstPattern};
use ruff_text_size::Ranged;

use super::{Lower, Result};
use crate::ir::{Const, MatchCase, Pattern, StmtKind};

impl<'a> Lower<'a> {
    pub(super) fn match_stmt(&mut self, m: &ast::StmtMatch) -> Result<StmtKind> {
        let subject = self.expr(&m.subject)?;
        let mut cases = Vec::with_capacity(m.cases.len());
        for case in &m.cases {
            let pattern = self.pattern(&case.pattern)?;
            let guard = case.guard.as_deref().map(|g| self.expr(g)).transpose()?;
            let body = self.block(&case.body)?;
            cases.push(MatchCase {
                line: self.line(case.range),
                pattern,
                guard,
                body,
            });
        }
        Ok(StmtKind::Match(subject, cases))
    }

    fn pattern(&mut self, pattern: &AstPattern) -> Result<Pattern> {
        self.enter(pattern.range())?;
        let result = self.pattern_inner(pattern);
        self.leave();
        result
    }

    fn patterns(&mut self, patterns: &[AstPattern]) -> Result<Vec<Pattern>> {
        patterns.iter().map(|p| self.pattern(p)).collect()
    }

    fn pattern_inner(&mut self, pattern: &AstPattern) -> Result<Pattern> {
        Ok(match pattern {
            AstPattern::MatchValue(v) => Pattern::Value(self.expr(&v.value)?),
            AstPattern::MatchSingleton(s) => {
                let value = match s.value {
                    ast::Singleton::None => Const::None,
                    ast::Singleton::True => Const::True,
                    ast::Singleton::False => Const::False,
                };
                Pattern::Singleton(self.code.const_id(value))
            }
            AstPattern::MatchSequence(s) => Pattern::Sequence(self.patterns(&s.patterns)?),
            AstPattern::MatchMapping(m) => {
                let keys = m.keys.iter().map(|k| self.expr(k)).collect::<Result<_>>()?;
                let patterns = self.patterns(&m.patterns)?;
                let rest = m.rest.as_ref().map(|r| self.store(r));
                Pattern::Mapping {
                    keys,
                    patterns,
                    rest,
                }
            }
            AstPattern::MatchClass(c) => {
                let cls = self.expr(&c.cls)?;
                let patterns = self.patterns(&c.arguments.patterns)?;
                let mut kwd_attrs = Vec::with_capacity(c.arguments.keywords.len());
                let mut kwd_patterns = Vec::with_capacity(c.arguments.keywords.len());
                for keyword in &c.arguments.keywords {
                    kwd_attrs.push(self.code.name_id(&keyword.attr));
                    kwd_patterns.push(self.pattern(&keyword.pattern)?);
                }
                Pattern::Class {
                    cls,
                    patterns,
                    kwd_attrs,
                    kwd_patterns,
                }
            }
            AstPattern::MatchStar(s) => Pattern::Star(s.name.as_ref().map(|n| self.store(n))),
            AstPattern::MatchAs(a) => {
                let inner = a
                    .pattern
                    .as_deref()
                    .map(|p| self.pattern(p).map(Box::new))
                    .transpose()?;
                Pattern::As(inner, a.name.as_ref().map(|n| self.store(n)))
            }
            AstPattern::MatchOr(o) => Pattern::Or(self.patterns(&o.patterns)?),
        })
    }
}
