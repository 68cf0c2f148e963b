"""The OpenAPI 3 schema (drf-spectacular) and a page that reads it in Vietnamese.

The schema is served to clients (token) and signed-in people (session); the page is for people, drawn by our own
template from the same schema: no Swagger UI or Redoc fetched from a CDN (an office intranet may not reach one, and
a script from a third party's server has no place on this site). ``docs/api/openapi.yaml`` is the committed copy;
``tests/nominations/test_api_schema.py`` fails when the code's schema drifts from it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated

from .authentication import ApiTokenAuthentication, AuditorsReadOnly
from .views import ApiViewMixin

METHODS = ("get", "post", "put", "patch", "delete")


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "nominations.api.authentication.ApiTokenAuthentication"
    name = "maTruyCap"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "Mã truy cập do quản trị hệ thống cấp cho hệ thống kết nối (hiện một lần)."}


def generate() -> dict:
    """The schema as the code describes it (what the endpoint serves and the drift test compares)."""
    return SchemaGenerator().get_schema(request=None, public=True)


class SchemaView(ApiViewMixin, SpectacularAPIView):
    """The schema, YAML (``?format=json`` for JSON)."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated, AuditorsReadOnly]
    throttle_classes = []  # noqa: RUF012 - DRF's class attribute


class SchemaPageView(TemplateView):
    """Each route with its method, summary, parameters and answers, read from the schema."""

    template_name = "nominations/api/docs.html"
    extra_context = {"title": _("API kết nối hệ thống")}

    def get_context_data(self, **kwargs):
        schema = generate()
        operations = []
        for path, item in schema.get("paths", {}).items():
            for method in METHODS:
                operation = item.get(method)
                if operation is None:
                    continue
                operations.append({
                    "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [(p["name"], p.get("description", "")) for p in operation.get("parameters", [])
                                   if p.get("in") == "query"],
                    "responses": sorted(operation.get("responses", {})),
                })
        return super().get_context_data(schema=schema, operations=operations, **kwargs)
