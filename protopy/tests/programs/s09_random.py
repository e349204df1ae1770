import random
random.seed(42)
print(random.random(), random.random(), random.randint(1, 100), random.choice("abcdef"), random.randrange(10), random.randrange(0, 100, 7))
l = list(range(20)); random.shuffle(l); print(l)
print(random.sample(range(100), 5), random.sample("abcdefgh", 3), random.uniform(1, 2), random.getrandbits(100), random.getrandbits(7))
print(random.choices("abc", k=5), random.choices("abc", weights=[1, 5, 1], k=5), random.gauss(0, 1), random.normalvariate(), random.expovariate(2))
print(random.triangular(), random.betavariate(2, 3), random.gammavariate(0.5, 1), random.gammavariate(3, 2), random.lognormvariate(0, 1), random.vonmisesvariate(1, 2), random.paretovariate(3), random.weibullvariate(1, 2))
print(random.binomialvariate(20, 0.3), random.binomialvariate(200, 0.3), random.randbytes(5))
for s in [0, 1, -5, 2**100, "hello", b"bytes", 3.5, bytearray(b"x"), True]:
    random.seed(s); print(repr(s), random.random(), random.randint(0, 10**6))
r = random.Random(123); st = r.getstate(); a = [r.random() for _ in range(3)]; r.setstate(st); b = [r.random() for _ in range(3)]; print(a == b, a)
print(random.Random(5).sample(range(1000), 10), random.Random(7).choices(range(10), cum_weights=[1,2,3,4,5,6,7,8,9,10], k=4))
for bad in ["random.randrange(0)", "random.randrange(5, 2)", "random.randrange(0, 10, 0)", "random.choice([])", "random.sample([1, 2], 3)", "random.seed([1])", "random.getrandbits(-1)", "random.randint(1.5, 3)", "random.sample({1, 2}, 1)", "random.choices('ab', [1, 2, 3])", "random.randrange(1, 2, 3.0)"]:
    try: print(bad, eval(bad))
    except Exception as e: print(bad, type(e).__name__, e)
class R(random.Random):
    def random(self): return 0.5
print(R().uniform(0, 10), R(1).choice([1, 2, 3]))
random.seed(2024); x = [random.random() for _ in range(1000)]; print(sum(x), x[-1])
random.seed(99); print([random.randint(1, 6) for _ in range(20)])
