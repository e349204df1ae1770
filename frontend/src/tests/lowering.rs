//! Lowering snapshots: small programs and their printed IR.

use super::*;

#[test]
fn module_variables_docstring_and_augmented_assignment() {
    assert_text(
        &ir("'''Doc.\n   More.'''\nx = 1\nx += 2\no.a *= 3\no[i] -= 4\n"),
        "
        module <module> qualname=<module> line=1
          locals: $0 $1 $2
          docstring: 'Doc.\\nMore.'
          1: global:__doc__ = 'Doc.\\nMore.'
          3: global:x = 1
          4: global:x = (global:x += 2)
          5: $0 = global:o
          5: $0.a = ($0.a *= 3)
          6: $1 = global:o
          6: $2 = global:i
          6: $1[$2] = ($1[$2] -= 4)
        ",
    );
}

#[test]
fn exec_and_eval_modes_use_name_lookups_at_top_level() {
    let exec = compile("x = y\ndef f(): return x\n", "<string>", Mode::Exec).map(|c| c.to_string());
    assert_text(
        &exec.unwrap_or_else(|e| e.to_string()),
        "
        module <module> qualname=<module> line=1
          1: name:x = name:y
          2: name:f = make_function(f)
            function f qualname=f line=2
              2: return global:x
        ",
    );
    // An inlined (3.12+) comprehension sees the locals mapping too; a
    // generator expression does not.
    let exec =
        compile("[y for _ in z]\n(y for _ in z)\n", "<string>", Mode::Exec).map(|c| c.to_string());
    let text = exec.unwrap_or_else(|e| e.to_string());
    assert!(text.contains("$0.append(name:y)"), "{text}");
    assert!(text.contains("(yield global:y)"), "{text}");
    let eval = compile("  a + 1", "<string>", Mode::Eval).map(|c| c.to_string());
    assert_text(
        &eval.unwrap_or_else(|e| e.to_string()),
        "
        module <module> qualname=<module> line=1
          1: return (name:a + 1)
        ",
    );
}

#[test]
fn functions_parameters_defaults_and_closures() {
    assert_text(
        &ir("def outer(a, b=1, /, c=2, *args, d, e=3, **kw):\n    '''  Doc.'''\n    def inner():\n        nonlocal a\n        a = a + c\n        return a\n    return inner\n"),
        "
        module <module> qualname=<module> line=1
          1: global:outer = make_function(outer, defaults=(1, 2), kwdefaults=(e=3))
            function outer qualname=outer line=1
              params: posonly=2 positional=3 kwonly=2 *args **kwargs
              locals: a b c d e args kw inner
              cells: a c
              cell_params: a->a c->c
              docstring: 'Doc.'
              3: inner = make_function(outer.<locals>.inner, closure=(a, c))
                function inner qualname=outer.<locals>.inner line=3
                  freevars: a c
                  5: cell:a = (cell:a + cell:c)
                  6: return cell:a
              7: return inner
        ",
    );
}

#[test]
fn decorators_are_evaluated_first_and_applied_bottom_up() {
    assert_text(
        &ir("@a\n@b(1)\ndef f():\n    yield\n"),
        "
        module <module> qualname=<module> line=1
          1: global:f = global:a(global:b(1)(make_function(f)))
            function f qualname=f line=1 generator
              4: (yield)
        ",
    );
}

#[test]
fn class_body_super_and_class_deref() {
    assert_text(
        &ir("def f(v):\n    @d\n    class C(B, metaclass=M):\n        '''Doc.'''\n        w = v\n        def m(self):\n            return super().m()\n    return C\n"),
        "
        module <module> qualname=<module> line=1
          1: global:f = make_function(f)
            function f qualname=f line=1
              params: posonly=0 positional=1 kwonly=0
              locals: v C
              cells: v
              cell_params: v->v
              2: C = global:d(make_class(C, global:B, metaclass=global:M, closure=(v), class_cell=__class__))
                class C qualname=f.<locals>.C line=2
                  cells: __class__
                  freevars: v
                  docstring: 'Doc.'
                  2: name:__module__ = global:__name__
                  2: name:__qualname__ = 'f.<locals>.C'
                  2: name:__firstlineno__ = 2
                  4: name:__doc__ = 'Doc.'
                  5: name:w = classderef:v
                  6: name:m = make_function(f.<locals>.C.m, closure=(__class__))
                    function m qualname=f.<locals>.C.m line=6
                      params: posonly=0 positional=1 kwonly=0
                      locals: self
                      freevars: __class__
                      7: return super(cell:__class__, self).m()
                  2: name:__static_attributes__ = ()
              8: return C
        ",
    );
}

#[test]
fn super_without_an_enclosing_class_is_a_plain_call() {
    assert_text(
        &ir("def f(self):\n    return super()\n"),
        "
        module <module> qualname=<module> line=1
          1: global:f = make_function(f)
            function f qualname=f line=1
              params: posonly=0 positional=1 kwonly=0
              locals: self
              2: return global:super()
        ",
    );
}

#[test]
fn comprehensions() {
    assert_text(
        &ir("a = [x * y for x in xs if x for y in x]\nb = {k: v for k, v in d}\nc = {s for s in t}\ng = (q for q in r)\n"),
        "
        module <module> qualname=<module> line=1
          1: global:a = make_function(<listcomp>)(builtin:iter(global:xs))
            comprehension <listcomp> qualname=<listcomp> line=1
              params: posonly=0 positional=1 kwonly=0
              locals: .0 x y $0
              1: $0 = []
              1: for x in .0:
                1: if x:
                  1: for y in x:
                    1: $0.append((x * y))
              1: return $0
          2: global:b = make_function(<dictcomp>)(builtin:iter(global:d))
            comprehension <dictcomp> qualname=<dictcomp> line=2
              params: posonly=0 positional=1 kwonly=0
              locals: .0 k v $0 $1
              2: $0 = {}
              2: for (k, v) in .0:
                2: $1 = k
                2: $0[$1] = v
              2: return $0
          3: global:c = make_function(<setcomp>)(builtin:iter(global:t))
            comprehension <setcomp> qualname=<setcomp> line=3
              params: posonly=0 positional=1 kwonly=0
              locals: .0 s $0
              3: $0 = builtin:set()
              3: for s in .0:
                3: $0.add(s)
              3: return $0
          4: global:g = make_function(<genexpr>)(builtin:iter(global:r))
            comprehension <genexpr> qualname=<genexpr> line=4 generator
              params: posonly=0 positional=1 kwonly=0
              locals: .0 q
              4: for q in .0:
                4: (yield q)
        ",
    );
}

#[test]
fn with_calls_exit_on_every_way_out() {
    assert_text(
        &ir("with m() as v:\n    body()\n"),
        "
        module <module> qualname=<module> line=1
          locals: $0 $1 $2 $3 $4
          1: $0 = global:m()
          1: $1 = builtin:type($0).__enter__
          1: $2 = builtin:type($0).__exit__
          1: $3 = $1($0)
          1: $4 = False
          1: try:
            1: global:v = $3
            2: global:body()
          1: except builtin:BaseException:
            1: $4 = True
            1: if (not $2($0, builtin:type(current_exception), current_exception, current_exception.__traceback__)):
              1: raise
          finally:
            1: if (not $4):
              1: $2($0, None, None, None)
        ",
    );
}

#[test]
fn async_for_and_async_comprehension() {
    assert_text(
        &ir("async def f():\n    async for i in it:\n        use(i)\n    else:\n        done()\n    return [await z for z in w]\n"),
        "
        module <module> qualname=<module> line=1
          1: global:f = make_function(f)
            function f qualname=f line=1 coroutine
              locals: i $0 $1 $2
              2: $0 = builtin:aiter(global:it)
              2: $1 = True
              2: while $1:
                2: try:
                  2: $2 = (await builtin:anext($0))
                2: except builtin:StopAsyncIteration:
                  2: $1 = False
                else:
                  2: i = $2
                  3: global:use(i)
              else:
                5: global:done()
              6: return (await make_function(f.<locals>.<listcomp>)(builtin:iter(global:w)))
                comprehension <listcomp> qualname=f.<locals>.<listcomp> line=6 coroutine
                  params: posonly=0 positional=1 kwonly=0
                  locals: .0 z $0
                  6: $0 = []
                  6: for z in .0:
                    6: $0.append((await z))
                  6: return $0
        ",
    );
}

#[test]
fn try_assert_delete_and_unpacking() {
    assert_text(
        &ir("try:\n    a, *b, (c, d) = t\nexcept* (E, F) as err:\n    del a, x.y, z[0], (p, q)\nelse:\n    assert a, 'm'\nfinally:\n    raise E from None\n"),
        "
        module <module> qualname=<module> line=1
          1: try:
            2: (global:a, *global:b, (global:c, global:d)) = global:t
          3: except* (global:E, global:F) as global:err:
            4: del global:a, global:x.y, global:z[0], global:p, global:q
          else:
            6: if (not global:a):
              6: raise builtin:AssertionError('m')
          finally:
            8: raise global:E from None
        ",
    );
}

#[test]
fn imports() {
    assert_text(
        &ir("import a.b.c\nimport a.b as ab\nfrom .m import x as y, z\nfrom .. import w\nfrom q import *\n"),
        "
        module <module> qualname=<module> line=1
          locals: $0
          1: global:a = import('a.b.c', [], 0)
          2: global:ab = import_from(import('a.b', [], 0), b)
          3: $0 = import('m', ['x', 'z'], 1)
          3: global:y = import_from($0, x)
          3: global:z = import_from($0, z)
          4: global:w = import_from(import('', ['w'], 2), w)
          5: import_star(import('q', ['*'], 0))
        ",
    );
}

#[test]
fn literals_fstrings_and_operators() {
    assert_text(
        &ir("x = (y := 0x1_0000_0000_0000_0000) and b'a\\x00' or 2j or -1.5 or ...\ns = f'a{x!r:>{w}}b' 'c' f'{y=}{z = :5}'\nt = a[1:2, ::3] if p is not q < r else not s\n"),
        "
        module <module> qualname=<module> line=1
          1: global:x = (((global:y := 18446744073709551616) and b'a\\x00') or (2.0j or ((-1.5) or Ellipsis)))
          2: global:s = f('a' {global:x!r:'>' {global:w}} 'bcy=' {global:y!r} 'z = ' {global:z:'5'})
          3: global:t = (global:a[(1:2:, ::3)] if (global:p is not global:q < global:r) else (not global:s))
        ",
    );
}

#[test]
fn loops_with_else_break_and_continue() {
    assert_text(
        &ir("for i in x:\n    if i:\n        break\n    continue\nelse:\n    pass\nwhile n:\n    n -= 1\nelse:\n    done()\n"),
        "
        module <module> qualname=<module> line=1
          1: for global:i in global:x:
            2: if global:i:
              3: break
            4: continue
          else:
            6: pass
          7: while global:n:
            8: global:n = (global:n -= 1)
          else:
            10: global:done()
        ",
    );
}

#[test]
fn calls_with_unpacking_and_method_calls() {
    assert_text(
        &ir("f(a, *b, c=1, **d)\no.m(*x)\n(o.m)(1)\nprint(*[1], sep='')\n"),
        "
        module <module> qualname=<module> line=1
          1: global:f(global:a, *global:b, c=1, **global:d)
          2: global:o.m(*global:x)
          3: global:o.m(1)
          4: global:print(*[1], sep='')
        ",
    );
}

#[test]
fn private_names_are_mangled() {
    assert_text(
        &ir("class C:\n    __a = 1\n    def m(self):\n        return self.__b(__c=1)\n"),
        "
        module <module> qualname=<module> line=1
          1: global:C = make_class(C)
            class C qualname=C line=1
              1: name:__module__ = global:__name__
              1: name:__qualname__ = 'C'
              1: name:__firstlineno__ = 1
              2: name:_C__a = 1
              3: name:m = make_function(C.m)
                function m qualname=C.m line=3
                  params: posonly=0 positional=1 kwonly=0
                  locals: self
                  4: return self._C__b(__c=1)
              1: name:__static_attributes__ = ()
        ",
    );
}

#[cfg(not(feature = "match-statements"))]
#[test]
fn not_yet_supported_constructs_are_syntax_errors() {
    assert_eq!(
        error("match x:\n    case 1: pass\n").msg,
        "match statements are not supported yet"
    );
}

#[cfg(feature = "match-statements")]
#[test]
fn match_statements_keep_their_patterns() {
    assert_text(
        &ir("match p:\n    case 0 | None:\n        pass\n    case [x, *rest] if x:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(1, y=(z as w)):\n        pass\n    case _:\n        pass\n"),
        "
        module <module> qualname=<module> line=1
          1: match global:p:
            2: case (0 | None):
              3: pass
            4: case [global:x, *global:rest] if global:x:
              5: pass
            6: case {'k': global:v, **global:kw}:
              7: pass
            8: case global:Point(1, y=(global:z as global:w)):
              9: pass
            10: case _:
              11: pass
        ",
    );
}

#[test]
fn static_attributes_are_the_self_attributes_methods_assign() {
    let text = ir("class C:\n    self.k = 1\n    def m(self, other):\n        self.b = self.a = 1\n        self.c += 1\n        del self.d\n        other.e = 1\n        for self.f in x: pass\n        def inner():\n            self.__g = 1\n        class D:\n            def n(self):\n                self.h = 1\n");
    assert!(
        text.contains("name:__static_attributes__ = ('__g', 'a', 'b', 'f')"),
        "{text}"
    );
    assert!(
        text.contains("name:__static_attributes__ = ('h',)"),
        "{text}"
    );
}
