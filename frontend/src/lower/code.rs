//! `CodeBuilder`: one `ir::Code` under construction, with its slot tables
//! and the interning of constants and names.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::ir::{Code, CodeKind, Const, ConstId, Name, NameId, Params, Stmt};
use crate::scope::Scope;

/// Constants are deduplicated by value; floats by their bits, so `0.0`
/// and `-0.0` stay apart (and `1` and `True` too, as in CPython).
#[derive(Hash, PartialEq, Eq)]
enum ConstKey {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    BigInt(Name),
    Float(u64),
    Imaginary(u64),
    Str(Name),
    Bytes(Arc<[u8]>),
}

impl ConstKey {
    fn of(value: &Const) -> Self {
        match value {
            Const::None => ConstKey::None,
            Const::True => ConstKey::True,
            Const::False => ConstKey::False,
            Const::Ellipsis => ConstKey::Ellipsis,
            Const::Int(i) => ConstKey::Int(*i),
            Const::BigInt(digits) => ConstKey::BigInt(digits.clone()),
            Const::Float(f) => ConstKey::Float(f.to_bits()),
            Const::Imaginary(f) => ConstKey::Imaginary(f.to_bits()),
            Const::Str(s) => ConstKey::Str(s.clone()),
            Const::Bytes(b) => ConstKey::Bytes(b.clone()),
        }
    }
}

pub(super) struct CodeBuilder {
    pub kind: CodeKind,
    pub name: Name,
    pub qualname: Name,
    filename: Name,
    pub first_line: u32,
    pub params: Params,
    locals: Vec<Name>,
    slots: HashMap<Name, u32>,
    cellvars: Vec<Name>,
    freevars: Vec<Name>,
    cell_params: Vec<(u32, u32)>,
    consts: Vec<Const>,
    const_ids: HashMap<ConstKey, ConstId>,
    names: Vec<Name>,
    name_ids: HashMap<Name, NameId>,
    temps: u32,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub docstring: Option<Name>,
}

impl CodeBuilder {
    /// A code for `scope`: parameters first, then the other fast locals,
    /// then (as the lowering asks for them) temporaries.
    pub fn new(
        kind: CodeKind,
        scope: &Scope,
        qualname: Name,
        filename: Name,
        first_line: u32,
    ) -> Self {
        let mut builder = CodeBuilder {
            kind,
            name: scope.name.as_str().into(),
            qualname,
            filename,
            first_line,
            params: Params::default(),
            locals: Vec::new(),
            slots: HashMap::new(),
            cellvars: scope.cellvars().into_iter().map(Name::from).collect(),
            freevars: scope.freevars().into_iter().map(Name::from).collect(),
            cell_params: Vec::new(),
            consts: Vec::new(),
            const_ids: HashMap::new(),
            names: Vec::new(),
            name_ids: HashMap::new(),
            temps: 0,
            is_generator: scope.is_generator,
            is_coroutine: scope.is_coroutine,
            docstring: None,
        };
        if kind != CodeKind::Module && kind != CodeKind::Class {
            for param in &scope.params {
                let slot = builder.add_local(param.as_str().into());
                if let Some(cell) = builder.cellvars.iter().position(|c| **c == **param) {
                    builder.cell_params.push((slot, cell as u32));
                }
            }
            for local in scope.plain_locals() {
                builder.add_local(local.into());
            }
        }
        builder
    }

    fn add_local(&mut self, name: Name) -> u32 {
        let slot = self.locals.len() as u32;
        self.slots.entry(name.clone()).or_insert(slot);
        self.locals.push(name);
        slot
    }

    pub fn local_slot(&self, name: &str) -> Option<u32> {
        self.slots.get(name).copied()
    }

    /// Index in the `Cell(i)` numbering: own cells first, then free ones.
    pub fn cell_index(&self, name: &str) -> Option<u32> {
        if let Some(i) = self.cellvars.iter().position(|c| &**c == name) {
            return Some(i as u32);
        }
        let free = self.freevars.iter().position(|c| &**c == name)?;
        Some((self.cellvars.len() + free) as u32)
    }

    /// Index in `cellvars` only (a cell this code creates).
    pub fn own_cell(&self, name: &str) -> Option<u32> {
        self.cellvars
            .iter()
            .position(|c| &**c == name)
            .map(|i| i as u32)
    }

    pub fn name_id(&mut self, name: &str) -> NameId {
        if let Some(&id) = self.name_ids.get(name) {
            return id;
        }
        let id = self.names.len() as NameId;
        let name: Name = name.into();
        self.names.push(name.clone());
        self.name_ids.insert(name, id);
        id
    }

    pub fn const_id(&mut self, value: Const) -> ConstId {
        let key = ConstKey::of(&value);
        if let Some(&id) = self.const_ids.get(&key) {
            return id;
        }
        let id = self.consts.len() as ConstId;
        self.consts.push(value);
        self.const_ids.insert(key, id);
        id
    }

    /// A fresh temporary local (`$0`, `$1`, ...).
    pub fn temp(&mut self) -> u32 {
        let name: Name = format!("${}", self.temps).into();
        self.temps += 1;
        self.add_local(name)
    }

    pub fn finish(self, body: Vec<Stmt>) -> Code {
        Code {
            kind: self.kind,
            name: self.name,
            qualname: self.qualname,
            filename: self.filename,
            first_line: self.first_line,
            params: self.params,
            locals: self.locals,
            cellvars: self.cellvars,
            freevars: self.freevars,
            cell_params: self.cell_params,
            consts: self.consts,
            names: self.names,
            is_generator: self.is_generator,
            is_coroutine: self.is_coroutine,
            docstring: self.docstring,
            body,
            prepared: OnceLock::new(),
        }
    }
}
