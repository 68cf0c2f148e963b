"""Tables the templates print but do not compute: the report's statistics (domain §7)."""

from __future__ import annotations

from collections.abc import Iterable


def statistics_table(*, title: str, rows: Iterable[dict]) -> dict:
    """Group rows {group, label, outcome, leaders, workers} for ``bao_cao_tong_ket``.

    Leaders (lãnh đạo, quản lý) and direct workers (người trực tiếp công tác) are counted
    apart, as Sở Nội vụ asks in every year-end report; a row's total is their sum, never typed
    in. There is no grand total: proposals and results of the same award must not be added.
    """
    groups: dict[str, list[dict]] = {}
    for row in rows:
        leaders, workers = int(row.get("leaders") or 0), int(row.get("workers") or 0)
        groups.setdefault(row["group"], []).append({
            "label": row["label"], "outcome": row.get("outcome", ""),
            "leaders": leaders, "workers": workers, "total": leaders + workers,
        })
    return {
        "title": title,
        "groups": [{"heading": heading, "rows": group_rows} for heading, group_rows in groups.items()],
    }
