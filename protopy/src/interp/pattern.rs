//! `match` statements: trying each case's pattern against the subject and
//! binding its captures.

use protopy_frontend::ir::{MatchCase, Pattern};
use protopy_runtime::exec_support::pattern::{as_sequence, class_attrs, is_mapping, mapping_get, mapping_rest};
use protopy_runtime::ops::{self, CompareOp};
use protopy_runtime::{PyResult, Value};

use super::exec::Flow;
use super::frame::Frame;

impl<'a> Frame<'a> {
    pub fn exec_match(&mut self, subject: &protopy_frontend::ir::Expr, cases: &[MatchCase]) -> PyResult<Flow> {
        let s = self.eval(subject)?;
        for case in cases {
            self.line = case.line;
            if !self.match_pattern(&case.pattern, &s)? {
                continue;
            }
            if let Some(g) = &case.guard {
                if !self.eval_test(g)? {
                    continue;
                }
            }
            return self.exec_block(&case.body);
        }
        Ok(Flow::Normal)
    }

    fn match_pattern(&mut self, p: &Pattern, s: &Value) -> PyResult<bool> {
        match p {
            Pattern::Value(e) => {
                let v = self.eval(e)?;
                ops::compare_bool(s, &v, CompareOp::Eq)
            }
            Pattern::Singleton(id) => Ok(s.is(&self.prep.consts[*id as usize])),
            Pattern::Sequence(items) => {
                let Some(seq) = as_sequence(s) else { return Ok(false) };
                let star = items.iter().position(|p| matches!(p, Pattern::Star(_)));
                match star {
                    None => {
                        if seq.len() != items.len() {
                            return Ok(false);
                        }
                        for (p, v) in items.iter().zip(seq.iter()) {
                            if !self.match_pattern(p, v)? {
                                return Ok(false);
                            }
                        }
                        Ok(true)
                    }
                    Some(k) => {
                        let after = items.len() - k - 1;
                        if seq.len() < items.len() - 1 {
                            return Ok(false);
                        }
                        for (p, v) in items[..k].iter().zip(seq.iter()) {
                            if !self.match_pattern(p, v)? {
                                return Ok(false);
                            }
                        }
                        let tail_start = seq.len() - after;
                        for (p, v) in items[k + 1..].iter().zip(seq[tail_start..].iter()) {
                            if !self.match_pattern(p, v)? {
                                return Ok(false);
                            }
                        }
                        if let Pattern::Star(Some(t)) = &items[k] {
                            self.assign(t, Value::list(seq[k..tail_start].to_vec()))?;
                        }
                        Ok(true)
                    }
                }
            }
            Pattern::Star(t) => {
                if let Some(t) = t {
                    self.assign(t, Value::list(vec![s.clone()]))?;
                }
                Ok(true)
            }
            Pattern::Mapping { keys, patterns, rest } => {
                if !is_mapping(s) {
                    return Ok(false);
                }
                let mut seen: Vec<Value> = Vec::new();
                for (k, p) in keys.iter().zip(patterns) {
                    let key = self.eval(k)?;
                    let Some(v) = mapping_get(s, key, &mut seen)? else { return Ok(false) };
                    if !self.match_pattern(p, &v)? {
                        return Ok(false);
                    }
                }
                if let Some(t) = rest {
                    let r = mapping_rest(s, &seen)?;
                    self.assign(t, r)?;
                }
                Ok(true)
            }
            Pattern::Class { cls, patterns, kwd_attrs, kwd_patterns } => {
                let c = self.eval(cls)?;
                let names: Vec<Value> = kwd_attrs.iter().map(|id| self.name(*id).clone()).collect();
                let Some(values) = class_attrs(&c, s, patterns.len(), &names)? else { return Ok(false) };
                for (p, v) in patterns.iter().chain(kwd_patterns).zip(&values) {
                    if !self.match_pattern(p, v)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Pattern::As(inner, target) => {
                if let Some(p) = inner {
                    if !self.match_pattern(p, s)? {
                        return Ok(false);
                    }
                }
                if let Some(t) = target {
                    self.assign(t, s.clone())?;
                }
                Ok(true)
            }
            Pattern::Or(alts) => {
                for a in alts {
                    if self.match_pattern(a, s)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }
}
