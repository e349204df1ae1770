# Async generators (PEP 525), aiter()/anext(), async comprehensions and
# StopAsyncIteration, driven by hand with send() (no event loop).


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


class Pause:
    """An awaitable that suspends once, as an event loop's future would."""

    def __await__(self):
        got = yield "paused"
        return got


async def agen():
    try:
        x = yield 1
        print("got", x)
        yield 2
        yield 3
    finally:
        print("cleanup")


async def countdown(n):
    while n > 0:
        await Pause()
        yield n
        n -= 1


class Counter:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


async def ignore_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def bad():
    yield 1
    raise StopAsyncIteration


async def main():
    async for x in agen():
        print("for", x)
    print([x async for x in agen()])
    print({x: x * x async for x in countdown(3)})
    print({x async for x in Counter(4) if x % 2})
    print([x * y async for x in countdown(2) for y in range(2)])

    g = agen()
    print(await g.__anext__())
    print(await g.asend("hello"))
    try:
        await g.athrow(ValueError("boom"))
    except ValueError as e:
        print("athrow raised", e)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    print("athrow on an exhausted generator:", await g.athrow(KeyError))

    g = agen()
    print(await anext(g))
    await g.aclose()
    print(await anext(g, "default"))
    await g.aclose()
    print("aclose twice is fine")

    it = aiter(agen())
    print(type(it).__name__, await anext(it))
    await it.aclose()

    for bad_call in (lambda: aiter(1), lambda: anext(1), lambda: aiter([])):
        try:
            bad_call()
        except TypeError as e:
            print("TypeError:", e)

    try:
        async for v in bad():
            print("bad yields", v)
    except RuntimeError as e:
        print("RuntimeError:", e, type(e.__cause__).__name__)

    print([v async for v in Counter(3)])
    print(await anext(Counter(0), "empty"), await anext(Counter(2), "empty"))

    a = agen()
    step = a.__anext__()
    print(type(a).__name__, type(step).__name__, type(a.aclose()).__name__)
    print(await step)
    try:
        await step
    except RuntimeError as e:
        print("RuntimeError:", e)
    await a.aclose()

    ig = ignore_exit()
    await anext(ig)
    try:
        await ig.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)

    try:
        await anext(agen(), 1, 2)
    except TypeError as e:
        print("TypeError:", e)

    print(await countdown(1).asend(None))
    return "done"


coro = main()
print(run(coro))

# Driving an async generator step by step shows what passes through.
cd = countdown(2)
step = cd.__anext__()
print(step.send(None))
try:
    step.send("resumed")
except StopIteration as e:
    print("yielded", e.value)
step = cd.asend(None)
print(next(iter(step.__await__())))
step.close()
print(type(cd.__aiter__()).__name__, cd.__aiter__() is cd)


async def one():
    yield 1


try:
    next(one().__anext__())
except StopIteration as e:
    print("next() on __anext__():", e.value)
try:
    one().asend()
except TypeError as e:
    print("TypeError:", e)
