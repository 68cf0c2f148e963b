"""Real simultaneous requests for the PostgreSQL concurrency tests (issue 8): each from its own
thread and database connection, all released by one barrier so they meet in the same instant."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection
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
