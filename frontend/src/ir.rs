//! The IR both back ends consume: a tree of statements and expressions in
//! which every name is already resolved to where it lives (a local slot, a
//! cell, the module globals, or a class namespace) and the sugar of Python
//! (comprehensions, `with`, augmented assignment, decorators, `assert`, class
//! bodies) is gone. It is plain data; `Display` (in `ir/print.rs`) prints it.
//!
//! Indexes:
//! - `Local(slot)`: `code.locals[slot]`; parameters come first, in order
//!   (positional, keyword-only, `*args`, `**kwargs`), then other locals, then
//!   temporaries the lowering introduced (named `$N`).
//! - `Cell(i)`: `i < code.cellvars.len()` is a cell this scope creates,
//!   otherwise `code.freevars[i - cellvars.len()]`, a cell received from the
//!   enclosing scope through the function's closure.
//! - `ConstId`, `NameId`: indexes into `code.consts` and `code.names`.

use std::any::Any;
use std::sync::{Arc, OnceLock};

pub type Name = Arc<str>;
pub type NameId = u32;
pub type ConstId = u32;

/// One compiled scope: a module body, a function, a lambda, a class body or
/// a comprehension.
pub struct Code {
    pub kind: CodeKind,
    pub name: Name,
    pub qualname: Name,
    pub filename: Name,
    pub first_line: u32,
    pub params: Params,
    /// Slot -> name of every fast local (parameters first).
    pub locals: Vec<Name>,
    /// Cells this scope creates (variables captured by inner scopes).
    pub cellvars: Vec<Name>,
    /// Cells this scope receives from its closure.
    pub freevars: Vec<Name>,
    /// Parameters that live in a cell: on entry, local `slot` is moved into
    /// cell `cell`.
    pub cell_params: Vec<(u32, u32)>,
    pub consts: Vec<Const>,
    pub names: Vec<Name>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub docstring: Option<Name>,
    pub body: Vec<Stmt>,
    /// A back end's prepared form of this code (constants as runtime values,
    /// caches), made once on first use. The front end never touches it.
    pub prepared: OnceLock<Box<dyn Any + Send + Sync>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Function,
    Lambda,
    Class,
    Comprehension,
}

/// The shape of a parameter list. Parameter names are `code.locals[..total()]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// Positional-only parameters (before `/`).
    pub posonly: u32,
    /// All positional parameters, positional-only ones included.
    pub positional: u32,
    pub kwonly: u32,
    pub vararg: bool,
    pub kwarg: bool,
}

impl Params {
    pub fn total(&self) -> usize {
        (self.positional + self.kwonly + self.vararg as u32 + self.kwarg as u32) as usize
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    /// An integer literal too large for i64, as decimal digits.
    BigInt(Name),
    Float(f64),
    /// `1j`-style literal: the imaginary part.
    Imaginary(f64),
    Str(Name),
    Bytes(Arc<[u8]>),
}

pub struct Stmt {
    pub line: u32,
    pub kind: StmtKind,
}

pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: value evaluated once, stored left to right.
    Assign(Vec<Target>, Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    For {
        target: Target,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Pass,
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise(Option<Expr>, Option<Expr>),
    Try(Box<Try>),
    Delete(Vec<Target>),
    /// `match subject: case ...` (PEP 634): the subject is evaluated once;
    /// the cases are tried in order and the first whose pattern matches and
    /// whose guard is true runs its body. A pattern's captures are stored
    /// once the whole pattern has matched, before its guard is evaluated
    /// (they stay bound if the guard is false). Only with the
    /// `match-statements` feature, until the back ends handle it.
    #[cfg(feature = "match-statements")]
    Match(Expr, Vec<MatchCase>),
}

pub struct Try {
    pub body: Vec<Stmt>,
    pub handlers: Vec<Handler>,
    pub orelse: Vec<Stmt>,
    pub finalbody: Vec<Stmt>,
    /// `except*` handlers (exception groups).
    pub star: bool,
}

pub struct Handler {
    pub line: u32,
    /// `None` for a bare `except:`.
    pub typ: Option<Expr>,
    /// `as name`: bound to the exception, deleted when the handler ends.
    pub name: Option<Target>,
    pub body: Vec<Stmt>,
}

pub enum Target {
    Local(u32),
    Cell(u32),
    Global(NameId),
    /// Class-body namespace (falls back to nothing: stores are local to it).
    Name(NameId),
    Attribute(Expr, NameId),
    Subscript(Expr, Expr),
    /// `a, *b, c = ...`: `star` is the index of the starred target.
    Unpack(Vec<Target>, Option<usize>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

pub enum Expr {
    Const(ConstId),
    Local(u32),
    Cell(u32),
    /// Module globals, then builtins.
    Global(NameId),
    /// Class body: the class namespace, then globals, then builtins.
    Name(NameId),
    /// Class body reading a variable of an enclosing function: the class
    /// namespace first, then the cell.
    ClassDeref(NameId, u32),
    /// A builtin the lowering itself refers to (`AssertionError` for
    /// `assert`); user code cannot shadow it. Names starting with `$` are
    /// the runtime's private helpers: `$typevar(name, bound, constraints,
    /// default)`, `$typevartuple(name, default)`, `$paramspec(name,
    /// default)` (the last arguments are functions evaluated lazily, or
    /// None), `$type_alias(name, type_params or None, value function)`,
    /// `$set_type_params(function, params)` (returns the function), the
    /// class `$Generic` (PEP 695), and `$template(*parts)`,
    /// `$interpolation(value, expression, conversion, format_spec)`
    /// (PEP 750).
    Builtin(NameId),
    Attribute(Box<Expr>, NameId),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    BinOp(BinOp, Box<Expr>, Box<Expr>),
    /// Augmented assignment's operator (`__iadd__` first).
    InPlace(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    /// `a < b < c`: each operand evaluated at most once, short-circuiting.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    IfElse(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Args),
    /// `obj.name(args)`: a method call that need not build a bound method.
    CallMethod(Box<Expr>, NameId, Args),
    Tuple(Vec<Elt>),
    List(Vec<Elt>),
    Set(Vec<Elt>),
    Dict(Vec<DictItem>),
    Function(Box<MakeFunction>),
    Class(Box<MakeClass>),
    /// f-string: the parts' strings concatenated.
    FString(Vec<FPart>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    Await(Box<Expr>),
    /// Walrus `(target := value)`: stores and yields the value.
    Named(Box<Target>, Box<Expr>),
    /// `__import__(name, fromlist, level)`: returns the top-level package
    /// when `fromlist` is empty, else the named module itself.
    Import {
        name: NameId,
        fromlist: Vec<NameId>,
        level: u32,
    },
    /// `from module import name`: attribute, or submodule, or ImportError.
    ImportFrom(Box<Expr>, NameId),
    /// `from module import *` into the current namespace; evaluates to None.
    ImportStar(Box<Expr>),
    /// Zero-argument `super()`: the `__class__` cell and the first argument.
    Super(Box<Expr>, Box<Expr>),
    /// The exception currently being handled (for bare `raise` in desugared
    /// `with`), or None.
    CurrentException,
    /// `locals()`-style snapshot of the current scope's variables.
    Locals,
}

pub enum Elt {
    Item(Expr),
    Star(Expr),
}

pub enum DictItem {
    Pair(Expr, Expr),
    Unpack(Expr),
}

pub enum Kwarg {
    Named(NameId, Expr),
    Unpack(Expr),
}

#[derive(Default)]
pub struct Args {
    pub args: Vec<Elt>,
    pub kwargs: Vec<Kwarg>,
}

pub struct MakeFunction {
    pub code: Arc<Code>,
    pub defaults: Vec<Expr>,
    pub kwdefaults: Vec<(NameId, Expr)>,
    /// For each of `code.freevars`, the cell of the current scope it binds to.
    pub closure: Vec<u32>,
}

pub struct MakeClass {
    /// The class body, run with the new namespace.
    pub code: Arc<Code>,
    pub name: NameId,
    pub bases: Vec<Elt>,
    pub keywords: Vec<Kwarg>,
    pub closure: Vec<u32>,
    /// Index into `code.cellvars` of the `__class__` cell, set to the new
    /// class once it exists (zero-argument `super()`).
    pub class_cell: Option<u32>,
}

pub enum FPart {
    Literal(ConstId),
    Value {
        expr: Expr,
        /// `!s`, `!r`, `!a`.
        conversion: Option<char>,
        spec: Option<Vec<FPart>>,
    },
}

/// One `case` of a `match` statement.
pub struct MatchCase {
    pub line: u32,
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
}

/// A `case` pattern, with its capture names resolved to targets.
pub enum Pattern {
    /// `case 1`, `case -1.5`, `case a.b`: matches if `subject == value`.
    Value(Expr),
    /// `case None`, `case True`, `case False`: matches if `subject is value`.
    Singleton(ConstId),
    /// `case [p, q, *rest]` (or a tuple form): a sequence (not `str`,
    /// `bytes` or `bytearray`) with one item per element pattern, or at
    /// least as many items as the non-star ones when a `Star` is among them.
    Sequence(Vec<Pattern>),
    /// `*rest` / `*_` inside a `Sequence`: the items left over, as a list.
    Star(Option<Target>),
    /// `case {key: p, **rest}`: a mapping that has every key (looked up
    /// with `.get`) with values matching; `rest` receives a new dict of
    /// the remaining items.
    Mapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<Target>,
    },
    /// `case C(p, name=q)`: `isinstance(subject, C)`, then positional
    /// patterns against the attributes `C.__match_args__` names (or, for
    /// the builtins that match themselves, the subject), keyword patterns
    /// against the named attributes.
    Class {
        cls: Expr,
        patterns: Vec<Pattern>,
        kwd_attrs: Vec<NameId>,
        kwd_patterns: Vec<Pattern>,
    },
    /// `case p as name`; `As(None, Some(name))` is a capture pattern and
    /// `As(None, None)` the wildcard `_`; both always match.
    As(Option<Box<Pattern>>, Option<Target>),
    /// `case p | q`: the first alternative that matches.
    Or(Vec<Pattern>),
}

mod print;
