"""Movements, blocs and the documents the annual report cites in the Django admin (IT staff keep them; the
secretariat records the report's documents on the report's page), every change kept in history.

Registrations are not edited here: they change only through their flow (``services.pledges``).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BlocMembership, EmulationBloc, Movement, ReportReference


@admin.register(Movement)
class MovementAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "document_number", "document_date", "document_issuer", "period_start",
                    "period_end", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "document_number", "document_issuer"]


class BlocMembershipInline(admin.TabularInline):
    model = BlocMembership
    extra = 0
    fields = ["agency", "year", "is_leader", "covenant_signed_on"]
    readonly_fields = ["covenant_signed_on"]


@admin.register(EmulationBloc)
class EmulationBlocAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "province"]
    inlines = [BlocMembershipInline]


@admin.register(ReportReference)
class ReportReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "year", "role", "kind", "number", "date", "issuer", "summary", "movement"]
    list_filter = ["role", "year", "agency"]
    search_fields = ["number", "issuer", "summary"]
