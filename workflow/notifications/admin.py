"""The outbox and the preferences, read in the admin (they change through services and the settings page)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Notification, NotificationPreference


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
