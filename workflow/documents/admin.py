"""The register in the Django admin: read-only, since documents change only through services."""

from django.contrib import admin

from workflow.admin_base import ReadOnlyAdmin

from .models import DocumentCounter, IssuedDocument


@admin.register(DocumentCounter)
class DocumentCounterAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "doc_type", "last_number"]
    list_filter = ["agency", "year", "doc_type"]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["number_text", "summary", "agency", "template_key", "status", "signer", "signed_at"]
    list_filter = ["agency", "status", "doc_type", "year"]
    search_fields = ["number_text", "summary"]
    exclude = ["data", "snapshot"]
