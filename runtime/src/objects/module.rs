//! Module objects: a name and a globals dict.

use std::sync::Arc;

use crate::objects::dict::DictObj;
use crate::value::Value;

pub struct ModuleObj {
    pub name: Arc<str>,
    pub dict: Arc<DictObj>,
}

impl ModuleObj {
    pub fn new(name: &str) -> ModuleObj {
        let dict = Arc::new(DictObj::new());
        dict.set_str("__name__", Value::str(name));
        dict.set_str("__doc__", Value::None);
        ModuleObj { name: name.into(), dict }
    }

    pub fn with_dict(name: &str, dict: Arc<DictObj>) -> ModuleObj {
        ModuleObj { name: name.into(), dict }
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.dict.get_str(name)
    }

    pub fn set(&self, name: &str, v: Value) {
        self.dict.set_str(name, v);
    }
}
