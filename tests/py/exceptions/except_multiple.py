# several except clauses and tuples of exception types
def classify(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return 'lookup: ' + type(e).__name__
    except ZeroDivisionError:
        return 'zero'
    except ArithmeticError as e:
        return 'arith: ' + type(e).__name__
    except Exception as e:
        return 'other: ' + type(e).__name__
for exc in (KeyError('k'), IndexError(), ZeroDivisionError(), OverflowError(), ValueError(), TypeError):
    print(classify(exc))
errs = (TypeError, ValueError)
try:
    int('x')
except errs as e:
    print('caught via tuple variable', type(e).__name__)
