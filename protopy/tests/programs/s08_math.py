import math
vals = [0.0, -0.0, 0.5, 1.0, -1.5, 2.0, 10.0, 1e-300, 1e300, math.inf, -math.inf, math.nan, 3, -7, 2**70]
names = ["sqrt", "exp", "log", "log2", "log10", "log1p", "expm1", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "erfc", "fabs", "floor", "ceil", "trunc", "frexp", "modf", "cbrt", "exp2", "ulp", "degrees", "radians", "isfinite", "isinf", "isnan"]
for n in names:
    f = getattr(math, n, None)
    if f is None: print(n, "missing"); continue
    out = []
    for v in vals:
        try: out.append(repr(f(v)))
        except Exception as e: out.append(f"{type(e).__name__}:{e}")
    print(n, " ".join(out))
pairs = [(2.0, 3.0), (-2.0, 0.5), (0.0, -1.0), (0.0, 0.0), (math.inf, 0.0), (1.0, math.inf), (5.5, 2.0), (-5.5, 2.0), (1e308, 10.0), (2, 1075), (1.0, -1075), (3, 0)]
for n in ["pow", "atan2", "copysign", "fmod", "remainder", "hypot", "ldexp", "nextafter", "log", "dist"]:
    f = getattr(math, n, None)
    if f is None: print(n, "missing"); continue
    out = []
    for a, b in pairs:
        try:
            if n == "ldexp": r = f(a, int(b) if not math.isinf(b) else 5)
            elif n == "dist": r = f([a], [b])
            else: r = f(a, b)
            out.append(repr(r))
        except Exception as e: out.append(f"{type(e).__name__}:{e}")
    print(n, " ".join(out))
print(math.fsum([0.1]*10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([]), math.fsum([2**1023, 2**1023, -2**1023]) if False else "")
for bad in ([math.inf, -math.inf], [1e308, 1e308], [math.nan]):
    try: print(math.fsum(bad))
    except Exception as e: print(type(e).__name__, e)
print(math.hypot(), math.hypot(3, 4, 12), math.hypot(1e200, 1e200), math.hypot(0.1, 0.2, 0.3), math.dist((1, 2, 3), (4, 5, 6)))
print(math.factorial(25), math.comb(50, 25), math.perm(10, 3), math.perm(5), math.gcd(), math.gcd(12, -18, 30), math.lcm(3, 4, 5), math.lcm(), math.isqrt(10**40 + 1))
print(math.prod([1, 2, 3]), math.prod([1.5, 2]), math.prod([], start=5), math.sumprod([1, 2, 3], [4, 5, 6]), math.sumprod([0.1, 0.2], [0.3, 0.4]))
print(math.fma(2.0, 3.0, 1.0), math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-10, abs_tol=1e-9))
for expr in ["math.factorial(-1)", "math.factorial(2.0)", "math.comb(-1, 2)", "math.comb(3, -1)", "math.gcd(1.5)", "math.isqrt(-1)", "math.sqrt('x')", "math.floor(math.inf)", "math.floor(math.nan)", "math.log(0)", "math.log(-1)", "math.log(10, 1)", "math.pow(0, -1)", "math.exp(1000)", "math.dist([1], [1, 2])", "math.sumprod([1], [1, 2])", "math.acos(2)", "math.isclose(1, 2, rel_tol=-1)", "math.perm(3, 5)", "math.comb(3, 5)", "math.log(2**2000)", "math.log2(2**2000)", "math.log10(10**400)", "math.sqrt(2**2000)", "math.nextafter(1.0, 2.0, steps=3)", "math.ulp(0.0)", "math.gamma(0)", "math.gamma(-1)", "math.lgamma(0)", "math.floor(-2.5)", "math.ceil(2.1)", "math.trunc(-2.7)", "math.floor(10**20)", "math.frexp(2**-1074)", "math.ldexp(1.0, 2000)", "math.ldexp(0.75, -1074)", "math.fsum([1,2**60])", "math.log1p(-1)", "math.atanh(1)", "math.copysign(1, -0.0)", "math.hypot(math.inf, math.nan)", "math.cos(math.inf)", "math.fmod(math.inf, 1)", "math.remainder(1, 0)", "math.fma(math.inf, 0, 1)", "math.factorial(True)", "math.log(True)", "math.erf(0.5)", "math.erfc(3.0)", "math.prod('ab')"]:
    try: print(expr, repr(eval(expr)))
    except Exception as e: print(expr, type(e).__name__, e)
