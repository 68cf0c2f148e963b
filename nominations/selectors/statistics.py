"""The Ministry of Home Affairs' statistics forms filled from the awards registry (docs/legal-basis.md,
"Biểu thống kê thi đua, khen thưởng"): who may see an agency's, and each form's cells.

What an agency counts: the awards of its own people and units (``PastAward`` of a person of one of its units
or of one of its units), standing (an annulled award no longer counts: Luật Thi đua, khen thưởng 2022, Điều 93
khoản 2), of the form's level (cấp Nhà nước for 0602.N, cấp tỉnh for 0603.N/0703.N), decided within the
circular's reporting period (by the date of the decision). The agency sends its part to Sở Nội vụ, which
compiles the province's form; an award decided by the agency's own head (cấp cơ sở) is on no form.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts import vietnamese
from accounts.models import Agency, User
from accounts.selectors import agencies_in_scope

from ..models import PastAward
from ..statistics.definitions import (
    COLLECTIVE,
    COLLECTIVES,
    HEADING,
    PERSON,
    PERSONS,
    TOTAL,
    WORKERS,
    Circular,
    Column,
    FormDef,
    Row,
)


def statistics_agencies_for_user(user: User) -> QuerySet[Agency]:
    """The agencies whose forms the person may fill and download: those they work over as a whole (the
    secretariat, the chief and deputies, the agency's or the province's auditor)."""
    return agencies_in_scope(user).order_by("name")


def get_statistics_agency_for_user(user: User, pk: int | None) -> Agency:
    """The agency asked for, or the person's only one when none is asked; 404 for a missing or forbidden one."""
    agencies = statistics_agencies_for_user(user)
    agency = agencies.filter(pk=pk).first() if pk is not None else agencies.first()
    if agency is None:
        raise Http404
    return agency


@dataclass(frozen=True)
class HeaderCell:
    line: int
    start: int
    rowspan: int
    colspan: int
    text: str


@dataclass
class FilledRow:
    row: Row
    total: int | None
    cells: list[int | None]


@dataclass
class FilledForm:
    """One form of one agency and year, ready for the page, the sheet and the PDF."""

    circular: Circular
    form: FormDef
    agency: Agency
    year: int
    period: tuple[dt.date, dt.date]
    columns: list[Column]
    rows: list[FilledRow]
    outside: list[dict] = field(default_factory=list)
    leaders: int = 0
    undated: int = 0

    @property
    def header(self) -> list[HeaderCell]:
        return header_cells(self.columns)

    @property
    def header_by_line(self) -> list[list[HeaderCell]]:
        """The header cells line by line, each line's cells left to right (an HTML table's rows)."""
        lines: list[list[HeaderCell]] = [[] for _ in range(self.header_lines)]
        for cell in self.header:
            lines[cell.line].append(cell)
        return [sorted(line, key=lambda c: c.start) for line in lines]

    @property
    def numbers(self) -> list[tuple[str, int]]:
        """The numbering line over the count columns: (number, how many columns it spans)."""
        merged: list[list] = []
        for column in self.columns:
            if merged and merged[-1][0] == column.number:
                merged[-1][1] += 1
            else:
                merged.append([column.number, 1])
        return [(number, span) for number, span in merged]

    @property
    def total_number(self) -> str:
        """"1=(2+3+4+5)": the total column is the sum of the numbered columns."""
        return "1=(" + "+".join(number for number, _span in self.numbers) + ")"

    @property
    def header_lines(self) -> int:
        return len(self.columns[0].headers) if self.columns else 1

    @property
    def has_uncounted(self) -> bool:
        return any(r.total is None and r.row.measure != HEADING for r in self.rows)

    def total(self, code: str) -> int | None:
        return next(r.total for r in self.rows if r.row.code == code)

    def cell(self, code: str, slot: str, nominee: str = "") -> int | None:
        """The count of the row with ``code`` in the column(s) of ``slot`` (and nominee), summed."""
        row = next(r for r in self.rows if r.row.code == code)
        picked = [v for c, v in zip(self.columns, row.cells, strict=True)
                  if c.slot.split(":")[0] == slot and (not nominee or c.nominee == nominee)]
        return None if any(v is None for v in picked) else sum(picked)


def header_cells(columns: list[Column]) -> list[HeaderCell]:
    """The merged header over the count columns: on each line, neighbours with the same text under the same
    headers above are one cell; a cell reaches down over the lines left empty below it."""
    lines = len(columns[0].headers) if columns else 0
    cells: list[HeaderCell] = []
    covered: set[tuple[int, int]] = set()
    for line in range(lines):
        index = 0
        while index < len(columns):
            text = columns[index].headers[line]
            if (line, index) in covered or not text:
                index += 1
                continue
            end = index + 1
            while (end < len(columns) and columns[end].headers[: line + 1] == columns[index].headers[: line + 1]
                   and (line, end) not in covered):
                end += 1
            depth = 1
            while line + depth < lines and all(not columns[i].headers[line + depth] for i in range(index, end)):
                depth += 1
            for dl in range(depth):
                for i in range(index, end):
                    covered.add((line + dl, i))
            cells.append(HeaderCell(line, index, depth, end - index, text))
            index = end
    return cells


def _records(agency: Agency, form: FormDef, period: tuple[dt.date, dt.date]):
    """(award pk, name, position, collective?, leader?) of every award the form counts; one query."""
    return (PastAward.objects.standing()
            .filter(Q(person__unit__agency=agency) | Q(unit__agency=agency))
            .filter(award__level=form.level, decision_date__range=period)
            .values_list("award_id", "award__name", "award__position", "unit_id", "person__is_leader"))


def undated_awards(agency: Agency, year: int) -> int:
    """Registry rows of ``year`` without a decision date: no period can hold them, so no form counts them."""
    return (PastAward.objects.standing().filter(year=year, decision_date__isnull=True)
            .filter(Q(person__unit__agency=agency) | Q(unit__agency=agency)).count())


def _columns(form: FormDef, found: dict[str, list[tuple[int, str, int]]]) -> list[Column]:
    """The form's columns, a dynamic group's ("each form of award its own column") one set per award found."""
    columns: list[Column] = []
    for slot in dict.fromkeys(c.slot for c in form.columns):
        template = [c for c in form.columns if c.slot == slot]
        awards = sorted(set(found.get(slot, ())), key=lambda a: (a[2], a[1])) if slot in form.dynamic else []
        if not awards:
            columns += template
            continue
        for pk, name, _position in awards:
            for c in template:
                headers = (*c.headers[:2], name, *c.headers[3:])
                columns.append(replace(c, slot=f"{slot}:{pk}", headers=headers))
    return columns


def fill_form(*, agency: Agency, year: int, circular: Circular, form: FormDef) -> FilledForm:
    """Count each cell of ``form`` for ``agency`` and ``year``: what the module docstring says is counted, by
    the rows' measures (``definitions.Row``); a row the registry cannot answer stays None in every cell."""
    period = circular.period(year)
    slots: list[tuple[str, bool, bool]] = []
    found: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    outside: dict[str, list[int]] = {}
    leaders = 0
    for award_pk, name, position, unit_id, is_leader in _records(agency, form, period):
        slot = form.slot_of(vietnamese.fold(name))
        collective = unit_id is not None
        if slot is None:
            outside.setdefault(name, [0, 0])[0 if collective else 1] += 1
            continue
        if slot in form.dynamic:
            found[slot].append((award_pk, name, position))
            slot = f"{slot}:{award_pk}"
        slots.append((slot, collective, bool(is_leader) and not collective))
        leaders += bool(is_leader) and not collective
    columns = _columns(form, found)

    def count(column: Column, measure: str) -> int:
        def matches(slot: str, collective: bool) -> bool:
            nominee = COLLECTIVE if collective else PERSON
            return slot == column.slot and column.nominee in ("", nominee)

        if measure == COLLECTIVES:
            return sum(1 for s, c, _l in slots if c and matches(s, c))
        if measure == PERSONS:
            return sum(1 for s, c, _l in slots if not c and matches(s, c))
        if measure == WORKERS:
            return sum(1 for s, c, leader in slots if not c and not leader and matches(s, c))
        if measure == TOTAL:
            return sum(1 for s, c, _l in slots if matches(s, c))
        return 0  # ZERO

    rows = []
    for row in form.rows:
        if row.measure is None or row.measure == HEADING:
            rows.append(FilledRow(row, None, [None] * len(columns)))
            continue
        cells = [count(column, row.measure) for column in columns]
        rows.append(FilledRow(row, sum(cells), cells))
    return FilledForm(
        circular=circular, form=form, agency=agency, year=year, period=period, columns=columns, rows=rows,
        outside=[{"name": n, "collectives": c, "persons": p} for n, (c, p) in sorted(outside.items())],
        leaders=leaders, undated=undated_awards(agency, year),
    )


__all__ = ["FilledForm", "fill_form", "get_statistics_agency_for_user", "header_cells",
           "statistics_agencies_for_user", "undated_awards"]
