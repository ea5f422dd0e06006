# the `as` target is usable inside the handler; handlers can be nested
def f():
    try:
        raise ValueError('inner value')
    except ValueError as err:
        msg = err.args[0]
        try:
            raise KeyError('nested')
        except KeyError as err2:
            msg += ' / ' + err2.args[0]
    return msg
print(f())
errors = []
for exc in (ValueError, TypeError):
    try:
        raise exc('from loop')
    except Exception as e:
        errors.append(e)
print([type(e).__name__ for e in errors], [e.args for e in errors])
