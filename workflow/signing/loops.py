"""pyHanko's synchronous calls run their coroutines with ``asyncio.run``, which refuses to start inside a thread
whose event loop is already running (an ASGI server's thread, gevent-style workers, Playwright's sync API in the
tests). There the call runs in a short-lived thread of its own; everywhere else it runs as it is."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def outside_event_loop(function: Callable[..., T], *args, **kwargs) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ky-so") as pool:
        return pool.submit(function, *args, **kwargs).result()
