//! `complex`: a pair of floats.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ComplexObj {
    pub re: f64,
    pub im: f64,
}
