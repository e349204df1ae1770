//! PEP 695 generics and PEP 750 t-strings: their scopes, lowering and
//! syntax errors.

use super::*;

#[test]
fn generic_function_binds_its_type_parameters_in_an_annotation_scope() {
    // Defaults are evaluated outside and passed in; the bound is lazy.
    assert_text(
        &ir("def f[T: int, *Ts, **P](x, y=1, *, z=2) -> T:\n    return T\n"),
        "
        module <module> qualname=<module> line=1
          1: global:f = make_function(<generic parameters of f>)(1, 2)
            function <generic parameters of f> qualname=<generic parameters of f> line=1
              params: posonly=0 positional=2 kwonly=0
              locals: .defaults0 .defaults1 Ts P
              cells: T
              1: cell:T = builtin:$typevar('T', make_function(T), None, None)
                function T qualname=T line=1
                  1: return global:int
              1: Ts = builtin:$typevartuple('Ts', None)
              1: P = builtin:$paramspec('P', None)
              1: return builtin:$set_type_params(builtin:$set_annotate(make_function(f, defaults=(.defaults0), kwdefaults=(z=.defaults1), closure=(T)), make_function(f.__annotate__, closure=(T))), (cell:T, Ts, P))
                function f qualname=f line=1
                  params: posonly=0 positional=2 kwonly=1
                  locals: x y z
                  freevars: T
                  2: return cell:T
                function __annotate__ qualname=f.__annotate__ line=1
                  params: posonly=1 positional=1 kwonly=0
                  locals: .format
                  freevars: T
                  1: if (.format > 2):
                    1: raise builtin:NotImplementedError
                  1: return {'return': cell:T}
        ",
    );
}

#[test]
fn generic_class_gets_generic_base_and_type_params_in_its_namespace() {
    assert_text(
        &ir("@d\nclass C[T](B, metaclass=M):\n    def m(self): return super().m(T)\n"),
        "
        module <module> qualname=<module> line=1
          1: global:C = global:d(make_function(<generic parameters of C>)())
            function <generic parameters of C> qualname=<generic parameters of C> line=1
              cells: T .type_params
              2: cell:T = builtin:$typevar('T', None, None, None)
              1: cell:.type_params = (cell:T,)
              1: return make_class(C, global:B, builtin:$Generic, metaclass=global:M, closure=(.type_params, T), class_cell=__class__)
                class C qualname=C line=1
                  cells: __class__
                  freevars: .type_params T
                  1: name:__module__ = global:__name__
                  1: name:__qualname__ = 'C'
                  1: name:__firstlineno__ = 1
                  1: name:__type_params__ = classderef:.type_params
                  3: name:m = make_function(C.m, closure=(__class__, T))
                    function m qualname=C.m line=3
                      params: posonly=0 positional=1 kwonly=0
                      locals: self
                      freevars: __class__ T
                      3: return super(cell:__class__, self).m(cell:T)
                  1: name:__static_attributes__ = ()
        ",
    );
}

#[test]
fn type_aliases_evaluate_their_value_lazily() {
    assert_text(
        &ir("type A[T = int] = list[T]\ntype B = int\n"),
        "
        module <module> qualname=<module> line=1
          1: global:A = make_function(<generic parameters of A>)()
            function <generic parameters of A> qualname=<generic parameters of A> line=1
              cells: T
              1: cell:T = builtin:$typevar('T', None, None, make_function(T))
                function T qualname=T line=1
                  1: return global:int
              1: return builtin:$type_alias('A', (cell:T,), make_function(A, closure=(T)))
                function A qualname=A line=1
                  freevars: T
                  1: return global:list[cell:T]
          2: global:B = builtin:$type_alias('B', None, make_function(B))
            function B qualname=B line=2
              2: return global:int
        ",
    );
}

#[test]
fn annotation_scopes_in_a_class_read_its_namespace_first() {
    assert_text(
        &ir("class O:\n    X = 1\n    type A = X\n    def m[T: X](self): pass\n"),
        "
        module <module> qualname=<module> line=1
          1: global:O = make_class(O)
            class O qualname=O line=1
              cells: __classdict__
              1: cell:__classdict__ = locals
              1: name:__module__ = global:__name__
              1: name:__qualname__ = 'O'
              1: name:__firstlineno__ = 1
              2: name:X = 1
              3: name:A = builtin:$type_alias('A', None, make_function(O.A, closure=(__classdict__)))
                function A qualname=O.A line=3
                  freevars: __classdict__
                  3: return (cell:__classdict__['X'] if ('X' in cell:__classdict__) else global:X)
              4: name:m = make_function(O.<generic parameters of m>, closure=(__classdict__))()
                function <generic parameters of m> qualname=O.<generic parameters of m> line=4
                  locals: T
                  freevars: __classdict__
                  4: T = builtin:$typevar('T', make_function(O.T, closure=(__classdict__)), None, None)
                    function T qualname=O.T line=4
                      freevars: __classdict__
                      4: return (cell:__classdict__['X'] if ('X' in cell:__classdict__) else global:X)
                  4: return builtin:$set_type_params(make_function(O.m), (T,))
                    function m qualname=O.m line=4
                      params: posonly=0 positional=1 kwonly=0
                      locals: self
                      4: pass
              1: name:__static_attributes__ = ()
        ",
    );
}

#[test]
fn annotation_scope_tree() {
    assert_text(
        &scopes("def outer():\n    z = 1\n    class C:\n        type A[T: z] = T\n"),
        "
        module <module>
          outer: local
          function outer
            z: cell
            C: local
            class C needs-classdict
              A: local
              z: free
              annotation <generic parameters of A> sees-class
                __classdict__: free
                T: cell
                z: free
                annotation T sees-class
                  __classdict__: free
                  z: free
                annotation A sees-class
                  __classdict__: free
                  T: free
        ",
    );
}

#[test]
fn tstrings_call_the_template_builtins() {
    assert_text(
        &ir("x = t'a{b!r:>{w}} { c = }' t'{d:.2f}'\n"),
        "
        module <module> qualname=<module> line=1
          1: global:x = builtin:$template('a', builtin:$interpolation(global:b, 'b', 'r', f('>' {global:w})), '  c = ', builtin:$interpolation(global:c, ' c ', 'r', ''), builtin:$interpolation(global:d, 'd', None, '.2f'))
        ",
    );
}

#[test]
fn generic_syntax_errors_name_the_annotation_scope() {
    for (source, msg) in [
        ("def f[T: (yield)](): pass\n", "yield expression cannot be used within a TypeVar bound"),
        ("def f[T = (yield)](): pass\n", "yield expression cannot be used within a TypeVar default"),
        ("def f[*Ts = (x:=1)](): pass\n", "named expression cannot be used within a TypeVarTuple default"),
        ("type A = (yield)\n", "yield expression cannot be used within a type alias"),
        ("class C[T]((yield)): pass\n", "yield expression cannot be used within the definition of a generic"),
        ("async def g():\n    def f[T: (await x)](): pass\n", "await expression cannot be used within a TypeVar bound"),
        ("def f[T, T](): pass\n", "duplicate type parameter 'T'"),
        ("def f[T](x=(yield)): pass\n", "'yield' outside function"),
        ("type A[T] = [(x:=1) for i in y]\n", "assignment expression within a comprehension cannot be used in a type alias"),
        ("class C[T]([(x:=1) for i in y]): pass\n", "assignment expression within a comprehension cannot be used within the definition of a generic"),
        ("class C[T]:\n    nonlocal T\n", "nonlocal binding not allowed for type parameter 'T'"),
        ("type __debug__ = int\n", "cannot assign to __debug__"),
    ] {
        assert_eq!(error(source).msg, msg, "{source}");
    }
    // A nearer function's own binding is not the type parameter.
    ir("def f[T]():\n    def g():\n        nonlocal T\n    T = 1\n");
}

#[test]
fn a_generic_class_mangles_only_its_type_parameters() {
    assert_text(
        &scopes("class D[__U](__B):\n    def m(self): return __U\n"),
        "
        module <module>
          D: local
          annotation <generic parameters of D>
            _D__U: cell
            .type_params: cell
            __B: global-implicit
            class D
              .type_params: free
              m: local
              _D__U: free
              function m
                self: local param
                _D__U: free
        ",
    );
}
