"""Dates in the Vietnamese form of Nghị định 30/2020 (Phụ lục I, mục 4)."""

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template

from workflow.templatetags.vietnamese_dates import place_and_date, vietnamese_date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (dt.date(2024, 1, 31), "ngày 31 tháng 01 năm 2024"),
        (dt.date(2023, 3, 9), "ngày 09 tháng 3 năm 2023"),
        (dt.date(2023, 10, 15), "ngày 15 tháng 10 năm 2023"),
        (dt.date(2023, 12, 1), "ngày 01 tháng 12 năm 2023"),
        ("2023-06-13", "ngày 13 tháng 6 năm 2023"),
        (None, ""),
    ],
)
def test_days_below_ten_and_months_one_and_two_take_a_leading_zero(day, expected):
    assert vietnamese_date(day) == expected


def test_an_aware_datetime_is_dated_in_vietnam_time():
    late_evening_utc = dt.datetime(2024, 2, 4, 18, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))

    assert vietnamese_date(late_evening_utc) == "ngày 05 tháng 02 năm 2024"


def test_place_and_date_reads_like_the_line_under_the_number():
    assert place_and_date(dt.date(2024, 2, 5), "Quảng Ngãi") == "Quảng Ngãi, ngày 05 tháng 02 năm 2024"


def test_the_template_filters_print_both_forms():
    template = Template("{% load vietnamese_dates %}{{ d|vn_date }} / {{ d|vn_place_date:place }}")

    out = template.render(Context({"d": dt.date(2024, 2, 5), "place": "Quảng Ngãi"}))

    assert out == "ngày 05 tháng 02 năm 2024 / Quảng Ngãi, ngày 05 tháng 02 năm 2024"
