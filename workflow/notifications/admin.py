"""The outbox and the preferences, read in the admin (they change through services and the settings page)."""

from django.contrib import admin

from workflow.admin_base import ReadOnlyAdmin

from .models import Notification, NotificationPreference


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "mode"]
    list_filter = ["mode"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "event", "subject", "mode", "sent_at"]
    list_filter = ["event", "mode"]
    search_fields = ["subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
