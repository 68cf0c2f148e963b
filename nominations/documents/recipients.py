"""Who receives a Quyết định khen thưởng: whom it names ("Như Điều 3" — the units and people of its annex
carry it out and keep it), then the archive. As data (``workflow.documents`` Nơi nhận), so each named
person, and the head of the named unit or of the named person's unit, reads the issued decision."""

from __future__ import annotations

from collections.abc import Iterable

from workflow.documents.models import RecipientKind
from workflow.documents.services import Recipient

from ..models import Line


def decision_recipients(lines: Iterable[Line]) -> list[Recipient]:
    """The named units and people, each once, in the annex's order, and the archive last."""
    named: dict[tuple[str, int], Recipient] = {}
    for line in lines:
        if line.person_id:
            named.setdefault(("person", line.person_id), Recipient(RecipientKind.INTERNAL, person=line.person))
        else:
            named.setdefault(("unit", line.unit_id), Recipient(RecipientKind.INTERNAL, unit=line.unit))
    return [*named.values(), Recipient(RecipientKind.ARCHIVE)]
