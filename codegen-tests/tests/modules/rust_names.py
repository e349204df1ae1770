# Python names that are Rust keywords or names generated code uses itself.
def fn(type, match, loop=3, *, frame=4):
    self = type + match
    Ok = self * loop
    value1 = Ok + frame
    item = value1
    load_local = item
    naïve = load_local - 1
    exc = error = result = naïve
    return exc, error, result

class Value:
    def __init__(self, crate):
        self.crate = crate

    def r(self, Some=None):
        super_ = self.crate
        return super_, Some

def main(*args, **kwargs):
    impl = [x for x in args]
    dyn = {k: v for k, v in kwargs.items()}
    return impl, dyn

print(fn(1, 2), Value(5).r(), main(1, 2, async_=3))
try:
    raise ValueError("x")
except ValueError as error:
    exc = error
print(type(exc).__name__)
x = (((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))
print(x + (1 + (2 + (3 + (4 + (5 + (6 + (7 + (8 + (9 + (10 + (11 + 12))))))))))))
