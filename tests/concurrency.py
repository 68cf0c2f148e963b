"""Real simultaneous requests for the PostgreSQL concurrency tests (issue 8): each from its own
thread and database connection, all released by one barrier so they meet in the same instant."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client


def posts_at_once(requests: list[tuple[Any, str, dict]], *, read: Callable[[HttpResponse], Any]) -> list:
    """POST each (user, url, data) together; ``read`` turns each response into what the test compares,
    inside its thread (while its connection is open). Answers come in the order they finished."""
    barrier = threading.Barrier(len(requests))
    answers: list = []

    def post(user, url, data):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=30)
            answers.append(read(client.post(url, data)))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == len(requests), "a request died in its thread"
    return answers


@contextlib.contextmanager
def row_held(model, pk) -> Iterator[None]:
    """Another connection holds the row's lock (``SELECT … FOR UPDATE`` in an open transaction, as a worker
    busy with it would) for the body of the ``with``; released and its thread joined on the way out."""
    holding, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                model.objects.select_for_update().get(pk=pk)
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(30), "the other connection never got the row"
        yield
    finally:
        release.set()
        thread.join(30)
