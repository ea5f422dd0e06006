# `except Exception` does not catch BaseException-only classes
for exc in (KeyboardInterrupt, SystemExit, GeneratorExit, ValueError):
    try:
        try:
            raise exc
        except Exception:
            print(exc.__name__, 'caught by except Exception')
    except BaseException:
        print(exc.__name__, 'caught by except BaseException')
