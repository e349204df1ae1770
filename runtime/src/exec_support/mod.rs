//! The parts of executing Python that are more than one `ops` call and that
//! both back ends need: unpacking, raising and matching exceptions, class
//! creation, imports, `yield from`, `match` patterns, call-argument
//! building. The interpreter and compiled code both call these, so the
//! semantics live here once.

pub mod args;
pub mod class;
pub mod exceptions;
pub mod generators;
pub mod imports;
pub mod pattern;
pub mod unpack;

pub use args::{format_fvalue, push_int, push_kwargs_unpack, update_dict_unpack};
pub use class::{build_class, select_metaclass};
pub use exceptions::{exception_matches, make_exception, raise_error, stop_value};
pub use generators::{await_iterator, resume_delegate, yield_from};
pub use imports::{import, import_from, import_star_items};
pub use unpack::{extend_star, unpack};
