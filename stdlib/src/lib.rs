//! protopy-stdlib: the native modules (`sys`, `math`, `itertools`, ...).
//! Each is made on first import through `find`; nothing here runs at
//! start-up except `sys::install`. It depends only on the runtime.
//!
//! Modules whose CPython counterpart is written in Python (`collections`
//! apart from `deque`, `dataclasses`, `enum`, ...) are Python source here
//! too, under `python/`, embedded in the binary and run by the host when
//! imported; their fast cores (`_collections.deque`, `_json`, `_random`)
//! are Rust.

mod atexit;
mod bisect;
mod deque;
mod functools;
mod gc;
mod heapq;
mod io;
mod io_file;
mod io_memory;
pub mod itertools;
mod itertools_comb;
mod itertools_group;
mod json;
mod json_decode;
mod json_encode;
pub mod math;
mod math_int;
mod math_sum;
mod native_iter;
mod operator;
mod os;
mod random;
mod sha512;
pub mod signal;
pub mod sys;
mod sync;
pub mod threading;
pub mod time;
mod types;
mod util;

use protopy_runtime::{PyResult, Value};

pub type ModuleInit = fn() -> PyResult<Value>;

/// Modules written in Python: `(name, constructor)` where the constructor
/// runs the embedded source.
macro_rules! python_modules {
    ($($func:ident: $name:literal => $file:literal,)*) => {
        $(fn $func() -> PyResult<Value> {
            util::python_module($name, include_str!(concat!("../python/", $file)))
        })*
        fn find_python(name: &str) -> Option<ModuleInit> {
            Some(match name {
                $($name => $func,)*
                _ => return None,
            })
        }
    };
}

python_modules! {
    py_future: "__future__" => "__future__.py",
    py_abc: "abc" => "abc.py",
    py_asyncio: "asyncio" => "asyncio.py",
    py_collections: "collections" => "collections.py",
    py_collections_abc: "_collections_abc" => "_collections_abc.py",
    py_contextlib: "contextlib" => "contextlib.py",
    py_copy: "copy" => "copy.py",
    py_dataclasses: "dataclasses" => "dataclasses.py",
    py_enum: "enum" => "enum.py",
    py_functools: "functools" => "functools.py",
    py_gc: "gc" => "gc.py",
    py_heapq: "heapq" => "heapq.py",
    py_json: "json" => "json.py",
    py_keyword: "keyword" => "keyword.py",
    py_os: "os" => "os.py",
    py_posixpath: "posixpath" => "posixpath.py",
    py_queue: "queue" => "queue.py",
    py_random: "random" => "random.py",
    py_string: "string" => "string.py",
    py_types: "types" => "types.py",
    py_textwrap: "textwrap" => "textwrap.py",
    py_time: "time" => "time.py",
    py_strptime: "_strptime" => "_strptime.py",
    py_typing: "typing" => "typing.py",
    py_warnings: "warnings" => "warnings.py",
    py_concurrent_futures: "concurrent.futures" => "concurrent_futures.py",
}

/// What the host calls as the interpreter exits: run the `atexit`
/// functions, then flush files left open.
pub fn shutdown() {
    atexit::run_exitfuncs();
    io_file::flush_all();
}

/// The native module called `name`, if there is one.
pub fn find(name: &str) -> Option<ModuleInit> {
    Some(match name {
        "math" => math::module,
        "_time" => time::module,
        "signal" => signal::module,
        "threading" => threading::module,
        "_thread" => threading::thread_module,
        "_typing" => protopy_runtime::objects::typing_objects::module,
        "concurrent" => util::namespace_package("concurrent"),
        "itertools" => itertools::module,
        "_collections" => deque::module,
        "_functools" => functools::module,
        "_gc" => gc::module,
        "_json" => json::module,
        "string.templatelib" => protopy_runtime::objects::template::module,
        "operator" => operator::module,
        "bisect" => bisect::module,
        "io" => io::module,
        "posix" => os::module,
        "_heapq" => heapq::module,
        "_types" => types::module,
        "atexit" => atexit::module,
        "_random" => random::module,
        _ => return find_python(name),
    })
}
