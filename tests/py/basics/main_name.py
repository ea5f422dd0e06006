# a script run directly has __name__ == "__main__"
print(__name__)
if __name__ == '__main__':
    print('running as main')
else:
    print('imported')
