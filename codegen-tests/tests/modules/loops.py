def search(items, wanted):
    for i, item in enumerate(items):
        if item == wanted:
            break
    else:
        return -1
    n = 0
    while n < 10:
        n += 1
        if n % 2:
            continue
    return i + n

print(search([1, 2, 3], 3), search([], 1))
