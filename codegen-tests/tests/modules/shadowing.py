# Instance attributes that shadow methods and class attributes, added and
# removed in every way a dict can change, while the attribute caches are warm.

class A:
    step = "class"

    def m(self):
        return "method"


def run():
    a = A()
    out = [a.m()]
    for i in range(3):
        out.append(a.m())
        if i == 1:
            a.m = lambda: "instance"
    a.__dict__.clear()
    out.append(a.m())
    b = A()
    b.__dict__.update({"m": lambda: "from update", "step": "own"})
    out.append(b.m())
    out.append(b.step)
    c = A()
    setattr(c, "m", lambda: "setattr")
    out.append(c.m())
    vars(c).pop("m")
    out.append(c.m())
    e = A()
    e.__dict__.setdefault("m", lambda: "setdefault")
    out.append(e.m())
    return out


print(run())
