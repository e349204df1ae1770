def counter():
    count = 0
    def bump(step=1):
        nonlocal count
        count += step
        return count
    return bump

c = counter()
c()
print(c(5), (lambda x: x * 2)(21))
