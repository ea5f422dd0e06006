# helper module: public and underscore names for `import *`
public = 'public value'
_hidden = 'hidden value'

def helper():
    return 'helper result'
