# compile() and code objects run by exec/eval; exit and quit raise SystemExit.
c = compile("x = 1 + 2\nprint('ran', x)", "<mine>", "exec")
print(type(c).__name__, c.co_filename, c.co_name, c.co_names)
d = {}
exec(c, d)
print(d["x"])
e = compile("x * 10", "<e>", "eval")
print(eval(e, {"x": 4}), exec(e, {"x": 4}))
s = compile("x + 1", "<s>", "single")
exec(s, {"x": 41})
try:
    compile("x = ", "<bad>", "exec")
except SyntaxError as err:
    print("SyntaxError", err.filename, err.lineno)
try:
    compile("1", "f", "nope")
except ValueError as err:
    print(err)
try:
    compile("1", "f")
except TypeError as err:
    print(err)
print(repr(exit))
try:
    exit(3)
except SystemExit as se:
    print("exit", se.code)
try:
    quit()
except SystemExit as se:
    print("quit", se.code)
print(eval(compile("2**10", "<x>", "eval")))
for i in range(3):
    exec(c, {"__builtins__": __builtins__} if i else {})
