# Calling a class: plain construction, __new__, metaclass __call__, and
# changes to them after the class was first called.
class Meta(type):
    def __call__(cls, *a, **k):
        print("meta call", cls.__name__, a, k)
        return super().__call__(*a, **k)

class A(metaclass=Meta):
    def __init__(self, x=1):
        self.x = x

class B:
    pass

class C:
    def __new__(cls, *a):
        print("C.__new__", a)
        return object.__new__(cls)
    def __init__(self, v):
        self.v = v

class D(C):
    pass

print(A(5).x, A().x)
try:
    B(1)
except TypeError as e:
    print(e)
try:
    B(k=1)
except TypeError as e:
    print(e)
print(type(B()).__name__)
print(D(3).v)
# __new__ added later to a class that was plain
class E:
    def __init__(self, v):
        self.v = v
print(E(1).v)
def new(cls, *a):
    print("late __new__", a)
    return object.__new__(cls)
E.__new__ = new
print(E(2).v)
class F:
    def __init__(self):
        return 5
try:
    F()
except TypeError as e:
    print(e)
# Changing the metaclass's __call__ later.
class M2(type):
    pass
class G(metaclass=M2):
    def __init__(self, v):
        self.v = v
print(G(1).v)
M2.__call__ = lambda cls, *a: "intercepted"
print(G(2))
