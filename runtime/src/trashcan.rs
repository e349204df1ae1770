//! Dropping a deeply nested structure (a list in a list ... millions of
//! levels deep) would recurse once per level through `Drop` and overflow
//! the native stack; CPython bounds this with its "trashcan". Containers
//! hand what they own to `release`: beyond a nesting depth it is parked,
//! and the outermost `release` drops the parked items one by one.

use std::any::Any;
use std::cell::{Cell, RefCell};

/// Nested releases allowed before items are parked (a few hundred bytes
/// of stack each).
const MAX_DEPTH: usize = 1000;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    static PARKED: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
}

/// Drop `owned` (a container's contents) with bounded recursion.
pub fn release<T: 'static>(owned: T) {
    let Ok(depth) = DEPTH.try_with(|d| d.get()) else {
        // Thread-local storage is gone (thread exit): drop in place.
        return drop(owned);
    };
    if depth >= MAX_DEPTH {
        let boxed: Box<dyn Any> = Box::new(owned);
        let _ = PARKED.try_with(|p| p.borrow_mut().push(boxed));
        return;
    }
    let _ = DEPTH.try_with(|d| d.set(depth + 1));
    drop(owned);
    if depth == 0 {
        // At thread exit the parked list may already be gone: nothing can
        // have been parked on it then.
        while let Some(next) = PARKED.try_with(|p| p.borrow_mut().pop()).ok().flatten() {
            drop(next);
        }
    }
    let _ = DEPTH.try_with(|d| d.set(depth));
}
