words = ["apple", "bob", "kayak", "zed"]
print([w.upper() for w in words if len(w) > 3])
print({w: len(w) for w in words}, {len(w) for w in words})
print(sum(x * x for x in range(5)))
