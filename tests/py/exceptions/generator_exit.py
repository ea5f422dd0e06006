# GeneratorExit is raised inside a generator when it is closed
def gen():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print('GeneratorExit inside generator')
        raise
    finally:
        print('generator finally')
g = gen()
print(next(g))
g.close()
print('closed')
g.close()
print(issubclass(GeneratorExit, Exception))
