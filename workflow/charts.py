"""Charts drawn on the server as SVG: no script, no CDN, readable by a screen reader.

Each chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>`` (the figures in words) and
text labels on every bar, so a printed page and a screen reader say what the bars show. Numbers
in, markup out: the engine knows nothing of what is counted. Every text is escaped.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

PALETTE = ("#9c1c1c", "#c8a415", "#2e6f9e", "#4d8c57", "#7a4e9c", "#d9762b", "#5f6b73", "#b3476b")
ROW_HEIGHT = 22
LABEL_WIDTH = 230
BAR_WIDTH = 360
_ids = itertools.count(1)


def _header(*, title: str, desc: str, width: int, height: int) -> tuple[str, str]:
    uid = f"chart{next(_ids)}"
    opening = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="site-chart" role="img" width="{w}" height="{h}" '
        'viewBox="0 0 {w} {h}" aria-labelledby="{uid}-title {uid}-desc">'
        '<title id="{uid}-title">{title}</title><desc id="{uid}-desc">{desc}</desc>',
        w=width, h=height, uid=uid, title=title, desc=desc,
    )
    return opening, uid


def _label(text: str, limit: int = 34) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(*, title: str, rows: Sequence[tuple[str, float]], value_suffix: str = "") -> SafeString:
    """Horizontal bars, one per (label, value), longest scaled to the full width."""
    rows = [(str(label), value or 0) for label, value in rows]
    height = max(1, len(rows)) * ROW_HEIGHT + 10
    width = LABEL_WIDTH + BAR_WIDTH + 70
    desc = "; ".join(f"{label}: {_number(value)}{value_suffix}" for label, value in rows) or "—"
    opening, _uid = _header(title=title, desc=desc, width=width, height=height)
    top = max((value for _label_text, value in rows), default=0) or 1
    parts = [opening]
    for index, (label, value) in enumerate(rows):
        y = 5 + index * ROW_HEIGHT
        length = round(BAR_WIDTH * value / top, 1)
        parts.append(format_html(
            '<g><text x="{lx}" y="{ty}" text-anchor="end" font-size="12">{short}</text>'
            '<rect x="{x}" y="{ry}" width="{length}" height="{h}" fill="{fill}"><title>{label}: {value}{suffix}</title>'
            '</rect><text x="{vx}" y="{ty}" font-size="12">{value}{suffix}</text></g>',
            lx=LABEL_WIDTH - 6, ty=y + 15, short=_label(label), x=LABEL_WIDTH, ry=y + 3, length=length,
            h=ROW_HEIGHT - 6, fill=PALETTE[0], label=label, value=_number(value), suffix=value_suffix,
            vx=LABEL_WIDTH + length + 4,
        ))
    return _close(parts)


def stacked_bar_chart(*, title: str, categories: Sequence[str], series: Sequence[str],
                      values: dict[tuple[str, str], float]) -> SafeString:
    """One horizontal bar per category, split by series, with a legend; ``values[(category, series)]``."""
    categories, series = [str(c) for c in categories], [str(s) for s in series]
    legend_rows = (len(series) + 2) // 3
    height = max(1, len(categories)) * ROW_HEIGHT + 10 + legend_rows * 18 + 6
    width = LABEL_WIDTH + BAR_WIDTH + 70
    totals = {c: sum(values.get((c, s), 0) for s in series) for c in categories}
    desc = "; ".join(
        f"{c}: " + ", ".join(f"{s} {_number(values[(c, s)])}" for s in series if values.get((c, s)))
        for c in categories
    ) or "—"
    opening, _uid = _header(title=title, desc=desc, width=width, height=height)
    top = max(totals.values(), default=0) or 1
    parts = [opening]
    for index, category in enumerate(categories):
        y = 5 + index * ROW_HEIGHT
        parts.append(format_html('<g><text x="{x}" y="{y}" text-anchor="end" font-size="12">{text}</text>',
                                 x=LABEL_WIDTH - 6, y=y + 15, text=_label(category)))
        x = float(LABEL_WIDTH)
        for number, name in enumerate(series):
            value = values.get((category, name), 0)
            if not value:
                continue
            length = round(BAR_WIDTH * value / top, 1)
            parts.append(format_html(
                '<rect x="{x}" y="{y}" width="{length}" height="{h}" fill="{fill}"><title>{category} — {name}: '
                '{value}</title></rect>', x=x, y=y + 3, length=length, h=ROW_HEIGHT - 6,
                fill=PALETTE[number % len(PALETTE)], category=category, name=name, value=_number(value)))
            x += length
        parts.append(format_html('<text x="{x}" y="{y}" font-size="12">{total}</text></g>', x=x + 4, y=y + 15,
                                 total=_number(totals[category])))
    legend_top = 10 + len(categories) * ROW_HEIGHT
    for number, name in enumerate(series):
        lx, ly = 10 + (number % 3) * 220, legend_top + (number // 3) * 18
        parts.append(format_html(
            '<rect x="{x}" y="{y}" width="12" height="12" fill="{fill}"/><text x="{tx}" y="{ty}" font-size="11">'
            '{name}</text>', x=lx, y=ly, fill=PALETTE[number % len(PALETTE)], tx=lx + 16, ty=ly + 11,
            name=_label(name, 32)))
    return _close(parts)


def _close(parts: list[SafeString]) -> SafeString:
    return format_html("{}</svg>", format_html_join("", "{}", ((part,) for part in parts)))


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value)) if isinstance(value, float) else str(value)
