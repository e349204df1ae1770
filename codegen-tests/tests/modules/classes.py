class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def describe(self):
        return f"{self.name} with {self.sides} sides"

class Square(Shape):
    sides = 4

    def describe(self):
        return super().describe() + "!"

print(Square("sq").describe(), isinstance(Square("a"), Shape))
