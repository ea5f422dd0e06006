# helper module: reports its own __name__
print('mod_name sees __name__ =', __name__)
if __name__ == '__main__':
    print('mod_name run as main')
