# sys and time: attributes, clocks, sleeping, and their errors.
import sys
import time

print(sys.maxsize == 2**63 - 1, sys.maxunicode, sys.byteorder, sys.platform)
print(type(sys.argv).__name__, all(isinstance(a, str) for a in sys.argv))
print(type(sys.path).__name__, "sys" in sys.modules, sys.modules["sys"] is sys)
print(sys.version_info[0], sys.version_info.major, sys.hexversion >> 24)
print(isinstance(sys.version, str), repr(sys.version_info).startswith("sys.version_info(major=3"))
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(1000)
for bad in (0, -5):
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    sys.setrecursionlimit("x")
except TypeError as e:
    print("TypeError:", e)
s = sys.intern("hello" + str(1))
print(s is sys.intern("hello1"))
try:
    sys.intern(1)
except TypeError as e:
    print("TypeError:", e)
print(sys.exc_info(), sys.exception())
try:
    raise KeyError("k")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), sys.exception() is v)
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(5000)
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(4300)
try:
    int("1" * 5000)
except ValueError as e:
    print("ValueError:", str(e)[:60])
print(sys.stdout.write("written\n"))
sys.stderr.write("")
for code in (None, 0, 3, "message"):
    try:
        sys.exit(code)
    except SystemExit as e:
        print("SystemExit", repr(e.code), e.args)
try:
    sys.exit(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(sys.getsizeof(1) > 0)

t0 = time.time()
m0 = time.monotonic()
p0 = time.perf_counter()
n0 = time.time_ns()
print(type(t0).__name__, type(n0).__name__, t0 > 1.6e9, abs(n0 / 1e9 - t0) < 5)
time.sleep(0.02)
print(time.monotonic() - m0 >= 0.015, time.perf_counter() - p0 >= 0.015)
print(time.perf_counter_ns() > 0, time.monotonic_ns() > 0, type(time.monotonic_ns()).__name__)
print(time.process_time() >= 0, time.process_time_ns() >= 0, time.thread_time() >= 0)
print(time.sleep(0), time.sleep(0.0))
for bad in (-1, -0.5):
    try:
        time.sleep(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in ("1", None, [1]):
    try:
        time.sleep(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    time.sleep(float("nan"))
except ValueError as e:
    print("ValueError:", e)
for f, args in ((time.time, (1,)), (time.monotonic, (1,)), (time.sleep, ()), (time.sleep, (1, 2))):
    try:
        f(*args)
    except TypeError as e:
        print("TypeError:", e)
