"""Issue warnings: warn(), filters, and catch_warnings()."""

import sys

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning",
           "filterwarnings", "simplefilter", "resetwarnings", "catch_warnings",
           "deprecated"]

filters = []
defaultaction = "default"
_onceregistry = {}
_shown = set()


class WarningMessage:
    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file", "line", "source")

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return (f"{{message : {self.message!r}, category : {self._category_name!r}, "
                f"filename : {self.filename!r}, lineno : {self.lineno}, line : {self.line!r}}}")


def formatwarning(message, category, filename, lineno, line=None):
    return f"{filename}:{lineno}: {category.__name__}: {message}\n"


def _showwarnmsg(msg):
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    file = msg.file if msg.file is not None else sys.stderr
    try:
        file.write(text)
    except OSError:
        pass


def showwarning(message, category, filename, lineno, file=None, line=None):
    _showwarnmsg(WarningMessage(message, category, filename, lineno, file, line))


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    """Add a rule for which warnings to show, ignore or raise."""
    if action not in ("error", "ignore", "always", "all", "default", "module", "once"):
        raise ValueError(f"invalid action: {action!r}")
    item = (action, message, category, module, lineno)
    if item in filters:
        filters.remove(item)
    if append:
        filters.append(item)
    else:
        filters.insert(0, item)


def simplefilter(action, category=Warning, lineno=0, append=False):
    filterwarnings(action, "", category, "", lineno, append)


def resetwarnings():
    filters[:] = []
    _shown.clear()


def _action_for(text, category, module, lineno):
    for action, msg, cat, mod, ln in filters:
        if (issubclass(category, cat) and (not msg or text.lower().startswith(msg.lower()))
                and (not mod or mod == module) and (ln == 0 or ln == lineno)):
            return action
    return defaultaction


def warn(message, category=None, stacklevel=1, source=None, *, skip_file_prefixes=()):
    """Issue a warning (printed once per message, unless filtered)."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError(f"category must be a Warning subclass, not '{type(category).__name__}'")
    filename = sys.argv[0] if sys.argv and sys.argv[0] else "sys"
    warn_explicit(message, category, filename, 0, module="__main__", source=source)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    action = _action_for(text, category, module or "", lineno)
    if action == "ignore":
        return
    if action == "error":
        raise message
    key = (text, category, lineno)
    if action in ("default", "module", "once") and key in _shown:
        return
    _shown.add(key)
    _showwarnmsg(WarningMessage(message, category, filename, lineno, None, None, source))


class catch_warnings:
    """Save and restore the warning filters; with record=True, collect
    warnings in a list instead of showing them."""

    def __init__(self, *, record=False, module=None, action=None, category=Warning,
                 lineno=0, append=False):
        self._record = record
        self._action = action
        self._category = category
        self._lineno = lineno
        self._append = append
        self._entered = False

    def __enter__(self):
        if self._entered:
            raise RuntimeError(f"Cannot enter {self!r} twice")
        self._entered = True
        global _showwarnmsg
        self._filters = filters[:]
        self._shown = set(_shown)
        self._showwarnmsg = _showwarnmsg
        _shown.clear()
        if self._action:
            simplefilter(self._action, self._category, self._lineno, self._append)
        if self._record:
            log = []
            _showwarnmsg = log.append
            return log
        return None

    def __exit__(self, *exc_info):
        global _showwarnmsg
        filters[:] = self._filters
        _shown.clear()
        _shown.update(self._shown)
        _showwarnmsg = self._showwarnmsg


class deprecated:
    """Mark a function or class deprecated: using it warns."""

    def __init__(self, message, /, *, category=DeprecationWarning, stacklevel=1):
        if not isinstance(message, str):
            raise TypeError(f"Expected an object of type str for 'message', not {type(message).__name__!r}")
        self.message = message
        self.category = category
        self.stacklevel = stacklevel

    def __call__(self, arg):
        msg = self.message
        category = self.category
        if isinstance(arg, type):
            original_init = arg.__init__

            def __init__(self, *args, **kwargs):
                warn(msg, category=category)
                original_init(self, *args, **kwargs)
            arg.__init__ = __init__
            arg.__deprecated__ = msg
            return arg

        def wrapper(*args, **kwargs):
            warn(msg, category=category)
            return arg(*args, **kwargs)
        wrapper.__name__ = getattr(arg, "__name__", "wrapper")
        wrapper.__qualname__ = getattr(arg, "__qualname__", wrapper.__name__)
        wrapper.__doc__ = getattr(arg, "__doc__", None)
        wrapper.__wrapped__ = arg
        wrapper.__deprecated__ = msg
        return wrapper


# The default filters: deprecation warnings are hidden outside __main__.
filters.append(("ignore", "", DeprecationWarning, "", 0))
filters.append(("ignore", "", PendingDeprecationWarning, "", 0))
filters.append(("ignore", "", ImportWarning, "", 0))
filters.append(("ignore", "", ResourceWarning, "", 0))
