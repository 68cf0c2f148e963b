"""Verdicts as people read them: a coloured Vietnamese label (Đạt / Không đạt / Cần bổ sung / Lưu ý),
never the engine's code ("fail", "warning") that the ballot used to show."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from ..eligibility import Outcome

register = template.Library()


@register.filter(name="verdict_label")
def verdict_label(outcome: str) -> str:
    """``{{ line.outcome|verdict_label }}``: the badge of an outcome; empty for a line not checked."""
    try:
        value = Outcome(outcome)
    except ValueError:
        return ""
    return format_html('<span class="verdict-badge verdict-{}">{}</span>', value.value, value.label)
