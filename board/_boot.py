# _boot.py - built into the firmware: runs at every boot, before /boot.py.
# The filesystem is mounted by then (or the board said why it is not).
import gc

gc.collect()
