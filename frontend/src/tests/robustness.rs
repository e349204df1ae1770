//! No input makes the front end panic: mutated programs (random
//! insertions of brackets, quotes, keywords, indentation; deletions;
//! long repetitions) must compile or give a `SyntaxError`, and printing
//! the result must work too.

use super::*;

const SEEDS: [&str; 5] = [
    "import os\nfrom . import x as y\n\n@dec(1)\nclass C(B, metaclass=M):\n    '''Doc.'''\n    z = [i for i in range(3) if i]\n    def m(self, a, /, b=2, *c, d, **e):\n        return super().m(a, *c, d=d, **e)\n",
    "def gen(n):\n    total = 0\n    for i in range(n):\n        try:\n            total += yield i\n        except* ValueError as e:\n            pass\n        finally:\n            del i\n    return f'{total!r:>{n}} {n=}'\n",
    "async def main(xs):\n    async with lock as held, other:\n        async for x in xs:\n            await x\n    return {k: v async for k, v in xs}\nwhile True:\n    match cmd:\n        case [a, *rest] if a:\n            break\n        case {'k': v} | Point(x=v, y=_):\n            continue\n",
    "x = lambda a, b=1: (a := b) or not a and b if a else -b ** 2\nglobal g\nwith open(f) as h: h.write(b'\\x00' b'a', \"b\")\nassert x, 'msg'\nnonlocal_name = {**d, 'a': [*l, (1, 2)][1:2:3]}\n",
    "class O:\n    A = int\n    type X[T: A = str, *Ts, **P] = dict[T, A]\n    @d\n    def m[U: (int, str)](self, u=A, *, k=U) -> U:\n        return super().m(t'{u!r:>{k}} {self=}')\n",
];

const PIECES: [&str; 44] = [
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "'",
    "\"",
    "\"\"\"",
    "f'{",
    "}'",
    ":",
    "\n",
    "    ",
    "\t",
    "\\",
    "=",
    ":=",
    "*",
    "**",
    "lambda",
    "yield",
    "await",
    "async ",
    "nonlocal x\n",
    "global y\n",
    "return",
    "break",
    "class ",
    "def ",
    "@",
    ",",
    ".",
    "#",
    "é",
    "€",
    "$",
    "match ",
    "case ",
    "t'",
    "0x",
    "1_",
    "super()",
    "except* ",
];

/// A small deterministic generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below.max(1) as u64) as usize
    }
}

fn mutate(random: &mut Random, base: &str) -> String {
    let mut text = base.to_string();
    for _ in 0..1 + random.next(4) {
        let mut at = random.next(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let piece = PIECES[random.next(PIECES.len())];
        match random.next(3) {
            0 => text.insert_str(at, piece),
            1 => {
                let mut end = (at + 1 + random.next(8)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
            _ => text.insert_str(at, &piece.repeat(1 + random.next(400))),
        }
    }
    text
}

#[test]
fn seeds_compile() {
    for seed in SEEDS {
        match compile(seed, "seed.py", Mode::Module) {
            Ok(_) => {}
            // `match` without the `match-statements` feature.
            Err(e) => assert!(e.msg.contains("not supported yet"), "{e}"),
        }
    }
}

#[test]
fn mutated_programs_never_panic() {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for i in 0..3000 {
        let text = mutate(&mut random, SEEDS[i % SEEDS.len()]);
        match compile(&text, "fuzz.py", Mode::Module) {
            Ok(code) => {
                let _ = code.to_string();
            }
            Err(e) => {
                assert!(!e.msg.starts_with("internal"), "{e}\nfor input {text:?}");
                let _ = e.to_string();
            }
        }
    }
}

/// Compiles every `.py` file under `$PROTOPY_CORPUS` (for instance a
/// CPython `Lib` directory) and lists those that fail for another reason
/// than a construct not supported yet. Files named `bad*` are CPython's
/// deliberately broken test inputs and are skipped.
#[test]
#[ignore = "needs PROTOPY_CORPUS"]
fn corpus_compiles() {
    let Ok(root) = std::env::var("PROTOPY_CORPUS") else {
        return;
    };
    let mut pending = vec![std::path::PathBuf::from(root)];
    let mut failures = Vec::new();
    while let Some(path) = pending.pop() {
        if let Ok(entries) = std::fs::read_dir(&path) {
            pending.extend(entries.flatten().map(|e| e.path()));
            continue;
        }
        let deliberately_bad = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("bad"));
        let is_python = path.extension().is_some_and(|e| e == "py") && !deliberately_bad;
        let Some(text) = is_python
            .then(|| std::fs::read_to_string(&path).ok())
            .flatten()
        else {
            continue;
        };
        if let Err(e) = compile(&text, &path.to_string_lossy(), Mode::Module) {
            if !e.msg.contains("not supported yet") {
                failures.push(e.to_string());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
