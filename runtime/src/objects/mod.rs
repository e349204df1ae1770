//! The builtin object types, one file each, and the method tables that are
//! installed in their type dicts when the context is made.

pub mod async_generator;
pub mod bytearray_methods;
pub mod bytes;
pub mod bytes_methods;
pub mod bytes_search;
pub mod bytes_transform;
pub mod codec;
pub mod complex;
pub mod descriptor;
pub mod dict;
pub mod dict_methods;
pub mod exception;
pub mod function;
pub mod generator;
pub mod generic_alias;
pub mod instance;
pub mod iter;
pub mod list;
pub mod list_items;
pub mod list_slice;
pub mod module;
pub mod native;
pub mod number_methods;
pub mod object_methods;
pub mod range;
pub mod sequence;
pub mod set;
pub mod set_methods;
pub mod slice;
pub mod str;
pub mod str_format;
pub mod str_methods;
pub mod str_translate;
pub mod template;
pub mod text_args;
pub mod tuple;
pub mod typeobj;
pub mod typing_objects;

/// Install every builtin type's methods (called once per context).
pub fn init_types() {
    object_methods::init_types();
    list::init_type();
    tuple::init_type();
    dict_methods::init_type();
    set_methods::init_type();
    str_methods::init_type();
    bytes_methods::init_type();
    number_methods::init_types();
    exception::init_types();
    descriptor::init_types();
    generic_alias::init_type();
    generator::init_types();
    slice::init_type();
    typing_objects::init_type();
    template::init_type();
}
