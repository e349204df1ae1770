//! The text form of the IR, for `protopyc --emit ir` and tests.
//!
//! A code prints as a header line (kind, name, qualified name, first line,
//! flags), its tables, then its statements, each prefixed with its source
//! line. Names show where they live: `x` is a fast local, `cell:x` a cell,
//! `global:x` a module global, `name:x` a namespace lookup,
//! `classderef:x` a class-body read of an enclosing cell, `builtin:x` a
//! builtin the lowering itself uses. Codes created inside a statement
//! (functions, classes, comprehensions) print after it, one level deeper.

use std::fmt::{self, Write};

#[cfg(feature = "match-statements")]
use super::Pattern;
use super::{
    Args, BinOp, CmpOp, Code, CodeKind, Const, DictItem, Elt, Expr, FPart, Kwarg, Stmt, StmtKind,
    Target, UnaryOp,
};

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut printer = Printer::default();
        printer.code(self, 0);
        f.write_str(printer.out.trim_end_matches('\n'))
    }
}

#[derive(Default)]
struct Printer<'c> {
    out: String,
    /// Codes met while printing the current statement.
    nested: Vec<&'c Code>,
}

impl<'c> Printer<'c> {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{}{}", "  ".repeat(indent), text);
    }

    fn code(&mut self, code: &'c Code, indent: usize) {
        let kind = match code.kind {
            CodeKind::Module => "module",
            CodeKind::Function => "function",
            CodeKind::Lambda => "lambda",
            CodeKind::Class => "class",
            CodeKind::Comprehension => "comprehension",
        };
        let mut header = format!(
            "{kind} {} qualname={} line={}",
            code.name, code.qualname, code.first_line
        );
        if code.is_generator {
            header.push_str(" generator");
        }
        if code.is_coroutine {
            header.push_str(" coroutine");
        }
        self.line(indent, &header);
        self.tables(code, indent + 1);
        for stmt in &code.body {
            self.stmt(code, stmt, indent + 1);
        }
    }

    fn tables(&mut self, code: &Code, indent: usize) {
        let p = &code.params;
        if p.total() > 0 {
            let mut text = format!(
                "params: posonly={} positional={} kwonly={}",
                p.posonly, p.positional, p.kwonly
            );
            if p.vararg {
                text.push_str(" *args");
            }
            if p.kwarg {
                text.push_str(" **kwargs");
            }
            self.line(indent, &text);
        }
        for (label, names) in [
            ("locals", &code.locals),
            ("cells", &code.cellvars),
            ("freevars", &code.freevars),
        ] {
            if !names.is_empty() {
                let joined: Vec<&str> = names.iter().map(|n| &**n).collect();
                self.line(indent, &format!("{label}: {}", joined.join(" ")));
            }
        }
        if !code.cell_params.is_empty() {
            let pairs: Vec<String> = code
                .cell_params
                .iter()
                .map(|&(slot, cell)| {
                    format!("{}->{}", local_name(code, slot), cell_name(code, cell))
                })
                .collect();
            self.line(indent, &format!("cell_params: {}", pairs.join(" ")));
        }
        if let Some(doc) = &code.docstring {
            self.line(indent, &format!("docstring: {}", str_repr(doc)));
        }
    }

    fn block(&mut self, code: &'c Code, body: &'c [Stmt], indent: usize) {
        for stmt in body {
            self.stmt(code, stmt, indent);
        }
    }

    fn stmt(&mut self, code: &'c Code, stmt: &'c Stmt, indent: usize) {
        let head = |text: String| format!("{}: {text}", stmt.line);
        match &stmt.kind {
            StmtKind::Expr(e) => {
                let text = self.expr(code, e);
                self.line(indent, &head(text));
            }
            StmtKind::Assign(targets, value) => {
                let mut text = String::new();
                for target in targets {
                    let _ = write!(text, "{} = ", self.target(code, target));
                }
                text.push_str(&self.expr(code, value));
                self.line(indent, &head(text));
            }
            StmtKind::If(test, body, orelse) => {
                let text = format!("if {}:", self.expr(code, test));
                self.compound(code, indent, head(text), body, orelse);
            }
            StmtKind::While(test, body, orelse) => {
                let text = format!("while {}:", self.expr(code, test));
                self.compound(code, indent, head(text), body, orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let text = format!(
                    "for {} in {}:",
                    self.target(code, target),
                    self.expr(code, iter)
                );
                self.compound(code, indent, head(text), body, orelse);
            }
            StmtKind::Break => self.line(indent, &head("break".into())),
            StmtKind::Continue => self.line(indent, &head("continue".into())),
            StmtKind::Pass => self.line(indent, &head("pass".into())),
            StmtKind::Return(value) => {
                let text = match value {
                    Some(v) => format!("return {}", self.expr(code, v)),
                    None => "return".to_string(),
                };
                self.line(indent, &head(text));
            }
            StmtKind::Raise(exc, cause) => {
                let mut text = "raise".to_string();
                if let Some(exc) = exc {
                    let _ = write!(text, " {}", self.expr(code, exc));
                }
                if let Some(cause) = cause {
                    let _ = write!(text, " from {}", self.expr(code, cause));
                }
                self.line(indent, &head(text));
            }
            StmtKind::Try(t) => {
                self.line(indent, &head("try:".into()));
                self.flush_nested(indent + 1);
                self.block(code, &t.body, indent + 1);
                for handler in &t.handlers {
                    let mut text = if t.star {
                        "except*".to_string()
                    } else {
                        "except".to_string()
                    };
                    if let Some(typ) = &handler.typ {
                        let _ = write!(text, " {}", self.expr(code, typ));
                    }
                    if let Some(name) = &handler.name {
                        let _ = write!(text, " as {}", self.target(code, name));
                    }
                    self.line(indent, &format!("{}: {text}:", handler.line));
                    self.flush_nested(indent + 1);
                    self.block(code, &handler.body, indent + 1);
                }
                self.else_block(code, indent, "else:", &t.orelse);
                self.else_block(code, indent, "finally:", &t.finalbody);
            }
            #[cfg(feature = "match-statements")]
            StmtKind::Match(subject, cases) => {
                let text = format!("match {}:", self.expr(code, subject));
                self.line(indent, &head(text));
                self.flush_nested(indent + 1);
                for case in cases {
                    let mut text =
                        format!("{}: case {}", case.line, self.pattern(code, &case.pattern));
                    if let Some(guard) = &case.guard {
                        let _ = write!(text, " if {}", self.expr(code, guard));
                    }
                    text.push(':');
                    self.line(indent + 1, &text);
                    self.flush_nested(indent + 2);
                    self.block(code, &case.body, indent + 2);
                }
            }
            StmtKind::Delete(targets) => {
                let names: Vec<String> = targets.iter().map(|t| self.target(code, t)).collect();
                self.line(indent, &head(format!("del {}", names.join(", "))));
            }
        }
        self.flush_nested(indent + 1);
    }

    fn compound(
        &mut self,
        code: &'c Code,
        indent: usize,
        head: String,
        body: &'c [Stmt],
        orelse: &'c [Stmt],
    ) {
        self.line(indent, &head);
        self.flush_nested(indent + 1);
        self.block(code, body, indent + 1);
        self.else_block(code, indent, "else:", orelse);
    }

    fn else_block(&mut self, code: &'c Code, indent: usize, label: &str, body: &'c [Stmt]) {
        if !body.is_empty() {
            self.line(indent, label);
            self.block(code, body, indent + 1);
        }
    }

    fn flush_nested(&mut self, indent: usize) {
        for nested in std::mem::take(&mut self.nested) {
            self.code(nested, indent);
        }
    }
}

fn local_name(code: &Code, slot: u32) -> String {
    code.locals
        .get(slot as usize)
        .map_or_else(|| format!("<local {slot}>"), |n| n.to_string())
}

fn cell_name(code: &Code, cell: u32) -> String {
    let cell = cell as usize;
    code.cellvars
        .get(cell)
        .or_else(|| code.freevars.get(cell.wrapping_sub(code.cellvars.len())))
        .map_or_else(|| format!("<cell {cell}>"), |n| n.to_string())
}

fn name_of(code: &Code, id: u32) -> String {
    code.names
        .get(id as usize)
        .map_or_else(|| format!("<name {id}>"), |n| n.to_string())
}

/// A Python-style `repr` of a string.
fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn const_repr(value: &Const) -> String {
    match value {
        Const::None => "None".into(),
        Const::True => "True".into(),
        Const::False => "False".into(),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Int(i) => i.to_string(),
        Const::BigInt(digits) => digits.to_string(),
        Const::Float(f) => format!("{f:?}"),
        Const::Imaginary(f) => format!("{f:?}j"),
        Const::Str(s) => str_repr(s),
        Const::Bytes(bytes) => {
            let mut out = "b'".to_string();
            for &b in bytes.iter() {
                match b {
                    b'\\' => out.push_str("\\\\"),
                    b'\'' => out.push_str("\\'"),
                    b'\n' => out.push_str("\\n"),
                    0x20..=0x7e => out.push(b as char),
                    _ => {
                        let _ = write!(out, "\\x{b:02x}");
                    }
                }
            }
            out.push('\'');
            out
        }
    }
}

fn binary_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::TrueDiv => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

fn unary_symbol(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Neg => "-",
        UnaryOp::Pos => "+",
        UnaryOp::Invert => "~",
        UnaryOp::Not => "not ",
    }
}

fn compare_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

impl<'c> Printer<'c> {
    fn target(&mut self, code: &'c Code, target: &'c Target) -> String {
        match target {
            Target::Local(slot) => local_name(code, *slot),
            Target::Cell(cell) => format!("cell:{}", cell_name(code, *cell)),
            Target::Global(id) => format!("global:{}", name_of(code, *id)),
            Target::Name(id) => format!("name:{}", name_of(code, *id)),
            Target::Attribute(object, id) => {
                format!("{}.{}", self.expr(code, object), name_of(code, *id))
            }
            Target::Subscript(object, index) => {
                format!("{}[{}]", self.expr(code, object), self.expr(code, index))
            }
            Target::Unpack(targets, star) => {
                let parts: Vec<String> = targets
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let text = self.target(code, t);
                        if Some(i) == *star {
                            format!("*{text}")
                        } else {
                            text
                        }
                    })
                    .collect();
                tuple_text(parts)
            }
        }
    }

    fn expr(&mut self, code: &'c Code, expr: &'c Expr) -> String {
        match expr {
            Expr::Const(id) => code
                .consts
                .get(*id as usize)
                .map_or_else(|| format!("<const {id}>"), const_repr),
            Expr::Local(slot) => local_name(code, *slot),
            Expr::Cell(cell) => format!("cell:{}", cell_name(code, *cell)),
            Expr::Global(id) => format!("global:{}", name_of(code, *id)),
            Expr::Name(id) => format!("name:{}", name_of(code, *id)),
            Expr::ClassDeref(id, _) => format!("classderef:{}", name_of(code, *id)),
            Expr::Builtin(id) => format!("builtin:{}", name_of(code, *id)),
            Expr::Attribute(object, id) => {
                format!("{}.{}", self.expr(code, object), name_of(code, *id))
            }
            Expr::Subscript(object, index) => {
                format!("{}[{}]", self.expr(code, object), self.expr(code, index))
            }
            Expr::Slice(lower, upper, step) => {
                let mut text = String::new();
                for (i, part) in [lower, upper, step].into_iter().enumerate() {
                    if i > 0 {
                        text.push(':');
                    }
                    if let Some(part) = part {
                        text.push_str(&self.expr(code, part));
                    }
                }
                text
            }
            Expr::BinOp(op, l, r) => {
                format!(
                    "({} {} {})",
                    self.expr(code, l),
                    binary_symbol(*op),
                    self.expr(code, r)
                )
            }
            Expr::InPlace(op, l, r) => {
                format!(
                    "({} {}= {})",
                    self.expr(code, l),
                    binary_symbol(*op),
                    self.expr(code, r)
                )
            }
            Expr::Unary(op, operand) => {
                format!("({}{})", unary_symbol(*op), self.expr(code, operand))
            }
            Expr::And(l, r) => format!("({} and {})", self.expr(code, l), self.expr(code, r)),
            Expr::Or(l, r) => format!("({} or {})", self.expr(code, l), self.expr(code, r)),
            Expr::Compare(left, rest) => {
                let mut text = format!("({}", self.expr(code, left));
                for (op, right) in rest {
                    let _ = write!(text, " {} {}", compare_symbol(*op), self.expr(code, right));
                }
                text.push(')');
                text
            }
            Expr::IfElse(test, body, orelse) => format!(
                "({} if {} else {})",
                self.expr(code, body),
                self.expr(code, test),
                self.expr(code, orelse)
            ),
            Expr::Call(func, args) => {
                format!("{}({})", self.expr(code, func), self.args(code, args))
            }
            Expr::CallMethod(object, id, args) => {
                format!(
                    "{}.{}({})",
                    self.expr(code, object),
                    name_of(code, *id),
                    self.args(code, args)
                )
            }
            Expr::Tuple(elts) => {
                let parts = self.elts(code, elts);
                tuple_text(parts)
            }
            Expr::List(elts) => format!("[{}]", self.elts(code, elts).join(", ")),
            Expr::Set(elts) => format!("{{{}}}", self.elts(code, elts).join(", ")),
            Expr::Dict(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|item| match item {
                        DictItem::Pair(k, v) => {
                            format!("{}: {}", self.expr(code, k), self.expr(code, v))
                        }
                        DictItem::Unpack(d) => format!("**{}", self.expr(code, d)),
                    })
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Expr::Function(make) => {
                self.nested.push(&make.code);
                let mut parts = vec![make.code.qualname.to_string()];
                if !make.defaults.is_empty() {
                    let defaults: Vec<String> =
                        make.defaults.iter().map(|d| self.expr(code, d)).collect();
                    parts.push(format!("defaults=({})", defaults.join(", ")));
                }
                if !make.kwdefaults.is_empty() {
                    let kw: Vec<String> = make
                        .kwdefaults
                        .iter()
                        .map(|(id, d)| format!("{}={}", name_of(code, *id), self.expr(code, d)))
                        .collect();
                    parts.push(format!("kwdefaults=({})", kw.join(", ")));
                }
                parts.extend(closure_text(code, &make.closure));
                format!("make_function({})", parts.join(", "))
            }
            Expr::Class(make) => {
                self.nested.push(&make.code);
                let mut parts = vec![name_of(code, make.name)];
                parts.extend(self.elts(code, &make.bases));
                parts.extend(self.kwargs(code, &make.keywords));
                parts.extend(closure_text(code, &make.closure));
                if let Some(cell) = make.class_cell {
                    let name = make.code.cellvars.get(cell as usize).map_or("?", |n| &**n);
                    parts.push(format!("class_cell={name}"));
                }
                format!("make_class({})", parts.join(", "))
            }
            Expr::FString(parts) => format!("f({})", self.fparts(code, parts)),
            Expr::Yield(Some(value)) => format!("(yield {})", self.expr(code, value)),
            Expr::Yield(None) => "(yield)".to_string(),
            Expr::YieldFrom(value) => format!("(yield from {})", self.expr(code, value)),
            Expr::Await(value) => format!("(await {})", self.expr(code, value)),
            Expr::Named(target, value) => {
                format!(
                    "({} := {})",
                    self.target(code, target),
                    self.expr(code, value)
                )
            }
            Expr::Import {
                name,
                fromlist,
                level,
            } => {
                let from: Vec<String> = fromlist
                    .iter()
                    .map(|id| str_repr(&name_of(code, *id)))
                    .collect();
                format!(
                    "import({}, [{}], {level})",
                    str_repr(&name_of(code, *name)),
                    from.join(", ")
                )
            }
            Expr::ImportFrom(module, id) => format!(
                "import_from({}, {})",
                self.expr(code, module),
                name_of(code, *id)
            ),
            Expr::ImportStar(module) => format!("import_star({})", self.expr(code, module)),
            Expr::Super(class, instance) => {
                format!(
                    "super({}, {})",
                    self.expr(code, class),
                    self.expr(code, instance)
                )
            }
            Expr::CurrentException => "current_exception".to_string(),
            Expr::Locals => "locals".to_string(),
        }
    }

    fn elts(&mut self, code: &'c Code, elts: &'c [Elt]) -> Vec<String> {
        elts.iter()
            .map(|elt| match elt {
                Elt::Item(e) => self.expr(code, e),
                Elt::Star(e) => format!("*{}", self.expr(code, e)),
            })
            .collect()
    }

    fn kwargs(&mut self, code: &'c Code, kwargs: &'c [Kwarg]) -> Vec<String> {
        kwargs
            .iter()
            .map(|kwarg| match kwarg {
                Kwarg::Named(id, e) => format!("{}={}", name_of(code, *id), self.expr(code, e)),
                Kwarg::Unpack(e) => format!("**{}", self.expr(code, e)),
            })
            .collect()
    }

    fn args(&mut self, code: &'c Code, args: &'c Args) -> String {
        let mut parts = self.elts(code, &args.args);
        parts.extend(self.kwargs(code, &args.kwargs));
        parts.join(", ")
    }

    fn fparts(&mut self, code: &'c Code, parts: &'c [FPart]) -> String {
        let texts: Vec<String> = parts
            .iter()
            .map(|part| match part {
                FPart::Literal(id) => code
                    .consts
                    .get(*id as usize)
                    .map_or_else(|| format!("<const {id}>"), const_repr),
                FPart::Value {
                    expr,
                    conversion,
                    spec,
                } => {
                    let mut text = format!("{{{}", self.expr(code, expr));
                    if let Some(c) = conversion {
                        let _ = write!(text, "!{c}");
                    }
                    if let Some(spec) = spec {
                        let _ = write!(text, ":{}", self.fparts(code, spec));
                    }
                    text.push('}');
                    text
                }
            })
            .collect();
        texts.join(" ")
    }
}

#[cfg(feature = "match-statements")]
impl<'c> Printer<'c> {
    fn pattern(&mut self, code: &'c Code, pattern: &'c Pattern) -> String {
        match pattern {
            Pattern::Value(value) => self.expr(code, value),
            Pattern::Singleton(id) => code
                .consts
                .get(*id as usize)
                .map_or_else(|| format!("<const {id}>"), const_repr),
            Pattern::Sequence(items) => {
                let parts: Vec<String> = items.iter().map(|p| self.pattern(code, p)).collect();
                format!("[{}]", parts.join(", "))
            }
            Pattern::Star(target) => match target {
                Some(t) => format!("*{}", self.target(code, t)),
                None => "*_".to_string(),
            },
            Pattern::Mapping {
                keys,
                patterns,
                rest,
            } => {
                let mut parts: Vec<String> = keys
                    .iter()
                    .zip(patterns)
                    .map(|(k, p)| format!("{}: {}", self.expr(code, k), self.pattern(code, p)))
                    .collect();
                if let Some(rest) = rest {
                    parts.push(format!("**{}", self.target(code, rest)));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Pattern::Class {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                let mut parts: Vec<String> =
                    patterns.iter().map(|p| self.pattern(code, p)).collect();
                for (attr, p) in kwd_attrs.iter().zip(kwd_patterns) {
                    parts.push(format!(
                        "{}={}",
                        name_of(code, *attr),
                        self.pattern(code, p)
                    ));
                }
                format!("{}({})", self.expr(code, cls), parts.join(", "))
            }
            Pattern::As(None, None) => "_".to_string(),
            Pattern::As(None, Some(target)) => self.target(code, target),
            Pattern::As(Some(inner), target) => {
                let inner = self.pattern(code, inner);
                match target {
                    Some(t) => format!("({inner} as {})", self.target(code, t)),
                    None => inner,
                }
            }
            Pattern::Or(alternatives) => {
                let parts: Vec<String> =
                    alternatives.iter().map(|p| self.pattern(code, p)).collect();
                format!("({})", parts.join(" | "))
            }
        }
    }
}

fn tuple_text(parts: Vec<String>) -> String {
    match parts.len() {
        1 => format!("({},)", parts.join("")),
        _ => format!("({})", parts.join(", ")),
    }
}

fn closure_text(code: &Code, closure: &[u32]) -> Option<String> {
    if closure.is_empty() {
        return None;
    }
    let cells: Vec<String> = closure.iter().map(|&c| cell_name(code, c)).collect();
    Some(format!("closure=({})", cells.join(", ")))
}
