# sys.exit(n) ends the script with exit status n
import sys
print('before exit')
sys.exit(3)
print('not reached')
