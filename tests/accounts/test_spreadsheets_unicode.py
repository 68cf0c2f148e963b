"""Re-importing the people with their names typed in NFD (another keyboard, a Mac export) is the
same people: nothing is updated, no history is written (README: names are stored in NFC)."""

from __future__ import annotations

import io
import unicodedata

import pytest
from openpyxl import load_workbook

from accounts import spreadsheets
from accounts.models import Unit, User

from .test_spreadsheets import snapshot

pytestmark = pytest.mark.django_db


def in_nfd(content: bytes) -> bytes:
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = unicodedata.normalize("NFD", cell.value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_same_people_in_nfd_are_the_same_people(person):
    before = snapshot()
    content = in_nfd(spreadsheets.export_workbook(units=Unit.objects.all(), people=User.objects.all()))

    result = spreadsheets.import_workbook(actor=person("admin"), content=content)

    assert (result.people_created, result.people_updated, result.units_created, result.units_updated) == (0, 0, 0, 0)
    assert snapshot() == before
