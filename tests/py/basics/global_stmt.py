# global declarations read and write module names
counter = 0

def bump():
    global counter
    counter += 1

def make():
    global created
    created = 'yes'

def shadow():
    counter = 100
    return counter

bump(); bump()
print(counter)
make()
print(created)
print(shadow(), counter)

def read_only():
    return counter * 2
print(read_only())

def nested():
    def inner():
        global counter
        counter = -1
    inner()
nested()
print(counter)
