# A block device in RAM with MicroPython's block device protocol, for the
# VfsLfs2 tests. Erasing fills a block with 0xff, as flash does; counts of
# the calls let tests check what the filesystem did.


class RAMBlockDev:
    def __init__(self, block_size=4096, num_blocks=64):
        self.block_size = block_size
        self.data = bytearray(b"\xff" * (block_size * num_blocks))
        self.reads = self.writes = self.erases = self.syncs = 0

    def readblocks(self, block_num, buf, offset=0):
        self.reads += 1
        addr = block_num * self.block_size + offset
        buf[:] = self.data[addr : addr + len(buf)]

    def writeblocks(self, block_num, buf, offset=None):
        self.writes += 1
        if offset is None:
            for i in range(len(buf) // self.block_size):
                self.ioctl(6, block_num + i)
            offset = 0
        addr = block_num * self.block_size + offset
        self.data[addr : addr + len(buf)] = buf

    def ioctl(self, op, arg):
        if op == 3:
            self.syncs += 1
            return 0
        if op == 4:
            return len(self.data) // self.block_size
        if op == 5:
            return self.block_size
        if op == 6:
            self.erases += 1
            start = arg * self.block_size
            self.data[start : start + self.block_size] = b"\xff" * self.block_size
            return 0
        return 0
