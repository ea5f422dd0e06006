# sys.stdin, sys.stdout and sys.stderr as streams
import sys

print(sys.stdout.write("written\n"))
print(sys.stdout.write("ünï\n"))
print(sys.stdout.buffer.write(b"raw bytes\n"))
sys.stdout.flush()
print("to stdout", file=sys.stdout)
print(sys.stdin.readline().rstrip())
print(sys.stdin.read(4))
print([line for line in sys.stdin])
print(sys.stdin.read(), sys.stdin.readline())
try:
    sys.stdout.write(b"bytes")
except TypeError:
    print("TypeError")
try:
    sys.stdout.buffer.write("str")
except TypeError:
    print("TypeError")
