import json
cases = ['{bad', '', '[1,', '[1 2]', '{"a" 1}', '{"a":1,}', '[1,]', '"abc', '"a\\qb"', '"\\u12"', '"a\x01"', '1 2', 'nul', '[-]', '01', '1.', '1e', '-', '{"a":1 "b":2}', '{,}', '[', '{', '"\\ud83d\\ude00"', ' [1, 2.5e3, -0, 1E-2, true, false, null] ', '{"a": {"b": [1, {"c": "d"}]}}', 'NaN', '-Infinity', '[Infinity]', '12345678901234567890123', '1.5e400', '"\\/\\b\\f\\n\\r\\t\\"\\\\"', '\ufeff[1]', '{"a":1}x']
for c in cases:
    try: print(repr(c), '->', repr(json.loads(c)))
    except json.JSONDecodeError as e: print(repr(c), 'JDE', e, e.pos, e.lineno, e.colno, repr(e.msg))
    except Exception as e: print(repr(c), type(e).__name__, e)
for o in [float('nan'), float('inf'), -float('inf'), {1: 2, 2.5: 3, True: 4, None: 5}, {(1,2): 3}, set(), b'x', 'é\U0001F600\n', [1, [2, [3]]], {}, [], 1e16, 1.0, -0.0, 10**30]:
    try: print(json.dumps(o), json.dumps(o, ensure_ascii=False))
    except Exception as e: print(type(e).__name__, e)
for o in [float('nan'), {"a": float('inf')}]:
    try: print(json.dumps(o, allow_nan=False))
    except Exception as e: print(type(e).__name__, e)
a = []; a.append(a)
try: json.dumps(a)
except Exception as e: print(type(e).__name__, e)
print(json.dumps({"b": 1, "a": [1, 2, {}], "c": {}, "d": []}, indent=2, sort_keys=True))
print(json.dumps([1, {"x": None}], indent="\t"))
print(json.dumps([1, {"x": None}], indent=0))
print(json.dumps({"a": 1}, separators=(",", ":")), json.dumps({(1,): 2, "k": 1}, skipkeys=True))
print(json.dumps(set([1]), default=list))
try: json.dumps({1: 2, "a": 3}, sort_keys=True)
except Exception as e: print(type(e).__name__, e)
try: json.loads(5)
except Exception as e: print(type(e).__name__, e)
print(json.loads('{"a": 1.5}', parse_float=str), json.loads('[1]', parse_int=float), json.loads('{"a":1,"a":2}'), json.loads('{"a":1}', object_pairs_hook=list), json.loads('{"a":{"b":1}}', object_hook=lambda d: sorted(d)))
print(json.loads(b'[1, "\xc3\xa9"]'), json.JSONDecodeError.__mro__)
print(json.dumps("\u2028\x00\x1f\x7f"))
