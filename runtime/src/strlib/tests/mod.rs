//! Tests for the `str` layer: tables of expected values produced by
//! CPython (see each file's header), plus a randomised comparison against a
//! direct code point model for the index arithmetic.

mod case;
mod format;
mod model;
mod pad;
mod predicates;
mod search;
mod split;
