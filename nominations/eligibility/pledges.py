"""Whether nominees registered for emulation in a year (đăng ký thi đua, domain §6): read from the
accepted pledge registrations (``nominations.selectors.pledges.registered_for_emulation``).

A key absent from the answer is "not found": the ``pledge_registered`` criterion then warns, it never
fails (domain §3 [P]).
"""

from __future__ import annotations

from collections.abc import Collection

from ..selectors.pledges import registered_for_emulation
from .types import NomineeKey


def registrations(keys: Collection[NomineeKey], year: int) -> dict[NomineeKey, bool | None]:
    return dict(registered_for_emulation(keys, year))
