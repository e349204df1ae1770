//! Scope classification, checked on the scope tree's text form.

use super::*;

#[test]
fn closure_makes_a_cell_and_a_free_variable() {
    let dump =
        scopes("def outer():\n    x = 1\n    def inner():\n        return x\n    return inner\n");
    assert_text(
        &dump,
        "
        module <module>
          outer: local
          function outer
            x: cell
            inner: local
            function inner
              x: free
        ",
    );
}

#[test]
fn nonlocal_passes_through_intermediate_functions() {
    let dump = scopes(
        "def a():\n    x = 1\n    def b():\n        def c():\n            nonlocal x\n            x = 2\n        return c\n    return b\n",
    );
    assert_text(
        &dump,
        "
        module <module>
          a: local
          function a
            x: cell
            b: local
            function b
              c: local
              x: free
              function c
                x: free
        ",
    );
}

#[test]
fn class_body_names_are_not_visible_to_methods() {
    let dump = scopes(
        "def f():\n    y = 1\n    class C:\n        y = 2\n        z = y\n        def m(self):\n            return y, z\n    return C\n",
    );
    assert_text(
        &dump,
        "
        module <module>
          f: local
          function f
            y: cell
            C: local
            class C
              y: local free-class
              z: local
              m: local
              function m
                self: local param
                y: free
                z: global-implicit
        ",
    );
}

#[test]
fn class_body_reads_enclosing_function_variables_through_cells() {
    let dump = scopes("def f():\n    v = 1\n    class C:\n        w = v\n");
    assert_text(
        &dump,
        "
        module <module>
          f: local
          function f
            v: cell
            C: local
            class C
              w: local
              v: free
        ",
    );
}

#[test]
fn comprehension_scopes() {
    let dump = scopes(
        "class C:\n    a = [1]\n    b = [x + a for x in a]\ndef f(xs):\n    [(y := x) for x in xs]\n    return y\n",
    );
    assert_text(
        &dump,
        "
        module <module>
          C: local
          f: local
          class C
            a: local
            b: local
            comprehension <listcomp>
              .0: local param
              x: local
              a: global-implicit
          function f
            xs: local param
            y: cell
            comprehension <listcomp>
              .0: local param
              x: local
              y: free
        ",
    );
}

#[test]
fn walrus_in_module_level_comprehension_binds_a_global() {
    let dump = scopes("[last := i for i in range(3)]\nprint(last)\n");
    assert_text(
        &dump,
        "
        module <module>
          range: global-implicit
          last: global-explicit
          print: global-implicit
          comprehension <listcomp>
            .0: local param
            i: local
            last: global-explicit
        ",
    );
}

#[test]
fn global_declarations() {
    let dump = scopes("global x\nx = 1\ndef f():\n    global y\n    y = x\n");
    assert_text(
        &dump,
        "
        module <module>
          x: global-explicit
          f: local
          function f
            y: global-explicit
            x: global-implicit
        ",
    );
}

#[test]
fn super_and_class_cell() {
    let dump = scopes(
        "class C(B):\n    def m(self):\n        return super().m()\n    def n(self):\n        return [super().n() for _ in self]\n",
    );
    assert_text(
        &dump,
        "
        module <module>
          B: global-implicit
          C: local
          class C needs-class-cell
            m: local
            n: local
            function m
              self: local param
              super: global-implicit
              __class__: free
            function n
              self: cell param
              __class__: free
              comprehension <listcomp>
                .0: local param
                _: local
                super: global-implicit
                __class__: free
                self: free
        ",
    );
}

#[test]
fn private_names_are_mangled_in_classes() {
    let dump = scopes("class C:\n    __x = 1\n    def __m(self, __a):\n        return __a\n");
    assert_text(
        &dump,
        "
        module <module>
          C: local
          class C
            _C__x: local
            _C__m: local
            function __m
              self: local param
              _C__a: local param
        ",
    );
}

#[test]
fn generators_and_coroutines() {
    let dump = scopes(
        "def g():\n    yield 1\nasync def h():\n    return [await x for x in y]\nz = (i for i in [])\n",
    );
    assert_text(
        &dump,
        "
        module <module>
          g: local
          h: local
          z: local
          function g generator
          function h coroutine
            y: global-implicit
            comprehension <listcomp> coroutine
              .0: local param
              x: local
          comprehension <genexpr> generator
            .0: local param
            i: local
        ",
    );
}
