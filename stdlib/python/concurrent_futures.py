"""concurrent.futures: Futures and a thread pool whose workers run in
parallel (there is no global interpreter lock)."""

import threading
import time
import queue

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_RUNNING = "RUNNING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


class CancelledError(Exception):
    """The Future was cancelled."""


class TimeoutError(TimeoutError):
    pass


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""


class BrokenExecutor(RuntimeError):
    pass


class Future:
    """The eventual result of a call."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._waiters = []

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception is not None:
                    return "<Future at %#x state=finished raised %s>" % (id(self), type(self._exception).__name__)
                return "<Future at %#x state=finished returned %s>" % (id(self), type(self._result).__name__)
            return "<Future at %#x state=%s>" % (id(self), self._state.lower())

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state == _CANCELLED:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._finish()
        return True

    def cancelled(self):
        with self._condition:
            return self._state == _CANCELLED

    def running(self):
        with self._condition:
            return self._state == _RUNNING

    def done(self):
        with self._condition:
            return self._state in (_CANCELLED, _FINISHED)

    def _wait_done(self, timeout):
        with self._condition:
            if self._state not in (_CANCELLED, _FINISHED):
                self._condition.wait_for(lambda: self._state in (_CANCELLED, _FINISHED), timeout)
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state != _FINISHED:
                raise TimeoutError()

    def result(self, timeout=None):
        self._wait_done(timeout)
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self, timeout=None):
        self._wait_done(timeout)
        return self._exception

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in (_CANCELLED, _FINISHED):
                self._callbacks.append(fn)
                return
        fn(self)

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
            raise RuntimeError("Future in unexpected state")

    def set_result(self, result):
        with self._condition:
            if self._state in (_CANCELLED, _FINISHED):
                raise InvalidStateError("invalid state")
            self._result = result
            self._state = _FINISHED
            self._condition.notify_all()
        self._finish()

    def set_exception(self, exception):
        with self._condition:
            if self._state in (_CANCELLED, _FINISHED):
                raise InvalidStateError("invalid state")
            self._exception = exception
            self._state = _FINISHED
            self._condition.notify_all()
        self._finish()

    def _finish(self):
        with self._condition:
            waiters = list(self._waiters)
            callbacks = list(self._callbacks)
            self._callbacks = []
        for w in waiters:
            w.put(self)
        for cb in callbacks:
            try:
                cb(self)
            except Exception:
                pass

    def _add_waiter(self, q):
        with self._condition:
            if self._state in (_CANCELLED, _FINISHED):
                q.put(self)
            else:
                self._waiters.append(q)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


class Executor:
    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        end = None if timeout is None else time.monotonic() + timeout
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            try:
                futures.reverse()
                while futures:
                    f = futures.pop()
                    if end is None:
                        yield f.result()
                    else:
                        yield f.result(end - time.monotonic())
            finally:
                for f in futures:
                    f.cancel()

        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class ThreadPoolExecutor(Executor):
    """Runs calls on a pool of at most max_workers threads."""

    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        if max_workers is None:
            max_workers = 5
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        ThreadPoolExecutor._counter += 1
        self._max_workers = max_workers
        self._work = queue.SimpleQueue()
        self._threads = []
        self._shutdown = False
        self._lock = threading.Lock()
        self._prefix = thread_name_prefix or ("ThreadPoolExecutor-%d" % ThreadPoolExecutor._counter)
        self._initializer = initializer
        self._initargs = initargs
        self._idle = threading.Semaphore(0)

    def _worker(self):
        if self._initializer is not None:
            self._initializer(*self._initargs)
        while True:
            item = self._work.get()
            if item is None:
                self._work.put(None)
                return
            item.run()
            self._idle.release()

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            f = Future()
            self._work.put(_WorkItem(f, fn, args, kwargs))
            if not self._idle.acquire(False) and len(self._threads) < self._max_workers:
                t = threading.Thread(target=self._worker, name="%s_%d" % (self._prefix, len(self._threads)), daemon=True)
                t.start()
                self._threads.append(t)
            return f

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work.put(None)
        if wait:
            for t in self._threads:
                t.join()


def as_completed(fs, timeout=None):
    """Yield futures as they finish."""
    end = None if timeout is None else time.monotonic() + timeout
    fs = list(dict.fromkeys(fs))
    q = queue.Queue()
    for f in fs:
        f._add_waiter(q)
    for _ in range(len(fs)):
        remaining = None if end is None else max(0.0, end - time.monotonic())
        try:
            yield q.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError("%d (of %d) futures unfinished" % (len(fs) - _, len(fs))) from None


class DoneAndNotDoneFutures(tuple):
    @property
    def done(self):
        return self[0]

    @property
    def not_done(self):
        return self[1]


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait until futures finish; returns (done, not_done) sets."""
    fs = set(fs)
    end = None if timeout is None else time.monotonic() + timeout
    q = queue.Queue()
    for f in fs:
        f._add_waiter(q)
    done = set()
    while True:
        done |= {f for f in fs if f.done()}
        if return_when == FIRST_COMPLETED and done:
            break
        if return_when == FIRST_EXCEPTION and any(f.exception(0) is not None for f in done if not f.cancelled()):
            break
        if len(done) == len(fs):
            break
        remaining = None if end is None else end - time.monotonic()
        if remaining is not None and remaining <= 0:
            break
        try:
            q.get(timeout=remaining)
        except queue.Empty:
            break
    return DoneAndNotDoneFutures((done, fs - done))
