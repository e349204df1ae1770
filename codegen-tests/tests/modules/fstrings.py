name = "world"
width = 8
value = 3.14159
print(f"hello {name!r:>{width}} {value:.2f} {'nested ' + f'{name}'}")
