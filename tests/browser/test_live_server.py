"""The live server behind the browser tests serves pages a browser asks for at the same time.

A browser loads an image, a poll and another tab's page together. On in-memory SQLite the live
server's request threads share the test's one connection, and two requests in `atomic` release
each other's savepoints ("no such savepoint", then SessionInterrupted): the pledge cycle failed so
in CI. Without `conftest.OneRequestAtATime` this test failed 4 runs of 5; the shortened thread
switch interval makes the interleaving a loaded CI machine produces happen here too.
"""

import sys

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/home/", "/home/thong-bao/", "/pledges/", "/reports/", "/nominations/", "/nominations/sessions/",
         "/documents/"]


def test_pages_requested_at_once_are_all_served(sign_in):
    page = sign_in("hcqt")
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        answers = page.evaluate(
            "(pages) => Promise.all(Array.from({length: 10}, () => pages).flat()"
            ".map((p) => fetch(p).then((r) => p + ' ' + r.status)))", PAGES)
    finally:
        sys.setswitchinterval(interval)

    assert answers == [f"{path} 200" for path in PAGES] * 10
