# asyncio: run, tasks, gather, sleep, wait_for, wait, as_completed,
# timeouts, cancellation, queues and the synchronization primitives.
import asyncio
import threading


async def worker(name, delay, result):
    await asyncio.sleep(delay)
    print("worker", name, "done")
    return result


async def failing():
    await asyncio.sleep(0)
    raise ValueError("bad worker")


async def job(n):
    await asyncio.sleep(n / 100)
    return n * 10


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def basics():
    print(await worker("a", 0, 1))
    res = await asyncio.gather(worker("x", 0.02, "X"), worker("y", 0.01, "Y"), worker("z", 0, "Z"))
    print(res)
    print(await asyncio.gather(worker("p", 0, 1), failing(), return_exceptions=True))
    try:
        await asyncio.gather(failing(), worker("q", 0, 2))
    except ValueError as e:
        print("gather raised", e)
    print(await asyncio.gather())
    t = asyncio.create_task(worker("t", 0.01, 42))
    print(t.done())
    print(await t, t.done(), t.result(), t.exception())
    print(await asyncio.sleep(0.001, result="slept"))
    coro = worker("c", 0, 0)
    print(asyncio.iscoroutine(coro), asyncio.iscoroutine(1))
    coro.close()
    print(asyncio.iscoroutinefunction(worker), asyncio.iscoroutinefunction(print))
    print([i async for i in ticker(3)])


async def timeouts():
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0.01)
    except asyncio.TimeoutError as e:
        print("wait_for:", type(e).__name__, asyncio.TimeoutError is TimeoutError)
    print(await asyncio.wait_for(worker("w", 0, "fast"), timeout=1))
    print(await asyncio.wait_for(job(1), None))
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout block expired")
    async with asyncio.timeout(1):
        await asyncio.sleep(0)
    print("timeout block finished in time")


async def waiting():
    done, pending = await asyncio.wait([asyncio.create_task(job(i)) for i in (3, 1, 2)])
    print(sorted(t.result() for t in done), len(pending))
    tasks = [asyncio.create_task(job(i)) for i in (3, 1, 2)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print([t.result() for t in done], len(pending))
    await asyncio.gather(*pending)
    results = []
    for coro in asyncio.as_completed([job(3), job(1), job(2)]):
        results.append(await coro)
    print(results)
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)
    print(await asyncio.shield(job(1)))


async def cancellation():
    async def forever():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("cancelled inside")
            raise
    t = asyncio.create_task(forever())
    await asyncio.sleep(0)
    print(t.cancel(), t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled", t.cancelled(), t.done())
    print(t.cancel())
    t = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    t.cancel("stop it")
    r = await asyncio.gather(t, return_exceptions=True)
    print(type(r[0]).__name__, r[0].args)
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result() of a cancelled task:", repr(e))
    t = asyncio.create_task(job(0), name="named")
    print(t.get_name(), await t)
    print(asyncio.current_task().get_name().startswith("Task-"))


async def futures():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    try:
        f.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    loop.call_soon(f.set_result, 7)
    print(await f, f.done())
    fut = loop.create_future()
    fut.set_exception(ValueError("fut err"))
    try:
        await fut
    except ValueError as e:
        print("future raised", e)
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError:
        print("set_result on a done future: InvalidStateError")
    print(fut.done(), fut.cancelled(), type(fut.exception()).__name__)
    order = []
    loop.call_later(0.02, order.append, "later")
    loop.call_soon(order.append, "soon")
    await asyncio.sleep(0.03)
    print(order)
    far = loop.call_later(100, print, "never")
    woke = loop.create_future()
    wake = lambda: loop.call_soon_threadsafe(woke.set_result, "woken by a thread")
    threading.Thread(target=wake).start()
    print(await woke)
    far.cancel()
    print(await loop.run_in_executor(None, sum, [1, 2, 3]))
    print(await asyncio.to_thread(max, 4, 9))


async def queues():
    q = asyncio.Queue()

    async def producer():
        for i in range(5):
            await q.put(i)
            await asyncio.sleep(0)
        await q.put(None)

    async def consumer():
        items = []
        while True:
            item = await q.get()
            if item is None:
                return items
            items.append(item)

    _, items = await asyncio.gather(producer(), consumer())
    print(items)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    pq = asyncio.PriorityQueue()
    for x in (5, 1, 3):
        pq.put_nowait(x)
    print([pq.get_nowait() for _ in range(3)])
    lq = asyncio.LifoQueue()
    for x in (5, 1, 3):
        lq.put_nowait(x)
    print([lq.get_nowait() for _ in range(3)])
    bq = asyncio.Queue(maxsize=1)
    bq.put_nowait(1)
    try:
        bq.put_nowait(2)
    except asyncio.QueueFull:
        print("QueueFull", bq.full(), bq.qsize(), bq.maxsize)
    jq = asyncio.Queue()

    async def work():
        while True:
            await jq.get()
            jq.task_done()

    w = asyncio.create_task(work())
    for i in range(3):
        jq.put_nowait(i)
    await jq.join()
    print("joined")
    w.cancel()
    try:
        jq.task_done()
    except ValueError as e:
        print("ValueError:", e)


async def primitives():
    lock = asyncio.Lock()
    order = []

    async def critical(n):
        async with lock:
            order.append(("in", n))
            await asyncio.sleep(0)
            order.append(("out", n))

    await asyncio.gather(*(critical(i) for i in range(3)))
    print(order, lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
    ev = asyncio.Event()

    async def waiter():
        await ev.wait()
        return "woke"

    wt = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    print(ev.is_set(), wt.done())
    ev.set()
    print(await wt)
    sem = asyncio.Semaphore(2)
    active = peak = 0

    async def limited(i):
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.001)
            active -= 1
        return i

    print(await asyncio.gather(*(limited(i) for i in range(5))), peak)
    bs = asyncio.BoundedSemaphore(1)
    try:
        bs.release()
    except ValueError as e:
        print("ValueError:", e)
    cond = asyncio.Condition()
    box = []

    async def consumer():
        async with cond:
            await cond.wait_for(lambda: box)
            return box.pop()

    c = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    async with cond:
        box.append("item")
        cond.notify()
    print(await c)


async def main():
    for part in (basics, timeouts, waiting, cancellation, futures, queues, primitives):
        print("--", part.__name__)
        await part()
    return "main result"


print(asyncio.run(main()))
loop = asyncio.new_event_loop()
print(loop.run_until_complete(job(2)))
loop.close()
coro = job(1)
try:
    loop.run_until_complete(coro)
except RuntimeError as e:
    print("RuntimeError:", e)
coro.close()
coro = main()
try:
    asyncio.run(1)
except ValueError as e:
    print("ValueError:", e)
coro.close()
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)


async def boom():
    raise KeyError("k")


try:
    asyncio.run(boom())
except KeyError as e:
    print("propagated", repr(e))


async def nested():
    coro = asyncio.sleep(0)
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print("RuntimeError:", e)
    coro.close()

asyncio.run(nested())
