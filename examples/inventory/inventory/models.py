class Item:
    def __init__(self, sku, name, price):
        self.sku = sku
        self.name = name
        self.price = price

    def __repr__(self):
        return f"Item({self.sku!r}, {self.name!r}, {self.price:.2f})"


class Stock:
    def __init__(self):
        self._counts = {}
        self._items = {}

    def add(self, item, count=1):
        self._items[item.sku] = item
        self._counts[item.sku] = self._counts.get(item.sku, 0) + count

    def remove(self, sku, count=1):
        have = self._counts.get(sku, 0)
        if count > have:
            raise ValueError(f"only {have} of {sku} in stock")
        self._counts[sku] = have - count

    def value(self):
        return sum(self._items[s].price * n for s, n in self._counts.items())

    def lines(self):
        for sku in sorted(self._counts):
            yield self._items[sku], self._counts[sku]
