# Lists of bools, small ints and floats are stored compactly; every list
# operation must behave as on any other list, and storing another kind
# of item must keep the earlier ones.

flags = [True] * 5
flags[2] = False
print(flags, flags.count(True), flags.index(False), False in flags)
flags[0] = 0
print(flags, [type(x).__name__ for x in flags])

ints = [0] * 4
for i in range(4):
    ints[i] = i * i
ints.append(2 ** 70)
print(ints, ints[-1] - 1, sum(ints[:4]))
ints.pop()
ints.insert(1, -5)
ints.sort()
print(ints, ints[::-1], ints[1:3])

floats = [0.5] * 3
floats[1] = -0.0
floats.append(float("nan"))
floats.append(float("inf"))
print(floats, floats[1], floats.count(0.5))
floats[0] = "half"
print(floats[:2], len(floats))

grown = []
for i in range(6):
    grown.append(i % 3 == 0)
grown.append(None)
print(grown)

nums = []
nums.append(1.5)
nums.append(2)
nums += [True]
print(nums, [type(x).__name__ for x in nums])

big = [7] * 3
big *= 2
del big[0]
big.extend(range(3))
big.reverse()
print(big, big == [2, 1, 0, 7, 7, 7, 7, 7], big.copy() is big)

matrix = [[0.0] * 3 for _ in range(2)]
matrix[1][2] = 4.25
print(matrix, [row[2] * 2 for row in matrix])

empty = [1.0] * 0
empty.append("x")
print(empty, [] * 3, [None] * 2)
print(repr([1, 2] * 2), [False, 1] * 2, [1.0, 1] * 2)

class Two:
    def __index__(self):
        return 2

fl = [0.5, 1.5, 2.5, 3.5, 4.5]
print(fl[1:4], fl[::-2], fl[Two():], fl[:Two()], fl[10:], fl[-2:-8:-1])
bl = [True, False] * 3
print(bl[::3], bl[1::2], bl[5:0:-2])
cut = fl[:]
cut[0] = "changed"
print(cut, fl)
