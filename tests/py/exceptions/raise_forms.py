# raise with classes, instances, arguments and re-raise
try:
    raise ValueError
except ValueError as e:
    print(type(e).__name__, e.args)
try:
    raise ValueError('msg', 2)
except ValueError as e:
    print(e.args, str(e) == str(('msg', 2)))
try:
    raise KeyError('key')
except KeyError as e:
    print(e.args[0])
def reraise():
    try:
        1 / 0
    except ZeroDivisionError:
        print('handling, then re-raising')
        raise
try:
    reraise()
except ZeroDivisionError:
    print('re-raised ZeroDivisionError')
try:
    try:
        raise TypeError('inner')
    except TypeError as e:
        raise RuntimeError('outer')
except RuntimeError as e:
    print('got', e.args[0])
e = IndexError('stored')
try:
    raise e
except IndexError as caught:
    print(caught is e)
