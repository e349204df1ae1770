import math
from math import sqrt as root, pi
import sys

print(math.floor(2.5), root(16.0), round(pi, 2), type(sys.argv).__name__)
