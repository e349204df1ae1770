//! A list's items, stored compactly while they are all of one immediate
//! kind (PyPy's "list strategies"): a list of bools takes a byte per item,
//! a list of small ints or of floats eight bytes, instead of a 16-byte
//! `Value` each. Reads make the `Value` on the spot (these kinds are
//! immediates, so no identity is lost). Storing an item of another kind,
//! or any operation that needs the items as `Value`s in place, turns the
//! list into the general form for good.
//!
//! A list starts compact when it is made by repetition (`[False] * n`)
//! of items of one kind, or when the first item appended to an empty list
//! is one of these kinds.

use crate::value::Value;

pub enum Items {
    Values(Vec<Value>),
    Bools(Vec<bool>),
    Ints(Vec<i64>),
    Floats(Vec<f64>),
}

impl Default for Items {
    fn default() -> Self {
        Items::Values(Vec::new())
    }
}

/// The compact kinds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Int,
    Float,
}

fn kind(v: &Value) -> Option<Kind> {
    match v {
        Value::Bool(_) => Some(Kind::Bool),
        Value::Int(_) => Some(Kind::Int),
        Value::Float(_) => Some(Kind::Float),
        _ => None,
    }
}

impl Items {
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            Items::Values(v) => v.len(),
            Items::Bools(v) => v.len(),
            Items::Ints(v) => v.len(),
            Items::Floats(v) => v.len(),
        }
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<Value> {
        if i < self.len() {
            Some(self.item(i))
        } else {
            None
        }
    }

    /// Item `i`, which must be in range.
    #[inline]
    pub fn item(&self, i: usize) -> Value {
        match self {
            Items::Values(v) => v[i].clone(),
            _ => self.compact_item(i),
        }
    }

    /// Out of line: a `Value` made from several variants in the caller is
    /// copied out in odd-sized pieces, which stalls the load that reads it.
    #[inline(never)]
    fn compact_item(&self, i: usize) -> Value {
        match self {
            Items::Values(v) => v[i].clone(),
            Items::Bools(v) => Value::Bool(v[i]),
            Items::Ints(v) => Value::Int(v[i]),
            Items::Floats(v) => Value::Float(v[i]),
        }
    }

    /// Run `f` on item `i` (in range) without cloning a stored `Value`.
    #[inline]
    pub fn with_item<R>(&self, i: usize, f: impl FnOnce(&Value) -> R) -> R {
        match self {
            Items::Values(v) => f(&v[i]),
            Items::Bools(v) => f(&Value::Bool(v[i])),
            Items::Ints(v) => f(&Value::Int(v[i])),
            Items::Floats(v) => f(&Value::Float(v[i])),
        }
    }

    /// Store `v` at `i` (in range); the item it replaces.
    #[inline]
    pub fn replace(&mut self, i: usize, v: Value) -> Value {
        match (&mut *self, &v) {
            (Items::Values(items), _) => return std::mem::replace(&mut items[i], v),
            (Items::Bools(items), Value::Bool(b)) => return Value::Bool(std::mem::replace(&mut items[i], *b)),
            (Items::Ints(items), Value::Int(n)) => return Value::Int(std::mem::replace(&mut items[i], *n)),
            (Items::Floats(items), Value::Float(f)) => return Value::Float(std::mem::replace(&mut items[i], *f)),
            _ => {}
        }
        std::mem::replace(&mut self.values_mut()[i], v)
    }

    pub fn push(&mut self, v: Value) {
        match (&mut *self, &v) {
            (Items::Values(items), _) if items.capacity() == 0 => {
                *self = match v {
                    Value::Bool(b) => Items::Bools(vec![b]),
                    Value::Int(n) => Items::Ints(vec![n]),
                    Value::Float(f) => Items::Floats(vec![f]),
                    other => Items::Values(vec![other]),
                };
            }
            (Items::Values(items), _) => items.push(v),
            (Items::Bools(items), Value::Bool(b)) => items.push(*b),
            (Items::Ints(items), Value::Int(n)) => items.push(*n),
            (Items::Floats(items), Value::Float(f)) => items.push(*f),
            _ => self.values_mut().push(v),
        }
    }

    /// The items as `Value`s in place: a compact list turns general.
    pub fn values_mut(&mut self) -> &mut Vec<Value> {
        if !matches!(self, Items::Values(_)) {
            *self = Items::Values(self.to_values());
        }
        match self {
            Items::Values(v) => v,
            _ => unreachable!("just made general"),
        }
    }

    pub fn to_values(&self) -> Vec<Value> {
        match self {
            Items::Values(v) => v.clone(),
            Items::Bools(v) => v.iter().map(|b| Value::Bool(*b)).collect(),
            Items::Ints(v) => v.iter().map(|n| Value::Int(*n)).collect(),
            Items::Floats(v) => v.iter().map(|f| Value::Float(*f)).collect(),
        }
    }

    /// Take the items out (the list is left empty).
    pub fn take_values(&mut self) -> Vec<Value> {
        match std::mem::take(self) {
            Items::Values(v) => v,
            other => other.to_values(),
        }
    }

    /// The items at `positions` (all in range), in the same storage.
    pub fn pick(&self, positions: impl Iterator<Item = usize>, step1: Option<std::ops::Range<usize>>) -> Items {
        fn take<T: Clone>(v: &[T], positions: impl Iterator<Item = usize>, step1: Option<std::ops::Range<usize>>) -> Vec<T> {
            match step1 {
                Some(r) => v[r].to_vec(),
                None => positions.map(|i| v[i].clone()).collect(),
            }
        }
        match self {
            Items::Values(v) => Items::Values(take(v, positions, step1)),
            Items::Bools(v) => Items::Bools(take(v, positions, step1)),
            Items::Ints(v) => Items::Ints(take(v, positions, step1)),
            Items::Floats(v) => Items::Floats(take(v, positions, step1)),
        }
    }

    /// Replace the items at `start..end` (step 1) or at `positions` (one
    /// per new item) with `new`'s, when both are stored as the same
    /// compact kind; otherwise `new` is handed back untouched.
    pub fn assign_same(&mut self, start: usize, end: usize, positions: Option<&[usize]>, new: Items) -> Result<(), Items> {
        fn put<T: Copy>(v: &mut Vec<T>, start: usize, end: usize, positions: Option<&[usize]>, new: Vec<T>) {
            match positions {
                None => {
                    v.splice(start..end, new);
                }
                Some(ps) => ps.iter().zip(new).for_each(|(&p, x)| v[p] = x),
            }
        }
        match (self, new) {
            (Items::Bools(v), Items::Bools(n)) => put(v, start, end, positions, n),
            (Items::Ints(v), Items::Ints(n)) => put(v, start, end, positions, n),
            (Items::Floats(v), Items::Floats(n)) => put(v, start, end, positions, n),
            (_, new) => return Err(new),
        }
        Ok(())
    }

    /// The `Value`s an item of this list may refer to (none when compact).
    pub fn objects(&self) -> &[Value] {
        match self {
            Items::Values(v) => v,
            _ => &[],
        }
    }

    /// `v` as items: compact when they are all of one compact kind (a list
    /// display of floats is read and written in place by typed code).
    pub fn compacted(v: Vec<Value>) -> Items {
        let Some(k) = v.first().and_then(kind) else { return Items::Values(v) };
        if !v.iter().all(|x| kind(x) == Some(k)) {
            return Items::Values(v);
        }
        match k {
            Kind::Bool => Items::Bools(v.iter().map(|x| matches!(x, Value::Bool(true))).collect()),
            Kind::Int => Items::Ints(v.iter().map(|x| if let Value::Int(n) = x { *n } else { 0 }).collect()),
            Kind::Float => Items::Floats(v.iter().map(|x| if let Value::Float(f) = x { *f } else { 0.0 }).collect()),
        }
    }

    /// `items * n` (for `list * n`), compact when the items are all of one
    /// compact kind; None when the memory cannot be had.
    pub fn repeated(&self, n: usize) -> Option<Items> {
        fn rep<T: Clone>(v: &[T], n: usize) -> Option<Vec<T>> {
            let mut out = Vec::new();
            out.try_reserve_exact(v.len().checked_mul(n)?).ok()?;
            for _ in 0..n {
                out.extend_from_slice(v);
            }
            Some(out)
        }
        Some(match self {
            Items::Values(v) => match Items::compacted(v.clone()) {
                Items::Values(_) => Items::Values(rep(v, n)?),
                compact => return compact.repeated(n),
            },
            Items::Bools(v) => Items::Bools(rep(v, n)?),
            Items::Ints(v) => Items::Ints(rep(v, n)?),
            Items::Floats(v) => Items::Floats(rep(v, n)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Items, b: &[Value]) -> bool {
        a.len() == b.len() && (0..b.len()).all(|i| a.get(i).is_some_and(|x| crate::ops::eq(&x, &b[i]).unwrap() && crate::ops::type_name(&x) == crate::ops::type_name(&b[i])))
    }

    #[test]
    fn compact_lists_read_and_generalise_like_values() {
        crate::context::init();
        let mut a = Items::default();
        for i in 0..5 {
            a.push(Value::Int(i));
        }
        assert!(matches!(a, Items::Ints(_)));
        assert!(matches!(a.replace(2, Value::Int(9)), Value::Int(2)));
        assert!(matches!(a, Items::Ints(_)));
        a.replace(3, Value::Bool(true));
        assert!(matches!(a, Items::Values(_)));
        assert!(same(&a, &[Value::Int(0), Value::Int(1), Value::Int(9), Value::Bool(true), Value::Int(4)]));

        let flags = Items::Values(vec![Value::Bool(true)]).repeated(4).unwrap();
        assert!(matches!(flags, Items::Bools(_)));
        assert!(same(&flags, &[const { Value::Bool(true) }; 4]));
        let mixed = Items::Values(vec![Value::Float(1.5), Value::Int(1)]).repeated(2).unwrap();
        assert!(matches!(mixed, Items::Values(_)));
        let mut floats = Items::Values(vec![Value::Float(0.5)]).repeated(3).unwrap();
        floats.push(Value::str("x"));
        assert!(same(&floats, &[Value::Float(0.5), Value::Float(0.5), Value::Float(0.5), Value::str("x")]));
        assert_eq!(floats.take_values().len(), 4);
        assert_eq!(floats.len(), 0);
    }
}
