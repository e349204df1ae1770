//! How a block that generated code runs in a closure (the parts of a `try`
//! statement) ended, so the code around it can finish a `return`, `break`
//! or `continue` that leaves the block.

use crate::value::Value;

pub enum Flow {
    Normal,
    Return(Value),
    /// `break` out of the enclosing loop with this number.
    Break(u32),
    /// `continue` the enclosing loop with this number.
    Continue(u32),
}
