# Global loads see every rebinding: module globals, builtins, a custom __builtins__.
import builtins
def f(): return len([1,2])
print(f())
builtins.len = lambda x: 99
print(f())
len = lambda x: -1
print(f())
del len
print(f())
del builtins.len
try: f()
except NameError as e: print("NameError", e)
g = {"__builtins__": {"len": lambda x: 7}}
exec("def h(): return len(1)\nr = h()", g)
print(g["r"])
