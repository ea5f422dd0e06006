# raising SystemExit with a non-integer argument exits with status 1
print('exiting')
raise SystemExit('bye')
