# stderr
# exit: 1
# an exception whose str() is empty prints as its bare name
class Quiet(Exception):
    def __str__(self):
        return ''
def fail():
    raise Quiet('not shown')
try:
    fail()
except Quiet as q:
    print('str is empty:', str(q) == '', q.args)
fail()
