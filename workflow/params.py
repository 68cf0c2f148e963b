"""Reading numbers typed or forged into a request.

A posted primary key may be anything: "abc", "1e9", "²", a NUL, or a number past the 64-bit
columns of SQLite and PostgreSQL. Handed to ``filter(pk=...)`` such values raise ``ValueError``,
``OverflowError`` or a database ``DataError`` — a 500 for what is only bad input. Here they become
0, which matches no row, so the page answers exactly as for a row that does not exist (a 404 or
its Vietnamese message) and changes nothing.
"""

from __future__ import annotations

MAX_KEY = 2**63 - 1


def posted_pk(value: object) -> int:
    """The positive integer in ``value`` (a request field), or 0 when there is none."""
    text = value.strip() if isinstance(value, str) else ""
    if text.isascii() and text.isdigit() and int(text) <= MAX_KEY:
        return int(text)
    return 0
