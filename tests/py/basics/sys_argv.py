# args: one two 3
# sys.argv holds the script name then its arguments
import sys
print(sys.argv[0].endswith('sys_argv.py'))
print(sys.argv[1:])
print(len(sys.argv))
