import sys

from . import Item, Stock
from .reports.summary import summary


def main(argv):
    stock = Stock()
    stock.add(Item("A1", "bolts", 0.25), 400)
    stock.add(Item("B2", "nuts", 0.1), 250)
    stock.add(Item("C3", "hinges", 3.5), 12)
    stock.remove("A1", 150)
    try:
        stock.remove("C3", 20)
    except ValueError as e:
        print("refused:", e)
    print(summary(stock))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
