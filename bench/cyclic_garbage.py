"""Cyclic garbage made in a loop: parent/child links, self-referencing
lists and recursive inner functions, all unreachable after each pass."""


class Node:
    def __init__(self, key: int) -> None:
        self.key = key
        self.parent: "Node | None" = None
        self.children: list["Node"] = []


def make_family(key: int) -> int:
    parent = Node(key)
    for k in range(3):
        child = Node(key + k)
        child.parent = parent
        parent.children.append(child)
    loop = [parent]
    loop.append(loop)

    def depth(n: int) -> int:
        return 0 if n == 0 else 1 + depth(n - 1)

    return depth(2) + len(parent.children)


def run(rounds: int = 200_000) -> int:
    total = 0
    for r in range(rounds):
        total += make_family(r)
    return total


if __name__ == "__main__":
    print(run())
