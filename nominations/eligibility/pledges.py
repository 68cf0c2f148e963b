"""The pluggable source of pledge registrations (đăng ký thi đua, domain §6).

Pledges are a later module. Until it registers a source, the engine knows nothing about
registration and the ``pledge_registered`` criterion answers with a warning saying the data is
not available. The pledge module plugs in once, e.g. in its ``AppConfig.ready``::

    from nominations.eligibility.pledges import register_pledge_source

    def registered(keys, year):
        # keys: ("person", pk) / ("unit", pk); return {key: True | False} for the keys it knows,
        # in a bounded number of queries (check_many calls it once for all nominees).
        ...

    register_pledge_source(registered)

A key absent from the answer (or ``None``) is "unknown": a warning, never a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from .types import NomineeKey

PledgeSource = Callable[[Collection[NomineeKey], int], Mapping[NomineeKey, bool | None]]

_source: PledgeSource | None = None


def register_pledge_source(source: PledgeSource | None) -> None:
    """Install the source of registrations (``None`` removes it)."""
    global _source  # noqa: PLW0603 - one process-wide hook, like workflow.registry
    _source = source


def pledge_source() -> PledgeSource | None:
    return _source


def registrations(keys: Collection[NomineeKey], year: int) -> dict[NomineeKey, bool | None]:
    if _source is None:
        return {}
    return dict(_source(keys, year))
