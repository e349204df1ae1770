//! The combinatoric iterators of `itertools`: `product`, `permutations`,
//! `combinations`, `combinations_with_replacement`. Each collects its
//! input once, then steps an index vector; no Python code runs while
//! stepping.

use std::any::Any;

use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

use crate::itertools::{any_impl, make};
use crate::native_iter::IterState;
use crate::util::params;

fn pick(pool: &[Value], indices: &[usize]) -> Value {
    Value::tuple(indices.iter().map(|&i| pool[i].clone()).collect())
}

fn r_arg(v: &Value) -> PyResult<usize> {
    let r = ops::index_value(v)?;
    if r < 0 {
        return Err(PyErr::value_error("r must be non-negative"));
    }
    Ok(r as usize)
}

// ---- product ----------------------------------------------------------------

struct Product {
    pools: Vec<Vec<Value>>,
    indices: Vec<usize>,
    started: bool,
    done: bool,
}

impl IterState for Product {
    fn next(&mut self) -> PyResult<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            if self.pools.iter().any(|p| p.is_empty()) {
                self.done = true;
                return Ok(None);
            }
        } else {
            // Advance the rightmost index, carrying to the left.
            let mut i = self.pools.len();
            loop {
                if i == 0 {
                    self.done = true;
                    return Ok(None);
                }
                i -= 1;
                self.indices[i] += 1;
                if self.indices[i] < self.pools[i].len() {
                    break;
                }
                self.indices[i] = 0;
            }
        }
        let items = self.indices.iter().zip(&self.pools).map(|(&i, p)| p[i].clone()).collect();
        Ok(Some(Value::tuple(items)))
    }
    any_impl!();
}

pub fn product_new(a: CallArgs) -> PyResult<Value> {
    let mut repeat = 1usize;
    for (k, v) in a.kwargs() {
        if k != "repeat" {
            return Err(PyErr::type_error(format!("product() got an unexpected keyword argument '{k}'")));
        }
        let n = ops::index_value(v)?;
        if n < 0 {
            return Err(PyErr::value_error("repeat argument cannot be negative"));
        }
        repeat = n as usize;
    }
    let mut base = Vec::new();
    for v in a.positional() {
        base.push(ops::collect(v)?);
    }
    let total = base.len().checked_mul(repeat).filter(|&n| n <= 1 << 28).ok_or_else(PyErr::memory_error)?;
    let mut pools = Vec::with_capacity(total);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let indices = vec![0; pools.len()];
    Ok(make("product", product_new, Product { pools, indices, started: false, done: false }))
}

// ---- permutations -----------------------------------------------------------

struct Permutations {
    pool: Vec<Value>,
    r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    started: bool,
    done: bool,
}

impl IterState for Permutations {
    fn next(&mut self) -> PyResult<Option<Value>> {
        let n = self.pool.len();
        if self.done {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            if self.r > n {
                self.done = true;
                return Ok(None);
            }
            return Ok(Some(pick(&self.pool, &self.indices[..self.r])));
        }
        if n == 0 {
            self.done = true;
            return Ok(None);
        }
        let mut i = self.r;
        while i > 0 {
            i -= 1;
            self.cycles[i] -= 1;
            if self.cycles[i] == 0 {
                // Move indices[i] to the end and restart this position.
                let moved = self.indices.remove(i);
                self.indices.push(moved);
                self.cycles[i] = n - i;
            } else {
                let j = self.cycles[i];
                self.indices.swap(i, n - j);
                return Ok(Some(pick(&self.pool, &self.indices[..self.r])));
            }
        }
        self.done = true;
        Ok(None)
    }
    any_impl!();
}

pub fn permutations_new(a: CallArgs) -> PyResult<Value> {
    let p = params(&a, "permutations", &["iterable", "r"], 1)?;
    let pool = ops::collect(p[0].as_ref().unwrap_or(&Value::None))?;
    let n = pool.len();
    let r = match &p[1] {
        Some(v) if !v.is_none() => r_arg(v)?,
        _ => n,
    };
    let cycles = (0..r.min(n)).map(|i| n - i).collect();
    let state = Permutations { pool, r, indices: (0..n).collect(), cycles, started: false, done: false };
    Ok(make("permutations", permutations_new, state))
}

// ---- combinations -----------------------------------------------------------

struct Combinations {
    pool: Vec<Value>,
    indices: Vec<usize>,
    with_replacement: bool,
    started: bool,
    done: bool,
}

impl Combinations {
    /// Step `indices` to the next combination; false at the end.
    fn advance(&mut self) -> bool {
        let n = self.pool.len();
        let r = self.indices.len();
        let mut i = r;
        while i > 0 {
            i -= 1;
            let limit = if self.with_replacement { n - 1 } else { i + n - r };
            if self.indices[i] != limit {
                self.indices[i] += 1;
                for j in i + 1..r {
                    self.indices[j] = if self.with_replacement { self.indices[i] } else { self.indices[j - 1] + 1 };
                }
                return true;
            }
        }
        false
    }
}

impl IterState for Combinations {
    fn next(&mut self) -> PyResult<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        let (n, r) = (self.pool.len(), self.indices.len());
        if !self.started {
            self.started = true;
            let impossible = if self.with_replacement { n == 0 && r > 0 } else { r > n };
            if impossible {
                self.done = true;
                return Ok(None);
            }
        } else if !self.advance() {
            self.done = true;
            return Ok(None);
        }
        Ok(Some(pick(&self.pool, &self.indices)))
    }
    any_impl!();
}

fn combinations_common(a: CallArgs, name: &'static str, with_replacement: bool) -> PyResult<Value> {
    let p = params(&a, name, &["iterable", "r"], 2)?;
    let pool = ops::collect(p[0].as_ref().unwrap_or(&Value::None))?;
    let r = r_arg(p[1].as_ref().unwrap_or(&Value::None))?;
    let indices = if with_replacement { vec![0; r] } else { (0..r).collect() };
    let state = Combinations { pool, indices, with_replacement, started: false, done: false };
    let ctor = if with_replacement { cwr_new } else { combinations_new };
    Ok(make(name, ctor, state))
}

pub fn combinations_new(a: CallArgs) -> PyResult<Value> {
    combinations_common(a, "combinations", false)
}

pub fn cwr_new(a: CallArgs) -> PyResult<Value> {
    combinations_common(a, "combinations_with_replacement", true)
}
