"""Dates typed and shown the Vietnamese way: day first, ``dd/mm/yyyy``, in every form of the site.

A date is read with the day first and nothing else: "05/12/2027" is 5 December 2027, and a US
date such as "12/20/2026" is refused with a message saying why (there is no twentieth month)
rather than read another way. ISO dates (``2027-12-05``) are accepted too: four digits first
cannot be mistaken, and the browser tests and links with ``?ngay=`` use them.

``DateField`` is the form field every form of ours uses; ``parse_date`` reads a date from a plain
POST field (pages that build their inputs by hand); ``DateInput`` is a text input that shows the
date as ``dd/mm/yyyy`` and carries ``data-datepicker``, which ``static/js/datepicker.js`` turns
into a calendar that writes the same format.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DISPLAY_FORMAT = "%d/%m/%Y"
INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
PLACEHOLDER = "dd/mm/yyyy"

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _invalid_message(value: str) -> str:
    """Why ``value`` is not a date, in words a person can act on."""
    match = _DAY_FIRST.match(value)
    if match:
        day, month = int(match.group(1)), int(match.group(2))
        if month > 12 and 1 <= day <= 12:
            return str(_("Không có tháng %(month)d: ngày ghi trước, tháng ghi sau (ngày/tháng/năm), "
                         "ví dụ %(example)s.") % {"month": month, "example": f"{month:02d}/{day:02d}/{match.group(3)}"})
        if month > 12 or month < 1:
            return str(_("Không có tháng %(month)d: nhập ngày theo dạng ngày/tháng/năm, ví dụ 20/12/2026.")
                       % {"month": month})
        return str(_("Tháng %(month)d năm %(year)s không có ngày %(day)d.")
                   % {"month": month, "year": match.group(3), "day": day})
    return str(_("Nhập ngày theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 20/12/2026."))


def parse_date(value: str | None) -> dt.date | None:
    """``dd/mm/yyyy`` (or ISO) to a date; empty to None; anything else a ValidationError in Vietnamese."""
    value = (value or "").strip()
    if not value:
        return None
    match = _DAY_FIRST.match(value)
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = _ISO.match(value)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        pass
    raise ValidationError(_invalid_message(value), code="invalid")


def format_date(value: dt.date | None) -> str:
    return value.strftime(DISPLAY_FORMAT) if value else ""


class DateInput(forms.DateInput):
    """A text box showing ``dd/mm/yyyy``, with the site's calendar (``static/js/datepicker.js``)."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's name
        defaults = {"placeholder": PLACEHOLDER, "data-datepicker": "", "autocomplete": "off",
                    "inputmode": "numeric", "size": "12", "maxlength": "10", "class": "site-date"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or DISPLAY_FORMAT)


class DateField(forms.DateField):
    """A date typed day first; a US or impossible date refused with the reason, next to this field."""

    widget = DateInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", INPUT_FORMATS)
        help_text = kwargs.pop("help_text", None)
        super().__init__(help_text=help_text or _("Ngày/tháng/năm, ví dụ 20/12/2026."), **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return parse_date(str(value))
