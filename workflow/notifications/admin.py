"""The outbox and the preferences, read in the admin (they change through services and the settings page).

The outbox shows each message's delivery state: waiting (with its attempts, next try and last error),
sent, or failed for good with the error the mail server gave.
"""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflow.admin_base import NoWrites, ReadOnlyAdmin

from .models import Notification, NotificationPreference, NotificationStatus


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "mode"]
    list_filter = ["mode"]


class StatusFilter(admin.SimpleListFilter):
    title = _("trạng thái gửi")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return NotificationStatus.choices

    def queryset(self, request, queryset):
        match self.value():
            case NotificationStatus.SENT:
                return queryset.filter(sent_at__isnull=False)
            case NotificationStatus.FAILED:
                return queryset.filter(sent_at__isnull=True, failed_at__isnull=False)
            case NotificationStatus.PENDING:
                return queryset.filter(Q(sent_at__isnull=True) & Q(failed_at__isnull=True))
        return queryset


@admin.register(Notification)
class NotificationAdmin(NoWrites, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "event", "subject", "mode", "delivery_status", "attempts",
                    "sent_at", "last_error"]
    list_filter = [StatusFilter, "event", "mode"]
    search_fields = ["subject", "message_id", "recipient__username", "recipient__email"]
    readonly_fields = ["message_id"]

    @admin.display(description=_("trạng thái gửi"))
    def delivery_status(self, obj: Notification) -> str:
        return NotificationStatus(obj.status).label

