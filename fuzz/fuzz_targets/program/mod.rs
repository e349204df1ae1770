//! Fuzzer bytes rendered as a small Python program. Every choice reads
//! from the bytes, so libFuzzer's mutations move through program space;
//! when the bytes run out every choice takes its first option, which
//! always ends the recursion. Loops run at most a few times and sizes stay
//! small, so a program ends quickly unless it recurses (which the
//! recursion limit and the watchdog stop). Programs never catch
//! `BaseException`, so the watchdog's KeyboardInterrupt ends them.

use arbitrary::Unstructured;

const MAX_DEPTH: usize = 4;
const MAX_STATEMENTS: usize = 40;

pub fn render(data: &[u8]) -> String {
    let mut g = Gen { u: Unstructured::new(data), out: String::new(), statements: 0, loop_var: 0 };
    g.out.push_str(PRELUDE);
    while !g.u.is_empty() && g.statements < MAX_STATEMENTS {
        g.stmt(0, Context::default());
    }
    g.out
}

/// Names the generated code uses, defined up front so most programs get
/// past their first line.
const PRELUDE: &str = "\
import math, itertools, functools, operator, json, collections
a = 1
b = 'ab'
c = [1, 2, 3]
d = {1: 'x', 'k': [2]}
e = (1.5, None, b'z')
class K:
    def __init__(self, v=0):
        self.v = v
    def m(self, x=None):
        return (self.v, x)
o = K(3)
def f0(x=0, *args, **kw):
    return x
def f1(x, y=1):
    return [x, y]
";

#[derive(Clone, Copy, Default)]
struct Context {
    in_loop: bool,
    in_function: bool,
}

struct Gen<'a> {
    u: Unstructured<'a>,
    out: String,
    statements: usize,
    loop_var: usize,
}

const NAMES: &[&str] = &["a", "b", "c", "d", "e", "o", "f0", "f1", "K", "x", "y"];
const TARGETS: &[&str] = &["a", "b", "c", "d", "e", "x", "y"];
const INTS: &[&str] = &["0", "1", "-1", "2", "7", "-3", "255", "2**63", "-2**64", "10**20", "True", "False"];
const FLOATS: &[&str] = &["0.5", "-0.0", "1e308", "float('inf')", "float('nan')", "3.25"];
const STRS: &[&str] = &["''", "'a'", "'ab,c'", "'\\u00e9\\x00'", "'%s-%d'", "'{}{!r}'", "' x y '", "'\\U0001F600'", "'12'"];
const OTHERS: &[&str] = &["None", "b'ab'", "bytearray(b'q')", "...", "()", "[]", "{}", "set()", "range(4)", "1j", "K", "o"];
const BINOPS: &[&str] = &["+", "-", "*", "/", "//", "%", "<<", ">>", "&", "|", "^", "@"];
const CMPOPS: &[&str] = &["<", "<=", "==", "!=", ">", ">=", "in", "not in", "is", "is not"];
const UNARY: &[&str] = &["-", "+", "~", "not "];
const BUILTINS1: &[&str] = &[
    "len", "str", "repr", "int", "float", "list", "tuple", "set", "frozenset", "dict", "sorted", "reversed", "min", "max",
    "sum", "abs", "bool", "bytes", "bytearray", "iter", "next", "any", "all", "hex", "chr", "ord", "round", "type",
    "enumerate", "ascii", "callable", "vars", "dir", "json.dumps", "json.loads", "math.floor", "math.sqrt", "operator.neg", "itertools.chain", "collections.Counter", "collections.deque", "functools.reduce",
];
const BUILTINS2: &[&str] = &[
    "divmod", "isinstance", "getattr", "hasattr", "format", "zip", "map", "filter", "range", "max", "min", "int",
    "itertools.islice", "itertools.product", "math.gcd", "operator.getitem", "setattr", "delattr",
];
const METHODS: &[&str] = &[
    "append", "pop", "sort", "reverse", "insert", "extend", "remove", "index", "count", "copy", "clear", "get", "keys",
    "values", "items", "update", "setdefault", "popitem", "join", "split", "upper", "replace", "format", "strip",
    "startswith", "encode", "decode", "add", "discard", "union", "m", "__len__", "__eq__", "__hash__", "__iter__",
    "__getitem__", "__setitem__", "__class__", "__dict__", "bit_length", "to_bytes", "as_integer_ratio",
];
const EXCEPTIONS: &[&str] = &[
    "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "ZeroDivisionError", "AttributeError",
    "RecursionError", "OverflowError", "StopIteration", "RuntimeError", "ArithmeticError", "LookupError", "NameError",
    "UnboundLocalError", "MemoryError", "(ValueError, TypeError)",
];
const DUNDERS: &[(&str, &str)] = &[
    ("__eq__", "self, other"),
    ("__hash__", "self"),
    ("__lt__", "self, other"),
    ("__repr__", "self"),
    ("__str__", "self"),
    ("__len__", "self"),
    ("__bool__", "self"),
    ("__iter__", "self"),
    ("__next__", "self"),
    ("__getitem__", "self, i"),
    ("__setitem__", "self, i, v"),
    ("__index__", "self"),
    ("__int__", "self"),
    ("__add__", "self, other"),
    ("__radd__", "self, other"),
    ("__contains__", "self, x"),
    ("__getattr__", "self, name"),
    ("__setattr__", "self, name, v"),
    ("__del__", "self"),
    ("__enter__", "self"),
    ("__exit__", "self, *a"),
    ("__call__", "self, *a"),
    ("__init__", "self, *a"),
    ("__format__", "self, spec"),
];

impl Gen<'_> {
    fn pick<'s>(&mut self, options: &[&'s str]) -> &'s str {
        options[self.below(options.len())]
    }

    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        self.u.int_in_range(0..=n - 1).unwrap_or(0)
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == one_in - 1
    }

    fn expr(&mut self, depth: usize) -> String {
        if depth >= MAX_DEPTH {
            return self.atom();
        }
        let d = depth + 1;
        match self.below(22) {
            0 | 1 => self.atom(),
            2 => format!("({} {} {})", self.expr(d), self.pick(BINOPS), self.expr(d)),
            3 => format!("({} ** {})", self.expr(d), self.pick(&["0", "2", "-1", "3", "0.5"])),
            4 => format!("({}{})", self.pick(UNARY), self.expr(d)),
            5 => format!("({} {} {} {} {})", self.expr(d), self.pick(CMPOPS), self.expr(d), self.pick(CMPOPS), self.expr(d)),
            6 => format!("({} {} {})", self.expr(d), self.pick(&["and", "or"]), self.expr(d)),
            7 => format!("({} if {} else {})", self.expr(d), self.expr(d), self.expr(d)),
            8 => format!("[{}]", self.list(d)),
            9 => format!("({},)", self.list(d)),
            10 => format!("{{{}: {}, **{}}}", self.expr(d), self.expr(d), self.pick(&["d", "{}", "dict(a=1)"])),
            11 => format!("{{{}, *{}}}", self.expr(d), self.pick(&["c", "b", "()", "range(3)"])),
            12 => format!("{}[{}]", self.expr(d), self.expr(d)),
            13 => format!("{}[{}:{}:{}]", self.expr(d), self.small(), self.small(), self.pick(&["", "1", "-1", "2"])),
            14 => format!("{}({})", self.pick(BUILTINS1), self.expr(d)),
            15 => format!("{}({}, {})", self.pick(BUILTINS2), self.expr(d), self.expr(d)),
            16 => format!("{}.{}({})", self.expr(d), self.pick(METHODS), self.list(d)),
            17 => format!("(lambda {}: {})({})", self.pick(&["x", "x, y=2", "*x", "**x"]), self.expr(d), self.list(d)),
            18 => {
                let v = self.fresh_var();
                let (open, close) = self.pick_pair(&[("[", "]"), ("{", "}"), ("list(", ")"), ("sum(", ")")]);
                format!("{open}{} for {v} in {} if {}{close}", self.expr(d), self.iterable(d), self.expr(d))
            }
            19 => format!("f'{{ {} !r:>{}}}{{ {} }}'", self.expr(d), self.small(), self.expr(d)),
            20 => format!("({} := {})", self.pick(&["x", "y"]), self.expr(d)),
            _ => format!("{}({})", self.pick(&["f0", "f1", "K", "o.m", "f0(*c) and f0", "(lambda *a: a)"]), self.list(d)),
        }
    }

    fn pick_pair(&mut self, options: &[(&'static str, &'static str)]) -> (&'static str, &'static str) {
        options[self.below(options.len())]
    }

    fn atom(&mut self) -> String {
        match self.below(5) {
            0 => self.pick(NAMES).to_string(),
            1 => self.pick(INTS).to_string(),
            2 => self.pick(FLOATS).to_string(),
            3 => self.pick(STRS).to_string(),
            _ => self.pick(OTHERS).to_string(),
        }
    }

    fn small(&mut self) -> String {
        self.pick(&["", "0", "1", "-1", "2", "a", "-2**70"]).to_string()
    }

    fn list(&mut self, depth: usize) -> String {
        let n = self.below(4);
        let mut items: Vec<String> = (0..n).map(|_| self.expr(depth)).collect();
        if self.chance(6) {
            items.push(format!("*{}", self.pick(&["c", "b", "range(2)", "d"])));
        }
        items.join(", ")
    }

    fn iterable(&mut self, depth: usize) -> String {
        match self.below(3) {
            0 => format!("range({})", self.below(4)),
            1 => self.pick(&["c", "b", "d", "e", "o", "K(1)"]).to_string(),
            _ => self.expr(depth),
        }
    }

    fn fresh_var(&mut self) -> String {
        self.loop_var += 1;
        format!("v{}", self.loop_var % 3)
    }

    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn block(&mut self, depth: usize, cx: Context) {
        let n = 1 + self.below(3);
        for _ in 0..n {
            self.stmt(depth, cx);
        }
    }

    fn stmt(&mut self, depth: usize, cx: Context) {
        self.statements += 1;
        let i = depth;
        let nested = depth < MAX_DEPTH && self.statements < MAX_STATEMENTS;
        let kind = self.below(if nested { 20 } else { 9 });
        match kind {
            0 => {
                let (t, e) = (self.pick(TARGETS), self.expr(0));
                self.line(i, &format!("{t} = {e}"));
            }
            1 => {
                let (t, op, e) = (self.pick(TARGETS), self.pick(BINOPS), self.expr(1));
                self.line(i, &format!("{t} {op}= {e}"));
            }
            2 => {
                let (t, k, e) = (self.pick(&["c", "d", "o.v", "x"]), self.expr(2), self.expr(1));
                self.line(i, &format!("{t}[{k}] = {e}"));
            }
            3 => {
                let e = self.expr(0);
                self.line(i, &e);
            }
            4 => {
                let (t, e) = (self.pick(&["x, y", "x, *y", "[x, y], a", "o.v, c[0]"]), self.expr(1));
                self.line(i, &format!("{t} = {e}"));
            }
            5 => {
                let t = self.pick(&["c[0]", "d['k']", "o.v", "x", "c[1:]", "o"]);
                self.line(i, &format!("del {t}"));
            }
            6 => {
                let (exc, e) = (self.pick(EXCEPTIONS), self.expr(2));
                let exc = exc.trim_start_matches('(').split(',').next().unwrap_or("ValueError").to_string();
                self.line(i, &format!("raise {exc}({e})"));
            }
            7 => {
                let e = self.expr(1);
                self.line(i, &format!("assert {e}, 'msg'"));
            }
            8 => {
                let flow = match (cx.in_loop, cx.in_function) {
                    (true, _) if self.chance(2) => self.pick(&["break", "continue"]).to_string(),
                    (_, true) => format!("{} {}", self.pick(&["return", "yield", "yield from"]), self.expr(2)),
                    _ => "pass".to_string(),
                };
                let flow = if flow.starts_with("yield from") { "yield from c".to_string() } else { flow };
                self.line(i, &flow);
            }
            9 | 10 => {
                let e = self.expr(1);
                self.line(i, &format!("if {e}:"));
                self.block(depth + 1, cx);
                if self.chance(2) {
                    self.line(i, "else:");
                    self.block(depth + 1, cx);
                }
            }
            11 => {
                let (v, it) = (self.fresh_var(), self.iterable(2));
                self.line(i, &format!("for {v} in {it}:"));
                self.block(depth + 1, Context { in_loop: true, ..cx });
                if self.chance(3) {
                    self.line(i, "else:");
                    self.block(depth + 1, cx);
                }
            }
            12 => {
                let v = self.fresh_var();
                self.line(i, &format!("{v} = 0"));
                let n = self.below(4);
                self.line(i, &format!("while {v} < {n}:"));
                self.line(i + 1, &format!("{v} += 1"));
                self.block(depth + 1, Context { in_loop: true, ..cx });
            }
            13 | 14 => {
                self.line(i, "try:");
                self.block(depth + 1, cx);
                let handlers = self.below(3);
                let star = self.chance(8);
                for _ in 0..handlers {
                    let exc = self.pick(EXCEPTIONS);
                    let kw = if star { "except*" } else { "except" };
                    self.line(i, &format!("{kw} {exc} as err:"));
                    self.block(depth + 1, cx);
                }
                if handlers > 0 && self.chance(3) {
                    self.line(i, "else:");
                    self.block(depth + 1, cx);
                }
                if handlers == 0 || self.chance(3) {
                    self.line(i, "finally:");
                    self.block(depth + 1, cx);
                }
            }
            15 => {
                let name = self.pick(&["f0", "f1", "g"]);
                let params = self.pick(&["x=0, *args, **kw", "x, y=1", "*, k=2", "x=0, /, y=[]", ""]);
                self.line(i, &format!("def {name}({params}):"));
                if self.chance(3) {
                    self.line(i + 1, "global a, c");
                }
                self.block(depth + 1, Context { in_function: true, in_loop: false });
                let r = self.expr(2);
                self.line(i + 1, &format!("return {r}"));
            }
            16 => self.class(depth),
            17 => {
                let e = self.expr(1);
                let cm = self.pick(&["K", "open", "memoryview", "CM"]);
                self.line(i, &format!("with {cm}({e}) as w:"));
                self.block(depth + 1, cx);
            }
            18 => {
                let e = self.expr(1);
                self.line(i, &format!("match {e}:"));
                let pats = ["[x, *y]", "{'k': x}", "K(v=x)", "1 | 'a' | None", "str() as x", "(x, y) if x", "_"];
                let n = 1 + self.below(3);
                for _ in 0..n {
                    let p = self.pick(&pats);
                    self.line(i + 1, &format!("case {p}:"));
                    self.block(depth + 2, cx);
                }
            }
            _ => {
                let (t, it) = (self.pick(TARGETS), self.iterable(1));
                let key = self.pick(&["repr", "str", "hash", "lambda q: -q", "len"]);
                self.line(i, &format!("{t} = sorted({it}, key={key})"));
            }
        }
    }

    /// A class with generated dunder methods: the hostile part (an
    /// `__eq__` that mutates, a `__hash__` that raises, a `__del__` that
    /// resurrects ...), then uses of its instances.
    fn class(&mut self, depth: usize) {
        let i = depth;
        let name = self.pick(&["K", "CM", "L"]);
        let base = self.pick(&["", "(K)", "(list)", "(dict)", "(int)", "(str)", "(Exception)", "(K, Exception)"]);
        self.line(i, &format!("class {name}{base}:"));
        self.line(i + 1, "v = 0");
        let n = 1 + self.below(4);
        for _ in 0..n {
            let (dunder, params) = DUNDERS[self.below(DUNDERS.len())];
            self.line(i + 1, &format!("def {dunder}({params}):"));
            if dunder == "__del__" {
                // A finalizer that makes instances whose finalizers make
                // more never ends (in CPython too), and the exceptions a
                // finalizer raises, KeyboardInterrupt included, are only
                // reported: so that a timeout means a hang, a program runs
                // at most 100 finalizer bodies.
                self.line(i + 2, "global _dels");
                self.line(i + 2, "_dels = globals().get('_dels', 0) + 1");
                self.line(i + 2, "if _dels > 100: return None");
            }
            self.block(depth + 2, Context { in_function: true, in_loop: false });
            let r = self.pick(&["self", "1", "0", "True", "'s'", "iter(c)", "None", "hash(b)", "c.pop()", "d.clear()", "NotImplemented"]);
            self.line(i + 2, &format!("return {r}"));
        }
        let uses = [
            "x = {NAME(1): 1, NAME(2): 2}",
            "x = sorted([NAME(), NAME(), NAME()])",
            "x = NAME() == NAME()",
            "x = [NAME()] * 3; x.sort(); x.index(NAME())",
            "x = str(NAME()) + repr(NAME())",
            "x = NAME() in {NAME()}",
            "x = list(NAME())",
            "x = len(NAME())",
            "x = NAME(); x = None",
            "x = f'{NAME():>3}'",
            "x = c[NAME()]",
            "x = NAME() + 1",
            "with NAME() as w: pass",
        ];
        let u = uses[self.below(uses.len())].replace("NAME", name);
        self.line(i, &u);
    }
}
