"""A small stock-keeping package: run it with `protopy -m inventory`."""
from .models import Item, Stock

__all__ = ["Item", "Stock"]
