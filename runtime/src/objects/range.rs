//! `range`: start, stop, step as i64 (the common case; huge ranges are
//! rejected with OverflowError as "Python int too large to convert to C ssize_t").

use crate::error::{PyErr, PyResult};

#[derive(Clone, Debug)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn new(start: i64, stop: i64, step: i64) -> PyResult<RangeObj> {
        if step == 0 {
            return Err(PyErr::value_error("range() arg 3 must not be zero"));
        }
        Ok(RangeObj { start, stop, step })
    }

    pub fn len(&self) -> usize {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            if lo < hi { (hi - lo - 1) / step + 1 } else { 0 }
        } else if lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i` (0 <= i < len).
    pub fn item(&self, i: usize) -> i64 {
        RangeObj::item_of(self.start, self.step, i)
    }

    /// Item `i` of the range from `start` by `step` (`i` within its length).
    #[inline]
    pub fn item_of(start: i64, step: i64, i: usize) -> i64 {
        (start as i128 + i as i128 * step as i128) as i64
    }

    pub fn contains_int(&self, v: i64) -> bool {
        let (v, start, stop, step) = (v as i128, self.start as i128, self.stop as i128, self.step as i128);
        let inside = if step > 0 { v >= start && v < stop } else { v <= start && v > stop };
        inside && (v - start) % step == 0
    }
}
