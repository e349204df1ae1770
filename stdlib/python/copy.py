"""Shallow and deep copy operations: copy(x), deepcopy(x[, memo]),
replace(obj, **changes)."""

__all__ = ["Error", "copy", "deepcopy", "replace"]


class Error(Exception):
    pass


error = Error

_atomic = frozenset({
    type(None), type(Ellipsis), type(NotImplemented), int, float, bool, complex,
    str, bytes, range, type, type(len), property, frozenset, slice,
})


def _is_atomic(cls):
    if cls in _atomic:
        return True
    return cls.__name__ in ("function", "builtin_function_or_method", "code") and cls.__module__ == "builtins"


def _user_reductor(cls, x):
    """The object's own __reduce_ex__/__reduce__, when its class has one."""
    for name in ("__reduce_ex__", "__reduce__"):
        method = getattr(cls, name, None)
        if method is not None and method is not getattr(object, name, None):
            return (lambda: getattr(x, name)(4)) if name == "__reduce_ex__" else getattr(x, name)
    return None


def copy(x):
    """Shallow copy of `x`."""
    cls = type(x)
    if _is_atomic(cls) or cls is tuple:
        return x
    if cls in (list, dict, set, bytearray):
        return cls.copy(x)
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    reductor = _user_reductor(cls, x)
    if reductor is not None:
        rv = reductor()
        if isinstance(rv, str):
            return x
        return _reconstruct(x, None, *rv)
    return _copy_instance(x, cls, None)


def _new_like(x, cls, memo):
    """A fresh object of `cls` holding (copies of) x's builtin contents."""
    getnewargs = getattr(x, "__getnewargs__", None)
    if getnewargs is not None:
        args = getnewargs()
        if memo is not None:
            args = deepcopy(args, memo)
        return cls.__new__(cls, *args)
    if isinstance(x, tuple):
        items = tuple(x) if memo is None else tuple(deepcopy(v, memo) for v in x)
        return cls.__new__(cls, items)
    if isinstance(x, (int, float, str, bytes, frozenset)):
        base = next(b for b in cls.__mro__ if b in (int, float, str, bytes, frozenset))
        return cls.__new__(cls, base(x))
    y = cls.__new__(cls)
    if memo is not None:
        memo[id(x)] = y
    if isinstance(x, list):
        list.extend(y, x if memo is None else [deepcopy(v, memo) for v in x])
    elif isinstance(x, dict):
        for k, v in dict.items(x):
            if memo is not None:
                k, v = deepcopy(k, memo), deepcopy(v, memo)
            dict.__setitem__(y, k, v)
    elif isinstance(x, set):
        set.update(y, x if memo is None else [deepcopy(v, memo) for v in x])
    return y


def _state_of(x):
    getstate = getattr(x, "__getstate__", None)
    if getstate is not None and getattr(type(x), "__getstate__", None) is not getattr(object, "__getstate__", None):
        return getstate()
    state = getattr(x, "__dict__", None)
    slots = {}
    for klass in type(x).__mro__:
        for name in klass.__dict__.get("__slots__", ()):
            if name in ("__dict__", "__weakref__"):
                continue
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
    if slots:
        return (state or None, slots)
    return state


def _set_state(y, state):
    if state is None:
        return
    setstate = getattr(y, "__setstate__", None)
    if setstate is not None:
        setstate(state)
        return
    slots = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slots = state
    if state:
        y.__dict__.update(state)
    if slots:
        for k, v in slots.items():
            setattr(y, k, v)


def _copy_instance(x, cls, memo):
    y = _new_like(x, cls, memo)
    if memo is not None:
        memo[id(x)] = y
    state = _state_of(x)
    if state and memo is not None:
        state = deepcopy(state, memo)
    _set_state(y, state)
    return y


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy of `x`; `memo` maps id() of copied objects to their copies."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(cls):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        y = x if all(i is j for i, j in zip(items, x)) else tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif cls is bytearray:
        y = bytearray(x)
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None and not isinstance(x, type):
            y = copier(memo)
        else:
            reductor = _user_reductor(cls, x)
            if reductor is not None:
                rv = reductor()
                y = x if isinstance(rv, str) else _reconstruct(x, memo, *rv)
            else:
                y = _copy_instance(x, cls, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None, *rest):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        _set_state(y, state)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    return y


def replace(obj, /, **changes):
    """A new object like `obj` with the given fields replaced."""
    cls = obj.__class__
    func = getattr(cls, "__replace__", None)
    if func is None:
        raise TypeError(f"replace() does not support {cls.__name__} objects")
    return func(obj, **changes)
