//! `match` statements: trying each case's pattern against the subject and
//! binding its captures.

use std::sync::Arc;

use protopy_frontend::ir::{MatchCase, Pattern};
use protopy_runtime::objects::dict::DictObj;
use protopy_runtime::objects::instance::Payload;
use protopy_runtime::ops::{self, CompareOp};
use protopy_runtime::{ctx, PyErr, PyResult, Value};

use super::exec::Flow;
use super::frame::Frame;

/// Whether a value takes part in sequence patterns (not str/bytes).
fn as_sequence(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.to_vec()),
        Value::Tuple(t) => Some(t.items().to_vec()),
        Value::Range(_) => ops::collect(v).ok(),
        Value::Instance(i) => match &i.payload {
            Payload::Builtin(inner @ (Value::List(_) | Value::Tuple(_))) => as_sequence(inner),
            _ => {
                // collections.deque and registered sequences.
                let name = ops::type_name(v);
                if name == "deque" {
                    ops::collect(v).ok()
                } else {
                    None
                }
            }
        },
        _ => None,
    }
}

fn is_mapping(v: &Value) -> bool {
    match v {
        Value::Dict(_) => true,
        Value::Instance(i) => matches!(&i.payload, Payload::Builtin(Value::Dict(_))),
        _ => false,
    }
}

/// Builtin classes whose single positional sub-pattern matches the subject.
fn matches_self(t: &Value) -> bool {
    let c = &ctx().types;
    match t {
        Value::Type(ty) => [&c.bool, &c.bytearray, &c.bytes, &c.dict, &c.float, &c.frozenset, &c.int, &c.list, &c.set, &c.str, &c.tuple]
            .iter()
            .any(|b| Arc::ptr_eq(b, ty)),
        _ => false,
    }
}

impl<'a> Frame<'a> {
    pub fn exec_match(&mut self, subject: &protopy_frontend::ir::Expr, cases: &[MatchCase]) -> PyResult<Flow> {
        let s = self.eval(subject)?;
        for case in cases {
            self.line = case.line;
            if !self.match_pattern(&case.pattern, &s)? {
                continue;
            }
            if let Some(g) = &case.guard {
                let r = self.eval(g)?;
                if !ops::truthy(&r)? {
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
                    for prev in &seen {
                        if ops::eq(prev, &key)? {
                            return Err(PyErr::value_error(format!(
                                "mapping pattern checks duplicate key ({})",
                                ops::repr(&key)?
                            )));
                        }
                    }
                    seen.push(key.clone());
                    let value = match ops::payload(s) {
                        Value::Dict(d) => d.get_item(&key)?,
                        _ => None,
                    };
                    let Some(v) = value else { return Ok(false) };
                    if !self.match_pattern(p, &v)? {
                        return Ok(false);
                    }
                }
                if let Some(t) = rest {
                    let out = Arc::new(DictObj::new());
                    if let Value::Dict(d) = ops::payload(s) {
                        for (k, v) in d.items() {
                            let mut taken = false;
                            for prev in &seen {
                                if ops::eq(prev, &k)? {
                                    taken = true;
                                    break;
                                }
                            }
                            if !taken {
                                out.set_item(k, v)?;
                            }
                        }
                    }
                    self.assign(t, Value::Dict(out))?;
                }
                Ok(true)
            }
            Pattern::Class { cls, patterns, kwd_attrs, kwd_patterns } => {
                let c = self.eval(cls)?;
                if !matches!(c, Value::Type(_)) {
                    return Err(PyErr::type_error("called match pattern must be a class"));
                }
                if !protopy_runtime::builtins::isinstance(s, &c)? {
                    return Ok(false);
                }
                let mut attrs: Vec<Value> = Vec::new();
                if !patterns.is_empty() {
                    if matches_self(&c) && patterns.len() == 1 {
                        if !self.match_pattern(&patterns[0], s)? {
                            return Ok(false);
                        }
                    } else {
                        let args = match ops::getattr_opt(&c, "__match_args__")? {
                            Some(v @ Value::Tuple(_)) => ops::collect(&v)?,
                            Some(_) => return Err(PyErr::type_error("__match_args__ must be a tuple")),
                            None => Vec::new(),
                        };
                        let cname = match &c {
                            Value::Type(t) => t.name().to_string(),
                            _ => "?".into(),
                        };
                        if patterns.len() > args.len() {
                            return Err(PyErr::type_error(format!(
                                "{cname}() accepts {} positional sub-pattern{} ({} given)",
                                args.len(),
                                if args.len() == 1 { "" } else { "s" },
                                patterns.len()
                            )));
                        }
                        for (p, name) in patterns.iter().zip(args) {
                            let Some(v) = ops::getattr_opt(s, name.as_str().unwrap_or(""))? else {
                                return Ok(false);
                            };
                            attrs.push(name);
                            if !self.match_pattern(p, &v)? {
                                return Ok(false);
                            }
                        }
                    }
                }
                for (id, p) in kwd_attrs.iter().zip(kwd_patterns) {
                    let name = self.name(*id).clone();
                    if attrs.iter().any(|a| a.as_str() == name.as_str()) {
                        return Err(PyErr::type_error(format!(
                            "{}() got multiple sub-patterns for attribute {}",
                            ops::type_name(s),
                            ops::repr(&name)?
                        )));
                    }
                    let Some(v) = ops::getattr_opt(s, name.as_str().unwrap_or(""))? else {
                        return Ok(false);
                    };
                    if !self.match_pattern(p, &v)? {
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
