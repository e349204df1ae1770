//! `_json`: the native core of `json` — the scanner (`json_decode.rs`)
//! and the encoder (`json_encode.rs`).

use protopy_runtime::{PyResult, Value};

use crate::json_decode;
use crate::json_encode;

pub fn module() -> PyResult<Value> {
    let m = crate::util::new_module(
        "_json",
        &[
            ("scan", json_decode::scan),
            ("encode", json_encode::encode),
            ("encode_basestring", json_encode::encode_basestring),
            ("encode_basestring_ascii", json_encode::encode_basestring_ascii),
        ],
    );
    Ok(Value::Module(m))
}
