# SystemExit can be caught like any other exception
import sys
for arg in (None, 0, 5, 'text'):
    try:
        if arg is None:
            sys.exit()
        sys.exit(arg)
    except SystemExit as e:
        print('caught', e.args)
try:
    raise SystemExit(2)
except BaseException as e:
    print(type(e).__name__, isinstance(e, Exception))
print(issubclass(SystemExit, BaseException))
