# locals() at module level is the module namespace
x = 'module x'
print(locals()['x'], locals() is globals(), '__name__' in locals())
