# asyncio - cooperative tasks on one event loop, as MicroPython has them:
# run, create_task, sleep/sleep_ms, wait_for/wait_for_ms, gather, Event,
# ThreadSafeFlag, Lock, streams over select.poll, TCP where there are sockets.

from .core import *
from .core import (
    CancelledError,
    TimeoutError,
    Task,
    Loop,
    create_task,
    current_task,
    run,
    run_until_complete,
    sleep,
    sleep_ms,
    get_event_loop,
    new_event_loop,
)
from .funcs import wait_for, wait_for_ms, gather
from .event import Event, ThreadSafeFlag
from .lock import Lock
from .stream import Stream, StreamReader, StreamWriter, Server, open_connection, start_server

__version__ = (3, 0, 0)
