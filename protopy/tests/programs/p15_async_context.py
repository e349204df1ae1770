# Async context managers, AsyncExitStack, aclosing and the collections.abc
# checks of coroutines and async generators, under asyncio.
import asyncio, contextlib, collections.abc as cabc
async def agen():
    yield 1
g = agen()
print(isinstance(g, cabc.AsyncGenerator), isinstance(g, cabc.AsyncIterator), isinstance(g, cabc.AsyncIterable))
async def co(): pass
c = co()
print(isinstance(c, cabc.Coroutine), isinstance(c, cabc.Awaitable))
c.close()
@contextlib.asynccontextmanager
async def resource(name):
    print("open", name)
    try:
        yield name.upper()
    finally:
        print("close", name)
async def main():
    async with resource("db") as r:
        print("using", r)
    try:
        async with resource("x"):
            raise ValueError("inside")
    except ValueError as e:
        print("caught", e)
    async with contextlib.AsyncExitStack() as stack:
        a = await stack.enter_async_context(resource("a"))
        b = await stack.enter_async_context(resource("b"))
        print(a, b)
    async with contextlib.aclosing(agen()) as ag:
        async for v in ag:
            print("v", v)
asyncio.run(main())
