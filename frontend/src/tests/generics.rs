//! PEP 695 generics and PEP 750 t-strings: their scopes and lowering.

use super::*;

#[test]
fn dump_for_dev() {
    for src in [
        "def f[T: int, *Ts, **P](x, y=1, *, z=2) -> T:\n    return T\n",
        "class C[T](B, metaclass=M):\n    def m(self): return super().m(T)\n",
        "type A[T = int] = list[T]\ntype B = int\n",
        "class O:\n    X = 1\n    type A = X\n    def m[T: X](self): pass\n",
        "x = t'a{b!r:>{w}} {c=}'\n",
    ] {
        println!("{}", ir(src));
        println!("{}", scopes(src));
    }
    panic!();
}
