def area(w, h=2, *, scale=1):
    """Area of a rectangle."""
    return w * h * scale

def total(*args, **kwargs):
    return sum(args) + len(kwargs)

print(area(3), area(3, 4, scale=2), total(1, 2, x=3, *[4], **{"y": 5}))
