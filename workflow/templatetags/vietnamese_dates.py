"""Dates as Vietnamese documents print them (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 4).

"ngày 05 tháng 02 năm 2024": days below 10 and the months 1 and 2 take a leading zero, other
months do not ("ngày 15 tháng 10 năm 2023").
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats, timezone, translation

register = template.Library()


def _as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def vietnamese_date(value: dt.date | dt.datetime | str | None) -> str:
    """"ngày 05 tháng 02 năm 2024"; an empty value prints nothing."""
    day = _as_date(value)
    if day is None:
        return ""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(value: dt.date | dt.datetime | str | None, place: str) -> str:
    """"Quảng Ngãi, ngày 05 tháng 02 năm 2024", the italic line under the number."""
    return f"{place}, {vietnamese_date(value)}"


@register.filter(name="vn_date")
def vn_date(value):
    """A page's long date in the reader's language: "ngày 05 tháng 02 năm 2024", or "5 February 2024" in
    English. Documents and e-mails render in Vietnamese (translation.override), so they keep the Vietnamese form."""
    if (translation.get_language() or "vi").startswith("vi"):
        return vietnamese_date(value)
    day = _as_date(value)
    return formats.date_format(day, "j F Y") if day else ""


@register.filter(name="vn_place_date")
def vn_place_date(value, place):
    return place_and_date(value, place)
