"""``/api/v1/``: the routes of API version 1 (URL names ``api:<basename>-list`` / ``-detail``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import schema, views

app_name = "api"

router = SimpleRouter()
router.register("registry", views.RegistryViewSet, basename="registry")
router.register("cycles", views.CycleViewSet, basename="cycle")
router.register("dossiers", views.DossierViewSet, basename="dossier")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("units", views.UnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")
router.register("report-requests", views.ReportRequestViewSet, basename="report-request")

urlpatterns = [
    path("schema/", schema.SchemaView.as_view(), name="schema"),
    path("docs/", schema.SchemaPageView.as_view(), name="docs"),
    *router.urls,
]
