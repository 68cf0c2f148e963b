"""Tra cứu khen thưởng: the search of the awards registry (``?xuat=xlsx`` gives the same rows as Excel) and the
record page of a person or a unit. Read only: GET pages, no write."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from workflow.exports import EXPORT_PARAM

from .. import exports
from ..forms.records import RecordSearchForm
from ..selectors.records import (
    COUNT_CAP,
    PAGE_SIZE,
    RecordQuery,
    person_record,
    registry_scope,
    search_agencies,
    search_registry,
    search_units,
    unit_record,
)

EXPORT_CAP = 20_000  # rows in one Excel export; a wider search is narrowed first


class RecordSearchView(TemplateView):
    """The page the secretariat opens while checking a dossier: the registry of every agency in scope, by name
    (without tones), birth year, agency, unit, title, years and decision number; 25 rows a page."""

    template_name = "nominations/records/search.html"

    def get(self, request, *args, **kwargs):
        units = registry_scope(request.user)
        if not units:
            raise Http404  # the same answer as for a page that does not exist
        form = RecordSearchForm(request.GET or None, agencies=search_agencies(request.user, units),
                                units=search_units(request.user, units))
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, rows=[], searched=False))
        query = form.query() if form.is_bound else RecordQuery()
        found = search_registry(request.user, query, units=units)
        rows = found.rows
        if request.GET.get(EXPORT_PARAM) == "xlsx":
            return exports.RECORDS.response(rows[:EXPORT_CAP].iterator(chunk_size=2000))
        page = _page_number(request.GET.get("trang"))
        window = list(rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE + 1])
        total = found.count()
        return self.render_to_response(self.get_context_data(
            form=form, rows=window[:PAGE_SIZE], searched=True, page=page, has_next=len(window) > PAGE_SIZE,
            total=min(total, COUNT_CAP), more=total > COUNT_CAP, export_cap=EXPORT_CAP,
            first=(page - 1) * PAGE_SIZE + 1 if window else 0, last=(page - 1) * PAGE_SIZE + len(window[:PAGE_SIZE]),
            querystring=_without_page(request.GET)))


def _page_number(value: str | None) -> int:
    try:
        page = int(value or 1)
    except ValueError:
        return 1
    return min(max(page, 1), COUNT_CAP // PAGE_SIZE + 1)


def _without_page(params) -> str:
    copy = params.copy()
    copy.pop("trang", None)
    copy.pop(EXPORT_PARAM, None)
    return copy.urlencode()


class PersonRecordView(TemplateView):
    template_name = "nominations/records/record.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=person_record(self.request.user, kwargs["pk"]), **kwargs)


class UnitRecordView(TemplateView):
    template_name = "nominations/records/record.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=unit_record(self.request.user, kwargs["pk"]), **kwargs)
