# campy-opts: -X heapsize=100k
# Stream over the text streams sys.stdin and sys.stdout: lines read as str
# while another task keeps running, read(n), the end of input, writes
# through drain.
import asyncio
import sys


async def ticker(count):
    while True:
        count[0] += 1
        await asyncio.sleep_ms(1)


async def main():
    count = [0]
    t = asyncio.create_task(ticker(count))
    r = asyncio.StreamReader(sys.stdin)
    w = asyncio.StreamWriter(sys.stdout)
    first = await r.readline()
    print(repr(first))
    print(repr(await r.read(3)))
    print(repr(await r.readexactly(4)))
    rest = []
    while True:
        line = await r.readline()
        if not line:
            break
        rest.append(line)
    print(rest)
    print(repr(await r.read(5)), repr(await r.readline()))
    w.write("written through the stream\n")
    await w.drain()
    t.cancel()
    print("ticker ran:", count[0] > 0)


asyncio.run(main())
