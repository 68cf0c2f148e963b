"""Charts drawn on the server as SVG: no script, no CDN, readable by a screen reader.

Each chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>`` (the figures in words) and
text labels on every bar, so a printed page and a screen reader say what the bars show. Numbers
in, markup out: the engine knows nothing of what is counted. Every text is escaped.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#9c1c1c", "#c8a415", "#2e6f9e", "#4d8c57", "#7a4e9c", "#d9762b", "#5f6b73", "#b3476b")
ROW_HEIGHT = 22
LABEL_WIDTH = 230
BAR_WIDTH = 360
_ids = itertools.count(1)


def _header(*, title: str, desc: str, width: int, height: int) -> tuple[str, str]:
    uid = f"chart{next(_ids)}"
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="site-chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="{uid}-title {uid}-desc">'
        f'<title id="{uid}-title">{escape(title)}</title><desc id="{uid}-desc">{escape(desc)}</desc>'
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
        parts.append(
            f'<g><text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(_label(label))}'
            f'</text><rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{ROW_HEIGHT - 6}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {_number(value)}{escape(value_suffix)}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 4}" y="{y + 15}" font-size="12">{_number(value)}'
            f'{escape(value_suffix)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B703 B308 - every text above is escaped


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
        parts.append(f'<g><text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
                     f'{escape(_label(category))}</text>')
        x = float(LABEL_WIDTH)
        for number, name in enumerate(series):
            value = values.get((category, name), 0)
            if not value:
                continue
            length = round(BAR_WIDTH * value / top, 1)
            parts.append(f'<rect x="{x}" y="{y + 3}" width="{length}" height="{ROW_HEIGHT - 6}" '
                         f'fill="{PALETTE[number % len(PALETTE)]}"><title>{escape(category)} — {escape(name)}: '
                         f'{_number(value)}</title></rect>')
            x += length
        parts.append(f'<text x="{x + 4}" y="{y + 15}" font-size="12">{_number(totals[category])}</text></g>')
    legend_top = 10 + len(categories) * ROW_HEIGHT
    for number, name in enumerate(series):
        lx, ly = 10 + (number % 3) * 220, legend_top + (number // 3) * 18
        parts.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{PALETTE[number % len(PALETTE)]}"/>'
                     f'<text x="{lx + 16}" y="{ly + 11}" font-size="11">{escape(_label(name, 32))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B703 B308 - every text above is escaped


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value)) if isinstance(value, float) else str(value)
