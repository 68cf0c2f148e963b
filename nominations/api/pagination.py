"""One pagination for every list: ``?page=`` (from 1) and ``?page_size=`` (at most 100), and a count that stops
at ``COUNT_CAP`` as the registry page's does (``count_capped`` says when it stopped): a list never counts a whole
table. Reads ``page_size + 1`` rows to know whether a next page exists."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..selectors.records import COUNT_CAP, capped_count

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def _positive(request, name: str, default: int, limit: int | None = None) -> int:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1 or (limit is not None and number > limit):
        raise ValidationError({name: [_("Nhập một số nguyên từ 1 đến %(limit)s.") % {"limit": limit or COUNT_CAP}]})
    return number


class Pagination(BasePagination):
    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = _positive(request, "page_size", PAGE_SIZE, MAX_PAGE_SIZE)
        self.page = _positive(request, "page", 1, COUNT_CAP // self.page_size + 1)
        start = (self.page - 1) * self.page_size
        window = list(queryset[start: start + self.page_size + 1])
        self.has_next = len(window) > self.page_size
        count = getattr(view, "count", None)
        self.total = count() if count is not None else capped_count(queryset)
        return window[: self.page_size]

    def _link(self, page: int | None) -> str | None:
        if page is None:
            return None
        url = self.request.build_absolute_uri()
        return remove_query_param(url, "page") if page == 1 else replace_query_param(url, "page", page)

    def get_paginated_response(self, data) -> Response:
        return Response({
            "count": min(self.total, COUNT_CAP),
            "count_capped": self.total > COUNT_CAP,
            "next": self._link(self.page + 1 if self.has_next else None),
            "previous": self._link(self.page - 1 if self.page > 1 else None),
            "results": data,
        })

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "count_capped", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": f"Số kết quả, đếm tối đa {COUNT_CAP}."},
                "count_capped": {"type": "boolean", "description": f"Có hơn {COUNT_CAP} kết quả."},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {"name": "page", "in": "query", "required": False, "description": "Trang, từ 1.",
             "schema": {"type": "integer", "minimum": 1}},
            {"name": "page_size", "in": "query", "required": False,
             "description": f"Số dòng một trang (mặc định {PAGE_SIZE}, tối đa {MAX_PAGE_SIZE}).",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
        ]
