first, *middle, last = range(5)
(a, b), c = (1, 2), 3
data = {}
data["k"], data["j"] = "v", "w"
del data["j"]
print(first, middle, last, a, b, c, data, [*middle, *"ab"], {**data, "z": 0})
