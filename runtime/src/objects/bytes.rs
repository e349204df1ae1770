//! `bytes` (immutable) and `bytearray` (mutable, behind a mutex).

use crate::sync::Mutex;

pub struct BytesObj {
    pub data: Box<[u8]>,
}

impl BytesObj {
    pub fn new(data: Vec<u8>) -> BytesObj {
        BytesObj { data: data.into_boxed_slice() }
    }
}

pub struct ByteArrayObj {
    pub data: Mutex<Vec<u8>>,
}

impl ByteArrayObj {
    pub fn new(data: Vec<u8>) -> ByteArrayObj {
        ByteArrayObj { data: Mutex::new(data) }
    }
}
