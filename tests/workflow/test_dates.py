"""Dates are read day first (workflow.dates): the one parser every form and page uses."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, translation

from workflow.dates import DateField, parse_date


@pytest.mark.parametrize(("typed", "date"), [
    ("05/12/2027", dt.date(2027, 12, 5)), ("5/12/2027", dt.date(2027, 12, 5)), ("05-12-2027", dt.date(2027, 12, 5)),
    ("05.12.2027", dt.date(2027, 12, 5)), (" 20/12/2026 ", dt.date(2026, 12, 20)), ("2027-12-05", dt.date(2027, 12, 5)),
    ("", None),
])
def test_a_date_is_read_day_first(typed, date):
    assert parse_date(typed) == date


@pytest.mark.parametrize(("typed", "message"), [
    ("12/20/2026", "Không có tháng 20: ngày ghi trước, tháng ghi sau (ngày/tháng/năm), ví dụ 20/12/2026."),
    ("29/02/2027", "Tháng 2 năm 2027 không có ngày 29."),
    ("32/13/2027", "Không có tháng 13"),
    ("20/12/26", "Nhập ngày theo dạng ngày/tháng/năm (dd/mm/yyyy)"),
    ("hôm nay", "Nhập ngày theo dạng ngày/tháng/năm (dd/mm/yyyy)"),
])
def test_anything_else_is_refused_with_the_reason(typed, message):
    with pytest.raises(ValidationError) as refused:
        parse_date(typed)
    assert message in refused.value.messages[0]


class _Form(forms.Form):
    day = DateField(label="Ngày")


def test_the_form_field_shows_and_reads_dd_mm_yyyy():
    form = _Form(initial={"day": dt.date(2027, 12, 5)})
    assert 'value="05/12/2027"' in str(form["day"]) and 'placeholder="dd/mm/yyyy"' in str(form["day"])

    bound = _Form({"day": "05/12/2027"})
    assert bound.is_valid() and bound.cleaned_data["day"] == dt.date(2027, 12, 5)
    refused = _Form({"day": "12/20/2026"})
    assert not refused.is_valid() and "Không có tháng 20" in refused.errors["day"][0]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_shown_and_typed_day_first_in_both_languages(language):
    with translation.override(language):
        assert formats.date_format(dt.date(2027, 12, 5), "SHORT_DATE_FORMAT") == "05/12/2027"
        assert formats.date_format(dt.date(2027, 12, 5)) == "05/12/2027"
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"
        # Django's own DateField (the admin's, a ModelForm's) reads day first too.
        assert forms.DateField().clean("05/12/2027") == dt.date(2027, 12, 5)
