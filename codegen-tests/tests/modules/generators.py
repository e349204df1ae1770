def countdown(n):
    while n > 0:
        received = yield n
        if received:
            n = received
        n -= 1
    return "done"

def chain(*its):
    for it in its:
        result = yield from it
    return result

print(list(countdown(3)), list(chain([1, 2], countdown(2))))
