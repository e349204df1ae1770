class Managed:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, kind, value, tb):
        print("exit", kind.__name__ if kind else None)
        return True

with Managed() as m:
    print("body", type(m).__name__)
with Managed():
    raise ValueError("swallowed")
print("after")
