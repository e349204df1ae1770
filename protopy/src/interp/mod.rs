//! The interpreter: runs the front end's IR directly. Names are already
//! resolved to slots, constants and names are converted to runtime values
//! once per code object (`Prepared`), and every operation is a call into
//! the runtime's `ops`, the same functions compiled code uses.

mod class;
mod code_object;
mod eval;
mod exec;
mod frame;
mod function;
pub mod hooks;
mod pattern;
mod prepared;
mod state;

pub use frame::Frame;
pub use function::{make_function, run_module_code, run_with_namespace, InterpFunction};
pub use prepared::Prepared;
pub use state::{current_globals, push_handled, pop_handled};
