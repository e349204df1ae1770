//! The call convention: positional values followed by keyword values, with
//! the keyword names alongside (as CPython's vectorcall). `CallArgs` also
//! checks arities for builtins with CPython's messages.

use crate::error::{PyErr, PyResult};
use crate::value::Value;

#[derive(Clone, Copy)]
pub struct CallArgs<'a> {
    /// Positional values, then one value per keyword name.
    pub args: &'a [Value],
    /// Names of the trailing keyword arguments (str values).
    pub kwnames: &'a [Value],
}

impl<'a> CallArgs<'a> {
    pub fn new(args: &'a [Value], kwnames: &'a [Value]) -> CallArgs<'a> {
        CallArgs { args, kwnames }
    }

    pub fn positional_only(args: &'a [Value]) -> CallArgs<'a> {
        CallArgs { args, kwnames: &[] }
    }

    #[inline]
    pub fn positional(&self) -> &'a [Value] {
        &self.args[..self.args.len() - self.kwnames.len()]
    }

    pub fn kwvalues(&self) -> &'a [Value] {
        &self.args[self.args.len() - self.kwnames.len()..]
    }

    pub fn kwargs(&self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        self.kwnames.iter().map(|k| k.as_str().unwrap_or("")).zip(self.kwvalues().iter())
    }

    pub fn kwarg(&self, name: &str) -> Option<Value> {
        self.kwargs().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
    }

    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }

    pub fn no_kwargs(&self, fname: &str) -> PyResult<()> {
        if self.kwnames.is_empty() {
            Ok(())
        } else {
            Err(PyErr::type_error(format!("{fname}() takes no keyword arguments")))
        }
    }

    /// Reject keywords outside `allowed`.
    pub fn only_kwargs(&self, fname: &str, allowed: &[&str]) -> PyResult<()> {
        for (k, _) in self.kwargs() {
            if !allowed.contains(&k) {
                return Err(PyErr::type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
        Ok(())
    }

    /// Exactly N positional arguments (self included for methods), no keywords.
    pub fn exact<const N: usize>(&self, fname: &str) -> PyResult<[&'a Value; N]> {
        self.no_kwargs(fname)?;
        let pos = self.positional();
        if pos.len() != N {
            return Err(arity_error(fname, N, N, pos.len(), true));
        }
        Ok(std::array::from_fn(|i| &pos[i]))
    }

    /// Between min and max positional arguments (self included), no keywords.
    pub fn range(&self, fname: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
        self.no_kwargs(fname)?;
        self.range_kw(fname, min, max)
    }

    /// Like `range` but keywords are allowed (checked by the caller).
    pub fn range_kw(&self, fname: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
        let pos = self.positional();
        if pos.len() < min || pos.len() > max {
            return Err(arity_error(fname, min, max, pos.len(), true));
        }
        Ok(pos)
    }

    /// Positional argument `i`, or keyword `name`.
    pub fn get(&self, i: usize, name: &str) -> Option<Value> {
        self.positional().get(i).cloned().or_else(|| self.kwarg(name))
    }
}

/// "f() takes exactly one argument (2 given)"-style messages. For methods
/// (`counts_self`) the counts shown exclude `self`, as CPython's do.
pub fn arity_error(fname: &str, min: usize, max: usize, given: usize, counts_self: bool) -> PyErr {
    let off = usize::from(counts_self);
    let (min, max, given) = (min - off.min(min), max - off.min(max), given - off.min(given));
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    let msg = if min == max {
        if min == 0 {
            format!("{fname}() takes no arguments ({given} given)")
        } else if min == 1 {
            format!("{fname}() takes exactly one argument ({given} given)")
        } else {
            format!("{fname} expected {min} {}, got {given}", plural(min))
        }
    } else if given < min {
        format!("{fname} expected at least {min} {}, got {given}", plural(min))
    } else {
        format!("{fname} expected at most {max} {}, got {given}", plural(max))
    };
    PyErr::type_error(msg)
}

/// Arity error for a free function (no `self` in the counts).
pub fn arity_error_fn(fname: &str, min: usize, max: usize, given: usize) -> PyErr {
    arity_error(fname, min, max, given, false)
}

/// Same checks as `CallArgs::range`, for free functions.
pub fn check_fn<'a>(a: &CallArgs<'a>, fname: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    a.no_kwargs(fname)?;
    let pos = a.positional();
    if pos.len() < min || pos.len() > max {
        return Err(arity_error_fn(fname, min, max, pos.len()));
    }
    Ok(pos)
}
