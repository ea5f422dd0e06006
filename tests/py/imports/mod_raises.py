# helper module: fails while being imported
print('mod_raises starting')
raise ValueError('failure during import')
