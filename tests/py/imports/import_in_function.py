# an import inside a function binds a local name
def use():
    import mod_simple
    from mod_simple import func
    return mod_simple.x, func(1)
print(use())
print('mod_simple' in globals())
def conditional(flag):
    if flag:
        import pkg.sub as s
        return s.sub_value
    return None
print(conditional(True), conditional(False))
