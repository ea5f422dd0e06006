# clauses that appear without the statement they belong to
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['else: pass', 'elif x: pass', 'except: pass', 'finally: pass',
            'try:\n    pass\nelse:\n    pass', 'if x: pass\nelse: pass\nelse: pass',
            'with: pass', 'def f() pass', 'class C(: pass', 'import a.', 'for x in y: pass\nelse',
            'try:\n    pass\nfinally:\n    pass\nexcept:\n    pass',
            'try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass', 'if x:\npass',
            'while x: pass\nelif y: pass', 'def f():\n    pass\nelse:\n    pass']:
    check(src)
check('try:\n    pass\nexcept ValueError:\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass')
