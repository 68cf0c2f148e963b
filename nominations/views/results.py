"""What came of the nominations, for the people concerned: "Khen thưởng của tôi" (and of the units one
heads), and the list of every nominee one may read with its result, exported one row per line."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from accounts import vietnamese
from workflow.exports import ExcelExportMixin

from .. import exports
from ..models import Award, Cycle, LineStatus
from ..selectors import cycles_for_user
from ..selectors.dossiers import line_list_for_user
from ..selectors.results import (
    headed_units,
    line_decisions,
    person_awards,
    person_lines,
    unit_awards,
    unit_decisions,
)


class ResultsView(TemplateView):
    """The reader's own awards across the years with the decision of each, where their nominations of
    the year stand, and for a unit head the unit's awards and the decisions that name it."""

    template_name = "nominations/results.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        lines = list(person_lines(user=user))
        decisions = line_decisions(user=user, lines=lines)
        units = [{"unit": unit, "awards": unit_awards(user=user, unit=unit),
                  "documents": list(unit_decisions(user=user, unit=unit)[:50])}
                 for unit in headed_units(user=user)]
        return super().get_context_data(
            awards=person_awards(user=user),
            lines=[{"line": line, "decision": decisions.get(line.pk)} for line in lines],
            units=units, **kwargs)


class LineFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(label=gettext_lazy("Đợt xét"), queryset=Cycle.objects.none())
    award = django_filters.ModelChoiceFilter(label=gettext_lazy("Danh hiệu, hình thức"), queryset=Award.objects.all())
    status = django_filters.ChoiceFilter(label=gettext_lazy("Trạng thái"), choices=LineStatus.choices)
    q = django_filters.CharFilter(label=gettext_lazy("Tìm theo tên"), method="filter_name")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["cycle"].queryset = cycles_for_user(user)

    def filter_name(self, queryset, name, value):
        """Without tones as with them ("nguyen van" finds "Nguyễn Văn"); a unit by its name."""
        folded = vietnamese.fold(value)
        return queryset.filter(person__name_search_key__contains=folded) | queryset.filter(unit__name__icontains=value)


class LineListView(ExcelExportMixin, ListView):
    """Every nominee the reader may read (``lines_for_user``: the same scope as the dossiers), with the
    check, the vote and the decision; ``?xuat=xlsx`` gives the same rows, one per line."""

    export_spec = exports.LINES
    template_name = "nominations/line_list.html"
    paginate_by = 200

    def get_queryset(self):
        lines = (line_list_for_user(self.request.user)
                 .select_related("cycle__agency", "dossier__unit", "person__unit", "unit", "award",
                                 "commendation_kind", "agenda_item")
                 .order_by("-cycle__year", "dossier__unit__position", "position", "pk"))
        self.filterset = LineFilter(self.request.GET or None, queryset=lines, user=self.request.user)
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        """The page's ids first (sorted on the keys alone), then its 200 lines with their columns: sorting every
        visible line with all its joined columns before cutting the page took ~0.75 s for the secretariat at ten
        years. The same lines in the same order."""
        paginator, page, ids, is_paginated = super().paginate_queryset(queryset.values_list("pk", flat=True),
                                                                       page_size)
        ids = list(ids)
        by_pk = {line.pk: line for line in queryset.order_by().filter(pk__in=ids)}
        page.object_list = [by_pk[pk] for pk in ids]
        return paginator, page, page.object_list, is_paginated

    def export_rows(self):
        rows = list(self.get_queryset())
        decisions = line_decisions(user=self.request.user, lines=rows)
        for line in rows:
            line.decision = decisions.get(line.pk)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter=self.filterset, **kwargs)
        decisions = line_decisions(user=self.request.user, lines=context["object_list"])
        context["rows"] = [{"line": line, "decision": decisions.get(line.pk)} for line in context["object_list"]]
        return context
