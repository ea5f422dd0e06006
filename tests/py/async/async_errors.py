# campy-opts: -X heapsize=100k
# Errors around async for/with and await: objects lacking the protocol, bad
# results from the protocol methods, and compile-time misuse.


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


async def no_aiter():
    async for x in [1, 2]:
        pass


async def no_anext():
    class A:
        def __aiter__(self):
            return 42

    async for x in A():
        pass


async def bad_anext_result():
    class A:
        def __aiter__(self):
            return self

        def __anext__(self):
            return 5

    async for x in A():
        pass


async def no_aenter():
    async with object():
        pass


async def only_aenter():
    class M:
        async def __aenter__(self):
            return 1

    async with M():
        pass


async def sync_manager():
    class M:
        def __enter__(self):
            return 1

        def __exit__(self, *a):
            pass

    async with M():
        pass


async def await_int():
    await 3


for f in [no_aiter, no_anext, bad_anext_result, no_aenter, only_aenter, sync_manager,
          await_int]:
    try:
        run(f())
        print(f.__name__, "no error")
    except TypeError:
        print(f.__name__, "TypeError")


def compile_error(src):
    try:
        exec(src)
        print("compiled")
    except SyntaxError:
        print("SyntaxError")


compile_error("def f():\n    async for x in y:\n        pass\n")
compile_error("def f():\n    async with y:\n        pass\n")
compile_error("async with y:\n    pass\n")
compile_error("def f():\n    return [x async for x in y]\n")
compile_error("def f():\n    await x\n")
compile_error("await x\n")
compile_error("async def f():\n    return lambda: [await x for x in y]\n")
compile_error("async def f():\n    class A:\n        v = [x async for x in y]\n")
compile_error("async def f():\n    async for x in y:\n        pass\n")
compile_error("async def f():\n    return [x async for x in y]\n")
