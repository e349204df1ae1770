counter = 0

def bump():
    global counter
    counter += 1
    local = counter
    del local
    return counter

bump()
print(bump(), counter)
del counter
try:
    counter
except NameError as e:
    print(e)
