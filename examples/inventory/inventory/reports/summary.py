from ..models import Stock


def summary(stock: Stock) -> str:
    rows = [f"{item.name:<10}{count:>5}{item.price * count:>10.2f}" for item, count in stock.lines()]
    rows.append(f"{'total':<10}{'':>5}{stock.value():>10.2f}")
    return "\n".join(rows)
