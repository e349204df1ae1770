async def add(a, b):
    return a + b

async def main():
    return await add(1, 2)

coro = main()
try:
    coro.send(None)
except StopIteration as e:
    print("result", e.value)
