# boot.py - runs at every boot (power-on, reset, wake from deep sleep, soft
# reset), before main.py. Put here what must be ready before your program
# starts, for example:
#
#   import machine
#   machine.freq(160000000)      # a slower, cooler CPU
#   machine.loglevel("*", 2)     # show firmware warnings too
